#include "iop/dates.hpp"

#include "date_text.hpp"
#include "iop/errors.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cctype>

namespace iop {

namespace {

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return !s.empty();
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) {
    v = v * 10 + (c - '0');
  }
  return v;
}

} // namespace

Date parse_date(std::string_view text, std::string_view what) {
  const std::string shown(text);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) {
    throw Invalid(std::string(what) + " '" + shown + "' is not a date in the form YYYY-MM-DD",
                  "for example 2026-12-01");
  }
  const Date d{date::year{to_int(text.substr(0, 4))}, date::month{static_cast<unsigned>(to_int(text.substr(5, 2)))},
               date::day{static_cast<unsigned>(to_int(text.substr(8, 2)))}};
  if (!d.ok() || int(d.year()) < 1000) {
    throw Invalid(std::string(what) + " '" + shown + "' does not exist in the calendar");
  }
  return d;
}

Date parse_date_relative(std::string_view text, const Date& today, std::string_view what) {
  const date::sys_days base{today};
  if (text == "today") {
    return today;
  }
  if (text == "yesterday") {
    return Date{base - date::days{1}};
  }
  if (text == "tomorrow") {
    return Date{base + date::days{1}};
  }
  // "7 days ago" (also "1 day ago"): what scripts need without date arithmetic of their own.
  for (std::string_view suffix : {" days ago", " day ago"}) {
    if (text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix) {
      const std::string_view count = text.substr(0, text.size() - suffix.size());
      if (count.size() <= 5 && std::all_of(count.begin(), count.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return Date{base - date::days{to_int(count)}};
      }
    }
  }
  return parse_date(text, what);
}

std::string format_date(const Date& d) {
  return date::format("%F", d);
}

bool is_time_zone(const std::string& zone) {
  if (zone.empty()) {
    return false;
  }
  try {
    (void)date::locate_zone(zone);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

void require_time_zone(const std::string& zone) {
  if (!is_time_zone(zone)) {
    throw Invalid("unknown time zone '" + zone + "'", "use an IANA name such as America/New_York or Europe/Berlin");
  }
}

std::string system_time_zone() {
  try {
    return std::string(date::current_zone()->name());
  } catch (const std::exception&) {
    return "UTC";
  }
}

Date local_date(Instant at, const std::string& zone) {
  const auto local = date::make_zoned(date::locate_zone(zone), at).get_local_time();
  return Date{date::floor<date::days>(local)};
}

std::string format_utc(Instant at) {
  return detail::date_time_text(at.time_since_epoch(), 'T', true) + 'Z';
}

// By hand rather than with date::parse: its %T reads the seconds as a floating-point number and,
// when they are absent ("2026-12-01T09:00+05:45"), converts the NaN it gets to an integer, which
// is undefined behaviour (found by fuzz/fuzz_dates). This is also several times faster, and
// session rows are read through it.
std::optional<Instant> parse_utc(std::string_view text) {
  // Two digits at `at` as a number no greater than `max`, or -1.
  const auto two = [&](std::size_t at, int max) {
    if (at + 2 > text.size() || !all_digits(text.substr(at, 2))) {
      return -1;
    }
    const int v = to_int(text.substr(at, 2));
    return v <= max ? v : -1;
  };
  if (text.size() < 17 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      !all_digits(text.substr(0, 4))) {
    return std::nullopt;
  }
  const int month = two(5, 12);
  const int day = two(8, 31);
  const int hour = two(11, 23);
  const int minute = two(14, 59);
  if (month < 1 || day < 1 || hour < 0 || minute < 0) {
    return std::nullopt;
  }
  const Date d{date::year{to_int(text.substr(0, 4))}, date::month{static_cast<unsigned>(month)},
               date::day{static_cast<unsigned>(day)}};
  if (!d.ok()) {
    return std::nullopt;
  }
  std::size_t pos = 16;
  int second = 0;
  if (text[pos] == ':') {
    second = two(pos + 1, 59);
    if (second < 0) {
      return std::nullopt;
    }
    pos += 3;
  }
  std::chrono::minutes offset{0};
  if (pos + 1 == text.size() && text[pos] == 'Z') {
    // UTC
  } else if (pos + 6 == text.size() && (text[pos] == '+' || text[pos] == '-') && text[pos + 3] == ':') {
    const int oh = two(pos + 1, 23);
    const int om = two(pos + 4, 59);
    if (oh < 0 || om < 0) {
      return std::nullopt;
    }
    offset = std::chrono::minutes{(text[pos] == '-' ? -1 : 1) * (oh * 60 + om)};
  } else {
    return std::nullopt;
  }
  return Instant{date::sys_days{d}} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second} - offset;
}

int age_on(const Date& birth, const Date& on) {
  int years = int(on.year()) - int(birth.year());
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --years;
  }
  return years;
}

} // namespace iop
