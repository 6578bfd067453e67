// Wall-clock times in a named zone, and instants shown in a zone. Sessions are stored in UTC
// with their IANA zone; a recurring session keeps its local time across daylight-saving changes.
#pragma once

#include "iop/clock.hpp"
#include "iop/dates.hpp"

#include <compare>
#include <string>
#include <string_view>

namespace iop {

struct LocalDateTime {
  Date date;
  int hour = 0;
  int minute = 0;
  std::weak_ordering operator<=>(const LocalDateTime&) const = default;
  bool operator==(const LocalDateTime&) const = default;
};

// "YYYY-MM-DD HH:MM", "YYYY-MM-DDTHH:MM", "today HH:MM", "tomorrow HH:MM" (iop::Invalid otherwise).
LocalDateTime parse_local_datetime(std::string_view text, const Date& today, std::string_view what = "start");
// "HH:MM" (24 hours) -> minutes after midnight.
int parse_hhmm(std::string_view text, std::string_view what = "time");

// The instant of a wall-clock time in `zone`. A time skipped by a daylight-saving change is
// iop::Invalid (saying so); a repeated one (fall back) means the first of the two.
Instant to_instant(const LocalDateTime& local, const std::string& zone);
LocalDateTime to_local(Instant at, const std::string& zone);

// RFC 3339 with the zone's offset: 2026-12-01T09:00:00-08:00.
std::string format_rfc3339(Instant at, const std::string& zone);
// "09:00" in the zone.
std::string format_hhmm(Instant at, const std::string& zone);
// "YYYY-MM-DD HH:MM" in the zone.
std::string format_local(Instant at, const std::string& zone);
// The zone's abbreviation at that instant: PST, EDT...
std::string zone_abbreviation(Instant at, const std::string& zone);

} // namespace iop
