"""iop client import / iop clinician import: CSV in, all rows or none."""
import os
import pty
import subprocess
import time
import unittest

from iop_test import IopTestCase, IOP_BIN

HEADER = "Diagnosis,DOB,Last Name,first,Street,City,State,Postal-Code,TZ,Clinician,Admitted\r\n"


class ImportTest(IopTestCase):
    def write(self, name, text, bom=False):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        return path

    def clients_csv(self, rows, header="first,last,dob\n"):
        return self.write("c.csv", header + "".join(r + "\n" for r in rows))

    def test_realistic_export(self):
        dana = self.add_clinician("Dana Reyes", "LMFT", "individual", "--npi", "1234567893")
        path = self.write("export.csv", HEADER +
                          "\"F10.20; F41.1\",1985-02-01,O'Brien-Núñez,Zoë,\"12 Main St\r\nApt 4\",\"Portland, East\",or,97201,America/New_York,1234567893,2026-11-02\r\n"
                          "f33.1,1990-05-06,Núñez,José,,,,,,Dana Reyes,\r\n"
                          "\r\n"
                          f"F32.1,1970-01-01,\"Robert'); DROP TABLE clients;--\",Bobby,,,,,,{dana},\r\n", bom=True)
        r = self.ok("client", "import", path)
        self.assertEqual(r.out, "imported 3 clients (ids 1\u20133)\n")
        z = self.ok_json("client", "show", "1")
        self.assertEqual((z["first_name"], z["last_name"]), ("Zoë", "O'Brien-Núñez"))
        self.assertEqual(z["address"], "12 Main St, Apt 4")
        self.assertEqual(z["city"], "Portland, East")
        self.assertEqual(z["state"], "OR")
        self.assertEqual(z["diagnoses"], ["F10.20", "F41.1"])
        self.assertEqual(z["timezone"], "America/New_York")
        b = self.ok_json("client", "show", "3")
        self.assertEqual(b["last_name"], "Robert'); DROP TABLE clients;--")
        listing = self.ok("client", "list").out
        for name in ("Zoë O'Brien-Núñez", "José Núñez", "Robert'); DROP TABLE clients;--"):
            self.assertIn(name, listing)

    def test_bad_rows_reported_with_lines_nothing_stored(self):
        self.enroll("Ann")
        path = self.write("bad.csv", "first,last,dob,address,city,state,zip\n"
                          "Good,One,1980-01-01,,,,\n"
                          ",Nofirst,1980-01-01,,,,\n"            # line 3
                          "Multi,Line,1980-01-01,\"a\nb\nc\",Portland,OR,97201\n"  # lines 4-6, fine
                          "Bad,Date,1980-13-45,,,,\n"            # line 7
                          "Good,Two,1981-01-01,,,,\n"
                          "Also,Bad,not-a-date,\"x\ny\",Portland,OR,97201\n")   # line 9
        r = self.refused(2, "client", "import", path, message="3 of 6 rows of " + path + " cannot be imported; nothing was stored")
        lines = [l.split(": ")[0] for l in r.err.splitlines() if l.startswith(path + ":")]
        self.assertEqual(lines, [path + ":3", path + ":7", path + ":9"])
        self.assertEqual(len(self.ok_json("client", "list", "--status", "all")), 1)

    def test_dry_run_stdin_quiet_json(self):
        path = self.clients_csv(["A,B,1980-01-01", "C,D,1981-01-01"])
        r = self.ok("client", "import", "--dry-run", path)
        self.assertEqual(r.out, "would import 2 clients (dry run: nothing was stored)\n")
        self.assertEqual(self.ok_json("client", "list", "--status", "all"), [])
        self.assertEqual(self.ok("-q", "client", "import", "-", stdin="first,last,dob\nE,F,1982-01-01\n").out, "1\n")
        j = self.ok_json("client", "import", path)
        self.assertEqual(j, {"imported": 2, "ids": [2, 3], "dry_run": False})

    def test_file_errors(self):
        self.enroll("Ann")
        self.refused(2, "client", "import", os.path.join(self.dir, "nope.csv"), message="cannot open")
        self.refused(2, "client", "import", self.clients_csv(["A,B,1980-01-01,9"], "first,last,dob,shoe_size\n"),
                     message="unknown column 'shoe_size'")
        self.refused(2, "client", "import", self.clients_csv(["A,B"], "first,last\n"),
                     message="lacks the required column(s) date_of_birth")
        self.refused(2, "client", "import", self.write("q.csv", "first,last,dob\nA,\"B,1980-01-01\n"),
                     message=":2:")
        self.write("u.csv", "first,last,dob\n")
        with open(os.path.join(self.dir, "u.csv"), "ab") as f:
            f.write(b"A,\xff\xfe,1980-01-01\n")
        self.refused(2, "client", "import", os.path.join(self.dir, "u.csv"), message="u.csv:2: not valid UTF-8")

    def test_duplicates(self):
        self.ok("client", "enroll", "--first", "Ann", "--last", "Lee", "--dob", "1980-01-01")
        path = self.clients_csv(["Ann,Lee,1980-01-01"])
        self.refused(2, "client", "import", path, message="--allow-duplicate")
        self.refused(2, "client", "import", self.clients_csv(["X,Y,1980-01-01", "X,Y,1980-01-01"]),
                     message="also on line 2")
        path = self.clients_csv(["Ann,Lee,1980-01-01"])
        self.ok("client", "import", "--allow-duplicate", path)

    def test_clinician_by_name_npi_id_and_unknown(self):
        dana = self.add_clinician("Dana Reyes", "LMFT", "individual", "--npi", "1234567893")
        path = self.clients_csv(["A,B,1980-01-01,Dana Reyes", "C,D,1980-01-01,1234567893",
                                 f"E,F,1980-01-01,{dana}"], "first,last,dob,clinician\n")
        ids = self.ok("-q", "client", "import", path).out.split()
        for i in ids:
            self.assertEqual(self.ok_json("client", "show", i)["clinician_id"], dana)
        self.refused(2, "client", "import", self.clients_csv(["G,H,1980-01-01,Nobody"], "first,last,dob,clinician\n"),
                     message="no clinician 'Nobody'")

    def test_clinician_import(self):
        path = self.write("staff.csv", "Full Name,Credentials,NPI,Role\n"
                          "Zoë O'Brien-Núñez,LCSW,1234567893,\"individual;group\"\n"
                          "José Núñez,PhD,,individual\n")
        self.assertEqual(self.ok("clinician", "import", path).out, "imported 2 clinicians (ids 1\u20132)\n")
        self.assertIn("Zoë O'Brien-Núñez", self.ok("clinician", "list").out)
        bad = self.write("bad.csv", "name,credential,npi\nA B,LCSW,1234567890\n")
        r = self.refused(2, "clinician", "import", bad)
        self.assertIn(bad + ":2:", r.err)

    def big_file(self, n):
        rows = [f"First{i},Last{i},1980-01-01" for i in range(n)]
        return self.clients_csv(rows)

    def test_progress_bar_only_on_tty(self):
        path = self.big_file(1200)
        r = self.ok("client", "import", "--dry-run", path)
        self.assertEqual(r.err, "")
        master, slave = pty.openpty()
        env = dict(self.env)
        proc = subprocess.run([IOP_BIN, "client", "import", "--dry-run", path], stdout=subprocess.PIPE,
                              stderr=slave, env=env, timeout=120)
        os.close(slave)
        data = b""
        try:
            while True:
                chunk = os.read(master, 65536)
                if not chunk:
                    break
                data += chunk
        except OSError:
            pass
        os.close(master)
        self.assertEqual(proc.returncode, 0)
        self.assertIn(b"1,200/1,200", data)

    def test_five_thousand_rows(self):
        path = self.big_file(5000)
        start = time.monotonic()
        r = self.ok("client", "import", path, timeout=300)
        print(f"5000-row import: {time.monotonic() - start:.2f}s")
        self.assertEqual(r.out, "imported 5000 clients (ids 1\u20135000)\n")


if __name__ == "__main__":
    unittest.main()
