#include "iop/payers.hpp"

#include "iop/dates.hpp"
#include "iop/errors.hpp"
#include "iop/text.hpp"
#include "payer_store.hpp"

#include <algorithm>
#include <cctype>

namespace iop {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

template <std::size_t N> bool one_of(const std::string& value, const char* const (&allowed)[N]) {
  return std::find_if(std::begin(allowed), std::end(allowed), [&](const char* a) { return value == a; }) !=
         std::end(allowed);
}

template <std::size_t N> std::string listed(const char* const (&allowed)[N]) {
  std::string out;
  for (const char* a : allowed) {
    out += (out.empty() ? "" : ", ") + std::string(a);
  }
  return out;
}

// Case as the codes are written: "none" in lower case, modifiers (GT, FQ) in upper case.
std::string modifier_case(const std::string& given) {
  const std::string t = trim(given);
  return lower(t) == "none" ? "none" : upper(t);
}

NewPayer validated(const NewPayer& input) {
  NewPayer p;
  p.name = require_x12_text(input.name, "payer name", 60);
  p.payer_id = normalize_payer_id(input.payer_id);
  p.plan = normalize_plan(input.plan);
  p.filing_code = input.filing_code ? normalize_filing_code(*input.filing_code) : default_filing_code(p.plan);
  p.billing = normalize_billing(input.billing);
  p.telehealth_modifier = normalize_telehealth_modifier(input.telehealth_modifier);
  p.audio_modifier = normalize_audio_modifier(input.audio_modifier);
  p.requires_auth = input.requires_auth;
  return p;
}

void require_unique_name(Database& db, const std::string& name, std::int64_t self) {
  if (const auto other = store::payer_named(db, name); other && *other != self) {
    throw Conflict("a payer named '" + name + "' already exists (payer " + std::to_string(*other) + ")",
                   "payer names are unique; see iop payer show " + std::to_string(*other));
  }
}

} // namespace

std::string require_x12_text(std::string_view value, std::string_view field, std::size_t max_bytes) {
  std::string t = require_text(value, field, max_bytes);
  if (const auto at = t.find_first_of("*:^~"); at != std::string::npos) {
    throw Invalid(std::string(field) + " '" + t + "' contains '" + t[at] + "', a delimiter of X12 claim files",
                  "leave out the characters * : ^ ~");
  }
  return t;
}

std::string normalize_plan(const std::string& plan) {
  const std::string p = lower(trim(plan));
  if (!one_of(p, k_plans)) {
    throw Invalid("plan '" + plan + "' must be one of " + listed(k_plans));
  }
  return p;
}

std::string default_filing_code(const std::string& plan) {
  const std::string p = normalize_plan(plan);
  if (p == "ppo") {
    return "12";
  }
  if (p == "pos") {
    return "13";
  }
  if (p == "epo") {
    return "14";
  }
  if (p == "indemnity") {
    return "15";
  }
  if (p == "hmo") {
    return "HM";
  }
  if (p == "medicare") {
    return "MB";
  }
  if (p == "medicaid") {
    return "MC";
  }
  return "CI";
}

std::string normalize_filing_code(const std::string& code) {
  const std::string c = upper(trim(code));
  if (!one_of(c, k_filing_codes)) {
    throw Invalid("filing code '" + code + "' is not an X12 claim filing indicator (SBR09)",
                  "common ones: 12 PPO, 13 POS, 14 EPO, 15 indemnity, HM HMO, BL Blue Cross/Blue Shield, "
                  "CI commercial, MB Medicare Part B, MC Medicaid");
  }
  return c;
}

std::string normalize_billing(const std::string& billing) {
  const std::string b = lower(trim(billing));
  if (!one_of(b, k_billing_models)) {
    throw Invalid("billing '" + billing + "' must be per-service or per-diem");
  }
  return b;
}

std::string normalize_telehealth_modifier(const std::string& modifier) {
  const std::string m = modifier_case(modifier);
  if (!one_of(m, k_telehealth_modifiers)) {
    throw Invalid("telehealth modifier '" + modifier + "' must be 95, GT or none");
  }
  return m;
}

std::string normalize_audio_modifier(const std::string& modifier) {
  const std::string m = modifier_case(modifier);
  if (!one_of(m, k_audio_modifiers)) {
    throw Invalid("audio modifier '" + modifier + "' must be 93, FQ or none");
  }
  return m;
}

std::string normalize_payer_id(const std::string& payer_id) {
  const std::string id = require_x12_text(payer_id, "payer id", 80);
  if (id.size() < 2) {
    throw Invalid("payer id '" + id + "' is too short (at least 2 characters)",
                  "the clearinghouse's payer list has it");
  }
  for (unsigned char c : id) {
    if (c <= ' ' || c >= 0x7F) {
      throw Invalid("payer id '" + id + "' may hold only letters, digits and punctuation, without spaces",
                    "the clearinghouse's payer list has it, for example 60054");
    }
  }
  return id;
}

std::string filing_code_after(const Payer& current, const std::string& new_plan,
                              const std::optional<std::string>& explicit_code) {
  if (explicit_code) {
    return normalize_filing_code(*explicit_code);
  }
  if (current.filing_code == default_filing_code(current.plan)) {
    return default_filing_code(new_plan);
  }
  return current.filing_code;
}

Payer get_payer(Database& db, std::int64_t id) {
  auto p = store::find_payer(db, id);
  if (!p) {
    throw NotFound("no payer with id " + std::to_string(id), "iop payer list --all shows every payer");
  }
  return *p;
}

std::vector<Payer> list_payers(Database& db, const PayerFilter& filter) {
  return store::select_payers(db, filter);
}

Payer add_payer(Database& db, const Actor& actor, const NewPayer& input) {
  const NewPayer p = validated(input);
  WriteTransaction tx(db);
  require_unique_name(db, p.name, 0);
  const std::int64_t id = store::insert_payer(db, p, format_utc(actor.at));
  audit(db, actor, "create", "payer", id);
  tx.commit();
  return get_payer(db, id);
}

Payer update_payer(Database& db, const Actor& actor, std::int64_t id, const PayerChanges& changes) {
  if (changes.empty()) {
    throw Invalid("nothing to update",
                  "give at least one of --name, --payer-id, --plan, --filing-code, --billing, --telehealth-modifier, "
                  "--audio-modifier, --requires-auth, --no-requires-auth, --active");
  }
  WriteTransaction tx(db);
  Payer p = get_payer(db, id);
  NewPayer next{changes.name.value_or(p.name),
                changes.payer_id.value_or(p.payer_id),
                changes.plan.value_or(p.plan),
                std::nullopt,
                changes.billing.value_or(p.billing),
                changes.telehealth_modifier.value_or(p.telehealth_modifier),
                changes.audio_modifier.value_or(p.audio_modifier),
                changes.requires_auth.value_or(p.requires_auth)};
  next.filing_code = filing_code_after(p, normalize_plan(next.plan), changes.filing_code);
  next = validated(next);
  require_unique_name(db, next.name, id);
  p.name = next.name;
  p.payer_id = next.payer_id;
  p.plan = next.plan;
  p.filing_code = *next.filing_code;
  p.billing = next.billing;
  p.telehealth_modifier = next.telehealth_modifier;
  p.audio_modifier = next.audio_modifier;
  p.requires_auth = next.requires_auth;
  p.active = changes.active.value_or(p.active);
  store::update_payer_row(db, p);
  audit(db, actor, "update", "payer", id);
  tx.commit();
  return get_payer(db, id);
}

bool deactivate_payer(Database& db, const Actor& actor, std::int64_t id) {
  WriteTransaction tx(db);
  Payer p = get_payer(db, id);
  if (!p.active) {
    return false;
  }
  p.active = false;
  store::update_payer_row(db, p);
  audit(db, actor, "deactivate", "payer", id);
  tx.commit();
  return true;
}

} // namespace iop
