#include "audit_store.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

namespace iop::store {

namespace {

constexpr const char* k_select_rows =
    "SELECT id, at, actor, command, action, record_kind, record_id, prev_hash, hash FROM audit_log ";

AuditRow read_row(SQLite::Statement& st) {
  AuditRow r;
  r.id = st.getColumn(0).getInt64();
  r.at = st.getColumn(1).getString();
  r.actor = st.getColumn(2).getString();
  r.command = st.getColumn(3).getString();
  r.action = st.getColumn(4).getString();
  if (!st.getColumn(5).isNull()) {
    r.record_kind = st.getColumn(5).getString();
  }
  if (!st.getColumn(6).isNull()) {
    r.record_id = st.getColumn(6).getInt64();
  }
  r.prev_hash = st.getColumn(7).getString();
  if (!st.getColumn(8).isNull()) {
    r.hash = st.getColumn(8).getString();
  }
  return r;
}

// A read transaction, so that the rows and sqlite_sequence come from one snapshot; in WAL mode
// writers carry on meanwhile.
class ReadSnapshot {
public:
  explicit ReadSnapshot(SQLite::Database& db) : m_db(db) { m_db.exec("BEGIN"); }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  ~ReadSnapshot() {
    if (sqlite3_get_autocommit(m_db.getHandle()) == 0) {
      m_db.tryExec("ROLLBACK"); // nothing was written: rolling back just ends the read
    }
  }

private:
  SQLite::Database& m_db;
};

} // namespace

AuditLink next_audit_link(Database& db) {
  // The newest id SQLite handed out is max(seq, max(id)): exactly the rule AUTOINCREMENT follows.
  auto st = db.cached("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0), "
                      "coalesce((SELECT max(id) FROM audit_log), 0), "
                      "(SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)");
  st->executeStep();
  AuditLink link;
  link.next_id = std::max(st->getColumn(0).getInt64(), st->getColumn(1).getInt64()) + 1;
  if (!st->getColumn(2).isNull()) {
    link.prev_hash = st->getColumn(2).getString();
  }
  return link;
}

void insert_audit_row(Database& db, const AuditRow& row) {
  auto st = db.cached("INSERT INTO audit_log (id, at, actor, command, action, record_kind, record_id, prev_hash, hash) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st->bind(1, row.id);
  st->bindNoCopy(2, row.at);
  st->bindNoCopy(3, row.actor);
  st->bindNoCopy(4, row.command);
  st->bindNoCopy(5, row.action);
  if (row.record_kind) {
    st->bindNoCopy(6, *row.record_kind);
  } else {
    st->bind(6);
  }
  if (row.record_id) {
    st->bind(7, *row.record_id);
  } else {
    st->bind(7);
  }
  st->bindNoCopy(8, row.prev_hash);
  if (row.hash) {
    st->bindNoCopy(9, *row.hash);
  } else {
    st->bind(9);
  }
  st->exec();
}

std::vector<AuditEntry> select_audit_entries(Database& db, const AuditFilter& filter) {
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

std::int64_t walk_audit_log(Database& db, const std::function<bool(const AuditRow&)>& visit) {
  ReadSnapshot snapshot(db.sql());
  {
    SQLite::Statement st(db.sql(), std::string(k_select_rows) + "ORDER BY id");
    while (st.executeStep()) {
      if (!visit(read_row(st))) {
        break;
      }
    }
  }
  SQLite::Statement seq(db.sql(), "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'");
  return seq.executeStep() ? seq.getColumn(0).getInt64() : 0;
}

void backfill_audit_chain(SQLite::Database& db) {
  // Batches of ids read first, then updated: never updating the table under a running scan of it.
  constexpr int k_batch = 1000;
  SQLite::Statement select(db, std::string(k_select_rows) + "WHERE id > ? ORDER BY id LIMIT ?");
  SQLite::Statement update(db, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?");
  std::string prev(k_audit_genesis_hash);
  std::int64_t last_id = 0;
  std::vector<AuditRow> batch;
  for (;;) {
    batch.clear();
    select.reset();
    select.bind(1, last_id);
    select.bind(2, k_batch);
    while (select.executeStep()) {
      batch.push_back(read_row(select));
    }
    if (batch.empty()) {
      return;
    }
    for (auto& row : batch) {
      row.prev_hash = prev;
      prev = audit_row_hash(row);
      update.reset();
      update.bind(1, row.prev_hash);
      update.bind(2, prev);
      update.bind(3, row.id);
      update.exec();
      last_id = row.id;
    }
  }
}

} // namespace iop::store
