// The audit trail: who changed which record, when, with which command. Never clinical text.
#pragma once

#include "iop/clock.hpp"
#include "iop/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iop {

// The kinds of record the audit log names.
inline constexpr const char* k_audit_record_kinds[] = {
    "clinician", "client",   "couple",        "group", "session",     "note",    "measure",
    "payer",     "coverage", "authorization", "claim", "claim_batch", "database"};

// Who is acting and through which command; passed to every service that writes.
struct Actor {
  std::string user;    // --as, IOP_USER, else the OS login
  std::string command; // "client enroll", "couple pair", ...
  Instant at;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::string at; // RFC 3339 UTC
  std::string actor;
  std::string command;
  std::string action;
  std::string record_kind;
  std::optional<std::int64_t> record_id;
};

// Appends one row; call it inside the WriteTransaction of the change it records.
void audit(Database& db, const Actor& actor, const std::string& action, const std::string& record_kind,
           std::optional<std::int64_t> record_id);

struct AuditFilter {
  int limit = 50; // newest first; 0 for all
  std::optional<std::string> record_kind;
  std::optional<std::int64_t> record_id;
};
std::vector<AuditEntry> audit_entries(Database& db, const AuditFilter& filter);

} // namespace iop
