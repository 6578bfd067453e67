#include "iop/dates.hpp"

#include "iop/errors.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <sstream>

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
  return date::format("%FT%TZ", at);
}

std::optional<Instant> parse_utc(std::string_view text) {
  for (const char* fmt : {"%FT%T%Ez", "%FT%TZ", "%FT%R%Ez", "%FT%RZ"}) {
    std::istringstream in{std::string(text)};
    Instant at;
    in >> date::parse(fmt, at);
    if (!in.fail() && in.peek() == std::char_traits<char>::eof()) {
      return at;
    }
  }
  return std::nullopt;
}

int age_on(const Date& birth, const Date& on) {
  int years = int(on.year()) - int(birth.year());
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --years;
  }
  return years;
}

} // namespace iop
