"""Shared helpers for the fault tests (crash, concurrency, storage faults): a billing practice built
once per test class through `iop` itself, thousands of attended, signed sessions bulk-inserted
with the exact columns iop writes, processes killed with SIGKILL on a timer, and the invariants
checked afterwards with Python's sqlite3."""

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

from billing_config import CONFIG_TEXT  # noqa: F401 (the fault tests read it as F.CONFIG_TEXT)
from iop_test import IOP_BIN

# The sanitized build runs about 5x slower: the data shrinks so each file stays near a minute.
SANITIZED = os.environ.get("IOP_SANITIZE", "").upper() in ("1", "ON", "TRUE", "YES")

NOW = "2026-11-27T17:00:00Z"

NOTE_BODY = "S: slept better\nO: calm\nA: improving\nP: continue weekly"


def scaled(normal, sanitized):
    return sanitized if SANITIZED else normal


def base_env(folder):
    """The environment IopTestCase gives iop, rooted at `folder`."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": folder,
        "XDG_DATA_HOME": os.path.join(folder, "xdg-data"),
        "XDG_CONFIG_HOME": os.path.join(folder, "xdg-config"),
        "IOP_DB": os.path.join(folder, "iop.db"),
        "IOP_CONFIG": os.path.join(folder, "config.toml"),
        "IOP_USER": "tester",
        "IOP_NOW": NOW,
        "TZ": "America/Los_Angeles",
        "LANG": "C.UTF-8",
    }
    for key in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if key in os.environ:
            env[key] = os.environ[key]
    return env


def run_iop(env, *args, stdin=None, timeout=300, **popen):
    proc = subprocess.run([IOP_BIN, *args], input=stdin, capture_output=True, text=True, env=env,
                          timeout=timeout, **popen)
    return proc


def checked(env, *args, **kwargs):
    proc = run_iop(env, *args, **kwargs)
    if proc.returncode != 0:
        raise AssertionError(f"iop {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")
    return proc.stdout


def npi(n):
    """A valid 10-digit NPI (Luhn over the 80840 prefix) from a small number."""
    base = f"1{n:08d}"
    digits = [int(d) for d in "80840" + base]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return base + str((10 - total % 10) % 10)


def note_sha256(note_id, session_id, client_id, clinician_id, signed_at, body):
    """lib/notes.cpp's note_signed_content, hashed: what `note sign` stores."""
    content = (f"iop-note-v1\nnote:{note_id}\nsession:{session_id}\nclient:{client_id}\ntemplate:soap\n"
               f"signed_by:{clinician_id}\nsigned_at:{signed_at}\n\n{body}")
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def utc(day_index, minute_of_day):
    """RFC 3339 UTC text for a day counted from 2025-12-01 and a minute of that (UTC) day."""
    import datetime
    t = datetime.datetime(2025, 12, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(
        days=day_index, minutes=minute_of_day)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_practice(folder, clinicians=4, clients=40):
    """Config, clinicians (with NPIs), clients (imported), one payer and each client's coverage,
    all through iop. Returns (env, [(client_id, clinician_id, hour slot)])."""
    os.makedirs(folder, exist_ok=True)
    env = base_env(folder)
    with open(env["IOP_CONFIG"], "w", encoding="utf-8") as f:
        f.write(CONFIG_TEXT)
    for c in range(1, clinicians + 1):
        name = "Zoë O'Brien-Núñez" if c == 1 else f"Clinician {c}"
        checked(env, "-q", "clinician", "add", "--name", name, "--credential", "LMFT", "--role",
                "individual,couples,group", "--npi", npi(c))
    rows = ["first,last,dob,sex,clinician,admit,diagnoses,address,city,state,zip"]
    for i in range(1, clients + 1):
        last = "Robert'); DROP TABLE clients;--" if i == 2 else f"Reed{i}"
        rows.append(f"Ana{i},\"{last}\",1985-02-{1 + i % 28:02d},F,{1 + i % clinicians},2025-11-02,F43.23,"
                    f"{i} Main St,Portland,OR,97201")
    csv_path = os.path.join(folder, "clients.csv")
    with open(csv_path, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    checked(env, "client", "import", csv_path)
    checked(env, "-q", "payer", "add", "--name", "Aetna PPO", "--payer-id", "60054")
    for i in range(1, clients + 1):
        checked(env, "-q", "coverage", "add", str(i), "--payer", "1", "--member-id", f"W{i:05d}",
                "--from", "2025-11-01")
    return env, [(i, 1 + i % clinicians, i // clinicians) for i in range(1, clients + 1)]


def add_signed_sessions(db_path, pairs, sessions, first_day=0, created_at=NOW):
    """Bulk-inserts `sessions` attended individual sessions (53 minutes, video) with a signed SOAP
    note each, in one transaction, writing exactly the columns `session schedule`, `session attend`,
    `note add` and `note sign` write (lib/session_store.cpp, lib/note_store.cpp). A client has at
    most one session a day and a clinician's clients each get their own hour, so nothing overlaps.
    The audit rows of those commands are left out (the audit chain is not under test here).
    Returns the session ids."""
    con = sqlite3.connect(db_path)
    ids = []
    try:
        con.execute("BEGIN IMMEDIATE")
        per_day = len(pairs)
        for n in range(sessions):
            client, clinician, slot = pairs[n % per_day]
            day = first_day + n // per_day
            minute = 15 * 60 + slot * 60  # 07:00 Los Angeles onwards, one hour per client of a clinician
            start, end = utc(day, minute), utc(day, minute + 53)
            cur = con.execute(
                "INSERT INTO sessions (type, clinician_id, client_id, couple_id, group_id, start_utc, end_utc, "
                "timezone, modality, link, note_text, status, series_id, created_at, actual_start_utc, "
                "actual_end_utc, patient_present) VALUES ('individual', ?, ?, NULL, NULL, ?, ?, "
                "'America/Los_Angeles', 'video', NULL, NULL, 'attended', NULL, ?, ?, ?, 1)",
                (clinician, client, start, end, created_at, start, end))
            sid = cur.lastrowid
            ids.append(sid)
            con.execute("INSERT INTO session_participants (session_id, client_id, attendance) VALUES (?, ?, 'present')",
                        (sid, client))
            con.execute("INSERT INTO session_history (session_id, at, action, old_start_utc, old_end_utc, old_status) "
                        "VALUES (?, ?, 'attend', ?, ?, 'scheduled')", (sid, created_at, start, end))
            cur = con.execute("INSERT INTO notes (session_id, client_id, template, body, author, created_at, updated_at) "
                              "VALUES (?, ?, 'soap', ?, 'tester', ?, ?)", (sid, client, NOTE_BODY, created_at, created_at))
            note = cur.lastrowid
            con.execute("UPDATE notes SET signed_by = ?, signed_at = ?, content_sha256 = ? WHERE id = ?",
                        (clinician, created_at, note_sha256(note, sid, client, clinician, created_at, NOTE_BODY), note))
        con.execute("COMMIT")
    finally:
        con.close()
    return ids


def copy_db(src, dst):
    """Copies a database with its -wal file (if any) so the copy is the same database."""
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
        if os.path.exists(src + suffix):
            shutil.copyfile(src + suffix, dst + suffix)


def checkpoint(db_path):
    """Folds the WAL into the main file so a plain file copy is the whole database."""
    con = sqlite3.connect(db_path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def integrity(db_path):
    con = sqlite3.connect(db_path)
    try:
        rows = con.execute("PRAGMA integrity_check").fetchall()
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        return [r[0] for r in rows], fk
    finally:
        con.close()


def query(db_path, sql, *params):
    con = sqlite3.connect(db_path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def digest(db_path):
    """Every row of every table: equal digests mean equal databases."""
    con = sqlite3.connect(db_path)
    try:
        h = hashlib.sha256()
        for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            h.update(t.encode())
            for row in sorted(repr(r) for r in con.execute(f'SELECT * FROM "{t}"')):
                h.update(row.encode())
        return h.hexdigest()
    finally:
        con.close()


def timed_run(env, args, stdin=None):
    """Runs iop to the end; returns (CompletedProcess, seconds)."""
    start = time.monotonic()
    proc = run_iop(env, *args, stdin=stdin, timeout=600)
    return proc, time.monotonic() - start


def run_and_kill(env, args, after):
    """Starts iop and sends SIGKILL `after` seconds later. Returns (killed, returncode, seconds):
    killed is False when it had already exited by then."""
    proc = subprocess.Popen([IOP_BIN, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    start = time.monotonic()
    try:
        proc.wait(timeout=after)
        killed = False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed = True
    proc.stderr.close()
    return killed, proc.returncode, time.monotonic() - start


def note(text):
    """A line of figures for the report: stderr, so unittest's own output stays readable."""
    print(f"[fault] {text}", file=sys.stderr, flush=True)


class TempFolder:
    def __init__(self, prefix):
        self.path = tempfile.mkdtemp(prefix=prefix)

    def remove(self):
        shutil.rmtree(self.path, ignore_errors=True)
