// The audit trail: who changed which record, when, with which command. Never clinical text.
#pragma once

#include "iop/clock.hpp"
#include "iop/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

// Appends one row, chained to the newest one by its hash (see AuditRow); call it inside the
// WriteTransaction of the change it records: that transaction's write lock is what makes reading
// the newest row and appending after it safe against other iop processes.
void audit(Database& db, const Actor& actor, const std::string& action, const std::string& record_kind,
           std::optional<std::int64_t> record_id);

struct AuditFilter {
  int limit = 50; // newest first; 0 for all
  std::optional<std::string> record_kind;
  std::optional<std::int64_t> record_id;
};
std::vector<AuditEntry> audit_entries(Database& db, const AuditFilter& filter);

// --- The hash chain (lib/audit_chain.cpp): each row carries the SHA-256 of its content and of
// the previous row's hash, so changing, removing or reordering rows shows.

// The previous-row hash of the very first row.
inline constexpr std::string_view k_audit_genesis_hash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// One audit row as the chain sees it: NULLs kept apart from empty text.
struct AuditRow {
  std::int64_t id = 0;
  std::string at;
  std::string actor;
  std::string command;
  std::string action;
  std::optional<std::string> record_kind;
  std::optional<std::int64_t> record_id;
  std::string prev_hash;
  std::optional<std::string> hash; // NULL only in a log that was tampered with
};

// The bytes a row's hash covers: every field but `hash`, each length-prefixed (NULL has its own
// marker), so no two different rows encode alike.
std::string audit_canonical(const AuditRow& row);
// 64 lower-case hex digits: SHA-256 of audit_canonical(row).
std::string audit_row_hash(const AuditRow& row);

enum class AuditProblem { none, altered, removed, reordered };
// "altered", "removed", "reordered" ("" for none).
std::string_view to_string(AuditProblem problem);

struct AuditVerdict {
  std::int64_t rows = 0;                  // rows that checked out, oldest first
  std::int64_t newest_id = 0;             // 0 for an empty log
  std::string head{k_audit_genesis_hash}; // the newest good row's hash
  AuditProblem problem = AuditProblem::none;
  std::int64_t first_bad_id = 0;
  std::string message; // "audit row 17 was altered: ...", empty when intact
  bool ok() const { return problem == AuditProblem::none; }
};

// Walks the whole log in id order in one read snapshot, streaming (constant memory), and stops
// at the first row that was altered, removed or moved. Rows were removed when the ids have a gap
// or the newest row is not the newest id SQLite ever handed out (sqlite_sequence).
AuditVerdict verify_audit_chain(Database& db);

} // namespace iop
