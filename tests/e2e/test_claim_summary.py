"""iop claim summary, end to end: claims built from attended, signed sessions summed by payer,
client, clinician, code and week, in table, JSON and CSV, with void claims left out."""

import unittest

from iop_test import USAGE
from test_claim_list import BOBBY, ClaimTestCase


class SummaryTest(ClaimTestCase):
    def setUp(self):
        super().setUp()
        # One more for Zoë the week before (sessions must be in the past: now is 11-27).
        self.s0 = self.session(self.zoe, "2026-11-16 10:00")
        self.ids = self.build()

    def summary(self, *args):
        return self.ok_json("claim", "summary", *args)

    def test_by_payer_is_the_default(self):
        j = self.summary()
        self.assertEqual(j["by"], "payer")
        self.assertIsNone(j["from"])
        self.assertEqual(j["rows"], [
            {"key": str(self.aetna), "label": "Aetna PPO", "claims": 3, "lines": 3,
             "units": 3, "charge_cents": 57000, "charge": "570.00"},
            {"key": str(self.cigna), "label": "Cigna Behavioral", "claims": 1, "lines": 1, "units": 1,
             "charge_cents": 19000, "charge": "190.00"}])
        self.assertEqual(j["total"], {"key": "total", "label": "total", "claims": 4, "lines": 4, "units": 4,
                                      "charge_cents": 76000, "charge": "760.00"})
        table = self.ok("claim", "summary").out.splitlines()
        self.assertEqual(table[0].split(), ["ID", "PAYER", "CLAIMS", "LINES", "UNITS", "CHARGES"])
        self.assertTrue(table[-1].split()[0] == "total" and table[-1].endswith("$760.00"), table)
        csv = self.ok("--format", "csv", "claim", "summary").out.splitlines()
        self.assertEqual(csv[0], "key,label,claims,lines,units,charge_cents,charge")
        self.assertEqual(csv[1], f"{self.aetna},Aetna PPO,3,3,3,57000,570.00")
        self.assertEqual(len(csv), 3)

    def test_by_client_clinician_code_and_week(self):
        clients = self.summary("--by", "client")["rows"]
        self.assertEqual([(r["label"], r["lines"], r["charge_cents"]) for r in clients],
                         [(f"Ben {BOBBY}", 1, 19000), ("Zoë O'Brien-Núñez", 3, 57000)])
        self.assertIn("Zoë O'Brien-Núñez", self.ok("claim", "summary", "--by", "client").out)
        clinicians = self.summary("--by", "clinician")["rows"]
        self.assertEqual([(r["key"], r["label"], r["claims"], r["lines"]) for r in clinicians],
                         [(str(self.dana), "Dana Reyes, LMFT", 4, 4)])
        codes = self.summary("--by", "code")["rows"]
        self.assertEqual([(r["key"], r["units"], r["charge_cents"]) for r in codes], [("90837", 4, 76000)])
        weeks = self.summary("--by", "week")["rows"]
        self.assertEqual([(r["key"], r["label"], r["claims"], r["lines"], r["charge_cents"]) for r in weeks],
                         [("2026-11-16", "week of 2026-11-16", 1, 1, 19000),
                          ("2026-11-23", "week of 2026-11-23", 3, 3, 57000)])
        week_table = self.ok("claim", "summary", "--by", "week").out
        self.assertIn("WEEK", week_table)
        self.assertIn("week of 2026-11-16", week_table)

    def test_range_and_void_claims(self):
        j = self.summary("--from", "2026-11-24", "--to", "2026-11-30", "--by", "client")
        self.assertEqual(j["from"], "2026-11-24")
        self.assertEqual(j["to"], "2026-11-30")
        self.assertEqual(j["total"]["lines"], 2)
        self.assertEqual(j["total"]["charge_cents"], 38000)
        self.ok("claim", "void", str(self.ids[self.s3]), "--reason", "typo")
        j = self.summary()
        self.assertEqual([r["label"] for r in j["rows"]], ["Aetna PPO"])
        self.assertEqual(j["total"]["charge_cents"], 57000)
        empty = self.ok("claim", "summary", "--from", "2026-12-01")
        self.assertEqual(empty.out, "")
        self.assertIn("nothing billed", empty.err)
        self.assertEqual(self.summary("--from", "2026-12-01")["rows"], [])

    def test_refusals(self):
        self.refused(USAGE, "claim", "summary", "--by", "month", message="--by")
        self.refused(USAGE, "claim", "summary", "--from", "2026-11-31")
        self.refused(USAGE, "claim", "summary", "--from", "2026-11-24", "--to", "2026-11-01", message="before")


if __name__ == "__main__":
    unittest.main()
