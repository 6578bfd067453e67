"""iop audit verify: the audit log's hash chain, checked end to end, including edits made behind
iop's back with the sqlite3 shell."""

import hashlib
import os
import subprocess
import unittest

from iop_test import CONFLICT, IOP_BIN, IopTestCase

GENESIS = "0" * 64


class AuditVerifyTest(IopTestCase):
    def setUp(self):
        super().setUp()
        self.dana = self.add_clinician("Dana Reyes", "LMFT", "individual,couples")
        self.ana = self.enroll("Zoë", "O'Brien-Núñez")
        self.ben = self.enroll("Robert'); DROP TABLE clients;--", "Tables")
        self.ok("client", "update", str(self.ana), "--phone", "555-0100")
        self.pair(self.ana, self.ben, self.dana)
        self.rows = self.sql("SELECT count(*) FROM audit_log")[0][0]

    def shell(self, sql):
        """Runs SQL with the sqlite3 command-line shell, as someone tampering with the file would."""
        subprocess.run(["sqlite3", self.db, sql], check=True, capture_output=True, text=True)

    def broken(self, *args):
        """Runs audit verify, asserts exit 4 with an error and a hint; returns the Result."""
        r = self.fails(CONFLICT, "audit", "verify", *args)
        self.assertIn("hint: restore the database from a backup", r.err)
        return r

    def test_an_untouched_log_verifies(self):
        self.assertGreaterEqual(self.rows, 5)
        head = self.sql("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")[0][0]
        r = self.ok("audit", "verify")
        self.assertEqual(r.out, f"audit log intact: {self.rows} rows, newest #{self.rows}, head {head[:12]}\u2026\n")
        self.assertEqual(r.err, "")
        self.assertEqual(self.ok_json("audit", "verify"),
                         {"ok": True, "rows": self.rows, "newest_id": self.rows, "head": head})
        # Every row is chained to the one before it.
        chain = self.sql("SELECT prev_hash, hash FROM audit_log ORDER BY id")
        self.assertEqual(chain[0][0], GENESIS)
        for (_, before), (prev, _) in zip(chain, chain[1:]):
            self.assertEqual(prev, before)

    def test_verify_changes_nothing(self):
        before = self.db_digest()
        self.ok("audit", "verify")
        self.assertEqual(before, self.db_digest())

    def test_an_empty_log_verifies(self):
        self.env["IOP_DB"] = os.path.join(self.dir, "empty.db")
        self.assertEqual(self.ok("audit", "verify").out, "audit log intact: 0 rows\n")
        self.assertEqual(self.ok_json("audit", "verify"), {"ok": True, "rows": 0, "newest_id": None, "head": GENESIS})

    def test_an_edit_with_the_sqlite3_shell_is_caught(self):
        self.shell("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 3;")
        r = self.broken()
        self.assertIn("iop: error: audit row 3 was altered: its content no longer matches its hash", r.err)
        self.assertEqual(r.out, "")
        r = self.broken("--format", "json")
        self.assertEqual(r.json(), {"ok": False, "first_bad_id": 3, "problem": "altered"})

    def test_a_removed_middle_row_is_named(self):
        self.shell("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;")
        r = self.broken()
        self.assertIn("iop: error: audit row 2 was removed", r.err)
        self.assertEqual(self.broken("--format", "json").json(),
                         {"ok": False, "first_bad_id": 2, "problem": "removed"})

    def test_a_removed_newest_row_is_caught(self):
        self.shell(f"DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = {self.rows};")
        r = self.broken()
        self.assertIn(f"iop: error: audit row {self.rows} was removed", r.err)
        self.assertEqual(self.broken("--format", "json").json(),
                         {"ok": False, "first_bad_id": self.rows, "problem": "removed"})

    def test_a_row_rewritten_with_a_fresh_hash_is_caught(self):
        # Whoever recomputes a row's hash still breaks the next row's link to it.
        row = self.sql("SELECT id, at, actor, command, action, record_kind, record_id, prev_hash "
                       "FROM audit_log WHERE id = 2")[0]
        fields = ["iop-audit-v1", str(row[0]), row[1], "mallory", row[3], row[4]]
        encoded = "".join(f"{len(f.encode())}:{f}" for f in fields)
        encoded += f"{len(row[5])}:{row[5]}" if row[5] is not None else "~"
        encoded += f"{len(str(row[6]))}:{row[6]}" if row[6] is not None else "~"
        encoded += f"64:{row[7]}"
        forged = hashlib.sha256(encoded.encode()).hexdigest()
        self.shell(f"DROP TRIGGER audit_log_no_update; "
                   f"UPDATE audit_log SET actor = 'mallory', hash = '{forged}' WHERE id = 2;")
        r = self.broken()
        self.assertIn("iop: error: audit row 3 was rewritten or moved: it does not follow row 2", r.err)
        self.assertEqual(self.broken("--format", "json").json(),
                         {"ok": False, "first_bad_id": 3, "problem": "reordered"})

    def test_new_rows_still_chain_after_a_failed_command(self):
        self.fails(CONFLICT, "couple", "pair", str(self.ana), str(self.ben), "--therapist", str(self.dana))
        self.enroll("Cal", "Ito")
        self.assertEqual(self.ok_json("audit", "verify")["rows"], self.rows + 1)

    def test_processes_appending_at_once_keep_one_chain(self):
        procs = []
        for p in range(4):
            script = "; ".join(
                f"{IOP_BIN} -q client enroll --first P{p}c{i} --last Reed --dob 1985-02-01 --admit 2026-11-02 "
                f"|| exit 1" for i in range(10))
            procs.append(subprocess.Popen(["sh", "-c", script], env=self.env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.PIPE, text=True))
        for proc in procs:
            _, err = proc.communicate(timeout=300)
            self.assertEqual(proc.returncode, 0, err)
        v = self.ok_json("audit", "verify")
        self.assertEqual(v["rows"], self.rows + 40)
        self.assertEqual(self.sql("SELECT count(*) FROM clients")[0][0], 42)

    def test_a_backup_and_its_restore_verify(self):
        backup = os.path.join(self.dir, "copy.db")
        self.ok("backup", backup)
        self.assertEqual(self.ok_json("audit", "verify", env={"IOP_DB": backup})["rows"], self.rows + 1)
        self.ok("restore", backup, "--force")
        v = self.ok_json("audit", "verify")
        self.assertEqual(v["rows"], self.rows + 2)  # the backup row, then the restore row


if __name__ == "__main__":
    unittest.main()
