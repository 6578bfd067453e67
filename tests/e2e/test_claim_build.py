"""iop claim build, end to end: a month of a couple's and a group's sessions -> exact claims and exact
reasons for what was left out; building again bills nothing twice; --dry-run changes nothing."""
import unittest

from iop_test import IopTestCase, OK, USAGE, NOT_FOUND, CONFLICT, CONFIG as CONFIG_ERROR

CONFIG = """[practice]
name = "Harbor Light Virtual IOP"
npi = "1234567893"
tax_id = "931234567"
address = "100 Main St"
city = "Portland"
state = "OR"
zip = "972010000"
phone = "5035550100"

[x12]
submitter_id = "HARBORLIGHT"
submitter_name = "HARBOR LIGHT"
receiver_id = "CLEARHOUSE"
receiver_name = "CLEARING HOUSE"
usage = "T"

[billing.fees]
"90791" = 25000
"90832" = 11000
"90834" = 15000
"90837" = 19000
"90846" = 16000
"90847" = 17000
"90853" = 7000
"H0004" = 3500
"H0015" = 45000
"S9480" = 45000
"""

SOAP = "Subjective: calmer\nObjective: on time\nAssessment: improving\nPlan: continue weekly\n"


class BillingCase(IopTestCase):
    """A practice with a config, Dana (NPI), a per-service payer and one that requires authorization."""

    def setUp(self):
        super().setUp()
        self.env["IOP_CONFIG"] = self.write_config(CONFIG)
        self.dana = self.add_clinician("Dana Reyes", "LMFT", "individual,couples,group", "--npi", "1234567893")
        self.acme = self.ok_json("payer", "add", "--name", "Acme PPO", "--payer-id", "ACME1")["id"]
        self.blue = self.ok_json("payer", "add", "--name", "Blue Shield", "--payer-id", "BLUE1",
                                 "--requires-auth")["id"]

    def insured(self, first, last="Reed", payer=None, dx=("F41.1",)):
        """Enrolls a client with a primary coverage from 2026-11-01 and diagnoses; returns the id."""
        cid = self.enroll(first, last)
        self.ok("coverage", "add", str(cid), "--payer", str(payer or self.acme), "--member-id", f"M{cid}",
                "--from", "2026-11-01")
        if dx:
            self.ok("client", "update", str(cid), "--diagnosis", ",".join(dx))
        return cid

    def note(self, session, client, sign=True, by=None):
        nid = int(self.ok("-q", "note", "add", str(session), "--client", str(client), "--file", "-", stdin=SOAP).out)
        if sign:
            self.ok("note", "sign", str(nid), "--by", str(by or self.dana))
        return nid

    def documented(self, client, *schedule_args, attend_args=(), sign=True):
        """A session scheduled, attended and with `client`'s note (signed unless sign=False)."""
        sid = self.attended(*schedule_args, attend_args=attend_args)
        self.note(sid, client, sign)
        return sid

    def individual(self, client, start, end=None, sign=True):
        return self.documented(client, "--type", "individual", "--clinician", str(self.dana), "--client",
                               str(client), "--start", start, attend_args=("--end", end) if end else (), sign=sign)

    def build(self, *args):
        return self.ok_json("claim", "build", *args)

    def skips(self, result):
        return [(s["session_id"], s["client_id"], s["service_date"], s["code"]) for s in result["skipped"]]


class CoupleAndGroupCase(BillingCase):
    """Zoë and Ben (a couple, Zoë the identified patient), and a group of Ana, Carl (Blue Shield, which
    requires authorization; he has none) and Dee."""

    def setUp(self):
        super().setUp()
        self.zoe = self.insured("Zoë", "O'Brien-Núñez", dx=("F43.23", "Z63.0"))
        self.ben = self.insured("Ben")
        self.couple = self.pair(self.zoe, self.ben, self.dana)
        self.ana = self.insured("Ana")
        self.carl = self.insured("Carl", "Ito", payer=self.blue)
        self.dee = self.insured("Dee", "Lane")
        self.group = self.ok_json("group", "create", "--name", "Tuesday Recovery", "--clinician", str(self.dana))["id"]
        self.ok("group", "add", str(self.ana), str(self.carl), str(self.dee), "--group", str(self.group),
                "--date", "2026-11-02")

    def couples(self, start, attend_args=(), sign=True):
        return self.documented(self.zoe, "--type", "couples", "--couple", str(self.couple), "--clinician",
                               str(self.dana), "--start", start, attend_args=attend_args, sign=sign)

    def group_session(self, start):
        return self.schedule("--type", "group", "--group", str(self.group), "--clinician", str(self.dana),
                             "--start", start)

    def month(self):
        s = {}
        s["joint"] = self.couples("2026-11-02 10:00")
        s["no_show"] = self.schedule("--type", "couples", "--couple", str(self.couple), "--clinician",
                                     str(self.dana), "--start", "2026-11-09 10:00")
        self.ok("session", "no-show", str(s["no_show"]))
        s["unsigned"] = self.couples("2026-11-16 10:00", sign=False)
        s["short"] = self.couples("2026-11-23 10:00", attend_args=("--end", "10:20"))
        s["group"] = self.group_session("2026-11-03 14:00")
        self.ok("session", "attend", str(s["group"]), "--absent", str(self.dee))
        self.note(s["group"], self.ana)
        self.note(s["group"], self.carl)
        s["forgotten"] = self.group_session("2026-11-10 14:00")
        s["cancelled"] = self.group_session("2026-11-17 14:00")
        self.ok("session", "cancel", str(s["cancelled"]))
        return s


class MonthTest(CoupleAndGroupCase):
    def test_a_month_builds_exact_claims_and_says_why_the_rest_was_left_out(self):
        s = self.month()
        r = self.build()
        self.assertFalse(r["dry_run"])
        self.assertEqual(r["already_billed"], 0)
        claims = r["claims"]
        self.assertEqual([(c["client_id"], c["payer_id"], c["first_service_on"], c["total"]) for c in claims],
                         [(self.zoe, self.acme, "2026-11-02", "170.00"), (self.ana, self.acme, "2026-11-03", "70.00")])
        joint = claims[0]
        self.assertEqual(joint["client"], "Zoë O'Brien-Núñez")
        self.assertEqual(joint["diagnoses"], ["F43.23", "Z63.0"])
        self.assertEqual((joint["status"], joint["frequency"], joint["clinician_id"], joint["place_of_service"]),
                         ("draft", 1, self.dana, "10"))
        self.assertEqual(joint["lines"], [{
            "line_number": 1, "service_date": "2026-11-02", "code": "90847", "modifiers": ["95"],
            "place_of_service": "10", "units": 1, "charge_cents": 17000, "charge": "170.00", "pointers": [1, 2],
            "authorization_id": None, "sessions": [s["joint"]]}])
        self.assertEqual([(l["code"], l["sessions"]) for l in claims[1]["lines"]], [("90853", [s["group"]])])
        self.assertEqual(self.skips(r), [
            (s["group"], self.carl, "2026-11-03", "auth-missing"),
            (s["group"], self.dee, "2026-11-03", "absent"),
            (s["no_show"], self.zoe, "2026-11-09", "no-show"),
            (s["forgotten"], self.ana, "2026-11-10", "not-attended"),
            (s["forgotten"], self.carl, "2026-11-10", "not-attended"),
            (s["forgotten"], self.dee, "2026-11-10", "not-attended"),
            (s["unsigned"], self.zoe, "2026-11-16", "note-unsigned"),
            (s["short"], self.zoe, "2026-11-23", "too-short"),
        ])
        unsigned_note = self.sql("SELECT id FROM notes WHERE session_id = ?", s["unsigned"])[0][0]
        self.assertEqual(r["skipped"][6]["reason"], f"note not signed (iop note sign {unsigned_note})")
        self.assertIn("under the 26-minute minimum", r["skipped"][7]["reason"])
        # The claims are stored, linked to their sessions, with one audit row each.
        self.assertEqual(self.sql("SELECT session_id, slot FROM claim_line_sessions ORDER BY session_id"),
                         [(s["joint"], 0), (s["group"], self.ana)])
        self.assertEqual(self.sql("SELECT count(*) FROM audit_log WHERE action = 'build' AND record_kind = 'claim'"),
                         [(2,)])
        # Building again bills nothing twice, and says the rest is already on claims.
        again = self.build()
        self.assertEqual(again["claims"], [])
        self.assertEqual(again["already_billed"], 2)
        self.assertEqual(self.sql("SELECT count(*) FROM claims"), [(2,)])
        quiet = self.ok("claim", "build")
        self.assertEqual(quiet.out, "")
        self.assertIn("nothing to bill", quiet.err)

    def test_the_couple_is_billed_once_to_the_identified_patient_with_a_warning_on_z63(self):
        self.ok("client", "update", str(self.zoe), "--diagnosis", "Z63.0")
        self.couples("2026-11-02 10:00")
        r = self.build()
        self.assertEqual([c["client_id"] for c in r["claims"]], [self.zoe])
        self.assertEqual(len(r["warnings"]), 1)
        self.assertIn(f"claim {r['claims'][0]['id']} (Zoë O'Brien-Núñez", r["warnings"][0])
        self.assertIn("Z63.0", r["warnings"][0])
        human = self.iop("claim", "build", "--dry-run")
        self.assertEqual(human.code, OK)

    def test_signing_later_bills_the_session_then(self):
        sid = self.couples("2026-11-16 10:00", sign=False)
        self.assertEqual(self.build()["claims"], [])
        note = self.sql("SELECT id FROM notes WHERE session_id = ?", sid)[0][0]
        self.ok("note", "sign", str(note), "--by", str(self.dana))
        self.assertEqual([c["lines"][0]["sessions"] for c in self.build()["claims"]], [[sid]])

    def test_dry_run_changes_nothing_and_says_would_build(self):
        self.month()
        before = self.db_digest()
        r = self.build("--dry-run")
        self.assertTrue(r["dry_run"])
        self.assertEqual([c["id"] for c in r["claims"]], [0, 0])
        human = self.ok("claim", "build", "--dry-run")
        self.assertIn("would build 2 claims · 2 lines · $240.00", human.out)
        self.assertEqual(before, self.db_digest())

    def test_human_output_names_clients_and_skips_on_stderr(self):
        s = self.month()
        r = self.ok("claim", "build")
        lines = r.out.splitlines()
        self.assertRegex(lines[0], r"^claim \d+  Zoë O'Brien-Núñez  Acme PPO  2026-11-02  90847-95 POS 10  +\$170\.00$")
        self.assertRegex(lines[1], r"^claim \d+  Ana Reed {11}Acme PPO  2026-11-03  90853-95 POS 10  +\$70\.00$")
        self.assertEqual(lines[2], "2 claims · 2 lines · $240.00")
        note = self.sql("SELECT id FROM notes WHERE session_id = ?", s["unsigned"])[0][0]
        self.assertIn(f"session {s['unsigned']} (2026-11-16, Zoë O'Brien-Núñez): note not signed (iop note sign {note})",
                      r.err.splitlines())
        self.assertIn(f"session {s['no_show']} (2026-11-09, Zoë O'Brien-Núñez): no-show", r.err.splitlines())

    def test_csv_has_one_row_per_line(self):
        self.month()
        rows = self.ok("--format", "csv", "claim", "build").out.splitlines()
        self.assertEqual(rows[0].split(",")[:3], ["claim_id", "client_id", "client"])
        self.assertEqual(len(rows), 3)
        self.assertIn("90847", rows[1])

    def test_range_and_client_select_what_is_built(self):
        s = self.month()
        r = self.build("--from", "2026-11-03", "--to", "2026-11-09")
        self.assertEqual([c["client_id"] for c in r["claims"]], [self.ana])
        self.assertEqual({x[0] for x in self.skips(r)}, {s["group"], s["no_show"]})
        r = self.build("--client", str(self.zoe))
        self.assertEqual([c["client_id"] for c in r["claims"]], [self.zoe])
        self.assertTrue(all(x[1] == self.zoe for x in self.skips(r)))

    def test_bad_input_is_refused(self):
        self.month()
        self.refused(USAGE, "claim", "build", "--from", "2026-13-01", message="--from")
        self.refused(USAGE, "claim", "build", "--to", "11/30/2026")
        self.refused(USAGE, "claim", "build", "--from", "2026-11-20", "--to", "2026-11-10", message="before --from")
        self.refused(USAGE, "claim", "build", "--to", "2026-11-28", message="in the future")
        self.refused(NOT_FOUND, "claim", "build", "--client", "999", message="999")
        self.refused(USAGE, "claim", "build", "--client", "abc")

    def test_a_missing_fee_stops_the_whole_run(self):
        self.couples("2026-11-02 10:00")
        self.individual(self.ana, "2026-11-04 10:00")
        self.env["IOP_CONFIG"] = self.write_config(CONFIG.replace('"90847" = 17000\n', ""), "nofee.toml")
        self.refused(CONFIG_ERROR, "claim", "build", message='billing.fees."90847"')


class AttendOptionsTest(CoupleAndGroupCase):
    def test_without_patient_bills_90846_and_a_per_session_patient_overrides_the_couple(self):
        without = self.couples("2026-11-02 10:00", attend_args=("--without-patient",))
        sid = self.schedule("--type", "couples", "--couple", str(self.couple), "--clinician", str(self.dana),
                            "--start", "2026-11-04 10:00")
        self.ok("session", "attend", str(sid), "--identified-patient", str(self.ben))
        self.note(sid, self.ben)
        shown = self.ok_json("session", "show", str(sid))
        self.assertEqual((shown["identified_patient"], shown["patient_present"]), (self.ben, True))
        r = self.build()
        self.assertEqual([(c["client_id"], c["lines"][0]["code"], c["lines"][0]["sessions"]) for c in r["claims"]],
                         [(self.zoe, "90846", [without]), (self.ben, "90847", [sid])])

    def test_the_options_are_for_couples_sessions_and_partners_only(self):
        sid = self.schedule("--type", "individual", "--clinician", str(self.dana), "--client", str(self.ana),
                            "--start", "2026-11-04 10:00")
        self.refused(USAGE, "session", "attend", str(sid), "--without-patient", message="couples")
        self.refused(USAGE, "session", "attend", str(sid), "--identified-patient", str(self.ana), message="couples")
        joint = self.schedule("--type", "couples", "--couple", str(self.couple), "--clinician", str(self.dana),
                              "--start", "2026-11-05 10:00")
        self.refused(CONFLICT, "session", "attend", str(joint), "--identified-patient", str(self.ana), message="partner")


class BuilderRulesTest(BillingCase):
    def test_void_then_build_bills_the_session_again(self):
        ana = self.insured("Ana")
        sid = self.individual(ana, "2026-11-23 10:00")
        first = self.build()["claims"][0]
        self.ok("claim", "void", str(first["id"]), "--reason", "wrong member id")
        again = self.build()["claims"]
        self.assertEqual([c["lines"][0]["sessions"] for c in again], [[sid]])
        self.assertNotEqual(again[0]["id"], first["id"])

    def test_an_authorization_is_not_overdrawn_within_one_run(self):
        carl = self.insured("Carl", "Ito", payer=self.blue)
        self.ok("auth", "add", str(carl), "--payer", str(self.blue), "--number", "PA-1", "--code", "90837",
                "--units", "1", "--from", "2026-11-01", "--to", "2026-11-30")
        auth = self.sql("SELECT id FROM authorizations")[0][0]
        first = self.individual(carl, "2026-11-23 10:00")
        second = self.individual(carl, "2026-11-24 10:00")
        r = self.build()
        self.assertEqual([(c["lines"][0]["sessions"], c["lines"][0]["authorization_id"]) for c in r["claims"]],
                         [([first], auth)])
        self.assertEqual(self.skips(r), [(second, carl, "2026-11-24", "auth-exhausted")])

    def test_sql_metacharacters_in_names_are_only_text(self):
        bobby = self.insured("Robert'); DROP TABLE clients;--", "Tables")
        self.individual(bobby, "2026-11-23 10:00")
        r = self.ok("claim", "build")
        self.assertIn("Robert'); DROP TABLE clients;-- Tables", r.out)
        self.assertEqual(self.sql("SELECT count(*) FROM clients"), [(1,)])

    def test_without_a_coverage_or_diagnosis_or_npi_nothing_is_billed(self):
        bare = self.enroll("Bea", "Bare")
        nodx = self.insured("Nia", "Nodx", dx=())
        cy = self.insured("Cy", "Npi")
        sam = self.add_clinician("Sam Ito", "LMFT", "individual")
        a = self.individual(bare, "2026-11-23 10:00")
        b = self.individual(nodx, "2026-11-23 12:00")
        c = self.attended("--type", "individual", "--clinician", str(sam), "--client", str(cy), "--start",
                          "2026-11-23 14:00")
        self.note(c, cy, by=sam)
        r = self.build()
        self.assertEqual(r["claims"], [])
        self.assertEqual(self.skips(r), [(a, bare, "2026-11-23", "no-coverage"), (b, nodx, "2026-11-23", "no-diagnosis"),
                                         (c, cy, "2026-11-23", "no-npi")])
        self.assertIn(f"iop clinician update {sam} --npi", r["skipped"][2]["reason"])


if __name__ == "__main__":
    unittest.main()
