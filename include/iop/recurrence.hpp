// Recurring series: RFC 5545 RRULEs expanded (by libical) in local wall-clock time, so that each
// occurrence keeps its local time across daylight-saving changes.
#pragma once

#include "iop/local_time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace iop {

inline constexpr std::size_t k_max_occurrences = 400;

// "mon,wed,fri" + count/until -> "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12". iop::Invalid on an
// unknown day name, or when neither or both of count and until are given.
std::string weekly_rule(const std::string& days, std::optional<int> count, std::optional<Date> until);
// Adds COUNT or UNTIL to a rule given with --rrule when the command line gave them separately.
std::string with_limit(const std::string& rrule, std::optional<int> count, std::optional<Date> until);

// The occurrences of `rrule` from `first` on, in local time. The rule must end (COUNT or UNTIL)
// and yield at most k_max_occurrences; a weekly rule whose BYDAY days do not include the first
// date starts on the first matching day after it.
std::vector<LocalDateTime> expand_rule(const std::string& rrule, const LocalDateTime& first);

} // namespace iop
