#include "date_text.hpp"

#include <date/date.h>

#include <cstdio>
#include <cstdlib>

namespace iop::detail {

std::string date_time_text(std::chrono::seconds since_epoch, char separator, bool seconds) {
  const date::sys_seconds t{since_epoch};
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {
    const std::string format = std::string("%F") + separator + (seconds ? "%T" : "%R");
    return date::format(format, t);
  }
  const long s = static_cast<long>((t - day).count()); // 0 .. 86399
  char out[32];
  const int n =
      seconds ? std::snprintf(out, sizeof out, "%04d-%02u-%02u%c%02ld:%02ld:%02ld", year,
                              static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), separator, s / 3600,
                              s / 60 % 60, s % 60)
              : std::snprintf(out, sizeof out, "%04d-%02u-%02u%c%02ld:%02ld", year, static_cast<unsigned>(ymd.month()),
                              static_cast<unsigned>(ymd.day()), separator, s / 3600, s / 60 % 60);
  return std::string(out, static_cast<std::size_t>(n));
}

std::string utc_offset_text(std::chrono::seconds offset) {
  const long total = static_cast<long>(offset.count());
  const long minutes = std::labs(total) / 60; // seconds dropped, as %Ez drops them
  char out[16];
  const int n = std::snprintf(out, sizeof out, "%c%02ld:%02ld", total < 0 ? '-' : '+', minutes / 60, minutes % 60);
  return std::string(out, static_cast<std::size_t>(n));
}

} // namespace iop::detail
