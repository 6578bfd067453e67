// What was billed, summed up (claim summary), and the superbill a client sends an out-of-network
// PPO payer themselves.
#pragma once

#include "iop/claims.hpp"

namespace iop {

inline constexpr const char* k_summary_groupings[] = {"client", "payer", "clinician", "code", "week"};

struct ClaimSummaryRequest {
  std::optional<Date> from; // dates of service, both included
  std::optional<Date> to;
  std::string by = "payer"; // client, payer, clinician, code, week (Monday of the ISO week)
};

struct ClaimSummaryRow {
  std::string key;   // the id, the code, or the week's Monday (YYYY-MM-DD)
  std::string label; // the name, the code, "week of 2026-11-23"
  int claims = 0;    // distinct claims with a line in the group
  int lines = 0;
  int units = 0;
  std::int64_t charge_cents = 0;
};

struct ClaimSummary {
  std::vector<ClaimSummaryRow> rows; // by label
  ClaimSummaryRow total;             // key "total"
};

// Lines of draft and exported claims (void ones and void notices are left out).
ClaimSummary summarize_claims(Database& db, const ClaimSummaryRequest& request);

struct SuperbillLine {
  std::string service_date;
  std::int64_t session_id = 0;
  std::string code;
  std::vector<std::string> modifiers;
  std::string place_of_service;
  int units = 1;
  std::int64_t charge_cents = 0;
  std::vector<std::string> pointers; // letters A-L into the diagnoses, as on a CMS-1500
  std::int64_t clinician_id = 0;
  std::string clinician; // "Dana Reyes, LMFT"
  std::optional<std::string> clinician_npi;
};

struct Superbill {
  // Practice (billing provider) from the config.
  std::string practice_name, practice_address, practice_npi, practice_tax_id, practice_phone;
  std::int64_t client_id = 0;
  std::string client_name;
  std::string client_date_of_birth;
  std::string from, to;
  std::vector<std::string> diagnoses; // dotted, primary first
  std::vector<SuperbillLine> lines;
  std::int64_t total_cents = 0;
  std::int64_t paid_cents = 0;     // payments are not recorded in iop yet: always 0
  std::vector<ClaimSkip> left_out; // attended sessions in the period not on the superbill, and why
};

// Every attended, signed service of the client in the period, coded as a per-service payer
// would be billed (billing_codes.hpp), with the practice's fees.
Superbill make_superbill(Database& db, const Config& config, std::int64_t client_id, const Date& from, const Date& to);

} // namespace iop
