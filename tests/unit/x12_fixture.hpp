// A sample 837P batch, its hand-checked text, and small readers of the output, shared by
// test_x12.cpp, test_x12_segments.cpp and test_x12_checks.cpp.
#pragma once

#include "iop/x12.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace x12_fixture {

using date::day;
using date::month;
using date::year;

inline iop::Date ymd(int y, unsigned m, unsigned d) {
  return iop::Date{year{y}, month{m}, day{d}};
}

inline iop::X12Address oak_street() {
  return {"12 Oak St", "", "Portland", "OR", "97202"};
}

// Ana is her own subscriber (claim 1001); Ben is covered as her partner (claim 1002, a replacement).
inline iop::X12Batch sample_batch() {
  iop::X12Batch b;
  b.envelope = {"HARBORLIGHT", "Harbor Light", "CLEARHOUSE", "Clearing House", "T", 1, 1, 1, ymd(2026, 11, 27), 9 * 60,
                "B1",          false,          true};
  b.contact = {"Billing Desk", "503-555-0100"};
  b.billing_provider = {"Harbor Light Virtual IOP",
                        "1234567893",
                        "93-1234567",
                        {"100 Main St", "", "Portland", "OR", "97201-0000"},
                        "261QM0801X"};
  iop::X12Claim ana;
  ana.claim_id = "1001";
  ana.place_of_service = "10";
  ana.diagnoses = {"F10.20", "F41.1"};
  ana.rendering = iop::X12Rendering{"Reyes", "Dana", "1000000004"};
  ana.payer = {"Acme PPO", "ACME1", "12"};
  ana.subscriber.member_id = "XJ123456";
  ana.subscriber.group_number = "G100";
  ana.patient = {"Reed", "Ana", ymd(1985, 2, 1), "F", oak_street()};
  ana.lines = {{"90834", {"95"}, 15000, 1, ymd(2026, 11, 23), {1, 2}},
               {"90853", {"95"}, 7550, 1, ymd(2026, 11, 24), {1}}};
  iop::X12Claim ben;
  ben.claim_id = "1002";
  ben.frequency = 7;
  ben.original_claim = "CLM0099";
  ben.place_of_service = "10";
  ben.prior_authorization = "AUTH77";
  ben.diagnoses = {"F43.10"};
  ben.rendering = ana.rendering;
  ben.payer = ana.payer;
  ben.subscriber = {"XJ123456", "G100", "Reed", "Ana", std::nullopt, "F", std::nullopt};
  ben.relationship = iop::X12Relationship::Partner;
  ben.patient = {"Reed", "Ben", ymd(1984, 6, 15), "M", oak_street()};
  ben.lines = {{"90847", {"95"}, 17000, 1, ymd(2026, 11, 23), {1}}};
  b.claims = {ana, ben};
  return b;
}

// The same text as SAMPLE in tests/e2e/test_x12_reader.py, which x12_reader.py checks: the
// writer and the reader agree on one hand-checked interchange.
inline const char* const k_sample = "ISA*00*          *00*          *ZZ*HARBORLIGHT    *ZZ*CLEARHOUSE     "
                                    "*261127*0900*^*00501*000000001*0*T*:~\n"
                                    "GS*HC*HARBORLIGHT*CLEARHOUSE*20261127*0900*1*X*005010X222A1~\n"
                                    "ST*837*0001*005010X222A1~\n"
                                    "BHT*0019*00*B1*20261127*0900*CH~\n"
                                    "NM1*41*2*HARBOR LIGHT*****46*HARBORLIGHT~\n"
                                    "PER*IC*BILLING DESK*TE*5035550100~\n"
                                    "NM1*40*2*CLEARING HOUSE*****46*CLEARHOUSE~\n"
                                    "HL*1**20*1~\n"
                                    "PRV*BI*PXC*261QM0801X~\n"
                                    "NM1*85*2*HARBOR LIGHT VIRTUAL IOP*****XX*1234567893~\n"
                                    "N3*100 MAIN ST~\n"
                                    "N4*PORTLAND*OR*972010000~\n"
                                    "REF*EI*931234567~\n"
                                    "HL*2*1*22*0~\n"
                                    "SBR*P*18*G100******12~\n"
                                    "NM1*IL*1*REED*ANA****MI*XJ123456~\n"
                                    "N3*12 OAK ST~\n"
                                    "N4*PORTLAND*OR*97202~\n"
                                    "DMG*D8*19850201*F~\n"
                                    "NM1*PR*2*ACME PPO*****PI*ACME1~\n"
                                    "CLM*1001*225.5***10:B:1*Y*A*Y*Y~\n"
                                    "HI*ABK:F1020*ABF:F411~\n"
                                    "NM1*82*1*REYES*DANA****XX*1000000004~\n"
                                    "LX*1~\n"
                                    "SV1*HC:90834:95*150*UN*1***1:2~\n"
                                    "DTP*472*D8*20261123~\n"
                                    "LX*2~\n"
                                    "SV1*HC:90853:95*75.5*UN*1***1~\n"
                                    "DTP*472*D8*20261124~\n"
                                    "HL*3*1*22*1~\n"
                                    "SBR*P**G100******12~\n"
                                    "NM1*IL*1*REED*ANA****MI*XJ123456~\n"
                                    "NM1*PR*2*ACME PPO*****PI*ACME1~\n"
                                    "HL*4*3*23*0~\n"
                                    "PAT*53~\n"
                                    "NM1*QC*1*REED*BEN~\n"
                                    "N3*12 OAK ST~\n"
                                    "N4*PORTLAND*OR*97202~\n"
                                    "DMG*D8*19840615*M~\n"
                                    "CLM*1002*170***10:B:7*Y*A*Y*Y~\n"
                                    "REF*G1*AUTH77~\n"
                                    "REF*F8*CLM0099~\n"
                                    "HI*ABK:F4310~\n"
                                    "NM1*82*1*REYES*DANA****XX*1000000004~\n"
                                    "LX*1~\n"
                                    "SV1*HC:90847:95*170*UN*1***1~\n"
                                    "DTP*472*D8*20261123~\n"
                                    "SE*46*0001~\n"
                                    "GE*1*1~\n"
                                    "IEA*1*000000001~\n";

inline std::vector<std::string> segments(const std::string& text) {
  std::vector<std::string> out;
  std::string seg;
  for (char c : text) {
    if (c == '~') {
      out.push_back(seg);
      seg.clear();
    } else if (c != '\n') {
      seg += c;
    }
  }
  return out;
}

inline std::vector<std::string> elements(const std::string& segment) {
  std::vector<std::string> out(1);
  for (char c : segment) {
    if (c == '*') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

inline std::vector<std::vector<std::string>> parsed(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  for (const std::string& s : segments(text)) {
    out.push_back(elements(s));
  }
  return out;
}

// The segments with this id (and first element, when given).
inline std::vector<std::vector<std::string>> find(const std::string& text, const std::string& id,
                                                  const std::string& first = "") {
  std::vector<std::vector<std::string>> out;
  for (auto& e : parsed(text)) {
    if (e[0] == id && (first.empty() || (e.size() > 1 && e[1] == first))) {
      out.push_back(e);
    }
  }
  return out;
}

inline std::string write(const iop::X12Batch& b) {
  return iop::write_837p(b);
}

// write_837p must refuse `b`, naming `field` and saying `words`.
inline void refuses(const iop::X12Batch& b, const std::string& field, const std::string& words) {
  CAPTURE(field);
  try {
    (void)iop::write_837p(b);
    FAIL("write_837p accepted a batch it should refuse");
  } catch (const iop::X12Invalid& e) {
    CHECK(e.field() == field);
    CHECK_MESSAGE(std::string(e.what()).find(words) != std::string::npos, e.what());
  }
}

} // namespace x12_fixture
