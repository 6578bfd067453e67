"""iop init: creating the database safely, and the starter config."""

import os
import sqlite3
import stat
import unittest

from iop_test import OK, SOURCE_DIR, IopTestCase


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


class InitTest(IopTestCase):
    def test_creates_a_private_database_and_says_where(self):
        self.assertFalse(os.path.exists(os.path.dirname(self.db)))
        r = self.ok("init")
        self.assertIn(self.db, r.out)
        self.assertIn("Created", r.out)
        self.assertEqual(mode(self.db), 0o600)
        self.assertEqual(mode(os.path.dirname(self.db)), 0o700)
        con = sqlite3.connect(self.db)
        try:
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            version = con.execute("PRAGMA user_version").fetchone()[0]
        finally:
            con.close()
        self.assertTrue({"clinicians", "clients", "couples", "audit_log"} <= tables, tables)
        self.assertGreaterEqual(version, 2)

    def test_private_even_with_a_permissive_umask(self):
        # The modes are set explicitly, not left to the caller's umask.
        old = os.umask(0o000)
        try:
            self.ok("init")
        finally:
            os.umask(old)
        self.assertEqual(mode(self.db), 0o600)
        self.assertEqual(mode(os.path.dirname(self.db)), 0o700)

    def test_is_idempotent_and_keeps_data(self):
        first = self.ok_json("init")
        self.assertTrue(first["created"])
        self.assertEqual(first["database"], self.db)
        cid = self.add_clinician()
        before = self.db_digest()
        r = self.ok("init")
        self.assertIn("already", r.out)
        again = self.ok_json("init")
        self.assertFalse(again["created"])
        self.assertEqual(again["schema_version"], first["schema_version"])
        self.assertEqual(before, self.db_digest())
        self.assertEqual(self.ok_json("clinician", "show", str(cid))["name"], "Dana Reyes")

    def test_quiet_init_prints_nothing(self):
        r = self.ok("-q", "init")
        self.assertEqual(r.out, "")
        self.assertTrue(os.path.exists(self.db))

    def test_config_template_is_the_example_and_passes_config_check(self):
        r = self.ok("init", "--config-template")
        self.assertIn("[practice]", r.out)
        self.assertIn("[billing.fees]", r.out)
        with open(os.path.join(SOURCE_DIR, "examples", "config.toml"), encoding="utf-8") as f:
            self.assertEqual(r.out, f.read())
        self.assertFalse(os.path.exists(self.db), "printing the template must not create the database")
        path = self.write_config(r.out)
        check = self.iop("config", "check", path)
        self.assertEqual(check.code, OK, check)
        self.assertIn("valid", check.err)
        self.assertNotIn("warning", check.out + check.err)

    def test_default_path_is_under_xdg_data_home(self):
        env = dict(self.env)
        del env["IOP_DB"]
        self.env = env
        r = self.ok("init")
        expected = os.path.join(self.dir, "xdg-data", "iop", "iop.db")
        self.assertIn(expected, r.out)
        self.assertTrue(os.path.exists(expected))
        self.assertEqual(mode(expected), 0o600)
        self.assertFalse(os.path.exists(self.db))

    def test_default_path_falls_back_to_home_without_xdg(self):
        env = dict(self.env)
        for key in ("IOP_DB", "XDG_DATA_HOME"):
            del env[key]
        self.env = env
        self.ok("init")
        self.assertTrue(os.path.exists(os.path.join(self.dir, ".local", "share", "iop", "iop.db")))

    def test_db_option_overrides_iop_db(self):
        other = os.path.join(self.dir, "elsewhere", "other.db")
        r = self.ok("--db", other, "init")
        self.assertIn(other, r.out)
        self.assertTrue(os.path.exists(other))
        self.assertFalse(os.path.exists(self.db))
        # After the verb works too.
        third = os.path.join(self.dir, "third.db")
        self.ok("init", "--db", third)
        self.assertTrue(os.path.exists(third))
        self.assertFalse(os.path.exists(self.db))


if __name__ == "__main__":
    unittest.main()
