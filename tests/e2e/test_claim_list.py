"""iop claim list|show|void, end to end: claims built from attended, signed sessions, listed with
filters, shown for people and scripts, voided before and after export (with the exit codes of
every refusal, the database unchanged), and names with accents, apostrophes and SQL in them."""

import os
import shutil
import unittest

from iop_test import CONFLICT, NOT_FOUND, SOURCE_DIR, USAGE, IopTestCase

SOAP = "Subjective: better\nObjective: calm\nAssessment: improving\nPlan: weekly\n"
ZOE = ("Zoë", "O'Brien-Núñez")
BOBBY = "Robert'); DROP TABLE clients;--"


class ClaimTestCase(IopTestCase):
    """Zoë (Aetna, self) has individual sessions on 11-23 and 11-24, Ben (Cigna, subscriber Lou
    Reed, his parent) one on 11-25; all attended (53 minutes: 90837) with signed notes."""

    def setUp(self):
        super().setUp()
        config = os.path.join(self.dir, "config.toml")
        shutil.copy(os.path.join(SOURCE_DIR, "examples", "config.toml"), config)
        self.env["IOP_CONFIG"] = config
        self.dana = self.add_clinician("Dana Reyes", "LMFT", "individual,couples", "--npi", "1234567893")
        self.zoe = self.enroll(*ZOE, "2026-11-02", "--diagnosis", "F43.23,Z63.0")
        self.ben = self.enroll("Ben", BOBBY, "2026-11-02", "--diagnosis", "F41.1")
        self.aetna = self.ok_json("payer", "add", "--name", "Aetna PPO", "--payer-id", "60054")["id"]
        self.cigna = self.ok_json("payer", "add", "--name", "Cigna Behavioral", "--payer-id", "62308")["id"]
        self.ok("coverage", "add", str(self.zoe), "--payer", str(self.aetna), "--member-id", "W100",
                "--group", "G7", "--from", "2026-11-01")
        self.ok("coverage", "add", str(self.ben), "--payer", str(self.cigna), "--member-id", "C200",
                "--subscriber-name", "Lou Reed", "--subscriber-dob", "1960-03-02", "--relationship", "parent",
                "--from", "2026-11-01")
        self.s1 = self.session(self.zoe, "2026-11-23 10:00")
        self.s2 = self.session(self.zoe, "2026-11-24 10:00")
        self.s3 = self.session(self.ben, "2026-11-25 10:00")

    def session(self, client, start):
        sid = self.attended("--type", "individual", "--clinician", str(self.dana), "--client", str(client),
                            "--start", start)
        nid = int(self.ok("-q", "note", "add", str(sid), "--file", "-", stdin=SOAP).out)
        self.ok("note", "sign", str(nid), "--by", str(self.dana))
        return sid

    def build(self):
        """Builds claims (one per session here); returns {session id: claim id}."""
        claims = self.ok_json("claim", "build")["claims"]
        return {s: c["id"] for c in claims for line in c["lines"] for s in line["sessions"]}


class ListTest(ClaimTestCase):
    def test_list_table_json_csv_and_filters(self):
        self.fails_empty = self.ok("claim", "list")
        self.assertEqual(self.fails_empty.out, "")
        self.assertIn("no claims", self.fails_empty.err)
        ids = self.build()
        z1, z2, bc = ids[self.s1], ids[self.s2], ids[self.s3]

        rows = self.ok_json("claim", "list")
        self.assertEqual([r["id"] for r in rows], sorted([z1, z2, bc]))
        z = next(r for r in rows if r["id"] == z1)
        self.assertEqual(z["client"], "Zoë O'Brien-Núñez")
        self.assertEqual(z["payer"], "Aetna PPO")
        self.assertEqual(z["status"], "draft")
        self.assertEqual(z["total_cents"], 19000)
        self.assertEqual(len(z["lines"]), 1)
        self.assertEqual(z["lines"][0]["sessions"], [self.s1])

        table = self.ok("claim", "list").out.splitlines()
        self.assertEqual(table[0].split()[:3], ["ID", "CLIENT", "PAYER"])
        zline = next(line for line in table if line.split()[0] == str(z1))
        self.assertIn(f"Zoë O'Brien-Núñez ({self.zoe})", zline)
        self.assertIn("2026-11-23", zline)
        self.assertIn("$190.00", zline)
        self.assertIn("draft", zline)
        bline = next(line for line in table if "Ben" in line)
        self.assertIn(BOBBY, bline)
        self.assertIn("$190.00", bline)

        csv = self.ok("--format", "csv", "claim", "list").out.splitlines()
        self.assertTrue(csv[0].startswith("id,status,frequency,original_claim_id,client_id,client,payer_id,payer"))
        self.assertEqual(len(csv), 4)
        self.assertTrue(csv[1].startswith(f"{z1},draft,1,,{self.zoe},Zoë O'Brien-Núñez,{self.aetna},Aetna PPO,"), csv)
        self.assertIn('"F43.23,Z63.0"', csv[1])

        def listed(*args):
            return [r["id"] for r in self.ok_json("claim", "list", *args)]

        self.assertEqual(listed("--client", str(self.zoe)), [z1, z2])
        self.assertEqual(listed("--payer", str(self.cigna)), [bc])
        self.assertEqual(listed("--status", "draft"), sorted([z1, z2, bc]))
        self.assertEqual(listed("--status", "void"), [])
        self.assertEqual(listed("--from", "2026-11-24", "--to", "2026-11-24"), [z2])
        self.assertEqual(listed("--from", "2026-11-25"), [bc])
        self.assertEqual(listed("--to", "2026-11-22"), [])

        self.refused(USAGE, "claim", "list", "--status", "sent", message="--status")
        self.refused(USAGE, "claim", "list", "--from", "2026-13-01")
        self.refused(USAGE, "claim", "list", "--from", "2026-11-25", "--to", "2026-11-24", message="before")
        self.refused(NOT_FOUND, "claim", "list", "--client", "99", message="no client with id 99")
        self.refused(NOT_FOUND, "claim", "list", "--payer", "99")


class ShowTest(ClaimTestCase):
    def test_show_human_and_json(self):
        ids = self.build()
        zc, bc = ids[self.s1], ids[self.s3]
        out = self.ok("claim", "show", str(zc)).out
        self.assertIn("Aetna PPO (payer id 60054, filing code 12)", out)
        self.assertIn("self (the patient)", out)
        self.assertIn("W100 (group G7)", out)
        self.assertIn(f"Zoë O'Brien-Núñez (client {self.zoe}), born 1985-02-01", out)
        self.assertIn("Dana Reyes, LMFT", out)
        self.assertIn("NPI 1234567893", out)
        self.assertIn("A F43.23  B Z63.0", out)
        self.assertIn("$190.00 (1 line)", out)
        self.assertIn("90837-95", out)
        line1 = next(line for line in out.splitlines() if line.strip().startswith("1 "))
        self.assertIn("2026-11-23", line1)
        self.assertIn("$190.00", line1)
        self.assertEqual(line1.split()[-1], str(self.s1))

        j = self.ok_json("claim", "show", str(bc))
        self.assertEqual(j["id"], bc)
        self.assertEqual(j["client"], f"Ben {BOBBY}")
        self.assertEqual(j["payer"], {"id": self.cigna, "name": "Cigna Behavioral", "payer_id": "62308",
                                      "plan": "ppo", "filing_code": "12"})
        self.assertEqual(j["subscriber"]["kind"], "other")
        self.assertEqual(j["subscriber"]["name"], "Lou Reed")
        self.assertEqual(j["subscriber"]["relationship"], "parent")
        self.assertEqual(j["subscriber"]["member_id"], "C200")
        self.assertIsNone(j["subscriber"]["client_id"])
        self.assertEqual(j["patient"]["date_of_birth"], "1985-02-01")
        self.assertEqual(j["lines"][0]["code"], "90837")
        self.assertEqual(j["lines"][0]["sessions"], [self.s3])
        self.assertIsNone(j["void_notice_id"])
        human = self.ok("claim", "show", str(bc)).out
        self.assertIn("Lou Reed (not a client, born 1960-03-02), parent of the patient", human)

        self.refused(NOT_FOUND, "claim", "show", "99", message="no claim with id 99")
        self.refused(USAGE, "claim", "show", "abc")


class VoidTest(ClaimTestCase):
    def test_void_a_draft_releases_its_sessions(self):
        ids = self.build()
        zc = ids[self.s1]
        self.refused(USAGE, "claim", "void", str(zc), message="reason")
        self.refused(USAGE, "claim", "void", str(zc), "--reason", "  ", message="reason")
        self.refused(USAGE, "claim", "void", str(zc), "--reason", "typo", "--payer-claim-number", "X1",
                     message="exported")
        self.refused(NOT_FOUND, "claim", "void", "99", "--reason", "typo")
        r = self.ok("claim", "void", str(zc), "--reason", "wrong member id")
        self.assertIn(f"voided claim {zc}", r.out)
        self.assertIn("wrong member id", r.out)
        self.assertIn(f"session {self.s1} may be billed again: iop claim build", r.err)
        self.assertNotIn("void notice", r.err)
        self.assertEqual(self.sql("SELECT status, void_reason FROM claims WHERE id = ?", zc),
                         [("void", "wrong member id")])
        self.refused(CONFLICT, "claim", "void", str(zc), "--reason", "again", message="already void")
        listed = self.ok("claim", "list", "--status", "void").out
        self.assertIn("void", listed)
        # The sessions are billed again by the next build.
        again = self.build()
        self.assertEqual(list(again), [self.s1])
        self.assertGreater(again[self.s1], zc)

    def test_void_json(self):
        ids = self.build()
        bc = ids[self.s3]
        j = self.ok_json("claim", "void", str(bc), "--reason", BOBBY)
        self.assertEqual(j["claim"]["id"], bc)
        self.assertEqual(j["claim"]["status"], "void")
        self.assertEqual(j["claim"]["void_reason"], BOBBY)
        self.assertIsNone(j["void_claim"])
        self.assertEqual(j["released_sessions"], [self.s3])
        self.assertEqual(self.sql("SELECT count(*) FROM clients")[0][0], 2)

    def test_void_an_exported_claim_sends_a_void_notice(self):
        ids = self.build()
        zc = ids[self.s1]
        out = os.path.join(self.dir, "batch1.837")
        r = self.iop("claim", "export", "--x12", "--since-last", "--out", out)
        if r.code != 0 or not os.path.exists(out):
            self.skipTest(f"iop claim export --x12 --since-last does not work yet: {r}")
        self.assertEqual(self.ok_json("claim", "show", str(zc))["status"], "exported")
        r = self.ok("claim", "void", str(zc), "--reason", "wrong payer", "--payer-claim-number", "2026331A0042")
        notice = self.sql("SELECT id, status, frequency, original_claim_id, payer_claim_number, total_cents "
                          "FROM claims WHERE frequency = 8")
        self.assertEqual(len(notice), 1)
        nid = notice[0][0]
        self.assertEqual(notice[0][1:], ("draft", 8, zc, "2026331A0042", 19000))
        self.assertIn(f"a void notice (claim {nid}, frequency 8) will go out with the next export", r.err)
        self.assertEqual(self.sql("SELECT count(*) FROM claim_line_sessions s JOIN claim_lines l ON l.id = s.line_id "
                                  "WHERE l.claim_id = ?", nid)[0][0], 0)
        rows = {row["id"]: row for row in self.ok_json("claim", "list")}
        self.assertEqual(rows[nid]["frequency"], 8)
        self.assertIn(f"void notice of {zc}", self.ok("claim", "list").out)
        self.assertEqual(self.ok_json("claim", "show", str(zc))["void_notice_id"], nid)
        self.refused(CONFLICT, "claim", "void", str(nid), "--reason", "oops", message="void notice")
        self.refused(CONFLICT, "claim", "void", str(zc), "--reason", "again")
        self.refused(USAGE, "claim", "void", str(ids[self.s3]), "--reason", "x", "--payer-claim-number", "A*B")


if __name__ == "__main__":
    unittest.main()
