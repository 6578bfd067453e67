#include "iop/errors.hpp"
#include "iop/recurrence.hpp"

#include <doctest/doctest.h>

using namespace iop;

namespace {
Date d(int y, unsigned m, unsigned day) {
  return Date{date::year{y}, date::month{m}, date::day{day}};
}
LocalDateTime at(int y, unsigned m, unsigned day, int h, int min = 0) {
  return {d(y, m, day), h, min};
}
} // namespace

TEST_CASE("weekly_rule builds an RFC 5545 rule from day names") {
  CHECK(weekly_rule("mon,wed,fri", 12, std::nullopt) == "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12");
  CHECK(weekly_rule("Tue, thu", std::nullopt, d(2026, 12, 31)) == "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261231T235959");
  CHECK(weekly_rule("monday,mon", 2, std::nullopt) == "FREQ=WEEKLY;BYDAY=MO;COUNT=2");
  CHECK_THROWS_AS(weekly_rule("mon,funday", 3, std::nullopt), Invalid);
  CHECK_THROWS_AS(weekly_rule("mon", 3, d(2026, 12, 31)), Invalid);
  CHECK_THROWS_AS(weekly_rule("mon", 0, std::nullopt), Invalid);
}

TEST_CASE("a weekly series keeps its first day and count") {
  // 2026-11-30 is a Monday.
  const auto got = expand_rule("FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=5", at(2026, 11, 30, 10));
  REQUIRE(got.size() == 5);
  CHECK(got[0] == at(2026, 11, 30, 10));
  CHECK(got[1] == at(2026, 12, 2, 10));
  CHECK(got[2] == at(2026, 12, 4, 10));
  CHECK(got[3] == at(2026, 12, 7, 10));
  CHECK(got[4] == at(2026, 12, 9, 10));
}

TEST_CASE("a start outside BYDAY begins on the next matching day") {
  // 2026-12-01 is a Tuesday: the first Monday/Wednesday/Friday after it is Wednesday the 2nd.
  const auto got = expand_rule("FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=3", at(2026, 12, 1, 9, 30));
  REQUIRE(got.size() == 3);
  CHECK(got[0] == at(2026, 12, 2, 9, 30));
  CHECK(got[2] == at(2026, 12, 7, 9, 30));
}

TEST_CASE("UNTIL includes the last day") {
  const auto got = expand_rule("FREQ=WEEKLY;BYDAY=TH;UNTIL=20261217T235959", at(2026, 12, 3, 18));
  REQUIRE(got.size() == 3);
  CHECK(got.back() == at(2026, 12, 17, 18));
}

TEST_CASE("rules that never end, are malformed, or are too long are refused") {
  CHECK_THROWS_AS(expand_rule("FREQ=WEEKLY;BYDAY=MO", at(2026, 12, 7, 9)), Invalid);
  CHECK_THROWS_AS(expand_rule("FREQ=SOMETIMES;COUNT=3", at(2026, 12, 7, 9)), Invalid);
  CHECK_THROWS_AS(expand_rule("FREQ=DAILY;COUNT=401", at(2026, 12, 7, 9)), Invalid);
  CHECK(expand_rule("FREQ=DAILY;COUNT=400", at(2026, 12, 7, 9)).size() == 400);
}

TEST_CASE("local times stay put across both 2026 daylight-saving changes in New York") {
  // 8 March 2026 (spring forward) and 1 November 2026 (fall back) are Sundays.
  const auto spring = expand_rule("FREQ=WEEKLY;BYDAY=MO;COUNT=2", at(2026, 3, 2, 10));
  CHECK(format_utc(to_instant(spring[0], "America/New_York")) == "2026-03-02T15:00:00Z"); // EST, UTC-5
  CHECK(format_utc(to_instant(spring[1], "America/New_York")) == "2026-03-09T14:00:00Z"); // EDT, UTC-4
  const auto fall = expand_rule("FREQ=WEEKLY;BYDAY=MO;COUNT=2", at(2026, 10, 26, 10));
  CHECK(format_utc(to_instant(fall[0], "America/New_York")) == "2026-10-26T14:00:00Z"); // EDT
  CHECK(format_utc(to_instant(fall[1], "America/New_York")) == "2026-11-02T15:00:00Z"); // EST
}

TEST_CASE("a zone without daylight saving keeps the same UTC time all year") {
  const auto weeks = expand_rule("FREQ=WEEKLY;BYDAY=MO;COUNT=40", at(2026, 2, 2, 10));
  for (const auto& w : weeks) {
    CHECK(format_utc(to_instant(w, "America/Phoenix")).substr(10) == "T17:00:00Z");
  }
}
