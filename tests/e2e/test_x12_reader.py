"""Unit tests of x12_reader.py, the 837P reader the end-to-end tests of `claim export --x12` use:
it must accept a well-formed interchange and reject each kind of broken one."""

import os
import re
import unittest
from decimal import Decimal

import x12_reader
from x12_reader import X12StructureError, check_structure, claims, parse

# Laid out by hand from DOMAIN.md; tests/unit/test_x12.cpp checks that write_837p produces exactly
# this text. Claim 1001: Ana is her own subscriber. Claim 1002: Ben, covered as Ana's partner
# (PAT*53), a replacement (frequency 7) of the payer's claim CLM0099, with a prior authorization.
SAMPLE = """\
ISA*00*          *00*          *ZZ*HARBORLIGHT    *ZZ*CLEARHOUSE     *261127*0900*^*00501*000000001*0*T*:~
GS*HC*HARBORLIGHT*CLEARHOUSE*20261127*0900*1*X*005010X222A1~
ST*837*0001*005010X222A1~
BHT*0019*00*B1*20261127*0900*CH~
NM1*41*2*HARBOR LIGHT*****46*HARBORLIGHT~
PER*IC*BILLING DESK*TE*5035550100~
NM1*40*2*CLEARING HOUSE*****46*CLEARHOUSE~
HL*1**20*1~
PRV*BI*PXC*261QM0801X~
NM1*85*2*HARBOR LIGHT VIRTUAL IOP*****XX*1234567893~
N3*100 MAIN ST~
N4*PORTLAND*OR*972010000~
REF*EI*931234567~
HL*2*1*22*0~
SBR*P*18*G100******12~
NM1*IL*1*REED*ANA****MI*XJ123456~
N3*12 OAK ST~
N4*PORTLAND*OR*97202~
DMG*D8*19850201*F~
NM1*PR*2*ACME PPO*****PI*ACME1~
CLM*1001*225.5***10:B:1*Y*A*Y*Y~
HI*ABK:F1020*ABF:F411~
NM1*82*1*REYES*DANA****XX*1000000004~
LX*1~
SV1*HC:90834:95*150*UN*1***1:2~
DTP*472*D8*20261123~
LX*2~
SV1*HC:90853:95*75.5*UN*1***1~
DTP*472*D8*20261124~
HL*3*1*22*1~
SBR*P**G100******12~
NM1*IL*1*REED*ANA****MI*XJ123456~
NM1*PR*2*ACME PPO*****PI*ACME1~
HL*4*3*23*0~
PAT*53~
NM1*QC*1*REED*BEN~
N3*12 OAK ST~
N4*PORTLAND*OR*97202~
DMG*D8*19840615*M~
CLM*1002*170***10:B:7*Y*A*Y*Y~
REF*G1*AUTH77~
REF*F8*CLM0099~
HI*ABK:F4310~
NM1*82*1*REYES*DANA****XX*1000000004~
LX*1~
SV1*HC:90847:95*170*UN*1***1~
DTP*472*D8*20261123~
SE*46*0001~
GE*1*1~
IEA*1*000000001~
"""


def broken(old, new, text=SAMPLE):
    """SAMPLE with exactly one occurrence of `old` replaced."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


class ParseTest(unittest.TestCase):
    def test_segments_and_elements(self):
        segments = parse(SAMPLE)
        self.assertEqual(len(segments), 50)
        self.assertEqual(segments[0][0], "ISA")
        self.assertEqual(segments[0][6], "HARBORLIGHT    ")
        self.assertEqual(segments[7], ["HL", "1", "", "20", "1"])
        self.assertEqual(segments[14], ["SBR", "P", "18", "G100", "", "", "", "", "", "12"])
        self.assertEqual(segments[-1], ["IEA", "1", "000000001"])

    def test_line_breaks_are_optional(self):
        one_line = SAMPLE.replace("\n", "")
        crlf = SAMPLE.replace("\n", "\r\n")
        self.assertEqual(parse(one_line), parse(SAMPLE))
        self.assertEqual(parse(crlf), parse(SAMPLE))

    def test_delimiters_come_from_the_isa(self):
        other = SAMPLE.replace("*", "|").replace("~", "\\").replace(":", ">")
        # The ISA11 repetition separator '^' is kept; '>' becomes the component separator.
        self.assertEqual(x12_reader.delimiters(other), ("|", "^", ">", "\\"))
        self.assertEqual(parse(other), parse(SAMPLE.replace(":", ">")))
        check_structure(other)

    def test_not_an_interchange(self):
        with self.assertRaisesRegex(X12StructureError, "starts with ISA"):
            parse("GS*HC~")
        with self.assertRaisesRegex(X12StructureError, "106 characters"):
            parse("ISA*00*~")


class CheckStructureTest(unittest.TestCase):
    def test_accepts_the_sample_with_or_without_line_breaks(self):
        self.assertEqual(len(check_structure(SAMPLE)), 50)
        check_structure(SAMPLE.replace("\n", ""))
        check_structure(SAMPLE.replace("\n", "\r\n"))

    def test_rejects(self):
        cases = [
            ("wrong SE count", broken("SE*46*0001", "SE*45*0001"), "SE01 says 45 segments, there are 46"),
            ("SE02 not ST02", broken("SE*46*0001", "SE*46*0002"), "SE02 0002 is not ST02 0001"),
            ("wrong claim total", broken("CLM*1001*225.5*", "CLM*1001*225.51*"),
             "claim 1001: CLM02 225.51 is not the sum of the lines"),
            ("wrong line charge", broken("SV1*HC:90847:95*170*", "SV1*HC:90847:95*17*"),
             "claim 1002: CLM02 170 is not the sum"),
            ("short ISA", broken("*HARBORLIGHT    *", "*HARBORLIGHT   *"), "ISA06"),
            ("IEA02 not ISA13", broken("IEA*1*000000001", "IEA*1*000000002"), "IEA02"),
            ("IEA01 wrong", broken("IEA*1*", "IEA*2*"), "IEA01 says 2 groups, there are 1"),
            ("GE02 not GS06", broken("GE*1*1", "GE*1*2"), "GE02 2 is not GS06 1"),
            ("GE01 wrong", broken("GE*1*1", "GE*3*1"), "GE01 says 3 transactions, there are 1"),
            ("HL ids skip", broken("HL*4*3*23*0", "HL*5*3*23*0"), "HL ids must run"),
            ("HL parent of the wrong level", broken("HL*4*3*23*0", "HL*4*1*23*0"), "level 22 parent"),
            ("HL parent unknown", broken("HL*3*1*22*1", "HL*3*7*22*1"), "level 20 parent"),
            ("HL04 says no child", broken("HL*3*1*22*1", "HL*3*1*22*0"), "HL 3 says HL04='0' but has child"),
            ("HL04 says a child", broken("HL*2*1*22*0", "HL*2*1*22*1"), "HL 2 says HL04='1' but has no child"),
            ("SV1 before LX", broken("LX*2~\nSV1*HC:90853:95*75.5*UN*1***1~",
                                     "SV1*HC:90853:95*75.5*UN*1***1~\nLX*2~"), "LX*2 must be followed by SV1"),
            ("LX numbers", broken("LX*2~", "LX*3~"), "LX ['3'] where LX*2 belongs"),
            ("no date of service", broken("DTP*472*D8*20261124~\n", "", broken("SE*46*", "SE*45*")),
             "line 2: no DTP*472"),
            ("replacement without REF*F8", broken("REF*F8*CLM0099~\n", "", broken("SE*46*", "SE*45*")),
             "frequency 7 needs REF*F8"),
            ("diagnosis with its dot", broken("ABK:F4310", "ABK:F43.10"), "without a dot"),
            ("pointer out of range", broken("SV1*HC:90847:95*170*UN*1***1", "SV1*HC:90847:95*170*UN*1***2"),
             "pointers '2' out of range"),
            ("second diagnosis qualifier", broken("ABF:F411", "ABK:F411"), "HI02 qualifier 'ABK'"),
            ("header order", broken("PER*IC*BILLING DESK*TE*5035550100~\nNM1*40*2*CLEARING HOUSE*****46*CLEARHOUSE~",
                                    "NM1*40*2*CLEARING HOUSE*****46*CLEARHOUSE~\nPER*IC*BILLING DESK*TE*5035550100~"),
             "the header must be BHT, NM1*41, PER, NM1*40"),
            ("no SBR", broken("SBR*P*18*G100******12~", "REF*SY*123456789~"), "HL 2: SBR must follow"),
            ("payer before subscriber", broken(
                "NM1*IL*1*REED*ANA****MI*XJ123456~\nNM1*PR*2*ACME PPO*****PI*ACME1~\nHL*4",
                "NM1*PR*2*ACME PPO*****PI*ACME1~\nNM1*IL*1*REED*ANA****MI*XJ123456~\nHL*4"), "NM1*IL then NM1*PR"),
            ("self subscriber with a patient loop", broken("SBR*P**G100", "SBR*P*18*G100"), "SBR02 18"),
            ("patient loop without PAT", broken("PAT*53~\n", "", broken("SE*46*", "SE*45*")), "PAT, NM1*QC"),
            ("a claim under the subscriber of a dependant", broken(
                "NM1*PR*2*ACME PPO*****PI*ACME1~\nHL*4", "NM1*PR*2*ACME PPO*****PI*ACME1~\n"
                "CLM*9*0***10:B:1*Y*A*Y*Y~\nHI*ABK:F4310~\nLX*1~\nSV1*HC:90847*0*UN*1***1~\nDTP*472*D8*20261123~\nHL*4",
                broken("SE*46*", "SE*51*")), "a claim belongs under the patient loop"),
            ("no claim", broken("CLM*1001", "XXX*1001"), "HL 2: no claim"),
            ("unknown HL level", broken("HL*4*3*23*0", "HL*4*3*24*0"), "unknown level"),
            ("missing IEA", SAMPLE.replace("IEA*1*000000001~\n", ""), "from ISA to IEA"),
            ("wrong version", SAMPLE.replace("005010X222A1", "005010X223A2"), "005010X222A1"),
        ]
        for name, text, message in cases:
            with self.subTest(name):
                with self.assertRaisesRegex(X12StructureError, re.escape(message)):
                    check_structure(text)

    def test_a_structure_error_fails_a_test(self):
        # Later tests call check_structure() bare: a broken file must fail them, not error them.
        self.assertTrue(issubclass(X12StructureError, AssertionError))


class ClaimsTest(unittest.TestCase):
    def test_reads_each_claim(self):
        first, second = claims(SAMPLE)
        self.assertEqual(first["id"], "1001")
        self.assertEqual(first["total"], Decimal("225.5"))
        self.assertEqual(first["place_of_service"], "10")
        self.assertEqual(first["frequency"], "1")
        self.assertEqual(first["relationship"], "18")
        self.assertEqual(first["patient"], {"last": "REED", "first": "ANA", "member_id": "XJ123456"})
        self.assertEqual(first["payer"], {"name": "ACME PPO", "id": "ACME1"})
        self.assertEqual(first["diagnoses"], ["F1020", "F411"])
        self.assertEqual(first["rendering_npi"], "1000000004")
        self.assertIsNone(first["original_claim"])
        self.assertEqual(first["lines"], [
            {"code": "90834", "modifiers": ["95"], "charge": Decimal("150"), "units": "1", "pointers": [1, 2],
             "date": "20261123"},
            {"code": "90853", "modifiers": ["95"], "charge": Decimal("75.5"), "units": "1", "pointers": [1],
             "date": "20261124"},
        ])
        self.assertEqual(second["id"], "1002")
        self.assertEqual(second["frequency"], "7")
        self.assertEqual(second["relationship"], "53")
        self.assertEqual(second["patient"], {"last": "REED", "first": "BEN"})
        self.assertEqual(second["subscriber"]["member_id"], "XJ123456")
        self.assertEqual(second["original_claim"], "CLM0099")
        self.assertEqual(second["prior_authorization"], "AUTH77")
        self.assertEqual([line["code"] for line in second["lines"]], ["90847"])

    def test_refuses_a_broken_interchange(self):
        with self.assertRaises(X12StructureError):
            claims(broken("SE*46*0001", "SE*47*0001"))


@unittest.skipUnless(os.environ.get("IOP_X12_SAMPLE"), "IOP_X12_SAMPLE names no file written by iop_unit_tests")
class WriterOutputTest(unittest.TestCase):
    """Run `IOP_X12_SAMPLE=/tmp/x.837 iop_unit_tests -tc="837P: write_837p sample*"` first."""

    def test_the_writer_output_is_well_formed(self):
        with open(os.environ["IOP_X12_SAMPLE"], encoding="ascii") as f:
            text = f.read()
        found = claims(text)
        self.assertEqual([c["id"] for c in found], ["1001", "1002", "1003"])
        self.assertEqual(found[2]["relationship"], "19")
        self.assertEqual(found[2]["total"], Decimal("320.25"))


if __name__ == "__main__":
    unittest.main()
