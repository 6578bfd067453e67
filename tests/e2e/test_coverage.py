"""iop coverage add|list|show|end, end to end."""

import unittest

from iop_test import CONFLICT, NOT_FOUND, USAGE, IopTestCase

FIELDS = ["id", "client_id", "client", "payer_id", "payer", "member_id", "group_number", "priority", "subscriber",
          "relationship", "starts_on", "ends_on", "status", "created_at"]


class CoverageTest(IopTestCase):
    def setUp(self):
        super().setUp()
        self.dana = self.add_clinician("Dana Reyes", "LMFT", "individual,couples")
        self.ana = self.enroll("Ana")
        self.ben = self.enroll("Ben")
        self.cal = self.enroll("Cal", "Ito")
        self.pair(self.ana, self.ben, self.dana)
        self.aetna = self.ok_json("payer", "add", "--name", "Aetna PPO", "--payer-id", "60054")["id"]
        self.cigna = self.ok_json("payer", "add", "--name", "Cigna", "--payer-id", "62308")["id"]

    def add(self, client, *extra, payer=None, member="XKB123456789", start="2026-11-01"):
        return self.ok_json("coverage", "add", str(client), "--payer", str(payer or self.aetna), "--member-id", member,
                            "--from", start, *extra)

    def test_add_self_coverage(self):
        c = self.add(self.ana, "--group", "00417")
        self.assertEqual(list(c), FIELDS)
        self.assertEqual((c["client_id"], c["client"], c["payer_id"], c["payer"]),
                         (self.ana, "Ana Reed", self.aetna, "Aetna PPO"))
        self.assertEqual((c["member_id"], c["group_number"], c["priority"], c["relationship"]),
                         ("XKB123456789", "00417", "primary", "self"))
        self.assertEqual(c["subscriber"], {"kind": "self", "client_id": self.ana, "name": "Ana Reed",
                                           "first_name": "Ana", "last_name": "Reed",
                                           "date_of_birth": "1985-02-01", "sex": "U"})
        self.assertEqual((c["starts_on"], c["ends_on"], c["status"]), ("2026-11-01", None, "active"))
        self.assertEqual(self.ok_json("coverage", "show", str(c["id"])), c)
        self.assertEqual(self.ok_json("coverage", "list", str(self.ana)), [c])

    def test_quiet_add_prints_only_the_id(self):
        r = self.ok("-q", "coverage", "add", str(self.ana), "--payer", str(self.aetna), "--member-id", "M1",
                    "--from", "today")
        self.assertRegex(r.out, r"^\d+\n$")
        self.assertEqual(self.sql("SELECT client_id, starts_on FROM coverages WHERE id = ?", int(r.out)),
                         [(self.ana, "2026-11-27")])

    def test_the_partners_plan_covers_both(self):
        self.add(self.ana)
        c = self.add(self.ben, "--subscriber", f"client:{self.ana}")
        self.assertEqual(c["relationship"], "spouse")
        self.assertEqual(c["subscriber"]["kind"], "client")
        self.assertEqual((c["subscriber"]["client_id"], c["subscriber"]["name"]), (self.ana, "Ana Reed"))
        shown = self.ok("coverage", "show", str(c["id"])).out
        self.assertRegex(shown, rf"(?m)^subscriber +Ana Reed \(client {self.ana}\), spouse$")
        partner = self.add(self.cal, "--subscriber", f"client:{self.ana}", "--relationship", "partner")
        self.assertEqual(partner["relationship"], "partner")

    def test_a_client_subscriber_who_is_not_the_partner_needs_a_relationship(self):
        self.refused(USAGE, "coverage", "add", str(self.cal), "--payer", str(self.aetna), "--member-id", "M1",
                     "--from", "2026-11-01", "--subscriber", f"client:{self.ana}", message="--relationship is needed")
        self.refused(USAGE, "coverage", "add", str(self.ana), "--payer", str(self.aetna), "--member-id", "M1",
                     "--from", "2026-11-01", "--subscriber", f"client:{self.ana}", message="the subscriber is the client")
        self.refused(NOT_FOUND, "coverage", "add", str(self.ana), "--payer", str(self.aetna), "--member-id", "M1",
                     "--from", "2026-11-01", "--subscriber", "client:999", message="no client with id 999")
        self.refused(USAGE, "coverage", "add", str(self.ana), "--payer", str(self.aetna), "--member-id", "M1",
                     "--from", "2026-11-01", "--subscriber", "partner", message="must be self or client:ID")

    def test_another_person_as_subscriber(self):
        c = self.add(self.cal, "--subscriber-name", "O'Brien-Núñez, Zoë", "--subscriber-dob", "1961-04-02",
                     "--subscriber-sex", "f", "--relationship", "parent", member="Zoë-O'Brien 1")
        self.assertEqual(c["subscriber"], {"kind": "other", "client_id": None, "name": "Zoë O'Brien-Núñez",
                                           "first_name": "Zoë", "last_name": "O'Brien-Núñez",
                                           "date_of_birth": "1961-04-02", "sex": "F"})
        self.assertEqual((c["relationship"], c["member_id"]), ("parent", "Zoë-O'Brien 1"))
        self.assertEqual(self.sql("SELECT subscriber_first, subscriber_last, member_id FROM coverages WHERE id = ?",
                                  c["id"]), [("Zoë", "O'Brien-Núñez", "Zoë-O'Brien 1")])
        self.assertIn("Zoë O'Brien-Núñez (born 1961-04-02), parent", self.ok("coverage", "list", str(self.cal)).out)
        d = self.add(self.ana, "--subscriber-name", "Robert'); DROP TABLE clients;-- Tables", "--subscriber-dob",
                     "1960-01-01", "--relationship", "other", payer=self.cigna)
        self.assertEqual(d["subscriber"]["first_name"], "Robert'); DROP TABLE clients;--")
        self.assertEqual(d["subscriber"]["sex"], "U")
        self.assertEqual(len(self.sql("SELECT id FROM clients")), 3)

    def test_another_person_needs_dob_and_relationship(self):
        base = ["coverage", "add", str(self.cal), "--payer", str(self.aetna), "--member-id", "M1", "--from",
                "2026-11-01", "--subscriber-name", "Zoë Núñez"]
        self.refused(USAGE, *base, "--relationship", "parent", message="needs --subscriber-dob")
        self.refused(USAGE, *base, "--subscriber-dob", "1961-04-02", message="needs --relationship")
        self.refused(USAGE, *base, "--subscriber-dob", "1961-02-30", "--relationship", "parent",
                     message="does not exist")
        self.refused(USAGE, *base, "--subscriber-dob", "2030-01-01", "--relationship", "parent", message="future")
        self.refused(USAGE, *base, "--subscriber-dob", "1961-04-02", "--relationship", "cousin",
                     message="spouse, partner, parent or other")
        self.refused(USAGE, "coverage", "add", str(self.cal), "--payer", str(self.aetna), "--member-id", "M1",
                     "--from", "2026-11-01", "--subscriber-name", "Cher", "--subscriber-dob", "1961-04-02",
                     "--relationship", "parent", message="needs a first and a last name")
        self.refused(USAGE, *base, "--subscriber", "self", "--subscriber-dob", "1961-04-02", "--relationship", "other",
                     message="two different subscribers")
        self.refused(USAGE, "coverage", "add", str(self.cal), "--payer", str(self.aetna), "--member-id", "M1",
                     "--from", "2026-11-01", "--subscriber-dob", "1961-04-02", message="go with --subscriber-name")
        self.refused(USAGE, "coverage", "add", str(self.cal), "--payer", str(self.aetna), "--member-id", "M1",
                     "--from", "2026-11-01", "--relationship", "spouse", message="subscriber other than the client")

    def test_overlapping_primary_is_refused_consecutive_is_fine(self):
        first = self.add(self.ana, "--to", "2026-11-30")["id"]
        r = self.refused(CONFLICT, "coverage", "add", str(self.ana), "--payer", str(self.cigna), "--member-id", "C1",
                         "--from", "2026-11-30", message=f"already has primary coverage {first} with Aetna PPO")
        self.assertIn(f"iop coverage end {first} --date 2026-11-29", r.err)
        self.refused(CONFLICT, "coverage", "add", str(self.ana), "--payer", str(self.cigna), "--member-id", "C1",
                     "--from", "2026-10-01", "--to", "2026-11-01", message="already has primary coverage")
        self.add(self.ana, payer=self.cigna, start="2026-12-01")
        self.add(self.ana, "--priority", "secondary", payer=self.cigna, start="2026-11-15")
        listed = self.ok_json("coverage", "list", str(self.ana))
        self.assertEqual([(c["priority"], c["starts_on"], c["status"]) for c in listed],
                         [("primary", "2026-11-01", "active"), ("primary", "2026-12-01", "future"),
                          ("secondary", "2026-11-15", "active")])

    def test_a_secondary_needs_a_primary_on_its_first_day(self):
        self.refused(CONFLICT, "coverage", "add", str(self.ana), "--payer", str(self.cigna), "--member-id", "C1",
                     "--from", "2026-11-01", "--priority", "secondary", message="needs a primary one on its first day")
        self.add(self.ana, start="2026-11-10")
        self.refused(CONFLICT, "coverage", "add", str(self.ana), "--payer", str(self.cigna), "--member-id", "C1",
                     "--from", "2026-11-09", "--priority", "secondary", message="needs a primary")
        self.add(self.ana, "--priority", "secondary", payer=self.cigna, start="2026-11-10")
        self.refused(CONFLICT, "coverage", "add", str(self.ana), "--payer", str(self.cigna), "--member-id", "C2",
                     "--from", "2026-11-20", "--priority", "secondary", message="already has secondary coverage")

    def test_inactive_payer_is_refused(self):
        self.ok("payer", "deactivate", str(self.cigna))
        self.refused(CONFLICT, "coverage", "add", str(self.ana), "--payer", str(self.cigna), "--member-id", "C1",
                     "--from", "2026-11-01", message="is inactive")

    def test_unknown_ids(self):
        self.refused(NOT_FOUND, "coverage", "add", "999", "--payer", str(self.aetna), "--member-id", "M1",
                     "--from", "2026-11-01", message="no client with id 999")
        self.refused(NOT_FOUND, "coverage", "add", str(self.ana), "--payer", "999", "--member-id", "M1",
                     "--from", "2026-11-01", message="no payer with id 999")
        self.refused(NOT_FOUND, "coverage", "show", "42", message="no coverage with id 42")
        self.refused(NOT_FOUND, "coverage", "end", "42", message="no coverage with id 42")
        self.refused(NOT_FOUND, "coverage", "list", "999", message="no client with id 999")

    def test_malformed_values(self):
        base = ["coverage", "add", str(self.ana), "--payer", str(self.aetna), "--member-id", "M1"]
        self.refused(USAGE, *base, "--from", "2026-02-30", message="does not exist")
        self.refused(USAGE, *base, "--from", "11/01/2026", message="YYYY-MM-DD")
        self.refused(USAGE, *base, "--from", "2026-12-01", "--to", "2026-11-30", message="before the start date")
        self.refused(USAGE, *base, "--from", "2026-11-01", "--priority", "first", message="primary, secondary")
        self.refused(USAGE, *base, "--from", "2026-11-01", "--subscriber-name", "Zoë Núñez", "--subscriber-dob",
                     "1961-04-02", "--relationship", "parent", "--subscriber-sex", "female", message="F, M, X or U")
        self.refused(USAGE, *base)  # --from is required
        self.refused(USAGE, "coverage", "add", str(self.ana), "--payer", str(self.aetna), "--member-id", "M*1",
                     "--from", "2026-11-01", message="delimiter")
        self.refused(USAGE, *base, "--from", "2026-11-01", "--group", "G~1", message="delimiter")
        self.refused(USAGE, "coverage", "add", str(self.ana), "--payer", "abc", "--member-id", "M1", "--from", "today")
        self.refused(USAGE, "coverage", "list")

    def test_end_and_list(self):
        cid = self.add(self.ana)["id"]
        self.refused(USAGE, "coverage", "end", str(cid), "--date", "2026-10-31", message="before coverage")
        self.refused(USAGE, "coverage", "end", str(cid), "--date", "2026-11-31", message="does not exist")
        e = self.ok_json("coverage", "end", str(cid), "--date", "2026-11-20")
        self.assertEqual((e["ends_on"], e["status"]), ("2026-11-20", "ended"))
        self.assertEqual(self.ok_json("coverage", "list", str(self.ana)), [])
        self.assertIn("no current coverage", self.ok("coverage", "list", str(self.ana)).err)
        self.assertEqual([c["id"] for c in self.ok_json("coverage", "list", str(self.ana), "--all")], [cid])
        again = self.ok("coverage", "end", str(cid), "--date", "2026-11-20")
        self.assertIn("already ends on 2026-11-20", again.err)
        self.refused(CONFLICT, "coverage", "end", str(cid), "--date", "2026-11-25", message="already ended on")
        self.assertEqual(self.ok_json("coverage", "end", str(cid), "--date", "2026-11-15")["ends_on"], "2026-11-15")
        # The default is today; a known last day ahead is fine.
        other = self.add(self.ben, start="2026-11-01")["id"]
        self.assertEqual(self.ok_json("coverage", "end", str(other))["ends_on"], "2026-11-27")
        later = self.add(self.cal)["id"]
        ahead = self.ok_json("coverage", "end", str(later), "--date", "2026-12-31")
        self.assertEqual((ahead["ends_on"], ahead["status"]), ("2026-12-31", "active"))

    def test_table_and_csv(self):
        cid = self.add(self.ana, "--group", "00417")["id"]
        out = self.ok("coverage", "list", str(self.ana)).out
        self.assertEqual(out.splitlines()[0].split(),
                         ["ID", "PRIORITY", "PAYER", "MEMBER", "ID", "GROUP", "SUBSCRIBER", "FROM", "TO", "STATUS"])
        self.assertRegex(out, rf"(?m)^ *{cid}  primary +Aetna PPO +XKB123456789 +00417 +self +2026-11-01 +active$")
        csv = self.ok("coverage", "list", str(self.ana), "--format", "csv").out.splitlines()
        self.assertEqual(csv[0], "id,client_id,client,payer_id,payer,member_id,group_number,priority,subscriber_kind,"
                                 "subscriber_client_id,subscriber_name,subscriber_dob,subscriber_sex,relationship,"
                                 "starts_on,ends_on,status,created_at")
        self.assertEqual(csv[1], f"{cid},{self.ana},Ana Reed,{self.aetna},Aetna PPO,XKB123456789,00417,primary,self,"
                                 f"{self.ana},Ana Reed,1985-02-01,U,self,2026-11-01,,active,2026-11-27T17:00:00Z")
        shown = self.ok("coverage", "show", str(cid)).out
        self.assertRegex(shown, rf"(?m)^payer +Aetna PPO \(payer {self.aetna}\)$")

    def test_audit_names_no_member_id(self):
        cid = self.add(self.ana, member="SECRET-MEMBER-42")["id"]
        self.ok("--as", "billing", "coverage", "end", str(cid))
        log = self.ok_json("audit", "log", "--kind", "coverage")
        self.assertEqual([(e["actor"], e["command"], e["action"], e["record_id"]) for e in log],
                         [("billing", "coverage end", "end", cid), ("tester", "coverage add", "create", cid)])
        self.assertNotIn("SECRET-MEMBER-42", self.ok("audit", "log", "--format", "csv").out)
        self.assertEqual(self.sql("SELECT COUNT(*) FROM audit_log WHERE command LIKE '%SECRET%'"), [(0,)])


if __name__ == "__main__":
    unittest.main()
