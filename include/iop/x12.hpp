// ANSI X12 837P 5010 (005010X222A1): one interchange holding one professional claim batch.
// Pure: plain data in, text out. No database, no clock (the creation time is passed in).
#pragma once

#include "iop/dates.hpp"
#include "iop/errors.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iop {

// A value the 837P cannot be written without, or one of the wrong shape. `field()` is the
// path of the value in X12Batch (e.g. "billing_provider.npi", "claims[0].lines[1].pointers"),
// so a caller can say which config key to set when the value came from the config.
class X12Invalid : public Invalid {
public:
  X12Invalid(std::string field, const std::string& what, std::string hint = {})
      : Invalid(what, std::move(hint)), m_field(std::move(field)) {}
  const std::string& field() const { return m_field; }

private:
  std::string m_field;
};

struct X12Envelope {
  std::string submitter_id;   // ISA06, GS02, 1000A NM109: 2-15 characters
  std::string submitter_name; // 1000A NM103
  std::string receiver_id;    // ISA08, GS03, 1000B NM109: 2-15 characters
  std::string receiver_name;  // 1000B NM103
  std::string usage = "T";    // ISA15: T test, P production
  // Unique and increasing per submitter (kept in the database by the caller): 1..999999999.
  std::int64_t interchange_control = 0;  // ISA13 (9 digits, zero padded), IEA02
  std::int64_t group_control = 0;        // GS06, GE02
  std::int64_t transaction_control = 0;  // ST02, SE02 (at least 4 digits, zero padded)
  Date created_on{};                     // ISA09, GS04, BHT04
  int created_minutes = 0;               // ISA10, GS05, BHT05: minutes after midnight
  std::string batch_reference;           // BHT03
  bool acknowledgment_requested = false; // ISA14: ask for a TA1
  // A newline after each `~`: not part of the standard, accepted by clearinghouses, readable.
  bool line_breaks = true;
};

struct X12Contact {
  std::string name;  // 1000A PER02 (optional)
  std::string phone; // PER04: 10 digits; ( ) - . + and spaces are dropped
};

struct X12Address {
  std::string street;  // N301
  std::string street2; // N302 (optional)
  std::string city;    // N401
  std::string state;   // N402: 2 letters
  std::string zip;     // N403: 5 or 9 digits (9 for the billing provider); a hyphen is dropped
};

struct X12BillingProvider {
  std::string name;     // 2010AA NM103 (an organization)
  std::string npi;      // NM109
  std::string tax_id;   // REF*EI: the EIN, 9 digits
  X12Address address;   // a street address: 5010 refuses a PO box here
  std::string taxonomy; // PRV*BI*PXC (optional), 10 characters
};

struct X12Payer {
  std::string name;        // 2010BB NM103
  std::string payer_id;    // NM109 (PI): the clearinghouse's payer id
  std::string filing_code; // SBR09: 12 PPO, 13 POS, 14 EPO, 15 indemnity, HM, BL, CI, MB, MC, ...
};

// Who the subscriber is to the patient. The 837P writes SBR02 = 18 for self, otherwise a
// 2000C patient loop with PAT01: spouse 01, partner 53 (life partner), parent 19 (the
// patient is the subscriber's child), other G8.
enum class X12Relationship { Self, Spouse, Partner, Parent, Other };
// "self", "spouse", "partner", "parent", "other" (the coverages table); iop::Invalid otherwise.
X12Relationship parse_x12_relationship(std::string_view text);

struct X12Patient {
  std::string last_name;
  std::string first_name;
  Date date_of_birth{};
  std::string sex = "U"; // F, M, X, U (X and U are written U: DMG03 knows F, M, U)
  X12Address address;
};

struct X12Subscriber {
  std::string member_id;    // 2010BA NM109 (MI)
  std::string group_number; // SBR03 (optional)
  // Used only when the subscriber is not the patient; for self, the patient's are written.
  std::string last_name;
  std::string first_name;
  std::optional<Date> date_of_birth; // DMG, written when known
  std::string sex = "U";
  std::optional<X12Address> address; // N3/N4, written when known
};

struct X12Rendering {
  std::string last_name;
  std::string first_name;
  std::string npi;
};

struct X12Line {
  std::string code;                   // SV101-2: CPT/HCPCS, 5 characters
  std::vector<std::string> modifiers; // SV101-3..6: up to 4, 2 characters each
  std::int64_t charge_cents = 0;      // SV102
  int units = 1;                      // SV104 (UN)
  Date service_date{};                // DTP*472
  std::vector<int> pointers;          // SV107: 1 to 4, 1-based into the claim's diagnoses
};

struct X12Claim {
  std::string claim_id;                  // CLM01, the patient account number: at most 20 characters
  int frequency = 1;                     // CLM05-3: 1 original, 7 replacement, 8 void
  std::string original_claim;            // REF*F8, the payer's claim number: required for 7 and 8 only
  std::string place_of_service;          // CLM05-1: 2 digits (02, 10, 11, ...)
  std::string prior_authorization;       // REF*G1 (optional)
  std::vector<std::string> diagnoses;    // ICD-10-CM, dotted or not; 1 to 12, the first is the principal
  std::optional<X12Rendering> rendering; // 2310B, skipped when its NPI is the billing provider's
  std::string priority = "primary";      // SBR01; secondary claims need COB loops not written here
  X12Payer payer;
  X12Subscriber subscriber;
  X12Relationship relationship = X12Relationship::Self;
  X12Patient patient;
  std::vector<X12Line> lines; // 1 to 50
};

struct X12Batch {
  X12Envelope envelope;
  X12Contact contact;
  X12BillingProvider billing_provider;
  std::vector<X12Claim> claims;
};

// The whole interchange (ISA ... IEA). Every value is checked first: X12Invalid names the
// first one missing or malformed, and nothing is written. Text values are upper-cased, their
// accents folded to ASCII, apostrophes, control characters and the delimiters * : ^ ~ removed,
// and names and addresses cut to the element's maximum length; identifiers that do not fit are
// refused rather than cut.
std::string write_837p(const X12Batch& batch);

// The same interchange written as it goes, for batches too large to hold at once: the header
// (envelope, contact, billing provider; `header.claims` is ignored) is checked and written by the
// constructor, each claim checked and written by add(), the SE/GE/IEA trailers by finish(). No
// header needs a total, so nothing is held but the current claim and the claim ids seen (CLM01
// must not repeat). `sink` receives the text in order, in pieces of about 64 KiB. Values are
// checked and rewritten as write_837p does; X12Invalid names the first bad one (claim paths are
// "claims[i]...", i counted from 0 in the order added), after which the writer must be dropped,
// and the text already passed to `sink` must be thrown away by the caller.
class X12Writer {
public:
  using Sink = std::function<void(std::string_view)>;
  X12Writer(const X12Batch& header, Sink sink);
  ~X12Writer();
  X12Writer(const X12Writer&) = delete;
  X12Writer& operator=(const X12Writer&) = delete;
  // X12Invalid before anything is written when there are no claims: lets a caller refuse early
  // what finish() would refuse later. Any number above that is written: 5000 claims to a
  // transaction set (ST ... SE), as many sets as needed in the one functional group.
  static void check_claim_count(std::size_t count);
  void add(const X12Claim& claim);
  // X12Invalid when no claim was added. Passes the last of the text to `sink`.
  void finish();
  std::size_t claim_count() const;

private:
  void open_transaction();
  void close_transaction();
  struct State;
  std::unique_ptr<State> m_state;
};

// The value as an X12 element can carry it (see write_837p), cut to `max_length` characters.
std::string x12_text(std::string_view value, std::size_t max_length);

} // namespace iop
