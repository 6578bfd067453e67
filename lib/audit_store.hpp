// SQL for the audit log and its hash chain. Internal to lib/.
#pragma once

#include "iop/audit.hpp"

#include <functional>

namespace iop::store {

// Where the next audit row goes: its id and the hash it must chain to.
struct AuditLink {
  std::int64_t next_id = 1;
  std::string prev_hash{k_audit_genesis_hash};
};
// Read inside the caller's write transaction (see audit()).
AuditLink next_audit_link(Database& db);
void insert_audit_row(Database& db, const AuditRow& row);

std::vector<AuditEntry> select_audit_entries(Database& db, const AuditFilter& filter);

// Calls `visit` for every row in id order, then returns the newest id SQLite ever gave an audit
// row (sqlite_sequence, 0 if none): both read in one snapshot, rows streamed one at a time.
// `visit` returns false to stop early.
std::int64_t walk_audit_log(Database& db, const std::function<bool(const AuditRow&)>& visit);

// Migration 8: sets prev_hash and hash on every row, in id order, a batch at a time.
void backfill_audit_chain(SQLite::Database& db);

} // namespace iop::store
