"""The scripts and config in examples/ run as documented: examples/config.toml passes
`config check`, and examples/morning-agenda.sh prints a clinician's morning on a temporary database.
(day-in-the-life.sh is run by test_docs, nightly-claims.sh by test_claim_export.)"""

import os
import shutil
import subprocess
import unittest

from iop_test import CONFIG, IOP_BIN, NOT_FOUND, OK, SOURCE_DIR, USAGE, IopTestCase

EXAMPLES = os.path.join(SOURCE_DIR, "examples")
MORNING = os.path.join(EXAMPLES, "morning-agenda.sh")


class ConfigExampleTest(IopTestCase):
    def test_the_example_config_checks_clean_and_is_the_init_template(self):
        example = os.path.join(EXAMPLES, "config.toml")
        r = self.ok("--config", example, "config", "check")
        self.assertNotIn("warning", r.err)
        with open(example, encoding="utf-8") as f:
            self.assertEqual(self.ok("init", "--config-template").out, f.read())


class MorningAgendaTest(IopTestCase):
    def setUp(self):
        super().setUp()
        config = os.path.join(self.dir, "config.toml")
        shutil.copy(os.path.join(EXAMPLES, "config.toml"), config)
        self.env["IOP_CONFIG"] = config
        self.dana = self.add_clinician("Dana Reyes")
        self.other = self.add_clinician("Sam Ortiz", "LPC", "individual")
        self.zoe = self.enroll("Zoë", "O'Brien-Núñez")
        self.ana = self.enroll("Ana")
        # Today (Friday 27 November, Portland): two sessions of Dana's and one of Sam's.
        self.schedule("--type", "individual", "--clinician", str(self.dana), "--client", str(self.zoe), "--start",
                      "2026-11-27 13:00")
        self.schedule("--type", "individual", "--clinician", str(self.other), "--client", str(self.ana), "--start",
                      "2026-11-27 14:00")
        # An attended session from Monday with no note yet, and a safety flag this week.
        self.attended("--type", "individual", "--clinician", str(self.dana), "--client", str(self.ana), "--start",
                      "2026-11-23 10:00")
        self.ok("measure", "record", str(self.zoe), "--instrument", "phq-9", "--answers", "1,1,1,1,1,1,1,1,1",
                "--date", "2026-11-25")
        self.ok("measure", "record", str(self.ana), "--instrument", "phq-9", "--answers", "0,0,0,0,0,0,0,0,2",
                "--date", "2026-11-02")
        payer = self.ok_json("payer", "add", "--name", "Aetna PPO", "--payer-id", "60054", "--requires-auth")["id"]
        for number, units in (("PA-LOW", "3"), ("PA-PLENTY", "40")):
            self.ok("auth", "add", str(self.zoe), "--payer", str(payer), "--number", number, "--code", "90837",
                    "--units", units, "--from", "2026-11-02", "--to", "2027-01-31")

    def morning(self, *args, env=None):
        full = dict(self.env, IOP_BIN=IOP_BIN)
        full.update(env or {})
        return subprocess.run(["sh", MORNING, *args], capture_output=True, text=True, env=full, timeout=120)

    def test_prints_the_day_open_notes_flags_and_low_authorizations(self):
        r = self.morning(str(self.dana))
        self.assertEqual(r.returncode, OK, r.stderr)
        out = r.stdout
        agenda, rest = out.split("== Notes to write or sign")
        notes, rest = rest.split("== Safety flags of the last 7 days")
        flags, auths = rest.split("== Authorizations with 4 units or fewer left")
        self.assertIn("Zoë O'Brien-Núñez", agenda)
        self.assertNotIn("Ana Reed", agenda)  # Sam's session is not on Dana's agenda
        self.assertIn("Ana Reed", notes)
        self.assertIn("missing", notes)
        self.assertIn("Zoë O'Brien-Núñez", flags)
        self.assertIn("2026-11-25", flags)
        self.assertNotIn("2026-11-02", flags)  # older than a week
        self.assertIn("PA-LOW", auths)
        self.assertNotIn("PA-PLENTY", auths)
        self.assertNotIn("error", r.stderr)

    def test_the_clinician_can_come_from_the_environment_and_the_day_from_an_argument(self):
        r = self.morning(env={"IOP_CLINICIAN": str(self.other)})
        self.assertEqual(r.returncode, OK, r.stderr)
        self.assertIn("Ana Reed", r.stdout.split("== Notes to write or sign")[0])
        r = self.morning(str(self.dana), "tomorrow")
        self.assertEqual(r.returncode, OK, r.stderr)
        self.assertNotIn("Zoë O'Brien-Núñez", r.stdout.split("== Notes to write or sign")[0])

    def test_bad_input_exits_with_iops_codes_and_writes_nothing(self):
        before = self.db_digest()
        r = self.morning()
        self.assertEqual(r.returncode, USAGE)
        self.assertIn("give a clinician id", r.stderr)
        r = self.morning("999")
        self.assertEqual((r.returncode, r.stdout), (NOT_FOUND, ""))
        self.assertIn("no clinician with id 999", r.stderr)
        r = self.morning(str(self.dana), "2026-02-30")
        self.assertEqual(r.returncode, USAGE)
        r = self.morning(str(self.dana), env={"IOP_LOW_UNITS": "few"})
        self.assertEqual(r.returncode, USAGE)
        r = self.morning(str(self.dana), env={"IOP_CONFIG": os.path.join(self.dir, "missing.toml")})
        self.assertEqual(r.returncode, CONFIG)
        self.assertEqual(self.db_digest(), before)


if __name__ == "__main__":
    unittest.main()
