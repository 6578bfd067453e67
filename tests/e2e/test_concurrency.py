"""Concurrency: several `iop` processes at once against one database (WAL) for a while: scheduling
overlapping sessions with the same clinicians and clients, attending, writing and signing notes,
building claims and exporting batches. Afterwards no write that was reported done is missing, no
clinician or client is double-booked, every exported claim is in exactly one batch, and no process
failed with a raw SQLite message (iop's own busy message, exit 5, is allowed and counted).

The busy timeout is iop's default (5 s, Database::k_default_busy_timeout_ms): what a practice gets."""

import collections
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
import unittest

import fault_fixtures as F

SECONDS = 18
BUSY_MESSAGE = "iop: error: the database is locked by another iop process"
# Words that only a raw SQLite error would put on stderr.
RAW = ("sqlite", "database is locked", "disk i/o error", "database error:", "database table is locked",
       "constraint failed", "internal error", "terminate called")
DAYS = ("2026-11-23", "2026-11-24", "2026-11-25")


class Recorder:
    """What every process did: kind -> exit code counts, and the ids the successful ones printed."""

    def __init__(self):
        self.lock = threading.Lock()
        self.codes = collections.defaultdict(collections.Counter)
        self.failures = []  # (kind, args, code, stderr) that break the rules
        self.busy = 0
        self.sessions = {}  # id -> clinician
        self.attended = set()
        self.notes = {}  # note id -> session id
        self.signed = set()
        self.claims = set()
        self.batches = {}  # number -> claim count

    def run(self, env, kind, *args, stdin=None):
        proc = F.run_iop(env, *args, stdin=stdin, timeout=120)
        err = proc.stderr
        with self.lock:
            self.codes[kind][proc.returncode] += 1
            bad = proc.returncode not in (0, 4, 5)
            raw = [line for line in err.splitlines() if line != BUSY_MESSAGE and
                   any(word in line.lower() for word in RAW)]
            if proc.returncode == 5:
                self.busy += 1
                bad = bad or BUSY_MESSAGE not in err
            if bad or raw:
                self.failures.append((kind, args, proc.returncode, err))
        return proc


def scheduler(env, rec, stop, seed, clinicians, clients):
    rnd = random.Random(seed)
    while not stop.is_set():
        clinician, client = rnd.choice(clinicians), rnd.choice(clients)
        start = f"{rnd.choice(DAYS)} {rnd.randrange(9, 12):02d}:{rnd.choice(('00', '30'))}"
        p = rec.run(env, "schedule", "-q", "session", "schedule", "--type", "individual", "--clinician",
                    str(clinician), "--client", str(client), "--start", start, "--minutes", "53")
        if p.returncode == 0:
            with rec.lock:
                rec.sessions[int(p.stdout.split()[0])] = clinician


def documenter(env, rec, stop, seed):
    """Attends a booked session, writes its note and signs it (several workers may pick the same one)."""
    rnd = random.Random(seed)
    while not stop.is_set():
        with rec.lock:
            todo = sorted(rec.sessions.items())
        if not todo:
            time.sleep(0.05)
            continue
        sid, clinician = rnd.choice(todo)
        p = rec.run(env, "attend", "session", "attend", str(sid))
        if p.returncode == 0:
            with rec.lock:
                rec.attended.add(sid)
        p = rec.run(env, "note add", "-q", "note", "add", str(sid), "--file", "-", stdin=F.NOTE_BODY + "\n")
        if p.returncode != 0:
            continue
        note = int(p.stdout)
        with rec.lock:
            rec.notes[note] = sid
        p = rec.run(env, "note sign", "note", "sign", str(note), "--by", str(clinician))
        if p.returncode == 0:
            with rec.lock:
                rec.signed.add(note)


def builder(env, rec, stop):
    while not stop.is_set():
        p = rec.run(env, "claim build", "-q", "claim", "build")
        if p.returncode == 0:
            with rec.lock:
                rec.claims.update(int(x) for x in p.stdout.split())
        time.sleep(0.3)


def exporter(env, rec, stop, outbox):
    while not stop.is_set():
        p = rec.run(env, "claim export", "claim", "export", "--x12", "--since-last", "--out-dir", outbox)
        m = re.search(r"batch (\d+): (\d+) claims?", p.stderr)
        if p.returncode == 0 and m:
            with rec.lock:
                rec.batches[int(m.group(1))] = int(m.group(2))
        time.sleep(0.5)


class ConcurrencyTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="iop-concurrency-")
        self.env, pairs = F.build_practice(self.dir, clinicians=3, clients=6)
        self.clinicians = sorted({c for _, c, _ in pairs})
        self.clients = [c for c, _, _ in pairs]
        self.outbox = os.path.join(self.dir, "outbox")
        os.mkdir(self.outbox)

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def sql(self, query, *params):
        return F.query(self.env["IOP_DB"], query, *params)

    def test_many_processes_at_once_lose_nothing_double_book_nothing_and_never_fail_raw(self):
        rec, stop = Recorder(), threading.Event()
        workers = [threading.Thread(target=scheduler, args=(self.env, rec, stop, n, self.clinicians, self.clients))
                   for n in range(3)]
        workers += [threading.Thread(target=documenter, args=(self.env, rec, stop, 10 + n)) for n in range(2)]
        workers += [threading.Thread(target=builder, args=(self.env, rec, stop)),
                    threading.Thread(target=exporter, args=(self.env, rec, stop, self.outbox))]
        started = time.monotonic()
        for w in workers:
            w.start()
        time.sleep(SECONDS)
        stop.set()
        for w in workers:
            w.join()
        elapsed = time.monotonic() - started
        # One last build and export pick up whatever was signed at the end.
        for kind, args in (("claim build", ("-q", "claim", "build")),
                           ("claim export", ("claim", "export", "--x12", "--since-last", "--out-dir", self.outbox))):
            p = rec.run(self.env, kind, *args)
            if kind == "claim build" and p.returncode == 0:
                rec.claims.update(int(x) for x in p.stdout.split())
            m = re.search(r"batch (\d+): (\d+) claims?", p.stderr)
            if m:
                rec.batches[int(m.group(1))] = int(m.group(2))

        summary = ", ".join(f"{kind} {sum(c.values())} {dict(sorted(c.items()))}" for kind, c in sorted(rec.codes.items()))
        F.note(f"concurrency: {len(workers)} workers for {elapsed:.1f} s: {summary}; busy (exit 5): {rec.busy}; "
               f"sessions {len(rec.sessions)}, notes signed {len(rec.signed)}, claims {len(rec.claims)}, "
               f"batches {len(rec.batches)}")
        self.assertEqual(rec.failures, [], "processes failed outside {0, 4, 5} or showed a raw SQLite message")
        checks, fk = F.integrity(self.env["IOP_DB"])
        self.assertEqual((checks, fk), (["ok"], []))

        # No lost write: every id a process printed is there, in the state it reported.
        stored = dict(self.sql("SELECT id, clinician_id FROM sessions"))
        self.assertEqual({s: stored.get(s) for s in rec.sessions}, rec.sessions)
        attended = {r[0] for r in self.sql("SELECT id FROM sessions WHERE status = 'attended'")}
        self.assertLessEqual(rec.attended, attended)
        notes = dict(self.sql("SELECT id, session_id FROM notes"))
        self.assertEqual({n: notes.get(n) for n in rec.notes}, rec.notes)
        signed = {r[0] for r in self.sql("SELECT id FROM notes WHERE signed_at IS NOT NULL")}
        self.assertLessEqual(rec.signed, signed)
        self.assertLessEqual(rec.claims, {r[0] for r in self.sql("SELECT id FROM claims")})
        self.assertEqual(dict(self.sql("SELECT id, claim_count FROM claim_batches")), rec.batches)
        self.assertGreater(len(rec.sessions), 0)

        # Nobody double-booked among the sessions that still stand.
        self.assertEqual(self.sql(
            "SELECT a.id, b.id FROM sessions a JOIN sessions b ON a.id < b.id AND a.clinician_id = b.clinician_id "
            "AND a.start_utc < b.end_utc AND b.start_utc < a.end_utc "
            "WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'"), [])
        self.assertEqual(self.sql(
            "SELECT pa.client_id, a.id, b.id FROM session_participants pa JOIN sessions a ON a.id = pa.session_id "
            "JOIN session_participants pb ON pb.client_id = pa.client_id AND pb.session_id > pa.session_id "
            "JOIN sessions b ON b.id = pb.session_id "
            "WHERE a.start_utc < b.end_utc AND b.start_utc < a.end_utc "
            "AND a.status <> 'cancelled' AND b.status <> 'cancelled'"), [])

        # Every exported claim in exactly one batch, no draft in a batch, each session billed once.
        self.assertEqual(self.sql(
            "SELECT c.id, COUNT(b.batch_id) FROM claims c LEFT JOIN claim_batch_claims b ON b.claim_id = c.id "
            "GROUP BY c.id HAVING (c.status = 'exported') <> (COUNT(b.batch_id) = 1) OR COUNT(b.batch_id) > 1"), [])
        self.assertEqual(self.sql(
            "SELECT b.id FROM claim_batches b WHERE b.claim_count <> "
            "(SELECT COUNT(*) FROM claim_batch_claims c WHERE c.batch_id = b.id)"), [])
        self.assertEqual(self.sql(
            "SELECT session_id, slot FROM claim_line_sessions WHERE released = 0 GROUP BY session_id, slot "
            "HAVING COUNT(*) > 1"), [])
        # Every batch file is the stored batch, byte for byte.
        for number, in self.sql("SELECT id FROM claim_batches"):
            path = os.path.join(self.outbox, f"claims-batch-{number:06d}.837")
            with open(path, "rb") as f:
                self.assertEqual(f.read(), self.sql("SELECT content FROM claim_batches WHERE id = ?", number)[0][0])
        # With everything signed and built at the end, what was billable went out.
        self.assertEqual(self.sql("SELECT COUNT(*) FROM claims WHERE status = 'draft'"), [(0,)])


if __name__ == "__main__":
    unittest.main()
