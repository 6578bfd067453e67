"""iop payer add|list|show|update|deactivate, end to end."""

import unittest

from iop_test import CONFLICT, NOT_FOUND, USAGE, IopTestCase

FIELDS = ["id", "name", "payer_id", "plan", "filing_code", "billing", "telehealth_modifier", "audio_modifier",
          "requires_auth", "active", "created_at"]


class PayerTest(IopTestCase):
    def setUp(self):
        super().setUp()
        self.ok("init")  # so that refusals compare against an existing database

    def add(self, name="Aetna PPO", payer_id="60054", *extra):
        return self.ok_json("payer", "add", "--name", name, "--payer-id", payer_id, *extra)

    def test_add_prints_the_payer_with_defaults(self):
        p = self.add()
        self.assertEqual(list(p), FIELDS)
        self.assertEqual((p["name"], p["payer_id"], p["plan"], p["filing_code"], p["billing"]),
                         ("Aetna PPO", "60054", "ppo", "12", "per-service"))
        self.assertEqual((p["telehealth_modifier"], p["audio_modifier"], p["requires_auth"], p["active"]),
                         ("95", "93", False, True))
        self.assertEqual(p["created_at"], "2026-11-27T17:00:00Z")
        self.assertEqual(self.ok_json("payer", "show", str(p["id"])), p)
        self.assertEqual(self.ok_json("payer", "list"), [p])

    def test_filing_code_defaults_from_the_plan(self):
        expected = {"ppo": "12", "pos": "13", "epo": "14", "indemnity": "15", "hmo": "HM", "medicare": "MB",
                    "medicaid": "MC", "other": "CI"}
        for plan, code in expected.items():
            with self.subTest(plan=plan):
                p = self.add(f"Payer {plan}", "12345", "--plan", plan)
                self.assertEqual((p["plan"], p["filing_code"]), (plan, code))

    def test_explicit_options(self):
        p = self.add("Blue Shield PPO", "94036", "--plan", "PPO", "--filing-code", "bl", "--billing", "per-diem",
                     "--telehealth-modifier", "gt", "--audio-modifier", "FQ", "--requires-auth")
        self.assertEqual((p["plan"], p["filing_code"], p["billing"], p["telehealth_modifier"], p["audio_modifier"],
                          p["requires_auth"]), ("ppo", "BL", "per-diem", "GT", "FQ", True))
        none = self.add("Kaiser", "94134", "--telehealth-modifier", "none", "--audio-modifier", "none")
        self.assertEqual((none["telehealth_modifier"], none["audio_modifier"]), ("none", "none"))
        tricare = self.add("TRICARE West", "99726", "--plan", "other", "--filing-code", "CH")
        self.assertEqual(tricare["filing_code"], "CH")

    def test_quiet_add_prints_only_the_id(self):
        r = self.ok("-q", "payer", "add", "--name", "Aetna PPO", "--payer-id", "60054")
        self.assertRegex(r.out, r"^\d+\n$")
        self.assertEqual(self.sql("SELECT name, filing_code FROM payers WHERE id = ?", int(r.out)),
                         [("Aetna PPO", "12")])

    def test_table_and_csv(self):
        pid = self.add("Blue Shield PPO", "94036", "--filing-code", "BL")["id"]
        out = self.ok("payer", "list").out
        self.assertEqual(out.splitlines()[0].split(),
                         ["ID", "NAME", "PAYER", "ID", "PLAN", "SBR09", "BILLING", "VIDEO", "PHONE", "AUTH", "ACTIVE"])
        self.assertIn("Blue Shield PPO", out)
        self.assertIn(" BL ", out)
        shown = self.ok("payer", "show", str(pid)).out
        self.assertRegex(shown, r"(?m)^filing code \(SBR09\) +BL$")
        csv = self.ok("payer", "list", "--format", "csv").out.splitlines()
        self.assertEqual(csv[0], ",".join(FIELDS))
        self.assertTrue(csv[1].startswith(f"{pid},Blue Shield PPO,94036,ppo,BL,per-service,95,93,no,yes,"), csv)

    def test_names_with_accents_apostrophes_and_sql_are_stored_verbatim(self):
        for name in ("Zoë O'Brien-Núñez Health", "Robert'); DROP TABLE clients;--"):
            with self.subTest(name=name):
                p = self.add(name, "55555")
                self.assertEqual(p["name"], name)
                self.assertEqual(self.sql("SELECT name FROM payers WHERE id = ?", p["id"]), [(name,)])
        self.assertEqual(self.sql("SELECT COUNT(*) FROM clients"), [(0,)])  # the table is still there
        self.assertIn("Zoë O'Brien-Núñez Health", self.ok("payer", "list").out)

    def test_x12_delimiters_are_refused(self):
        for bad in ("60*054", "60:054", "60^054", "60054~"):
            with self.subTest(payer_id=bad):
                self.refused(USAGE, "payer", "add", "--name", "Aetna", "--payer-id", bad,
                             message="a delimiter of X12 claim files")
        for bad in ("Aetna*PPO", "Aetna~", "A^B", "A:B"):
            with self.subTest(name=bad):
                self.refused(USAGE, "payer", "add", "--name", bad, "--payer-id", "60054", message="delimiter")
        pid = self.add()["id"]
        self.refused(USAGE, "payer", "update", str(pid), "--name", "Aetna*PPO", message="delimiter")
        self.refused(USAGE, "payer", "update", str(pid), "--payer-id", "1~2", message="delimiter")

    def test_malformed_values_are_usage_errors(self):
        cases = [("--plan", "hdhp", "plan 'hdhp'"), ("--filing-code", "PP", "claim filing indicator"),
                 ("--filing-code", "BLU", "claim filing indicator"), ("--billing", "daily", "per-service or per-diem"),
                 ("--telehealth-modifier", "93", "95, GT or none"), ("--audio-modifier", "95", "93, FQ or none")]
        for option, value, message in cases:
            with self.subTest(option=option, value=value):
                self.refused(USAGE, "payer", "add", "--name", "Aetna", "--payer-id", "60054", option, value,
                             message=message)
        self.refused(USAGE, "payer", "add", "--name", "Aetna")
        self.refused(USAGE, "payer", "add", "--name", "  ", "--payer-id", "60054", message="must not be empty")
        self.refused(USAGE, "payer", "add", "--name", "Aetna", "--payer-id", "600 54", message="without spaces")
        self.refused(USAGE, "payer", "show", "abc")

    def test_duplicate_name_is_a_conflict(self):
        pid = self.add("Aetna PPO")["id"]
        self.refused(CONFLICT, "payer", "add", "--name", "aetna ppo", "--payer-id", "1234",
                     message=f"already exists (payer {pid})")
        other = self.add("Cigna")["id"]
        self.refused(CONFLICT, "payer", "update", str(other), "--name", "Aetna PPO", message="already exists")

    def test_update_changes_only_what_is_given(self):
        p = self.add("Blue Shield", "94036", "--filing-code", "BL")
        u = self.ok_json("payer", "update", str(p["id"]), "--plan", "hmo", "--requires-auth")
        self.assertEqual((u["plan"], u["filing_code"], u["requires_auth"], u["name"], u["payer_id"]),
                         ("hmo", "BL", True, "Blue Shield", "94036"))  # BL was chosen by hand: kept
        u = self.ok_json("payer", "update", str(p["id"]), "--no-requires-auth", "--telehealth-modifier", "GT")
        self.assertEqual((u["requires_auth"], u["telehealth_modifier"]), (False, "GT"))
        a = self.add("Aetna", "60054")
        self.assertEqual(self.ok_json("payer", "update", str(a["id"]), "--plan", "epo")["filing_code"], "14")
        self.assertEqual(self.ok_json("payer", "update", str(a["id"]), "--filing-code", "ci")["filing_code"], "CI")
        self.refused(USAGE, "payer", "update", str(a["id"]), message="nothing to update")
        self.refused(USAGE, "payer", "update", str(a["id"]), "--requires-auth", "--no-requires-auth")
        self.refused(USAGE, "payer", "update", str(a["id"]), "--active", "maybe", message="yes or no")

    def test_deactivate_and_reactivate(self):
        pid = self.add()["id"]
        d = self.ok_json("payer", "deactivate", str(pid))
        self.assertFalse(d["active"])
        self.assertEqual(self.ok_json("payer", "list"), [])
        self.assertEqual([p["id"] for p in self.ok_json("payer", "list", "--all")], [pid])
        r = self.ok("payer", "deactivate", str(pid))
        self.assertIn("already inactive", r.err)
        self.assertTrue(self.ok_json("payer", "update", str(pid), "--active", "yes")["active"])
        self.assertFalse(self.ok_json("payer", "update", str(pid), "--active", "no")["active"])

    def test_unknown_ids(self):
        for verb in (("show", "42"), ("update", "42", "--plan", "hmo"), ("deactivate", "42")):
            with self.subTest(verb=verb[0]):
                self.refused(NOT_FOUND, "payer", *verb, message="no payer with id 42")

    def test_changes_are_audited(self):
        pid = self.add()["id"]
        self.ok("--as", "billing", "payer", "update", str(pid), "--plan", "hmo")
        self.ok("payer", "deactivate", str(pid))
        log = self.ok_json("audit", "log", "--kind", "payer")
        self.assertEqual([(e["actor"], e["command"], e["action"], e["record_id"]) for e in log],
                         [("tester", "payer deactivate", "deactivate", pid),
                          ("billing", "payer update", "update", pid),
                          ("tester", "payer add", "create", pid)])


if __name__ == "__main__":
    unittest.main()
