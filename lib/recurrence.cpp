#include "iop/recurrence.hpp"

#include "iop/errors.hpp"
#include "iop/text.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace iop {

namespace {

constexpr const char* k_day_names[][2] = {{"mon", "MO"}, {"tue", "TU"}, {"wed", "WE"}, {"thu", "TH"},
                                          {"fri", "FR"}, {"sat", "SA"}, {"sun", "SU"}};

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string until_text(const Date& until) {
  // Floating local time, like DTSTART: the whole last day is included.
  return date::format("%Y%m%d", until) + "T235959";
}

icaltimetype to_ical(const LocalDateTime& l) {
  icaltimetype t = icaltime_null_time();
  t.year = int(l.date.year());
  t.month = static_cast<int>(unsigned(l.date.month()));
  t.day = static_cast<int>(unsigned(l.date.day()));
  t.hour = l.hour;
  t.minute = l.minute;
  t.second = 0;
  t.is_date = 0;
  t.zone = nullptr; // floating: expanded in wall-clock time
  return t;
}

LocalDateTime from_ical(const icaltimetype& t) {
  return LocalDateTime{
      Date{date::year{t.year}, date::month{static_cast<unsigned>(t.month)}, date::day{static_cast<unsigned>(t.day)}},
      t.hour, t.minute};
}

// ISO weekday of the BYDAY entries of a weekly rule (1 = Monday), empty when there is no BYDAY.
std::vector<unsigned> byday_weekdays(const icalrecurrencetype& rule) {
  std::vector<unsigned> out;
  for (int i = 0; i < ICAL_BY_DAY_SIZE && rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
    const int weekday = icalrecurrencetype_day_day_of_week(rule.by_day[i]); // 1 = Sunday
    out.push_back(weekday == 1 ? 7u : static_cast<unsigned>(weekday - 1));
  }
  return out;
}

} // namespace

std::string weekly_rule(const std::string& days, std::optional<int> count, std::optional<Date> until) {
  std::string byday;
  std::size_t start = 0;
  while (start <= days.size()) {
    const std::size_t comma = days.find(',', start);
    std::string day = trim(days.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    std::transform(day.begin(), day.end(), day.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto* hit = std::find_if(std::begin(k_day_names), std::end(k_day_names), [&](const auto& pair) {
      return day.size() >= 2 && std::string(pair[0]).rfind(day.substr(0, 3), 0) == 0 && day.size() <= 9;
    });
    if (day.empty() || hit == std::end(k_day_names)) {
      throw Invalid("'" + day + "' is not a day of the week",
                    "use mon, tue, wed, thu, fri, sat, sun, e.g. --weekly mon,wed,fri");
    }
    const std::string code = (*hit)[1];
    if (byday.find(code) == std::string::npos) {
      byday += (byday.empty() ? "" : ",") + code;
    }
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  return with_limit("FREQ=WEEKLY;BYDAY=" + byday, count, until);
}

std::string with_limit(const std::string& rrule, std::optional<int> count, std::optional<Date> until) {
  std::string rule = upper(trim(rrule));
  if (rule.rfind("RRULE:", 0) == 0) {
    rule.erase(0, 6);
  }
  const bool has_count = rule.find("COUNT=") != std::string::npos;
  const bool has_until = rule.find("UNTIL=") != std::string::npos;
  if (count && until) {
    throw Invalid("give either --count or --until, not both");
  }
  if ((count || until) && (has_count || has_until)) {
    throw Invalid("the rule already says when it ends; drop --count/--until");
  }
  if (count) {
    if (*count < 1 || *count > static_cast<int>(k_max_occurrences)) {
      throw Invalid("--count must be 1 to " + std::to_string(k_max_occurrences));
    }
    rule += ";COUNT=" + std::to_string(*count);
  } else if (until) {
    rule += ";UNTIL=" + until_text(*until);
  }
  return rule;
}

std::vector<LocalDateTime> expand_rule(const std::string& rrule, const LocalDateTime& first) {
  const std::string rule_text = with_limit(rrule, std::nullopt, std::nullopt);
  icalerror_clear_errno();
  const icalrecurrencetype rule = icalrecurrencetype_from_string(rule_text.c_str());
  // RSCALE=... is the one part libical copies to the heap, and the caller must free it (a leak
  // found by fuzz/fuzz_recurrence). iop schedules in the Gregorian calendar only.
  const std::unique_ptr<char, decltype(&icalmemory_free_buffer)> rscale(rule.rscale, &icalmemory_free_buffer);
  if (rscale) {
    icalerror_clear_errno();
    throw Invalid("'" + rrule + "' uses RSCALE; iop schedules in the Gregorian calendar only",
                  "drop the RSCALE part, e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12");
  }
  if (rule.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
    icalerror_clear_errno();
    throw Invalid("'" + rrule + "' is not a recurrence rule iop understands",
                  "RFC 5545 syntax, e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12");
  }
  // Sessions recur at most daily. Sub-daily rules with BY* parts that rarely match make libical
  // walk hour by hour for years (a hang found by fuzz/fuzz_recurrence), so they are refused.
  if (rule.freq == ICAL_HOURLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE ||
      rule.freq == ICAL_SECONDLY_RECURRENCE) {
    throw Invalid("'" + rrule + "' repeats more often than daily; sessions recur daily at most",
                  "use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12");
  }
  if (rule.count == 0 && icaltime_is_null_time(rule.until)) {
    throw Invalid("the recurrence rule never ends", "add --count N or --until DATE");
  }
  LocalDateTime start = first;
  if (rule.freq == ICAL_WEEKLY_RECURRENCE) {
    // DTSTART outside BYDAY is undefined in RFC 5545: start on the first day that matches.
    const auto days = byday_weekdays(rule);
    for (int step = 0; !days.empty() && step < 7; ++step) {
      const unsigned iso = date::weekday{date::sys_days{start.date}}.iso_encoding();
      if (std::find(days.begin(), days.end(), iso) != days.end()) {
        break;
      }
      start.date = Date{date::sys_days{start.date} + date::days{1}};
    }
  }
  std::unique_ptr<icalrecur_iterator, decltype(&icalrecur_iterator_free)> it(
      icalrecur_iterator_new(rule, to_ical(start)), &icalrecur_iterator_free);
  if (!it) {
    icalerror_clear_errno();
    throw Invalid("'" + rrule + "' cannot be expanded from " + format_date(first.date));
  }
  std::vector<LocalDateTime> out;
  for (icaltimetype t = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(t);
       t = icalrecur_iterator_next(it.get())) {
    if (out.size() == k_max_occurrences) {
      throw Invalid("the series would have more than " + std::to_string(k_max_occurrences) + " sessions",
                    "schedule it in shorter pieces");
    }
    const LocalDateTime l = from_ical(t);
    if (l < first) {
      continue;
    }
    // A value listed twice (BYDAY=MO,MO) makes libical give the same session twice and count it
    // twice towards COUNT (found by fuzz/fuzz_recurrence): refused rather than guessed at.
    if (!out.empty() && !(out.back() < l)) {
      throw Invalid("'" + rrule + "' gives the session of " + format_date(l.date) + " twice",
                    "list each day once, e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12");
    }
    out.push_back(l);
  }
  if (out.empty()) {
    throw Invalid("the recurrence rule gives no session on or after " + format_date(first.date));
  }
  return out;
}

} // namespace iop
