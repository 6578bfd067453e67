// Calendar dates (YYYY-MM-DD), instants and IANA time zones.
#pragma once

#include "iop/clock.hpp"

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

namespace iop {

using Date = date::year_month_day;

// Strict YYYY-MM-DD; rejects impossible dates such as 2026-02-30 (iop::Invalid naming `what`).
Date parse_date(std::string_view text, std::string_view what = "date");
// Like parse_date, but also accepts `today`, `yesterday` and `tomorrow`, relative to `today`.
Date parse_date_relative(std::string_view text, const Date& today, std::string_view what = "date");
std::string format_date(const Date& d);

// Throws iop::Invalid when `zone` is not a known IANA time zone name.
void require_time_zone(const std::string& zone);
bool is_time_zone(const std::string& zone);
// The system's zone name, or "UTC" when it cannot be determined.
std::string system_time_zone();

// The calendar date of `at` in `zone`.
Date local_date(Instant at, const std::string& zone);
// RFC 3339 UTC timestamp, e.g. 2026-11-27T21:18:00Z.
std::string format_utc(Instant at);
// Parses the RFC 3339 forms iop writes and accepts (Z or +HH:MM offset, optional seconds).
std::optional<Instant> parse_utc(std::string_view text);

// Whole years between birth and `on`.
int age_on(const Date& birth, const Date& on);

} // namespace iop
