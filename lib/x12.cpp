// The layout of one 837P interchange (005010X222A1), once x12_checks.cpp has vouched for every
// value, written segment by segment as the claims come (X12Writer). One 2000B subscriber loop per claim: the HL tree
// allows a subscriber to repeat, each claim stays whole with its own subscriber and patient, and claims keep the
// caller's order.
#include "x12_segments.hpp"

#include "iop/billing_codes.hpp"
#include "iop/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <unordered_set>
#include <vector>

namespace iop {

X12Relationship parse_x12_relationship(std::string_view text) {
  std::string t = trim(text);
  for (char& c : t) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (t == "self") {
    return X12Relationship::Self;
  }
  if (t == "spouse") {
    return X12Relationship::Spouse;
  }
  if (t == "partner") {
    return X12Relationship::Partner;
  }
  if (t == "parent") {
    return X12Relationship::Parent;
  }
  if (t == "other") {
    return X12Relationship::Other;
  }
  throw Invalid("relationship '" + std::string(text) + "' must be self, spouse, partner, parent or other");
}

namespace {

using x12::composite;
using x12::date8;
using x12::Segments;

std::string zero_padded(std::int64_t n, int width) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(n));
  return buf;
}

// PAT01: the patient's relationship to the subscriber. 53 is 5010's "life partner", the code
// for an unmarried partner; a patient whose parent holds the policy is the child, 19.
const char* pat_code(X12Relationship r) {
  switch (r) {
  case X12Relationship::Spouse: return "01";
  case X12Relationship::Partner: return "53";
  case X12Relationship::Parent: return "19";
  case X12Relationship::Other: return "G8";
  case X12Relationship::Self: break;
  }
  return "";
}

void address(Segments& s, const X12Address& a) {
  s.add({"N3", a.street, a.street2});
  s.add({"N4", a.city, a.state, a.zip});
}

void demographics(Segments& s, const Date& dob, const std::string& sex) {
  s.add({"DMG", "D8", date8(dob), sex});
}

void billing_provider(Segments& s, const X12BillingProvider& p) {
  s.add({"HL", "1", "", "20", "1"}); // 2000A
  if (!p.taxonomy.empty()) {
    s.add({"PRV", "BI", "PXC", p.taxonomy});
  }
  s.add({"NM1", "85", "2", p.name, "", "", "", "", "XX", p.npi}); // 2010AA
  address(s, p.address);
  s.add({"REF", "EI", p.tax_id});
}

// 2000B (+ 2000C) for the claim; returns nothing, advances `hl` past the loops it wrote.
void subscriber_and_patient(Segments& s, const X12Claim& c, int& hl) {
  const bool self = c.relationship == X12Relationship::Self;
  const std::string subscriber_hl = std::to_string(++hl);
  s.add({"HL", subscriber_hl, "1", "22", self ? "0" : "1"});
  s.add({"SBR", "P", self ? "18" : "", c.subscriber.group_number, "", "", "", "", "", c.payer.filing_code});
  const X12Subscriber& sub = c.subscriber;
  const X12Patient& pat = c.patient;
  if (self) { // 2010BA is the patient: address and demographics required
    s.add({"NM1", "IL", "1", pat.last_name, pat.first_name, "", "", "", "MI", sub.member_id});
    address(s, pat.address);
    demographics(s, pat.date_of_birth, pat.sex);
  } else {
    s.add({"NM1", "IL", "1", sub.last_name, sub.first_name, "", "", "", "MI", sub.member_id});
    if (sub.address) {
      address(s, *sub.address);
    }
    if (sub.date_of_birth) {
      demographics(s, *sub.date_of_birth, sub.sex);
    }
  }
  s.add({"NM1", "PR", "2", c.payer.name, "", "", "", "", "PI", c.payer.payer_id}); // 2010BB
  if (!self) {
    s.add({"HL", std::to_string(++hl), subscriber_hl, "23", "0"}); // 2000C
    s.add({"PAT", pat_code(c.relationship)});
    s.add({"NM1", "QC", "1", pat.last_name, pat.first_name}); // 2010CA
    address(s, pat.address);
    demographics(s, pat.date_of_birth, pat.sex);
  }
}

void claim(Segments& s, const X12Claim& c) {
  std::int64_t total = 0;
  for (const X12Line& l : c.lines) {
    total += l.charge_cents;
  }
  const std::string frequency = std::to_string(c.frequency);
  s.add({"CLM", c.claim_id, iop::x12_amount(total), "", "", composite({c.place_of_service, "B", frequency}), "Y", "A",
         "Y", "Y"});
  if (!c.prior_authorization.empty()) {
    s.add({"REF", "G1", c.prior_authorization});
  }
  if (!c.original_claim.empty()) {
    s.add({"REF", "F8", c.original_claim});
  }
  std::vector<std::string> hi{"HI"};
  for (const std::string& code : c.diagnoses) {
    hi.push_back(composite({hi.size() == 1 ? "ABK" : "ABF", code}));
  }
  s.add_list(hi);
  if (c.rendering) { // 2310B
    s.add({"NM1", "82", "1", c.rendering->last_name, c.rendering->first_name, "", "", "", "XX", c.rendering->npi});
  }
  int number = 0;
  for (const X12Line& l : c.lines) { // 2400
    s.add({"LX", std::to_string(++number)});
    const auto mod = [&](std::size_t i) {
      return i < l.modifiers.size() ? std::string_view(l.modifiers[i]) : std::string_view();
    };
    const auto ptr = [&](std::size_t i) { return i < l.pointers.size() ? std::to_string(l.pointers[i]) : ""; };
    s.add({"SV1", composite({"HC", l.code, mod(0), mod(1), mod(2), mod(3)}), iop::x12_amount(l.charge_cents), "UN",
           std::to_string(l.units), "", "", composite({ptr(0), ptr(1), ptr(2), ptr(3)})});
    s.add({"DTP", "472", "D8", date8(l.service_date)});
  }
}

} // namespace

namespace {

// The CLM01 values written so far, to refuse a repeat. iop's are claim numbers ("1", "2", ...):
// those are one bit each, so a year's 377,808 claims cost 47 KB rather than a string node each
// (17 MB, which made a year's export hold memory in proportion to its claims). Any other text
// (leading zeros, letters, very large numbers) is kept as text.
class SeenClaimIds {
public:
  // False when `id` was seen before.
  bool insert(const std::string& id) {
    if (const auto n = small_number(id)) {
      if (*n >= m_numbers.size()) {
        m_numbers.resize(std::min(k_limit, std::max<std::size_t>(*n + 1, m_numbers.size() * 2))); // amortized
      }
      if (m_numbers[*n]) {
        return false;
      }
      m_numbers[*n] = true;
      return true;
    }
    return m_others.insert(id).second;
  }

private:
  static constexpr std::size_t k_limit = std::size_t{1} << 26; // a bitmap of at most 8 MB
  // `id` as a number when it is written as one ("0", or digits without a leading zero) and
  // below k_limit; otherwise nothing.
  static std::optional<std::size_t> small_number(const std::string& id) {
    if (id.empty() || id.size() > 9 || (id.size() > 1 && id[0] == '0')) {
      return std::nullopt;
    }
    std::size_t n = 0;
    for (const char c : id) {
      if (c < '0' || c > '9') {
        return std::nullopt;
      }
      n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    if (n >= k_limit) {
      return std::nullopt;
    }
    return n;
  }
  std::vector<bool> m_numbers;
  std::unordered_set<std::string> m_others;
};

} // namespace

// What the writer keeps between claims: the checked header, the segment buffer, the HL number
// reached and the claim ids written (CLM01 must not repeat).
struct X12Writer::State {
  X12Batch header;
  x12::Segments segments;
  std::string isa13;
  std::string gs06;
  std::string st02;
  int hl = 1;
  std::size_t transactions = 0; // ST ... SE sets opened
  SeenClaimIds claim_ids;
  std::size_t count = 0;
  bool finished = false;
  State(X12Batch checked, X12Writer::Sink sink)
      : header(std::move(checked)), segments(header.envelope.line_breaks, std::move(sink)) {}
};

X12Writer::X12Writer(const X12Batch& input, Sink sink)
    : m_state(std::make_unique<State>(x12::checked_header(input), std::move(sink))) {
  const X12Batch& b = m_state->header;
  const X12Envelope& e = b.envelope;
  const std::string date = date8(e.created_on);
  const std::string time = x12::time4(e.created_minutes);
  m_state->isa13 = zero_padded(e.interchange_control, 9);
  m_state->gs06 = std::to_string(e.group_control);
  const std::string blank10(10, ' ');

  Segments& s = m_state->segments;
  s.add({"ISA", "00", blank10, "00", blank10, "ZZ", x12::pad(e.submitter_id, 15), "ZZ", x12::pad(e.receiver_id, 15),
         x12::date6(e.created_on), time, "^", "00501", m_state->isa13, e.acknowledgment_requested ? "1" : "0", e.usage,
         ":"});
  s.add({"GS", "HC", e.submitter_id, e.receiver_id, date, time, m_state->gs06, "X", "005010X222A1"});
  open_transaction();
}

// ST, BHT, submitter, receiver and the billing provider: the start of every transaction set.
// The k-th set of the group is numbered transaction_control + k (ST02 is unique in the group),
// and its HL numbers start again at 1.
void X12Writer::open_transaction() {
  State& st = *m_state;
  const X12Envelope& e = st.header.envelope;
  const std::string date = date8(e.created_on);
  const std::string time = x12::time4(e.created_minutes);
  constexpr std::int64_t k_max_control = 999999999; // nine digits, then 1 again
  const auto k = static_cast<std::int64_t>(st.transactions);
  st.st02 = zero_padded((e.transaction_control - 1 + k) % k_max_control + 1, 4);
  ++st.transactions;
  st.hl = 1;
  Segments& s = st.segments;
  s.mark(); // SE01 counts from ST
  s.add({"ST", "837", st.st02, "005010X222A1"});
  s.add({"BHT", "0019", "00", e.batch_reference, date, time, "CH"});
  s.add({"NM1", "41", "2", e.submitter_name, "", "", "", "", "46", e.submitter_id}); // 1000A
  s.add({"PER", "IC", st.header.contact.name, "TE", st.header.contact.phone});
  s.add({"NM1", "40", "2", e.receiver_name, "", "", "", "", "46", e.receiver_id}); // 1000B
  billing_provider(s, st.header.billing_provider);
}

void X12Writer::close_transaction() {
  Segments& s = m_state->segments;
  s.add({"SE", std::to_string(s.since_mark() + 1), m_state->st02});
}

X12Writer::~X12Writer() = default;

void X12Writer::check_claim_count(std::size_t count) {
  x12::check_claim_count(count);
}

void X12Writer::add(const X12Claim& input) {
  State& st = *m_state;
  if (st.finished) {
    throw Error("837P writer: a claim added after the trailers");
  }
  const std::size_t index = st.count;
  const X12Claim c = x12::checked_claim(input, st.header.billing_provider.npi, index);
  // CLM01 is how the payer's answers (277CA, 835) find the claim again: one claim each.
  if (!st.claim_ids.insert(c.claim_id)) {
    throw X12Invalid("claims[" + std::to_string(index) + "].claim_id",
                     "claim " + c.claim_id + " appears twice in the batch");
  }
  if (index > 0 && index % x12::k_claims_per_transaction == 0) {
    close_transaction(); // a transaction set holds at most 5000 claims: the next ones go in another
    open_transaction();
  }
  subscriber_and_patient(st.segments, c, st.hl);
  claim(st.segments, c);
  ++st.count;
}

void X12Writer::finish() {
  State& st = *m_state;
  x12::check_claim_count(st.count);
  Segments& s = st.segments;
  close_transaction();
  s.add({"GE", std::to_string(st.transactions), st.gs06});
  s.add({"IEA", "1", st.isa13});
  s.flush();
  st.finished = true;
}

std::size_t X12Writer::claim_count() const {
  return m_state->count;
}

std::string write_837p(const X12Batch& input) {
  std::string out;
  X12Writer writer(input, [&out](std::string_view text) { out += text; });
  x12::check_claim_count(input.claims.size()); // before any claim: the count is known
  for (const X12Claim& c : input.claims) {
    writer.add(c);
  }
  writer.finish();
  return out;
}

} // namespace iop
