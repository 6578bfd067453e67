#include "iop/local_time.hpp"

#include "date_text.hpp"
#include "iop/errors.hpp"

#include <date/tz.h>

#include <cctype>

namespace iop {

int parse_hhmm(std::string_view text, std::string_view what) {
  const auto digit = [&](std::size_t i) { return std::isdigit(static_cast<unsigned char>(text[i])) != 0; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    throw Invalid(std::string(what) + " '" + std::string(text) + "' is not a time in the form HH:MM",
                  "24-hour clock, for example 09:30 or 14:00");
  }
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 23 || m > 59) {
    throw Invalid(std::string(what) + " '" + std::string(text) + "' is not a time of day");
  }
  return h * 60 + m;
}

LocalDateTime parse_local_datetime(std::string_view text, const Date& today, std::string_view what) {
  const std::string shown(text);
  const auto split = text.find_first_of(" T");
  if (split == std::string_view::npos) {
    throw Invalid(std::string(what) + " '" + shown + "' needs a date and a time", "for example \"2026-12-01 09:30\"");
  }
  std::string_view day = text.substr(0, split);
  std::string_view time = text.substr(split + 1);
  while (!time.empty() && time.front() == ' ') {
    time.remove_prefix(1);
  }
  const Date d = parse_date_relative(day, today, what);
  const int minutes = parse_hhmm(time, what);
  return LocalDateTime{d, minutes / 60, minutes % 60};
}

namespace {

date::local_seconds local_seconds(const LocalDateTime& l) {
  return date::local_days{l.date} + std::chrono::hours{l.hour} + std::chrono::minutes{l.minute};
}

} // namespace

Instant to_instant(const LocalDateTime& local, const std::string& zone) {
  const auto* tz = date::locate_zone(zone);
  const auto ls = local_seconds(local);
  const auto info = tz->get_info(ls);
  if (info.result == date::local_info::nonexistent) {
    throw Invalid(format_date(local.date) + " " + date::format("%R", ls) + " does not exist in " + zone +
                      " (the clocks jump forward that night)",
                  "choose a time an hour later or earlier");
  }
  return date::floor<std::chrono::seconds>(tz->to_sys(ls, date::choose::earliest));
}

LocalDateTime to_local(Instant at, const std::string& zone) {
  const auto local = date::make_zoned(date::locate_zone(zone), at).get_local_time();
  const auto day = date::floor<date::days>(local);
  const auto tod = date::hh_mm_ss<std::chrono::seconds>(local - day);
  return LocalDateTime{Date{day}, static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count())};
}

namespace {

// The wall-clock time at `at` in `zone`, and the zone's offset from UTC then.
std::pair<std::chrono::seconds, std::chrono::seconds> local_of(Instant at, const std::string& zone) {
  const date::sys_info info = date::locate_zone(zone)->get_info(at);
  return {at.time_since_epoch() + info.offset, info.offset};
}

} // namespace

std::string format_rfc3339(Instant at, const std::string& zone) {
  const auto [local, offset] = local_of(at, zone);
  return detail::date_time_text(local, 'T', true) + detail::utc_offset_text(offset);
}

std::string format_hhmm(Instant at, const std::string& zone) {
  const std::string text = detail::date_time_text(local_of(at, zone).first, ' ', false);
  return text.substr(text.size() - 5); // "HH:MM"
}

std::string format_local(Instant at, const std::string& zone) {
  return detail::date_time_text(local_of(at, zone).first, ' ', false);
}

std::string zone_abbreviation(Instant at, const std::string& zone) {
  return date::locate_zone(zone)->get_info(at).abbrev;
}

} // namespace iop
