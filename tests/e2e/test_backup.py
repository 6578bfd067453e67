"""iop backup FILE and iop restore FILE: a consistent copy while others write, and a checked restore."""

import os
import re
import sqlite3
import stat
import subprocess
import sys
import time

from iop_test import BUSY, CONFLICT, NOT_FOUND, SOURCE_DIR, USAGE, IopTestCase


def table_rows(path):
    """Every row of every table but the audit log, for comparing two databases."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN ('audit_log', 'sqlite_sequence') "
            "ORDER BY name")]
        return {t: sorted(repr(r) for r in con.execute(f'SELECT * FROM "{t}"')) for t in tables}
    finally:
        con.close()


def query(path, sql):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# A writer in another process: one insert per transaction until told to stop (and at least `minimum`).
WRITER = r"""
import os, sqlite3, sys
db, stop, minimum = sys.argv[1], sys.argv[2], int(sys.argv[3])
con = sqlite3.connect(db, timeout=2.0, isolation_level=None)
n = 0
while n < minimum or not os.path.exists(stop):
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO clinicians (name, credential, timezone, created_at) "
                "VALUES (?, 'LMFT', 'America/Los_Angeles', '2026-11-27T17:00:00Z')", (f"Writer {n}",))
    con.execute("COMMIT")
    n += 1
print(n)
"""


class BackupTest(IopTestCase):
    def setUp(self):
        super().setUp()
        self.backups = os.path.join(self.dir, "backups")
        os.makedirs(self.backups)

    def some_records(self):
        dana = self.add_clinician("Dana Reyes")
        zoe = self.enroll("Zoë", "O'Brien-Núñez")
        bob = self.enroll("Robert'); DROP TABLE clients;--", "Tables")
        self.attended("--type", "individual", "--clinician", str(dana), "--client", str(zoe),
                      "--start", "2026-11-23 10:00")
        return dana, zoe, bob

    def test_backup_is_private_checked_and_holds_the_same_rows(self):
        self.some_records()
        target = os.path.join(self.backups, "iop-2026-11-27.db")
        r = self.ok("backup", target)
        self.assertIn(f"Backed up {self.db} to {target}", r.out)
        self.assertIn("2 clients, 1 sessions, 1 clinicians", r.out)
        self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0o600)
        self.assertEqual(query(target, "PRAGMA integrity_check"), [("ok",)])
        self.assertEqual(table_rows(target), table_rows(self.db))
        # It stands alone (no -wal beside it) and no temporary file was left behind.
        self.assertEqual(query(target, "PRAGMA journal_mode"), [("delete",)])
        self.assertEqual(os.listdir(self.backups), ["iop-2026-11-27.db"])
        # The audit row names the action and the file, nothing clinical; the copy holds it too.
        log = self.ok_json("audit", "log", "--limit", "1")[0]
        self.assertEqual((log["action"], log["record_kind"], log["command"]),
                         ("backup", "database", "backup iop-2026-11-27.db"))
        self.assertEqual(query(target, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1"), [("backup",)])

    def test_json_and_quiet(self):
        self.some_records()
        target = os.path.join(self.backups, "b.db")
        j = self.ok_json("backup", target)
        self.assertEqual(j, {"database": self.db, "backup": target, "size": os.path.getsize(target),
                             "schema_version": query(self.db, "PRAGMA user_version")[0][0],
                             "clinicians": 1, "clients": 2, "sessions": 1})
        r = self.ok("-q", "backup", os.path.join(self.backups, "c.db"))
        self.assertEqual((r.out, r.err), ("", ""))

    def test_an_existing_file_is_refused_unless_forced(self):
        self.some_records()
        target = os.path.join(self.backups, "b.db")
        with open(target, "wb") as f:
            f.write(b"yesterday")
        r = self.refused(CONFLICT, "backup", target, message="already exists")
        self.assertIn("--force", r.err)
        with open(target, "rb") as f:
            self.assertEqual(f.read(), b"yesterday")
        self.assertEqual(os.listdir(self.backups), ["b.db"])
        self.ok("backup", target, "--force")
        self.assertEqual(table_rows(target), table_rows(self.db))
        self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0o600)

    def test_a_missing_folder_or_the_database_itself_is_refused(self):
        self.some_records()
        missing = os.path.join(self.dir, "nowhere", "b.db")
        r = self.refused(NOT_FOUND, "backup", missing, message="no folder")
        self.assertIn("mkdir -p", r.err)
        self.assertFalse(os.path.exists(os.path.dirname(missing)))
        self.refused(USAGE, "backup", self.db, "--force", message="the database itself")
        self.refused(USAGE, "backup", message="FILE")

    def test_force_never_replaces_a_device_or_a_link(self):
        self.some_records()
        real = os.path.join(self.dir, "real.db")
        with open(real, "wb") as f:
            f.write(b"yesterday")
        link = os.path.join(self.dir, "link.db")
        os.symlink(real, link)
        for target in ("/dev/null", link):
            with self.subTest(target=target):
                self.refused(USAGE, "backup", target, "--force", message="not a regular file")
        self.assertTrue(stat.S_ISCHR(os.stat("/dev/null").st_mode))
        self.assertTrue(os.path.islink(link))
        with open(real, "rb") as f:
            self.assertEqual(f.read(), b"yesterday")

    def test_a_backup_while_another_process_writes_is_a_consistent_snapshot(self):
        self.some_records()
        stop = os.path.join(self.dir, "stop")
        writer = subprocess.Popen([sys.executable, "-c", WRITER, self.db, stop, "400"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.time() + 60
            while query(self.db, "SELECT count(*) FROM clinicians")[0][0] < 80 and time.time() < deadline:
                time.sleep(0.02)
            before = query(self.db, "SELECT count(*) FROM clinicians")[0][0]
            target = os.path.join(self.backups, "during.db")
            self.ok("backup", target)
            open(stop, "w").close()
            out, err = writer.communicate(timeout=120)
        finally:
            if writer.poll() is None:
                writer.kill()
                writer.wait()
        self.assertEqual(writer.returncode, 0, err)  # the writer never failed with "database is locked"
        after = query(self.db, "SELECT count(*) FROM clinicians")[0][0]
        self.assertEqual(after, int(out) + 1)
        self.assertEqual(query(target, "PRAGMA integrity_check"), [("ok",)])
        copied = query(target, "SELECT count(*) FROM clinicians")[0][0]
        self.assertTrue(before <= copied < after, (before, copied, after))
        # A snapshot: the copied writer rows are exactly the first ones, with no gap.
        names = {r[0] for r in query(target, "SELECT name FROM clinicians WHERE name LIKE 'Writer %'")}
        self.assertEqual(names, {f"Writer {n}" for n in range(copied - 1)})


class RestoreTest(IopTestCase):
    def setUp(self):
        super().setUp()
        self.file = os.path.join(self.dir, "iop-2026-11-27.db")

    def backup_with_records(self):
        """A backup holding a clinician, two clients (one with accents) and a session."""
        dana = self.add_clinician("Dana Reyes")
        zoe = self.enroll("Zoë", "O'Brien-Núñez")
        self.enroll("Robert'); DROP TABLE clients;--", "Tables")
        self.attended("--type", "individual", "--clinician", str(dana), "--client", str(zoe),
                      "--start", "2026-11-23 10:00")
        self.ok("backup", self.file)
        return table_rows(self.file)

    def use_new_database(self):
        self.db = os.path.join(self.dir, "other", "iop.db")
        self.env["IOP_DB"] = self.db

    def test_restore_into_a_new_database(self):
        rows = self.backup_with_records()
        self.use_new_database()
        r = self.ok("restore", self.file)
        self.assertIn(f"Restored {self.file} into {self.db}", r.out)
        self.assertIn("2 clients, 1 sessions, 1 clinicians", r.out)
        self.assertEqual(table_rows(self.db), rows)
        self.assertEqual(stat.S_IMODE(os.stat(self.db).st_mode), 0o600)
        names = [(c["first_name"], c["last_name"]) for c in self.ok_json("client", "list")]
        self.assertIn(("Zoë", "O'Brien-Núñez"), names)
        self.assertIn(("Robert'); DROP TABLE clients;--", "Tables"), names)
        log = self.ok_json("audit", "log", "--limit", "1")[0]
        self.assertEqual((log["action"], log["record_kind"], log["command"]),
                         ("restore", "database", "restore iop-2026-11-27.db"))
        # The restored database is a working one: it takes new records.
        self.enroll("Ana")
        self.assertEqual(len(self.ok_json("client", "list")), 3)

    def test_restore_json_into_an_initialised_empty_database(self):
        self.backup_with_records()
        self.use_new_database()
        self.ok("init")
        j = self.ok_json("restore", self.file)
        latest = query(self.db, "PRAGMA user_version")[0][0]
        self.assertEqual(j, {"database": self.db, "restored_from": self.file, "size": os.path.getsize(self.db),
                             "backup_schema_version": latest, "schema_version": latest,
                             "clinicians": 1, "clients": 2, "sessions": 1, "safety_copy": None})

    def test_a_database_with_records_is_replaced_only_with_force_and_kept(self):
        rows = self.backup_with_records()
        self.enroll("Later")  # a record the backup does not have
        current = table_rows(self.db)
        r = self.refused(CONFLICT, "restore", self.file, message="holds 3 clients, 1 sessions and 1 clinicians")
        self.assertIn("--force", r.err)
        r = self.ok("restore", self.file, "--force")
        safety = self.db + ".before-restore-20261127T170000Z"
        self.assertIn(f"kept as {safety}", r.err)
        self.assertEqual(table_rows(self.db), rows)
        self.assertEqual(table_rows(safety), current)
        self.assertEqual(stat.S_IMODE(os.stat(safety).st_mode), 0o600)
        # A second restore in the same second keeps both safety copies.
        j = self.ok_json("restore", self.file, "--force")
        self.assertEqual(j["safety_copy"], safety + "-2")
        self.assertTrue(os.path.exists(safety))

    def test_a_busy_database_is_left_as_it_was(self):
        self.backup_with_records()
        self.enroll("Later")
        holder = sqlite3.connect(self.db, isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")
            r = self.refused(BUSY, "restore", self.file, "--force", env={"IOP_BUSY_TIMEOUT_MS": "200"})
            self.assertIn("safe to", r.err)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        # Nothing was replaced, so no safety copy is left either.
        self.assertEqual(sorted(f for f in os.listdir(os.path.dirname(self.db)) if "before-restore" in f), [])
        self.ok("restore", self.file, "--force")

    def test_an_older_backup_is_restored_then_upgraded(self):
        with open(os.path.join(SOURCE_DIR, "tests/e2e/fixtures/schema-v1.sql"), encoding="utf-8") as f:
            script = f.read()
        con = sqlite3.connect(self.file, isolation_level=None)
        con.executescript(script)
        con.execute("INSERT INTO clinicians (name, credential, timezone, created_at) "
                    "VALUES ('Dana Reyes', 'LMFT', 'America/Los_Angeles', '2026-01-05T17:00:00Z')")
        con.close()
        j = self.ok_json("restore", self.file)
        latest = int(re.search(r"schema (\d+)", self.ok("--version").out).group(1))
        self.assertEqual((j["backup_schema_version"], j["schema_version"]), (1, latest))
        self.assertEqual(query(self.db, "PRAGMA user_version")[0][0], latest)
        self.assertEqual([c["name"] for c in self.ok_json("clinician", "list")], ["Dana Reyes"])

    def test_files_that_cannot_be_restored(self):
        self.backup_with_records()
        self.use_new_database()
        text = os.path.join(self.dir, "notes.txt")
        with open(text, "w") as f:
            f.write("not a database\n" * 200)
        self.refused(USAGE, "restore", text, message="not an SQLite database")
        self.refused(NOT_FOUND, "restore", os.path.join(self.dir, "missing.db"), message="no file")
        other = os.path.join(self.dir, "other.db")
        query(other, "CREATE TABLE t (x)")
        self.refused(USAGE, "restore", other, message="not an iop database")
        # A bad file creates no database.
        self.assertFalse(os.path.exists(self.db))

    def test_a_damaged_backup_is_refused(self):
        self.backup_with_records()
        root, = query(self.file, "SELECT rootpage FROM sqlite_master WHERE name = 'clients'")[0]
        page_size = query(self.file, "PRAGMA page_size")[0][0]
        with open(self.file, "r+b") as f:
            f.seek((root - 1) * page_size + 8)  # the cell pointers of the clients table's page
            f.write(b"\xff" * 16)
        self.use_new_database()
        self.refused(USAGE, "restore", self.file, "--force", message="damaged")

    def test_a_backup_from_a_newer_iop_is_refused(self):
        self.backup_with_records()
        query(self.file, "PRAGMA user_version = 999")
        r = self.refused(USAGE, "restore", self.file, "--force", message="newer than this iop understands")
        self.assertIn("upgrade iop", r.err)
