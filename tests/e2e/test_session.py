"""iop session schedule|list|show|attend|no-show|cancel|reschedule, end to end."""

import subprocess
import unittest

from iop_test import BUSY, CONFLICT, IOP_BIN, NOT_FOUND, OK, USAGE, IopTestCase

SCHED = ("session", "schedule")


class SessionTest(IopTestCase):
    def enroll(self, first, last="Reed", admit="2026-11-02"):
        r = self.ok("-q", "client", "enroll", "--first", first, "--last", last, "--dob", "1985-02-01",
                    "--admit", admit)
        return int(r.out)

    def clinician(self, name, roles="individual,couples,group", tz="America/New_York", credential="LMFT"):
        r = self.ok("-q", "clinician", "add", "--name", name, "--credential", credential, "--role", roles,
                    "--tz", tz)
        return int(r.out)

    def pair(self, a, b, therapist, since="2026-11-02"):
        r = self.ok("-q", "couple", "pair", str(a), str(b), "--therapist", str(therapist), "--since", since)
        return int(r.out)

    def individual(self, client, start, *extra, clinician=None, env=None):
        return self.ok_json(*SCHED, "--type", "individual", "--clinician", str(clinician or self.dana),
                            "--client", str(client), "--start", start, *extra, env=env)

    def setUp(self):
        super().setUp()
        self.dana = self.clinician("Dana Reyes")
        self.sam = self.clinician("Sam Ito", roles="addiction,group", credential="LADC",
                                  tz="America/Los_Angeles")
        self.ana = self.enroll("Ana")
        self.ben = self.enroll("Ben")
        self.cal = self.enroll("Cal", "Ito")

    def count_sessions(self):
        return self.sql("SELECT COUNT(*) FROM sessions")[0][0]

    # --- schedule: a single session -------------------------------------------------------------

    def test_schedule_individual_prints_the_session_with_zoned_times(self):
        s = self.individual(self.ana, "2026-12-01 10:00")
        self.assertEqual(s["type"], "individual")
        self.assertEqual(s["status"], "scheduled")
        self.assertEqual(s["start"], "2026-12-01T10:00:00-05:00")
        self.assertEqual(s["end"], "2026-12-01T10:53:00-05:00")
        self.assertEqual(s["start_utc"], "2026-12-01T15:00:00Z")
        self.assertEqual(s["timezone"], "America/New_York")
        self.assertEqual(s["minutes"], 53)
        self.assertEqual(s["clinician_id"], self.dana)
        self.assertEqual(s["client_id"], self.ana)
        self.assertEqual(s["subject"], "Ana Reed")
        self.assertIsNone(s["series_id"])
        self.assertEqual(self.ok_json("session", "show", str(s["id"])), s)
        shown = self.ok("session", "show", str(s["id"])).out
        self.assertIn("2026-12-01 07:00", shown)  # the viewer's zone (Los Angeles)
        self.assertIn("10:00 EST, America/New_York", shown)
        q = self.ok("-q", *SCHED, "--type", "individual", "--clinician", str(self.dana), "--client", str(self.ben),
                    "--start", "2026-12-01 11:00")
        self.assertRegex(q.out, r"^\d+\n$")

    def test_start_is_read_in_tz_when_given(self):
        s = self.individual(self.ana, "2026-12-01 10:00", "--tz", "America/Los_Angeles", "--minutes", "45",
                            "--modality", "phone", "--link", "https://example.test/r", "--note-text", "first")
        self.assertEqual(s["start_utc"], "2026-12-01T18:00:00Z")
        self.assertEqual(s["start"], "2026-12-01T10:00:00-08:00")
        self.assertEqual(s["timezone"], "America/Los_Angeles")
        self.assertEqual(s["minutes"], 45)
        self.assertEqual((s["modality"], s["link"], s["note_text"]), ("phone", "https://example.test/r", "first"))

    def test_config_default_length(self):
        cfg = self.write_config("[sessions]\nindividual = 45\n")
        s = self.ok_json("--config", cfg, *SCHED, "--type", "individual", "--clinician", str(self.dana),
                         "--client", str(self.ana), "--start", "2026-12-01 10:00")
        self.assertEqual(s["minutes"], 45)

    def test_refusals_leave_the_database_unchanged(self):
        base = ["--clinician", str(self.dana), "--start", "2026-12-01 10:00"]
        self.refused(CONFLICT, *SCHED, "--type", "couples", "--clinician", str(self.sam), "--couple",
                     str(self.pair(self.ana, self.ben, self.dana)), "--start", "2026-12-01 10:00",
                     message="does not have the couples role")
        self.refused(NOT_FOUND, *SCHED, "--type", "individual", "--client", "99", *base)
        self.refused(NOT_FOUND, *SCHED, "--type", "couples", "--couple", "99", *base)
        self.refused(NOT_FOUND, *SCHED, "--type", "individual", "--client", str(self.ana), "--clinician", "99",
                     "--start", "2026-12-01 10:00")
        self.refused(USAGE, *SCHED, "--type", "couples", "--client", str(self.ana), *base)
        self.refused(USAGE, *SCHED, "--type", "massage", "--client", str(self.ana), *base)
        self.refused(USAGE, *SCHED, "--type", "individual", "--client", str(self.ana), "--clinician",
                     str(self.dana), "--start", "12/01/2026 10:00")
        self.refused(USAGE, *SCHED, "--type", "individual", "--client", str(self.ana), "--clinician",
                     str(self.dana), "--start", "2026-02-30 10:00")
        self.refused(USAGE, *SCHED, "--type", "individual", "--client", str(self.ana), "--clinician",
                     str(self.dana), "--start", "2026-12-01 25:00")
        self.refused(USAGE, *SCHED, "--type", "individual", "--client", str(self.ana), *base, "--minutes", "0")
        self.refused(USAGE, *SCHED, "--type", "individual", "--client", str(self.ana), *base, "--minutes", "1000")
        self.refused(USAGE, *SCHED, "--type", "individual", "--client", str(self.ana), *base, "--tz", "Mars/Base")
        self.refused(USAGE, *SCHED, "--type", "individual", "--client", str(self.ana), *base, "--count", "3")
        self.assertEqual(self.count_sessions(), 0)

    def test_daylight_saving_gap_is_refused(self):
        self.refused(USAGE, *SCHED, "--type", "individual", "--clinician", str(self.dana), "--client",
                     str(self.ana), "--start", "2027-03-14 02:30")

    def test_inactive_clinician_is_refused(self):
        self.ok("clinician", "deactivate", str(self.dana))
        self.refused(CONFLICT, *SCHED, "--type", "individual", "--clinician", str(self.dana), "--client",
                     str(self.ana), "--start", "2026-12-01 10:00", message="inactive")

    def test_client_must_be_enrolled_on_the_day(self):
        late = self.enroll("Dee", admit="2026-12-10")
        self.refused(CONFLICT, *SCHED, "--type", "individual", "--clinician", str(self.dana), "--client",
                     str(late), "--start", "2026-12-01 10:00", message="is not enrolled on 2026-12-01")
        self.ok("client", "discharge", str(self.cal), "--date", "2026-11-20", "--reason", "completed")
        self.refused(CONFLICT, *SCHED, "--type", "individual", "--clinician", str(self.dana), "--client",
                     str(self.cal), "--start", "2026-12-01 10:00", message="discharged 2026-11-20")

    def test_couple_must_be_paired_on_the_day(self):
        couple = self.pair(self.ana, self.ben, self.dana, since="2026-11-20")
        self.refused(CONFLICT, *SCHED, "--type", "couples", "--clinician", str(self.dana), "--couple", str(couple),
                     "--start", "2026-11-16 10:00", message="is not paired on 2026-11-16")
        s = self.ok_json(*SCHED, "--type", "couples", "--clinician", str(self.dana), "--couple", str(couple),
                         "--start", "2026-12-07 10:00")
        self.ok("couple", "unpair", str(couple), "--date", "2026-11-27")
        self.refused(CONFLICT, *SCHED, "--type", "couples", "--clinician", str(self.dana), "--couple", str(couple),
                     "--start", "2026-12-08 10:00", message="is not paired on 2026-12-08")
        self.assertEqual(s["subject"], "Ana Reed & Ben Reed")
        self.assertEqual([p["client_id"] for p in s["participants"]], [self.ana, self.ben])
        self.assertEqual(s["minutes"], 50)

    # --- double booking -------------------------------------------------------------------------

    def test_clinician_double_booking_is_refused(self):
        first = self.individual(self.ana, "2026-12-01 10:00")
        r = self.refused(CONFLICT, *SCHED, "--type", "individual", "--clinician", str(self.dana), "--client",
                         str(self.ben), "--start", "2026-12-01 10:30")
        self.assertIn(f"session {first['id']}", r.err)
        self.assertIn("Dana Reyes, LMFT is already booked", r.err)
        self.assertIn("hint:", r.err)

    def test_client_double_booking_is_refused(self):
        first = self.individual(self.ana, "2026-12-01 10:00")
        r = self.refused(CONFLICT, *SCHED, "--type", "addiction", "--clinician", str(self.sam), "--client",
                         str(self.ana), "--start", "2026-12-01 07:30", "--tz", "America/Los_Angeles")
        self.assertIn("Ana Reed is already booked", r.err)
        self.assertIn(f"session {first['id']}", r.err)

    def test_couples_session_refused_when_a_partner_is_booked(self):
        couple = self.pair(self.ana, self.ben, self.dana)
        other = self.ok_json(*SCHED, "--type", "addiction", "--clinician", str(self.sam), "--client", str(self.ben),
                             "--start", "2026-12-01 06:30")  # Sam's zone: 09:30 New York
        r = self.refused(CONFLICT, *SCHED, "--type", "couples", "--clinician", str(self.dana), "--couple",
                         str(couple), "--start", "2026-12-01 10:00")
        self.assertIn("Ben Reed is already booked", r.err)
        self.assertIn(f"session {other['id']}", r.err)

    def test_back_to_back_allowed_and_cancelled_sessions_do_not_block(self):
        a = self.individual(self.ana, "2026-12-01 10:00", "--minutes", "60")
        self.individual(self.ben, "2026-12-01 11:00")
        self.ok("session", "cancel", str(a["id"]), "--reason", "client ill")
        c = self.individual(self.cal, "2026-12-01 10:00")
        self.assertEqual(c["status"], "scheduled")

    def test_race_for_one_slot_books_exactly_one(self):
        clients = [self.ana, self.ben, self.cal, self.enroll("Dee")]
        procs = [subprocess.Popen([IOP_BIN, *SCHED, "--type", "individual", "--clinician", str(self.dana),
                                   "--client", str(c), "--start", "2026-12-01 10:00"], env=self.env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for c in clients]
        results = [(p.wait(timeout=60), *p.communicate(timeout=60)) for p in procs]
        codes = sorted(r[0] for r in results)
        self.assertEqual(codes[0], OK, results)
        self.assertEqual(codes.count(OK), 1, results)
        for code in codes[1:]:
            self.assertIn(code, (CONFLICT, BUSY), results)
        self.assertEqual(self.sql("SELECT COUNT(*) FROM sessions WHERE start_utc = '2026-12-01T15:00:00Z'"),
                         [(1,)])

    # --- recurring series -----------------------------------------------------------------------

    def test_weekly_series_keeps_local_time_across_dst(self):
        env = {"IOP_NOW": "2026-10-01T12:00:00Z"}
        eve = self.ok("-q", "client", "enroll", "--first", "Eve", "--last", "Lo", "--dob", "1985-02-01",
                      "--admit", "2026-10-01", env=env).out.strip()
        rows = self.ok_json(*SCHED, "--type", "individual", "--clinician", str(self.dana), "--client", eve,
                            "--start", "2026-10-26 10:00", "--weekly", "mon,wed", "--count", "4", env=env)
        self.assertIsInstance(rows, list)
        self.assertEqual([r["start"] for r in rows],
                         ["2026-10-26T10:00:00-04:00", "2026-10-28T10:00:00-04:00",
                          "2026-11-02T10:00:00-05:00", "2026-11-04T10:00:00-05:00"])
        self.assertEqual([r["start_utc"] for r in rows],
                         ["2026-10-26T14:00:00Z", "2026-10-28T14:00:00Z",
                          "2026-11-02T15:00:00Z", "2026-11-04T15:00:00Z"])
        self.assertEqual(len({r["series_id"] for r in rows}), 1)
        self.assertIsNotNone(rows[0]["series_id"])
        q = self.ok("-q", *SCHED, "--type", "individual", "--clinician", str(self.dana), "--client", eve,
                    "--start", "2026-12-01 10:00", "--rrule", "FREQ=WEEKLY;BYDAY=TU", "--count", "2")
        self.assertEqual(len(q.out.split()), 2)

    def test_series_with_a_collision_is_refused_whole_then_skip_conflicts(self):
        blocker = self.individual(self.ben, "2026-12-09 10:30")
        args = [*SCHED, "--type", "individual", "--clinician", str(self.dana), "--client", str(self.ana),
                "--start", "2026-12-02 10:00", "--weekly", "wed", "--count", "3"]
        r = self.refused(CONFLICT, *args)
        self.assertIn(f"session {blocker['id']}", r.err)
        self.assertEqual(self.count_sessions(), 1)
        r = self.ok("--format", "json", *args, "--skip-conflicts")
        rows = r.json()
        self.assertEqual([x["start"][:10] for x in rows], ["2026-12-02", "2026-12-16"])
        self.assertIn("warning: skipped 2026-12-09 10:00:", r.err)
        self.assertIn(f"session {blocker['id']}", r.err)
        self.assertEqual(self.count_sessions(), 3)

    def test_rrule_without_an_end_is_refused(self):
        self.refused(USAGE, *SCHED, "--type", "individual", "--clinician", str(self.dana), "--client",
                     str(self.ana), "--start", "2026-12-02 10:00", "--rrule", "FREQ=WEEKLY;BYDAY=WE")
        self.refused(USAGE, *SCHED, "--type", "individual", "--clinician", str(self.dana), "--client",
                     str(self.ana), "--start", "2026-12-02 10:00", "--weekly", "wed")
        self.refused(USAGE, *SCHED, "--type", "individual", "--clinician", str(self.dana), "--client",
                     str(self.ana), "--start", "2026-12-02 10:00", "--weekly", "wod", "--count", "2")

    def test_cancel_series_cancels_this_and_later_only(self):
        rows = self.ok_json(*SCHED, "--type", "individual", "--clinician", str(self.dana), "--client",
                            str(self.ana), "--start", "2026-12-02 10:00", "--weekly", "wed", "--until", "2026-12-30")
        self.assertEqual(len(rows), 5)
        out = self.ok_json("session", "cancel", str(rows[2]["id"]), "--series", "--reason", "moved away")
        self.assertEqual([s["id"] for s in out], [r["id"] for r in rows[2:]])
        statuses = [self.ok_json("session", "show", str(r["id"]))["status"] for r in rows]
        self.assertEqual(statuses, ["scheduled", "scheduled", "cancelled", "cancelled", "cancelled"])
        self.assertEqual(out[0]["cancel_reason"], "moved away")
        self.refused(USAGE, "session", "cancel", str(self.individual(self.ben, "2026-12-03 10:00")["id"]),
                     "--series")

    # --- attendance and changes -----------------------------------------------------------------

    def test_attend(self):
        s = self.individual(self.ana, "2026-12-01 10:00")
        sid = str(s["id"])
        self.refused(CONFLICT, "session", "attend", sid, message="has not started yet")
        after = {"IOP_NOW": "2026-12-01T17:00:00Z"}
        a = self.ok_json("session", "attend", sid, "--start", "10:05", "--end", "10:55", env=after)
        self.assertEqual(a["status"], "attended")
        self.assertEqual(a["actual_start"], "2026-12-01T10:05:00-05:00")
        self.assertEqual(a["actual_end"], "2026-12-01T10:55:00-05:00")
        self.assertEqual(a["actual_minutes"], 50)
        self.assertEqual(a["participants"][0]["attendance"], "present")
        self.refused(CONFLICT, "session", "attend", sid, env=after, message="already marked attended")
        self.refused(CONFLICT, "session", "cancel", sid, env=after, message="attended")
        self.refused(CONFLICT, "session", "no-show", sid, env=after)
        self.refused(CONFLICT, "session", "reschedule", sid, "--start", "2026-12-02 10:00", env=after)

    def test_attend_bad_times(self):
        sid = str(self.individual(self.ana, "2026-12-01 10:00")["id"])
        after = {"IOP_NOW": "2026-12-01T17:00:00Z"}
        self.refused(USAGE, "session", "attend", sid, "--start", "10:60", env=after)
        self.refused(USAGE, "session", "attend", sid, "--start", "10:30", "--end", "10:00", env=after)
        self.refused(USAGE, "session", "attend", sid, "--absent", str(self.ana), env=after)
        self.refused(NOT_FOUND, "session", "attend", "999", env=after)
        a = self.ok_json("session", "attend", sid, env=after)
        self.assertEqual(a["actual_minutes"], 53)

    def test_no_show(self):
        sid = str(self.individual(self.ana, "2026-12-01 10:00")["id"])
        self.refused(CONFLICT, "session", "no-show", sid)
        s = self.ok_json("session", "no-show", sid, env={"IOP_NOW": "2026-12-01T17:00:00Z"})
        self.assertEqual(s["status"], "no-show")
        self.assertEqual(s["participants"][0]["attendance"], "absent")

    def test_late_cancel(self):
        sid = str(self.individual(self.ana, "2026-12-01 10:00")["id"])
        s = self.ok_json("session", "cancel", sid, "--late")
        self.assertEqual(s["status"], "late-cancel")
        self.refused(CONFLICT, "session", "cancel", sid, message="already late-cancel")

    def test_reschedule(self):
        s = self.individual(self.ana, "2026-12-01 10:00")
        other = self.individual(self.ben, "2026-12-02 10:00")
        sid = str(s["id"])
        r = self.refused(CONFLICT, "session", "reschedule", sid, "--start", "2026-12-02 10:30")
        self.assertIn(f"session {other['id']}", r.err)
        moved = self.ok_json("session", "reschedule", sid, "--start", "2026-12-03 14:00", "--minutes", "60")
        self.assertEqual(moved["start"], "2026-12-03T14:00:00-05:00")  # the session's own zone
        self.assertEqual(moved["minutes"], 60)
        self.assertEqual(self.sql("SELECT action, old_start_utc, old_end_utc, old_status FROM session_history "
                                  "WHERE session_id = ?", s["id"]),
                         [("reschedule", "2026-12-01T15:00:00Z", "2026-12-01T15:53:00Z", "scheduled")])
        # Its old slot is free again.
        self.individual(self.cal, "2026-12-01 10:00")
        self.refused(USAGE, "session", "reschedule", sid, "--start", "tomorrow")

    def test_group_attendance_present_and_absent(self):
        group = int(self.ok("-q", "group", "create", "--name", "Tuesday Recovery", "--clinician",
                            str(self.sam)).out)
        self.ok("group", "add", str(self.ana), str(self.ben), str(self.cal), "--group", str(group))
        after = {"IOP_NOW": "2026-12-01T20:00:00Z"}
        s1 = self.ok_json(*SCHED, "--type", "group", "--clinician", str(self.sam), "--group", str(group),
                          "--start", "2026-12-01 09:00")
        self.assertEqual(s1["minutes"], 90)
        self.assertEqual(sorted(p["client_id"] for p in s1["participants"]), [self.ana, self.ben, self.cal])
        self.refused(USAGE, *SCHED, "--type", "group", "--clinician", str(self.sam), "--client", str(self.ana),
                     "--start", "2026-12-02 09:00")
        self.refused(USAGE, "session", "attend", str(s1["id"]), "--present", "99", env=after)
        self.refused(USAGE, "session", "attend", str(s1["id"]), "--present", str(self.ana), "--absent",
                     str(self.ana), env=after)
        a = self.ok_json("session", "attend", str(s1["id"]), "--absent", str(self.ben), env=after)
        marks = {p["client_id"]: p["attendance"] for p in a["participants"]}
        self.assertEqual(marks, {self.ana: "present", self.ben: "absent", self.cal: "present"})
        s2 = self.ok_json(*SCHED, "--type", "group", "--clinician", str(self.sam), "--group", str(group),
                          "--start", "2026-12-01 10:30")
        a = self.ok_json("session", "attend", str(s2["id"]), "--present", f"{self.ana},{self.cal}", env=after)
        marks = {p["client_id"]: p["attendance"] for p in a["participants"]}
        self.assertEqual(marks, {self.ana: "present", self.ben: "absent", self.cal: "present"})
        shown = self.ok("session", "show", str(s2["id"])).out
        self.assertIn(f"Ben Reed ({self.ben}) absent", shown)

    # --- list and show --------------------------------------------------------------------------

    def test_list_filters(self):
        a = self.individual(self.ana, "2026-11-30 10:00")
        b = self.individual(self.ben, "2026-12-01 10:00")
        c = self.ok_json(*SCHED, "--type", "addiction", "--clinician", str(self.sam), "--client", str(self.ana),
                         "--start", "2026-12-10 09:00")
        couple = self.pair(self.ana, self.ben, self.dana)
        d = self.ok_json(*SCHED, "--type", "couples", "--clinician", str(self.dana), "--couple", str(couple),
                         "--start", "2026-12-03 12:00")
        ids = lambda *args: [s["id"] for s in self.ok_json("session", "list", *args)]  # noqa: E731
        self.assertEqual(ids(), [a["id"], b["id"], d["id"]])  # today (Fri 27th) through Thu 3rd
        self.assertEqual(ids("--from", "2026-12-01", "--to", "2026-12-10"), [b["id"], d["id"], c["id"]])
        self.assertEqual(ids("--from", "2026-12-01", "--to", "2026-12-09"), [b["id"], d["id"]])
        self.assertEqual(ids("--from", "2026-11-01", "--to", "2026-12-31", "--clinician", str(self.sam)), [c["id"]])
        self.assertEqual(ids("--from", "2026-11-01", "--to", "2026-12-31", "--client", str(self.ben)),
                         [b["id"], d["id"]])
        self.ok("session", "cancel", str(b["id"]))
        self.assertEqual(ids("--from", "2026-11-01", "--to", "2026-12-31", "--status", "cancelled"), [b["id"]])
        self.refused(NOT_FOUND, "session", "list", "--clinician", "99")
        self.refused(NOT_FOUND, "session", "list", "--client", "99")
        self.refused(USAGE, "session", "list", "--status", "done")
        self.refused(USAGE, "session", "list", "--from", "2026-12-10", "--to", "2026-12-01")
        self.refused(USAGE, "session", "list", "--from", "2026-13-01")
        out = self.ok("session", "list", "--from", "2026-11-01", "--to", "2026-12-31").out
        self.assertEqual(out.splitlines()[0].split(), ["ID", "WHEN", "TYPE", "WHO", "CLINICIAN", "MODALITY",
                                                       "STATUS"])
        self.assertIn("Ana Reed & Ben Reed", out)
        empty = self.ok("session", "list", "--from", "2027-01-01")
        self.assertEqual(empty.out, "")
        self.assertIn("no sessions", empty.err)
        self.assertEqual(self.ok_json("session", "list", "--from", "2027-01-01"), [])

    def test_list_days_are_in_the_viewers_zone(self):
        # 23:30 Los Angeles on 1 December is 2 December in UTC and in New York.
        s = self.individual(self.ana, "2026-12-01 23:30", "--tz", "America/Los_Angeles")
        ids = lambda *args: [x["id"] for x in self.ok_json("session", "list", *args)]  # noqa: E731
        self.assertEqual(ids("--from", "2026-12-01", "--to", "2026-12-01"), [s["id"]])
        self.assertEqual(ids("--from", "2026-12-02", "--to", "2026-12-02"), [])
        self.assertEqual(ids("--tz", "America/New_York", "--from", "2026-12-02", "--to", "2026-12-02"), [s["id"]])

    def test_show_unknown_is_not_found(self):
        self.fails(NOT_FOUND, "session", "show", "41")
        self.fails(USAGE, "session", "show", "abc")

    def test_every_verb_has_an_example(self):
        for verb in ("schedule", "list", "show", "attend", "no-show", "cancel", "reschedule"):
            r = self.ok("session", verb, "--help")
            self.assertIn("Example", r.out, verb)


if __name__ == "__main__":
    unittest.main()
