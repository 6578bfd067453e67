#include "iop/audit.hpp"

#include "iop/dates.hpp"

#include "audit_store.hpp"

namespace iop {

void audit(Database& db, const Actor& actor, const std::string& action, const std::string& record_kind,
           std::optional<std::int64_t> record_id) {
  AuditRow row;
  row.at = format_utc(actor.at);
  row.actor = actor.user;
  row.command = actor.command;
  row.action = action;
  row.record_kind = record_kind;
  row.record_id = record_id;
  // The hash covers the id, so the id is chosen here rather than left to AUTOINCREMENT: inside
  // the caller's BEGIN IMMEDIATE nobody else can append, so the newest row read now is still the
  // newest at INSERT, and max(seq, max(id)) + 1 is the id AUTOINCREMENT would give. The id is
  // inserted explicitly all the same: were this ever called outside a write transaction and
  // another process appended in between, the INSERT would fail on the taken id instead of
  // silently forking the chain. The newest hash is read again every time, never kept: other
  // processes append too.
  store::AuditLink link = store::next_audit_link(db);
  row.id = link.next_id;
  row.prev_hash = std::move(link.prev_hash);
  row.hash = audit_row_hash(row);
  store::insert_audit_row(db, row);
}

std::vector<AuditEntry> audit_entries(Database& db, const AuditFilter& filter) {
  return store::select_audit_entries(db, filter);
}

} // namespace iop
