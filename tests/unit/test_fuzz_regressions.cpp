// Inputs the fuzz targets (fuzz/) found crashing, each kept as a test of the library code it
// broke. The input itself is also in fuzz/corpus/<target>/ so the fuzzers replay it every run.
#include "iop/config.hpp"
#include "iop/dates.hpp"
#include "iop/errors.hpp"
#include "iop/recurrence.hpp"

#include <doctest/doctest.h>

#include <chrono>

namespace {

iop::Instant utc(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
  return iop::Instant{date::sys_days{date::year{y} / mo / d}} + std::chrono::hours{h} + std::chrono::minutes{mi} +
         std::chrono::seconds{s};
}

} // namespace

TEST_CASE("fuzz regression: parse_utc with an offset and no seconds (fuzz_dates)") {
  // date::parse's %T turned the missing seconds into NaN and converted it to an integer
  // (undefined behaviour under UBSan); corpus: fuzz_dates/crash_utc_offset_without_seconds.
  CHECK(iop::parse_utc("2026-12-01T09:00+05:45") == utc(2026, 12, 1, 3, 15));
  CHECK(iop::parse_utc("2026-12-01T09:00-08:00") == utc(2026, 12, 1, 17, 0));
  CHECK(iop::parse_utc("2026-12-01T09:00:07+05:45") == utc(2026, 12, 1, 3, 15, 7));
  CHECK(iop::parse_utc("2024-02-29T23:59:59Z") == utc(2024, 2, 29, 23, 59, 59));
  for (const char* bad :
       {"2026-12-01T09:00+05", "2026-12-01T09:00+05:4", "2026-12-01T09:00:+05:45", "2026-12-01T09:00:6Z",
        "2026-12-01T24:00Z", "2026-12-01T09:60Z", "2026-12-01T09:00:60Z", "2026-02-29T09:00Z", "2026-12-01T09:00+24:00",
        "2026-12-01T09:00Z\n", "+026-12-01T09:00Z", "2026-12-01T09:00-05:45x"}) {
    CAPTURE(bad);
    CHECK_FALSE(iop::parse_utc(bad).has_value());
  }
}

TEST_CASE("fuzz regression: accented letters in a config key are a diagnostic (fuzz_config)") {
  // toml++ 3.3.0 reaches __builtin_unreachable() classifying U+00A1..U+0499 as whitespace (a
  // dependency bug; corpus: fuzz_config/crash_toml_accent_in_key): the loader must still answer
  // with a parse error, and accents inside strings stay what they were.
  const iop::ConfigLoad bad = iop::parse_config("[practice]\nnamN\xc3\xba\xc3\xb1"
                                                "ez Cou\x1d\n",
                                                "c.toml");
  REQUIRE(bad.has_errors());
  CHECK(bad.diagnostics.front().file == "c.toml");
  CHECK(bad.diagnostics.front().line == 2);
  const iop::ConfigLoad good = iop::parse_config("[practice]\nname = \"Zo\xc3\xab N\xc3\xba\xc3\xb1"
                                                 "ez\"\n",
                                                 "c.toml");
  CHECK_FALSE(good.has_errors());
  CHECK(good.config.get("practice.name") == "Zo\xc3\xab N\xc3\xba\xc3\xb1"
                                            "ez");
}

TEST_CASE("fuzz regression: RSCALE is refused, not leaked (fuzz_recurrence)") {
  // libical strdup()s RSCALE's value and expand_rule never freed it (LeakSanitizer);
  // corpus: fuzz_recurrence/crash_rscale_leak.
  const iop::LocalDateTime first{iop::Date{date::year{2026}, date::December, date::day{1}}, 9, 0};
  CHECK_THROWS_AS(iop::expand_rule("RSCALE=GREGORIAN;FREQ=WEEKLY;COUNT=3", first), iop::Invalid);
  CHECK_THROWS_AS(iop::expand_rule(std::string("RSCALE=fr\x02\0\0iF", 14), first), iop::Invalid);
  CHECK(iop::expand_rule("FREQ=WEEKLY;COUNT=3", first).size() == 3);
}

TEST_CASE("fuzz regression: sub-daily rules are refused, not walked for years (fuzz_recurrence)") {
  // FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=-9 kept libical busy for over 10 s;
  // corpus: fuzz_recurrence/timeout_hourly_bymonth.
  const iop::LocalDateTime first{iop::Date{date::year{2026}, date::November, date::day{27}}, 9, 0};
  CHECK_THROWS_AS(iop::expand_rule("FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=-9;COUNT=4", first), iop::Invalid);
  CHECK_THROWS_AS(iop::expand_rule("FREQ=MINUTELY;COUNT=4", first), iop::Invalid);
  CHECK_THROWS_AS(iop::expand_rule("FREQ=SECONDLY;COUNT=4", first), iop::Invalid);
  CHECK(iop::expand_rule("FREQ=DAILY;COUNT=4", first).size() == 4);
}

TEST_CASE("fuzz regression: a day listed twice is refused, not scheduled twice (fuzz_recurrence)") {
  // FREQ=WEEKLY;BYDAY=MO,MO,WE,FR;COUNT=12 made libical give each Monday twice, and the series
  // was no longer strictly in order; corpus: fuzz_recurrence/crash_byday_twice.
  const iop::LocalDateTime first{iop::Date{date::year{2026}, date::December, date::day{1}}, 9, 0};
  CHECK_THROWS_AS(iop::expand_rule("FREQ=WEEKLY;BYDAY=MO,MO,WE,FR;COUNT=12", first), iop::Invalid);
  const auto series = iop::expand_rule("FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12", first);
  REQUIRE(series.size() == 12);
  for (std::size_t i = 1; i < series.size(); ++i) {
    CHECK(series[i - 1] < series[i]);
  }
}
