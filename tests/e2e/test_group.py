"""iop group create|add|remove|list|show, end to end, with group sessions' rosters."""

import unittest

from iop_test import CONFLICT, NOT_FOUND, USAGE, IopTestCase


class GroupTest(IopTestCase):
    def enroll(self, first, last="Reed", admit="2026-11-01"):
        r = self.ok("-q", "client", "enroll", "--first", first, "--last", last, "--dob", "1985-02-01",
                    "--admit", admit)
        return int(r.out)

    def create(self, *extra, name="Tuesday Recovery"):
        return self.ok_json("group", "create", "--name", name, "--clinician", str(self.lee), *extra)

    def schedule_group(self, gid, start, *extra):
        return self.ok_json("session", "schedule", "--type", "group", "--group", str(gid), "--clinician",
                            str(self.lee), "--start", start, *extra)

    def roster(self, sid):
        return [p["client_id"] for p in self.ok_json("session", "show", str(sid))["participants"]]

    def setUp(self):
        super().setUp()
        self.lee = self.add_clinician("Lee Ortiz", "LCSW", "individual,group")
        self.dana = self.add_clinician("Dana Reyes", "LMFT", "individual,couples")
        self.jose = self.enroll("José", "Núñez")
        self.ana = self.enroll("Ana")
        self.zoe = self.enroll("Zoë", "Brontë")

    def test_create_show_and_list(self):
        g = self.create("--capacity", "8")
        self.assertEqual(list(g), ["id", "name", "clinician_id", "clinician", "capacity", "members", "created_at"])
        self.assertEqual((g["name"], g["clinician_id"], g["clinician"], g["capacity"], g["members"]),
                         ("Tuesday Recovery", self.lee, "Lee Ortiz, LCSW", 8, []))
        self.assertEqual(g["created_at"], "2026-11-27T17:00:00Z")
        self.assertEqual(self.ok_json("group", "show", str(g["id"])), g)
        self.assertEqual(self.ok_json("group", "list"), [g])
        self.assertIsNone(self.create(name="Évening Group")["capacity"])
        r = self.ok("-q", "group", "create", "--name", "Third", "--clinician", str(self.lee))
        self.assertRegex(r.out, r"^\d+\n$")
        self.assertEqual([x["name"] for x in self.ok_json("group", "list")],
                         ["Tuesday Recovery", "Évening Group", "Third"])

    def test_members_with_accented_names_in_every_format(self):
        gid = self.create("--capacity", "5")["id"]
        g = self.ok_json("group", "add", str(self.jose), str(self.zoe), "--group", str(gid))
        self.assertEqual(g["members"], [{"client_id": self.zoe, "name": "Zoë Brontë", "joined_on": "2026-11-27"},
                                        {"client_id": self.jose, "name": "José Núñez", "joined_on": "2026-11-27"}])
        shown = self.ok("group", "show", str(gid)).out
        self.assertIn(f"José Núñez (client {self.jose}, since 2026-11-27)", shown)
        self.assertIn("Lee Ortiz, LCSW", shown)
        self.assertIn("2/5", shown)
        table = self.ok("group", "list").out
        self.assertEqual(table.splitlines()[0].split(), ["ID", "NAME", "CLINICIAN", "MEMBERS", "NAMES"])
        self.assertIn("Zoë Brontë; José Núñez", table)
        csv = self.ok("group", "list", "--format", "csv").out.splitlines()
        self.assertEqual(csv[0], "id,name,clinician_id,clinician,capacity,members,created_at")
        self.assertIn("Zoë Brontë; José Núñez", csv[1])

    def test_dates_default_today_and_accept_relative_words(self):
        gid = self.create()["id"]
        g = self.ok_json("group", "add", str(self.ana), "--group", str(gid), "--date", "yesterday")
        self.assertEqual(g["members"][0]["joined_on"], "2026-11-26")
        g = self.ok_json("group", "add", str(self.jose), "--group", str(gid), "--date", "today")
        self.assertEqual(g["members"][0]["joined_on"], "2026-11-27")
        g = self.ok_json("group", "add", str(self.zoe), "--group", str(gid), "--date", "2026-11-20")
        self.assertEqual(g["members"][0]["joined_on"], "2026-11-20")

    def test_create_refusals(self):
        self.refused(CONFLICT, "group", "create", "--name", "G", "--clinician", str(self.dana),
                     message="does not have the group role")
        self.refused(NOT_FOUND, "group", "create", "--name", "G", "--clinician", "99", message="no clinician with id 99")
        self.refused(USAGE, "group", "create", "--name", "G", "--clinician", str(self.lee), "--capacity", "0")
        self.refused(USAGE, "group", "create", "--name", "", "--clinician", str(self.lee))
        self.refused(USAGE, "group", "create", "--clinician", str(self.lee))
        self.ok("clinician", "deactivate", str(self.lee))
        self.refused(CONFLICT, "group", "create", "--name", "G", "--clinician", str(self.lee), message="is inactive")

    def test_add_refusals_change_nothing(self):
        gid = self.create("--capacity", "2")["id"]
        self.ok("group", "add", str(self.ana), "--group", str(gid))
        self.refused(CONFLICT, "group", "add", str(self.ana), "--group", str(gid), message="already a member")
        # All or none: a valid client listed first does not join either.
        self.refused(CONFLICT, "group", "add", str(self.jose), str(self.ana), "--group", str(gid),
                     message="already a member")
        self.ok("client", "discharge", str(self.zoe), "--date", "2026-11-25", "--reason", "completed")
        self.refused(CONFLICT, "group", "add", str(self.zoe), "--group", str(gid), message="is discharged")
        self.refused(NOT_FOUND, "group", "add", "999", "--group", str(gid), message="no client with id 999")
        self.refused(NOT_FOUND, "group", "add", str(self.jose), "--group", "42", message="no group with id 42")
        self.refused(USAGE, "group", "add", str(self.jose), "--group", str(gid), "--date", "2026-02-30")
        self.refused(USAGE, "group", "add", "--group", str(gid))
        self.refused(USAGE, "group", "add", str(self.jose))
        self.refused(USAGE, "group", "add", "abc", "--group", str(gid))
        self.assertEqual([m["client_id"] for m in self.ok_json("group", "show", str(gid))["members"]], [self.ana])

    def test_capacity(self):
        gid = self.create("--capacity", "2")["id"]
        extra = self.enroll("Cal", "Ito")
        self.refused(CONFLICT, "group", "add", str(self.jose), str(self.ana), str(self.zoe), "--group", str(gid),
                     message="holds 2 members")
        self.ok("group", "add", str(self.jose), str(self.ana), "--group", str(gid))
        self.refused(CONFLICT, "group", "add", str(extra), "--group", str(gid), message="holds 2 members")
        # Unknown ids are still exit 3 when the group is full.
        self.refused(NOT_FOUND, "group", "add", "999", "--group", str(gid))
        # A member who leaves frees a place.
        self.ok("group", "remove", str(self.ana), "--group", str(gid))
        g = self.ok_json("group", "add", str(extra), "--group", str(gid))
        self.assertEqual(sorted(m["client_id"] for m in g["members"]), sorted([self.jose, extra]))

    def test_a_client_booked_during_a_group_session_is_refused(self):
        gid = self.create()["id"]
        self.ok("group", "add", str(self.ana), "--group", str(gid), "--date", "2026-11-20")
        sid = self.schedule_group(gid, "2026-12-01 10:00")["id"]
        self.ok("session", "schedule", "--type", "individual", "--clinician", str(self.dana), "--client",
                str(self.jose), "--start", "2026-12-01 10:30")
        self.refused(CONFLICT, "group", "add", str(self.jose), "--group", str(gid), message=f"session {sid}")
        # Joining after that session is fine, and leaves that session alone.
        self.ok("group", "add", str(self.jose), "--group", str(gid), "--date", "2026-12-02")
        self.assertEqual(self.roster(sid), [self.ana])

    def test_a_session_roster_is_the_members_on_its_date(self):
        gid = self.create()["id"]
        self.ok("group", "add", str(self.ana), str(self.jose), "--group", str(gid), "--date", "2026-11-20")
        s1 = self.schedule_group(gid, "2026-11-30 10:00")["id"]
        s2 = self.schedule_group(gid, "2026-12-07 10:00")["id"]
        s3 = self.schedule_group(gid, "2026-12-14 10:00")["id"]
        self.assertEqual(sorted(self.roster(s1)), sorted([self.ana, self.jose]))
        # A member added later joins the sessions from that date on only.
        self.ok("group", "add", str(self.zoe), "--group", str(gid), "--date", "2026-12-07")
        self.assertNotIn(self.zoe, self.roster(s1))
        self.assertIn(self.zoe, self.roster(s2))
        self.assertIn(self.zoe, self.roster(s3))
        # A member removed leaves the sessions from that date on.
        self.ok("group", "remove", str(self.jose), "--group", str(gid), "--date", "2026-12-08")
        self.assertIn(self.jose, self.roster(s1))
        self.assertIn(self.jose, self.roster(s2))
        self.assertNotIn(self.jose, self.roster(s3))
        self.assertEqual([m["client_id"] for m in self.ok_json("group", "show", str(gid))["members"]],
                         [self.zoe, self.ana])
        # Sessions booked later take the roster of their own date.
        s4 = self.schedule_group(gid, "2026-12-21 10:00")["id"]
        self.assertEqual(sorted(self.roster(s4)), sorted([self.ana, self.zoe]))

    def test_a_past_session_keeps_its_roster(self):
        gid = self.create()["id"]
        self.ok("group", "add", str(self.ana), "--group", str(gid), "--date", "2026-11-20")
        past = self.schedule_group(gid, "2026-11-24 10:00")["id"]
        self.ok("session", "attend", str(past))
        self.ok("group", "add", str(self.jose), "--group", str(gid), "--date", "2026-11-20")
        self.ok("group", "remove", str(self.ana), "--group", str(gid), "--date", "2026-11-21")
        self.assertEqual(self.roster(past), [self.ana])

    def test_remove_refusals(self):
        gid = self.create()["id"]
        self.ok("group", "add", str(self.ana), "--group", str(gid), "--date", "2026-11-20")
        self.refused(CONFLICT, "group", "remove", str(self.jose), "--group", str(gid), message="is not a member")
        self.refused(USAGE, "group", "remove", str(self.ana), "--group", str(gid), "--date", "2026-11-19",
                     message="before Ana Reed joined")
        self.refused(NOT_FOUND, "group", "remove", "999", "--group", str(gid))
        self.refused(NOT_FOUND, "group", "remove", str(self.ana), "--group", "42")
        g = self.ok_json("group", "remove", str(self.ana), "--group", str(gid), "--date", "today")
        self.assertEqual(g["members"], [])
        self.refused(CONFLICT, "group", "remove", str(self.ana), "--group", str(gid), message="is not a member")
        # A former member may join again.
        g = self.ok_json("group", "add", str(self.ana), "--group", str(gid), "--date", "2026-12-01")
        self.assertEqual(g["members"][0]["joined_on"], "2026-12-01")

    def test_show_unknown_and_malformed(self):
        self.refused(NOT_FOUND, "group", "show", "7", message="no group with id 7")
        self.refused(USAGE, "group", "show", "0")
        self.refused(USAGE, "group", "show")
        self.assertEqual(self.ok_json("group", "list"), [])

    def test_every_verb_has_an_example(self):
        for verb in ("create", "add", "remove", "list", "show"):
            with self.subTest(verb=verb):
                r = self.ok("group", verb, "--help")
                self.assertIn("Example", r.out)
                self.assertIn("iop group " + verb, r.out)

    def test_changes_are_audited(self):
        gid = self.create()["id"]
        self.ok("group", "add", str(self.ana), "--group", str(gid))
        self.ok("group", "remove", str(self.ana), "--group", str(gid))
        rows = self.sql("SELECT action, record_kind FROM audit_log WHERE record_kind = 'group' ORDER BY id")
        self.assertEqual([r[0] for r in rows], ["create", "add-member", "remove-member"])


if __name__ == "__main__":
    unittest.main()
