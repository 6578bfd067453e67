// Recurrence rules (lib/recurrence.cpp): --weekly day lists, --rrule text with --count/--until,
// and the expansion by libical. The input is "RULE\nFIRST" where FIRST is "YYYY-MM-DD HH:MM"
// (default 2026-12-01 09:00); the first byte of RULE also picks a --count/--until to add.
#include "fuzz_common.hpp"
#include "iop/local_time.hpp"
#include "iop/recurrence.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace {

const iop::Date k_today{date::year{2026}, date::November, date::day{27}};

void check_series(const std::vector<iop::LocalDateTime>& series, const iop::LocalDateTime& first) {
  // The contract of expand_rule: non-empty, bounded, in order, never before the first session.
  if (series.empty() || series.size() > iop::k_max_occurrences || series.front() < first) {
    std::abort();
  }
  for (std::size_t i = 1; i < series.size(); ++i) {
    if (!(series[i - 1] < series[i])) {
      std::abort();
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string rule(input.substr(0, newline));
  const std::string start =
      newline == std::string_view::npos ? "2026-12-01 09:00" : std::string(input.substr(newline + 1));

  std::optional<int> count;
  std::optional<iop::Date> until;
  if (!rule.empty()) {
    const auto pick = static_cast<unsigned char>(rule[0]);
    if (pick % 3 == 1) {
      count = static_cast<int>(pick) * 3 - 40; // some below 1 and above the maximum
    } else if (pick % 3 == 2) {
      until = iop::Date{date::sys_days{k_today} + date::days{pick * 2}};
    }
  }

  iop::LocalDateTime first{k_today, 9, 0};
  bool have_first = true;
  iop::fuzz::expect_only_iop_errors([&] {
    have_first = false;
    first = iop::parse_local_datetime(start, k_today);
    have_first = true;
  });
  if (!have_first) {
    return 0;
  }
  iop::fuzz::expect_only_iop_errors(
      [&] { check_series(iop::expand_rule(iop::weekly_rule(rule, count, until), first), first); });
  iop::fuzz::expect_only_iop_errors(
      [&] { check_series(iop::expand_rule(iop::with_limit(rule, count, until), first), first); });
  iop::fuzz::expect_only_iop_errors([&] { check_series(iop::expand_rule(rule, first), first); });
  return 0;
}
