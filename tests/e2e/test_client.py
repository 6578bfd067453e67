"""iop client enroll|list|show|update|discharge, end to end."""

import unittest

from iop_test import CONFLICT, NOT_FOUND, USAGE, IopTestCase

KEYS = ["id", "first_name", "last_name", "date_of_birth", "age", "sex", "phone", "email", "timezone", "track",
        "clinician_id", "clinician", "admission_date", "status", "discharge_date", "discharge_reason", "diagnoses",
        "address", "city", "state", "zip", "partner", "created_at"]


class ClientTest(IopTestCase):
    def enroll(self, first="Ana", last="Reed", dob="1985-02-01", *extra):
        return self.ok_json("client", "enroll", "--first", first, "--last", last, "--dob", dob, *extra)

    def ids(self, *args):
        return [c["id"] for c in self.ok_json("client", "list", *args)]

    def test_enroll_prints_the_record_and_show_returns_it(self):
        cid = self.add_clinician()
        c = self.enroll("Ana", "Reed", "1985-02-01", "--sex", "f", "--phone", "+1 (503) 555-0100", "--email",
                        "ana@example.org", "--tz", "America/New_York", "--track", "DUAL", "--clinician", str(cid),
                        "--admit", "2026-11-02", "--diagnosis", "F10.20")
        self.assertEqual(list(c.keys()), KEYS)
        self.assertEqual((c["first_name"], c["last_name"], c["date_of_birth"], c["age"]),
                         ("Ana", "Reed", "1985-02-01", 41))
        self.assertEqual((c["sex"], c["track"], c["timezone"]), ("F", "dual", "America/New_York"))
        self.assertEqual((c["phone"], c["email"]), ("+1 (503) 555-0100", "ana@example.org"))
        self.assertEqual((c["clinician_id"], c["clinician"]), (cid, "Dana Reyes, LMFT"))
        self.assertEqual((c["admission_date"], c["status"], c["discharge_date"]), ("2026-11-02", "active", None))
        self.assertEqual((c["diagnoses"], c["partner"], c["created_at"]), (["F10.20"], None, "2026-11-27T17:00:00Z"))
        self.assertEqual(self.ok_json("client", "show", str(c["id"])), c)
        table = self.ok("client", "show", str(c["id"])).out
        self.assertIn("Dana Reyes, LMFT", table)
        self.assertIn("age 41", table)

    def test_postal_address_enroll_update_show_and_partial_or_bad_refused(self):
        c = self.enroll("Zoë", "O'Brien-Núñez", "1985-02-01", "--address", "12 Rue Saint-Étienne", "--city",
                        "Portland", "--state", "or", "--zip", "97201-1234")
        self.assertEqual((c["address"], c["city"], c["state"], c["zip"]),
                         ("12 Rue Saint-Étienne", "Portland", "OR", "972011234"))
        self.assertEqual(self.ok_json("client", "show", str(c["id"])), c)
        self.assertIn("12 Rue Saint-Étienne, Portland OR 972011234", self.ok("client", "show", str(c["id"])).out)
        csv = self.ok("client", "list", "--format", "csv").out.splitlines()
        self.assertIn("address,city,state,zip", csv[0])
        self.assertIn("12 Rue Saint-Étienne,Portland,OR,972011234", csv[1])
        bare = self.enroll("Ana")
        self.assertEqual((bare["address"], bare["city"], bare["state"], bare["zip"]), (None, None, None, None))
        cid = str(bare["id"])
        self.refused(USAGE, "client", "update", cid, "--address", "1 Elm St", "--city", "Salem", "--state", "OR",
                     "--zip", "9730", message="--zip")
        self.refused(USAGE, "client", "update", cid, "--address", "1 Elm St", "--city", "Salem",
                     message="missing --state, --zip")
        self.refused(USAGE, "client", "update", cid, "--address", "1 Elm St*2", "--city", "Salem", "--state", "OR",
                     "--zip", "97301", message="--address")
        self.refused(USAGE, "client", "enroll", "--first", "Ben", "--last", "Reed", "--dob", "1980-01-01",
                     "--zip", "97301", message="missing --address, --city, --state")
        u = self.ok_json("client", "update", cid, "--address", "Robert'); DROP TABLE clients;--", "--city", "Salem",
                         "--state", "OR", "--zip", "97301")
        self.assertEqual((u["address"], u["zip"]), ("Robert'); DROP TABLE clients;--", "97301"))
        self.assertEqual(self.ok_json("client", "update", cid, "--zip", "97302-0001")["zip"], "973020001")
        self.refused(USAGE, "client", "update", cid, "--city", "", message="missing --city")
        cleared = self.ok_json("client", "update", cid, "--address", "", "--city", "", "--state", "", "--zip", "")
        self.assertEqual((cleared["address"], cleared["zip"]), (None, None))

    def test_defaults_and_quiet(self):
        c = self.enroll()
        self.assertEqual((c["timezone"], c["admission_date"]), ("America/Los_Angeles", "2026-11-27"))  # TZ, IOP_NOW
        self.assertEqual((c["sex"], c["track"], c["clinician_id"], c["clinician"]), ("U", "mh", None, None))
        self.assertEqual((c["phone"], c["email"], c["diagnoses"]), (None, None, []))
        r = self.ok("-q", "client", "enroll", "--first", "Ben", "--last", "Reed", "--dob", "1984-03-01")
        self.assertEqual(r.out, f"{c['id'] + 1}\n")
        self.assertEqual(self.enroll("Cy", "Lo", "1990-01-01", "--admit", "yesterday")["admission_date"], "2026-11-26")

    def test_diagnoses_repeated_comma_separated_or_several_values_and_canonical(self):
        c = self.enroll("Ana", "Reed", "1985-02-01", "--diagnosis", "f1020,Z630", "--diagnosis", "f41.1", "F43.10")
        self.assertEqual(c["diagnoses"], ["F10.20", "Z63.0", "F41.1", "F43.10"])
        self.assertEqual(self.ok_json("client", "show", str(c["id"]))["diagnoses"], c["diagnoses"])
        self.assertEqual(self.sql("SELECT code FROM client_diagnoses ORDER BY position"),
                         [("F10.20",), ("Z63.0",), ("F41.1",), ("F43.10",)])
        self.assertIn("F10.20 (primary)", self.ok("client", "show", str(c["id"])).out)

    def test_malformed_input_is_a_usage_error_and_changes_nothing(self):
        self.ok("init")
        base = ["client", "enroll", "--first", "Ana", "--last", "Reed"]
        cases = [(["--dob", "2026-02-30"], "2026-02-30"),
                 (["--dob", "1985-02-01", "--admit", "2026-02-30"], "2026-02-30"),
                 (["--dob", "2026-11-28"], "in the future"),
                 (["--dob", "1985-02-01", "--admit", "1985-01-31"], "before the date of birth"),
                 (["--dob", "1985-02-01", "--diagnosis", "10.20"], "not an ICD-10-CM code"),
                 (["--dob", "1985-02-01", "--diagnosis", "F1.020"], "not an ICD-10-CM code"),
                 (["--dob", "1985-02-01", "--diagnosis", "F10.20,f1020"], "given twice"),
                 (["--dob", "1985-02-01", "--sex", "Q"], "sex"),
                 (["--dob", "1985-02-01", "--track", "iop"], "track"),
                 (["--dob", "1985-02-01", "--tz", "Mars/Olympus"], "time zone"),
                 (["--dob", "1985-02-01", "--phone", "12"], "phone"),
                 (["--dob", "1985-02-01", "--email", "not-an-address"], "email"),
                 (["--dob", "1985-02-01", "--clinician", "0"], "clinician"),
                 ([], "dob")]
        for extra, says in cases:
            with self.subTest(extra=extra):
                self.refused(USAGE, *base, *extra, message=says)
        self.assertEqual(self.sql("SELECT count(*) FROM clients"), [(0,)])

    def test_duplicate_identity_is_a_conflict_unless_allowed(self):
        first = self.enroll("José", "Núñez", "1990-05-05")
        self.refused(CONFLICT, "client", "enroll", "--first", "José", "--last", "Núñez", "--dob", "1990-05-05",
                     message=f"client {first['id']}")
        self.refused(CONFLICT, "client", "enroll", "--first", "JOSE", "--last", "nunez", "--dob", "1990-05-05")
        self.enroll("José", "Núñez", "1990-05-06")  # another birthday: another person
        again = self.enroll("José", "Núñez", "1990-05-05", "--allow-duplicate")
        self.assertNotEqual(again["id"], first["id"])
        self.assertEqual(len(self.ok_json("client", "list")), 3)

    def test_clinician_must_exist_and_be_active(self):
        self.ok("init")
        self.refused(NOT_FOUND, "client", "enroll", "--first", "A", "--last", "B", "--dob", "1980-01-01",
                     "--clinician", "9", message="no clinician with id 9")
        cid = self.add_clinician()
        self.ok("clinician", "deactivate", str(cid))
        self.refused(CONFLICT, "client", "enroll", "--first", "A", "--last", "B", "--dob", "1980-01-01",
                     "--clinician", str(cid), message="inactive")
        c = self.enroll()
        self.refused(CONFLICT, "client", "update", str(c["id"]), "--clinician", str(cid), message="inactive")
        self.refused(NOT_FOUND, "client", "update", str(c["id"]), "--clinician", "9")

    def test_unknown_client_ids(self):
        self.ok("init")
        self.refused(NOT_FOUND, "client", "show", "42", message="no client with id 42")
        self.refused(NOT_FOUND, "client", "update", "42", "--first", "Z")
        self.refused(NOT_FOUND, "client", "discharge", "42", "--date", "today", "--reason", "completed")
        self.refused(USAGE, "client", "show", "abc")
        self.refused(USAGE, "client", "show", "0")

    def test_update_changes_only_what_is_given(self):
        cid = self.add_clinician()
        other = self.add_clinician("Sam Ito", "LADC", "addiction")
        c = self.enroll("Ana", "Reed", "1985-02-01", "--phone", "5035550100", "--email", "a@example.org",
                        "--clinician", str(cid), "--diagnosis", "F10.20,F41.1")
        u = self.ok_json("client", "update", str(c["id"]), "--diagnosis", "z630", "--clinician", str(other))
        self.assertEqual((u["diagnoses"], u["clinician_id"], u["clinician"]), (["Z63.0"], other, "Sam Ito, LADC"))
        self.assertEqual({k: v for k, v in u.items() if k not in ("diagnoses", "clinician_id", "clinician")},
                         {k: v for k, v in c.items() if k not in ("diagnoses", "clinician_id", "clinician")})
        u = self.ok_json("client", "update", str(c["id"]), "--phone", "", "--email", "", "--clinician", "0",
                         "--first", "Anna", "--track", "sud")
        self.assertEqual((u["phone"], u["email"], u["clinician_id"], u["clinician"]), (None, None, None, None))
        self.assertEqual((u["first_name"], u["track"], u["diagnoses"]), ("Anna", "sud", ["Z63.0"]))
        self.assertEqual(self.ok_json("client", "show", str(c["id"])), u)
        self.refused(USAGE, "client", "update", str(c["id"]), message="nothing to update")
        self.refused(USAGE, "client", "update", str(c["id"]), "--dob", "2027-01-01", message="in the future")
        self.refused(USAGE, "client", "update", str(c["id"]), "--admit", "1980-01-01",
                     message="before the date of birth")
        self.refused(USAGE, "client", "update", str(c["id"]), "--diagnosis", "XYZ", message="ICD-10-CM")

    def test_discharge_and_list_by_status(self):
        a = self.enroll("Ana", "Reed", "1985-02-01", "--admit", "2026-11-02")["id"]
        b = self.enroll("Ben", "Reed", "1984-03-01", "--admit", "2026-11-02")["id"]
        d = self.ok_json("client", "discharge", str(a), "--date", "2026-11-20", "--reason", "completed")
        self.assertEqual((d["status"], d["discharge_date"], d["discharge_reason"]),
                         ("discharged", "2026-11-20", "completed"))
        self.assertIsNone(d["ended_couple_id"])
        self.assertEqual(self.ids(), [b])
        self.assertEqual(self.ids("--status", "discharged"), [a])
        self.assertEqual(self.ids("--status", "all"), [a, b])
        self.refused(USAGE, "client", "list", "--status", "gone", message="active, discharged or all")
        self.refused(CONFLICT, "client", "discharge", str(a), "--date", "today", "--reason", "other",
                     message="already discharged")

    def test_discharge_refusals(self):
        c = self.enroll("Ana", "Reed", "1985-02-01", "--admit", "2026-11-02")["id"]
        for extra, says in ((["--date", "2026-11-28", "--reason", "completed"], "in the future"),
                            (["--date", "tomorrow", "--reason", "completed"], "in the future"),
                            (["--date", "2026-11-01", "--reason", "completed"], "before the admission date"),
                            (["--date", "2026-11-31", "--reason", "completed"], "2026-11-31"),
                            (["--date", "today", "--reason", "bored"], "not one of"),
                            (["--reason", "completed"], "date")):
            with self.subTest(extra=extra):
                self.refused(USAGE, "client", "discharge", str(c), *extra, message=says)
        self.assertEqual(self.ok_json("client", "show", str(c))["status"], "active")

    def test_partner_is_shown_and_discharge_ends_the_couple(self):
        t = self.add_clinician()
        a = self.enroll("Ana", "Reed", "1985-02-01", "--admit", "2026-11-02")["id"]
        b = self.enroll("Ben", "Reed", "1984-03-01", "--admit", "2026-11-02")["id"]
        couple = self.ok_json("couple", "pair", str(a), str(b), "--therapist", str(t), "--since", "2026-11-02")["id"]
        self.assertEqual(self.ok_json("client", "show", str(a))["partner"],
                         {"client_id": b, "name": "Ben Reed", "couple_id": couple})
        self.assertEqual(self.ok_json("client", "show", str(b))["partner"],
                         {"client_id": a, "name": "Ana Reed", "couple_id": couple})
        self.assertIn("Ben Reed (client", self.ok("client", "show", str(a)).out)
        r = self.iop("--format", "json", "client", "discharge", str(a), "--date", "2026-11-25", "--reason", "withdrew")
        self.assertEqual(r.code, 0, r)
        self.assertEqual(r.json()["ended_couple_id"], couple)
        self.assertIsNone(r.json()["partner"])
        self.assertIn(f"the pairing with Ben Reed (couple {couple}) ended on 2026-11-25", r.err)
        self.assertEqual(self.sql("SELECT until, end_reason FROM couples WHERE id = ?", couple),
                         [("2026-11-25", "discharged")])
        self.assertIsNone(self.ok_json("client", "show", str(b))["partner"])

    def test_search_ignores_case_accents_and_apostrophes(self):
        jose = self.enroll("José", "Núñez", "1990-05-05")["id"]
        obrien = self.enroll("Siobhán", "O'Brien", "1970-01-01")["id"]
        self.enroll("Ana", "Reed", "1985-02-01")
        for text, expected in (("jose", [jose]), ("NÚÑEZ", [jose]), ("josé n", [jose]), ("OBRIEN", [obrien]),
                               ("o'brien", [obrien]), ("siobhan", [obrien]), ("%", []), ("zed", [])):
            with self.subTest(text=text):
                self.assertEqual(self.ids("--search", text), expected)

    def test_list_by_clinician_and_table(self):
        cid = self.add_clinician()
        a = self.enroll("Ana", "Reed", "1985-02-01", "--clinician", str(cid))["id"]
        self.enroll("Ben", "Adams", "1984-03-01")
        self.assertEqual(self.ids("--clinician", str(cid)), [a])
        out = self.ok("client", "list").out.splitlines()
        self.assertEqual(out[0].split(), ["ID", "NAME", "DOB", "TRACK", "CLINICIAN", "ADMITTED", "STATUS"])
        self.assertIn("Ben Adams", out[1])  # sorted by last name
        self.assertIn("Dana Reyes, LMFT", out[2])

    def test_names_are_stored_byte_for_byte(self):
        names = [("Siobhán", "O'Brien"), ("José", "Núñez"), ("Robert'); DROP TABLE clients;--", "Tables"),
                 ("Zoë", 'Smith "Jr"')]
        for first, last in names:
            with self.subTest(first=first):
                c = self.enroll(first, last, "1980-01-01")
                shown = self.ok_json("client", "show", str(c["id"]))
                self.assertEqual((shown["first_name"], shown["last_name"]), (first, last))
        self.assertEqual(len(self.ok_json("client", "list")), len(names))

    def test_csv_is_rfc4180_and_formulas_are_inert(self):
        c = self.enroll("=HYPERLINK(\"http://x\")", "@SUM(A1)", "1980-01-01", "--diagnosis", "F10.20,F41.1")
        self.assertEqual(c["first_name"], "=HYPERLINK(\"http://x\")")  # stored as given
        for args in (["client", "list"], ["client", "show", str(c["id"])]):
            with self.subTest(args=args):
                lines = self.ok("--format", "csv", *args).out.splitlines()
                self.assertTrue(lines[0].startswith("id,first_name,last_name,date_of_birth,"), lines[0])
                self.assertTrue(lines[1].startswith(f"{c['id']},\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1),"),
                                lines[1])
                self.assertIn("F10.20 F41.1", lines[1])

    def test_every_change_is_audited_without_names(self):
        c = self.enroll("Zelda", "Quixote", "1980-01-01", "--diagnosis", "F10.20")["id"]
        self.ok("--as", "alice", "client", "update", str(c), "--last", "Quist")
        self.ok("client", "discharge", str(c), "--date", "today", "--reason", "ama")
        log = self.ok_json("audit", "log")
        self.assertEqual([(e["actor"], e["command"], e["action"], e["record_kind"], e["record_id"]) for e in log],
                         [("tester", "client discharge", "discharge", "client", c),
                          ("alice", "client update", "update", "client", c),
                          ("tester", "client enroll", "create", "client", c)])
        dump = repr(self.sql("SELECT * FROM audit_log"))
        for secret in ("Zelda", "Quixote", "Quist", "F10.20", "1980-01-01", "ama"):
            self.assertNotIn(secret, dump)


if __name__ == "__main__":
    unittest.main()
