"""`cmake --install` into a DESTDIR and `cpack -G DEB`: the binary, man page, completions and docs
land where man and the shells look, the package declares its Debian dependencies, and the
installed binary runs."""

import os
import re
import shutil
import stat
import subprocess
import tempfile
import unittest

from iop_test import IOP_BIN, IopTestCase

BUILD_DIR = os.environ.get("IOP_BUILD_DIR", "")
SANITIZED = os.environ.get("IOP_SANITIZE", "0") == "1"

# Relative to the root of the installed tree, with the prefix /usr that Debian uses.
INSTALLED = {
    "binary": "usr/bin/iop",
    "man page": "usr/share/man/man1/iop.1",
    "bash completion": "usr/share/bash-completion/completions/iop",
    "zsh completion": "usr/share/zsh/vendor-completions/_iop",
    "fish completion": "usr/share/fish/vendor_completions.d/iop.fish",
    "readme": "usr/share/doc/iop/README.md",
    "example config": "usr/share/doc/iop/examples/config.toml",
    "example cron script": "usr/share/doc/iop/examples/nightly-claims.sh",
}


def run(*args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)


@unittest.skipUnless(BUILD_DIR and shutil.which("cmake"), "needs IOP_BUILD_DIR and cmake")
class InstallTest(IopTestCase):
    def setUp(self):
        super().setUp()
        self.work = tempfile.mkdtemp(prefix="iop-install-")

    def tearDown(self):
        shutil.rmtree(self.work, ignore_errors=True)
        super().tearDown()

    def version(self):
        return re.match(r"iop (\S+)", self.ok("--version").out).group(1)

    def check_tree(self, root):
        for what, path in INSTALLED.items():
            with self.subTest(what=what):
                self.assertTrue(os.path.isfile(os.path.join(root, path)), f"{what} missing at {path}")
        self.assertTrue(os.stat(os.path.join(root, INSTALLED["binary"])).st_mode & stat.S_IXUSR)
        self.assertTrue(os.stat(os.path.join(root, INSTALLED["example cron script"])).st_mode & stat.S_IXUSR)

    def check_binary_runs(self, binary):
        """The installed binary, not the one in the build folder, does real work."""
        r = run(binary, "--version", env=self.env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"iop {self.version()}", r.stdout)
        for args in (("init",), ("clinician", "add", "--name", "Zoë O'Brien-Núñez", "--credential", "LMFT")):
            r = run(binary, *args, env=self.env)
            self.assertEqual(r.returncode, 0, r.stderr)
        r = run(binary, "--format", "json", "clinician", "list", env=self.env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Zoë O'Brien-Núñez", r.stdout)

    def test_cmake_install_into_a_destdir(self):
        destdir = os.path.join(self.work, "root")
        r = run("cmake", "--install", BUILD_DIR, "--prefix", "/usr", env={**os.environ, "DESTDIR": destdir})
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.check_tree(destdir)
        self.check_binary_runs(os.path.join(destdir, INSTALLED["binary"]))
        page = os.path.join(destdir, INSTALLED["man page"])
        if shutil.which("mandoc"):
            r = run("mandoc", "-Tutf8", "-Wwarning", page)
        elif shutil.which("man"):
            r = run("man", "-l", page, env={**os.environ, "MANPAGER": "cat", "MANWIDTH": "80"})
        else:
            self.skipTest("neither mandoc nor man is installed")
        self.assertEqual(r.returncode, 0, r.stderr)
        text = re.sub(".\x08", "", r.stdout)  # bold and underline are drawn by overstriking
        self.assertIn("NAME", text[:2000])
        self.assertIn("EXIT STATUS", text)
        self.assertNotIn(".TH", text[:2000])  # rendered text, not roff

    @unittest.skipIf(SANITIZED, "a sanitized build is not a product to package")
    @unittest.skipUnless(shutil.which("cpack") and shutil.which("dpkg-deb"), "needs cpack and dpkg-deb")
    def test_cpack_makes_a_deb_with_its_dependencies(self):
        out = os.path.join(self.work, "deb")
        r = run("cpack", "-G", "DEB", "--config", os.path.join(BUILD_DIR, "CPackConfig.cmake"), "-B", out)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        debs = [f for f in os.listdir(out) if f.endswith(".deb")]
        self.assertEqual(len(debs), 1, os.listdir(out))
        deb = os.path.join(out, debs[0])
        self.assertTrue(debs[0].startswith(f"iop_{self.version()}"), debs[0])

        info = run("dpkg-deb", "-I", deb).stdout
        self.assertRegex(info, r"(?m)^ Package: iop$")
        self.assertRegex(info, rf"(?m)^ Version: {re.escape(self.version())}$")
        depends = re.search(r"(?m)^ Depends: (.*)$", info).group(1)
        names = {d.strip().split()[0] for d in depends.split(",")}
        for needed in ("libsqlite3-0", "libical3", "libssl3", "tzdata"):
            self.assertIn(needed, names, depends)

        listing = run("dpkg-deb", "-c", deb).stdout
        for path in INSTALLED.values():
            self.assertIn(f"./{path}", listing)

        root = os.path.join(self.work, "extracted")
        self.assertEqual(run("dpkg-deb", "-x", deb, root).returncode, 0)
        self.check_tree(root)
        self.check_binary_runs(os.path.join(root, INSTALLED["binary"]))
