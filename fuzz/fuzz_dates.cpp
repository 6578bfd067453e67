// Dates, date-times, "N days ago", RFC 3339 instants and IANA zones (lib/dates.cpp,
// lib/local_time.cpp). The input is "DATETIME" or "DATETIME\nZONE"; every parser sees the
// first line, and a date-time that parses is converted through the zone and back.
#include "fuzz_common.hpp"
#include "iop/dates.hpp"
#include "iop/local_time.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

const iop::Date k_today{date::year{2026}, date::November, date::day{27}};

void check_local(const iop::LocalDateTime& local, const std::string& zone) {
  const iop::Instant at = iop::to_instant(local, zone);
  const iop::LocalDateTime back = iop::to_local(at, zone);
  // A wall-clock time that exists (to_instant did not refuse it) must come back unchanged.
  if (back != local) {
    std::fprintf(stderr, "fuzz: %s in %s does not round-trip through UTC\n", iop::format_local(at, zone).c_str(),
                 zone.c_str());
    std::abort();
  }
  (void)iop::format_rfc3339(at, zone);
  (void)iop::format_hhmm(at, zone);
  (void)iop::zone_abbreviation(at, zone);
  (void)iop::local_date(at, zone);
  (void)iop::format_utc(at);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string text(input.substr(0, newline));
  const std::string zone =
      newline == std::string_view::npos ? "America/Los_Angeles" : std::string(input.substr(newline + 1));

  iop::fuzz::expect_only_iop_errors([&] {
    const iop::Date d = iop::parse_date(text);
    if (iop::parse_date(iop::format_date(d)) != d) {
      std::abort(); // format_date and parse_date must agree
    }
    (void)iop::age_on(d, k_today);
  });
  iop::fuzz::expect_only_iop_errors([&] { (void)iop::parse_date_relative(text, k_today, "since"); });
  iop::fuzz::expect_only_iop_errors([&] { (void)iop::parse_hhmm(text); });
  iop::fuzz::expect_only_iop_errors([&] {
    if (const auto at = iop::parse_utc(text)) {
      (void)iop::format_utc(*at);
    }
  });
  iop::fuzz::expect_only_iop_errors([&] { iop::require_time_zone(zone); });
  if (!iop::is_time_zone(zone)) {
    return 0;
  }
  iop::fuzz::expect_only_iop_errors([&] { check_local(iop::parse_local_datetime(text, k_today), zone); });
  iop::fuzz::expect_only_iop_errors([&] {
    if (const auto at = iop::parse_utc(text)) {
      (void)iop::to_local(*at, zone);
      (void)iop::format_local(*at, zone);
      (void)iop::zone_abbreviation(*at, zone);
    }
  });
  return 0;
}
