"""The command line as a whole: global options, usage errors, help, output formats, locking and
damaged databases."""

import os
import re
import sqlite3
import subprocess
import unittest

from iop_test import BUSY, INTERNAL, IOP_BIN, OK, SOURCE_DIR, USAGE, IopTestCase


def section(help_text, title):
    """The first words of the lines of a CLI11 help section such as 'Subcommands:'."""
    m = re.search(rf"^{title}:\n((?:  .*\n)+)", help_text, re.M)
    return [line.split()[0] for line in m.group(1).splitlines() if line.startswith("  ") and
            not line.startswith("   ")] if m else []


class GlobalOptionsTest(IopTestCase):
    def test_global_options_before_or_after_the_command(self):
        self.add_clinician("Dana Reyes")
        self.add_clinician("Sam Ito", "LADC", "addiction")
        before = self.ok("--format", "json", "clinician", "list")
        after = self.ok("clinician", "list", "--format", "json")
        middle = self.ok("clinician", "--format", "json", "list")
        self.assertEqual(before.out, after.out)
        self.assertEqual(before.out, middle.out)
        self.assertEqual(len(before.json()), 2)
        other = os.path.join(self.dir, "other.db")
        self.ok("clinician", "list", "--db", other)
        self.assertTrue(os.path.exists(other))
        self.assertEqual(self.ok("clinician", "list", "-q").out, self.ok("-q", "clinician", "list").out)

    def test_version(self):
        r = self.ok("--version")
        self.assertRegex(r.out, r"(?m)^iop \d+\.\d+\.\d+$")
        schema = int(re.search(r"(?m)^schema (\d+)$", r.out).group(1))
        self.assertRegex(r.out, r"(?m)^SQLite 3\.\d+")
        self.ok("init")
        self.assertEqual(self.sql("PRAGMA user_version")[0][0], schema)

    def test_no_arguments_lists_the_nouns(self):
        r = self.ok()
        for noun in ("init", "config", "clinician", "client", "couple", "audit"):
            self.assertRegex(r.out, rf"(?m)^  {noun}\s")
        self.assertFalse(os.path.exists(self.db), "usage must not create the database")
        self.assertNotIn("__complete", r.out)  # the completion scripts' hidden helper


class UsageErrorTest(IopTestCase):
    def test_unknown_noun_suggests_the_closest(self):
        r = self.fails(USAGE, "clinet")
        self.assertIn("unknown command 'clinet'", r.err)
        self.assertIn("did you mean 'client'", r.err)

    def test_the_hidden_completion_helper_is_never_suggested(self):
        r = self.fails(USAGE, "__complet")
        self.assertNotIn("__complete", r.err)
        r = self.fails(USAGE, "complet")
        self.assertIn("did you mean 'completion'", r.err)
        self.assertNotIn("__complete", r.err)

    def test_unknown_verb_suggests_the_closest(self):
        r = self.fails(USAGE, "clinician", "ad")
        self.assertIn("'ad'", r.err)
        self.assertIn("did you mean 'add'", r.err)
        r = self.fails(USAGE, "config", "chek")
        self.assertIn("did you mean 'check'", r.err)
        r = self.fails(USAGE, "clinician", "frobnicate")
        self.assertIn("add, list, show, update, deactivate", r.err)

    def test_noun_without_a_verb(self):
        for noun in ("clinician", "config", "audit"):
            with self.subTest(noun=noun):
                r = self.fails(USAGE, noun)
                self.assertIn("needs a verb", r.err)

    def test_unknown_option(self):
        r = self.fails(USAGE, "--bogus", "clinician", "list")
        self.assertIn("--bogus", r.err)
        self.fails(USAGE, "clinician", "list", "--bogus")

    def test_unknown_format(self):
        r = self.fails(USAGE, "--format", "xml", "clinician", "list")
        self.assertIn("xml", r.err)
        self.assertFalse(os.path.exists(self.db))

    def test_usage_errors_write_nothing_to_stdout(self):
        for args in (("clinet",), ("clinician", "ad"), ("--format", "xml", "clinician", "list")):
            with self.subTest(args=args):
                self.assertEqual(self.fails(USAGE, *args).out, "")


class HelpTest(IopTestCase):
    def test_every_verb_has_help_with_an_example(self):
        verbs = []
        for noun in section(self.ok("--help").out, "Subcommands"):
            sub = section(self.ok(noun, "--help").out, "Subcommands")
            verbs += [(noun, v) for v in sub] if sub else [(noun,)]
        self.assertIn(("clinician", "add"), verbs)
        self.assertIn(("init",), verbs)
        self.assertIn(("audit", "log"), verbs)
        for verb in verbs:
            with self.subTest(verb=" ".join(verb)):
                r = self.iop(*verb, "--help")
                self.assertEqual(r.code, OK, r)
                self.assertIn("Example", r.out)
        self.assertFalse(os.path.exists(self.db), "--help must not create the database")


class OutputTest(IopTestCase):
    def raw(self, *args, env=None):
        """Runs iop and returns its stdout as bytes (no newline translation)."""
        full = dict(self.env)
        full.update(env or {})
        proc = subprocess.run([IOP_BIN, *args], capture_output=True, env=full, timeout=60)
        self.assertEqual(proc.returncode, OK, proc.stderr)
        return proc.stdout, proc.stderr

    def test_no_colour_when_stdout_is_a_pipe(self):
        self.add_clinician()
        colour_term = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}
        for args in (("clinician", "list"), ("clinician", "show", "1"), ("audit", "log")):
            with self.subTest(args=args):
                out, err = self.raw(*args, env=colour_term)
                self.assertNotIn(b"\x1b", out)
                self.assertNotIn(b"\x1b", err)
        r = self.iop("clinician", "show", "99", env=colour_term)
        self.assertNotIn("\x1b", r.err)
        # The check above can see colour: forcing it puts escapes in the same output.
        out, _ = self.raw("clinician", "list", env=dict(colour_term, CLICOLOR_FORCE="1"))
        self.assertIn(b"\x1b[", out)

    def test_csv_is_rfc_4180_with_inert_formulas(self):
        names = ["=HYPERLINK(\"http://evil\")", "+1 555", "-x", "@SUM(A1)", "Reed, Ana \"Annie\"", "Plain"]
        for name in names:
            self.add_clinician(name, "LMFT", "individual")
        out, _ = self.raw("clinician", "list", "--format", "csv")
        self.assertTrue(out.endswith(b"\r\n"))
        rows = out.decode().split("\r\n")[:-1]
        self.assertNotIn("\n", "".join(rows))  # every line ends with CRLF
        self.assertEqual(rows[0], "id,name,credential,npi,roles,timezone,active")
        self.assertEqual(len(rows), 1 + len(names))
        cells = [r.split(",")[1] for r in rows[1:5]]
        self.assertEqual(cells, ['"\'=HYPERLINK(""http://evil"")"', "'+1 555", "'-x", "'@SUM(A1)"])
        self.assertTrue(rows[5].startswith('5,"Reed, Ana ""Annie""",LMFT,'), rows[5])
        self.assertTrue(rows[6].startswith("6,Plain,LMFT,,individual,America/Los_Angeles,"), rows[6])
        # A list of several roles holds a comma, so it is quoted.
        self.ok("clinician", "update", "6", "--role", "individual,couples")
        out, _ = self.raw("clinician", "show", "6", "--format", "csv")
        self.assertIn(b',"individual, couples",', out)


class LockingTest(IopTestCase):
    def test_busy_database_exits_5_changes_nothing_and_a_retry_works(self):
        self.add_clinician()
        holder = sqlite3.connect(self.db, isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")
            args = ("clinician", "add", "--name", "Sam Ito", "--credential", "LADC")
            r = self.refused(BUSY, *args, env={"IOP_BUSY_TIMEOUT_MS": "200"})
            self.assertIn("locked", r.err)
            self.assertIn("safe to", r.err)
            # Reading is not blocked by a writer.
            self.assertEqual(len(self.ok_json("clinician", "list", env={"IOP_BUSY_TIMEOUT_MS": "200"})), 1)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        self.ok(*args, env={"IOP_BUSY_TIMEOUT_MS": "200"})
        self.assertEqual(len(self.ok_json("clinician", "list")), 2)

    def make_schema_1_database(self):
        """A database exactly as migration 1 left it (tests/e2e/fixtures/schema-v1.sql)."""
        os.makedirs(os.path.dirname(self.db), exist_ok=True)
        with open(os.path.join(SOURCE_DIR, "tests/e2e/fixtures/schema-v1.sql"), encoding="utf-8") as f:
            script = f.read()
        con = sqlite3.connect(self.db, isolation_level=None)
        con.executescript(script)
        con.close()

    def test_busy_while_an_older_database_needs_migrating(self):
        self.make_schema_1_database()
        holder = sqlite3.connect(self.db, isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")
            r = self.refused(BUSY, "clinician", "list", env={"IOP_BUSY_TIMEOUT_MS": "200"})
            self.assertIn("safe to", r.err)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        self.assertEqual(self.ok_json("clinician", "list"), [])
        self.assertGreaterEqual(self.sql("PRAGMA user_version")[0][0], 2)
        self.assertEqual(self.sql("SELECT count(*) FROM couples")[0][0], 0)

    def test_a_schema_1_database_with_records_upgrades_without_loss(self):
        self.make_schema_1_database()
        con = sqlite3.connect(self.db, isolation_level=None)
        con.execute("INSERT INTO clinicians (name, credential, timezone, created_at) "
                    "VALUES ('Dana Reyes', 'LMFT', 'America/Los_Angeles', '2026-01-05T17:00:00Z')")
        con.execute("INSERT INTO clinician_roles VALUES (1, 'couples')")
        for first, last in (("Ana", "Reed"), ("Ben", "Reed")):
            con.execute("INSERT INTO clients (first_name, last_name, search_name, date_of_birth, timezone, "
                        "admission_date, created_at) VALUES (?, ?, lower(?), '1985-02-01', 'America/Los_Angeles', "
                        "'2026-01-05', '2026-01-05T17:00:00Z')", (first, last, first + " " + last))
        con.execute("INSERT INTO client_diagnoses VALUES (1, 1, 'F10.20')")
        con.close()
        clients = self.ok_json("client", "list")
        self.assertEqual([(c["first_name"], c["diagnoses"]) for c in clients], [("Ana", ["F10.20"]), ("Ben", [])])
        self.assertEqual(self.ok_json("clinician", "show", "1")["roles"], ["couples"])
        # The upgraded database takes the newer records too.
        couple = self.ok_json("couple", "pair", "1", "2", "--therapist", "1", "--since", "2026-01-05")
        self.assertEqual([p["client_id"] for p in couple["partners"]], [1, 2])
        latest = int(re.search(r"schema (\d+)", self.ok("--version").out).group(1))
        self.assertEqual(self.sql("PRAGMA user_version")[0][0], latest)


class DamagedDatabaseTest(IopTestCase):
    @unittest.skipIf(os.geteuid() == 0, "root ignores file modes, so a 0400 file is still writable")
    def test_read_only_database_gives_a_clear_error(self):
        self.add_clinician()
        os.chmod(self.db, 0o400)
        try:
            r = self.refused(INTERNAL, "clinician", "add", "--name", "B", "--credential", "MD")
            self.assertIn("cannot write the database", r.err)
            self.assertIn("hint:", r.err)
        finally:
            os.chmod(self.db, 0o600)

    def test_a_database_from_a_newer_iop_is_refused(self):
        self.add_clinician()
        self.sql("PRAGMA user_version = 999")
        r = self.refused(INTERNAL, "clinician", "list", message="newer")
        self.assertIn("upgrade iop", r.err)
        self.assertEqual(self.sql("PRAGMA user_version")[0][0], 999)

    def test_a_file_that_is_not_sqlite_is_refused_and_untouched(self):
        os.makedirs(os.path.dirname(self.db))
        garbage = b"this is not a database\n" * 300 + bytes(range(256)) * 8
        with open(self.db, "wb") as f:
            f.write(garbage)
        for args in (("clinician", "list"), ("init",), ("clinician", "add", "--name", "A", "--credential", "MD")):
            with self.subTest(args=args):
                r = self.fails(INTERNAL, *args)
                self.assertIn("not an iop database", r.err)
                self.assertNotIn("internal error", r.err)
                with open(self.db, "rb") as f:
                    self.assertEqual(f.read(), garbage)
        self.assertEqual(sorted(os.listdir(os.path.dirname(self.db))), ["iop.db"])


class AuditLogTest(IopTestCase):
    def test_limit_kind_and_record(self):
        a = self.add_clinician("A")
        b = self.add_clinician("B")
        self.ok("clinician", "update", str(a), "--name", "A2")
        self.ok("--as", "carol", "clinician", "deactivate", str(b))
        log = self.ok_json("audit", "log")
        self.assertEqual([(e["action"], e["record_id"]) for e in log],
                         [("deactivate", b), ("update", a), ("create", b), ("create", a)])
        self.assertEqual(log[0]["actor"], "carol")
        self.assertEqual(log[0]["command"], "clinician deactivate")
        self.assertEqual(log[0]["at"], self.now)
        newest = self.ok_json("audit", "log", "--limit", "1")
        self.assertEqual(newest, log[:1])
        self.assertEqual(len(self.ok_json("audit", "log", "--limit", "0")), 4)
        self.assertEqual(len(self.ok_json("audit", "log", "--kind", "clinician")), 4)
        self.assertEqual(self.ok_json("audit", "log", "--kind", "client"), [])
        only_a = self.ok_json("audit", "log", "--kind", "clinician", "--record", str(a))
        self.assertEqual([e["action"] for e in only_a], ["update", "create"])
        self.fails(USAGE, "audit", "log", "--limit", "-1")
        self.fails(USAGE, "audit", "log", "--record", "0")

    def test_empty_log(self):
        self.ok("init")
        r = self.ok("audit", "log")
        self.assertEqual(r.out, "")
        self.assertIn("empty", r.err)
        self.assertEqual(self.ok_json("audit", "log"), [])


if __name__ == "__main__":
    unittest.main()
