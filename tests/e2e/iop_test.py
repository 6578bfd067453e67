"""Shared base for end-to-end tests: each test gets its own folder, database and config, and
runs the built `iop` binary (IOP_BIN) as a subprocess, checking stdout, stderr and exit code."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

IOP_BIN = os.environ.get("IOP_BIN", os.path.join(os.path.dirname(__file__), "../../build/apps/iop/iop"))
SOURCE_DIR = os.environ.get("IOP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))

# Exit codes from DESIGN.md.
OK, INTERNAL, USAGE, NOT_FOUND, CONFLICT, BUSY, CONFIG = 0, 1, 2, 3, 4, 5, 6


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"<exit {self.code}\nstdout:\n{self.out}\nstderr:\n{self.err}>"


class IopTestCase(unittest.TestCase):
    """A fresh temporary home per test: $HOME, XDG folders, IOP_DB and a fixed clock."""

    # A fixed "now" so dates are reproducible: Friday 27 November 2026, 17:00 UTC.
    now = "2026-11-27T17:00:00Z"

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="iop-e2e-")
        self.db = os.path.join(self.dir, "data", "iop.db")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.dir,
            "XDG_DATA_HOME": os.path.join(self.dir, "xdg-data"),
            "XDG_CONFIG_HOME": os.path.join(self.dir, "xdg-config"),
            "IOP_DB": self.db,
            "IOP_USER": "tester",
            "IOP_NOW": self.now,
            "TZ": "America/Los_Angeles",
            "LANG": "C.UTF-8",
        }
        for key in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if key in os.environ:
                self.env[key] = os.environ[key]

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def iop(self, *args, stdin=None, env=None, timeout=60):
        """Runs iop with the given arguments; returns a Result (never raises on a non-zero exit)."""
        full_env = dict(self.env)
        if env:
            full_env.update(env)
        proc = subprocess.run([IOP_BIN, *args], input=stdin, capture_output=True, text=True,
                              env=full_env, timeout=timeout)
        # No command ever shows a stack trace or a sanitizer report.
        self.assertNotIn("terminate called", proc.stderr)
        self.assertNotIn("runtime error:", proc.stderr)
        self.assertNotIn("AddressSanitizer", proc.stderr)
        return Result(proc)

    def ok(self, *args, **kwargs):
        """Runs iop and asserts exit 0."""
        r = self.iop(*args, **kwargs)
        self.assertEqual(r.code, OK, r)
        return r

    def ok_json(self, *args, **kwargs):
        return self.ok("--format", "json", *args, **kwargs).json()

    def fails(self, code, *args, message=None, **kwargs):
        """Runs iop, asserts the exit code, an `iop: error:` line and no output on stdout."""
        r = self.iop(*args, **kwargs)
        self.assertEqual(r.code, code, r)
        self.assertIn("iop: error:", r.err, r)
        if message is not None:
            self.assertIn(message, r.err, r)
        return r

    def db_digest(self):
        """A digest of every row of every table: equal before and after means nothing changed."""
        if not os.path.exists(self.db):
            return None
        con = sqlite3.connect(self.db)
        try:
            h = hashlib.sha256()
            tables = [r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
            for t in tables:
                h.update(t.encode())
                for row in sorted(repr(r) for r in con.execute(f'SELECT * FROM "{t}"')):
                    h.update(row.encode())
            h.update(repr(con.execute("PRAGMA user_version").fetchone()).encode())
            return h.hexdigest()
        finally:
            con.close()

    def refused(self, code, *args, message=None, **kwargs):
        """Asserts the command fails with `code` and leaves the database exactly as it was."""
        before = self.db_digest()
        r = self.fails(code, *args, message=message, **kwargs)
        self.assertEqual(before, self.db_digest(), f"the database changed after a refused command: {args}")
        return r

    def write_config(self, text, name="config.toml"):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def sql(self, query, *params):
        con = sqlite3.connect(self.db)
        try:
            return con.execute(query, params).fetchall()
        finally:
            con.close()

    # Small builders used across tests.
    def schedule(self, *args):
        """Schedules with `iop -q session schedule ARGS`; returns the (first) new session id."""
        return int(self.ok("-q", "session", "schedule", *args).out.split()[0])

    def add_clinician(self, name="Dana Reyes", credential="LMFT", roles="individual,couples", *extra):
        return self.ok_json("clinician", "add", "--name", name, "--credential", credential,
                            "--role", roles, *extra)["id"]

    def enroll(self, first, last="Reed", admit="2026-11-02", *extra):
        """Enrolls a client (born 1985-02-01); returns the new id."""
        return int(self.ok("-q", "client", "enroll", "--first", first, "--last", last, "--dob", "1985-02-01",
                           "--admit", admit, *extra).out)

    def pair(self, a, b, therapist, since="2026-11-02"):
        """Pairs two clients as a couple with `therapist`; returns the couple id."""
        return int(self.ok("-q", "couple", "pair", str(a), str(b), "--therapist", str(therapist),
                           "--since", since).out)

    def attended(self, *schedule_args, attend_args=()):
        """Schedules a session (it must start before `now`) and marks it attended; returns its id."""
        sid = self.schedule(*schedule_args)
        self.ok("session", "attend", str(sid), *attend_args)
        return sid
