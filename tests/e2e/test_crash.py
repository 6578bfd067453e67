"""Crash safety: `iop` killed with SIGKILL in the middle of a large client import, a claim build
and an 837P export leaves a sound database (PRAGMA integrity_check), all of the command's work or
none of it, and a rerun ends in exactly the state of an uninterrupted run on the same start.

Each command is first run to the end on a copy of the starting database to measure how long it
takes and what it leaves; then it is killed at 10%, 50% and 90% of that time on fresh copies.
Every run uses the same folder and the same fixed clock, so equal digests mean equal databases."""

import glob
import os
import shutil
import tempfile
import unittest

import fault_fixtures as F

FRACTIONS = (0.1, 0.5, 0.9)


class CrashCase(unittest.TestCase):
    """A template database per class (cls.template); each run copies it into cls.work."""

    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="iop-crash-")
        cls.work = os.path.join(cls.root, "work")
        cls.template = os.path.join(cls.root, "template.db")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.root, ignore_errors=True)

    def fresh(self):
        """cls.work holds only a copy of the template database (and the config); returns its env."""
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(os.path.join(self.work, "outbox"))
        env = F.base_env(self.work)
        shutil.copyfile(os.path.join(self.root, "config.toml"), env["IOP_CONFIG"])
        F.copy_db(self.template, env["IOP_DB"])
        return env

    def assert_sound(self, db):
        checks, fk = F.integrity(db)
        self.assertEqual(checks, ["ok"])
        self.assertEqual(fk, [])

    def reference(self, args):
        """Runs the command to the end once: (seconds, digest of the database after it)."""
        env = self.fresh()
        proc, seconds = F.timed_run(env, args)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return env, seconds, F.digest(env["IOP_DB"])

    def left_nothing(self, env, args, rerun):
        """The state a kill left when nothing was committed: exactly the start. Reruns the command
        when asked (a slow command is rerun once, a quick one after every kill)."""
        self.assertEqual(F.digest(env["IOP_DB"]), F.digest(self.template), "a killed run changed the database")
        if rerun:
            proc = F.run_iop(env, *args)
            self.assertEqual(proc.returncode, 0, proc.stderr)
        return rerun

    def kill_at(self, args, seconds, fraction):
        """Kills a run on a fresh copy at `fraction` of `seconds`; checks integrity."""
        env = self.fresh()
        killed, code, _ = F.run_and_kill(env, args, seconds * fraction)
        if not killed:
            self.assertEqual(code, 0)
        F.note(f"{self.id().split('.')[-1]}: kill at {fraction:.0%} of {seconds:.2f} s: "
               f"{'killed while running' if killed else 'had already finished'}")
        self.assert_sound(env["IOP_DB"])
        return env, killed


class ImportCrashTest(CrashCase):
    # 10,000 rows, not more: the import is superlinear today (20,000 rows take ~4x as long).
    ROWS = F.scaled(10000, 2000)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with open(os.path.join(cls.root, "config.toml"), "w", encoding="utf-8") as f:
            f.write(F.CONFIG_TEXT)
        env = F.base_env(cls.root)
        env["IOP_DB"] = cls.template
        F.checked(env, "-q", "clinician", "add", "--name", "Dana Reyes", "--credential", "LMFT", "--role",
                  "individual")
        cls.csv = os.path.join(cls.root, "clients.csv")
        with open(cls.csv, "w", encoding="utf-8") as f:
            f.write("first_name,last_name,dob,sex,clinician,admit,diagnoses,address,city,state,zip\n")
            for i in range(cls.ROWS):
                last = "O'Brien-Núñez" if i % 7 == 0 else "Robert'); DROP TABLE clients;--" if i % 11 == 0 else "Reed"
                f.write(f"Zoë{i},\"{last}\",19{50 + i % 50}-0{1 + i % 9}-{1 + i % 28:02d},F,1,2026-11-02,"
                        f"F43.23;F41.1,{i} Main St,Portland,OR,97201\n")
        F.checkpoint(cls.template)

    def test_a_killed_import_stores_every_row_or_none_and_a_rerun_completes_it(self):
        args = ["client", "import", self.csv]
        _, seconds, expected = self.reference(args)
        F.note(f"client import of {self.ROWS} rows: {seconds:.2f} s uninterrupted")
        hits, completed = 0, 0
        for fraction in FRACTIONS:
            env, killed = self.kill_at(args, seconds, fraction)
            hits += killed
            db = env["IOP_DB"]
            clients = F.query(db, "SELECT COUNT(*) FROM clients")[0][0]
            self.assertIn(clients, (0, self.ROWS), f"a killed import left {clients} of {self.ROWS} clients")
            diagnoses = F.query(db, "SELECT COUNT(*) FROM client_diagnoses")[0][0]
            audit = F.query(db, "SELECT COUNT(*) FROM audit_log WHERE record_kind = 'client'")[0][0]
            self.assertEqual((diagnoses, audit), (2 * clients, clients))
            if clients == 0 and not self.left_nothing(env, args, rerun=completed == 0):
                continue  # the import is slow: one rerun shows it completes
            completed += 1
            self.assertEqual(F.digest(db), expected, "the rerun did not end where an uninterrupted import does")
        self.assertGreaterEqual(hits, 1, "no kill landed while the import was running")
        self.assertGreaterEqual(completed, 1)


class BuildCrashTest(CrashCase):
    SESSIONS = F.scaled(8000, 1500)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env, pairs = F.build_practice(cls.root)
        F.add_signed_sessions(env["IOP_DB"], pairs, cls.SESSIONS)
        F.checkpoint(env["IOP_DB"])
        shutil.copyfile(env["IOP_DB"], cls.template)

    def test_a_killed_build_stores_every_claim_or_none_and_a_rerun_completes_it(self):
        args = ["claim", "build"]
        env, seconds, expected = self.reference(args)
        full = F.query(env["IOP_DB"], "SELECT COUNT(*) FROM claims")[0][0]
        self.assertEqual(full, self.SESSIONS)
        F.note(f"claim build of {self.SESSIONS} sessions: {seconds:.2f} s uninterrupted")
        hits = 0
        for fraction in FRACTIONS:
            env, killed = self.kill_at(args, seconds, fraction)
            hits += killed
            db = env["IOP_DB"]
            claims = F.query(db, "SELECT COUNT(*) FROM claims")[0][0]
            self.assertIn(claims, (0, full), f"a killed build left {claims} of {full} claims")
            self.assertEqual(F.query(db, "SELECT COUNT(*) FROM claims c WHERE NOT EXISTS "
                                         "(SELECT 1 FROM claim_lines l WHERE l.claim_id = c.id)")[0][0], 0)
            self.assertEqual(F.query(db, "SELECT COUNT(*) FROM claim_lines l WHERE NOT EXISTS "
                                         "(SELECT 1 FROM claim_line_sessions s WHERE s.line_id = l.id)")[0][0], 0)
            self.assertEqual(F.query(db, "SELECT COUNT(*) FROM claim_lines")[0][0], claims)
            self.assertEqual(F.query(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'build'")[0][0], claims)
            if claims == 0:
                self.left_nothing(env, args, rerun=True)
            self.assertEqual(F.digest(db), expected, "the rerun did not end where an uninterrupted build does")
        # Built once, never twice: another run finds nothing left to bill.
        proc = F.run_iop(env, *args)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("nothing to bill", proc.stderr)
        self.assertEqual(F.digest(db), expected)
        self.assertGreaterEqual(hits, 1, "no kill landed while the build was running")


class ExportCrashTest(CrashCase):
    # Large enough that a kill at 10, 50 or 90 % lands while the batch is written.
    SESSIONS = F.scaled(4000, 800)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env, pairs = F.build_practice(cls.root)
        F.add_signed_sessions(env["IOP_DB"], pairs, cls.SESSIONS)
        F.checked(env, "-q", "claim", "build")
        F.checkpoint(env["IOP_DB"])
        shutil.copyfile(env["IOP_DB"], cls.template)

    def outbox_files(self):
        return sorted(os.listdir(os.path.join(self.work, "outbox")))

    def test_a_killed_export_records_a_batch_with_its_claims_or_nothing_and_a_rerun_completes_it(self):
        out = os.path.join(self.work, "outbox", "claims.837")
        args = ["claim", "export", "--x12", "--since-last", "--out", out]
        env, seconds, expected = self.reference(args)
        with open(out, "rb") as f:
            expected_bytes = f.read()
        self.assertEqual(F.query(env["IOP_DB"], "SELECT content FROM claim_batches WHERE id = 1")[0][0], expected_bytes)
        self.assertEqual(self.outbox_files(), ["claims.837"])
        F.note(f"claim export of {self.SESSIONS} claims ({len(expected_bytes)} bytes): {seconds:.2f} s uninterrupted")
        hits, leftovers = 0, 0
        for fraction in FRACTIONS + (0.97,):  # late too: after the commit, before the rename
            env, killed = self.kill_at(args, seconds, fraction)
            hits += killed
            db = env["IOP_DB"]
            batches = F.query(db, "SELECT COUNT(*) FROM claim_batches")[0][0]
            exported = F.query(db, "SELECT COUNT(*) FROM claims WHERE status = 'exported'")[0][0]
            in_batches = F.query(db, "SELECT COUNT(*) FROM claim_batch_claims")[0][0]
            self.assertIn(batches, (0, 1))
            self.assertEqual(exported, in_batches, "a claim marked exported without its batch, or the reverse")
            self.assertEqual(exported, self.SESSIONS if batches else 0)
            self.assertEqual(F.query(db, "SELECT COUNT(*) FROM claims c JOIN claim_batch_claims b ON b.claim_id = c.id "
                                         "WHERE c.status <> 'exported'")[0][0], 0)
            # A temporary file of the killed process may stay behind (nothing can remove it after
            # SIGKILL): hidden, named after the target, never mistaken for a batch.
            temps = [f for f in self.outbox_files() if f.startswith(".claims.837.tmp-")]
            leftovers += len(temps)
            others = [f for f in self.outbox_files() if f not in temps]
            self.assertIn(others, ([], ["claims.837"]))
            if others:
                self.assertEqual(batches, 1, "the file is there but no batch was recorded")
                with open(out, "rb") as f:
                    self.assertEqual(f.read(), expected_bytes, "a half-written batch file")
            if batches == 0:
                self.assertFalse(os.path.exists(out))
                self.left_nothing(env, args, rerun=True)
            elif not others:
                # Recorded, then killed before the rename: the batch is written again from its bytes.
                F.note(f"kill at {fraction:.0%}: batch recorded, file not yet renamed into place")
                proc = F.run_iop(env, "claim", "export", "--x12", "--batch", "1", "--out", out)
                self.assertEqual(proc.returncode, 0, proc.stderr)
            with open(out, "rb") as f:
                self.assertEqual(f.read(), expected_bytes)
            self.assertEqual(F.digest(db), expected, "the rerun did not end where an uninterrupted export does")
            proc = F.run_iop(env, *args[:-2], "--out", out + ".again")
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertIn("no new claims to export", proc.stderr)
            self.assertFalse(os.path.exists(out + ".again"))
        F.note(f"export: {leftovers} temporary file(s) left behind by {hits} killed run(s)")
        self.assertGreaterEqual(hits, 1, "no kill landed while the export was running")


if __name__ == "__main__":
    unittest.main()
