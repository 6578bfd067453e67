"""iop session export --ics: an RFC 5545 calendar of sessions, end to end (parsed with icalendar)."""

import datetime
import os
import stat
import unittest
import zoneinfo

import icalendar

from iop_test import NOT_FOUND, USAGE, IopTestCase

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


class IcsExportTest(IopTestCase):
    # Tuesday 20 October 2026: before New York's fall-back on Sunday 1 November.
    now = "2026-10-20T17:00:00Z"

    def enroll(self, first, last, *extra):
        r = self.ok("-q", "client", "enroll", "--first", first, "--last", last, "--dob", "1985-02-01",
                    "--admit", "2026-10-01", *extra)
        return int(r.out)

    def setUp(self):
        super().setUp()
        self.dana = self.add_clinician("Dana Reyes", "LMFT", "individual,couples", "--tz", "America/Los_Angeles")
        self.sam = self.add_clinician("Sam Ito", "LADC", "individual,couples", "--tz", "America/Los_Angeles")
        self.ana = self.enroll("Ana", "Reed", "--tz", "America/New_York")
        self.ben = self.enroll("Ben", "Reed", "--tz", "America/New_York")
        self.couple = int(self.ok("-q", "couple", "pair", str(self.ana), str(self.ben),
                                  "--therapist", str(self.dana), "--since", "2026-10-01").out)
        # 09:00 in New York before (EDT) and after (EST) the change.
        self.before_dst = self.schedule("--type", "individual", "--clinician", str(self.dana), "--client",
                                        str(self.ana), "--start", "2026-10-28 09:00", "--tz", "America/New_York",
                                        "--link", "https://video.example/room/1",
                                        "--note-text", "bring the relapse prevention plan")
        self.after_dst = self.schedule("--type", "couples", "--clinician", str(self.dana), "--couple",
                                       str(self.couple), "--start", "2026-11-04 09:00", "--tz", "America/New_York")
        self.sams = self.schedule("--type", "individual", "--clinician", str(self.sam), "--client", str(self.ben),
                                  "--start", "2026-11-05 10:00")
        self.far = self.schedule("--type", "individual", "--clinician", str(self.sam), "--client", str(self.ben),
                                 "--start", "2027-03-01 10:00")  # beyond the default 90 days

    def export(self, *args, **kwargs):
        r = self.ok("session", "export", "--ics", *args, **kwargs)
        return r, icalendar.Calendar.from_ical(r.out)

    @staticmethod
    def events(cal):
        return {int(str(e["DESCRIPTION"]).rsplit("iop session ", 1)[1]): e for e in cal.walk("VEVENT")}

    def test_calendar_has_one_event_per_session_in_range(self):
        r, cal = self.export()
        self.assertEqual(str(cal["VERSION"]), "2.0")
        self.assertIn("PRODID", cal)
        self.assertTrue(r.out.startswith("BEGIN:VCALENDAR\n"))  # (text mode turns CRLF into \n)
        events = self.events(cal)
        self.assertEqual(sorted(events), sorted([self.before_dst, self.after_dst, self.sams]))
        for e in events.values():
            for key in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "STATUS", "SEQUENCE"):
                self.assertIn(key, e)

    def test_times_are_the_local_times_booked_across_daylight_saving(self):
        _, cal = self.export()
        events = self.events(cal)
        for sid in (self.before_dst, self.after_dst):
            start = events[sid]["DTSTART"].dt
            self.assertEqual(start.utcoffset(), datetime.timedelta(0))  # written in UTC
            local = start.astimezone(NEW_YORK)
            self.assertEqual((local.hour, local.minute), (9, 0), sid)
        self.assertEqual(events[self.before_dst]["DTSTART"].dt.astimezone(NEW_YORK).date(),
                         datetime.date(2026, 10, 28))
        self.assertEqual(events[self.after_dst]["DTSTART"].dt.astimezone(NEW_YORK).date(),
                         datetime.date(2026, 11, 4))
        shown = self.ok_json("session", "show", str(self.after_dst))
        self.assertEqual(events[self.after_dst]["DTEND"].dt - events[self.after_dst]["DTSTART"].dt,
                         datetime.timedelta(minutes=shown["minutes"]))

    def test_uids_are_stable_across_exports(self):
        _, first = self.export()
        _, second = self.export(env={"IOP_NOW": "2026-10-21T09:00:00Z"})
        uids = {sid: str(e["UID"]) for sid, e in self.events(first).items()}
        self.assertEqual(uids, {sid: str(e["UID"]) for sid, e in self.events(second).items()})
        self.assertEqual(len(set(uids.values())), 3)

    def test_cancelled_session_is_kept_as_cancelled_with_a_new_sequence(self):
        _, before = self.export()
        self.assertEqual(int(self.events(before)[self.sams]["SEQUENCE"]), 0)
        self.ok("session", "cancel", str(self.sams))
        _, after = self.export()
        events = self.events(after)
        self.assertEqual(str(events[self.sams]["STATUS"]), "CANCELLED")
        self.assertGreater(int(events[self.sams]["SEQUENCE"]), 0)
        self.assertEqual(str(events[self.before_dst]["STATUS"]), "CONFIRMED")
        self.assertEqual(str(events[self.sams]["UID"]), str(self.events(before)[self.sams]["UID"]))

    def test_summary_has_initials_only_by_default(self):
        r, cal = self.export()
        events = self.events(cal)
        self.assertEqual(str(events[self.after_dst]["SUMMARY"]), "Couples: A.R. & B.R.")
        self.assertEqual(str(events[self.before_dst]["SUMMARY"]), "Individual: A.R.")
        self.assertNotIn("Reed", r.out)
        self.assertNotIn("relapse", r.out)  # the session's note never leaves the practice
        self.assertEqual(str(events[self.before_dst]["LOCATION"]), "https://video.example/room/1")
        self.assertEqual(str(events[self.before_dst]["URL"]), "https://video.example/room/1")

    def test_full_names_when_asked(self):
        _, cal = self.export("--full-names")
        events = self.events(cal)
        self.assertEqual(str(events[self.after_dst]["SUMMARY"]), "Couples: Ana Reed & Ben Reed")
        self.assertEqual(str(events[self.sams]["SUMMARY"]), "Individual: Ben Reed")

    def test_clinician_and_range(self):
        _, cal = self.export("--clinician", str(self.sam))
        self.assertEqual(sorted(self.events(cal)), [self.sams])
        _, cal = self.export("--from", "2026-11-01", "--to", "2026-11-04")
        self.assertEqual(sorted(self.events(cal)), [self.after_dst])
        _, cal = self.export("--from", "2027-03-01", "--to", "2027-03-01")
        self.assertEqual(sorted(self.events(cal)), [self.far])
        _, cal = self.export("--from", "2027-04-01")
        self.assertEqual(self.events(cal), {})
        self.fails(NOT_FOUND, "session", "export", "--ics", "--clinician", "99")
        self.fails(USAGE, "session", "export", "--ics", "--from", "2026-12-01", "--to", "2026-11-01")

    def test_out_writes_a_private_file_atomically(self):
        folder = os.path.join(self.dir, "cal")
        os.mkdir(folder)
        path = os.path.join(folder, "dana.ics")
        r = self.ok("session", "export", "--ics", "--clinician", str(self.dana), "--out", path)
        self.assertEqual(r.out, "")
        self.assertIn("wrote 2 sessions", r.err)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        self.assertEqual(os.listdir(folder), ["dana.ics"])  # no temporary file left behind
        with open(path, "rb") as f:
            data = f.read()
        self.assertTrue(data.startswith(b"BEGIN:VCALENDAR\r\n"))  # RFC 5545 lines end in CRLF
        self.assertTrue(data.endswith(b"END:VCALENDAR\r\n"))
        cal = icalendar.Calendar.from_ical(data)
        self.assertEqual(sorted(self.events(cal)), [self.before_dst, self.after_dst])
        # Written again: replaced, still private.
        self.ok("-q", "session", "export", "--ics", "--out", path)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        self.assertEqual(os.listdir(folder), ["dana.ics"])
        self.fails(USAGE, "session", "export", "--ics", "--out", os.path.join(self.dir, "missing", "x.ics"))

    def test_ics_is_required_and_help_has_an_example(self):
        self.fails(USAGE, "session", "export")
        self.assertIn("Example:", self.ok("session", "export", "--help").out)


if __name__ == "__main__":
    unittest.main()
