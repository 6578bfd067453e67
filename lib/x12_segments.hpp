// Internal pieces of the 837P writer: element formats and the segment builder (x12_segments.cpp),
// and the checks that turn an X12Batch into one whose every value is ready to write (x12_checks.cpp).
#pragma once

#include "iop/dates.hpp"
#include "iop/x12.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
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
// With a sink, the text is passed on whenever about 64 KiB have gathered and at flush(), and
// text() holds only what has not been passed on yet; without one, text() is everything.
class Segments {
public:
  using Sink = std::function<void(std::string_view)>;
  explicit Segments(bool line_breaks, Sink sink = nullptr) : m_line_breaks(line_breaks), m_sink(std::move(sink)) {}
  void add(std::initializer_list<std::string_view> elements);
  void add_list(const std::vector<std::string>& elements); // when the count varies (HI)
  void mark() { m_since_mark = 0; }
  std::size_t since_mark() const { return m_since_mark; }
  const std::string& text() const { return m_text; }
  void flush();

private:
  void end(const std::string& segment);
  bool m_line_breaks;
  Sink m_sink;
  std::size_t m_since_mark = 0;
  std::string m_text;
};

// Validates every value of `batch` and returns a copy whose text is scrubbed and cut
// (x12_text), identifiers and codes in their written form (ZIP and phone digits only,
// diagnoses without the dot, state upper case). Throws X12Invalid naming the first bad value.
X12Batch checked_batch(const X12Batch& batch);

// At most this many claims in one ST ... SE transaction set (the guide's limit for 2000A's
// children); a bigger batch is written as several sets in one functional group.
constexpr std::size_t k_claims_per_transaction = 5000;

// The same checks in the pieces a streaming writer needs: the envelope, contact and billing
// provider (the claims are left empty); the number of claims (at least 1); one claim, at
// `index` in the batch, whose rendering NPI is compared with the billing provider's.
X12Batch checked_header(const X12Batch& batch);
void check_claim_count(std::size_t count);
X12Claim checked_claim(const X12Claim& claim, const std::string& billing_npi, std::size_t index);

} // namespace iop::x12
