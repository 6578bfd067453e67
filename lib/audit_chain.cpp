// The audit log's hash chain: how a row is hashed, and the walk that checks every link.
#include "iop/audit.hpp"
#include "iop/sha256.hpp"

#include "audit_store.hpp"

namespace iop {

namespace {

// "<length>:<bytes>" — the length says where the field ends, so moving a character from one
// field to the next changes the encoding. NULL is "~", which no length can start with.
void append_field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
}

void append_null(std::string& out) {
  out += '~';
}

std::string row_text(std::int64_t id) {
  return "audit row " + std::to_string(id);
}

AuditVerdict broken(AuditVerdict v, AuditProblem problem, std::int64_t id, std::string message) {
  v.problem = problem;
  v.first_bad_id = id;
  v.message = std::move(message);
  return v;
}

} // namespace

std::string audit_canonical(const AuditRow& row) {
  std::string out;
  out.reserve(128 + row.at.size() + row.actor.size() + row.command.size() + row.action.size());
  append_field(out, "iop-audit-v1"); // names the encoding, should it ever change
  append_field(out, std::to_string(row.id));
  append_field(out, row.at);
  append_field(out, row.actor);
  append_field(out, row.command);
  append_field(out, row.action);
  if (row.record_kind) {
    append_field(out, *row.record_kind);
  } else {
    append_null(out);
  }
  if (row.record_id) {
    append_field(out, std::to_string(*row.record_id));
  } else {
    append_null(out);
  }
  append_field(out, row.prev_hash);
  return out;
}

std::string audit_row_hash(const AuditRow& row) {
  return sha256_hex(audit_canonical(row));
}

std::string_view to_string(AuditProblem problem) {
  switch (problem) {
  case AuditProblem::altered: return "altered";
  case AuditProblem::removed: return "removed";
  case AuditProblem::reordered: return "reordered";
  case AuditProblem::none: break;
  }
  return "";
}

AuditVerdict verify_audit_chain(Database& db) {
  AuditVerdict v;
  // AUTOINCREMENT ids start at 1 and have no gaps: a rolled-back insert rolls back
  // sqlite_sequence too, and iop never deletes an audit row.
  std::int64_t expected_id = 1;
  const std::int64_t sequence = store::walk_audit_log(db, [&](const AuditRow& row) {
    if (row.id != expected_id) {
      v = broken(v, AuditProblem::removed, expected_id, row_text(expected_id) + " was removed");
      return false;
    }
    if (!row.hash || *row.hash != audit_row_hash(row)) {
      v = broken(v, AuditProblem::altered, row.id,
                 row_text(row.id) + " was altered: its content no longer matches its hash");
      return false;
    }
    // The row is consistent in itself but does not follow its predecessor: it was rewritten
    // with a fresh hash, or rows were moved.
    if (row.prev_hash != v.head) {
      const std::string place =
          row.id == 1 ? "it does not start the chain" : "it does not follow row " + std::to_string(row.id - 1);
      v = broken(v, AuditProblem::reordered, row.id, row_text(row.id) + " was rewritten or moved: " + place);
      return false;
    }
    v.head = *row.hash;
    v.newest_id = row.id;
    ++v.rows;
    ++expected_id;
    return true;
  });
  if (!v.ok()) {
    return v;
  }
  // The newest rows leave no gap behind when they go: sqlite_sequence still remembers them.
  if (sequence > v.newest_id) {
    return broken(v, AuditProblem::removed, v.newest_id + 1,
                  row_text(v.newest_id + 1) + " was removed (the log once reached row " + std::to_string(sequence) +
                      ")");
  }
  if (sequence < v.newest_id) {
    return broken(v, AuditProblem::altered, sequence + 1,
                  "the audit log's counter was altered: it ends at row " + std::to_string(sequence) + " but row " +
                      std::to_string(sequence + 1) + " exists");
  }
  return v;
}

} // namespace iop
