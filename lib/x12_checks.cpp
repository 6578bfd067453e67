// Checks every value of an 837P batch before a byte is written, and puts each in the form the
// file carries. Limits are 005010X222A1's: element lengths from the X12 dictionary (NM103 60,
// NM104 35, N301 55, N401 30, REF02 50, NM109 80), CLM01 20 (what a payer must keep), 12
// diagnoses, 4 pointers and 4 modifiers per line, 50 lines per claim (5000 claims per ST: x12.cpp).
#include "x12_segments.hpp"

#include "iop/identifiers.hpp"
#include "iop/text.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace iop::x12 {

namespace {

constexpr std::size_t k_max_lines = 50;
constexpr std::size_t k_max_diagnoses = 12;
constexpr std::int64_t k_max_control = 999999999;
constexpr std::int64_t k_max_charge_cents = 99999999999; // 999,999,999.99: far beyond any fee
constexpr int k_max_units = 9999;

// Where a value sits: its path in X12Batch (for X12Invalid::field) and how a person names it.
struct Where {
  std::string path;
  std::string what;
  Where at(std::string_view key, std::string_view words) const {
    return {path.empty() ? std::string(key) : path + "." + std::string(key), what + " " + std::string(words)};
  }
};

[[noreturn]] void fail(const Where& w, const std::string& problem, std::string hint = {}) {
  throw X12Invalid(w.path, w.what + " " + problem, std::move(hint));
}

bool only_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool only_letters(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; }); // x12_text upper-cased
}
bool only_letters_and_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

// Free text (names, addresses): required, scrubbed, cut to the element's length.
std::string text(std::string_view value, const Where& w, std::size_t max, std::size_t min = 1) {
  if (trim(value).empty()) {
    fail(w, "is missing");
  }
  std::string out = x12_text(value, max);
  if (out.size() < min) {
    fail(w, "'" + trim(value) + "' has too few characters an X12 file can carry",
         "X12 carries ASCII letters and digits; accents are folded (é -> E), other scripts are dropped");
  }
  return out;
}

// Identifiers and codes: required, scrubbed, never cut (a cut id names something else).
std::string identifier(std::string_view value, const Where& w, std::size_t min, std::size_t max) {
  std::string out = text(value, w, std::string::npos);
  if (out.size() > max) {
    fail(w, "'" + out + "' is longer than " + std::to_string(max) + " characters");
  }
  if (out.size() < min) {
    fail(w, "'" + out + "' is shorter than " + std::to_string(min) + " characters");
  }
  return out;
}

std::string optional_identifier(std::string_view value, const Where& w, std::size_t min, std::size_t max) {
  return trim(value).empty() ? std::string() : identifier(value, w, min, max);
}

// Digits once the usual separators are dropped; `lengths` lists the accepted counts.
std::string digits(std::string_view value, const Where& w, std::initializer_list<std::size_t> lengths,
                   std::string_view separators, const std::string& shape) {
  if (trim(value).empty()) {
    fail(w, "is missing");
  }
  std::string out;
  for (char c : value) {
    if (separators.find(c) == std::string_view::npos) {
      out += c;
    }
  }
  if (!only_digits(out) || std::find(lengths.begin(), lengths.end(), out.size()) == lengths.end()) {
    fail(w, "'" + trim(value) + "' must be " + shape);
  }
  return out;
}

std::string npi(std::string_view value, const Where& w) {
  if (trim(value).empty()) {
    fail(w, "is missing");
  }
  try {
    require_valid_npi(trim(value));
  } catch (const Invalid& e) {
    fail(w, std::string("is wrong: ") + e.what(), e.hint());
  }
  return trim(value);
}

std::string sex(std::string_view value, const Where& w) {
  const std::string s = x12_text(value, 2);
  if (s.empty() || s == "U" || s == "X") {
    return "U"; // DMG03 has no X: unknown is the closest it can say
  }
  if (s == "F" || s == "M") {
    return s;
  }
  fail(w, "'" + trim(value) + "' must be F, M, X or U");
}

Date date(const Date& d, const Where& w) {
  if (!d.ok()) {
    fail(w, "is missing or not a real date");
  }
  return d;
}

X12Address address(const X12Address& a, const Where& w, bool nine_digit_zip) {
  X12Address out;
  out.street = text(a.street, w.at("street", "street"), 55);
  out.street2 = trim(a.street2).empty() ? std::string() : text(a.street2, w.at("street2", "second street line"), 55);
  out.city = text(a.city, w.at("city", "city"), 30, 2);
  out.state = x12_text(a.state, 3);
  if (out.state.size() != 2 || !only_letters(out.state)) {
    fail(w.at("state", "state"), "'" + trim(a.state) + "' must be a 2-letter state code such as OR");
  }
  if (nine_digit_zip) {
    out.zip = digits(a.zip, w.at("zip", "ZIP code"), {9}, "- ", "the 9-digit ZIP+4 code (5010 requires it here)");
  } else {
    out.zip = digits(a.zip, w.at("zip", "ZIP code"), {5, 9}, "- ", "5 or 9 digits");
  }
  return out;
}

std::int64_t control(std::int64_t n, const Where& w) {
  if (n < 1 || n > k_max_control) {
    fail(w, std::to_string(n) + " must be between 1 and 999999999");
  }
  return n;
}

X12Envelope envelope(const X12Envelope& e) {
  const Where w{"envelope", "interchange"};
  X12Envelope out = e;
  out.submitter_id = identifier(e.submitter_id, w.at("submitter_id", "submitter id"), 2, 15);
  out.submitter_name = text(e.submitter_name, w.at("submitter_name", "submitter name"), 60);
  out.receiver_id = identifier(e.receiver_id, w.at("receiver_id", "receiver id"), 2, 15);
  out.receiver_name = text(e.receiver_name, w.at("receiver_name", "receiver name"), 60);
  out.usage = x12_text(e.usage, 2);
  if (out.usage != "T" && out.usage != "P") {
    fail(w.at("usage", "usage"), "'" + trim(e.usage) + "' must be T (test) or P (production)");
  }
  control(e.interchange_control, w.at("interchange_control", "control number (ISA13)"));
  control(e.group_control, w.at("group_control", "group control number (GS06)"));
  control(e.transaction_control, w.at("transaction_control", "transaction set control number (ST02)"));
  date(e.created_on, w.at("created_on", "creation date"));
  if (e.created_minutes < 0 || e.created_minutes >= 24 * 60) {
    fail(w.at("created_minutes", "creation time"), std::to_string(e.created_minutes) + " is not a time of day");
  }
  out.batch_reference = identifier(e.batch_reference, w.at("batch_reference", "batch reference (BHT03)"), 1, 50);
  return out;
}

X12BillingProvider billing_provider(const X12BillingProvider& p) {
  const Where w{"billing_provider", "billing provider"};
  X12BillingProvider out;
  out.name = text(p.name, w.at("name", "name"), 60);
  out.npi = npi(p.npi, w.at("npi", "NPI"));
  out.tax_id = digits(p.tax_id, w.at("tax_id", "tax id"), {9}, "- ", "the 9-digit EIN");
  out.address = address(p.address, w.at("address", "address:"), true);
  // 5010 wants where the practice is here; a PO box belongs to a pay-to address.
  std::string street = out.address.street;
  std::erase(street, '.');
  for (const char* box : {"PO BOX", "P O BOX", "POBOX", "POST OFFICE BOX", "LOCKBOX", "LOCK BOX"}) {
    if (street.rfind(box, 0) == 0) {
      fail(w.at("address.street", "address: street"), "'" + out.address.street + "' is a PO box",
           "5010 requires the practice's street address for the billing provider");
    }
  }
  if (!trim(p.taxonomy).empty()) {
    out.taxonomy = x12_text(p.taxonomy, 11);
    if (out.taxonomy.size() != 10 || !only_letters_and_digits(out.taxonomy)) {
      fail(w.at("taxonomy", "taxonomy"),
           "'" + trim(p.taxonomy) + "' must be a 10-character taxonomy code such as 261QM0801X");
    }
  }
  return out;
}

std::vector<std::string> diagnoses(const std::vector<std::string>& codes, const Where& claim) {
  const Where w = claim.at("diagnoses", "diagnoses");
  if (codes.empty()) {
    fail(w, "are missing: a claim needs at least one");
  }
  if (codes.size() > k_max_diagnoses) {
    fail(w, "are " + std::to_string(codes.size()) + ": an 837P claim carries at most 12",
         "split the services over two claims, each with the diagnoses its lines point to");
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const Where d{w.path + "[" + std::to_string(i) + "]", claim.what + " diagnosis " + std::to_string(i + 1) + ":"};
    std::string code;
    try {
      code = icd10_without_dot(canonical_icd10(trim(codes[i])));
    } catch (const Invalid& e) {
      fail(d, e.what(), e.hint());
    }
    if (std::find(out.begin(), out.end(), code) != out.end()) {
      fail(d, codes[i] + " is listed twice");
    }
    out.push_back(std::move(code));
  }
  return out;
}

X12Line line(const X12Line& l, const Where& w, std::size_t diagnosis_count) {
  X12Line out;
  out.code = x12_text(l.code, 6);
  if (out.code.size() != 5 || !only_letters_and_digits(out.code)) {
    fail(w.at("code", "procedure code"), "'" + trim(l.code) + "' must be a 5-character CPT or HCPCS code");
  }
  if (l.modifiers.size() > 4) {
    fail(w.at("modifiers", "modifiers"), "are " + std::to_string(l.modifiers.size()) + ": a line carries at most 4");
  }
  for (const std::string& m : l.modifiers) {
    std::string mod = x12_text(m, 3);
    if (mod.size() != 2 || !only_letters_and_digits(mod)) {
      fail(w.at("modifiers", "modifier"), "'" + trim(m) + "' must be 2 letters or digits such as 95");
    }
    out.modifiers.push_back(std::move(mod));
  }
  if (l.charge_cents < 0 || l.charge_cents > k_max_charge_cents) {
    fail(w.at("charge_cents", "charge"), std::to_string(l.charge_cents) + " cents is out of range");
  }
  out.charge_cents = l.charge_cents;
  if (l.units < 1 || l.units > k_max_units) {
    fail(w.at("units", "units"), std::to_string(l.units) + " must be between 1 and " + std::to_string(k_max_units));
  }
  out.units = l.units;
  out.service_date = date(l.service_date, w.at("service_date", "date of service"));
  const Where p = w.at("pointers", "diagnosis pointers");
  if (l.pointers.empty() || l.pointers.size() > 4) {
    fail(p, "are " + std::to_string(l.pointers.size()) + ": a line points to 1 to 4 diagnoses");
  }
  for (int n : l.pointers) {
    if (n < 1 || static_cast<std::size_t>(n) > diagnosis_count) {
      fail(p, "include " + std::to_string(n) + ", out of range: the claim has " + std::to_string(diagnosis_count) +
                  " diagnos" + (diagnosis_count == 1 ? "is" : "es") + ", numbered from 1");
    }
    if (std::count(l.pointers.begin(), l.pointers.end(), n) > 1) {
      fail(p, "include " + std::to_string(n) + " twice");
    }
  }
  out.pointers = l.pointers;
  return out;
}

} // namespace

X12Claim checked_claim(const X12Claim& c, const std::string& billing_npi, std::size_t index) {
  const std::string path = "claims[" + std::to_string(index) + "]";
  const std::string id =
      identifier(c.claim_id, {path + ".claim_id", "claim " + std::to_string(index + 1) + ": id"}, 1, 20);
  const Where w{path, "claim " + id + ":"};
  X12Claim out;
  out.claim_id = id;
  if (c.frequency != 1 && c.frequency != 7 && c.frequency != 8) {
    fail(w.at("frequency", "frequency"),
         std::to_string(c.frequency) + " must be 1 (original), 7 (replacement) or 8 (void)");
  }
  out.frequency = c.frequency;
  if (c.frequency == 1) {
    if (!trim(c.original_claim).empty()) {
      fail(w.at("original_claim", "original claim number"), "is only for a replacement (7) or a void (8)");
    }
  } else {
    out.original_claim = identifier(c.original_claim, w.at("original_claim", "original claim number (REF*F8)"), 1, 50);
  }
  out.place_of_service = digits(c.place_of_service, w.at("place_of_service", "place of service"), {2}, "",
                                "2 digits such as 02, 10 or 11");
  out.prior_authorization =
      optional_identifier(c.prior_authorization, w.at("prior_authorization", "prior authorization number"), 1, 50);
  out.diagnoses = diagnoses(c.diagnoses, w);
  if (c.rendering) {
    const Where r = w.at("rendering", "rendering clinician");
    X12Rendering rend{text(c.rendering->last_name, r.at("last_name", "last name"), 60),
                      text(c.rendering->first_name, r.at("first_name", "first name"), 35),
                      npi(c.rendering->npi, r.at("npi", "NPI"))};
    if (rend.npi != billing_npi) { // the same NPI is the billing provider itself: 2310B stays out
      out.rendering = rend;
    }
  }
  if (c.priority != "primary") {
    fail(w.at("priority", "coverage"), "'" + c.priority + "' is not primary",
         "a secondary claim needs the primary payer's adjudication (loops 2320/2330), which iop does not write");
  }
  out.priority = c.priority;
  const Where pw = w.at("payer", "payer");
  out.payer.name = text(c.payer.name, pw.at("name", "name"), 60);
  out.payer.payer_id = identifier(c.payer.payer_id, pw.at("payer_id", "payer id"), 2, 80);
  out.payer.filing_code = x12_text(c.payer.filing_code, 3);
  static constexpr std::array<std::string_view, 23> k_filing_codes{"11", "12", "13", "14", "15", "16", "17", "AM",
                                                                   "BL", "CH", "CI", "DS", "FI", "HM", "LM", "MA",
                                                                   "MB", "MC", "OF", "TV", "VA", "WC", "ZZ"};
  if (std::find(k_filing_codes.begin(), k_filing_codes.end(), out.payer.filing_code) == k_filing_codes.end()) {
    fail(pw.at("filing_code", "claim filing code"), "'" + trim(c.payer.filing_code) + "' is not an SBR09 code",
         "12 PPO, 13 POS, 14 EPO, 15 indemnity, HM HMO, BL Blue Cross/Blue Shield, CI commercial, MB, MC, ...");
  }
  const Where sw = w.at("subscriber", "subscriber");
  out.subscriber.member_id = identifier(c.subscriber.member_id, sw.at("member_id", "member id"), 2, 80);
  out.subscriber.group_number =
      optional_identifier(c.subscriber.group_number, sw.at("group_number", "group number"), 1, 50);
  out.relationship = c.relationship;
  if (c.relationship != X12Relationship::Self) {
    out.subscriber.last_name = text(c.subscriber.last_name, sw.at("last_name", "last name"), 60);
    out.subscriber.first_name = text(c.subscriber.first_name, sw.at("first_name", "first name"), 35);
    if (c.subscriber.date_of_birth) {
      out.subscriber.date_of_birth = date(*c.subscriber.date_of_birth, sw.at("date_of_birth", "date of birth"));
    }
    out.subscriber.sex = sex(c.subscriber.sex, sw.at("sex", "sex"));
    if (c.subscriber.address) {
      out.subscriber.address = address(*c.subscriber.address, sw.at("address", "address:"), false);
    }
  }
  const Where ptw = w.at("patient", "patient");
  out.patient.last_name = text(c.patient.last_name, ptw.at("last_name", "last name"), 60);
  out.patient.first_name = text(c.patient.first_name, ptw.at("first_name", "first name"), 35);
  out.patient.date_of_birth = date(c.patient.date_of_birth, ptw.at("date_of_birth", "date of birth"));
  out.patient.sex = sex(c.patient.sex, ptw.at("sex", "sex"));
  out.patient.address = address(c.patient.address, ptw.at("address", "address:"), false);
  if (c.lines.empty()) {
    fail(w.at("lines", "service lines"), "are missing: a claim needs at least one");
  }
  if (c.lines.size() > k_max_lines) {
    fail(w.at("lines", "service lines"), "are " + std::to_string(c.lines.size()) + ": an 837P claim carries at most 50",
         "split the services over several claims");
  }
  for (std::size_t i = 0; i < c.lines.size(); ++i) {
    out.lines.push_back(line(c.lines[i],
                             w.at("lines[" + std::to_string(i) + "]", "line " + std::to_string(i + 1) + ":"),
                             out.diagnoses.size()));
  }
  return out;
}

X12Batch checked_header(const X12Batch& batch) {
  X12Batch out;
  out.envelope = envelope(batch.envelope);
  const Where contact{"contact", "submitter contact"};
  out.contact.name =
      trim(batch.contact.name).empty() ? std::string() : text(batch.contact.name, contact.at("name", "name"), 60);
  std::string phone =
      digits(batch.contact.phone, contact.at("phone", "phone"), {10, 11}, " ()-.+", "a 10-digit phone number");
  if (phone.size() == 11) {
    if (phone[0] != '1') {
      fail(contact.at("phone", "phone"), "'" + trim(batch.contact.phone) + "' must be a 10-digit phone number");
    }
    phone.erase(0, 1); // +1, the country code
  }
  out.contact.phone = phone;
  out.billing_provider = billing_provider(batch.billing_provider);
  return out;
}

void check_claim_count(std::size_t count) {
  if (count == 0) {
    throw X12Invalid("claims", "an 837P batch needs at least one claim");
  }
}

X12Batch checked_batch(const X12Batch& batch) {
  X12Batch out = checked_header(batch);
  check_claim_count(batch.claims.size());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < batch.claims.size(); ++i) {
    X12Claim c = checked_claim(batch.claims[i], out.billing_provider.npi, i);
    // CLM01 is how the payer's answers (277CA, 835) find the claim again: one claim each.
    if (!ids.insert(c.claim_id).second) {
      throw X12Invalid("claims[" + std::to_string(i) + "].claim_id",
                       "claim " + c.claim_id + " appears twice in the batch");
    }
    out.claims.push_back(std::move(c));
  }
  return out;
}

} // namespace iop::x12
