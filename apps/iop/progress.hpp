// A progress bar on stderr for long work (import, claim build over a year, export). Drawn only
// when stderr is a terminal and the work is large, so cron mail, pipes and scripts never see it;
// redrawn at most every 100 ms; the line is cleared when the work ends, whichever way it ends.
#pragma once

#include "iop/progress.hpp"

#include <chrono>
#include <cstddef>
#include <string>

namespace iop::app {

class ProgressBar {
public:
  // `label` says what is counted ("importing clients"); nothing is drawn for fewer than
  // `min_total` items.
  explicit ProgressBar(std::string label, std::size_t min_total = 1000);
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar();

  void update(std::size_t done, std::size_t total);
  // Clears the line (also done by the destructor).
  void finish();
  // A callback for library functions that take an iop::ProgressFn; valid while this bar lives.
  ProgressFn callback();
  bool shown() const { return m_drawn; }

private:
  std::string m_label;
  std::size_t m_min_total;
  bool m_enabled;
  bool m_drawn = false;
  std::chrono::steady_clock::time_point m_last{};
};

// "[#########...........]  45%  4,500/10,000": the bar text itself, for tests and drawing.
std::string progress_line(const std::string& label, std::size_t done, std::size_t total, std::size_t width);

} // namespace iop::app
