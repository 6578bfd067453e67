#include "progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace iop::app {

namespace {

std::string with_thousands(std::size_t n) {
  std::string digits = std::to_string(n);
  for (std::size_t i = digits.size(); i > 3; i -= 3) {
    digits.insert(i - 3, ",");
  }
  return digits;
}

constexpr auto k_redraw_every = std::chrono::milliseconds(100);

} // namespace

std::string progress_line(const std::string& label, std::size_t done, std::size_t total, std::size_t width) {
  if (total == 0) {
    return label + "  " + with_thousands(done);
  }
  done = std::min(done, total);
  const std::size_t percent = done * 100 / total;
  const std::size_t filled = done * width / total;
  return label + "  [" + std::string(filled, '#') + std::string(width - filled, '.') + "] " +
         std::string(percent < 10    ? 2
                     : percent < 100 ? 1
                                     : 0,
                     ' ') +
         std::to_string(percent) + "%  " + with_thousands(done) + "/" + with_thousands(total);
}

ProgressBar::ProgressBar(std::string label, std::size_t min_total)
    : m_label(std::move(label)), m_min_total(min_total), m_enabled(::isatty(STDERR_FILENO) != 0) {}

ProgressBar::~ProgressBar() {
  finish();
}

void ProgressBar::update(std::size_t done, std::size_t total) {
  if (!m_enabled || total < m_min_total) {
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (m_drawn && done < total && now - m_last < k_redraw_every) {
    return;
  }
  m_last = now;
  m_drawn = true;
  // \r and "erase to end of line": the bar redraws in place and never scrolls the terminal.
  std::fprintf(stderr, "\r%s\x1b[K", progress_line(m_label, done, total, 30).c_str());
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (m_drawn) {
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    m_drawn = false;
  }
}

ProgressFn ProgressBar::callback() {
  return [this](std::size_t done, std::size_t total) { update(done, total); };
}

} // namespace iop::app
