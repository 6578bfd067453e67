// The 837P layout (lib/x12.cpp): envelope, loops, HL tree, claims and lines.
#include "x12_fixture.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace x12_fixture;

TEST_SUITE("x12") {

  TEST_CASE("837P: the sample batch is written exactly as hand-checked") {
    CHECK(write(sample_batch()) == k_sample);
  }

  TEST_CASE("837P: the ISA is 106 characters, each element of its fixed width") {
    auto b = sample_batch();
    for (const auto& [submitter, receiver] : std::vector<std::pair<std::string, std::string>>{
             {"HARBORLIGHT", "CLEARHOUSE"}, {"AB", "XY"}, {"ABCDEFGHIJKLMNO", "123456789012345"}}) {
      CAPTURE(submitter);
      b.envelope.submitter_id = submitter;
      b.envelope.receiver_id = receiver;
      b.envelope.interchange_control = 123;
      b.envelope.usage = "P";
      b.envelope.acknowledgment_requested = true;
      const std::string text = write(b);
      const std::string isa = text.substr(0, text.find('~') + 1);
      CHECK(isa.size() == 106);
      const auto e = elements(isa.substr(0, 105));
      REQUIRE(e.size() == 17);
      const std::size_t widths[] = {3, 2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1};
      for (std::size_t i = 0; i < e.size(); ++i) {
        CAPTURE(i);
        CHECK(e[i].size() == widths[i]);
      }
      CHECK(e[2] == std::string(10, ' '));
      CHECK(e[4] == std::string(10, ' '));
      CHECK(e[6].substr(0, submitter.size()) == submitter);
      CHECK(e[8].substr(0, receiver.size()) == receiver);
      CHECK(e[9] == "261127");
      CHECK(e[10] == "0900");
      CHECK(e[11] == "^");
      CHECK(e[12] == "00501");
      CHECK(e[13] == "000000123");
      CHECK(e[14] == "1");
      CHECK(e[15] == "P");
      CHECK(e[16] == ":");
      CHECK(find(text, "IEA")[0][2] == "000000123");
    }
  }

  TEST_CASE("837P: amounts are written without trailing zeros") {
    const std::map<std::int64_t, std::string> cases{{15000, "150"}, {15050, "150.5"}, {15025, "150.25"},  {5, "0.05"},
                                                    {50, "0.5"},    {0, "0"},         {100001, "1000.01"}};
    for (const auto& [cents, text] : cases) {
      CAPTURE(cents);
      auto b = sample_batch();
      b.claims[1].lines[0].charge_cents = cents;
      const std::string out = write(b);
      CHECK(find(out, "SV1")[2][2] == text);
      CHECK(find(out, "CLM")[1][2] == text);
    }
  }

  TEST_CASE("837P: CLM02 is the sum of the claim's SV102 charges") {
    auto b = sample_batch();
    b.claims[0].lines.push_back({"90853", {}, 1, 1, ymd(2026, 11, 25), {2}});
    b.claims[1].lines.push_back({"90847", {"95"}, 17099, 1, ymd(2026, 11, 24), {1}});
    const std::string text = write(b);
    const auto to_cents = [](const std::string& amount) {
      const auto dot = amount.find('.');
      std::string frac = dot == std::string::npos ? "" : amount.substr(dot + 1);
      frac.resize(2, '0');
      return std::stoll(amount.substr(0, dot)) * 100 + std::stoll(frac);
    };
    std::vector<long long> totals;
    std::vector<long long> sums;
    for (const auto& seg : parsed(text)) {
      if (seg[0] == "CLM") {
        totals.push_back(to_cents(seg[2]));
        sums.push_back(0);
      } else if (seg[0] == "SV1") {
        sums.back() += to_cents(seg[2]);
      }
    }
    CHECK(totals == std::vector<long long>{22551, 34099});
    CHECK(sums == totals);
    CHECK(find(text, "CLM")[0][2] == "225.51");
    CHECK(find(text, "CLM")[1][2] == "340.99");
  }

  TEST_CASE("837P: SE01 counts the segments from ST to SE, GE01 and IEA01 count one each") {
    for (int extra = 0; extra < 3; ++extra) {
      CAPTURE(extra);
      auto b = sample_batch();
      for (int i = 0; i < extra; ++i) {
        auto c = b.claims[1];
        c.claim_id = "20" + std::to_string(i);
        b.claims.push_back(c);
      }
      const auto segs = parsed(write(b));
      std::size_t st = 0;
      std::size_t se = 0;
      for (std::size_t i = 0; i < segs.size(); ++i) {
        if (segs[i][0] == "ST") {
          st = i;
        } else if (segs[i][0] == "SE") {
          se = i;
        }
      }
      REQUIRE(se > st);
      CHECK(segs[se][1] == std::to_string(se - st + 1));
      CHECK(segs[se][2] == segs[st][2]);
      CHECK(segs[st][2] == "0001");
      CHECK(segs[se + 1] == std::vector<std::string>{"GE", "1", "1"});
      CHECK(segs[se + 2] == std::vector<std::string>{"IEA", "1", "000000001"});
      CHECK(se + 3 == segs.size());
    }
  }

  TEST_CASE("837P: control numbers: ISA13 9 digits, GS06 plain, ST02 at least 4 digits") {
    auto b = sample_batch();
    b.envelope.interchange_control = 987654321;
    b.envelope.group_control = 42;
    b.envelope.transaction_control = 123456;
    const std::string text = write(b);
    CHECK(text.substr(90, 9) == "987654321");
    CHECK(find(text, "GS")[0][6] == "42");
    CHECK(find(text, "GE")[0][2] == "42");
    CHECK(find(text, "ST")[0][2] == "123456");
    CHECK(find(text, "SE")[0][2] == "123456");
    CHECK(find(text, "IEA")[0][2] == "987654321");
  }

  TEST_CASE("837P: HL numbers increase, a patient who is not the subscriber gets a 2000C under their subscriber") {
    auto b = sample_batch();
    auto spouse = b.claims[1];
    spouse.claim_id = "1003";
    spouse.relationship = iop::X12Relationship::Spouse;
    auto child = b.claims[1];
    child.claim_id = "1004";
    child.relationship = iop::X12Relationship::Parent;
    auto other = b.claims[1];
    other.claim_id = "1005";
    other.relationship = iop::X12Relationship::Other;
    b.claims = {b.claims[0], b.claims[1], b.claims[0], spouse, child, other};
    b.claims[2].claim_id = "1006";
    const std::string text = write(b);
    std::vector<std::vector<std::string>> hls;
    for (auto hl : find(text, "HL")) {
      hl.resize(5);
      hls.push_back(hl);
    }
    const std::vector<std::vector<std::string>> expected{
        {"HL", "1", "", "20", "1"},   {"HL", "2", "1", "22", "0"},  {"HL", "3", "1", "22", "1"},
        {"HL", "4", "3", "23", "0"},  {"HL", "5", "1", "22", "0"},  {"HL", "6", "1", "22", "1"},
        {"HL", "7", "6", "23", "0"},  {"HL", "8", "1", "22", "1"},  {"HL", "9", "8", "23", "0"},
        {"HL", "10", "1", "22", "1"}, {"HL", "11", "10", "23", "0"}};
    CHECK(hls == expected);
    std::vector<std::string> pats;
    for (const auto& pat : find(text, "PAT")) {
      pats.push_back(pat[1]);
    }
    CHECK(pats == std::vector<std::string>{"53", "01", "19", "G8"});
    // SBR02 is 18 exactly for the subscribers who are the patient.
    std::vector<std::string> sbr02;
    for (const auto& sbr : find(text, "SBR")) {
      sbr02.push_back(sbr[2]);
    }
    CHECK(sbr02 == std::vector<std::string>{"18", "", "18", "", "", ""});
    CHECK(find(text, "DMG").size() == 6); // each patient once, no subscriber dob given
  }

  TEST_CASE("837P: a subscriber who is not the patient: address and birth date written when known") {
    auto b = sample_batch();
    b.claims = {b.claims[1]};
    b.claims[0].subscriber.date_of_birth = ymd(1985, 2, 1);
    b.claims[0].subscriber.address = oak_street();
    b.claims[0].subscriber.sex = "X";
    const auto segs = parsed(write(b));
    std::vector<std::string> ids;
    for (const auto& s : segs) {
      ids.push_back(s[0] == "NM1" || s[0] == "HL" ? s[0] + "*" + s[1] : s[0]);
    }
    const std::vector<std::string> loop2000b(ids.begin() + 13, ids.begin() + 26);
    CHECK(loop2000b == std::vector<std::string>{"HL*2", "SBR", "NM1*IL", "N3", "N4", "DMG", "NM1*PR", "HL*3", "PAT",
                                                "NM1*QC", "N3", "N4", "DMG"});
    CHECK(segs[18] == std::vector<std::string>{"DMG", "D8", "19850201", "U"}); // X is written U
  }

  TEST_CASE("837P: frequency 7 and 8 carry REF*F8 with the original claim, 1 does not") {
    auto b = sample_batch();
    b.claims[1].frequency = 8;
    b.claims[1].original_claim = "ORIG-9";
    const std::string text = write(b);
    CHECK(find(text, "CLM")[0][5] == "10:B:1");
    CHECK(find(text, "CLM")[1][5] == "10:B:8");
    CHECK(find(text, "REF", "F8") == std::vector<std::vector<std::string>>{{"REF", "F8", "ORIG-9"}});
    b.claims[1].original_claim = "";
    refuses(b, "claims[1].original_claim", "original claim number (REF*F8) is missing");
    b.claims[1].frequency = 1;
    b.claims[1].original_claim = "ORIG-9";
    refuses(b, "claims[1].original_claim", "only for a replacement (7) or a void (8)");
    b.claims[1].frequency = 5;
    refuses(b, "claims[1].frequency", "must be 1 (original), 7 (replacement) or 8 (void)");
  }

  TEST_CASE("837P: diagnoses are written without dots, ABK first, pointers are 1-based into them") {
    auto b = sample_batch();
    b.claims[0].diagnoses = {"F10.20", "f4310", " Z63.0 "};
    b.claims[0].lines[0].pointers = {3, 1};
    b.claims[0].lines[1].pointers = {2, 3, 1};
    const std::string text = write(b);
    CHECK(find(text, "HI")[0] == std::vector<std::string>{"HI", "ABK:F1020", "ABF:F4310", "ABF:Z630"});
    CHECK(find(text, "SV1")[0][7] == "3:1");
    CHECK(find(text, "SV1")[1][7] == "2:3:1");
    std::vector<std::string> twelve;
    for (int i = 0; i < 12; ++i) {
      twelve.push_back("F1" + std::to_string(i / 10) + "." + std::to_string(i % 10));
    }
    b.claims[0].diagnoses = twelve;
    b.claims[0].lines[0].pointers = {12, 11, 10, 9};
    const std::string full = write(b);
    CHECK(find(full, "HI")[0].size() == 13);
    CHECK(find(full, "HI")[0][12] == "ABF:F111");
    CHECK(find(full, "SV1")[0][7] == "12:11:10:9");
    b.claims[0].diagnoses.push_back("F43.10");
    refuses(b, "claims[0].diagnoses", "at most 12");
  }

  TEST_CASE("837P: procedure, modifiers and units in SV1") {
    auto b = sample_batch();
    b.claims[0].lines[0] = {"h0004", {"hf", "95", "GT", "59"}, 2500, 4, ymd(2026, 11, 23), {1}};
    b.claims[0].lines[1].modifiers.clear();
    const std::string text = write(b);
    CHECK(find(text, "SV1")[0] ==
          std::vector<std::string>{"SV1", "HC:H0004:HF:95:GT:59", "25", "UN", "4", "", "", "1"});
    CHECK(find(text, "SV1")[1][1] == "HC:90853");
    CHECK(find(text, "DTP")[0] == std::vector<std::string>{"DTP", "472", "D8", "20261123"});
    b.claims[0].lines[0].modifiers.push_back("XU");
    refuses(b, "claims[0].lines[0].modifiers", "at most 4");
  }

  TEST_CASE("837P: the rendering clinician is left out when absent or when it is the billing provider") {
    auto b = sample_batch();
    b.claims[0].rendering.reset();
    b.claims[1].rendering->npi = "1234567893";
    CHECK(find(write(b), "NM1", "82").empty());
  }

  TEST_CASE("837P: without line breaks the segments follow one another, the ISA still 106 characters") {
    auto b = sample_batch();
    b.envelope.line_breaks = false;
    const std::string text = write(b);
    CHECK(text.find('\n') == std::string::npos);
    CHECK(text.find('~') == 105);
    std::string expected = k_sample;
    std::erase(expected, '\n');
    CHECK(text == expected);
  }

  TEST_CASE("837P: parse_x12_relationship reads the coverage's words") {
    CHECK(iop::parse_x12_relationship("self") == iop::X12Relationship::Self);
    CHECK(iop::parse_x12_relationship(" Partner ") == iop::X12Relationship::Partner);
    CHECK(iop::parse_x12_relationship("spouse") == iop::X12Relationship::Spouse);
    CHECK(iop::parse_x12_relationship("parent") == iop::X12Relationship::Parent);
    CHECK(iop::parse_x12_relationship("other") == iop::X12Relationship::Other);
    CHECK_THROWS_AS(iop::parse_x12_relationship("child"), iop::Invalid);
  }

  TEST_CASE("837P: write_837p sample for the reader") {
    // tests/e2e/test_x12_reader.py checks this file with x12_reader.py when IOP_X12_SAMPLE names it.
    if (const char* path = std::getenv("IOP_X12_SAMPLE")) {
      auto b = sample_batch();
      auto c = b.claims[1];
      c.claim_id = "1003";
      c.relationship = iop::X12Relationship::Parent;
      c.frequency = 8;
      c.lines.push_back({"90834", {"93"}, 15025, 1, ymd(2026, 11, 24), {1}});
      b.claims.push_back(c);
      std::ofstream(path, std::ios::binary) << write(b);
    }
  }

  TEST_CASE("837P: X12Writer streams the same text as write_837p, in pieces, holding no claim") {
    const auto b = sample_batch();
    std::vector<std::string> pieces;
    iop::X12Writer writer(b, [&pieces](std::string_view text) { pieces.emplace_back(text); });
    for (const auto& c : b.claims) {
      writer.add(c);
    }
    CHECK(writer.claim_count() == 2);
    writer.finish();
    std::string joined;
    for (const auto& p : pieces) {
      joined += p;
    }
    CHECK(joined == k_sample);

    // A large batch reaches the sink in several bounded pieces, before finish(), and the HL
    // numbers and SE01 still come out as write_837p writes them.
    auto big = sample_batch();
    for (int i = 0; i < 1500; ++i) {
      auto c = big.claims[i % 2];
      c.claim_id = std::to_string(5000 + i);
      big.claims.push_back(c);
    }
    std::size_t calls = 0;
    std::size_t largest = 0;
    std::string streamed;
    iop::X12Writer large(big, [&](std::string_view text) {
      ++calls;
      largest = std::max(largest, text.size());
      streamed += text;
    });
    for (const auto& c : big.claims) {
      large.add(c);
    }
    const std::size_t before_finish = calls;
    large.finish();
    CHECK(before_finish > 3);
    CHECK(largest < 80 * 1024);
    CHECK(streamed == write(big));
  }

  TEST_CASE("837P: X12Writer refuses as write_837p does: header at once, claims as added, none at finish") {
    auto b = sample_batch();
    b.billing_provider.npi = "1234567890";
    CHECK_THROWS_AS(iop::X12Writer(b, [](std::string_view) {}), iop::X12Invalid);

    const auto good = sample_batch();
    iop::X12Writer empty(good, [](std::string_view) {});
    try {
      empty.finish();
      FAIL("finish() accepted a batch without claims");
    } catch (const iop::X12Invalid& e) {
      CHECK(e.field() == "claims");
    }

    iop::X12Writer writer(good, [](std::string_view) {});
    writer.add(good.claims[0]);
    auto bad = good.claims[1];
    bad.lines.clear();
    try {
      writer.add(bad);
      FAIL("add() accepted a claim without lines");
    } catch (const iop::X12Invalid& e) {
      CHECK(e.field() == "claims[1].lines");
    }
    iop::X12Writer twice(good, [](std::string_view) {});
    twice.add(good.claims[0]);
    try {
      twice.add(good.claims[0]);
      FAIL("add() accepted the same CLM01 twice");
    } catch (const iop::X12Invalid& e) {
      CHECK(e.field() == "claims[1].claim_id");
    }
    CHECK_NOTHROW(iop::X12Writer::check_claim_count(5000));
    CHECK_NOTHROW(iop::X12Writer::check_claim_count(5001));
    CHECK_THROWS_AS(iop::X12Writer::check_claim_count(0), iop::X12Invalid);
  }

  TEST_CASE("837P: more than 5000 claims go in several transaction sets of one group, each complete") {
    auto b = sample_batch();
    b.envelope.transaction_control = 41;
    const std::size_t total = 10001;
    while (b.claims.size() < total) {
      auto c = b.claims[b.claims.size() % 2];
      c.claim_id = "C" + std::to_string(b.claims.size());
      b.claims.push_back(c);
    }
    const auto segs = parsed(write(b));
    std::vector<std::size_t> sts;
    std::vector<std::size_t> ses;
    for (std::size_t i = 0; i < segs.size(); ++i) {
      if (segs[i][0] == "ST") {
        sts.push_back(i);
      } else if (segs[i][0] == "SE") {
        ses.push_back(i);
      }
    }
    REQUIRE(sts.size() == 3);
    REQUIRE(ses.size() == 3);
    const std::vector<std::size_t> expected_claims{5000, 5000, 1};
    for (std::size_t t = 0; t < 3; ++t) {
      CAPTURE(t);
      const std::size_t st = sts[t];
      const std::size_t se = ses[t];
      REQUIRE(se > st);
      CHECK(segs[st][2] == "004" + std::to_string(1 + t)); // 0041, 0042, 0043
      CHECK(segs[se][2] == segs[st][2]);
      CHECK(segs[se][1] == std::to_string(se - st + 1));
      // Each set starts as the first does: BHT, submitter, receiver, the billing provider's HL 1.
      CHECK(segs[st + 1][0] == "BHT");
      std::size_t claims = 0;
      int last_hl = 0;
      bool increasing = true;
      for (std::size_t i = st; i < se; ++i) {
        if (segs[i][0] == "CLM") {
          ++claims;
        } else if (segs[i][0] == "HL") {
          const int hl = std::stoi(segs[i][1]);
          increasing = increasing && hl == last_hl + 1;
          last_hl = hl;
        }
      }
      CHECK(increasing);
      CHECK(claims == expected_claims[t]);
      if (t + 1 < 3) {
        CHECK(segs[se + 1][0] == "ST"); // sets follow one another inside the group
      }
    }
    CHECK(segs[ses[2] + 1] == std::vector<std::string>{"GE", "3", "1"});
    CHECK(segs[ses[2] + 2][0] == "IEA");
  }
}
