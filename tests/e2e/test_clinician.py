"""iop clinician add|list|show|update|deactivate, end to end."""

import unittest

from iop_test import CONFLICT, NOT_FOUND, USAGE, IopTestCase


class ClinicianTest(IopTestCase):
    def test_add_prints_the_record_and_stores_it(self):
        c = self.ok_json("clinician", "add", "--name", "Dana Reyes", "--credential", "LMFT",
                         "--npi", "1234567893", "--role", "couples,individual", "--tz", "America/New_York",
                         "--email", "dana@example.org")
        self.assertEqual(c["name"], "Dana Reyes")
        self.assertEqual(c["npi"], "1234567893")
        self.assertEqual(c["roles"], ["individual", "couples"])  # canonical order
        self.assertEqual(c["timezone"], "America/New_York")
        self.assertTrue(c["active"])
        shown = self.ok_json("clinician", "show", str(c["id"]))
        self.assertEqual(shown, c)

    def test_quiet_prints_only_the_id(self):
        r = self.ok("-q", "clinician", "add", "--name", "Sam Ito", "--credential", "LADC")
        self.assertRegex(r.out, r"^\d+\n$")

    def test_default_zone_is_the_viewers(self):
        c = self.ok_json("clinician", "add", "--name", "Sam Ito", "--credential", "LADC")
        self.assertEqual(c["timezone"], "America/Los_Angeles")  # from TZ in the test environment

    def test_bad_npi_is_a_usage_error_and_changes_nothing(self):
        self.ok("init")
        for npi, says in (("1234567890", "check-digit"), ("123456789", "10 digits"),
                          ("12345678A3", "digits only"), ("3234567893", "start with 1 or 2")):
            with self.subTest(npi=npi):
                self.refused(USAGE, "clinician", "add", "--name", "X", "--credential", "MD", "--npi", npi,
                             message=says)

    def test_duplicate_npi_is_a_conflict(self):
        self.ok("clinician", "add", "--name", "A", "--credential", "MD", "--npi", "1234567893")
        self.refused(CONFLICT, "clinician", "add", "--name", "B", "--credential", "MD", "--npi", "1234567893",
                     message="already belongs")

    def test_unknown_zone_and_role_are_usage_errors(self):
        self.ok("init")
        self.refused(USAGE, "clinician", "add", "--name", "X", "--credential", "MD", "--tz", "Mars/Olympus",
                     message="unknown time zone")
        self.refused(USAGE, "clinician", "add", "--name", "X", "--credential", "MD", "--role", "surgeon",
                     message="unknown role")

    def test_missing_required_option(self):
        self.ok("init")
        self.refused(USAGE, "clinician", "add", "--name", "X", message="credential")

    def test_names_are_stored_byte_for_byte(self):
        for name in ("Siobhán O'Brien", "José Núñez", "Robert'); DROP TABLE clients;--"):
            with self.subTest(name=name):
                c = self.ok_json("clinician", "add", "--name", name, "--credential", "LPC")
                self.assertEqual(self.ok_json("clinician", "show", str(c["id"]))["name"], name)
        self.assertEqual(len(self.ok_json("clinician", "list")), 3)

    def test_update_changes_only_what_is_given(self):
        cid = self.add_clinician()
        c = self.ok_json("clinician", "update", str(cid), "--role", "group", "--email", "d@example.org")
        self.assertEqual(c["roles"], ["group"])
        self.assertEqual(c["email"], "d@example.org")
        self.assertEqual(c["name"], "Dana Reyes")
        c = self.ok_json("clinician", "update", str(cid), "--email", "")
        self.assertIsNone(c["email"])
        self.refused(USAGE, "clinician", "update", str(cid), message="nothing to update")
        self.refused(NOT_FOUND, "clinician", "update", "999", "--name", "Z")

    def test_deactivate_hides_from_list_but_keeps_the_record(self):
        cid = self.add_clinician()
        self.ok("clinician", "deactivate", str(cid))
        self.assertEqual(self.ok_json("clinician", "list"), [])
        everyone = self.ok_json("clinician", "list", "--all")
        self.assertEqual([c["id"] for c in everyone], [cid])
        self.assertFalse(everyone[0]["active"])
        r = self.ok("clinician", "deactivate", str(cid))
        self.assertIn("already inactive", r.err)

    def test_list_by_role(self):
        a = self.add_clinician("A", "LMFT", "couples")
        self.add_clinician("B", "LADC", "addiction")
        self.assertEqual([c["id"] for c in self.ok_json("clinician", "list", "--role", "couples")], [a])

    def test_unknown_ids(self):
        self.ok("init")
        self.refused(NOT_FOUND, "clinician", "show", "42", message="no clinician with id 42")
        self.refused(NOT_FOUND, "clinician", "deactivate", "42")
        self.refused(USAGE, "clinician", "show", "abc")
        self.refused(USAGE, "clinician", "show", "0")

    def test_every_change_is_audited_without_details(self):
        cid = self.add_clinician()
        self.ok("--as", "alice", "clinician", "update", str(cid), "--name", "Dana Reyes-Ito")
        log = self.ok_json("audit", "log")
        self.assertEqual([(e["actor"], e["command"], e["action"], e["record_kind"], e["record_id"]) for e in log],
                         [("alice", "clinician update", "update", "clinician", cid),
                          ("tester", "clinician add", "create", "clinician", cid)])
        self.assertNotIn("Reyes-Ito", self.ok("audit", "log", "--format", "csv").out)


if __name__ == "__main__":
    unittest.main()
