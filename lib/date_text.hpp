// Dates and times as text, written with snprintf. date::format builds an ostringstream and imbues
// a locale on every call: with format_utc and format_rfc3339 that was a fifth of the instructions
// of `iop session list` (bench/README.md). Internal to the library.
#pragma once

#include <chrono>
#include <string>

namespace iop::detail {

// "YYYY-MM-DD" + separator + "HH:MM" (+ ":SS" when `seconds`), of a count of seconds since
// 1970-01-01 00:00 on whichever clock the caller means (UTC or a local wall clock). Years outside
// 0000-9999 are written as date::format writes them.
std::string date_time_text(std::chrono::seconds since_epoch, char separator, bool seconds);

// "+HH:MM" or "-HH:MM" of an offset from UTC, as date::format's %Ez writes it.
std::string utc_offset_text(std::chrono::seconds offset);

} // namespace iop::detail
