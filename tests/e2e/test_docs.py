"""The documentation stays true to the binary: every noun, verb and option that `--help` lists
appears in the man page, the README and the three completion files; the man page lints clean;
the completion and example scripts parse and pass shellcheck; bash (and fish, when installed)
really complete; examples/day-in-the-life.sh runs on a fresh database."""

import os
import re
import shutil
import subprocess
import unittest

from iop_test import IOP_BIN, OK, SOURCE_DIR, IopTestCase

MAN_PAGE = os.path.join(SOURCE_DIR, "man", "iop.1")
README = os.path.join(SOURCE_DIR, "README.md")
BASH_COMPLETION = os.path.join(SOURCE_DIR, "completions", "iop.bash")
ZSH_COMPLETION = os.path.join(SOURCE_DIR, "completions", "_iop")
FISH_COMPLETION = os.path.join(SOURCE_DIR, "completions", "iop.fish")
DAY_IN_THE_LIFE = os.path.join(SOURCE_DIR, "examples", "day-in-the-life.sh")
INSTALL_HINT = "scripts/install-deps.sh installs it"


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def section(help_text, title):
    """The first words of the lines of a CLI11 help section such as 'Subcommands:'."""
    m = re.search(rf"^{title}:\n((?:  .*\n)+)", help_text, re.M)
    return [line.split()[0] for line in m.group(1).splitlines() if line.startswith("  ") and
            not line.startswith("   ")] if m else []


def long_options(help_text, title="Options"):
    """The --long names in a help section, without --help (every command has it)."""
    names = []
    for first in section(help_text, title):
        names += [n for n in first.split(",") if n.startswith("--") and n != "--help"]
    return names


def man_text():
    """The man page source with font escapes dropped and \\- read as -."""
    return re.sub(r"\\f[BIRP]", "", read(MAN_PAGE)).replace("\\-", "-")


def man_section(text, title):
    m = re.search(rf"^\.SH {re.escape(title)}\n(.*?)(?=^\.SH |\Z)", text, re.M | re.S)
    return m.group(1) if m else ""


def man_blocks(text, noun):
    """{verb: its text} for the `.TP` / `.B iop NOUN VERB ...` entries of the man page's `.SS NOUN`
    (the key is "" for a noun without verbs)."""
    m = re.search(rf"^\.SS {noun}\n(.*?)(?=^\.S[SH] |\Z)", text, re.M | re.S)
    if not m:
        return {}
    # A verb is a lowercase word followed by a space or the line's end; `iop backup FILE` and
    # `iop completion bash|zsh|fish` are nouns without verbs.
    parts = re.split(rf"^\.TP\n\.B iop {noun}\b ?((?:[a-z][\w-]*(?=[ \n]))?)", m.group(1), flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def word(name):
    """A regex for `name` as a whole word or option (not part of a longer one)."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


class DocsTestCase(IopTestCase):
    """Knows what the binary offers, from its own --help."""

    def help(self, *args):
        return self.ok(*args, "--help").out

    def commands(self):
        """[(noun, [verbs])], in --help order; a noun without verbs (init) has []."""
        nouns = section(self.help(), "Subcommands")
        self.assertIn("client", nouns)
        return [(noun, section(self.help(noun), "Subcommands")) for noun in nouns]

    def commands_with_options(self):
        """[(noun, verb or None, [--options])] for every command that runs."""
        out = []
        for noun, verbs in self.commands():
            if not verbs:
                out.append((noun, None, long_options(self.help(noun))))
            for verb in verbs:
                out.append((noun, verb, long_options(self.help(noun, verb))))
        return out

    def global_options(self):
        root = self.help()
        names = long_options(root, "Global options") + long_options(root)
        self.assertIn("--format", names)
        return names

    def run_tool(self, argv, **kwargs):
        return subprocess.run(argv, capture_output=True, text=True, env=self.env, timeout=120, **kwargs)


class ManPageTest(DocsTestCase):
    def test_lints_clean(self):
        self.assertIsNotNone(shutil.which("mandoc"), "mandoc is missing; " + INSTALL_HINT)
        r = self.run_tool(["mandoc", "-T", "lint", "-W", "warning", MAN_PAGE])
        self.assertEqual((r.returncode, r.stdout + r.stderr), (0, ""))

    def test_every_noun_verb_and_option_is_documented(self):
        text = man_text()
        for noun, verb, options in self.commands_with_options():
            with self.subTest(noun=noun, verb=verb):
                blocks = man_blocks(text, noun)
                key = verb or ""
                self.assertIn(key, blocks, f"man/iop.1 has no '.B iop {noun} {key}' entry under '.SS {noun}'")
                for option in options:
                    self.assertRegex(blocks[key], word(option), f"iop {noun} {key}: {option} is not described")

    def test_global_options_exit_codes_and_environment(self):
        text = man_text()
        globals_section = man_section(text, "GLOBAL OPTIONS")
        for option in self.global_options():
            self.assertRegex(globals_section, word(option))
        root = self.help()
        codes = re.findall(r"^  (\d)  ", root, re.M)
        self.assertEqual(codes, [str(c) for c in range(7)])
        exit_status = man_section(text, "EXIT STATUS")
        for code in codes:
            self.assertRegex(exit_status, rf"(?m)^\.B {code}$", f"exit code {code}")
        environment = man_section(text, "ENVIRONMENT")
        named = re.search(r"^Environment: (.*)\.$", root, re.M).group(1).split(", ")
        for variable in named + ["IOP_NOW", "IOP_BUSY_TIMEOUT_MS", "CLICOLOR_FORCE"]:
            self.assertRegex(environment, rf"(?m)^\.B {variable}$", variable)

    def test_version_matches_the_binary(self):
        version = re.search(r"^iop (\S+)$", self.ok("--version").out, re.M).group(1)
        self.assertRegex(read(MAN_PAGE), rf'(?m)^\.TH IOP 1 \S+ "iop {re.escape(version)}"')


class ReadmeTest(DocsTestCase):
    def test_every_noun_and_verb_is_in_the_command_table(self):
        readme = read(README)
        for noun, verbs in self.commands():
            row = re.search(rf"^\| `{noun}` \|(.*)$", readme, re.M)
            self.assertIsNotNone(row, f"README.md has no row for {noun}")
            for verb in verbs:
                self.assertIn(f"`{verb}", row.group(1), f"README.md: {noun} {verb}")


class CompletionFilesTest(DocsTestCase):
    def test_every_noun_verb_and_option_is_completed(self):
        commands = self.commands_with_options()
        files = {BASH_COMPLETION: None, ZSH_COMPLETION: None, FISH_COMPLETION: "fish"}
        for path, flavour in files.items():
            text = read(path)
            names = {name for noun, verb, options in commands for name in [noun, verb, *options] if name}
            names.update(self.global_options())
            for name in sorted(names):
                with self.subTest(file=os.path.basename(path), name=name):
                    if flavour == "fish" and name.startswith("--"):
                        pattern = re.compile(rf"-l {re.escape(name[2:])}(?![\w-])")
                    else:
                        pattern = word(name)
                    self.assertRegex(text, pattern)

    def test_bash_syntax(self):
        r = self.run_tool(["bash", "-n", BASH_COMPLETION])
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_zsh_syntax(self):
        if not shutil.which("zsh"):
            self.skipTest("zsh is not installed (optional; apt-get install zsh to check _iop)")
        r = self.run_tool(["zsh", "-n", ZSH_COMPLETION])
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_fish_syntax(self):
        if not shutil.which("fish"):
            self.skipTest("fish is not installed (optional; apt-get install fish to check iop.fish)")
        r = self.run_tool(["fish", "--no-execute", FISH_COMPLETION])
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_shellcheck(self):
        if not shutil.which("shellcheck"):
            self.skipTest("shellcheck is not installed; " + INSTALL_HINT)
        for path in (BASH_COMPLETION, DAY_IN_THE_LIFE):
            with self.subTest(path=os.path.basename(path)):
                r = self.run_tool(["shellcheck", "--shell=bash", path])
                self.assertEqual(r.returncode, 0, r.stdout + r.stderr)


class BashCompletionTest(DocsTestCase):
    """Sources completions/iop.bash in a real bash and calls its completion function."""

    def complete(self, *words):
        """COMPREPLY for the command line `words`, the last word being the one completed."""
        function = re.search(r"^complete -F (\S+) iop$", read(BASH_COMPLETION), re.M).group(1)
        script = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); '
                  f'{function}; printf "%s\\n" "${{COMPREPLY[@]}}"')
        r = self.run_tool(["bash", "-c", script, "bash", BASH_COMPLETION, *words])
        self.assertEqual((r.returncode, r.stderr), (0, ""))
        return [line for line in r.stdout.splitlines() if line]

    def test_nouns(self):
        self.assertEqual(sorted(self.complete("iop", "cli")), ["client", "clinician"])
        nouns = [noun for noun, _ in self.commands()]
        self.assertEqual(sorted(self.complete("iop", "")), sorted(nouns))
        self.assertEqual(sorted(self.complete("iop", "--format", "json", "")), sorted(nouns))

    def test_verbs_and_options_of_every_command(self):
        for noun, verbs in self.commands():
            if verbs:
                with self.subTest(noun=noun):
                    self.assertEqual(sorted(self.complete("iop", noun, "")), sorted(verbs))
        for noun, verb, options in self.commands_with_options():
            with self.subTest(noun=noun, verb=verb):
                offered = self.complete("iop", noun, *([verb] if verb else []), "--")
                self.assertLessEqual(set(options), set(offered))

    def test_fixed_values(self):
        self.assertEqual(self.complete("iop", "--format", ""), ["table", "json", "csv"])
        self.assertEqual(self.complete("iop", "client", "enroll", "--track", ""), ["mh", "sud", "dual"])
        self.assertEqual(self.complete("iop", "client", "enroll", "--sex", ""), ["F", "M", "X", "U"])
        self.assertEqual(self.complete("iop", "client", "list", "--status", ""), ["active", "discharged", "all"])
        self.assertEqual(self.complete("iop", "client", "discharge", "3", "--reason", "a"), ["ama", "administrative"])
        self.assertEqual(self.complete("iop", "clinician", "add", "--role", "individual,co"), ["individual,couples"])


class FishCompletionTest(DocsTestCase):
    def setUp(self):
        if not shutil.which("fish"):
            self.skipTest("fish is not installed (optional; apt-get install fish to run its completions)")
        super().setUp()

    def complete(self, line):
        r = self.run_tool(["fish", "--no-config", "-c", f"source {FISH_COMPLETION}; complete -C {line!r}"])
        self.assertEqual((r.returncode, r.stderr), (0, ""))
        return [entry.split("\t")[0] for entry in r.stdout.splitlines()]

    def test_nouns_verbs_and_options(self):
        self.assertEqual(sorted(self.complete("iop cli")), ["client", "clinician"])
        for noun, verbs in self.commands():
            if verbs:
                with self.subTest(noun=noun):
                    self.assertEqual(sorted(self.complete(f"iop {noun} ")), sorted(verbs))
        for noun, verb, options in self.commands_with_options():
            with self.subTest(noun=noun, verb=verb):
                offered = self.complete(f"iop {noun} {verb or ''} --".replace("  ", " "))
                self.assertLessEqual(set(options), set(offered))


class DayInTheLifeTest(DocsTestCase):
    def test_runs_on_a_fresh_database_and_cleans_up(self):
        env = dict(self.env, IOP_BIN=IOP_BIN, TMPDIR=self.dir)
        for variable in ("IOP_DB", "IOP_NOW", "IOP_USER"):
            env.pop(variable)
        r = subprocess.run(["bash", DAY_IN_THE_LIFE], capture_output=True, text=True, env=env, timeout=300)
        self.assertEqual(r.returncode, OK, f"stdout:\n{r.stdout}\nstderr:\n{r.stderr}")
        # The couple, by name, in the couple list and as each other's partner.
        self.assertIn("Siobhán O'Brien & José Núñez", r.stdout)
        self.assertRegex(r.stdout, r"(?m)^partner +José Núñez\b")
        # Exactly three errors, each shown on purpose: the refused second pairing, the refused double
        # booking and the refused edit of a signed note.
        self.assertEqual(r.stderr.count("iop: error:"), 3, r.stderr)
        self.assertIn("already in couple", r.stderr)
        self.assertIn("is already booked", r.stderr)
        self.assertIn("is locked", r.stderr)
        self.assertEqual(r.stdout.count("(exit 4: conflict"), 3, r.stdout)
        # The database itself refuses to rewrite the signed note (the sqlite3 shell's own error).
        self.assertIn("a signed note is locked", r.stdout + r.stderr)
        # The note is sealed and verifies; the PHQ-9 trend improved; the safety flag was raised.
        self.assertRegex(r.stdout, r"note \d+ verified")
        self.assertIn("clinically meaningful", r.stdout)
        self.assertIn("SAFETY: PHQ-9 item 9", r.stderr)
        self.assertIn("Addendum 1", r.stdout)
        # Note text never reaches stderr.
        self.assertNotIn("urge surfing", r.stderr)
        self.assertNotIn("runtime error:", r.stderr)
        self.assertNotIn("AddressSanitizer", r.stderr)
        # Its temporary folder is gone and nothing was written to the home folder's data.
        self.assertEqual([n for n in os.listdir(self.dir) if n.startswith("iop-demo.")], [])
        self.assertFalse(os.path.exists(os.path.join(self.dir, "xdg-data")))
        self.assertFalse(os.path.exists(self.db))


if __name__ == "__main__":
    unittest.main()
