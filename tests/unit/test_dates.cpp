// Calendar dates, instants and time zones (lib/dates.cpp).
#include "iop/dates.hpp"
#include "iop/errors.hpp"

#include <doctest/doctest.h>

#include <chrono>

namespace {

iop::Date ymd(int y, unsigned m, unsigned d) {
  return iop::Date{date::year{y}, date::month{m}, date::day{d}};
}

iop::Instant utc(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  return iop::Instant{date::sys_days{ymd(y, m, d)}} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
         std::chrono::seconds{ss};
}

} // namespace

TEST_SUITE("dates") {

  TEST_CASE("parse_date accepts real YYYY-MM-DD dates") {
    CHECK(iop::parse_date("2026-12-01") == ymd(2026, 12, 1));
    CHECK(iop::parse_date("2024-02-29") == ymd(2024, 2, 29)); // leap year
    CHECK(iop::parse_date("2000-02-29") == ymd(2000, 2, 29)); // divisible by 400
    CHECK(iop::parse_date("1985-01-31") == ymd(1985, 1, 31));
    CHECK(iop::format_date(iop::parse_date("2026-03-09")) == "2026-03-09");
  }

  TEST_CASE("parse_date refuses dates that do not exist") {
    for (const char* bad : {"2026-02-30", "2025-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
                            "2026-01-00", "2026-01-32", "0999-12-31", "0000-01-01"}) {
      CAPTURE(bad);
      CHECK_THROWS_WITH_AS(iop::parse_date(bad), doctest::Contains("does not exist"), iop::Invalid);
    }
  }

  TEST_CASE("parse_date is strict about the form") {
    for (const char* bad :
         {"26-01-01", "2026-1-1", "2026-01-1", "2026/01/01", "20260101", "2026-01-01x", "2026-01-01T10:00",
          " 2026-01-01", "2026-01-01 ", "", "today", "+026-01-01", "2026-0a-01"}) {
      CAPTURE(bad);
      CHECK_THROWS_WITH_AS(iop::parse_date(bad), doctest::Contains("YYYY-MM-DD"), iop::Invalid);
    }
  }

  TEST_CASE("parse_date names the field in its message") {
    CHECK_THROWS_WITH_AS(iop::parse_date("2026-02-30", "date of birth"), doctest::Contains("date of birth"),
                         iop::Invalid);
    CHECK_THROWS_WITH_AS(iop::parse_date("1/2/2026", "admission date"), doctest::Contains("admission date"),
                         iop::Invalid);
  }

  TEST_CASE("parse_date_relative: today, yesterday, tomorrow") {
    const auto today = ymd(2026, 3, 1);
    CHECK(iop::parse_date_relative("today", today) == today);
    CHECK(iop::parse_date_relative("yesterday", today) == ymd(2026, 2, 28));
    CHECK(iop::parse_date_relative("tomorrow", today) == ymd(2026, 3, 2));
    CHECK(iop::parse_date_relative("tomorrow", ymd(2026, 12, 31)) == ymd(2027, 1, 1));
    CHECK(iop::parse_date_relative("yesterday", ymd(2024, 3, 1)) == ymd(2024, 2, 29));
    CHECK(iop::parse_date_relative("2026-05-05", today) == ymd(2026, 5, 5));
    CHECK_THROWS_AS(iop::parse_date_relative("someday", today), iop::Invalid);
    CHECK(iop::parse_date_relative("7 days ago", today) == ymd(2026, 2, 22));
    CHECK(iop::parse_date_relative("1 day ago", today) == ymd(2026, 2, 28));
    CHECK(iop::parse_date_relative("0 days ago", today) == today);
    CHECK(iop::parse_date_relative("366 days ago", ymd(2025, 3, 1)) == ymd(2024, 2, 29));
    for (const char* bad : {"-3 days ago", "3 weeks ago", " days ago", "x days ago", "123456 days ago", "3days ago"}) {
      CHECK_THROWS_AS(iop::parse_date_relative(bad, today), iop::Invalid);
    }
    CHECK_THROWS_AS(iop::parse_date_relative("2026-02-30", today), iop::Invalid);
  }

  TEST_CASE("age_on counts whole years, turning over on the birthday") {
    const auto birth = ymd(1990, 6, 15);
    CHECK(iop::age_on(birth, ymd(2026, 6, 14)) == 35);
    CHECK(iop::age_on(birth, ymd(2026, 6, 15)) == 36);
    CHECK(iop::age_on(birth, ymd(2026, 6, 16)) == 36);
    CHECK(iop::age_on(birth, ymd(2026, 5, 31)) == 35); // earlier month, later day
    CHECK(iop::age_on(birth, ymd(2026, 7, 1)) == 36);  // later month, earlier day
    CHECK(iop::age_on(birth, ymd(1990, 6, 15)) == 0);
    // Born on 29 February: a year older on 1 March of a common year, not on 28 February.
    const auto leap = ymd(2000, 2, 29);
    CHECK(iop::age_on(leap, ymd(2025, 2, 28)) == 24);
    CHECK(iop::age_on(leap, ymd(2025, 3, 1)) == 25);
    CHECK(iop::age_on(leap, ymd(2024, 2, 29)) == 24);
  }

  TEST_CASE("local_date: the same instant is a different date in different zones") {
    // 03:30 UTC on 28 November is 19:30 on 27 November in Los Angeles (UTC-8 in winter).
    const auto at = utc(2026, 11, 28, 3, 30);
    CHECK(iop::local_date(at, "UTC") == ymd(2026, 11, 28));
    CHECK(iop::local_date(at, "America/Los_Angeles") == ymd(2026, 11, 27));
    // 16:00 UTC on 27 November is 01:00 on 28 November in Tokyo (UTC+9).
    CHECK(iop::local_date(utc(2026, 11, 27, 16, 0), "Asia/Tokyo") == ymd(2026, 11, 28));
    CHECK(iop::local_date(utc(2026, 11, 27, 16, 0), "America/Los_Angeles") == ymd(2026, 11, 27));
    // Daylight saving: 06:59 UTC on 1 July is 23:59 on 30 June in Los Angeles (UTC-7).
    CHECK(iop::local_date(utc(2026, 7, 1, 6, 59), "America/Los_Angeles") == ymd(2026, 6, 30));
    CHECK(iop::local_date(utc(2026, 7, 1, 7, 0), "America/Los_Angeles") == ymd(2026, 7, 1));
  }

  TEST_CASE("format_utc writes RFC 3339 UTC with Z") {
    CHECK(iop::format_utc(utc(2026, 11, 27, 21, 18)) == "2026-11-27T21:18:00Z");
    CHECK(iop::format_utc(utc(2026, 1, 2, 3, 4, 5)) == "2026-01-02T03:04:05Z");
  }

  TEST_CASE("parse_utc reads Z and offsets, and round-trips format_utc") {
    const auto at = utc(2026, 11, 27, 21, 18);
    CHECK(iop::parse_utc("2026-11-27T21:18:00Z") == at);
    CHECK(iop::parse_utc("2026-11-27T21:18Z") == at);
    CHECK(iop::parse_utc("2026-11-27T13:18:00-08:00") == at);
    CHECK(iop::parse_utc("2026-11-27T13:18-08:00") == at);
    CHECK(iop::parse_utc("2026-11-28T02:48:00+05:30") == at);
    CHECK(iop::parse_utc("2026-11-27T21:18:00+00:00") == at);
    for (const auto t : {at, utc(2024, 2, 29, 23, 59, 59), utc(2027, 1, 1, 0, 0, 1)}) {
      CHECK(iop::parse_utc(iop::format_utc(t)) == t);
    }
  }

  TEST_CASE("parse_utc refuses what is not an RFC 3339 instant") {
    for (const char* bad : {"", "2026-11-27", "2026-11-27T21:18", "2026-11-27 21:18:00Z", "2026-11-27T21:18:00Zjunk",
                            "2026-11-27T21:18:00+05:30 trailing", "yesterday", "2026-13-27T21:18:00Z"}) {
      CAPTURE(bad);
      CHECK_FALSE(iop::parse_utc(bad).has_value());
    }
  }

  TEST_CASE("is_time_zone and require_time_zone know IANA names") {
    CHECK(iop::is_time_zone("America/Los_Angeles"));
    CHECK(iop::is_time_zone("Europe/Berlin"));
    CHECK(iop::is_time_zone("UTC"));
    CHECK_FALSE(iop::is_time_zone("Mars/Olympus"));
    CHECK_FALSE(iop::is_time_zone(""));
    CHECK_FALSE(iop::is_time_zone("america/los_angeles_x"));
    CHECK_NOTHROW(iop::require_time_zone("Asia/Tokyo"));
    CHECK_THROWS_WITH_AS(iop::require_time_zone("Mars/Olympus"), doctest::Contains("Mars/Olympus"), iop::Invalid);
    CHECK(iop::is_time_zone(iop::system_time_zone()));
  }

} // TEST_SUITE
