#include "note_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace iop::store {

namespace {

constexpr const char* k_select_note =
    "SELECT n.id, n.session_id, n.client_id, n.template, n.body, n.author, n.created_at, n.updated_at, "
    "n.signed_by, n.signed_at, n.content_sha256 FROM notes n ";

std::optional<std::string> optional_text(const SQLite::Column& col) {
  return col.isNull() ? std::nullopt : std::optional<std::string>(col.getString());
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::int64_t>& v) {
  if (v) {
    st.bind(index, *v);
  } else {
    st.bind(index);
  }
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& v) {
  if (v) {
    st.bind(index, *v);
  } else {
    st.bind(index);
  }
}

std::vector<NoteAddendum> addenda_of(Database& db, std::int64_t note_id) {
  // Run once per note read (a listing reads thousands): prepared once per connection.
  auto cached = db.cached("SELECT id, note_id, body, signed_by, signed_at, content_sha256 FROM note_addenda "
                          "WHERE note_id = ? ORDER BY id");
  SQLite::Statement& st = *cached;
  st.bind(1, note_id);
  std::vector<NoteAddendum> out;
  while (st.executeStep()) {
    NoteAddendum a;
    a.id = st.getColumn(0).getInt64();
    a.note_id = st.getColumn(1).getInt64();
    a.number = static_cast<int>(out.size()) + 1;
    a.body = st.getColumn(2).getString();
    a.signed_by = st.getColumn(3).getInt64();
    a.signed_at = st.getColumn(4).getString();
    a.content_sha256 = st.getColumn(5).getString();
    out.push_back(std::move(a));
  }
  return out;
}

Note read_note(Database& db, SQLite::Statement& st) {
  Note n;
  n.id = st.getColumn(0).getInt64();
  n.session_id = st.getColumn(1).getInt64();
  n.client_id = st.getColumn(2).getInt64();
  n.template_name = st.getColumn(3).getString();
  n.body = st.getColumn(4).getString();
  n.author = st.getColumn(5).getString();
  n.created_at = st.getColumn(6).getString();
  n.updated_at = st.getColumn(7).getString();
  if (!st.getColumn(8).isNull()) {
    n.signed_by = st.getColumn(8).getInt64();
  }
  n.signed_at = optional_text(st.getColumn(9));
  n.content_sha256 = optional_text(st.getColumn(10));
  n.addenda = addenda_of(db, n.id);
  return n;
}

} // namespace

std::optional<Note> find_note(Database& db, std::int64_t id) {
  SQLite::Statement st(db.sql(), std::string(k_select_note) + "WHERE n.id = ?");
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_note(db, st);
}

std::optional<std::int64_t> find_note_id(Database& db, std::int64_t session_id, std::int64_t client_id) {
  SQLite::Statement st(db.sql(), "SELECT id FROM notes WHERE session_id = ? AND client_id = ?");
  st.bind(1, session_id);
  st.bind(2, client_id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return st.getColumn(0).getInt64();
}

std::int64_t insert_note(Database& db, const Note& n) {
  SQLite::Statement st(db.sql(), "INSERT INTO notes (session_id, client_id, template, body, author, created_at, "
                                 "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, n.session_id);
  st.bind(2, n.client_id);
  st.bind(3, n.template_name);
  st.bind(4, n.body);
  st.bind(5, n.author);
  st.bind(6, n.created_at);
  st.bind(7, n.updated_at);
  st.exec();
  return db.sql().getLastInsertRowid();
}

void update_draft(Database& db, const Note& n) {
  SQLite::Statement st(db.sql(), "UPDATE notes SET template = ?, body = ?, updated_at = ? "
                                 "WHERE id = ? AND signed_at IS NULL");
  st.bind(1, n.template_name);
  st.bind(2, n.body);
  st.bind(3, n.updated_at);
  st.bind(4, n.id);
  st.exec();
}

void seal_note(Database& db, const Note& n) {
  SQLite::Statement st(db.sql(), "UPDATE notes SET signed_by = ?, signed_at = ?, content_sha256 = ? "
                                 "WHERE id = ? AND signed_at IS NULL");
  bind_optional(st, 1, n.signed_by);
  bind_optional(st, 2, n.signed_at);
  bind_optional(st, 3, n.content_sha256);
  st.bind(4, n.id);
  st.exec();
}

std::int64_t insert_addendum(Database& db, const NoteAddendum& a) {
  SQLite::Statement st(db.sql(), "INSERT INTO note_addenda (note_id, body, signed_by, signed_at, content_sha256) "
                                 "VALUES (?, ?, ?, ?, ?)");
  st.bind(1, a.note_id);
  st.bind(2, a.body);
  st.bind(3, a.signed_by);
  st.bind(4, a.signed_at);
  st.bind(5, a.content_sha256);
  st.exec();
  return db.sql().getLastInsertRowid();
}

std::vector<Note> select_notes(Database& db, const NoteFilter& f) {
  // The unsigned notes are a few among hundreds of thousands: a query of their own, written so
  // that SQLite reads them through the partial index notes_unsigned rather than every note.
  const bool unsigned_only = f.unsigned_only || f.overdue_only;
  SQLite::Statement st(db.sql(), std::string(k_select_note) + "JOIN sessions s ON s.id = n.session_id " +
                                     (unsigned_only ? "WHERE n.signed_at IS NULL AND " : "WHERE ") + R"SQL(
(?1 IS NULL OR n.client_id = ?1) AND (?2 IS NULL OR s.clinician_id = ?2) AND (?3 IS NULL OR n.session_id = ?3)
ORDER BY s.start_utc, s.id, n.client_id)SQL");
  bind_optional(st, 1, f.client_id);
  bind_optional(st, 2, f.clinician_id);
  bind_optional(st, 3, f.session_id);
  std::vector<Note> out;
  while (st.executeStep()) {
    out.push_back(read_note(db, st));
  }
  return out;
}

std::optional<std::pair<std::string, std::string>> session_start_and_end(Database& db, std::int64_t session_id) {
  auto st = db.cached("SELECT start_utc, coalesce(actual_end_utc, end_utc) FROM sessions WHERE id = ?");
  st->bind(1, session_id);
  if (!st->executeStep()) {
    return std::nullopt;
  }
  return std::make_pair(st->getColumn(0).getString(), st->getColumn(1).getString());
}

std::vector<std::pair<std::int64_t, std::int64_t>> select_unwritten(Database& db, const NoteFilter& f) {
  // Attendance is recorded for every participant when a session is marked attended; a row without
  // it (an older database) counts as present except at a group, where the roster is not proof.
  SQLite::Statement st(db.sql(), R"SQL(SELECT s.id, p.client_id
FROM sessions s JOIN session_participants p ON p.session_id = s.id
WHERE s.status = 'attended'
  AND (p.attendance = 'present' OR (p.attendance IS NULL AND s.type <> 'group'))
  AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.session_id = s.id AND n.client_id = p.client_id)
  AND (?1 IS NULL OR p.client_id = ?1) AND (?2 IS NULL OR s.clinician_id = ?2) AND (?3 IS NULL OR s.id = ?3))SQL");
  // No ORDER BY: sorting here would walk the sessions in time order, one random page each (a year
  // took seconds); in table order it is one pass. list_notes sorts what it returns.
  bind_optional(st, 1, f.client_id);
  bind_optional(st, 2, f.clinician_id);
  bind_optional(st, 3, f.session_id);
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  while (st.executeStep()) {
    out.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getInt64());
  }
  return out;
}

} // namespace iop::store
