#include "iop/dates.hpp"
#include "iop/errors.hpp"
#include "iop/local_time.hpp"

#include <date/tz.h>

#include <vector>

#include <doctest/doctest.h>

using namespace iop;

namespace {
const Date k_today{date::year{2026}, date::November, date::day{27}};
}

TEST_CASE("local date-times are read in both accepted forms and relative days") {
  CHECK(parse_local_datetime("2026-12-01 09:30", k_today) ==
        LocalDateTime{Date{date::year{2026}, date::December, date::day{1}}, 9, 30});
  CHECK(parse_local_datetime("2026-12-01T09:30", k_today) == parse_local_datetime("2026-12-01 09:30", k_today));
  CHECK(parse_local_datetime("tomorrow 14:00", k_today).date == Date{date::year{2026}, date::November, date::day{28}});
  CHECK_THROWS_AS(parse_local_datetime("2026-12-01", k_today), Invalid);
  CHECK_THROWS_AS(parse_local_datetime("2026-12-01 24:00", k_today), Invalid);
  CHECK_THROWS_AS(parse_local_datetime("2026-12-01 9:30", k_today), Invalid);
  CHECK_THROWS_AS(parse_local_datetime("2026-02-30 09:00", k_today), Invalid);
  CHECK(parse_hhmm("00:00") == 0);
  CHECK(parse_hhmm("23:59") == 23 * 60 + 59);
  CHECK_THROWS_AS(parse_hhmm("12:60"), Invalid);
}

TEST_CASE("a time skipped by spring-forward is refused; a repeated one is the first") {
  const Date spring{date::year{2026}, date::March, date::day{8}};
  CHECK_THROWS_AS(to_instant({spring, 2, 30}, "America/New_York"), Invalid);
  const Date fall{date::year{2026}, date::November, date::day{1}};
  CHECK(format_utc(to_instant({fall, 1, 30}, "America/New_York")) == "2026-11-01T05:30:00Z"); // EDT, the first 01:30
}

TEST_CASE("instants are shown with the zone's offset") {
  const auto at = to_instant({Date{date::year{2026}, date::December, date::day{1}}, 9, 0}, "America/Los_Angeles");
  CHECK(format_utc(at) == "2026-12-01T17:00:00Z");
  CHECK(format_rfc3339(at, "America/Los_Angeles") == "2026-12-01T09:00:00-08:00");
  CHECK(format_rfc3339(at, "America/New_York") == "2026-12-01T12:00:00-05:00");
  CHECK(format_hhmm(at, "Europe/Berlin") == "18:00");
  CHECK(format_local(at, "Asia/Kolkata") == "2026-12-01 22:30");
  CHECK(zone_abbreviation(at, "America/New_York") == "EST");
  CHECK(to_local(at, "Asia/Tokyo") == LocalDateTime{Date{date::year{2026}, date::December, date::day{2}}, 2, 0});
}

// format_utc, format_rfc3339, format_hhmm and format_local write their text by hand (lib/date_text.cpp):
// the same text date::format writes, across years, zones with odd offsets and the DST changes.
TEST_CASE("hand-written date and time text matches date::format for instants across zones and DST changes") {
  const char* zones[] = {"UTC",
                         "America/Los_Angeles",
                         "America/St_Johns",
                         "Asia/Kathmandu",
                         "Pacific/Chatham",
                         "Australia/Lord_Howe",
                         "Europe/Berlin",
                         "Pacific/Pago_Pago"};
  std::vector<iop::Instant> instants;
  for (const long long t : {0LL, 951782400LL, 1741510800LL, 1741510799LL, 1762074000LL, 1762073999LL, 4102444799LL,
                            253402300799LL, 86399LL}) {
    instants.push_back(iop::Instant{std::chrono::seconds{t}});
  }
  for (long long t = 1735689600; t < 1767225600; t += 7 * 86400 + 3607) { // 2025, odd steps
    instants.push_back(iop::Instant{std::chrono::seconds{t}});
  }
  for (const auto at : instants) {
    CHECK(iop::format_utc(at) == date::format("%FT%TZ", at));
    for (const char* zone : zones) {
      const auto z = date::make_zoned(date::locate_zone(zone), at);
      CHECK(iop::format_rfc3339(at, zone) == date::format("%FT%T%Ez", z));
      CHECK(iop::format_local(at, zone) == date::format("%F %R", z));
      CHECK(iop::format_hhmm(at, zone) == date::format("%R", z));
    }
  }
}
