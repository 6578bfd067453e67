// Payers: the insurers a practice bills, with what their claims need (payer id, claim filing
// indicator, billing model, telehealth modifiers, whether sessions need prior authorization).
#pragma once

#include "iop/audit.hpp"
#include "iop/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iop {

inline constexpr const char* k_plans[] = {"ppo", "hmo", "epo", "pos", "indemnity", "medicaid", "medicare", "other"};
// SBR09, the claim filing indicator of an 837P 5010: the whole X12 code list is accepted, so a
// payer that wants CH (TRICARE), VA or WC can be billed; anything else is a typo.
inline constexpr const char* k_filing_codes[] = {"11", "12", "13", "14", "15", "16", "17", "AM", "BL", "CH", "CI", "DS",
                                                 "FI", "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC", "ZZ"};
inline constexpr const char* k_billing_models[] = {"per-service", "per-diem"};
inline constexpr const char* k_telehealth_modifiers[] = {"95", "GT", "none"};
inline constexpr const char* k_audio_modifiers[] = {"93", "FQ", "none"};

struct Payer {
  std::int64_t id = 0;
  std::string name;
  std::string payer_id; // the clearinghouse's id of the payer (837P loop 2010BB)
  std::string plan = "ppo";
  std::string filing_code; // SBR09
  std::string billing = "per-service";
  std::string telehealth_modifier = "95"; // video sessions
  std::string audio_modifier = "93";      // phone (audio-only) sessions
  bool requires_auth = false;
  bool active = true;
  std::string created_at;
};

struct NewPayer {
  std::string name;
  std::string payer_id;
  std::string plan = "ppo";
  std::optional<std::string> filing_code; // default: from the plan
  std::string billing = "per-service";
  std::string telehealth_modifier = "95";
  std::string audio_modifier = "93";
  bool requires_auth = false;
};

// Only what is set changes.
struct PayerChanges {
  std::optional<std::string> name;
  std::optional<std::string> payer_id;
  std::optional<std::string> plan;
  std::optional<std::string> filing_code;
  std::optional<std::string> billing;
  std::optional<std::string> telehealth_modifier;
  std::optional<std::string> audio_modifier;
  std::optional<bool> requires_auth;
  std::optional<bool> active;
  bool empty() const {
    return !name && !payer_id && !plan && !filing_code && !billing && !telehealth_modifier && !audio_modifier &&
           !requires_auth && !active;
  }
};

struct PayerFilter {
  bool include_inactive = false;
};

// Text that will be written into an X12 file: require_text's checks, and none of the X12
// delimiters * : ^ ~ (refused, not scrubbed, so what is stored is what is sent). iop::Invalid.
std::string require_x12_text(std::string_view value, std::string_view field, std::size_t max_bytes);

// Rules usable without a database; each throws iop::Invalid naming the field.
std::string normalize_plan(const std::string& plan);
// The SBR09 code a plan implies: ppo 12, pos 13, epo 14, indemnity 15, hmo HM, medicare MB,
// medicaid MC, other CI.
std::string default_filing_code(const std::string& plan);
std::string normalize_filing_code(const std::string& code);
std::string normalize_billing(const std::string& billing);
std::string normalize_telehealth_modifier(const std::string& modifier);
std::string normalize_audio_modifier(const std::string& modifier);
// 2 to 80 characters of printable ASCII, no spaces and no X12 delimiters.
std::string normalize_payer_id(const std::string& payer_id);
// The filing code after a change of plan: an explicit code wins; otherwise a code that was the
// old plan's default follows the new plan, and one chosen by hand (BL) is kept.
std::string filing_code_after(const Payer& current, const std::string& new_plan,
                              const std::optional<std::string>& explicit_code);

Payer add_payer(Database& db, const Actor& actor, const NewPayer& input);
Payer get_payer(Database& db, std::int64_t id); // iop::NotFound
std::vector<Payer> list_payers(Database& db, const PayerFilter& filter);
Payer update_payer(Database& db, const Actor& actor, std::int64_t id, const PayerChanges& changes);
// Marks the payer inactive (no new coverage or authorization). False when it already was.
bool deactivate_payer(Database& db, const Actor& actor, std::int64_t id);

} // namespace iop
