// Internal pieces of the 837P writer: element formats and the segment builder (x12_segments.cpp),
// and the checks that turn an X12Batch into one whose every value is ready to write (x12_checks.cpp).
#pragma once

#include "iop/dates.hpp"
#include "iop/x12.hpp"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace iop::x12 {

inline constexpr char k_element = '*';
inline constexpr char k_component = ':';
inline constexpr char k_repetition = '^';
inline constexpr char k_terminator = '~';

std::string date8(const Date& d); // CCYYMMDD
std::string date6(const Date& d); // YYMMDD (ISA09)
std::string time4(int minutes);   // HHMM
// `value` right-padded with spaces to exactly `width` (ISA's fixed-width elements).
std::string pad(std::string_view value, std::size_t width);
// Components joined by ':', trailing empty ones dropped (SV101, SV107, CLM05, HI).
std::string composite(std::initializer_list<std::string_view> parts);

// The segments of one interchange, each ended by `~` (and a newline when asked). Trailing empty
// elements are dropped, as X12 requires. Counts the segments since the last mark() for SE01.
class Segments {
public:
  explicit Segments(bool line_breaks) : m_line_breaks(line_breaks) {}
  void add(std::initializer_list<std::string_view> elements);
  void add_list(const std::vector<std::string>& elements); // when the count varies (HI)
  void mark() { m_since_mark = 0; }
  std::size_t since_mark() const { return m_since_mark; }
  const std::string& text() const { return m_text; }

private:
  void end(const std::string& segment);
  bool m_line_breaks;
  std::size_t m_since_mark = 0;
  std::string m_text;
};

// Validates every value of `batch` and returns a copy whose text is scrubbed and cut
// (x12_text), identifiers and codes in their written form (ZIP and phone digits only,
// diagnoses without the dot, state upper case). Throws X12Invalid naming the first bad value.
X12Batch checked_batch(const X12Batch& batch);

} // namespace iop::x12
