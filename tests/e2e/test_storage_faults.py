"""Disk full and read-only storage: iop says what happened and what to do (exit 1: waiting will not
help, so not 5), and nothing is half-written: integrity ok, the database exactly as before.

Disk full without mounting anything: iop runs with RLIMIT_FSIZE just above the database's size and
SIGXFSZ ignored, so its writes fail with EFBIG while a big import grows the database; when running
as root with mount permitted, also a 512 KiB tmpfs (ENOSPC). Read-only: a 0444 file in a 0555 folder,
with iop run as `nobody` when the test runs as root (root ignores permissions)."""

import json
import os
import resource
import shutil
import signal
import subprocess
import unittest

import fault_fixtures as F
from iop_test import IOP_BIN, IopTestCase

NOBODY = 65534
ROWS = F.scaled(3000, 1000)


def limit_file_size(limit):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def as_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def can_drop_privileges():
    try:
        subprocess.run(["true"], preexec_fn=as_nobody, check=True)
        return True
    except (OSError, subprocess.SubprocessError):
        return False


class StorageFaultCase(IopTestCase):
    def setUp(self):
        super().setUp()
        self.add_clinician("Zoë O'Brien-Núñez", "LMFT", "individual", "--npi", F.npi(1))
        self.enroll("Ana", "Reed", "2026-11-02", "--diagnosis", "F43.23")
        self.csv = os.path.join(self.dir, "clients.csv")
        with open(self.csv, "w", encoding="utf-8") as f:
            f.write("first_name,last_name,dob,address,city,state,zip,diagnoses\n")
            for i in range(ROWS):
                f.write(f"Zoë{i},\"Robert'); DROP TABLE clients;--\",1980-01-{1 + i % 28:02d},{i} Main St,Portland,"
                        f"OR,97201,F43.23;F41.1\n")

    def tearDown(self):
        for mount in getattr(self, "mounts", []):
            subprocess.run(["umount", mount], capture_output=True)
        for folder in getattr(self, "locked", []):  # writable again, so the folder can be removed
            os.chmod(folder, 0o755)
        super().tearDown()

    def lock(self, folder):
        os.chmod(folder, 0o555)
        self.locked = getattr(self, "locked", []) + [folder]

    def run_iop(self, *args, preexec_fn=None, stdout=None, db=None):
        env = dict(self.env)
        if db:
            env["IOP_DB"] = db
        proc = subprocess.run([IOP_BIN, *args], stdout=stdout if stdout is not None else subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env, preexec_fn=preexec_fn, timeout=300)
        self.assertNotIn("terminate called", proc.stderr)
        self.assertNotIn("AddressSanitizer", proc.stderr)
        return proc

    def assert_clear_failure(self, proc, message, hint, db=None):
        """Exit 1, iop's own message and hint, no raw SQLite words, nothing on stdout."""
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("iop: error: " + message, proc.stderr)
        self.assertIn("hint: " + hint, proc.stderr)
        for raw in ("disk I/O error", "attempt to write a readonly database", "database or disk is full",
                    "database error:", "unable to open database file"):
            self.assertNotIn(raw, proc.stderr)
        self.assertIn(proc.stdout, ("", None))
        checks, fk = F.integrity(db or self.db)
        self.assertEqual((checks, fk), (["ok"], []))

    def clients(self, db=None):
        return F.query(db or self.db, "SELECT COUNT(*) FROM clients")[0][0]


class DiskFullTest(StorageFaultCase):
    def test_an_import_that_hits_the_file_size_limit_stores_nothing_and_says_the_disk_is_full(self):
        before = self.db_digest()
        limit = os.path.getsize(self.db) + 64 * 1024  # the import needs far more than that
        proc = self.run_iop("client", "import", self.csv, preexec_fn=limit_file_size(limit))
        self.assert_clear_failure(proc, "the database file could not be written: the disk is full",
                                  "nothing was changed; free some space")
        self.assertEqual(self.db_digest(), before)
        self.assertEqual(self.clients(), 1)
        # Nothing stuck: with room again the same import goes through whole.
        self.assertEqual(self.run_iop("client", "import", self.csv).returncode, 0)
        self.assertEqual(self.clients(), 1 + ROWS)

    def test_a_single_enrollment_at_the_limit_is_refused_cleanly(self):
        F.checkpoint(self.db)
        before = self.db_digest()
        proc = self.run_iop("client", "enroll", "--first", "Ben", "--last", "Reed", "--dob", "1985-02-01",
                            preexec_fn=limit_file_size(1024))
        self.assert_clear_failure(proc, "the database file could not be written", "nothing was changed; free some space")
        self.assertEqual(self.db_digest(), before)

    def test_a_tiny_tmpfs_fills_up_and_nothing_is_half_written(self):
        if os.geteuid() != 0:
            self.skipTest("mounting a tmpfs needs root")
        mount = os.path.join(self.dir, "tiny")
        os.mkdir(mount)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mount],
                          capture_output=True).returncode != 0:
            self.skipTest("mount is not permitted here")
        self.mounts = [mount]
        F.checkpoint(self.db)
        db = os.path.join(mount, "iop.db")
        shutil.copyfile(self.db, db)
        before = F.digest(db)
        proc = self.run_iop("client", "import", self.csv, db=db)
        self.assert_clear_failure(proc, "the disk is full", "nothing was changed; free some space", db=db)
        self.assertEqual(F.digest(db), before)
        self.assertEqual(self.clients(db), 1)
        # A small change still fits once the failed import's space is given back.
        proc = self.run_iop("-q", "client", "enroll", "--first", "Ben", "--last", "Reed", "--dob", "1985-02-01", db=db)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(self.clients(db), 2)


class ReadOnlyTest(StorageFaultCase):
    def setUp(self):
        super().setUp()
        self.run_as = None
        if os.geteuid() == 0:
            if not can_drop_privileges():
                self.skipTest("cannot run iop as nobody here")
            self.run_as = as_nobody
        os.chmod(self.dir, 0o755)  # nobody must reach the files

    def make_read_only(self, folder):
        for root, dirs, files in os.walk(folder):
            for name in files:
                os.chmod(os.path.join(root, name), 0o444)
        self.lock(folder)

    def test_a_change_to_a_read_only_database_is_refused_with_a_hint(self):
        F.checkpoint(self.db)
        self.make_read_only(os.path.dirname(self.db))
        before = self.db_digest()
        proc = self.run_iop("client", "enroll", "--first", "Ben", "--last", "Reed", "--dob", "1985-02-01",
                            preexec_fn=self.run_as)
        self.assert_clear_failure(proc, "the database is read-only for this user",
                                  "nothing was changed; make the file and its folder writable")
        self.assertEqual(self.db_digest(), before)
        proc = self.run_iop("client", "import", self.csv, preexec_fn=self.run_as)
        self.assert_clear_failure(proc, "the database is read-only", "nothing was changed")
        self.assertEqual(self.db_digest(), before)

    def test_a_read_only_database_can_still_be_read(self):
        F.checkpoint(self.db)
        self.make_read_only(os.path.dirname(self.db))
        before = self.db_digest()
        for args in (("--format", "json", "client", "list"), ("audit", "verify"), ("client", "show", "1")):
            with self.subTest(args=args):
                proc = self.run_iop(*args, preexec_fn=self.run_as)
                self.assertEqual(proc.returncode, 0, proc.stderr)
                self.assertEqual(proc.stderr, "")
        proc = self.run_iop("--format", "json", "client", "list", preexec_fn=self.run_as)
        self.assertEqual([c["first_name"] for c in json.loads(proc.stdout)], ["Ana"])
        self.assertEqual(self.db_digest(), before)

    def test_a_read_only_file_in_a_writable_folder_can_be_read_but_not_changed(self):
        F.checkpoint(self.db)
        os.chmod(self.db, 0o444)
        os.chmod(os.path.dirname(self.db), 0o777)  # nobody may create the -shm beside it, not change the file
        before = self.db_digest()
        proc = self.run_iop("client", "show", "1", preexec_fn=self.run_as)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("Ana", proc.stdout)
        proc = self.run_iop("client", "enroll", "--first", "Ben", "--last", "Reed", "--dob", "1985-02-01",
                            preexec_fn=self.run_as)
        self.assert_clear_failure(proc, "the database is read-only for this user", "nothing was changed")
        self.assertEqual(self.db_digest(), before)


class ExportFaultTest(StorageFaultCase):
    """An 837P batch that cannot be written is not recorded: its claims stay drafts for the next run."""

    def setUp(self):
        super().setUp()
        self.config = self.write_config(F.CONFIG_TEXT)
        self.env["IOP_CONFIG"] = self.config
        self.ok("payer", "add", "--name", "Aetna PPO", "--payer-id", "60054")
        self.ok("coverage", "add", "1", "--payer", "1", "--member-id", "W1", "--from", "2025-11-01")
        F.add_signed_sessions(self.db, [(1, 1, 0)], 3, first_day=340)  # 2026-11-06 on: after admission
        self.ok("claim", "build")
        self.assertEqual(F.query(self.db, "SELECT COUNT(*) FROM claims WHERE status = 'draft'")[0][0], 3)

    def assert_not_recorded(self, before):
        self.assertEqual(self.db_digest(), before)
        self.assertEqual(F.query(self.db, "SELECT COUNT(*) FROM claim_batches")[0][0], 0)
        self.assertEqual(F.query(self.db, "SELECT COUNT(*) FROM claims WHERE status = 'draft'")[0][0], 3)

    def test_stdout_on_dev_full_records_no_batch(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full")
        before = self.db_digest()
        with open("/dev/full", "w") as full:
            proc = self.run_iop("claim", "export", "--x12", "--since-last", stdout=full)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("iop: error: cannot write to stdout", proc.stderr)
        self.assert_not_recorded(before)
        proc = self.run_iop("claim", "export", "--x12", "--since-last")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertTrue(proc.stdout.startswith("ISA*"))

    def test_out_into_a_read_only_folder_records_no_batch(self):
        outbox = os.path.join(self.dir, "outbox")
        os.mkdir(outbox)
        run_as = None
        if os.geteuid() == 0:
            if not can_drop_privileges():
                self.skipTest("cannot run iop as nobody here")
            run_as = as_nobody
            os.chmod(self.dir, 0o755)
            for root, dirs, files in os.walk(os.path.dirname(self.db)):
                for name in dirs + files:
                    os.chown(os.path.join(root, name), NOBODY, NOBODY)
            os.chown(os.path.dirname(self.db), NOBODY, NOBODY)
        self.lock(outbox)
        before = self.db_digest()
        out = os.path.join(outbox, "claims.837")
        proc = self.run_iop("claim", "export", "--x12", "--since-last", "--out", out, preexec_fn=run_as)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("iop: error: cannot create " + outbox, proc.stderr)
        self.assertIn("Permission denied", proc.stderr)
        self.assertEqual(os.listdir(outbox), [])
        self.assert_not_recorded(before)


if __name__ == "__main__":
    unittest.main()
