"""iop claim superbill, end to end: text, HTML (every value escaped) and JSON; couples sessions on
the identified patient's superbill only; what is left out on stderr; refusals."""
import unittest

from iop_test import USAGE, NOT_FOUND, CONFIG as CONFIG_ERROR
from test_claim_build import BillingCase, CONFIG


class SuperbillTest(BillingCase):
    def setUp(self):
        super().setUp()
        self.zoe = self.insured("Zoë", "O'Brien-Núñez", dx=("F43.23", "Z63.0"))
        self.ben = self.insured("Ben")
        self.couple = self.pair(self.zoe, self.ben, self.dana)

    def joint(self, start, sign=True):
        return self.documented(self.zoe, "--type", "couples", "--couple", str(self.couple), "--clinician",
                               str(self.dana), "--start", start, sign=sign)

    def superbill(self, client, *extra):
        return self.ok("claim", "superbill", str(client), "--from", "2026-11-01", "--to", "2026-11-30", *extra)

    def test_text_lists_practice_client_diagnoses_services_and_balance(self):
        self.joint("2026-11-02 10:00")
        unsigned = self.joint("2026-11-09 10:00", sign=False)
        r = self.superbill(self.zoe)
        out = r.out
        for expected in ("Harbor Light Virtual IOP", "100 Main St, Portland, OR 97201-0000",
                         "NPI 1234567893  Tax ID 931234567  Phone 5035550100",
                         "Client: Zoë O'Brien-Núñez  Date of birth: 1985-02-01",
                         "  A  F43.23\n  B  Z63.0\n",
                         "Total charges: $170.00", "Payments: $0.00 (not recorded in iop)", "Balance: $170.00"):
            self.assertIn(expected, out)
        self.assertRegex(out, r"(?m)^2026-11-02  90847-95 +10 +1 +A,B +\$170\.00  Dana Reyes, LMFT \(NPI 1234567893\)$")
        note = self.sql("SELECT id FROM notes WHERE session_id = ?", unsigned)[0][0]
        self.assertIn(f"session {unsigned} (2026-11-09): left out: note not signed (iop note sign {note})", r.err)
        # The partner who is not the identified patient gets no line for the joint session.
        self.assertIn("(no billable service in the period)", self.superbill(self.ben).out)

    def test_json_has_lines_and_left_out(self):
        sid = self.joint("2026-11-02 10:00")
        j = self.ok_json("claim", "superbill", str(self.zoe), "--from", "2026-11-01", "--to", "2026-11-30")
        self.assertEqual(j["client"], "Zoë O'Brien-Núñez")
        self.assertEqual(j["diagnoses"], [{"letter": "A", "code": "F43.23"}, {"letter": "B", "code": "Z63.0"}])
        self.assertEqual([(l["session_id"], l["code"], l["pointers"], l["charge"]) for l in j["lines"]],
                         [(sid, "90847", ["A", "B"], "170.00")])
        self.assertEqual((j["total"], j["paid_cents"], j["balance_cents"]), ("170.00", 0, 17000))
        same = self.superbill(self.zoe, "--format", "json").json()
        self.assertEqual(same, j)

    def test_html_is_a_page_with_every_value_escaped(self):
        odd = self.insured("<b>Al</b> & Co", "O'Hare")
        self.individual(odd, "2026-11-04 10:00")
        page = self.superbill(odd, "--format", "html").out
        self.assertTrue(page.startswith("<!DOCTYPE html>"))
        self.assertIn("&lt;b&gt;Al&lt;/b&gt; &amp; Co O&#39;Hare", page)
        self.assertNotIn("<b>Al", page)
        self.assertNotIn("O'Hare", page)
        self.assertIn("90837-95", page)
        self.assertIn("$190.00", page)

    def test_refusals(self):
        self.refused(USAGE, "claim", "superbill", str(self.zoe), "--from", "2026-11-30", "--to", "2026-11-01",
                     message="before --from")
        self.refused(USAGE, "claim", "superbill", str(self.zoe), "--from", "2026-02-30", "--to", "2026-11-01")
        self.refused(USAGE, "claim", "superbill", str(self.zoe), "--from", "2026-11-01", "--to", "2026-11-30",
                     "--format", "pdf")
        self.refused(NOT_FOUND, "claim", "superbill", "999", "--from", "2026-11-01", "--to", "2026-11-30")
        self.env["IOP_CONFIG"] = self.write_config(CONFIG.replace('tax_id = "931234567"\n', ""), "notax.toml")
        self.refused(CONFIG_ERROR, "claim", "superbill", str(self.zoe), "--from", "2026-11-01", "--to", "2026-11-30",
                     message="practice.tax_id")


if __name__ == "__main__":
    unittest.main()
