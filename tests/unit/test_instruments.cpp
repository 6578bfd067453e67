// Scoring rules of the questionnaires (lib/instruments.cpp), checked against totals worked out
// by hand from DOMAIN.md "Questionnaires". No database.
#include "iop/errors.hpp"
#include "iop/instruments.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using iop::find_instrument;
using iop::parse_answers;
using iop::score_answers;

namespace {

using Answers = std::vector<int>;

const iop::Instrument& phq() {
  return find_instrument("phq-9");
}
const iop::Instrument& gad() {
  return find_instrument("gad-7");
}
const iop::Instrument& scs() {
  return find_instrument("scs-sf");
}

// Answers of a sum instrument that add up to `total`, filled with 3s from item 1; the last
// item (PHQ-9 item 9) stays 0 so no flag interferes.
Answers summing_to(const iop::Instrument& in, int total) {
  Answers a(static_cast<std::size_t>(in.items), 0);
  for (std::size_t i = 0; i + 1 < a.size() && total > 0; ++i) {
    a[i] = std::min(total, in.max_answer);
    total -= a[i];
  }
  REQUIRE(total == 0);
  return a;
}

// SCS-SF answers whose *scored* values are `scored` (reverse-scored items answered 6 − value).
Answers scs_scoring(const std::vector<int>& scored) {
  Answers a;
  for (std::size_t i = 0; i < scored.size(); ++i) {
    a.push_back(iop::scored_value(scs(), static_cast<int>(i + 1), scored[i]));
  }
  return a;
}

double subscale(const iop::Score& s, const std::string& key) {
  for (const auto& sub : s.subscales) {
    if (sub.key == key) {
      return sub.mean;
    }
  }
  FAIL("no subscale " << key);
  return -1;
}

std::string parse_error(const iop::Instrument& in, const std::string& text) {
  try {
    parse_answers(in, text);
  } catch (const iop::Invalid& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST_SUITE("instruments") {

  TEST_CASE("instruments: PHQ-9 all minimum, all maximum, and a mixed set") {
    const auto low = score_answers(phq(), Answers(9, 0));
    CHECK(low.total == 0);
    CHECK(low.band == "minimal");
    CHECK_FALSE(low.flag_reason);
    CHECK(low.subscales.empty());

    const auto high = score_answers(phq(), Answers(9, 3));
    CHECK(high.total == 27);
    CHECK(high.band == "severe");
    CHECK(high.flag_reason); // item 9 is 3

    // 1+2+0+3+1+2+0+1+0 = 10 → moderate (10–14); item 9 is 0, so no flag.
    const auto mixed = score_answers(phq(), {1, 2, 0, 3, 1, 2, 0, 1, 0});
    CHECK(mixed.total == 10);
    CHECK(mixed.band == "moderate");
    CHECK_FALSE(mixed.flag_reason);
  }

  TEST_CASE("instruments: GAD-7 all minimum, all maximum, and a mixed set") {
    const auto low = score_answers(gad(), Answers(7, 0));
    CHECK(low.total == 0);
    CHECK(low.band == "minimal");
    const auto high = score_answers(gad(), Answers(7, 3));
    CHECK(high.total == 21);
    CHECK(high.band == "severe");
    CHECK_FALSE(high.flag_reason); // GAD-7 has no safety item
    // 2+1+3+0+1+2+0 = 9 → mild (5–9).
    const auto mixed = score_answers(gad(), {2, 1, 3, 0, 1, 2, 0});
    CHECK(mixed.total == 9);
    CHECK(mixed.band == "mild");
  }

  TEST_CASE("instruments: SCS-SF all 1s and all 5s both score 3.0 because half the items are reversed") {
    // All 1: items 2,3,5,6,7,10 score 1; reversed items 1,4,8,9,11,12 score 6−1 = 5.
    // Sum 6×1 + 6×5 = 36; mean 36/12 = 3.0 → moderate. All 5 mirrors it: 6×5 + 6×1 = 36.
    for (int answer : {1, 5}) {
      CAPTURE(answer);
      const auto s = score_answers(scs(), Answers(12, answer));
      CHECK(s.total == doctest::Approx(3.0));
      CHECK(s.band == "moderate");
      // Each subscale pairs two items of the same direction: all 1s give 1 (plain) or 5 (reversed).
      CHECK(subscale(s, "self_kindness") == (answer == 1 ? 1.0 : 5.0));
      CHECK(subscale(s, "self_judgment") == (answer == 1 ? 5.0 : 1.0));
    }
  }

  TEST_CASE("instruments: SCS-SF lowest and highest possible totals") {
    // Lowest: plain items answered 1, reversed items answered 5 (scored 6−5 = 1): mean 12/12 = 1.0.
    const auto low = score_answers(scs(), {5, 1, 1, 5, 1, 1, 1, 5, 5, 1, 5, 5});
    CHECK(low.total == doctest::Approx(1.0));
    CHECK(low.band == "low");
    // Highest: plain items answered 5, reversed items answered 1 (scored 5): mean 60/12 = 5.0.
    const auto high = score_answers(scs(), {1, 5, 5, 1, 5, 5, 5, 1, 1, 5, 1, 1});
    CHECK(high.total == doctest::Approx(5.0));
    CHECK(high.band == "high");
    CHECK(high.subscales.size() == 6);
    for (const auto& sub : high.subscales) {
      CHECK(sub.mean == doctest::Approx(5.0));
    }
    CHECK_FALSE(high.flag_reason);
  }

  TEST_CASE("instruments: SCS-SF mixed set with reverse scoring and subscales worked by hand") {
    // item:    1  2  3  4  5  6  7  8  9 10 11 12
    // answer:  1  5  4  2  3  1  5  3  2  4  5  1
    // reversed items (1,4,8,9,11,12) score 6 − answer:
    //          1→5, 4: 2→4, 8: 3→3, 9: 2→4, 11: 5→1, 12: 1→5
    // scored:  5  5  4  4  3  1  5  3  4  4  1  5
    // sum = 5+5+4+4+3+1+5+3+4+4+1+5 = 44; total = 44/12 = 3.666… → high (above 3.5)
    // self-kindness (2,6) = (5+1)/2 = 3.0       self-judgment (11,12) = (1+5)/2 = 3.0
    // common humanity (5,10) = (3+4)/2 = 3.5    isolation (4,8) = (4+3)/2 = 3.5
    // mindfulness (3,7) = (4+5)/2 = 4.5         over-identification (1,9) = (5+4)/2 = 4.5
    const auto s = score_answers(scs(), {1, 5, 4, 2, 3, 1, 5, 3, 2, 4, 5, 1});
    CHECK(s.total == doctest::Approx(44.0 / 12));
    CHECK(s.band == "high");
    CHECK(subscale(s, "self_kindness") == 3.0);
    CHECK(subscale(s, "self_judgment") == 3.0);
    CHECK(subscale(s, "common_humanity") == 3.5);
    CHECK(subscale(s, "isolation") == 3.5);
    CHECK(subscale(s, "mindfulness") == 4.5);
    CHECK(subscale(s, "over_identification") == 4.5);
    // Subscales come in the order DOMAIN.md lists them.
    REQUIRE(s.subscales.size() == 6);
    CHECK(s.subscales.front().key == "self_kindness");
    CHECK(s.subscales.back().key == "over_identification");
    CHECK(iop::format_score(scs(), s.total) == "3.67");
  }

  TEST_CASE("instruments: PHQ-9 bands at their cut-offs") {
    const std::vector<std::pair<int, std::string>> edges{{4, "minimal"},
                                                         {5, "mild"},
                                                         {9, "mild"},
                                                         {10, "moderate"},
                                                         {14, "moderate"},
                                                         {15, "moderately severe"},
                                                         {19, "moderately severe"},
                                                         {20, "severe"}};
    for (const auto& [total, band] : edges) {
      CAPTURE(total);
      const auto s = score_answers(phq(), summing_to(phq(), total));
      CHECK(s.total == total);
      CHECK(s.band == band);
    }
  }

  TEST_CASE("instruments: GAD-7 bands at their cut-offs") {
    const std::vector<std::pair<int, std::string>> edges{{4, "minimal"},   {5, "mild"},      {9, "mild"},
                                                         {10, "moderate"}, {14, "moderate"}, {15, "severe"}};
    for (const auto& [total, band] : edges) {
      CAPTURE(total);
      const auto s = score_answers(gad(), summing_to(gad(), total));
      CHECK(s.total == total);
      CHECK(s.band == band);
    }
  }

  TEST_CASE("instruments: SCS-SF bands at 29/12 | 30/12 and 42/12 | 43/12") {
    // Scored sums 29 (2.417, low), 30 (2.5, moderate), 42 (3.5, moderate), 43 (3.583, high).
    const std::vector<std::pair<std::vector<int>, std::string>> cases{
        {{3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2}, "low"},      // 5×3 + 7×2 = 29
        {{3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2}, "moderate"}, // 6×3 + 6×2 = 30
        {{4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3}, "moderate"}, // 6×4 + 6×3 = 42
        {{4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3}, "high"},     // 7×4 + 5×3 = 43
    };
    for (const auto& [scored, band] : cases) {
      int sum = 0;
      for (int v : scored) {
        sum += v;
      }
      CAPTURE(sum);
      const auto s = score_answers(scs(), scs_scoring(scored));
      CHECK(s.total == doctest::Approx(sum / 12.0));
      CHECK(s.band == band);
      CHECK(iop::band_of(scs(), sum / 12.0) == band);
    }
  }

  TEST_CASE("instruments: PHQ-9 item 9 above 0 flags, whatever the total") {
    // Item 9 = 0 with the highest total it allows (24, severe): no flag.
    const auto high = score_answers(phq(), {3, 3, 3, 3, 3, 3, 3, 3, 0});
    CHECK(high.total == 24);
    CHECK(high.band == "severe");
    CHECK_FALSE(high.flag_reason);
    // Item 9 = 1 and nothing else: total 1, minimal, and flagged.
    const auto low = score_answers(phq(), {0, 0, 0, 0, 0, 0, 0, 0, 1});
    CHECK(low.total == 1);
    CHECK(low.band == "minimal");
    REQUIRE(low.flag_reason);
    CHECK(*low.flag_reason ==
          "PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered 1 (several days)");
    for (int answer : {2, 3}) {
      Answers a(9, 0);
      a[8] = answer;
      const auto s = score_answers(phq(), a);
      REQUIRE(s.flag_reason);
      CHECK(s.flag_reason->find("answered " + std::to_string(answer)) != std::string::npos);
    }
    // Only item 9 counts: a 3 on item 8 does not flag.
    CHECK_FALSE(score_answers(phq(), {0, 0, 0, 0, 0, 0, 0, 3, 0}).flag_reason);
  }

  TEST_CASE("instruments: answers parse with spaces around commas") {
    CHECK(parse_answers(phq(), "0,1,2,3,0,1,2,3,0") == Answers{0, 1, 2, 3, 0, 1, 2, 3, 0});
    CHECK(parse_answers(phq(), " 0 , 1,2 ,3,\t0,1, 2,3 ,0 ") == Answers{0, 1, 2, 3, 0, 1, 2, 3, 0});
    CHECK(parse_answers(gad(), "00,01,2,3,0,1,2") == Answers{0, 1, 2, 3, 0, 1, 2});
  }

  TEST_CASE("instruments: the number of answers must match the items") {
    CHECK(parse_error(phq(), "1,1,1,1,1,1,1,1") == "phq-9 has 9 items; got 8 answers");
    CHECK(parse_error(phq(), "1,1,1,1,1,1,1,1,1,1") == "phq-9 has 9 items; got 10 answers");
    CHECK(parse_error(gad(), "1") == "gad-7 has 7 items; got 1 answer");
    CHECK(parse_error(scs(), "1,2,3") == "scs-sf has 12 items; got 3 answers");
    CHECK(parse_error(phq(), "") == "no answers given; phq-9 has 9 items");
    CHECK(parse_error(phq(), "   ") == "no answers given; phq-9 has 9 items");
    CHECK_THROWS_AS(score_answers(phq(), Answers(8, 0)), iop::Invalid);
  }

  TEST_CASE("instruments: each answer must be in the instrument's range, naming the item") {
    CHECK(parse_error(phq(), "1,1,4,1,1,1,1,1,1") == "item 3: 4 is out of range 0–3");
    CHECK(parse_error(gad(), "1,1,1,1,1,1,-1") == "item 7: -1 is out of range 0–3");
    CHECK(parse_error(scs(), "0,1,1,1,1,1,1,1,1,1,1,1") == "item 1: 0 is out of range 1–5");
    CHECK(parse_error(scs(), "1,1,1,1,1,1,1,1,1,1,1,6") == "item 12: 6 is out of range 1–5");
    // Huge numbers are out of range, not an overflow.
    CHECK(parse_error(phq(), "99999999999999999999,1,1,1,1,1,1,1,1") ==
          "item 1: 99999999999999999999 is out of range 0–3");
    CHECK(parse_error(phq(), "1,-99999999999999999999,1,1,1,1,1,1,1") ==
          "item 2: -99999999999999999999 is out of range 0–3");
    CHECK_THROWS_AS(score_answers(gad(), {0, 0, 0, 0, 0, 0, 4}), iop::Invalid);
  }

  TEST_CASE("instruments: malformed answers name the item") {
    CHECK(parse_error(phq(), "1,x,1,1,1,1,1,1,1") == "item 2: 'x' is not a whole number");
    CHECK(parse_error(phq(), "1,,2,1,1,1,1,1,1") == "item 2 is empty");
    CHECK(parse_error(phq(), "1,1,1,1,1,1,1,1,") == "item 9 is empty");
    CHECK(parse_error(phq(), ",1,1,1,1,1,1,1,1") == "item 1 is empty");
    CHECK(parse_error(phq(), "+1,1,1,1,1,1,1,1,1") == "item 1: '+1' is not a whole number");
    CHECK(parse_error(phq(), "1,1.5,1,1,1,1,1,1,1") == "item 2: '1.5' is not a whole number");
    CHECK(parse_error(phq(), "1,1,1 2,1,1,1,1,1") == "item 3: '1 2' is not a whole number");
    CHECK(parse_error(phq(), "1;1;1;1;1;1;1;1;1") == "item 1: '1;1;1;1;1;1;1;1;1' is not a whole number");
    CHECK(parse_error(phq(), "1,1,1,1,-,1,1,1,1") == "item 5: '-' is not a whole number");
    CHECK(parse_error(phq(), "1,1,1,1,1,1,1,1,0x1") == "item 9: '0x1' is not a whole number");
  }

  TEST_CASE("instruments: the hint says how to answer") {
    try {
      parse_answers(phq(), "1");
      FAIL("no error");
    } catch (const iop::Invalid& e) {
      CHECK(e.hint().find("9 whole numbers 0–3") != std::string::npos);
    }
  }

  TEST_CASE("instruments: find_instrument is case-insensitive and names the choices") {
    CHECK(find_instrument("PHQ-9").id == "phq-9");
    CHECK(find_instrument(" gad-7 ").id == "gad-7");
    CHECK(find_instrument("SCS-SF").items == 12);
    CHECK_THROWS_WITH_AS(find_instrument("phq9"), "unknown instrument 'phq9'", iop::Invalid);
    CHECK_THROWS_AS(find_instrument(""), iop::Invalid);
  }

  TEST_CASE("instruments: scores and changes as text and as JSON numbers") {
    CHECK(iop::format_score(phq(), 12) == "12");
    CHECK(iop::format_score(scs(), 29.0 / 12) == "2.42");
    CHECK(iop::format_change(phq(), -5) == "-5");
    CHECK(iop::format_change(phq(), 3) == "+3");
    CHECK(iop::format_change(phq(), 0) == "0");
    CHECK(iop::format_change(scs(), 14.0 / 12) == "+1.17");
    CHECK(iop::format_change(scs(), -0.001) == "0.00");
    CHECK(iop::round_score(scs(), 29.0 / 12) == doctest::Approx(2.42));
    CHECK(iop::round_score(phq(), 7) == 7);
    CHECK(iop::answer_label(scs(), 5) == "almost always");
    CHECK(iop::answer_label(phq(), 4).empty());
  }
}
