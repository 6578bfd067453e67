"""iop couple pair|unpair|update|list|show, end to end."""

import subprocess
import unittest

from iop_test import BUSY, CONFLICT, IOP_BIN, NOT_FOUND, OK, USAGE, IopTestCase


class CoupleTest(IopTestCase):
    def enroll(self, first, last="Reed", admit="2026-11-01"):
        r = self.ok("-q", "client", "enroll", "--first", first, "--last", last, "--dob", "1985-02-01",
                    "--admit", admit)
        return int(r.out)

    def pair(self, a, b, *extra):
        return self.ok_json("couple", "pair", str(a), str(b), *extra)

    def setUp(self):
        super().setUp()
        self.dana = self.add_clinician("Dana Reyes", "LMFT", "individual,couples")
        self.ana = self.enroll("Ana")
        self.ben = self.enroll("Ben")
        self.cal = self.enroll("Cal", "Ito")

    def active_couples_of(self, client):
        return self.sql("SELECT id FROM couples WHERE until IS NULL AND ? IN (client_a, client_b)", client)

    def test_pair_prints_the_couple_with_names(self):
        c = self.pair(self.ana, self.ben, "--therapist", str(self.dana))
        self.assertEqual(c["partners"], [{"client_id": self.ana, "name": "Ana Reed"},
                                         {"client_id": self.ben, "name": "Ben Reed"}])
        self.assertEqual(c["identified_patient"], {"client_id": self.ana, "name": "Ana Reed"})
        self.assertEqual(c["therapist_id"], self.dana)
        self.assertEqual(c["therapist"], "Dana Reyes, LMFT")
        self.assertEqual(c["since"], "2026-11-27")  # today in the viewer's zone
        self.assertIsNone(c["until"])
        self.assertIsNone(c["end_reason"])
        self.assertEqual(c["status"], "active")
        self.assertEqual(c["created_at"], "2026-11-27T17:00:00Z")
        self.assertEqual(list(c), ["id", "partners", "identified_patient", "therapist_id", "therapist", "since",
                                   "until", "end_reason", "status", "created_at"])
        self.assertEqual(self.ok_json("couple", "show", str(c["id"])), c)
        self.assertEqual(self.ok_json("couple", "list"), [c])

    def test_quiet_pair_prints_only_the_id(self):
        r = self.ok("-q", "couple", "pair", str(self.ana), str(self.ben))
        self.assertRegex(r.out, r"^\d+\n$")
        self.assertEqual(self.sql("SELECT client_a, client_b FROM couples WHERE id = ?", int(r.out)),
                         [(self.ana, self.ben)])

    def test_table_output_names_partners_and_therapist(self):
        cid = self.pair(self.ana, self.ben, "--therapist", str(self.dana))["id"]
        out = self.ok("couple", "list").out
        header = out.splitlines()[0].split()
        self.assertEqual(header, ["ID", "PARTNERS", "IDENTIFIED", "PATIENT", "THERAPIST", "SINCE", "UNTIL", "STATUS"])
        self.assertIn("Ana Reed & Ben Reed", out)
        self.assertIn("Dana Reyes, LMFT", out)
        self.assertIn("active", out)
        shown = self.ok("couple", "show", str(cid)).out
        self.assertIn(f"Ana Reed (client {self.ana}) & Ben Reed (client {self.ben})", shown)
        self.assertIn(f"Dana Reyes, LMFT (clinician {self.dana})", shown)
        self.assertRegex(shown, rf"(?m)^identified patient +Ana Reed \(client {self.ana}\)$")
        csv = self.ok("couple", "list", "--format", "csv").out.splitlines()
        self.assertEqual(csv[0], "id,partners,identified_patient,therapist,since,until,status")
        self.assertIn("Ana Reed & Ben Reed", csv[1])

    def test_since_in_the_past_and_relative_words(self):
        self.assertEqual(self.pair(self.ana, self.ben, "--since", "2026-11-05")["since"], "2026-11-05")
        self.assertEqual(self.pair(self.cal, self.enroll("Dee"), "--since", "yesterday")["since"], "2026-11-26")

    def test_a_pairing_dated_ahead_is_refused(self):
        # It could be neither unpaired nor ended by a discharge until that day.
        for since in ("tomorrow", "2026-11-28"):
            with self.subTest(since=since):
                self.refused(USAGE, "couple", "pair", str(self.ana), str(self.ben), "--since", since,
                             message="pairing date 2026-11-28 is in the future")

    def test_pairing_with_oneself_is_refused(self):
        self.refused(CONFLICT, "couple", "pair", str(self.ana), str(self.ana), message="cannot be paired with themselves")

    def test_a_partner_already_paired_is_refused_on_either_side(self):
        cid = self.pair(self.ana, self.ben)["id"]
        for a, b in ((self.ana, self.cal), (self.cal, self.ben), (self.ben, self.ana)):
            with self.subTest(a=a, b=b):
                r = self.refused(CONFLICT, "couple", "pair", str(a), str(b), message=f"is already in couple {cid}")
                self.assertIn(f"iop couple unpair {cid}", r.err)

    def test_a_discharged_client_cannot_be_paired(self):
        self.ok("client", "discharge", str(self.cal), "--date", "2026-11-20", "--reason", "completed")
        for a, b in ((self.cal, self.ana), (self.ana, self.cal)):
            with self.subTest(a=a, b=b):
                self.refused(CONFLICT, "couple", "pair", str(a), str(b), message="was discharged on 2026-11-20")

    def test_the_therapist_must_hold_the_couples_role_and_be_active(self):
        sam = self.add_clinician("Sam Ito", "LADC", "addiction")
        self.refused(CONFLICT, "couple", "pair", str(self.ana), str(self.ben), "--therapist", str(sam),
                     message="does not have the couples role")
        self.ok("clinician", "deactivate", str(self.dana))
        self.refused(CONFLICT, "couple", "pair", str(self.ana), str(self.ben), "--therapist", str(self.dana),
                     message="is inactive")

    def test_pairing_before_an_admission_is_refused(self):
        late = self.enroll("Eve", "Late", admit="2026-11-15")
        self.refused(CONFLICT, "couple", "pair", str(self.ana), str(late), "--since", "2026-11-10",
                     message=f"before Eve Late (client {late}) was admitted (2026-11-15)")
        self.assertEqual(self.pair(self.ana, late, "--since", "2026-11-15")["since"], "2026-11-15")

    def test_unknown_ids(self):
        self.refused(NOT_FOUND, "couple", "pair", str(self.ana), "999", message="no client with id 999")
        self.refused(NOT_FOUND, "couple", "pair", "999", str(self.ana), message="no client with id 999")
        self.refused(NOT_FOUND, "couple", "pair", str(self.ana), str(self.ben), "--therapist", "999",
                     message="no clinician with id 999")
        self.refused(NOT_FOUND, "couple", "show", "42", message="no couple with id 42")
        self.refused(NOT_FOUND, "couple", "unpair", "42", message="no couple with id 42")
        self.refused(NOT_FOUND, "couple", "list", "--client", "999", message="no client with id 999")

    def test_malformed_arguments_are_usage_errors(self):
        self.refused(USAGE, "couple", "pair", str(self.ana), str(self.ben), "--since", "2026-02-30")
        self.refused(USAGE, "couple", "pair", str(self.ana))
        self.refused(USAGE, "couple", "pair", "abc", str(self.ben))
        self.refused(USAGE, "couple", "show", "0")
        self.refused(USAGE, "couple", "unpair")

    def test_unpair_then_either_partner_may_pair_again(self):
        first = self.pair(self.ana, self.ben, "--since", "2026-11-02")["id"]
        ended = self.ok_json("couple", "unpair", str(first), "--date", "2026-11-20")
        self.assertEqual((ended["status"], ended["until"], ended["end_reason"]), ("ended", "2026-11-20", "unpaired"))
        self.assertEqual(self.ok_json("couple", "list"), [])
        second = self.pair(self.ana, self.cal)["id"]
        self.ok("couple", "unpair", str(second))
        third = self.pair(self.cal, self.ben)["id"]
        self.assertEqual([c["id"] for c in self.ok_json("couple", "list")], [third])
        history = self.ok_json("couple", "list", "--all")
        self.assertEqual([(c["id"], c["status"]) for c in history],
                         [(first, "ended"), (second, "ended"), (third, "active")])
        self.assertEqual(history[1]["until"], "2026-11-27")
        self.assertEqual([c["id"] for c in self.ok_json("couple", "list", "--all", "--client", str(self.ana))],
                         [first, second])
        self.assertEqual([c["id"] for c in self.ok_json("couple", "list", "--client", str(self.ana))], [])

    def test_unpair_refusals(self):
        cid = self.pair(self.ana, self.ben, "--since", "2026-11-10")["id"]
        self.refused(USAGE, "couple", "unpair", str(cid), "--date", "2026-11-28", message="in the future")
        self.refused(USAGE, "couple", "unpair", str(cid), "--date", "2026-11-09", message="before couple")
        self.ok("couple", "unpair", str(cid), "--date", "yesterday")
        self.refused(CONFLICT, "couple", "unpair", str(cid), message="already unpaired on 2026-11-26")

    def test_discharging_a_partner_ends_the_couple(self):
        cid = self.pair(self.ana, self.ben, "--since", "2026-11-10")["id"]
        self.ok("client", "discharge", str(self.ben), "--date", "2026-11-20", "--reason", "completed")
        self.assertEqual(self.ok_json("couple", "list"), [])
        c = self.ok_json("couple", "show", str(cid))
        self.assertEqual((c["status"], c["until"], c["end_reason"]), ("ended", "2026-11-20", "discharged"))
        self.assertIn("ended", self.ok("couple", "list", "--all").out)
        self.assertEqual(self.pair(self.ana, self.cal)["status"], "active")  # the other partner is free again

    def test_names_with_accents_and_apostrophes(self):
        a = self.enroll("Siobhán", "O'Brien")
        b = self.enroll("José", "Núñez")
        c = self.pair(a, b)
        self.assertEqual([p["name"] for p in c["partners"]], ["Siobhán O'Brien", "José Núñez"])
        self.assertIn("Siobhán O'Brien & José Núñez", self.ok("couple", "list").out)
        self.assertIn("Siobhán O'Brien", self.ok("couple", "show", str(c["id"])).out)

    def test_pair_and_unpair_are_audited(self):
        cid = self.pair(self.ana, self.ben)["id"]
        self.ok("--as", "alice", "couple", "unpair", str(cid))
        log = self.ok_json("audit", "log", "--kind", "couple")
        self.assertEqual([(e["actor"], e["command"], e["action"], e["record_kind"], e["record_id"]) for e in log],
                         [("alice", "couple unpair", "unpair", "couple", cid),
                          ("tester", "couple pair", "pair", "couple", cid)])

    def test_identified_patient_is_stored_at_pairing(self):
        first = self.pair(self.ana, self.ben)
        self.assertEqual(self.sql("SELECT identified_patient FROM couples WHERE id = ?", first["id"]), [(self.ana,)])
        self.ok("couple", "unpair", str(first["id"]))
        c = self.pair(self.ana, self.ben, "--identified-patient", str(self.ben))
        self.assertEqual(c["identified_patient"], {"client_id": self.ben, "name": "Ben Reed"})
        self.assertEqual(self.sql("SELECT identified_patient FROM couples WHERE id = ?", c["id"]), [(self.ben,)])
        self.assertEqual(self.ok_json("couple", "list")[0]["identified_patient"]["client_id"], self.ben)
        self.assertRegex(self.ok("couple", "list").out, r"(?m)^ *\d+  Ana Reed & Ben Reed +Ben Reed +")

    def test_identified_patient_must_be_a_partner(self):
        self.refused(CONFLICT, "couple", "pair", str(self.ana), str(self.ben), "--identified-patient", str(self.cal),
                     message=f"Cal Ito (client {self.cal}) is not a partner in the new couple")
        self.refused(NOT_FOUND, "couple", "pair", str(self.ana), str(self.ben), "--identified-patient", "999",
                     message="no client with id 999")
        self.refused(USAGE, "couple", "pair", str(self.ana), str(self.ben), "--identified-patient", "0")
        self.refused(USAGE, "couple", "pair", str(self.ana), str(self.ben), "--identified-patient", "ana")

    def test_update_changes_the_identified_patient(self):
        cid = self.pair(self.ana, self.ben)["id"]
        u = self.ok_json("--as", "billing", "couple", "update", str(cid), "--identified-patient", str(self.ben))
        self.assertEqual(u["identified_patient"], {"client_id": self.ben, "name": "Ben Reed"})
        self.assertEqual(self.ok_json("couple", "show", str(cid))["identified_patient"]["client_id"], self.ben)
        again = self.ok("couple", "update", str(cid), "--identified-patient", str(self.ben))
        self.assertIn("nothing changed", again.err)
        log = self.ok_json("audit", "log", "--kind", "couple")
        self.assertEqual([(e["actor"], e["command"], e["action"]) for e in log],
                         [("billing", "couple update", "update"), ("tester", "couple pair", "pair")])
        self.refused(CONFLICT, "couple", "update", str(cid), "--identified-patient", str(self.cal),
                     message="is not a partner in couple")
        self.refused(NOT_FOUND, "couple", "update", str(cid), "--identified-patient", "999",
                     message="no client with id 999")
        self.refused(NOT_FOUND, "couple", "update", "42", "--identified-patient", str(self.ana),
                     message="no couple with id 42")
        self.refused(USAGE, "couple", "update", str(cid), message="nothing to update")
        self.ok("couple", "unpair", str(cid))
        self.refused(CONFLICT, "couple", "update", str(cid), "--identified-patient", str(self.ana),
                     message="an ended couple is not changed")

    def test_a_couple_paired_before_the_column_existed_means_client_a(self):
        cid = self.pair(self.ana, self.ben)["id"]
        con = __import__("sqlite3").connect(self.db)
        con.execute("UPDATE couples SET identified_patient = NULL WHERE id = ?", (cid,))
        con.commit()
        con.close()
        self.assertEqual(self.ok_json("couple", "show", str(cid))["identified_patient"],
                         {"client_id": self.ana, "name": "Ana Reed"})
        self.ok("couple", "update", str(cid), "--identified-patient", str(self.ben))
        self.assertEqual(self.sql("SELECT identified_patient FROM couples WHERE id = ?", cid), [(self.ben,)])

    def test_concurrent_pairings_of_one_client_let_exactly_one_win(self):
        for attempt in range(3):
            with self.subTest(attempt=attempt):
                a, b, c = self.enroll(f"A{attempt}"), self.enroll(f"B{attempt}"), self.enroll(f"C{attempt}")
                procs = [subprocess.Popen([IOP_BIN, "couple", "pair", str(a), str(x)], env=self.env,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                         for x in (b, c)]
                results = [(*p.communicate(timeout=60), p.returncode) for p in procs]
                results = [(code, out, err) for out, err, code in results]
                codes = sorted(r[0] for r in results)
                self.assertEqual(codes[0], OK, results)
                self.assertIn(codes[1], (CONFLICT, BUSY), results)
                loser = max(results, key=lambda r: r[0])
                if loser[0] == CONFLICT:  # the rule's own message, not the database trigger's backstop
                    self.assertIn(f"client {a}) is already in couple", loser[2], results)
                self.assertEqual(len(self.active_couples_of(a)), 1, results)
                self.assertEqual(self.sql("SELECT COUNT(*) FROM couples WHERE ? IN (client_a, client_b)", a),
                                 [(1,)])


if __name__ == "__main__":
    unittest.main()
