"""iop claim export (837P batches, CSV/JSON lines), iop claim batches and examples/nightly-claims.sh:
claims built from a small month are exported once, parsed back, re-emitted byte for byte, and
never put in two batches."""

import hashlib
import os
import sqlite3
import stat
import subprocess
import unittest
from decimal import Decimal

from billing_config import CONFIG_TEXT
from iop_test import IOP_BIN, SOURCE_DIR, IopTestCase
import x12_reader

OK, USAGE, NOT_FOUND, CONFLICT, CONFIG = 0, 2, 3, 4, 6


NOTE = "S: slept better\nO: calm\nA: improving\nP: continue weekly\n"


class ClaimExportCase(IopTestCase):
    def setUp(self):
        super().setUp()
        self.config = self.write_config(CONFIG_TEXT)
        self.env["IOP_CONFIG"] = self.config
        self.dana = self.add_clinician("Dana Reyes", "LMFT", "individual,couples", "--npi", "1245319599")
        self.ana = self.enroll("Ana", "Reed", "2026-11-02", "--diagnosis", "F43.23", "--sex", "F")
        self.ben = self.enroll("Ben", "Reed", "2026-11-02", "--diagnosis", "F41.1", "--sex", "M")
        self.cal = self.enroll("Zoë", "O'Brien-Núñez", "2026-11-02", "--diagnosis", "F32.1")
        self.couple = self.pair(self.ana, self.ben, self.dana)
        self.aetna = self.ok_json("payer", "add", "--name", "Aetna PPO", "--payer-id", "60054")["id"]
        # Ben's employer plan covers both: Ana's subscriber is her spouse.
        for client, extra in ((self.ben, ()), (self.ana, ("--subscriber", f"client:{self.ben}",
                                                          "--relationship", "spouse")), (self.cal, ())):
            self.ok("coverage", "add", str(client), "--payer", str(self.aetna), "--member-id", f"W{client}000",
                    "--from", "2026-11-01", *extra)
        self.outbox = os.path.join(self.dir, "outbox")
        os.mkdir(self.outbox)

    # Builders
    def signed(self, sid, clients=()):
        for extra in ([("--client", str(c)) for c in clients] or [()]):
            note = int(self.ok("-q", "note", "add", str(sid), *extra, "--file", "-", stdin=NOTE).out)
            self.ok("note", "sign", str(note), "--by", str(self.dana))
        return sid

    def individual(self, client, start):
        return self.signed(self.attended("--type", "individual", "--clinician", str(self.dana), "--client",
                                         str(client), "--start", start, "--minutes", "53"))

    def couples(self, start):
        return self.signed(self.attended("--type", "couples", "--clinician", str(self.dana), "--couple",
                                         str(self.couple), "--start", start), (self.ana, self.ben))

    def month(self):
        self.couples("2026-11-09 10:00")
        self.couples("2026-11-16 10:00")
        self.individual(self.cal, "2026-11-10 14:00")
        self.individual(self.cal, "2026-11-17 14:00")

    def build(self):
        r = self.iop("claim", "build")
        if r.code != OK or "not implemented" in r.err:
            self.skipTest(f"iop claim build is not ready: {r}")
        return self.ok_json("claim", "list")

    def export(self, *args, **kwargs):
        return self.iop("claim", "export", *args, **kwargs)

    def read(self, path):
        with open(path, "rb") as f:
            return f.read()

    def draft_ids(self):
        return [c["id"] for c in self.ok_json("claim", "list", "--status", "draft")]


class ExportTest(ClaimExportCase):
    def test_since_last_exports_once_parses_back_and_reemits_byte_for_byte(self):
        self.month()
        built = self.build()
        self.assertGreaterEqual(len(built), 2, built)
        out = os.path.join(self.dir, "batch1.837")
        r = self.export("--x12", "--since-last", "--out", out)
        self.assertEqual(r.code, OK, r)
        self.assertEqual(r.out, "")
        self.assertIn(f"batch 1: {len(built)} claims, $", r.err)
        self.assertIn(f", written to {out}", r.err)
        self.assertEqual(os.stat(out).st_mode & 0o777, 0o600)
        self.assertEqual([f for f in os.listdir(self.dir) if f.startswith(".batch1")], [])
        data = self.read(out)
        text = data.decode("ascii")
        segments = x12_reader.check_structure(text)
        isa = segments[0]
        self.assertEqual(isa[13], "000000001")
        self.assertEqual(next(s for s in segments if s[0] == "GS")[6], "1")
        self.assertEqual(next(s for s in segments if s[0] == "ST")[2], "0001")
        st = next(i for i, s in enumerate(segments) if s[0] == "ST")
        se = next(i for i, s in enumerate(segments) if s[0] == "SE")
        self.assertEqual(segments[se][1], str(se - st + 1))
        claims = x12_reader.claims(text)
        self.assertEqual(sorted(int(c["id"]) for c in claims), sorted(c["id"] for c in built))
        for c in claims:
            self.assertEqual(c["total"], sum(line["charge"] for line in c["lines"]))
            for code in c["diagnoses"]:
                self.assertNotIn(".", code)
        # Ana's claims: Ben is the subscriber, Ana the patient, PAT01 01 (spouse).
        ana = [c for c in claims if c["patient"]["first"] == "ANA"]
        self.assertTrue(ana, claims)
        self.assertEqual((ana[0]["relationship"], ana[0]["subscriber"]["first"]), ("01", "BEN"))
        zoe = [c for c in claims if c["patient"]["first"] == "ZOE"]
        self.assertEqual((zoe[0]["relationship"], zoe[0]["patient"]["last"]), ("18", "OBRIEN-NUNEZ"))
        self.assertEqual(self.draft_ids(), [])
        # The batch is listed, its total the file's; nothing new the second time.
        batches = self.ok_json("claim", "batches")
        total = sum(c["total"] for c in claims)
        self.assertEqual(Decimal(batches[0]["total_cents"]) / 100, total)
        self.assertIn(f"claims, ${total:,.2f}, written", r.err)
        self.assertEqual([(b["number"], b["claim_count"], b["interchange_control"], b["group_control"],
                           b["transaction_control"], b["written_to"]) for b in batches],
                         [(1, len(built), 1, 1, 1, out)])
        self.assertEqual(sorted(batches[0]["claims"]), sorted(c["id"] for c in built))
        self.assertEqual(list(batches[0]), ["number", "created_at", "claim_count", "total_cents", "total",
                                            "interchange_control", "group_control", "transaction_control",
                                            "usage", "content_sha256", "written_to", "claims"])
        self.assertIn("ISA13/GS06/ST02", self.ok("claim", "batches").out)
        before = self.db_digest()
        again = os.path.join(self.dir, "again.837")
        r = self.export("--x12", "--since-last", "--out", again)
        self.assertEqual((r.code, r.out), (OK, ""), r)
        self.assertIn("no new claims to export", r.err)
        self.assertFalse(os.path.exists(again))
        self.assertEqual(before, self.db_digest())
        # --batch 1 writes the same bytes again and records nothing.
        r = self.export("--x12", "--batch", "1", "--out", again)
        self.assertEqual(r.code, OK, r)
        self.assertEqual(self.read(again), data)
        self.assertEqual(before, self.db_digest())
        r = self.export("--x12", "--batch", "1")
        self.assertEqual(r.out.encode("ascii"), data)
        self.refused(NOT_FOUND, "claim", "export", "--x12", "--batch", "9", message="no claim batch 9")
        # An exported claim cannot be sent again by id.
        first = built[0]["id"]
        self.refused(CONFLICT, "claim", "export", "--x12", "--claim", str(first), message="batch 1")

    def test_a_voided_exported_claim_goes_out_as_frequency_8(self):
        self.month()
        built = self.build()
        self.assertEqual(self.export("--x12", "--since-last", "--out-dir", self.outbox).code, OK)
        first = built[0]["id"]
        r = self.iop("claim", "void", str(first), "--reason", "wrong member id")
        if r.code == USAGE and ("void" in r.err and "not" in r.err or "unknown" in r.err.lower()):
            self.skipTest(f"iop claim void is not ready: {r}")
        self.assertEqual(r.code, OK, r)
        r = self.export("--x12", "--since-last", "--out-dir", self.outbox)
        self.assertEqual(r.code, OK, r)
        self.assertEqual(sorted(os.listdir(self.outbox)), ["claims-batch-000001.837", "claims-batch-000002.837"])
        claims = x12_reader.claims(self.read(os.path.join(self.outbox, "claims-batch-000002.837")).decode())
        self.assertEqual(len(claims), 1)
        self.assertEqual((claims[0]["frequency"], claims[0]["original_claim"]), ("8", str(first)))

    def test_missing_npi_is_exit_6_and_records_nothing(self):
        self.month()
        self.build()
        drafts = self.draft_ids()
        config = self.write_config(CONFIG_TEXT.replace('npi = "1234567893"\n', ""), "no-npi.toml")
        out = os.path.join(self.dir, "x.837")
        self.refused(CONFIG, "claim", "export", "--x12", "--since-last", "--out", out,
                     env={"IOP_CONFIG": config}, message="practice.npi")
        self.assertFalse(os.path.exists(out))
        self.assertEqual(os.listdir(self.dir).count("x.837"), 0)
        self.assertEqual([f for f in os.listdir(self.dir) if ".tmp-" in f], [])
        self.assertEqual(self.ok_json("claim", "batches"), [])
        self.assertEqual(self.draft_ids(), drafts)

    def test_out_never_replaces_a_file_without_force(self):
        self.month()
        self.build()
        out = os.path.join(self.dir, "exists.837")
        with open(out, "w") as f:
            f.write("keep me")
        self.refused(CONFLICT, "claim", "export", "--x12", "--since-last", "--out", out, message="already exists")
        with open(out) as f:
            self.assertEqual(f.read(), "keep me")
        r = self.export("--x12", "--since-last", "--out", out, "--force")
        self.assertEqual(r.code, OK, r)
        x12_reader.check_structure(self.read(out).decode())

    def test_force_never_replaces_a_device_a_folder_or_a_link(self):
        self.month()
        self.build()
        drafts = self.draft_ids()
        real = os.path.join(self.dir, "real.837")
        with open(real, "w") as f:
            f.write("keep me")
        link = os.path.join(self.dir, "link.837")
        os.symlink(real, link)
        folder = os.path.join(self.dir, "a-folder")
        os.mkdir(folder)
        for target, message in (("/dev/null", "not a regular file"), (link, "not a regular file"),
                                (folder, "is a folder")):
            with self.subTest(target=target):
                self.refused(USAGE, "claim", "export", "--x12", "--since-last", "--out", target, "--force",
                             message=message)
        self.assertTrue(stat.S_ISCHR(os.stat("/dev/null").st_mode))
        self.assertTrue(os.path.islink(link))
        self.assertEqual(self.read(real), b"keep me")
        self.refused(NOT_FOUND, "claim", "export", "--x12", "--since-last", "--out",
                     os.path.join(self.dir, "nowhere", "x.837"), message="no folder")
        # Nothing was recorded: the claims are still drafts, there is no batch.
        self.assertEqual(self.draft_ids(), drafts)
        self.assertEqual(self.ok_json("claim", "batches"), [])

    def test_a_batch_recorded_but_never_put_in_place_is_named_until_written_again(self):
        self.month()
        self.build()
        r = self.export("--x12", "--since-last", "--out-dir", self.outbox)
        self.assertEqual(r.code, OK, r)
        [name] = os.listdir(self.outbox)
        path = os.path.join(self.outbox, name)
        data = self.read(path)
        # What a kill between the commit and the rename leaves: the batch recorded, its bytes in a
        # temporary file beside the missing target.
        leftover = os.path.join(self.outbox, f".{name}.tmp-4242-0")
        os.rename(path, leftover)
        for args in (("claim", "batches"), ("claim", "export", "--x12", "--since-last", "--out-dir", self.outbox)):
            with self.subTest(args=args):
                r = self.iop(*args)
                self.assertEqual(r.code, OK, r)
                self.assertIn(f"iop: warning: batch 1 (", r.err)
                self.assertIn(f"was recorded but its file {path} was never put in place", r.err)
                self.assertIn(f"iop claim export --x12 --batch 1 --out {path}", r.err)
        self.assertEqual(self.ok_json("claim", "batches")[0]["number"], 1)  # no second batch was made
        self.assertEqual(self.export("--x12", "--batch", "1", "--out", path).code, OK)
        self.assertEqual(self.read(path), data)
        self.assertNotIn("warning", self.iop("claim", "batches").err)
        # A file moved away after it was written (an upload script) is not a problem.
        os.remove(leftover)
        os.rename(path, os.path.join(self.dir, "sent.837"))
        self.assertNotIn("warning", self.iop("claim", "batches").err)

    def test_stdout_and_claim_selection(self):
        self.month()
        built = self.build()
        ids = [c["id"] for c in built]
        self.refused(NOT_FOUND, "claim", "export", "--x12", "--claim", f"{ids[0]},999", message="999")
        r = self.export("-q", "--x12", "--claim", f"{ids[0]},{ids[0]}")
        self.assertEqual(r.code, OK, r)
        # -q silences the notice; only the no-address warning (the practice's address was sent) remains.
        for line in r.err.splitlines():
            self.assertRegex(line, r"^iop: warning: client \d+ \(.*\) has no address: the practice address was sent")
        self.assertEqual([int(c["id"]) for c in x12_reader.claims(r.out)], [ids[0]])
        self.assertEqual(self.draft_ids(), ids[1:])
        self.assertEqual(self.ok_json("claim", "batches")[0]["written_to"], None)

    def test_the_patient_n3_n4_is_the_clients_address_when_set(self):
        self.ok("client", "update", str(self.ana), "--address", "12 Rue Saint-Étienne", "--city", "Salem",
                "--state", "or", "--zip", "97301-1234")
        self.month()
        self.build()
        r = self.export("--x12", "--since-last")
        self.assertEqual(r.code, OK, r)
        segments = x12_reader.check_structure(r.out)
        patient = next(i for i, s in enumerate(segments) if s[0] == "NM1" and s[1] == "QC" and s[4] == "ANA")
        self.assertEqual(segments[patient + 1][:2], ["N3", "12 RUE SAINT-ETIENNE"])
        self.assertEqual(segments[patient + 2][:4], ["N4", "SALEM", "OR", "973011234"])
        # Zoë has no address: the practice's was sent, and the export says so.
        self.assertIn(f"client {self.cal} (Zoë O'Brien-Núñez) has no address: the practice address was sent; "
                      f"iop client update {self.cal} --address", r.err)
        self.assertNotIn(f"client {self.ana} (", r.err)

    def test_bad_options_are_usage_errors(self):
        for args in ((), ("--x12",), ("--since-last",), ("--x12", "--csv", "--since-last"),
                     ("--x12", "--since-last", "--batch", "1"), ("--csv", "--since-last", "--out", "x"),
                     ("--x12", "--since-last", "--force"), ("--x12", "--since-last", "--out", "a", "--out-dir", "b"),
                     ("--x12", "--since-last", "--out-dir", os.path.join(self.dir, "nope")),
                     ("--x12", "--claim", "abc"), ("--x12", "--batch", "0")):
            with self.subTest(args=args):
                self.refused(USAGE, "claim", "export", *args)

    def test_csv_and_json_rows_mark_nothing(self):
        self.month()
        built = self.build()
        before = self.db_digest()
        rows = self.ok_json("claim", "export", "--json", "--since-last")
        self.assertEqual(list(rows[0]), ["claim_id", "batch", "status", "frequency", "client_id", "client", "payer",
                                         "member_id", "clinician", "rendering_npi", "service_date", "code",
                                         "modifiers", "place_of_service", "units", "charge", "pointers",
                                         "diagnoses", "authorization"])
        self.assertEqual(sorted({r["claim_id"] for r in rows}), sorted(c["id"] for c in built))
        zoe = [r for r in rows if r["client_id"] == self.cal]
        self.assertEqual((zoe[0]["client"], zoe[0]["rendering_npi"], zoe[0]["status"], zoe[0]["batch"]),
                         ("Zoë O'Brien-Núñez", "1245319599", "draft", None))
        self.assertEqual(zoe[0]["diagnoses"], ["F32.1"])
        r = self.ok("claim", "export", "--csv", "--since-last")
        lines = r.out.strip().splitlines()
        self.assertTrue(lines[0].startswith("claim_id,batch,status,frequency,client_id,client,payer,member_id"))
        self.assertEqual(len(lines), len(rows) + 1)
        self.assertEqual(before, self.db_digest())
        # After the export, --batch 1 shows the same lines with their batch.
        self.assertEqual(self.export("--x12", "--since-last", "--out-dir", self.outbox).code, OK)
        rows1 = self.ok_json("claim", "export", "--json", "--batch", "1")
        self.assertEqual({(r["batch"], r["status"]) for r in rows1}, {(1, "exported")})
        self.assertEqual(self.ok_json("claim", "export", "--json", "--since-last"), [])

    def test_two_exports_at_once_never_share_a_claim(self):
        self.month()
        built = self.build()
        env = dict(self.env)
        procs = [subprocess.Popen([IOP_BIN, "claim", "export", "--x12", "--since-last", "--out-dir", self.outbox],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        results = [p.communicate(timeout=60) + (p.returncode,) for p in procs]
        for out, err, code in results:
            self.assertEqual(code, OK, err)
            self.assertNotIn("database is locked", err)
        files = sorted(os.listdir(self.outbox))
        ids = []
        for name in files:
            ids += [int(c["id"]) for c in x12_reader.claims(self.read(os.path.join(self.outbox, name)).decode())]
        self.assertEqual(sorted(ids), sorted(c["id"] for c in built))
        self.assertEqual(len(ids), len(set(ids)))
        self.assertEqual(sum(b["claim_count"] for b in self.ok_json("claim", "batches")), len(built))


class LargeBatchTest(ClaimExportCase):
    """A batch far larger than any buffer: written claim by claim, stored and read back in pieces."""

    def drafts(self, count, lines):
        """`count` draft claims of `lines` lines for Zoë, inserted directly (no sessions needed)."""
        con = sqlite3.connect(self.db)
        with con:
            coverage = con.execute("SELECT id FROM coverages WHERE client_id = ?", (self.cal,)).fetchone()[0]
            for _ in range(count):
                cur = con.execute(
                    "INSERT INTO claims (client_id, coverage_id, payer_id, clinician_id, place_of_service, diagnoses, "
                    "total_cents, first_service_on, last_service_on, created_at) VALUES "
                    "(?, ?, ?, ?, '10', 'F32.1', ?, '2026-01-05', '2026-11-20', '2026-11-27T16:00:00Z')",
                    (self.cal, coverage, self.aetna, self.dana, lines * 18000))
                con.executemany(
                    "INSERT INTO claim_lines (claim_id, line_number, service_date, code, modifiers, place_of_service, "
                    "units, charge_cents, pointers) VALUES (?, ?, ?, '90837', '95', '10', 1, 18000, '1')",
                    [(cur.lastrowid, n, f"2026-{1 + n % 10:02d}-{1 + n % 28:02d}") for n in range(1, lines + 1)])
        con.close()

    def test_a_large_batch_is_written_stored_and_written_again_byte_for_byte(self):
        self.drafts(400, 50)
        out = os.path.join(self.outbox, "big.837")
        r = self.export("--x12", "--since-last", "--out", out)
        self.assertEqual(r.code, OK, r)
        self.assertIn("batch 1: 400 claims, $3,600,000.00, written to", r.err)
        data = self.read(out)
        self.assertGreater(len(data), 1_000_000)
        self.assertEqual(os.listdir(self.outbox), ["big.837"])  # no temporary file left
        segments = x12_reader.check_structure(data.decode("ascii"))
        self.assertEqual(segments[-1], ["IEA", "1", "000000001"])
        self.assertEqual(len(x12_reader.claims(data.decode("ascii"))), 400)
        batch = self.ok_json("claim", "batches")[0]
        self.assertEqual(batch["content_sha256"], hashlib.sha256(data).hexdigest())
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("SELECT content FROM claim_batches WHERE id = 1").fetchone()[0], data)
        con.close()
        # Again from the database, to a file and to stdout: the same bytes, nothing recorded.
        before = self.db_digest()
        again = os.path.join(self.dir, "again.837")
        self.assertEqual(self.export("--x12", "--batch", "1", "--out", again).code, OK)
        self.assertEqual(self.read(again), data)
        self.assertEqual(os.stat(again).st_mode & 0o777, 0o600)
        proc = subprocess.run([IOP_BIN, "claim", "export", "--x12", "--batch", "1"], env=self.env,
                              capture_output=True, timeout=120)
        self.assertEqual((proc.returncode, proc.stdout), (OK, data))
        self.assertEqual(before, self.db_digest())
        # The lines as rows, one per line of every claim: one CSV header, one JSON array.
        rows = self.ok_json("claim", "export", "--json", "--batch", "1")
        self.assertEqual(len(rows), 400 * 50)
        self.assertEqual({(r["batch"], r["client"], r["charge"]) for r in rows}, {(1, "Zoë O'Brien-Núñez", "180.00")})
        lines = self.ok("claim", "export", "--csv", "--batch", "1").out.splitlines()
        self.assertEqual(len(lines), 400 * 50 + 1)
        self.assertEqual(sum(1 for line in lines if line.startswith("claim_id,")), 1)

    def test_a_large_batch_to_stdout_is_the_recorded_batch(self):
        self.drafts(300, 50)
        proc = subprocess.run([IOP_BIN, "claim", "export", "--x12", "--since-last"], env=self.env,
                              capture_output=True, timeout=120)
        self.assertEqual(proc.returncode, OK, proc.stderr)
        self.assertGreater(len(proc.stdout), 700_000)
        self.assertEqual(self.ok_json("claim", "batches")[0]["content_sha256"], hashlib.sha256(proc.stdout).hexdigest())
        again = subprocess.run([IOP_BIN, "claim", "export", "--x12", "--batch", "1"], env=self.env,
                               capture_output=True, timeout=120)
        self.assertEqual(again.stdout, proc.stdout)

    def test_more_than_5000_claims_go_in_one_batch_of_several_transaction_sets(self):
        self.drafts(5003, 1)
        out = os.path.join(self.outbox, "year.837")
        r = self.export("--x12", "--since-last", "--out", out)
        self.assertEqual(r.code, OK, r)
        self.assertIn("batch 1: 5003 claims", r.err)
        text = self.read(out).decode("ascii")
        segments = x12_reader.check_structure(text)  # SE01, ST02 = SE02, GE01, HL trees
        sets = [s for s in segments if s[0] == "ST"]
        self.assertEqual([s[2] for s in sets], ["0001", "0002"])
        self.assertEqual(next(s for s in segments if s[0] == "GE")[1], "2")
        self.assertEqual(len(x12_reader.claims(text)), 5003)
        self.assertEqual(len({c for c, in self.sql("SELECT claim_id FROM claim_batch_claims")}), 5003)
        self.assertEqual(self.ok_json("claim", "export", "--json", "--since-last"), [])

    def test_empty_csv_and_json_and_unknown_ids_print_nothing(self):
        self.assertEqual(self.ok("claim", "export", "--json", "--since-last").out, "[]\n")
        self.assertEqual(self.ok("claim", "export", "--csv", "--since-last").out.count("\n"), 1)
        self.drafts(2, 1)
        r = self.export("--csv", "--claim", "1,99")
        self.assertEqual((r.code, r.out), (NOT_FOUND, ""), r)
        self.assertIn("no claim with id 99", r.err)


class NightlyScriptTest(ClaimExportCase):
    def run_script(self, outbox):
        env = dict(self.env)
        env["IOP_OUTBOX"] = outbox
        env["PATH"] = os.path.dirname(os.path.abspath(IOP_BIN)) + os.pathsep + env["PATH"]
        return subprocess.run(["sh", os.path.join(SOURCE_DIR, "examples", "nightly-claims.sh")], env=env,
                              capture_output=True, text=True, timeout=120)

    def test_nightly_builds_and_exports_then_finds_nothing(self):
        self.month()
        r = self.iop("claim", "build", "--dry-run")
        if r.code != OK:
            self.skipTest(f"iop claim build is not ready: {r}")
        r = self.run_script(self.outbox)
        self.assertEqual(r.returncode, OK, r.stderr)
        self.assertEqual(os.listdir(self.outbox), ["claims-batch-000001.837"])
        r = self.run_script(self.outbox)
        self.assertEqual(r.returncode, OK, r.stderr)
        self.assertIn("no new claims to export", r.stderr)
        self.assertEqual(os.listdir(self.outbox), ["claims-batch-000001.837"])

    def test_nightly_passes_on_the_exit_code(self):
        self.month()
        config = self.write_config(CONFIG_TEXT.replace('submitter_id = "SUB123"\n', ""), "broken.toml")
        self.env["IOP_CONFIG"] = config
        r = self.run_script(self.outbox)
        if "claim build" in r.stderr and "not" in r.stderr:
            self.skipTest(f"iop claim build is not ready: {r.stderr}")
        self.assertEqual(r.returncode, CONFIG, r.stderr)
        self.assertIn("x12.submitter_id", r.stderr)
        self.assertEqual(os.listdir(self.outbox), [])


if __name__ == "__main__":
    unittest.main()
