"""iop auth add|list|show, end to end."""

import unittest

from iop_test import CONFLICT, NOT_FOUND, USAGE, IopTestCase

FIELDS = ["id", "client_id", "client", "payer_id", "payer", "number", "codes", "units", "units_used",
          "units_remaining", "starts_on", "ends_on", "status", "created_at"]


class AuthTest(IopTestCase):
    def setUp(self):
        super().setUp()
        self.ana = self.enroll("Ana")
        self.zoe = self.enroll("Zoë", "O'Brien-Núñez")
        self.aetna = self.ok_json("payer", "add", "--name", "Aetna PPO", "--payer-id", "60054",
                                  "--requires-auth")["id"]
        self.cigna = self.ok_json("payer", "add", "--name", "Cigna", "--payer-id", "62308")["id"]
        for client in (self.ana, self.zoe):
            self.ok("coverage", "add", str(client), "--payer", str(self.aetna), "--member-id", f"W{client}",
                    "--from", "2026-11-01")

    def add(self, client=None, number="PA-2026-0042", codes="S9480,H0015", units="24", start="2026-11-02",
            end="2027-01-31", payer=None, *extra):
        return self.ok_json("auth", "add", str(client or self.ana), "--payer", str(payer or self.aetna), "--number",
                            number, "--code", codes, "--units", units, "--from", start, "--to", end, *extra)

    def test_add_prints_the_authorization_with_units_left(self):
        a = self.add(codes="s9480,h0015")
        self.assertEqual(list(a), FIELDS)
        self.assertEqual((a["client_id"], a["client"], a["payer_id"], a["payer"], a["number"]),
                         (self.ana, "Ana Reed", self.aetna, "Aetna PPO", "PA-2026-0042"))
        self.assertEqual(a["codes"], ["H0015", "S9480"])
        self.assertEqual((a["units"], a["units_used"], a["units_remaining"]), (24, 0, 24))
        self.assertEqual((a["starts_on"], a["ends_on"], a["status"]), ("2026-11-02", "2027-01-31", "active"))
        self.assertEqual(self.ok_json("auth", "show", str(a["id"])), a)
        self.assertEqual(self.ok_json("auth", "list", str(self.ana)), [a])
        self.assertEqual(self.sql("SELECT code FROM authorization_codes WHERE authorization_id = ? ORDER BY code",
                                  a["id"]), [("H0015",), ("S9480",)])

    def test_repeated_code_options_and_quiet(self):
        r = self.ok("-q", "auth", "add", str(self.ana), "--payer", str(self.aetna), "--number", "N1", "--code",
                    "90834", "--code", "90837", "--units", "12", "--from", "today", "--to", "2026-12-31")
        self.assertRegex(r.out, r"^\d+\n$")
        self.assertEqual(self.ok_json("auth", "show", r.out.strip())["codes"], ["90834", "90837"])

    def test_no_coverage_with_the_payer_is_a_warning(self):
        r = self.ok("--format", "json", "auth", "add", str(self.ana), "--payer", str(self.cigna), "--number", "C-1",
                    "--code", "90834", "--units", "6", "--from", "2026-11-02", "--to", "2026-12-31")
        self.assertIn("iop: warning: client", r.err)
        self.assertIn("has no coverage with Cigna", r.err)
        self.assertEqual(r.json()["payer"], "Cigna")
        quiet = self.ok("-q", "auth", "add", str(self.ana), "--number", "A-9", "--payer", str(self.aetna), "--code",
                        "90834", "--units", "6", "--from", "2026-11-02", "--to", "2026-12-31")
        self.assertEqual(quiet.err, "")

    def test_list_of_everyone_and_active_only(self):
        past = self.add(number="P-1", start="2026-10-01", end="2026-10-31")["id"]
        now = self.add(number="P-2")["id"]
        later = self.add(number="P-3", start="2027-02-01", end="2027-04-30")["id"]
        hers = self.add(client=self.zoe, number="Z-1", codes="90834", units="12")["id"]
        statuses = {a["id"]: a["status"] for a in self.ok_json("auth", "list")}
        self.assertEqual(statuses, {past: "expired", now: "active", later: "future", hers: "active"})
        self.assertEqual([a["id"] for a in self.ok_json("auth", "list", "--active")], [now, hers])
        self.assertEqual([a["id"] for a in self.ok_json("auth", "list", str(self.ana), "--active")], [now])
        self.assertEqual([a["id"] for a in self.ok_json("auth", "list", str(self.zoe))], [hers])
        out = self.ok("auth", "list").out
        self.assertEqual(out.splitlines()[0].split(),
                         ["ID", "CLIENT", "PAYER", "NUMBER", "CODES", "UNITS", "USED", "LEFT", "FROM", "TO", "STATUS"])
        self.assertIn(f"Zoë O'Brien-Núñez (client {self.zoe})", out)
        mine = self.ok("auth", "list", str(self.ana)).out
        self.assertNotIn("CLIENT", mine.splitlines()[0])
        self.assertRegex(mine, r"(?m)^ *\d+  Aetna PPO +P-2 +H0015, S9480 +24 +0 +24 +2026-11-02 +2027-01-31 +active$")
        self.assertIn("no active authorizations", self.ok("auth", "list", str(self.ana), "--active",
                                                          env={"IOP_NOW": "2028-01-01T17:00:00Z"}).err)

    def test_low_lists_those_with_that_many_units_left_or_fewer(self):
        self.add(number="P-24")
        four = self.add(number="P-4", units="4")["id"]
        three = self.add(client=self.zoe, number="Z-3", codes="90834", units="3")["id"]
        self.assertEqual([a["id"] for a in self.ok_json("auth", "list", "--low", "4")], [four, three])
        self.assertEqual([a["id"] for a in self.ok_json("auth", "list", "--low", "3", "--active")], [three])
        self.assertEqual([a["id"] for a in self.ok_json("auth", "list", str(self.ana), "--low", "4")], [four])
        self.assertIn("no authorizations with 2 units left or fewer", self.ok("auth", "list", "--low", "2").err)
        for bad in ("-1", "few"):
            with self.subTest(low=bad):
                self.refused(USAGE, "auth", "list", "--low", bad)

    def test_show_and_csv(self):
        aid = self.add()["id"]
        shown = self.ok("auth", "show", str(aid)).out
        self.assertRegex(shown, r"(?m)^units +24 approved, 0 used, 24 left$")
        self.assertRegex(shown, rf"(?m)^client +Ana Reed \(client {self.ana}\)$")
        csv = self.ok("auth", "list", "--format", "csv").out.splitlines()
        self.assertEqual(csv[0], ",".join(FIELDS))
        self.assertEqual(csv[1], f"{aid},{self.ana},Ana Reed,{self.aetna},Aetna PPO,PA-2026-0042,H0015 S9480,24,0,24,"
                                 "2026-11-02,2027-01-31,active,2026-11-27T17:00:00Z")

    def test_numbers_are_unique_per_payer(self):
        first = self.add()["id"]
        self.refused(CONFLICT, "auth", "add", str(self.zoe), "--payer", str(self.aetna), "--number", "PA-2026-0042",
                     "--code", "90834", "--units", "4", "--from", "2026-11-02", "--to", "2026-12-31",
                     message=f"already has authorization number PA-2026-0042 (authorization {first})")
        self.add(number="PA-2026-0042", payer=self.cigna)

    def test_malformed_values(self):
        base = ["auth", "add", str(self.ana), "--payer", str(self.aetna), "--number", "N1"]
        for code in ("9083", "908345", "H001S", "HH015", "90834*"):
            with self.subTest(code=code):
                self.refused(USAGE, *base, "--code", code, "--units", "4", "--from", "2026-11-02", "--to",
                             "2026-12-31", message="is not a HCPCS/CPT code")
        self.refused(USAGE, *base, "--code", "90834,90834", "--units", "4", "--from", "2026-11-02", "--to",
                     "2026-12-31", message="given twice")
        for units in ("0", "-3", "10000"):
            with self.subTest(units=units):
                self.refused(USAGE, *base, "--code", "90834", "--units", units, "--from", "2026-11-02", "--to",
                             "2026-12-31")
        self.refused(USAGE, *base, "--code", "90834", "--units", "four", "--from", "2026-11-02", "--to", "2026-12-31")
        self.refused(USAGE, *base, "--code", "90834", "--units", "4", "--from", "2026-11-31", "--to", "2026-12-31",
                     message="does not exist")
        self.refused(USAGE, *base, "--code", "90834", "--units", "4", "--from", "2026-12-31", "--to", "2026-11-02",
                     message="before the start date")
        self.refused(USAGE, *base, "--code", "90834", "--units", "4", "--from", "2026-11-02")  # --to is required
        self.refused(USAGE, "auth", "add", str(self.ana), "--payer", str(self.aetna), "--number", "PA*1", "--code",
                     "90834", "--units", "4", "--from", "2026-11-02", "--to", "2026-12-31", message="delimiter")
        self.refused(USAGE, "auth", "show", "x")
        self.refused(USAGE, "auth", "list", "0")

    def test_unknown_ids_and_inactive_payer(self):
        self.refused(NOT_FOUND, "auth", "add", "999", "--payer", str(self.aetna), "--number", "N1", "--code", "90834",
                     "--units", "4", "--from", "2026-11-02", "--to", "2026-12-31", message="no client with id 999")
        self.refused(NOT_FOUND, "auth", "add", str(self.ana), "--payer", "999", "--number", "N1", "--code", "90834",
                     "--units", "4", "--from", "2026-11-02", "--to", "2026-12-31", message="no payer with id 999")
        self.refused(NOT_FOUND, "auth", "show", "42", message="no authorization with id 42")
        self.refused(NOT_FOUND, "auth", "list", "999", message="no client with id 999")
        self.ok("payer", "deactivate", str(self.cigna))
        self.refused(CONFLICT, "auth", "add", str(self.ana), "--payer", str(self.cigna), "--number", "N1", "--code",
                     "90834", "--units", "4", "--from", "2026-11-02", "--to", "2026-12-31", message="is inactive")

    def test_numbers_with_sql_metacharacters_are_stored_verbatim(self):
        number = "Robert'); DROP TABLE clients;--"
        a = self.add(number=number)
        self.assertEqual(a["number"], number)
        self.assertEqual(self.sql("SELECT number FROM authorizations WHERE id = ?", a["id"]), [(number,)])
        self.assertEqual(len(self.sql("SELECT id FROM clients")), 2)

    def test_add_is_audited(self):
        aid = self.add()["id"]
        log = self.ok_json("audit", "log", "--kind", "authorization")
        self.assertEqual([(e["command"], e["action"], e["record_kind"], e["record_id"]) for e in log],
                         [("auth add", "create", "authorization", aid)])


if __name__ == "__main__":
    unittest.main()
