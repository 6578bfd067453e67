#include "x12_segments.hpp"

#include "iop/text.hpp"

#include <cctype>
#include <cstdio>

namespace iop {

std::string x12_text(std::string_view value, std::size_t max_length) {
  // fold_for_search already lower-cases, folds Latin accents (é -> e, ß -> ss) and drops
  // apostrophes: many payers refuse an apostrophe in a name although X12 allows it.
  const std::string folded = fold_for_search(value);
  std::string out;
  bool pending_space = false;
  for (const char ch : folded) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      continue; // a letter outside Latin-1/Extended-A: no ASCII form
    }
    if (c <= 0x20 || c == 0x7F) {
      pending_space = true; // tabs, newlines and runs of spaces become one space
      continue;
    }
    if (ch == x12::k_element || ch == x12::k_component || ch == x12::k_repetition || ch == x12::k_terminator) {
      continue;
    }
    if (pending_space && !out.empty()) {
      out += ' ';
    }
    pending_space = false;
    out += static_cast<char>(std::toupper(c));
  }
  if (out.size() > max_length) {
    out.resize(max_length);
    while (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
  }
  return out;
}

namespace x12 {

namespace {

// Joins `parts` with `separator` up to the last non-empty one: X12 drops trailing empty
// elements and components, but keeps the empty ones in between (SBR*P**G100******12).
template <typename Range> std::string join_used(const Range& parts, char separator) {
  std::size_t used = 0;
  std::size_t i = 0;
  for (std::string_view p : parts) {
    ++i;
    if (!p.empty()) {
      used = i;
    }
  }
  std::string out;
  i = 0;
  for (std::string_view p : parts) {
    if (++i > used) {
      break;
    }
    if (i > 1) {
      out += separator;
    }
    out += p;
  }
  return out;
}

} // namespace

std::string date8(const Date& d) {
  std::string out;
  for (char c : format_date(d)) {
    if (c != '-') {
      out += c;
    }
  }
  return out;
}

std::string date6(const Date& d) {
  return date8(d).substr(2);
}

std::string time4(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d%02d", minutes / 60 % 100, minutes % 60);
  return buf;
}

std::string pad(std::string_view value, std::size_t width) {
  std::string out(value.substr(0, width));
  out.resize(width, ' ');
  return out;
}

std::string composite(std::initializer_list<std::string_view> parts) {
  return join_used(parts, k_component);
}

void Segments::add(std::initializer_list<std::string_view> elements) {
  end(join_used(elements, k_element));
}

void Segments::add_list(const std::vector<std::string>& elements) {
  end(join_used(elements, k_element));
}

void Segments::end(const std::string& segment) {
  m_text += segment;
  m_text += k_terminator;
  if (m_line_breaks) {
    m_text += '\n';
  }
  ++m_since_mark;
  constexpr std::size_t k_flush_at = 64 * 1024; // large enough that the sink's cost per call vanishes
  if (m_sink && m_text.size() >= k_flush_at) {
    flush();
  }
}

void Segments::flush() {
  if (m_sink && !m_text.empty()) {
    m_sink(m_text);
    m_text.clear(); // keeps its capacity: the buffer is allocated once
  }
}

} // namespace x12
} // namespace iop
