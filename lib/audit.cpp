#include "iop/audit.hpp"

#include "iop/dates.hpp"

#include <SQLiteCpp/Statement.h>

namespace iop {

void audit(Database& db, const Actor& actor, const std::string& action, const std::string& record_kind,
           std::optional<std::int64_t> record_id) {
  SQLite::Statement st(db.sql(), "INSERT INTO audit_log (at, actor, command, action, record_kind, record_id) "
                                 "VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, format_utc(actor.at));
  st.bind(2, actor.user);
  st.bind(3, actor.command);
  st.bind(4, action);
  st.bind(5, record_kind);
  if (record_id) {
    st.bind(6, *record_id);
  } else {
    st.bind(6);
  }
  st.exec();
}

std::vector<AuditEntry> audit_entries(Database& db, const AuditFilter& filter) {
  SQLite::Statement st(db.sql(), "SELECT id, at, actor, command, action, record_kind, record_id FROM audit_log "
                                 "WHERE (?1 IS NULL OR record_kind = ?1) AND (?2 IS NULL OR record_id = ?2) "
                                 "ORDER BY id DESC LIMIT ?3");
  if (filter.record_kind) {
    st.bind(1, *filter.record_kind);
  }
  if (filter.record_id) {
    st.bind(2, *filter.record_id);
  }
  st.bind(3, filter.limit > 0 ? filter.limit : -1);
  std::vector<AuditEntry> out;
  while (st.executeStep()) {
    AuditEntry e;
    e.id = st.getColumn(0).getInt64();
    e.at = st.getColumn(1).getString();
    e.actor = st.getColumn(2).getString();
    e.command = st.getColumn(3).getString();
    e.action = st.getColumn(4).getString();
    e.record_kind = st.getColumn(5).getString();
    if (!st.getColumn(6).isNull()) {
      e.record_id = st.getColumn(6).getInt64();
    }
    out.push_back(std::move(e));
  }
  return out;
}

} // namespace iop
