// make_superbill: a client's attended, signed services of a period, coded as a per-service payer
// would bill them, for the client to send an out-of-network payer (claim_reports.hpp).
#include "billable_store.hpp"
#include "iop/billing_codes.hpp"
#include "iop/claim_reports.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/coverage.hpp"
#include "iop/errors.hpp"
#include "iop/payers.hpp"

#include <algorithm>
#include <map>

namespace iop {

namespace {

// The modifiers of the client's primary payer on that day, else the defaults (95 video, 93 phone);
// always per service, whatever the payer's own billing model.
PayerRules rules_on(Database& db, std::int64_t client_id, const Date& day) {
  PayerRules rules;
  if (const auto coverage = active_coverage(db, client_id, day)) {
    const Payer payer = get_payer(db, coverage->payer_id);
    rules.telehealth_modifier = payer.telehealth_modifier;
    rules.audio_modifier = payer.audio_modifier;
  }
  return rules;
}

int minutes_between(const std::string& from, const std::string& to) {
  const auto a = parse_utc(from);
  const auto b = parse_utc(to);
  return a && b ? static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(*b - *a).count()) : 0;
}

std::string practice_address(const Config& config) {
  std::string street = config.get("practice.address").value_or("");
  std::string place = config.get("practice.city").value_or("");
  const std::string state = config.get("practice.state").value_or("");
  const std::string zip = config.get("practice.zip").value_or("");
  if (!state.empty()) {
    place += (place.empty() ? "" : ", ") + state;
  }
  if (!zip.empty()) {
    place += (place.empty() ? "" : " ") + (zip.size() == 9 ? zip.substr(0, 5) + "-" + zip.substr(5) : zip);
  }
  return street + (street.empty() || place.empty() ? "" : ", ") + place;
}

std::vector<std::string> pointer_letters(std::size_t diagnoses) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < std::min<std::size_t>(4, diagnoses); ++i) {
    out.emplace_back(1, static_cast<char>('A' + i));
  }
  return out;
}

} // namespace

Superbill make_superbill(Database& db, const Config& config, std::int64_t client_id, const Date& from, const Date& to) {
  if (to < from) {
    throw Invalid("--to " + format_date(to) + " is before --from " + format_date(from));
  }
  const Client client = get_client(db, client_id); // iop::NotFound
  Superbill bill;
  bill.practice_name = config.require("practice.name");
  bill.practice_npi = config.require("practice.npi");
  bill.practice_tax_id = config.require("practice.tax_id");
  bill.practice_address = practice_address(config);
  bill.practice_phone = config.get("practice.phone").value_or("");
  bill.client_id = client.id;
  bill.client_name = client.full_name();
  bill.client_date_of_birth = client.date_of_birth;
  bill.from = format_date(from);
  bill.to = format_date(to);
  // A CMS-1500 has room for 12 diagnoses (A-L).
  bill.diagnoses.assign(client.diagnoses.begin(), client.diagnoses.begin() + static_cast<long>(std::min<std::size_t>(
                                                                                 12, client.diagnoses.size())));

  const auto utc_day = [](const Date& d, int shift) {
    return format_date(Date{date::sys_days{d} + date::days{shift}}) + "T00:00:00Z";
  };
  std::map<std::int64_t, Clinician> clinicians;
  for (const auto& s : store::select_billable_sessions(db, utc_day(from, -1), utc_day(to, 2), client_id)) {
    const Date day = local_date(*parse_utc(s.start_utc), s.timezone);
    if (day < from || day > to || s.status != "attended") {
      continue;
    }
    if (s.type == "couples" && store::billed_patient(s) != client_id) {
      continue; // on the identified patient's superbill
    }
    const auto p = std::find_if(s.participants.begin(), s.participants.end(),
                                [&](const auto& x) { return x.client_id == client_id; });
    ClaimSkip left{s.id, client_id, format_date(day), "", ""};
    if (s.type == "group" && p->attendance != "present") {
      continue; // absent: not a service
    }
    if (!p->note_id) {
      left.code = "note-missing";
      left.reason =
          "no progress note (iop note add " + std::to_string(s.id) + " --client " + std::to_string(client_id) + ")";
    } else if (!p->note_signed) {
      left.code = "note-unsigned";
      left.reason = "note not signed (iop note sign " + std::to_string(*p->note_id) + ")";
    }
    ServiceFacts facts;
    facts.type = s.type;
    facts.actual_minutes = minutes_between(*s.actual_start_utc, *s.actual_end_utc);
    facts.modality = s.modality;
    facts.patient_present = s.type != "couples" || s.patient_present;
    const BillingResult result = service_line(facts, rules_on(db, client_id, day), config);
    const ServiceLine* made = billable(result);
    if (left.code.empty() && !made) {
      left.code = "too-short";
      left.reason = std::get<NotBillable>(result).reason;
    }
    if (!left.code.empty()) {
      bill.left_out.push_back(left);
      continue;
    }
    auto it = clinicians.find(s.clinician_id);
    if (it == clinicians.end()) {
      it = clinicians.emplace(s.clinician_id, get_clinician(db, s.clinician_id)).first;
    }
    SuperbillLine line;
    line.service_date = format_date(day);
    line.session_id = s.id;
    line.code = made->code;
    line.modifiers = made->modifiers;
    line.place_of_service = made->place_of_service;
    line.units = made->units;
    line.charge_cents = made->charge_cents;
    line.pointers = pointer_letters(bill.diagnoses.size());
    line.clinician_id = s.clinician_id;
    line.clinician = it->second.display_name();
    line.clinician_npi = it->second.npi;
    bill.total_cents += line.charge_cents;
    bill.lines.push_back(std::move(line));
  }
  return bill;
}

} // namespace iop
