"""iop config check|path, and how every command treats the config file."""

import os
import unittest

from iop_test import CONFIG, OK, IopTestCase

GOOD = """[practice]
name = "Harbor Light Virtual IOP"
npi = "1234567893"
timezone = "Asia/Tokyo"

[program]
weekly_hours_min = 12
"""

WRONG_TYPE = """[practice]
name = "Harbor Light"

npi = 1234567893
"""

UNKNOWN_KEY = """[practice]
name = "Harbor Light"
nickname = "HL"
"""

SYNTAX_ERROR = """[practice]
name = "Harbor Light"
timezone = "America/Los_Angeles
phone = "5035550100"
"""


class ConfigCheckTest(IopTestCase):
    def test_good_file_passes(self):
        path = self.write_config(GOOD)
        r = self.iop("config", "check", path)
        self.assertEqual(r.code, OK, r)
        self.assertIn("valid", r.err)
        self.assertEqual(r.out, "")
        j = self.ok_json("config", "check", path)
        self.assertEqual((j["ok"], j["exists"], j["diagnostics"]), (True, True, []))

    def test_wrong_type_names_file_line_and_key(self):
        path = self.write_config(WRONG_TYPE)
        r = self.fails(CONFIG, "config", "check", path)
        self.assertIn(f"{path}:4: error: practice.npi", r.out)
        self.assertIn("must be a string", r.out)
        j = self.iop("--format", "json", "config", "check", path)
        self.assertEqual(j.code, CONFIG, j)
        d = j.json()["diagnostics"]
        self.assertEqual([(x["severity"], x["line"], x["key"]) for x in d], [("error", 4, "practice.npi")])
        self.assertFalse(j.json()["ok"])

    def test_invalid_value_is_an_error(self):
        path = self.write_config('[practice]\nnpi = "1234567890"\n')
        r = self.fails(CONFIG, "config", "check", path)
        self.assertIn(f"{path}:2: error: practice.npi", r.out)

    def test_unknown_key_is_only_a_warning(self):
        path = self.write_config(UNKNOWN_KEY)
        r = self.iop("config", "check", path)
        self.assertEqual(r.code, OK, r)
        self.assertIn(f"{path}:3: warning: practice.nickname", r.out)
        self.assertNotIn("error", r.out + r.err)
        self.assertIn("1 warning)", r.err)

    def test_toml_syntax_error_names_its_line(self):
        path = self.write_config(SYNTAX_ERROR)
        r = self.fails(CONFIG, "config", "check", path)
        self.assertIn(f"{path}:3: error:", r.out)

    def test_check_of_a_missing_file_given_explicitly(self):
        self.fails(CONFIG, "config", "check", os.path.join(self.dir, "nope.toml"))

    def test_a_folder_is_not_a_config_file(self):
        r = self.fails(CONFIG, "config", "check", self.dir)
        self.assertIn("folder", r.out)
        self.refused(CONFIG, "--config", self.dir, "clinician", "list", message="folder")

    def test_no_config_at_all_is_fine(self):
        r = self.iop("config", "check")
        self.assertEqual(r.code, OK, r)
        self.assertIn("no config file", r.err)

    def test_check_uses_the_config_in_use(self):
        path = self.write_config(WRONG_TYPE)
        r = self.fails(CONFIG, "config", "check", env={"IOP_CONFIG": path})
        self.assertIn(f"{path}:4:", r.out)


BILLING = """[billing.codes]
group = "H0005"
couples = "90847"

[billing.per_diem]
dual = "S9480"

[billing.telehealth]
client_at_home = false
place_of_service_office = "11"

[billing.fees]
"H0005" = 6000
"S9480" = 45000
"""

BAD_BILLING = """[billing.fees]
"90834" = 15000
"h0004" = 3500
"90837" = 12000000

[billing.codes]
couples = "9084"
individual = "90834"

[billing.per_diem]
daily_minutes_min = 240

[billing.telehealth]
client_at_home = "yes"
place_of_service_home = "1"
"""


class BillingConfigTest(IopTestCase):
    def test_billing_keys_pass_check(self):
        path = self.write_config(BILLING)
        r = self.iop("config", "check", path)
        self.assertEqual(r.code, OK, r)
        self.assertEqual(r.out, "")
        self.assertIn("is valid", r.err)
        self.assertNotIn("warning", r.err)

    def test_every_bad_billing_value_is_named_with_its_line(self):
        path = self.write_config(BAD_BILLING)
        r = self.fails(CONFIG, "config", "check", path)
        lines = r.out.splitlines()
        self.assertIn(f'{path}:3: error: billing.fees."h0004": \'h0004\' is not a procedure code', r.out)
        self.assertIn(f'{path}:4: error: billing.fees."90837": 12000000 cents is out of range', r.out)
        self.assertIn(f"{path}:7: error: billing.codes.couples: '9084' is not a procedure code", r.out)
        self.assertIn(f"{path}:8: warning: billing.codes.individual: is not a key (ignored)", r.out)
        self.assertIn(f"{path}:11: error: billing.per_diem.daily_minutes_min: is not a key", r.out)
        self.assertIn("daily_minutes_min under [program]", r.out)
        self.assertIn(f"{path}:14: error: billing.telehealth.client_at_home: must be true or false", r.out)
        self.assertIn(f"{path}:15: error: billing.telehealth.place_of_service_home:", r.out)
        self.assertEqual(len(lines), 7, r.out)
        self.assertIn("6 errors", r.err)
        j = self.iop("--format", "json", "config", "check", path)
        self.assertEqual(j.code, CONFIG, j)
        got = [(d["severity"], d["line"], d["key"]) for d in j.json()["diagnostics"]]
        self.assertEqual(got, [  # in the file's line order
            ("error", 3, 'billing.fees."h0004"'),
            ("error", 4, 'billing.fees."90837"'),
            ("error", 7, "billing.codes.couples"),
            ("warning", 8, "billing.codes.individual"),
            ("error", 11, "billing.per_diem.daily_minutes_min"),
            ("error", 14, "billing.telehealth.client_at_home"),
            ("error", 15, "billing.telehealth.place_of_service_home"),
        ])

    def test_a_bad_billing_value_stops_other_commands(self):
        self.ok("init")
        path = self.write_config('[billing.per_diem]\nsud = "H15"\n')
        r = self.refused(CONFIG, "--config", path, "clinician", "list")
        self.assertIn(f"{path}:2: error: billing.per_diem.sud", r.err)

    def test_starter_config_names_every_billing_key(self):
        r = self.ok("init", "--config-template")
        for table in ("[billing.fees]", "[billing.codes]", "[billing.per_diem]", "[billing.telehealth]"):
            self.assertIn(table, r.out)
        for key in ("addiction", "couples", "couples_without_patient", "group", "intake", "medical", "mh", "sud",
                    "dual", "client_at_home", "place_of_service_home", "place_of_service_elsewhere",
                    "place_of_service_office"):
            self.assertRegex(r.out, rf"(?m)^{key} = \S+ +# \S")
        for code in ("90791", "90792", "90832", "90834", "90837", "90846", "90847", "90853", "H0004", "H0015",
                     "S9480"):
            self.assertRegex(r.out, rf'(?m)^"{code}" = \d+ +# \S')


class ConfigPathTest(IopTestCase):
    def test_path_table_and_json(self):
        default = os.path.join(self.dir, "xdg-config", "iop", "config.toml")
        r = self.ok("config", "path")
        self.assertRegex(r.out, r"(?m)^config\s+" + default + "$")
        self.assertRegex(r.out, r"(?m)^database\s+" + self.db + "$")
        j = self.ok_json("config", "path")
        self.assertEqual(j, {"config": default, "config_exists": False, "database": self.db,
                             "database_exists": False})
        self.ok("init")
        self.assertTrue(self.ok_json("config", "path")["database_exists"])

    def test_path_follows_overrides(self):
        path = self.write_config(GOOD)
        self.assertEqual(self.ok_json("config", "path", env={"IOP_CONFIG": path})["config"], path)
        j = self.ok_json("--config", path, "--db", os.path.join(self.dir, "x.db"), "config", "path",
                         env={"IOP_CONFIG": "/elsewhere.toml"})
        self.assertEqual((j["config"], j["config_exists"]), (path, True))
        self.assertEqual(j["database"], os.path.join(self.dir, "x.db"))
        env = dict(self.env)
        del env["XDG_CONFIG_HOME"]
        self.env = env
        self.assertEqual(self.ok_json("config", "path")["config"],
                         os.path.join(self.dir, ".config", "iop", "config.toml"))


class ConfigUseTest(IopTestCase):
    def test_explicit_missing_config_stops_every_command(self):
        missing = os.path.join(self.dir, "missing.toml")
        self.ok("init")
        r = self.refused(CONFIG, "--config", missing, "clinician", "list")
        self.assertIn(missing, r.err)
        self.refused(CONFIG, "clinician", "list", env={"IOP_CONFIG": missing})
        self.refused(CONFIG, "--config", missing, "clinician", "add", "--name", "A", "--credential", "MD")

    def test_broken_default_config_stops_commands_and_names_the_file(self):
        default = os.path.join(self.dir, "xdg-config", "iop", "config.toml")
        os.makedirs(os.path.dirname(default))
        with open(default, "w", encoding="utf-8") as f:
            f.write(WRONG_TYPE)
        self.ok("init")  # init still works: it is how one starts over
        for args in (("clinician", "list"), ("audit", "log"),
                     ("clinician", "add", "--name", "A", "--credential", "MD")):
            with self.subTest(args=args):
                r = self.refused(CONFIG, *args)
                self.assertIn(default, r.err)
                self.assertIn("practice.npi", r.err)
        # config path still tells where the file is.
        self.assertEqual(self.ok_json("config", "path")["config"], default)

    def test_practice_timezone_is_the_default_zone(self):
        path = self.write_config(GOOD)
        env = dict(self.env)
        del env["TZ"]
        self.env = env
        c = self.ok_json("--config", path, "clinician", "add", "--name", "Sam Ito", "--credential", "LADC")
        self.assertEqual(c["timezone"], "Asia/Tokyo")
        # The config comes before TZ ...
        c = self.ok_json("--config", path, "clinician", "add", "--name", "B", "--credential", "MD",
                         env={"TZ": "America/New_York"})
        self.assertEqual(c["timezone"], "Asia/Tokyo")
        # ... and --tz (global or the verb's own) before the config.
        c = self.ok_json("--config", path, "--tz", "Europe/Berlin", "clinician", "add", "--name", "C",
                         "--credential", "MD")
        self.assertEqual(c["timezone"], "Europe/Berlin")
        c = self.ok_json("--config", path, "clinician", "add", "--name", "D", "--credential", "MD",
                         "--tz", "America/Chicago")
        self.assertEqual(c["timezone"], "America/Chicago")
        # Without a config, TZ decides.
        c = self.ok_json("clinician", "add", "--name", "E", "--credential", "MD", env={"TZ": "America/New_York"})
        self.assertEqual(c["timezone"], "America/New_York")


if __name__ == "__main__":
    unittest.main()
