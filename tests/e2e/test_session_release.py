"""What happens to booked sessions when a couple is unpaired or a client discharged, and the
edges of attendance and series around those dates."""

import unittest

import test_session
from iop_test import CONFLICT, USAGE, IopTestCase

SCHED = test_session.SCHED


class SessionReleaseTest(IopTestCase):
    # Reuse the builders of the session tests without inheriting their test methods.
    enroll = test_session.SessionTest.enroll
    clinician = test_session.SessionTest.clinician
    pair = test_session.SessionTest.pair
    individual = test_session.SessionTest.individual

    def setUp(self):
        super().setUp()
        self.dana = self.clinician("Dana Reyes")
        self.ana = self.enroll("Ana")
        self.ben = self.enroll("Ben")
        self.couple = self.pair(self.ana, self.ben, self.dana)

    def joint(self, start):
        return self.ok_json(*SCHED, "--type", "couples", "--clinician", str(self.dana), "--couple",
                            str(self.couple), "--start", start)

    def status(self, session_id):
        return self.ok_json("session", "show", str(session_id))["status"]

    def test_unpairing_cancels_the_joint_sessions_booked_after_it(self):
        before = self.joint("2026-11-27 08:00")   # today, before the end: stays
        after = self.joint("2026-12-03 10:00")    # after the end: can no longer happen
        own = self.individual(self.ana, "2026-12-04 10:00")  # Ana's own session: not the couple's
        r = self.ok("--format", "json", "couple", "unpair", str(self.couple))
        self.assertEqual(r.json()["cancelled_sessions"], [after["id"]])
        self.assertIn("cancelled 1 joint session", r.err)
        self.assertEqual(self.status(before["id"]), "scheduled")
        self.assertEqual(self.status(after["id"]), "cancelled")
        self.assertEqual(self.ok_json("session", "show", str(after["id"]))["cancel_reason"], "couple unpaired")
        self.assertEqual(self.status(own["id"]), "scheduled")
        # The freed slot can be booked again.
        self.individual(self.ben, "2026-12-03 10:00")

    def test_discharge_cancels_later_sessions_and_leaves_groups(self):
        sam = self.clinician("Sam Ito", roles="group", credential="LADC")
        group = self.ok_json("group", "create", "--name", "Tuesday Recovery", "--clinician", str(sam))["id"]
        self.ok("group", "add", str(self.ana), str(self.ben), "--group", str(group), "--date", "2026-11-02")
        group_session = self.ok_json(*SCHED, "--type", "group", "--clinician", str(sam), "--group", str(group),
                                     "--start", "2026-12-01 11:00")
        own = self.individual(self.ana, "2026-12-02 10:00")
        joint = self.joint("2026-12-03 10:00")
        r = self.ok("--format", "json", "client", "discharge", str(self.ana), "--date", "2026-11-27",
                    "--reason", "completed")
        self.assertEqual(sorted(r.json()["cancelled_sessions"]), sorted([own["id"], joint["id"]]))
        self.assertEqual(self.status(own["id"]), "cancelled")
        self.assertEqual(self.status(joint["id"]), "cancelled")
        # The group session goes on for Ben; Ana is off its roster and out of the group.
        roster = [p["client_id"] for p in self.ok_json("session", "show", str(group_session["id"]))["participants"]]
        self.assertEqual(roster, [self.ben])
        self.assertEqual([m["client_id"] for m in self.ok_json("group", "show", str(group))["members"]], [self.ben])

    def test_a_series_skips_the_days_after_a_discharge_only_when_asked(self):
        self.ok("client", "discharge", str(self.ben), "--date", "2026-11-27", "--reason", "transferred")
        series = ("--weekly", "mon", "--count", "3")
        env = {"IOP_NOW": "2026-11-10T17:00:00Z"}
        # Ben was enrolled until 2026-11-27: a series from 11-16 runs past it.
        self.refused(CONFLICT, *SCHED, "--type", "individual", "--clinician", str(self.dana), "--client",
                     str(self.ben), "--start", "2026-11-16 09:00", *series, env=env, message="not enrolled")
        r = self.ok("--format", "json", *SCHED, "--type", "individual", "--clinician", str(self.dana),
                    "--client", str(self.ben), "--start", "2026-11-16 09:00", *series, "--skip-conflicts",
                    env=env)
        self.assertEqual([s["start"][:10] for s in r.json()], ["2026-11-16", "2026-11-23"])
        self.assertIn("skipped 2026-11-30 09:00", r.err)

    def test_attendance_waits_for_the_end_unless_the_end_is_given(self):
        s = self.individual(self.ana, "2026-11-27 08:30")  # 08:30-09:23 New York = 13:30-14:23 UTC
        during = {"IOP_NOW": "2026-11-27T14:00:00Z"}
        self.refused(USAGE, "session", "attend", str(s["id"]), env=during, message="has not ended yet")
        done = self.ok_json("session", "attend", str(s["id"]), "--end", "08:55", env=during)
        self.assertEqual(done["actual_minutes"], 25)

    def test_a_client_cannot_join_a_group_before_admission(self):
        sam = self.clinician("Sam Ito", roles="group", credential="LADC")
        group = self.ok_json("group", "create", "--name", "Evening Group", "--clinician", str(sam))["id"]
        late = self.enroll("Dee", "Ng", admit="2026-11-20")
        self.refused(CONFLICT, "group", "add", str(late), "--group", str(group), "--date", "2026-11-10",
                     message="before their admission")
        self.ok("group", "add", str(late), "--group", str(group), "--date", "2026-11-20")


if __name__ == "__main__":
    unittest.main()
