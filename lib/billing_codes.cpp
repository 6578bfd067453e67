#include "iop/billing_codes.hpp"

#include "iop/errors.hpp"
#include "iop/identifiers.hpp"

#include <algorithm>
#include <numeric>

namespace iop {

namespace {

bool one_of(const std::string& v, std::initializer_list<const char*> set) {
  return std::any_of(set.begin(), set.end(), [&](const char* s) { return v == s; });
}

void check_payer(const PayerRules& payer) {
  if (!one_of(payer.billing, {"per-service", "per-diem"})) {
    throw Invalid("payer billing '" + payer.billing + "' must be per-service or per-diem");
  }
  if (!one_of(payer.telehealth_modifier, {"95", "GT", "none"})) {
    throw Invalid("payer telehealth modifier '" + payer.telehealth_modifier + "' must be 95, GT or none");
  }
  if (!one_of(payer.audio_modifier, {"93", "FQ", "none"})) {
    throw Invalid("payer audio modifier '" + payer.audio_modifier + "' must be 93, FQ or none");
  }
}

void check_service(const ServiceFacts& s) {
  if (!one_of(s.type, {"individual", "addiction", "couples", "group", "medical", "intake"})) {
    throw Invalid("session type '" + s.type + "' has no billing rule");
  }
  if (!one_of(s.modality, {"video", "phone", "in-person"})) {
    throw Invalid("modality '" + s.modality + "' must be video, phone or in-person");
  }
  if (s.actual_minutes < 0) {
    throw Invalid("a service cannot last " + std::to_string(s.actual_minutes) + " minutes");
  }
}

const std::string& configured_code(const std::map<std::string, std::string>& codes, const std::string& table,
                                   const std::string& key) {
  if (const auto it = codes.find(key); it != codes.end()) {
    return it->second;
  }
  throw ConfigError("missing config value billing." + table + "." + key,
                    "set " + key + " = \"CODE\" under [billing." + table + "]");
}

// Telehealth is told by the modifier and the place of service (DOMAIN.md, "Telehealth"): video
// takes the payer's telehealth modifier, phone its audio-only one; POS 10 at home, 02 elsewhere.
void place(ServiceLine& line, const std::string& modality, bool at_home, const PayerRules& payer,
           const BillingConfig& billing) {
  if (modality == "in-person") {
    line.place_of_service = billing.place_of_service_office;
    return;
  }
  const std::string& modifier = modality == "video" ? payer.telehealth_modifier : payer.audio_modifier;
  if (modifier != "none") {
    line.modifiers.push_back(modifier);
  }
  line.place_of_service = at_home ? billing.place_of_service_home : billing.place_of_service_elsewhere;
}

NotBillable under(const std::string& what, int minutes, int minimum, const std::string& why = "") {
  return {what + " of " + std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes") + " is under the " +
          std::to_string(minimum) + "-minute minimum" + why};
}

// H0004 is "per 15 minutes" and DOMAIN.md says no more. We count units as CMS counts timed units
// (Medicare Claims Processing Manual, ch. 5, sec. 20.2, the "8-minute rule"): a unit needs at least
// 8 minutes of its 15, so 8-22 minutes are 1 unit, 23-37 are 2, 38-52 are 3, 53-67 are 4.
int fifteen_minute_units(int minutes) {
  return minutes < 8 ? 0 : (minutes + 7) / 15;
}

} // namespace

const ServiceLine* billable(const BillingResult& result) {
  return std::get_if<ServiceLine>(&result);
}

std::string minutes_text(int minutes) {
  const int h = minutes / 60;
  const int m = minutes % 60;
  if (h == 0) {
    return std::to_string(m) + "m";
  }
  return std::to_string(h) + "h" + (m == 0 ? "" : " " + std::to_string(m) + "m");
}

BillingResult service_line(const ServiceFacts& service, const PayerRules& payer, const Config& config) {
  check_service(service);
  check_payer(payer);
  if (payer.billing == "per-diem") {
    return NotBillable{"the payer is billed per diem: this service counts toward the day's per-diem line"};
  }
  const int minutes = service.actual_minutes;
  if (minutes == 0) {
    return NotBillable{"no minutes were recorded for this " + service.type + " service"};
  }
  ServiceLine line;
  const auto& codes = config.billing.codes;
  if (service.type == "individual") {
    // CPT's midpoint rule: 90832 from 16, 90834 from 38, 90837 from 53 minutes.
    if (minutes < 16) {
      return under("individual psychotherapy", minutes, 16);
    }
    line.code = minutes >= 53 ? "90837" : minutes >= 38 ? "90834" : "90832";
  } else if (service.type == "couples") {
    if (minutes < 26) {
      return under("couples psychotherapy", minutes, 26);
    }
    line.code = configured_code(codes, "codes", service.patient_present ? "couples" : "couples_without_patient");
  } else if (service.type == "addiction") {
    line.units = fifteen_minute_units(minutes);
    if (line.units == 0) {
      return under("addiction counseling", minutes, 8, " for one 15-minute unit");
    }
    line.code = configured_code(codes, "codes", "addiction");
  } else {
    line.code = configured_code(codes, "codes", service.type); // group, intake, medical: 1 unit
  }
  place(line, service.modality, service.client_at_home.value_or(config.billing.client_at_home), payer, config.billing);
  line.charge_cents = config.fee_cents(line.code) * line.units;
  return line;
}

BillingResult per_diem_line(const std::string& track, const std::vector<ServiceFacts>& day, const PayerRules& payer,
                            const Config& config) {
  if (!one_of(track, {"mh", "sud", "dual"})) {
    throw Invalid("track '" + track + "' must be mh, sud or dual");
  }
  for (const auto& s : day) {
    check_service(s);
  }
  check_payer(payer);
  if (payer.billing != "per-diem") {
    return NotBillable{"the payer is billed per service: each service has its own line, not a per-diem"};
  }
  const int total =
      std::accumulate(day.begin(), day.end(), 0, [](int sum, const ServiceFacts& s) { return sum + s.actual_minutes; });
  if (total < config.daily_minutes_min) {
    return NotBillable{minutes_text(total) + " attended; the per-diem minimum is " +
                       minutes_text(config.daily_minutes_min)};
  }
  ServiceLine line;
  line.code = configured_code(config.billing.per_diem_codes, "per_diem", track);
  // A day is in person when any of it was (the client came in; no telehealth modifier claims
  // otherwise); else video when any service was, audio-only only when all were by phone.
  const auto any = [&](auto pred) { return std::any_of(day.begin(), day.end(), pred); };
  const bool in_person = any([](const ServiceFacts& s) { return s.modality == "in-person"; });
  const bool video = any([](const ServiceFacts& s) { return s.modality == "video"; });
  const bool away =
      any([&](const ServiceFacts& s) { return !s.client_at_home.value_or(config.billing.client_at_home); });
  place(line, in_person ? "in-person" : video ? "video" : "phone", !away, payer, config.billing);
  line.charge_cents = config.fee_cents(line.code);
  return line;
}

std::string x12_diagnosis(const std::string& code) {
  return icd10_without_dot(canonical_icd10(code));
}

bool primary_is_relationship_distress(const std::vector<std::string>& dx) {
  return !dx.empty() && canonical_icd10(dx.front()) == "Z63.0";
}

bool only_relationship_distress(const std::vector<std::string>& dx) {
  return dx.size() == 1 && primary_is_relationship_distress(dx);
}

std::optional<std::string> relationship_distress_warning(const std::vector<std::string>& dx) {
  if (only_relationship_distress(dx)) {
    return std::string("Z63.0 (relationship distress) is the only diagnosis and is generally not covered as the "
                       "primary one; the claim may be denied");
  }
  if (primary_is_relationship_distress(dx)) {
    return std::string("Z63.0 (relationship distress) is the primary diagnosis and is generally not covered as "
                       "such; list the diagnosis the couples work treats first");
  }
  return std::nullopt;
}

namespace {

void refuse_negative(std::int64_t cents) {
  if (cents < 0) {
    throw Invalid("amount of " + std::to_string(cents) + " cents is negative; a charge never is");
  }
}

std::string two_digits(std::int64_t n) {
  return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10);
}

} // namespace

std::string format_cents(std::int64_t cents) {
  refuse_negative(cents);
  return std::to_string(cents / 100) + "." + two_digits(cents % 100);
}

// X12 decimal amounts carry no trailing zeros and no point for whole dollars (5010 "R" type).
std::string x12_amount(std::int64_t cents) {
  refuse_negative(cents);
  const std::int64_t rest = cents % 100;
  std::string out = std::to_string(cents / 100);
  if (rest == 0) {
    return out;
  }
  out += "." + two_digits(rest);
  if (out.back() == '0') {
    out.pop_back();
  }
  return out;
}

std::string format_money(std::int64_t cents) {
  refuse_negative(cents);
  const std::string dollars = std::to_string(cents / 100);
  std::string grouped;
  for (std::size_t i = 0; i < dollars.size(); ++i) {
    if (i > 0 && (dollars.size() - i) % 3 == 0) {
      grouped += ',';
    }
    grouped += dollars[i];
  }
  return "$" + grouped + "." + two_digits(cents % 100);
}

} // namespace iop
