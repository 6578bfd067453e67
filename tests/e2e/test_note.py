"""iop note add|edit|show|list|sign|verify|addend, end to end: the lifecycle of a progress note,
the database's own lock on signed notes, the $EDITOR flow on a pseudo-terminal, couples and group
sessions, the list of notes still to write, and that note text never leaks."""

import json
import os
import signal
import subprocess
import time
import unittest

from iop_test import CONFLICT, IOP_BIN, NOT_FOUND, OK, USAGE, IopTestCase, Result

FULL = "Subjective: sleeping better, no cravings\nObjective: calm, on time\nAssessment: improving\nPlan: continue weekly\n"
SECRET = "Zoë O'Brien-Núñez said the word pomegranate; Robert'); DROP TABLE clients;--"
NOTE_KEYS = ["id", "session_id", "client_id", "client", "clinician_id", "clinician", "session", "template", "status",
             "body", "sections", "problems", "author", "created_at", "updated_at", "signed_by", "signed_by_name",
             "signed_at", "sha256", "addenda", "due_at", "overdue", "next"]


class NoteTestCase(IopTestCase):
    def setUp(self):
        super().setUp()
        self.dana = self.add_clinician("Dana Reyes", "LMFT", "individual,couples")
        self.sam = self.add_clinician("Sam Ito", "LADC", "addiction,group")
        self.ana = self.enroll("Ana")
        self.ben = self.enroll("Ben")
        self.cal = self.enroll("Cal", "Ito")

    def individual(self, start="2026-11-23 10:00"):
        return self.attended("--type", "individual", "--clinician", str(self.dana), "--client", str(self.ana),
                             "--start", start)

    def add_note(self, session, *extra, text=FULL):
        return int(self.ok("-q", "note", "add", str(session), *extra, "--file", "-", stdin=text).out)

    def body(self, note):
        return self.sql("SELECT body FROM notes WHERE id = ?", note)[0][0]

    def count_notes(self):
        return self.sql("SELECT count(*) FROM notes")[0][0]


class LifecycleTest(NoteTestCase):
    def test_add_edit_sign_addend_verify(self):
        sid = self.individual()
        r = self.ok("-q", "note", "add", str(sid), "--file", "-", stdin="S: better\nO: calm\nA:\nP: weekly\n")
        self.assertRegex(r.out, r"^\d+\n$")
        nid = int(r.out)
        note = self.ok_json("note", "show", str(nid))
        self.assertEqual(list(note), NOTE_KEYS)
        self.assertEqual((note["status"], note["client_id"], note["client"], note["template"]),
                         ("draft", self.ana, "Ana Reed", "soap"))
        self.assertEqual((note["clinician_id"], note["clinician"]), (self.dana, "Dana Reyes, LMFT"))
        self.assertEqual(note["session"]["start"], "2026-11-23T10:00:00-08:00")
        self.assertEqual(note["session"]["actual_end"], "2026-11-23T10:53:00-08:00")
        self.assertEqual(note["problems"], ["section Assessment is empty (line 3)"])
        self.assertEqual(note["next"], f"iop note edit {nid}")
        self.assertEqual((note["author"], note["created_at"]), ("tester", "2026-11-27T17:00:00Z"))
        self.assertIsNone(note["sha256"])
        self.assertEqual(note["due_at"], "2026-11-26T10:53:00-08:00")
        self.assertTrue(note["overdue"])

        # An incomplete draft cannot be signed; editing completes it.
        self.refused(CONFLICT, "note", "sign", str(nid), "--by", str(self.dana),
                     message="section Assessment is empty (line 3)")
        r = self.ok("note", "edit", str(nid), "--file", "-", stdin=FULL,
                    env={"IOP_NOW": "2026-11-27T17:05:00Z"})
        self.assertIn(f"sign it with: iop note sign {nid} --by {self.dana}", r.err)
        note = self.ok_json("note", "show", str(nid))
        self.assertEqual(note["body"], FULL.strip())
        self.assertEqual(note["updated_at"], "2026-11-27T17:05:00Z")
        self.assertEqual(note["sections"], [{"name": "Subjective", "text": "sleeping better, no cravings"},
                                            {"name": "Objective", "text": "calm, on time"},
                                            {"name": "Assessment", "text": "improving"},
                                            {"name": "Plan", "text": "continue weekly"}])
        self.assertEqual(note["problems"], [])

        # Only the session's clinician signs.
        self.refused(CONFLICT, "note", "sign", str(nid), "--by", str(self.sam),
                     message="only the session's clinician, Dana Reyes, LMFT")
        self.refused(NOT_FOUND, "note", "sign", str(nid), "--by", "99", message="no clinician with id 99")
        signed = self.ok_json("note", "sign", str(nid), "--by", str(self.dana))
        self.assertEqual((signed["status"], signed["signed_by"], signed["signed_by_name"], signed["signed_at"]),
                         ("signed", self.dana, "Dana Reyes, LMFT", "2026-11-27T17:00:00Z"))
        self.assertRegex(signed["sha256"], r"^[0-9a-f]{64}$")
        self.assertFalse(signed["overdue"])
        self.assertIsNone(signed["next"])
        self.assertEqual(self.sql("SELECT content_sha256 FROM notes WHERE id = ?", nid)[0][0], signed["sha256"])

        # Locked from now on.
        self.refused(CONFLICT, "note", "sign", str(nid), "--by", str(self.dana),
                     message="already signed by Dana Reyes, LMFT on 2026-11-27 09:00 PST")
        r = self.refused(CONFLICT, "note", "edit", str(nid), "--file", "-", stdin="S: x\nO: x\nA: x\nP: x\n",
                         message="is locked")
        self.assertIn(f"iop note addend {nid}", r.err)

        # An addendum by another clinician, then one more: in order, each with date, time and author.
        r = self.ok("-q", "note", "addend", str(nid), "--by", str(self.sam), "--text", "Late entry: called at 16:10.",
                    env={"IOP_NOW": "2026-11-28T18:30:00Z"})
        first = int(r.out)
        second = self.ok_json("note", "addend", str(nid), "--by", str(self.dana), "--file", "-",
                              stdin="Correction: next session is Tuesday.\n", env={"IOP_NOW": "2026-11-29T18:00:00Z"})
        self.assertEqual((second["note_id"], second["number"], second["signed_by_name"], second["signed_at"]),
                         (nid, 2, "Dana Reyes, LMFT", "2026-11-29T18:00:00Z"))
        note = self.ok_json("note", "show", str(nid))
        self.assertEqual([(a["id"], a["number"], a["body"], a["signed_by_name"]) for a in note["addenda"]],
                         [(first, 1, "Late entry: called at 16:10.", "Sam Ito, LADC"),
                          (second["id"], 2, "Correction: next session is Tuesday.", "Dana Reyes, LMFT")])
        shown = self.ok("note", "show", str(nid)).out
        self.assertIn("Addendum 1 \u00b7 2026-11-28 10:30 PST \u00b7 Sam Ito, LADC", shown)
        self.assertIn("Addendum 2 \u00b7 2026-11-29 10:00 PST \u00b7 Dana Reyes, LMFT", shown)
        self.assertLess(shown.index("Plan"), shown.index("Addendum 1"))
        self.assertLess(shown.index("Addendum 1"), shown.index("Addendum 2"))
        self.assertIn("signed      Dana Reyes, LMFT \u00b7 2026-11-27 09:00 PST", shown)
        self.assertIn(signed["sha256"], shown)

        r = self.ok("note", "verify", str(nid))
        self.assertIn("verified", r.out)
        verified = self.ok_json("note", "verify", str(nid))
        self.assertEqual((verified["status"], verified["sha256"]), ("verified", signed["sha256"]))
        self.assertEqual([a["status"] for a in verified["addenda"]], ["verified", "verified"])

    def test_show_table_lists_the_session_facts_and_sections(self):
        sid = self.individual()
        nid = self.add_note(sid)
        out = self.ok("note", "show", str(nid)).out
        self.assertTrue(out.startswith(f"Note {nid} \u00b7 draft \u00b7 SOAP\n"), out)
        for line in ("client      Ana Reed (client %d)" % self.ana,
                     "session     %d \u00b7 Individual \u00b7 2026-11-23 10:00\u201310:53 PST \u00b7 video" % sid,
                     "attended    10:00\u201310:53 (53 minutes)",
                     "clinician   Dana Reyes, LMFT (clinician %d)" % self.dana,
                     "due         2026-11-26 10:53 PST (overdue)",
                     "Subjective\n  sleeping better, no cravings\n"):
            self.assertIn(line, out)
        # Times follow the viewer's zone.
        out = self.ok("--tz", "America/New_York", "note", "show", str(nid)).out
        self.assertIn("2026-11-23 13:00\u201313:53 EST", out)

    def test_quiet_prints_only_ids(self):
        sid = self.individual()
        nid = self.add_note(sid)
        self.assertEqual(self.ok("-q", "note", "edit", str(nid), "--file", "-", stdin=FULL + "More.\n").out,
                         f"{nid}\n")
        self.assertEqual(self.ok("-q", "note", "sign", str(nid), "--by", str(self.dana)).out, f"{nid}\n")
        r = self.ok("-q", "note", "addend", str(nid), "--by", str(self.dana), "--text", "x")
        self.assertEqual(r.out, "%d\n" % self.sql("SELECT id FROM note_addenda")[0][0])
        self.assertEqual(r.err, "")

    def test_default_template_comes_from_the_config(self):
        config = self.write_config('[notes]\ntemplate = "dap"\n')
        sid = self.individual()
        nid = int(self.ok("-q", "--config", config, "note", "add", str(sid), "--file", "-",
                          stdin="D: data\nA: assessment\nP: plan\n").out)
        note = self.ok_json("note", "show", str(nid))
        self.assertEqual(note["template"], "dap")
        self.assertEqual([s["name"] for s in note["sections"]], ["Data", "Assessment", "Plan"])
        self.assertEqual(note["problems"], [])
        # --template wins over the config; edit may change a draft's template.
        other = self.individual("2026-11-24 10:00")
        self.assertEqual(self.ok_json("--config", config, "note", "add", str(other), "--template", "BIRP", "--file",
                                      "-", stdin="B: b\nI: i\nR: r\nP: p\n")["template"], "birp")
        self.assertEqual(self.ok_json("note", "edit", str(nid), "--template", "soap", "--file", "-",
                                      stdin=FULL)["template"], "soap")

    def test_edit_with_the_same_text_changes_nothing(self):
        nid = self.add_note(self.individual())
        before = self.db_digest()
        r = self.ok("note", "edit", str(nid), "--file", "-", stdin=FULL + "\n\n")
        self.assertIn(f"note {nid} is unchanged", r.err)
        self.assertEqual(before, self.db_digest())

    def test_second_note_and_unattended_sessions_are_refused(self):
        sid = self.individual()
        nid = self.add_note(sid)
        r = self.refused(CONFLICT, "note", "add", str(sid), "--file", "-", stdin=FULL,
                         message=f"Ana Reed (client {self.ana}) already has note {nid} for session {sid}")
        self.assertIn(f"iop note edit {nid}", r.err)
        scheduled = self.schedule("--type", "individual", "--clinician", str(self.dana), "--client", str(self.ana),
                                  "--start", "2026-12-01 10:00")
        r = self.refused(CONFLICT, "note", "add", str(scheduled), "--file", "-", stdin=FULL, message="is scheduled")
        self.assertIn(f"iop session attend {scheduled}", r.err)
        no_show = self.schedule("--type", "individual", "--clinician", str(self.dana), "--client", str(self.ana),
                                "--start", "2026-11-24 10:00")
        self.ok("session", "no-show", str(no_show))
        self.refused(CONFLICT, "note", "add", str(no_show), "--file", "-", stdin=FULL, message="is no-show")
        # An individual session's note is its client's.
        self.refused(CONFLICT, "note", "add", str(self.individual("2026-11-25 10:00")), "--client", str(self.ben),
                     "--file", "-", stdin=FULL, message=f"Ben Reed (client {self.ben}) was not in session")

    def test_addend_and_verify_need_a_signed_note(self):
        nid = self.add_note(self.individual())
        r = self.refused(CONFLICT, "note", "addend", str(nid), "--by", str(self.dana), "--text", "x",
                         message="is a draft")
        self.assertIn(f"iop note edit {nid}", r.err)
        self.refused(CONFLICT, "note", "verify", str(nid), message="is not signed")

    def test_an_inactive_clinician_cannot_addend(self):
        nid = self.add_note(self.individual())
        self.ok("note", "sign", str(nid), "--by", str(self.dana))
        self.ok("clinician", "deactivate", str(self.sam))
        self.refused(CONFLICT, "note", "addend", str(nid), "--by", str(self.sam), "--text", "x", message="inactive")


class TamperTest(NoteTestCase):
    def sqlite3(self, statement):
        return subprocess.run(["sqlite3", self.db, statement], capture_output=True, text=True)

    def test_the_database_refuses_changes_to_a_signed_note_and_verify_finds_them(self):
        nid = self.add_note(self.individual())
        self.ok("note", "sign", str(nid), "--by", str(self.dana))
        self.ok("note", "addend", str(nid), "--by", str(self.sam), "--text", "Late entry.")
        before = self.db_digest()
        r = self.sqlite3(f"UPDATE notes SET body='x' WHERE id={nid}")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("locked", r.stderr)
        r = self.sqlite3(f"DELETE FROM notes WHERE id={nid}")
        self.assertNotEqual(r.returncode, 0)
        r = self.sqlite3("UPDATE note_addenda SET body='x'")
        self.assertNotEqual(r.returncode, 0)
        self.assertEqual(before, self.db_digest())
        self.assertEqual(self.body(nid), FULL.strip())
        self.ok("note", "verify", str(nid))

        # With the trigger dropped the change goes in, and verify names it.
        self.assertEqual(self.sqlite3("DROP TRIGGER notes_signed_locked").returncode, 0)
        self.assertEqual(self.sqlite3(f"UPDATE notes SET body='x' WHERE id={nid}").returncode, 0)
        r = self.refused(CONFLICT, "note", "verify", str(nid), message=f"note {nid} does not match its SHA-256")
        self.assertIn("its text or signature changed after it was signed", r.err)
        self.assertNotIn("addendum 1", r.err)
        self.assertEqual(self.sqlite3("DROP TRIGGER note_addenda_no_update").returncode, 0)
        self.assertEqual(self.sqlite3("UPDATE note_addenda SET body='y'").returncode, 0)
        self.refused(CONFLICT, "note", "verify", str(nid), message="addendum 1 changed after it was signed")

    def test_a_signature_removed_outside_iop_is_named(self):
        nid = self.add_note(self.individual())
        self.ok("note", "sign", str(nid), "--by", str(self.dana))
        self.sqlite3("DROP TRIGGER notes_signed_locked")
        self.sqlite3("UPDATE notes SET signed_by=NULL, signed_at=NULL, content_sha256=NULL")
        self.refused(CONFLICT, "note", "verify", str(nid), message="removed outside iop")


class CouplesAndGroupTest(NoteTestCase):
    def test_a_couples_session_gets_one_note_per_partner(self):
        self.pair(self.ana, self.ben, self.dana)
        couple = self.sql("SELECT id FROM couples")[0][0]
        sid = self.attended("--type", "couples", "--clinician", str(self.dana), "--couple", str(couple), "--start",
                            "2026-11-23 12:00")
        r = self.refused(USAGE, "note", "add", str(sid), "--file", "-", stdin=FULL, message="one note per partner")
        self.assertIn(f"{self.ana} (Ana Reed)", r.err)
        self.assertIn(f"{self.ben} (Ben Reed)", r.err)
        for_ana = self.add_note(sid, "--client", str(self.ana))
        for_ben = self.add_note(sid, "--client", str(self.ben), text=FULL.replace("calm", "tense"))
        self.refused(CONFLICT, "note", "add", str(sid), "--client", str(self.cal), "--file", "-", stdin=FULL,
                     message="was not in session")
        self.assertEqual([n["id"] for n in self.ok_json("note", "list", "--client", str(self.ana))], [for_ana])
        self.assertEqual([n["id"] for n in self.ok_json("note", "list", "--client", str(self.ben))], [for_ben])
        self.assertEqual([n["client_id"] for n in self.ok_json("note", "list", "--session", str(sid))],
                         [self.ana, self.ben])
        shown = self.ok("note", "show", str(for_ben)).out
        self.assertIn("present", shown)
        self.assertIn("Ana Reed present, Ben Reed present", shown)

    def test_a_group_session_gets_notes_for_members_present_only(self):
        gid = self.ok_json("group", "create", "--name", "Tuesday Recovery", "--clinician", str(self.sam))["id"]
        self.ok("group", "add", str(self.ana), str(self.cal), "--group", str(gid), "--date", "2026-11-02")
        sid = self.attended("--type", "group", "--group", str(gid), "--clinician", str(self.sam), "--start",
                            "2026-11-24 13:00", attend_args=("--absent", str(self.cal)))
        self.refused(USAGE, "note", "add", str(sid), "--file", "-", stdin=FULL, message="one note per member present")
        nid = self.add_note(sid, "--client", str(self.ana))
        self.assertEqual(self.ok_json("note", "show", str(nid))["client_id"], self.ana)
        self.refused(CONFLICT, "note", "add", str(sid), "--client", str(self.cal), "--file", "-", stdin=FULL,
                     message=f"Cal Ito (client {self.cal}) was absent from session {sid}")
        self.refused(CONFLICT, "note", "add", str(sid), "--client", str(self.ben), "--file", "-", stdin=FULL,
                     message="was not in session")


class ListTest(NoteTestCase):
    def test_unsigned_and_overdue_include_visits_without_a_note(self):
        self.pair(self.ana, self.ben, self.dana)
        couple = self.sql("SELECT id FROM couples")[0][0]
        late = self.individual("2026-11-26 10:00")
        early = self.attended("--type", "couples", "--clinician", str(self.dana), "--couple", str(couple),
                              "--start", "2026-11-23 12:00")
        other = self.attended("--type", "addiction", "--clinician", str(self.sam), "--client", str(self.cal),
                              "--start", "2026-11-25 10:00")
        draft = self.add_note(early, "--client", str(self.ana))
        signed = self.add_note(late)
        self.ok("note", "sign", str(signed), "--by", str(self.dana))

        rows = self.ok_json("note", "list")
        self.assertEqual([r["id"] for r in rows], [draft, signed])
        rows = self.ok_json("note", "list", "--unsigned")
        self.assertEqual([(r["id"], r["session_id"], r["client_id"], r["status"]) for r in rows],
                         [(draft, early, self.ana, "draft"), (None, early, self.ben, "missing"),
                          (None, other, self.cal, "missing")])
        missing = rows[1]
        self.assertEqual(list(missing), NOTE_KEYS)
        self.assertEqual(missing["next"], f"iop note add {early} --client {self.ben}")
        self.assertEqual(rows[2]["next"], f"iop note add {other}")
        self.assertEqual(rows[0]["next"], f"iop note sign {draft} --by {self.dana}")
        self.assertEqual([r["overdue"] for r in rows], [True, True, False])
        self.assertEqual(missing["due_at"], "2026-11-26T12:50:00-08:00")

        self.assertEqual([(r["id"], r["client_id"]) for r in self.ok_json("note", "list", "--overdue")],
                         [(draft, self.ana), (None, self.ben)])
        # Three days after the last session ended, everything unsigned is overdue.
        later = {"IOP_NOW": "2026-11-30T00:00:00Z"}
        self.assertEqual(len(self.ok_json("note", "list", "--overdue", env=later)), 3)
        # notes.due_hours moves the line.
        config = self.write_config("[notes]\ndue_hours = 24\n")
        self.assertEqual(len(self.ok_json("--config", config, "note", "list", "--overdue")), 3)
        self.assertEqual([r["client_id"] for r in self.ok_json("note", "list", "--unsigned", "--clinician",
                                                                str(self.sam))], [self.cal])

        table = self.ok("note", "list", "--unsigned").out
        self.assertEqual(table.splitlines()[0].split(),
                         ["ID", "WHEN", "SESSION", "TYPE", "CLIENT", "CLINICIAN", "TEMPLATE", "STATUS", "DUE", "NEXT"])
        self.assertIn("missing (overdue)", table)
        self.assertIn(f"iop note add {early} --client {self.ben}", table)
        csv = self.ok("note", "list", "--unsigned", "--format", "csv").out.splitlines()
        self.assertEqual(csv[0], "id,start,session_id,type,client,clinician,template,status,due_at,next")
        self.assertEqual(len(csv), 4)
        self.assertEqual(self.ok("-q", "note", "list", "--unsigned").out, f"{draft}\n")

    def test_nothing_to_do(self):
        r = self.ok("note", "list", "--unsigned")
        self.assertEqual(r.out, "")
        self.assertIn("nothing to write or sign", r.err)
        self.assertEqual(self.ok_json("note", "list", "--overdue"), [])


class EditorTest(NoteTestCase):
    """The $EDITOR flow, with a pseudo-terminal as stdin so that iop sees a terminal."""

    def setUp(self):
        super().setUp()
        self.runtime = os.path.join(self.dir, "runtime")
        os.mkdir(self.runtime, 0o700)
        self.side = os.path.join(self.dir, "side")
        self.sid = self.individual()

    def editor(self, body, name="ed.sh"):
        """A fake editor: records its file's path, modes and content, then runs `body`."""
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write("#!/bin/sh\n"
                    f'echo "$1 $(stat -c %a "$1") $(stat -c %a "$(dirname "$1")")" > "{self.side}"\n'
                    f'cp "$1" "{self.side}.seen"\n' + body + "\n")
        os.chmod(path, 0o755)
        return path

    def iop_tty(self, *args, env=None):
        master, slave = os.openpty()
        try:
            full_env = dict(self.env, XDG_RUNTIME_DIR=self.runtime)
            full_env.update(env or {})
            proc = subprocess.run([IOP_BIN, *args], stdin=slave, capture_output=True, text=True, env=full_env,
                                  timeout=60)
            return Result(proc)
        finally:
            os.close(master)
            os.close(slave)

    def seen(self):
        with open(self.side) as f:
            path, file_mode, dir_mode = f.read().split()
        with open(self.side + ".seen", encoding="utf-8") as f:
            return path, file_mode, dir_mode, f.read()

    def assert_aborted(self, r, message):
        self.assertEqual(r.code, USAGE, r)
        self.assertIn(message, r.err)
        self.assertEqual(self.count_notes(), 0)
        self.assertEqual(os.listdir(self.runtime), [])

    def test_the_editor_writes_the_note_in_a_private_file_that_is_gone_afterwards(self):
        ed = self.editor("printf 'S: hopeful\\nO: calm\\nA: steady\\nP: weekly\\n' > \"$1\"")
        r = self.iop_tty("-q", "note", "add", str(self.sid), env={"EDITOR": ed})
        self.assertEqual(r.code, OK, r)
        nid = int(r.out)
        self.assertEqual(self.body(nid), "S: hopeful\nO: calm\nA: steady\nP: weekly")
        path, file_mode, dir_mode, content = self.seen()
        self.assertTrue(path.startswith(self.runtime + "/iop-note-"), path)
        self.assertEqual((file_mode, dir_mode), ("600", "700"))
        self.assertFalse(os.path.exists(path))
        self.assertEqual(os.listdir(self.runtime), [])
        # It started from the template's headings under a '#' header of the session's facts.
        self.assertIn("# Progress note (soap) for Ana Reed", content)
        self.assertIn(f"# Session {self.sid}: Individual, 2026-11-23 10:00 PST, video, Dana Reyes, LMFT", content)
        self.assertIn("# Attended 10:00\u201310:53 (53 minutes)", content)
        self.assertTrue(content.endswith("Subjective:\n\nObjective:\n\nAssessment:\n\nPlan:\n"), content)

    def test_comment_lines_are_dropped_and_visual_wins_over_editor(self):
        visual = self.editor("printf '# a comment\\nD: data\\n#more\\nA: a\\nP: p\\n' > \"$1\"", "visual.sh")
        editor = self.editor("exit 1", "editor.sh")
        r = self.iop_tty("-q", "note", "add", str(self.sid), "--template", "dap",
                         env={"VISUAL": visual, "EDITOR": editor})
        self.assertEqual(r.code, OK, r)
        self.assertEqual(self.body(int(r.out)), "D: data\nA: a\nP: p")

    def test_an_editor_with_arguments_runs_through_the_shell(self):
        ed = self.editor('[ "$1" = "--wait" ] && shift\nprintf "S: s\\nO: o\\nA: a\\nP: p\\n" > "$1"')
        # Like EDITOR="code --wait": the words are the shell's to split; the file comes last.
        with open(os.path.join(self.dir, "wrapper.sh"), "w") as f:
            f.write(f'#!/bin/sh\nexec "{ed}" "$@"\n')
        os.chmod(os.path.join(self.dir, "wrapper.sh"), 0o755)
        r = self.iop_tty("-q", "note", "add", str(self.sid), env={"EDITOR": os.path.join(self.dir, "wrapper.sh") +
                                                                    " --wait"})
        self.assertEqual(r.code, OK, r)
        self.assertEqual(self.body(int(r.out)), "S: s\nO: o\nA: a\nP: p")

    def test_unchanged_empty_or_failed_editing_saves_nothing(self):
        before = self.db_digest()
        self.assert_aborted(self.iop_tty("note", "add", str(self.sid), env={"EDITOR": self.editor(":")}),
                            "the note was left unchanged; nothing was saved")
        self.assert_aborted(self.iop_tty("note", "add", str(self.sid), env={"EDITOR": self.editor(': > "$1"')}),
                            "the note is empty; nothing was saved")
        self.assert_aborted(self.iop_tty("note", "add", str(self.sid),
                                         env={"EDITOR": self.editor("printf '# only\\n#\\n' > \"$1\"")}),
                            "the note is empty")
        r = self.iop_tty("note", "add", str(self.sid),
                         env={"EDITOR": self.editor("printf 'S: a\\nO: b\\nA: c\\nP: d\\n' > \"$1\"; exit 3")})
        self.assert_aborted(r, "exited with status 3; the note was not saved")
        r = self.iop_tty("note", "add", str(self.sid), env={"EDITOR": "/nonexistent/editor"})
        self.assert_aborted(r, "exited with status 127")
        self.assertIn("set VISUAL or EDITOR", r.err)
        self.assertEqual(before, self.db_digest())

    def test_the_target_is_checked_before_the_editor_opens(self):
        ed = self.editor("printf 'S: a\\nO: b\\nA: c\\nP: d\\n' > \"$1\"")
        self.add_note(self.sid)
        r = self.iop_tty("note", "add", str(self.sid), env={"EDITOR": ed})
        self.assertEqual(r.code, CONFLICT, r)
        self.assertFalse(os.path.exists(self.side))

    def test_edit_starts_from_the_draft(self):
        nid = self.add_note(self.sid, text="S: first\nO: o\nA: a\nP: p\n")
        ed = self.editor("sed -i 's/first/second/' \"$1\"")
        r = self.iop_tty("note", "edit", str(nid), env={"EDITOR": ed})
        self.assertEqual(r.code, OK, r)
        content = self.seen()[3]
        self.assertIn(f"# Progress note {nid} (soap, draft) for Ana Reed", content)
        self.assertTrue(content.endswith("S: first\nO: o\nA: a\nP: p\n"), content)
        self.assertEqual(self.body(nid), "S: second\nO: o\nA: a\nP: p")
        # A draft with lines the editor would drop as comments is not opened there.
        hashes = self.add_note(self.individual("2026-11-24 10:00"), text="S: #1 goal\n#2 goal\nO: o\nA: a\nP: p\n")
        r = self.iop_tty("note", "edit", str(hashes), env={"EDITOR": ed})
        self.assertEqual(r.code, CONFLICT, r)
        self.assertIn("lines starting with '#' (line 2)", r.err)

    def test_an_addendum_can_be_written_in_the_editor(self):
        nid = self.add_note(self.sid)
        self.ok("note", "sign", str(nid), "--by", str(self.dana))
        r = self.iop_tty("-q", "note", "addend", str(nid), "--by", str(self.dana),
                         env={"EDITOR": self.editor("echo 'Late entry.' >> \"$1\"")})
        self.assertEqual(r.code, OK, r)
        self.assertEqual(self.sql("SELECT body FROM note_addenda")[0][0], "Late entry.")
        self.assertIn("# Addendum to note", self.seen()[3])

    def test_sigterm_while_the_editor_runs_removes_the_file(self):
        ed = self.editor("exec sleep 30")
        master, slave = os.openpty()
        env = dict(self.env, XDG_RUNTIME_DIR=self.runtime, EDITOR=ed)
        proc = subprocess.Popen([IOP_BIN, "note", "add", str(self.sid)], stdin=slave, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, start_new_session=True)
        try:
            deadline = time.time() + 20
            while not os.path.exists(self.side + ".seen") and time.time() < deadline:
                time.sleep(0.05)
            path = self.seen()[0]
            self.assertTrue(os.path.exists(path))
            os.kill(proc.pid, signal.SIGTERM)  # iop alone: it must stop the editor and clean up
            proc.wait(timeout=20)
            self.assertEqual(proc.returncode, -signal.SIGTERM)
            self.assertFalse(os.path.exists(os.path.dirname(path)))
            self.assertEqual(os.listdir(self.runtime), [])
            self.assertEqual(self.count_notes(), 0)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.communicate()
            os.close(master)
            os.close(slave)

    def test_without_a_terminal_a_file_is_required(self):
        r = self.refused(USAGE, "note", "add", str(self.sid), stdin="", message="stdin is not a terminal")
        self.assertIn("--file PATH", r.err)
        self.assertIn("--file -", r.err)


class PrivacyAndInputTest(NoteTestCase):
    def test_note_text_never_reaches_stderr_or_the_audit_log(self):
        sid = self.individual()
        text = f"Subjective: {SECRET}\nObjective:\nAssessment: {SECRET}\n"
        errors = []
        r = self.ok("note", "add", str(sid), "--file", "-", stdin=text)
        errors.append(r.err)
        nid = self.sql("SELECT id FROM notes")[0][0]
        self.assertIn("section Objective is empty (line 2)", r.err)
        self.assertIn("section Plan is missing", r.err)
        errors.append(self.fails(CONFLICT, "note", "sign", str(nid), "--by", str(self.dana)).err)
        errors.append(self.ok("note", "edit", str(nid), "--file", "-", stdin=text + f"Objective: {SECRET}\n"
                              f"Plan: {SECRET}\n").err)
        errors.append(self.fails(CONFLICT, "note", "sign", str(nid), "--by", str(self.dana)).err)
        self.ok("note", "edit", str(nid), "--file", "-", stdin=f"S: {SECRET}\nO: {SECRET}\nA: x\nP: {SECRET}\n")
        errors.append(self.ok("note", "sign", str(nid), "--by", str(self.dana)).err)
        errors.append(self.ok("note", "addend", str(nid), "--by", str(self.dana), "--text", SECRET).err)
        errors.append(self.ok("note", "show", str(nid)).err)
        errors.append(self.ok("note", "list").err)
        errors.append(self.ok("note", "verify", str(nid)).err)
        for err in errors:
            self.assertNotIn("pomegranate", err)
        audit = self.ok("audit", "log", "--limit", "0", "--format", "json").out
        self.assertNotIn("pomegranate", audit)
        actions = [(e["action"], e["record_kind"], e["record_id"])
                   for e in json.loads(audit) if e["record_kind"] == "note"]
        self.assertEqual(actions, [("addend", "note", nid), ("sign", "note", nid), ("update", "note", nid),
                                   ("update", "note", nid), ("create", "note", nid)])

    def test_text_is_kept_byte_for_byte_apart_from_line_ends_and_trailing_blanks(self):
        sid = self.individual()
        text = f"\r\n\r\nS: {SECRET}   \r\n  indented \u2014 «quoted» \t\r\n\r\nO: o\r\nA: a\r\nP: p\r\n\r\n"
        nid = self.add_note(sid, text=text)
        expected = f"S: {SECRET}\n  indented \u2014 «quoted»\n\nO: o\nA: a\nP: p"
        self.assertEqual(self.body(nid), expected)
        note = self.ok_json("note", "show", str(nid))
        self.assertEqual(note["body"], expected)
        self.assertEqual(note["sections"][0]["text"], f"{SECRET}\n  indented \u2014 «quoted»")
        self.assertEqual(self.sql("SELECT count(*) FROM clients")[0][0], 3)
        # From a file as well.
        path = os.path.join(self.dir, "note.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"S: {SECRET}\nO: o\nA: a\nP: p\n")
        other = int(self.ok("-q", "note", "add", str(self.individual("2026-11-24 10:00")), "--file", path).out)
        self.assertEqual(self.body(other), f"S: {SECRET}\nO: o\nA: a\nP: p")

    def test_bad_input(self):
        sid = self.individual()
        self.refused(NOT_FOUND, "note", "add", "999", "--file", "-", stdin=FULL, message="no session with id 999")
        self.refused(NOT_FOUND, "note", "add", str(sid), "--client", "999", "--file", "-", stdin=FULL,
                     message="no client with id 999")
        r = self.refused(USAGE, "note", "add", str(sid), "--template", "sopa", "--file", "-", stdin=FULL,
                         message="template 'sopa' must be soap, dap or birp")
        self.assertIn("Subjective, Objective", r.err)
        self.refused(USAGE, "note", "add", str(sid), "--file", "-", stdin="", message="the note is empty")
        self.refused(USAGE, "note", "add", str(sid), "--file", "-", stdin=" \n\r\n\t\n", message="the note is empty")
        self.refused(USAGE, "note", "add", str(sid), "--file", os.path.join(self.dir, "missing.txt"),
                     message="cannot read --file")
        self.refused(USAGE, "note", "add", str(sid), "--file", self.dir, message="is a folder")
        self.refused(USAGE, "note", "add", str(sid), "--file", "-", stdin="S: a\x1b[2J\n", message="control character")
        self.refused(USAGE, "note", "add", str(sid), "--file", "-", stdin="S: " + "x" * 300_000,
                     message="stdin holds more than 256 KiB")
        self.refused(USAGE, "note", "add", "abc")
        self.refused(USAGE, "note", "add", "0")
        self.refused(USAGE, "note", "add")
        self.refused(USAGE, "note", "sign", "1")  # --by is required
        self.refused(USAGE, "note", "addend", "1", "--by", str(self.dana), "--text", "x", "--file", "-")
        for verb in (("show",), ("edit", "--file", "-"), ("sign", "--by", str(self.dana)), ("verify",),
                     ("addend", "--by", str(self.dana), "--text", "x")):
            with self.subTest(verb=verb[0]):
                self.refused(NOT_FOUND, "note", verb[0], "42", *verb[1:], stdin=FULL, message="no note with id 42")
        self.refused(NOT_FOUND, "note", "list", "--client", "999", message="no client with id 999")
        self.refused(NOT_FOUND, "note", "list", "--clinician", "999", message="no clinician with id 999")
        nid = self.add_note(sid)
        self.ok("note", "sign", str(nid), "--by", str(self.dana))
        self.refused(NOT_FOUND, "note", "addend", str(nid), "--by", "999", "--text", "x",
                     message="no clinician with id 999")
        self.refused(USAGE, "note", "addend", str(nid), "--by", str(self.dana), "--text", "  ",
                     message="the addendum is empty")


if __name__ == "__main__":
    unittest.main()
