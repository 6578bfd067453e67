// The billing rules of one service or one program day, as plain functions of the facts: which
// procedure code, modifiers, place of service, units and charge, or why it is not billable.
// No database here; the claim builder gathers the facts and calls these (DOMAIN.md, "Procedure
// codes" and "Telehealth").
#pragma once

#include "iop/config.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace iop {

// One attended service, as the claim sees it.
struct ServiceFacts {
  std::string type;       // individual, addiction, couples, group, medical, intake
  int actual_minutes = 0; // from the recorded start and end, never the scheduled length
  std::string modality;   // video, phone, in-person
  // Where a telehealth client was. Empty: not recorded, so [billing.telehealth] client_at_home decides.
  std::optional<bool> client_at_home;
  bool patient_present = true; // couples: the identified patient took part (90847), else 90846
};

// What the payer record says (payers.billing, telehealth_modifier, audio_modifier).
struct PayerRules {
  std::string billing = "per-service";    // per-service or per-diem
  std::string telehealth_modifier = "95"; // video: 95, GT or none
  std::string audio_modifier = "93";      // phone: 93, FQ or none
};

struct ServiceLine {
  std::string code;
  std::vector<std::string> modifiers;
  std::string place_of_service;
  int units = 1;
  std::int64_t charge_cents = 0; // fee x units
};

struct NotBillable {
  std::string reason; // a sentence for people: "individual psychotherapy of 15 minutes is under ..."
};

// A service line, or why there is none. Both outcomes are ordinary; errors are thrown.
using BillingResult = std::variant<ServiceLine, NotBillable>;

// The line of one attended service under a per-service payer:
//   individual  16-37 min 90832, 38-52 90834, 53+ 90837; under 16 not billable;
//   couples     90847 (90846 without the patient), from 26 minutes;
//   addiction   H0004, one unit per 15 minutes by the 8-minute rule (see billing_codes.cpp);
//   group       90853, the line of one present member; intake 90791; medical 90792: 1 unit.
// The codes other than individual come from [billing.codes]. A per-diem payer gets NotBillable
// (the service counts toward the day's per_diem_line instead).
// Throws iop::Invalid for an unknown type or modality, negative minutes or a payer value outside
// its set, and iop::ConfigError naming billing.fees."CODE" when the code has no fee.
BillingResult service_line(const ServiceFacts& service, const PayerRules& payer, const Config& config);

// The one line of a program day under a per-diem payer: the track's code ([billing.per_diem]:
// mh S9480, sud and dual H0015), 1 unit, the code's fee, when the day's attended minutes add up to
// [program] daily_minutes_min; else NotBillable saying how far short ("2h 30m attended; the per-diem
// minimum is 3h"). Place of service and modifier follow the day's modality: in person if any
// service was, else telehealth (the video modifier if any service was video, the audio one if all
// were phone; at home only if every service was). A per-service payer gets NotBillable.
// Throws like service_line, and iop::Invalid for an unknown track.
BillingResult per_diem_line(const std::string& track, const std::vector<ServiceFacts>& day, const PayerRules& payer,
                            const Config& config);

// The line, or nullptr when the result is NotBillable.
const ServiceLine* billable(const BillingResult& result);
// "2h 30m", "3h", "45m": how reasons speak of minutes.
std::string minutes_text(int minutes);

// A diagnosis as the 837 and CMS-1500 want it: canonical, without the dot ("f10.20" -> "F1020").
// Throws iop::Invalid when it is not an ICD-10-CM code.
std::string x12_diagnosis(const std::string& code);
// Z63.0 (relationship distress) is generally not covered as the primary diagnosis (dx[0]).
bool primary_is_relationship_distress(const std::vector<std::string>& dx);
// True when Z63.0 is the only diagnosis: no other code the claim could lead with.
bool only_relationship_distress(const std::vector<std::string>& dx);
// The warning a claim with Z63.0 as primary deserves, or nothing.
std::optional<std::string> relationship_distress_warning(const std::vector<std::string>& dx);

// Money. Every function refuses a negative amount with iop::Invalid: a charge is never negative.
std::string format_cents(std::int64_t cents); // 15000 -> "150.00"
std::string x12_amount(std::int64_t cents);   // 15000 -> "150", 15050 -> "150.5", 15025 -> "150.25"
std::string format_money(std::int64_t cents); // 123450 -> "$1,234.50"

} // namespace iop
