"""iop agenda: the day's or week's sessions by time, in the viewer's zone, end to end."""

import unittest

from iop_test import NOT_FOUND, USAGE, IopTestCase


class AgendaTest(IopTestCase):
    # Friday 27 November 2026; the viewer is in America/Los_Angeles (TZ).

    def enroll(self, first, last="Reed", *extra):
        r = self.ok("-q", "client", "enroll", "--first", first, "--last", last, "--dob", "1985-02-01",
                    "--admit", "2026-11-02", *extra)
        return int(r.out)

    def setUp(self):
        super().setUp()
        self.dana = self.add_clinician("Dana Reyes", "LMFT", "individual,couples", "--tz", "America/Los_Angeles")
        self.sam = self.add_clinician("Sam Ito", "LADC", "individual,couples", "--tz", "America/Los_Angeles")
        self.ana = self.enroll("Ana", "Reed", "--tz", "America/New_York")
        self.ben = self.enroll("Ben")
        self.couple = int(self.ok("-q", "couple", "pair", str(self.ana), str(self.ben),
                                  "--therapist", str(self.dana), "--since", "2026-11-02").out)
        # Tuesday 1 December: scheduled out of order on purpose.
        self.couples = self.schedule("--type", "couples", "--clinician", str(self.dana), "--couple",
                                     str(self.couple), "--start", "2026-12-01 10:00")
        self.ana_ind = self.schedule("--type", "individual", "--clinician", str(self.dana), "--client",
                                     str(self.ana), "--start", "2026-12-01 09:00")
        self.ben_ind = self.schedule("--type", "individual", "--clinician", str(self.sam), "--client",
                                     str(self.ben), "--start", "2026-12-01 08:00")
        # Other days: Thursday 3 and Sunday 6 December are in that week, Monday 7 is not.
        self.thursday = self.schedule("--type", "individual", "--clinician", str(self.dana), "--client",
                                      str(self.ben), "--start", "2026-12-03 09:00")
        self.sunday = self.schedule("--type", "individual", "--clinician", str(self.sam), "--client",
                                    str(self.ana), "--start", "2026-12-06 23:00")
        self.next_monday = self.schedule("--type", "individual", "--clinician", str(self.dana), "--client",
                                         str(self.ben), "--start", "2026-12-07 00:00")

    def session_lines(self, out):
        return [line for line in out.splitlines() if line.startswith("  ")]

    def test_day_view_lists_the_days_sessions_in_time_order(self):
        r = self.ok("agenda", "2026-12-01")
        lines = out_lines = r.out.splitlines()
        self.assertEqual(out_lines[0], "Tuesday 1 December 2026 · America/Los_Angeles")
        rows = self.session_lines(r.out)
        self.assertEqual(len(rows), 3, r)
        self.assertTrue(rows[0].strip().startswith("08:00–"), rows)
        self.assertIn("Ben Reed", rows[0])
        self.assertIn("Sam Ito, LADC", rows[0])
        self.assertTrue(rows[1].strip().startswith("09:00–"), rows)
        self.assertIn("Individual", rows[1])
        self.assertIn("Ana Reed (12:00 EST)", rows[1])  # her own time, in New York
        self.assertTrue(rows[2].strip().startswith("10:00–"), rows)
        self.assertIn("Couples", rows[2])
        # Both partners, with Ana's own time beside her name (Ben is in the viewer's zone).
        self.assertIn("Ana Reed (13:00 EST) & Ben Reed", rows[2])
        self.assertIn("Dana Reyes, LMFT", rows[2])
        for row in rows:
            self.assertIn("video", row)
            self.assertTrue(row.endswith("scheduled"), row)
        # Ben lives in the viewer's zone: no second time beside his name.
        self.assertNotIn("Ben Reed (", rows[0])
        self.assertRegex(lines[-1], r"^3 sessions · \d+h( \d+m)?$")
        # Sessions on other days are not shown.
        self.assertNotIn("12-03", r.out)
        self.assertEqual(r.out.count("Tuesday"), 1)
        # Piped: no colour.
        self.assertNotIn("\x1b", r.out)
        self.assertNotIn("\x1b", r.err)

    def test_summary_adds_up_the_minutes(self):
        sessions = self.ok_json("agenda", "2026-12-01")
        minutes = sum(s["minutes"] for s in sessions)
        last = self.ok("agenda", "2026-12-01").out.splitlines()[-1]
        h, m = divmod(minutes, 60)
        self.assertEqual(last, f"3 sessions · {h}h {m}m" if m else f"3 sessions · {h}h")

    def test_week_covers_monday_to_sunday(self):
        r = self.ok("agenda", "2026-12-03", "--week")
        headings = [line for line in r.out.splitlines() if "·" in line and line.endswith("America/Los_Angeles")]
        self.assertEqual(headings, ["Tuesday 1 December 2026 · America/Los_Angeles",
                                    "Thursday 3 December 2026 · America/Los_Angeles",
                                    "Sunday 6 December 2026 · America/Los_Angeles"])
        self.assertEqual(len(self.session_lines(r.out)), 5)
        self.assertIn("Week: 5 sessions", r.out)
        ids = [s["id"] for s in self.ok_json("agenda", "2026-12-03", "--week")]
        self.assertEqual(ids, [self.ben_ind, self.ana_ind, self.couples, self.thursday, self.sunday])
        # From the Sunday, the same week; from the next Monday, the next one.
        self.assertEqual([s["id"] for s in self.ok_json("agenda", "2026-12-06", "--week")], ids)
        self.assertEqual([s["id"] for s in self.ok_json("agenda", "2026-12-07", "--week")], [self.next_monday])

    def test_clinician_filter(self):
        ids = [s["id"] for s in self.ok_json("agenda", "2026-12-01", "--clinician", str(self.dana))]
        self.assertEqual(ids, [self.ana_ind, self.couples])
        out = self.ok("agenda", "2026-12-01", "--clinician", str(self.sam)).out
        self.assertEqual(len(self.session_lines(out)), 1)
        self.assertIn("Sam Ito, LADC", out)
        self.assertNotIn("Dana Reyes", out)
        self.fails(NOT_FOUND, "agenda", "2026-12-01", "--clinician", "99")

    def test_json_is_the_session_list_shape(self):
        rows = self.ok_json("agenda", "2026-12-01")
        self.assertEqual([s["id"] for s in rows], [self.ben_ind, self.ana_ind, self.couples])
        for row in rows:
            self.assertEqual(row, self.ok_json("session", "show", str(row["id"])))
        listed = self.ok_json("session", "list", "--from", "2026-12-01", "--to", "2026-12-01")
        self.assertEqual(rows, listed)
        couples = rows[2]
        self.assertEqual(couples["type"], "couples")
        self.assertEqual(couples["subject"], "Ana Reed & Ben Reed")
        self.assertEqual({p["name"] for p in couples["participants"]}, {"Ana Reed", "Ben Reed"})

    def test_csv_has_the_session_columns(self):
        lines = self.ok("agenda", "2026-12-01", "--format", "csv").out.splitlines()
        self.assertEqual(lines[0], "id,start,type,subject,clinician,modality,status")
        self.assertEqual(len(lines), 4)

    def test_empty_day_is_a_friendly_line_on_stderr(self):
        r = self.ok("agenda", "2026-12-02")
        self.assertEqual(r.out, "")
        self.assertIn("no sessions on Wednesday 2 December 2026", r.err)
        self.assertEqual(self.ok_json("agenda", "2026-12-02"), [])
        # Today (Friday 27 November) is empty too; tomorrow and yesterday are understood.
        self.assertIn("Friday 27 November 2026", self.ok("agenda").err)
        self.assertIn("Saturday 28 November 2026", self.ok("agenda", "tomorrow").err)
        self.assertIn("Thursday 26 November 2026", self.ok("agenda", "yesterday").err)

    def test_relative_dates(self):
        tomorrow = self.schedule("--type", "individual", "--clinician", str(self.dana), "--client",
                                 str(self.ben), "--start", "tomorrow 11:00")
        self.assertEqual([s["id"] for s in self.ok_json("agenda", "tomorrow")], [tomorrow])

    def test_cancelled_sessions_are_marked_and_not_counted(self):
        self.ok("session", "cancel", str(self.couples))
        out = self.ok("agenda", "2026-12-01").out
        rows = self.session_lines(out)
        self.assertEqual(len(rows), 3)
        self.assertTrue(rows[2].endswith("cancelled"), rows)
        self.assertRegex(out.splitlines()[-1], r"^2 sessions · .* · 1 cancelled$")
        self.assertNotIn("\x1b", out)
        # On a colour terminal the cancelled line is dimmed and struck through.
        coloured = self.ok("agenda", "2026-12-01", env={"CLICOLOR_FORCE": "1", "TERM": "xterm"}).out
        self.assertIn("\x1b[2;9m", coloured)

    def test_viewer_zone_changes_the_times_and_the_heading(self):
        r = self.ok("--tz", "America/New_York", "agenda", "2026-12-01")
        self.assertIn("Tuesday 1 December 2026 · America/New_York", r.out)
        rows = self.session_lines(r.out)
        self.assertTrue(rows[0].strip().startswith("11:00–"), rows)
        # Ana is in New York like the viewer now; Ben is not.
        self.assertIn("Ana Reed  ", rows[1])
        self.assertIn("Ben Reed (08:00 PST)", rows[0])
        self.assertIn("Ana Reed & Ben Reed (10:00 PST)", rows[2])

    def test_bad_date_is_a_usage_error(self):
        self.fails(USAGE, "agenda", "2026-02-30")
        self.fails(USAGE, "agenda", "next week")

    def test_help_has_an_example(self):
        self.assertIn("Example:", self.ok("agenda", "--help").out)

    def test_notes_still_to_write_or_sign_are_counted_under_the_sessions(self):
        # Monday 23 November, attended: its note was due 72 hours after it ended, so it is overdue now.
        past = self.attended("--type", "individual", "--clinician", str(self.dana), "--client", str(self.ben),
                             "--start", "2026-11-23 10:00")
        r = self.ok("agenda", "2026-12-01", "--clinician", str(self.dana))
        self.assertIn(f"1 note to write or sign · 1 overdue (iop note list --unsigned --clinician {self.dana})",
                      r.out)
        # Sam has nothing open; and the line goes once the note is written and signed.
        self.assertNotIn("to write or sign", self.ok("agenda", "2026-12-01", "--clinician", str(self.sam)).out)
        body = "S: slept better\nO: calm\nA: improving\nP: continue weekly\n"
        note = int(self.ok("-q", "note", "add", str(past), "--file", "-", stdin=body).out)
        self.assertIn("1 note to write or sign · 1 overdue", self.ok("agenda", "2026-12-01").out)
        self.ok("note", "sign", str(note), "--by", str(self.dana))
        self.assertNotIn("to write or sign", self.ok("agenda", "2026-12-01").out)
        # Machine output stays a plain list of sessions.
        self.assertIsInstance(self.ok_json("agenda", "2026-12-01"), list)


if __name__ == "__main__":
    unittest.main()
