"""iop report hours, end to end: hand-computed weekly hours, the flag, --min and --week."""

import unittest

from iop_test import CONFLICT, USAGE, IopTestCase

KEYS = ["client_id", "name", "track", "week_start", "week_end", "scheduled_minutes", "attended_minutes",
        "scheduled_hours", "attended_hours", "minimum_hours", "below_minimum"]


class ReportHoursTest(IopTestCase):
    def enroll(self, first, last, track, admit="2026-11-01"):
        r = self.ok("-q", "client", "enroll", "--first", first, "--last", last, "--dob", "1985-02-01",
                    "--admit", admit, "--track", track)
        return int(r.out)

    def individual(self, client, start, *extra):
        r = self.ok("-q", "session", "schedule", "--type", "individual", "--clinician", str(self.lee), "--client",
                    str(client), "--start", start, *extra)
        return int(r.out)

    def group_session(self, start, *extra):
        r = self.ok("-q", "session", "schedule", "--type", "group", "--group", str(self.gid), "--clinician",
                    str(self.lee), "--start", start, *extra)
        return int(r.out)

    def setUp(self):
        super().setUp()
        self.lee = self.add_clinician("Lee Ortiz", "LCSW", "individual,group")
        self.jose = self.enroll("José", "Núñez", "dual")
        self.ana = self.enroll("Ana", "Reed", "mh")
        self.cal = self.enroll("Cal", "Ito", "sud")
        self.ok("client", "discharge", str(self.cal), "--date", "2026-11-18", "--reason", "completed")
        self.gid = self.ok_json("group", "create", "--name", "Morning Group", "--clinician", str(self.lee))["id"]
        self.ok("group", "add", str(self.jose), str(self.ana), "--group", str(self.gid), "--date", "2026-11-01")

        # The week of Monday 2026-11-23 (now is Friday 2026-11-27 09:00 PST).
        g1 = self.group_session("2026-11-23 10:00", "--minutes", "180")
        self.ok("session", "attend", str(g1), "--absent", str(self.ana))        # José 180, Ana absent
        g2 = self.group_session("2026-11-25 10:00", "--minutes", "180")
        self.ok("session", "attend", str(g2), "--start", "10:00", "--end", "12:30")  # both 150
        i1 = self.individual(self.jose, "2026-11-23 09:00")                      # 53 booked
        self.ok("session", "attend", str(i1), "--start", "09:05", "--end", "09:50")  # 45 attended
        i2 = self.individual(self.jose, "2026-11-24 09:00", "--minutes", "60")
        self.ok("session", "cancel", str(i2))                                    # not scheduled
        i3 = self.individual(self.jose, "2026-11-24 11:00", "--minutes", "60")
        self.ok("session", "cancel", str(i3), "--late")                          # not scheduled either
        self.individual(self.ana, "2026-11-26 09:00", "--minutes", "60")         # scheduled, not attended
        i5 = self.individual(self.jose, "2026-11-26 13:00", "--minutes", "240")
        self.ok("session", "attend", str(i5))                                    # 240
        self.group_session("2026-11-28 10:00", "--minutes", "180")               # Saturday, ahead
        self.individual(self.ana, "2026-11-29 23:00", "--minutes", "60")         # Sunday night: this week
        self.individual(self.jose, "2026-11-30 00:00", "--minutes", "60")        # Monday 00:00: next week
        # The week before: Sunday evening.
        p1 = self.individual(self.jose, "2026-11-22 20:00", "--minutes", "60")
        self.ok("session", "attend", str(p1))

    def rows(self, *args):
        return {r["client_id"]: r for r in self.ok_json("report", "hours", *args)}

    def test_this_week_hand_computed(self):
        rows = self.ok_json("report", "hours")
        self.assertEqual([r["client_id"] for r in rows], [self.jose, self.ana])  # Cal left before the week
        self.assertEqual(list(rows[0]), KEYS)
        jose, ana = rows
        # José: group 180 + group 180 + 53 + 240 + Saturday group 180 scheduled; 180 + 150 + 45 + 240 attended.
        self.assertEqual((jose["scheduled_minutes"], jose["attended_minutes"]), (833, 615))
        self.assertEqual((jose["scheduled_hours"], jose["attended_hours"]), (13.88, 10.25))
        self.assertFalse(jose["below_minimum"])
        # Ana: 180 + 180 + 60 + 180 + 60 scheduled; absent on Monday, 150 on Wednesday.
        self.assertEqual((ana["scheduled_minutes"], ana["attended_minutes"]), (660, 150))
        self.assertEqual(ana["attended_hours"], 2.5)
        self.assertTrue(ana["below_minimum"])
        for r in rows:
            self.assertEqual((r["week_start"], r["week_end"], r["minimum_hours"]), ("2026-11-23", "2026-11-29", 9))
        self.assertEqual((jose["name"], jose["track"]), ("José Núñez", "dual"))
        # Any day of the week gives the same week.
        for day in ("2026-11-23", "2026-11-29", "today", "yesterday"):
            with self.subTest(day=day):
                self.assertEqual(self.ok_json("report", "hours", "--week", day), rows)

    def test_the_minimum_option_and_config(self):
        self.assertTrue(self.rows("--min", "10.5")[self.jose]["below_minimum"])    # 615 < 630
        self.assertFalse(self.rows("--min", "10.25")[self.jose]["below_minimum"])  # exactly
        low = self.rows("--min", "2.5")
        self.assertFalse(low[self.ana]["below_minimum"])
        self.assertEqual(low[self.ana]["minimum_hours"], 2.5)
        config = self.write_config("[program]\nweekly_hours_min = 11\n")
        r = self.ok("--config", config, "--format", "json", "report", "hours").json()
        self.assertEqual([(x["minimum_hours"], x["below_minimum"]) for x in r], [(11, True), (11, True)])
        self.refused(USAGE, "report", "hours", "--min", "-1")
        self.refused(USAGE, "report", "hours", "--min", "lots")

    def test_a_past_week(self):
        rows = self.rows("--week", "2026-11-18")
        self.assertEqual(set(rows), {self.jose, self.ana, self.cal})  # Cal was enrolled until Wednesday
        self.assertEqual((rows[self.jose]["scheduled_minutes"], rows[self.jose]["attended_minutes"]), (60, 60))
        self.assertEqual((rows[self.ana]["scheduled_minutes"], rows[self.ana]["attended_minutes"]), (0, 0))
        self.assertEqual(rows[self.cal]["week_start"], "2026-11-16")
        self.assertEqual(rows[self.cal]["week_end"], "2026-11-22")
        self.assertTrue(all(r["below_minimum"] for r in rows.values()))
        # The next week holds only the Monday 00:00 session, scheduled.
        nxt = self.rows("--week", "2026-11-30")
        self.assertEqual((nxt[self.jose]["scheduled_minutes"], nxt[self.jose]["attended_minutes"]), (60, 0))

    def test_table_and_csv(self):
        out = self.ok("report", "hours").out
        lines = out.splitlines()
        self.assertEqual(lines[0].split(), ["ID", "CLIENT", "TRACK", "SCHEDULED", "h", "ATTENDED", "h", "FLAG"])
        self.assertRegex(lines[1], r"José Núñez\s+dual\s+13\.88\s+10\.25$")
        self.assertRegex(lines[2], r"Ana Reed\s+mh\s+11\.00\s+2\.50\s+below 9h$")
        self.assertIn("below 7.5h", self.ok("report", "hours", "--min", "7.5").out)
        csv = self.ok("report", "hours", "--format", "csv").out.splitlines()
        self.assertEqual(csv[0], ",".join(KEYS))
        self.assertEqual(csv[2], f"{self.ana},Ana Reed,mh,2026-11-23,2026-11-29,660,150,11,2.5,9,true")

    def test_a_week_seen_from_another_zone(self):
        # In New York the Sunday 23:00 PST session falls on Monday 2026-11-30 and the Monday 00:00 PST one too.
        rows = self.rows("--tz", "America/New_York")
        self.assertEqual(rows[self.ana]["scheduled_minutes"], 600)

    def test_the_week_of_the_fall_back_change(self):
        # 2026-11-01 is the Sunday the clocks go back: that week runs Mon 26 Oct 00:00 PDT to Mon 2 Nov 00:00 PST.
        eve = self.enroll("Eve", "Ames", "mh", admit="2026-10-01")
        self.individual(eve, "2026-10-25 23:30", "--minutes", "30")   # the Sunday before: not counted
        self.individual(eve, "2026-10-26 00:00", "--minutes", "60")   # Monday 00:00 PDT: counted
        self.individual(eve, "2026-11-01 01:30", "--minutes", "60")   # the repeated hour: counted
        self.individual(eve, "2026-11-01 23:00", "--minutes", "45")   # Sunday 23:00 PST: counted
        self.individual(eve, "2026-11-02 00:00", "--minutes", "50")   # next Monday: not counted
        row = self.rows("--week", "2026-11-01")[eve]
        self.assertEqual((row["week_start"], row["week_end"]), ("2026-10-26", "2026-11-01"))
        self.assertEqual(row["scheduled_minutes"], 165)
        self.assertEqual(self.rows("--week", "2026-11-02")[eve]["scheduled_minutes"], 50)

    def test_no_clients_and_help(self):
        self.ok("client", "discharge", str(self.jose), "--date", "2026-11-20", "--reason", "completed")
        self.ok("client", "discharge", str(self.ana), "--date", "2026-11-20", "--reason", "completed")
        self.assertEqual(self.ok_json("report", "hours"), [])
        r = self.ok("report", "hours")
        self.assertIn("no clients enrolled in the week 2026-11-23 to 2026-11-29", r.err)
        self.assertIn("Example", self.ok("report", "hours", "--help").out)
        self.refused(USAGE, "report", "hours", "--week", "2026-13-01")
        self.refused(USAGE, "report")


if __name__ == "__main__":
    unittest.main()
