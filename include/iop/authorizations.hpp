// Prior authorizations: a payer's approval (a number) of so many units of some procedure codes for
// a client over a period. Units are used as claim lines are built and given back when a claim is
// voided; the claim builder asks find_authorization() which one a line draws on.
#pragma once

#include "iop/audit.hpp"
#include "iop/database.hpp"
#include "iop/dates.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iop {

struct Authorization {
  std::int64_t id = 0;
  std::int64_t client_id = 0;
  std::int64_t payer_id = 0;
  std::string number;
  std::vector<std::string> codes; // HCPCS/CPT, sorted
  int units = 0;                  // approved
  int units_used = 0;             // by claim lines that are not voided
  std::string starts_on;          // YYYY-MM-DD, both days included
  std::string ends_on;
  std::string created_at;

  int units_remaining() const { return units - units_used; }
  bool covers(const std::string& code, const std::string& day) const;
};

struct NewAuthorization {
  std::int64_t client_id = 0;
  std::int64_t payer_id = 0;
  std::string number;
  std::vector<std::string> codes;
  int units = 0;
  std::string from; // YYYY-MM-DD, today, tomorrow, yesterday
  std::string to;
};

struct AuthorizationFilter {
  std::optional<std::int64_t> client_id; // none: every client
  bool active_only = false;              // status "active" on today
};

struct AddedAuthorization {
  Authorization authorization;
  // Not refusals: e.g. no coverage with the payer in the period (the coverage may come later).
  std::vector<std::string> warnings;
};

inline constexpr int k_max_authorized_units = 9999;

// Rules usable without a database; each throws iop::Invalid.
// A HCPCS/CPT code: a digit or letter then 4 digits (90834, H0015, S9480); returned in upper case.
std::string normalize_procedure_code(const std::string& code);
// Every code normalized, none twice, at least one.
std::vector<std::string> normalize_procedure_codes(const std::vector<std::string>& codes);
// "active", "future", "expired" or "exhausted" (in its period, no unit left) on `today`.
std::string authorization_status(const Authorization& a, const Date& today);

AddedAuthorization add_authorization(Database& db, const Actor& actor, const NewAuthorization& input,
                                     const Date& today);
Authorization get_authorization(Database& db, std::int64_t id); // iop::NotFound
// The payer's number of an authorization, without counting its units (an 837P's REF*G1, read
// once per claim of an export). iop::NotFound.
std::string get_authorization_number(Database& db, std::int64_t id);
std::vector<Authorization> list_authorizations(Database& db, const AuthorizationFilter& filter, const Date& today);
// The authorization a claim line for (client, payer, code, day) draws on: one that covers the
// code on that day with a unit left, the one ending soonest first (then the oldest), if any.
std::optional<Authorization> find_authorization(Database& db, std::int64_t client_id, std::int64_t payer_id,
                                                const std::string& code, const Date& day);

} // namespace iop
