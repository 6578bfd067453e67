// Stored claims as the 837P writer's plain data: the envelope and billing provider from the
// config, patient, subscriber, payer and rendering clinician from their records. And the one
// place that turns the writer's complaints into what to fix: a config key, or a claim's record.
#include "claim_x12.hpp"

#include "iop/authorizations.hpp"
#include "iop/billing_codes.hpp"
#include "iop/claim_export.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/coverage.hpp"
#include "iop/payers.hpp"
#include "iop/text.hpp"

#include <map>
#include <utility>

namespace iop {

namespace {

// X12Batch paths whose value comes from the config, and the key that holds it.
const std::vector<std::pair<std::string, std::string>>& config_fields() {
  static const std::vector<std::pair<std::string, std::string>> k_fields{
      {"envelope.submitter_id", "x12.submitter_id"},
      {"envelope.submitter_name", "x12.submitter_name"},
      {"envelope.receiver_id", "x12.receiver_id"},
      {"envelope.receiver_name", "x12.receiver_name"},
      {"envelope.usage", "x12.usage"},
      {"billing_provider.name", "practice.name"},
      {"billing_provider.npi", "practice.npi"},
      {"billing_provider.tax_id", "practice.tax_id"},
      {"billing_provider.address.street", "practice.address"},
      {"billing_provider.address.city", "practice.city"},
      {"billing_provider.address.state", "practice.state"},
      {"billing_provider.address.zip", "practice.zip"},
      {"billing_provider.taxonomy", "practice.taxonomy"},
      {"contact.phone", "practice.phone"},
      {"contact.name", "practice.name"},
  };
  return k_fields;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// The practice's address: the billing provider's, and the patient's fallback.
X12Address practice_address(const Config& config) {
  X12Address a;
  a.street = config.require("practice.address");
  a.city = config.require("practice.city");
  a.state = config.require("practice.state");
  a.zip = config.require("practice.zip");
  return a;
}

std::optional<X12Address> client_address(const Client& c) {
  if (!c.address || !c.city || !c.state || !c.zip) {
    return std::nullopt;
  }
  X12Address a;
  a.street = *c.address;
  a.city = *c.city;
  a.state = *c.state;
  a.zip = *c.zip;
  return a;
}

// 5010 requires the patient's address: the client's own, else the practice's (where the services
// were given), with a warning so the record gets fixed before the payer asks.
X12Address patient_address(const Client& client, const Config& config, std::map<std::int64_t, std::string>& missing) {
  if (auto a = client_address(client)) {
    return *a;
  }
  missing.emplace(client.id, "client " + std::to_string(client.id) + " (" + client.full_name() +
                                 ") has no address: the practice address was sent; iop client update " +
                                 std::to_string(client.id) + " --address ... --city ... --state ... --zip ...");
  return practice_address(config);
}

Date date_or_none(const std::string& text) {
  try {
    return parse_date(text);
  } catch (const Invalid&) {
    return Date{}; // write_837p names the missing date with its path
  }
}

} // namespace

namespace claim_x12 {

X12Claim x12_claim_of(Database& db, const Config& config, const Claim& claim, MissingAddresses& missing) {
  X12Claim out;
  out.claim_id = std::to_string(claim.id);
  out.frequency = claim.frequency;
  if (claim.frequency == 7 || claim.frequency == 8) {
    out.original_claim = claim.payer_claim_number.value_or(
        claim.original_claim_id ? std::to_string(*claim.original_claim_id) : std::string());
  }
  out.place_of_service = claim.place_of_service;
  out.diagnoses = claim.diagnoses;
  if (!claim.lines.empty() && claim.lines.front().authorization_id) {
    out.prior_authorization = get_authorization_number(db, *claim.lines.front().authorization_id);
  }

  const Client client = get_client(db, claim.client_id);
  out.patient.first_name = client.first_name;
  out.patient.last_name = client.last_name;
  out.patient.date_of_birth = date_or_none(client.date_of_birth);
  out.patient.sex = client.sex;
  out.patient.address = patient_address(client, config, missing);

  const Payer payer = get_payer(db, claim.payer_id);
  out.payer.name = payer.name;
  out.payer.payer_id = payer.payer_id;
  out.payer.filing_code = payer.filing_code;

  const Coverage coverage = get_coverage(db, claim.coverage_id);
  out.priority = coverage.priority;
  out.subscriber.member_id = coverage.member_id;
  out.subscriber.group_number = coverage.group_number.value_or("");
  out.relationship =
      coverage.subscriber_kind == "self" ? X12Relationship::Self : parse_x12_relationship(coverage.relationship);
  if (out.relationship != X12Relationship::Self) {
    const SubscriberPerson person = subscriber_of(db, coverage);
    out.subscriber.first_name = person.first_name;
    out.subscriber.last_name = person.last_name;
    if (!person.date_of_birth.empty()) {
      out.subscriber.date_of_birth = date_or_none(person.date_of_birth);
    }
    out.subscriber.sex = person.sex.empty() ? "U" : person.sex;
    if (person.client_id) {
      out.subscriber.address = client_address(get_client(db, *person.client_id));
    }
  }

  const Clinician clinician = get_clinician(db, claim.clinician_id);
  const auto [first, last] = split_person_name(clinician.name);
  out.rendering = X12Rendering{last, first, clinician.npi.value_or("")};

  for (const ClaimLine& line : claim.lines) {
    X12Line l;
    l.code = line.code;
    l.modifiers = line.modifiers;
    l.charge_cents = line.charge_cents;
    l.units = line.units;
    l.service_date = date_or_none(line.service_date);
    l.pointers = line.pointers;
    out.lines.push_back(std::move(l));
  }
  return out;
}

X12Batch header_of(const Config& config) {
  X12Batch batch;
  X12Envelope& e = batch.envelope;
  e.submitter_id = config.require("x12.submitter_id");
  e.submitter_name = config.require("x12.submitter_name");
  e.receiver_id = config.require("x12.receiver_id");
  e.receiver_name = config.require("x12.receiver_name");
  e.usage = config.get("x12.usage").value_or("T");
  X12BillingProvider& p = batch.billing_provider;
  p.name = config.require("practice.name");
  p.npi = config.require("practice.npi");
  p.tax_id = config.require("practice.tax_id");
  p.address = practice_address(config);
  p.taxonomy = config.get("practice.taxonomy").value_or("");
  batch.contact.phone = config.require("practice.phone");
  return batch;
}

void throw_fixable(const X12Invalid& e, const Claim* claim) {
  for (const auto& [path, key] : config_fields()) {
    if (e.field() == path) {
      throw ConfigError(std::string("config key '") + key + "': " + e.what(),
                        "set " + key + " in the config file (iop config show lists the keys)");
    }
  }
  // claims[3].patient.address...: name the claim, so the record behind it can be fixed.
  const std::string& field = e.field();
  if (claim != nullptr && starts_with(field, "claims[")) {
    const Claim& c = *claim;
    std::string record = "client " + std::to_string(c.client_id);
    const std::string rest = field.substr(field.find(']') + 1);
    if (starts_with(rest, ".payer")) {
      record = "payer " + std::to_string(c.payer_id);
    } else if (starts_with(rest, ".subscriber")) {
      record = "coverage " + std::to_string(c.coverage_id);
    } else if (starts_with(rest, ".rendering")) {
      record = "clinician " + std::to_string(c.clinician_id);
    }
    throw Conflict("claim " + std::to_string(c.id) + " cannot be sent (" + record + "): " + e.what(),
                   e.hint().empty() ? "fix " + record + ", then export again" : e.hint());
  }
  throw e;
}

} // namespace claim_x12

X12Batch x12_batch_of(Database& db, const Config& config, const std::vector<Claim>& claims,
                      std::vector<std::string>* warnings, const ProgressFn& progress) {
  X12Batch batch = claim_x12::header_of(config);
  claim_x12::MissingAddresses missing; // client id -> warning, once per client
  for (const Claim& claim : claims) {
    if (progress && batch.claims.size() % 64 == 0) {
      progress(batch.claims.size(), claims.size());
    }
    batch.claims.push_back(claim_x12::x12_claim_of(db, config, claim, missing));
  }
  if (progress) {
    progress(claims.size(), claims.size());
  }
  if (warnings) {
    for (const auto& [id, text] : missing) {
      warnings->push_back(text);
    }
  }
  return batch;
}

std::string claims_837p(const X12Batch& batch, const std::vector<Claim>& claims) {
  try {
    return write_837p(batch);
  } catch (const X12Invalid& e) {
    const std::string& field = e.field();
    const Claim* claim = nullptr;
    if (starts_with(field, "claims[")) {
      const std::size_t index = std::stoul(field.substr(7));
      if (index < claims.size()) {
        claim = &claims[index];
      }
    }
    claim_x12::throw_fixable(e, claim);
  }
}

} // namespace iop
