#include "session_store.hpp"

#include "iop/dates.hpp"

#include <SQLiteCpp/Statement.h>

namespace iop::store {

namespace {

constexpr const char* k_select = R"SQL(
SELECT s.id, s.type, s.clinician_id, cl.name || ', ' || cl.credential, s.client_id, s.couple_id, s.group_id,
  CASE s.type
    WHEN 'couples' THEN (SELECT a.first_name || ' ' || a.last_name || ' & ' || b.first_name || ' ' || b.last_name
                         FROM couples c JOIN clients a ON a.id = c.client_a JOIN clients b ON b.id = c.client_b
                         WHERE c.id = s.couple_id)
    WHEN 'group' THEN (SELECT g.name FROM groups g WHERE g.id = s.group_id)
    ELSE (SELECT first_name || ' ' || last_name FROM clients WHERE id = s.client_id)
  END,
  s.start_utc, s.end_utc, s.timezone, s.modality, s.link, s.note_text, s.status, s.actual_start_utc,
  s.actual_end_utc, s.series_id, s.cancel_reason, s.created_at, s.identified_patient, s.patient_present
FROM sessions s JOIN clinicians cl ON cl.id = s.clinician_id
)SQL";

Instant instant(const SQLite::Column& col) {
  return parse_utc(col.getString()).value_or(Instant{});
}

std::optional<std::int64_t> optional_id(const SQLite::Column& col) {
  return col.isNull() ? std::nullopt : std::optional<std::int64_t>(col.getInt64());
}

std::optional<std::string> optional_text(const SQLite::Column& col) {
  return col.isNull() ? std::nullopt : std::optional<std::string>(col.getString());
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& v) {
  if (v) {
    st.bind(index, *v);
  } else {
    st.bind(index);
  }
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::int64_t>& v) {
  if (v) {
    st.bind(index, *v);
  } else {
    st.bind(index);
  }
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<Instant>& v) {
  if (v) {
    st.bind(index, format_utc(*v));
  } else {
    st.bind(index);
  }
}

constexpr const char* k_participants = "SELECT p.client_id, c.first_name || ' ' || c.last_name, c.timezone, "
                                       "p.attendance FROM session_participants p JOIN clients c ON c.id = p.client_id "
                                       "WHERE p.session_id = ? ORDER BY c.last_name, c.first_name, c.id";

// `st` is k_participants, prepared once per listing: preparing it again for every row cost more
// than running it (a month of a 2,000-client program is ~20,000 rows).
std::vector<Participant> participants_of(SQLite::Statement& st, std::int64_t session_id) {
  st.reset();
  st.bind(1, session_id);
  std::vector<Participant> out;
  while (st.executeStep()) {
    out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                   optional_text(st.getColumn(3))});
  }
  return out;
}

Session read_row(SQLite::Statement& st, SQLite::Statement& participants) {
  Session s;
  s.id = st.getColumn(0).getInt64();
  s.type = st.getColumn(1).getString();
  s.clinician_id = st.getColumn(2).getInt64();
  s.clinician_name = st.getColumn(3).getString();
  s.client_id = optional_id(st.getColumn(4));
  s.couple_id = optional_id(st.getColumn(5));
  s.group_id = optional_id(st.getColumn(6));
  s.subject = st.getColumn(7).isNull() ? "" : st.getColumn(7).getString();
  s.start = instant(st.getColumn(8));
  s.end = instant(st.getColumn(9));
  s.timezone = st.getColumn(10).getString();
  s.modality = st.getColumn(11).getString();
  s.link = optional_text(st.getColumn(12));
  s.note_text = optional_text(st.getColumn(13));
  s.status = st.getColumn(14).getString();
  if (!st.getColumn(15).isNull()) {
    s.actual_start = instant(st.getColumn(15));
  }
  if (!st.getColumn(16).isNull()) {
    s.actual_end = instant(st.getColumn(16));
  }
  s.series_id = optional_id(st.getColumn(17));
  s.cancel_reason = optional_text(st.getColumn(18));
  s.created_at = st.getColumn(19).getString();
  s.identified_patient = optional_id(st.getColumn(20));
  s.patient_present = st.getColumn(21).getInt() != 0;
  s.participants = participants_of(participants, s.id);
  return s;
}

} // namespace

std::optional<Session> find_session(Database& db, std::int64_t id) {
  SQLite::Statement st(db.sql(), std::string(k_select) + "WHERE s.id = ?");
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  SQLite::Statement participants(db.sql(), k_participants);
  return read_row(st, participants);
}

std::vector<Session> select_sessions(Database& db, const SessionFilter& f) {
  SQLite::Statement st(db.sql(), std::string(k_select) + R"SQL(
WHERE (?1 IS NULL OR s.start_utc >= ?1) AND (?2 IS NULL OR s.start_utc < ?2)
  AND (?3 IS NULL OR s.clinician_id = ?3)
  AND (?4 IS NULL OR EXISTS (SELECT 1 FROM session_participants p WHERE p.session_id = s.id AND p.client_id = ?4))
  AND (?5 IS NULL OR s.status = ?5)
ORDER BY s.start_utc, s.clinician_id, s.id)SQL");
  bind_optional(st, 1, f.from);
  bind_optional(st, 2, f.to);
  bind_optional(st, 3, f.clinician_id);
  bind_optional(st, 4, f.client_id);
  bind_optional(st, 5, f.status);
  SQLite::Statement participants(db.sql(), k_participants);
  std::vector<Session> out;
  while (st.executeStep()) {
    out.push_back(read_row(st, participants));
  }
  return out;
}

std::vector<Booking> find_bookings(Database& db, Instant start, Instant end, std::int64_t clinician_id,
                                   const std::vector<std::int64_t>& clients, std::optional<std::int64_t> except) {
  // The clinician first, then each client: one row per person double-booked.
  std::vector<Booking> out;
  const std::string overlap = "s.status NOT IN ('cancelled', 'late-cancel') AND s.start_utc < ?1 AND s.end_utc > ?2 "
                              "AND (?3 IS NULL OR s.id <> ?3) ";
  const std::string columns =
      "SELECT s.id, s.type, s.start_utc, s.end_utc, s.timezone, cl.name || ', ' || cl.credential ";
  {
    SQLite::Statement st(db.sql(), columns + "FROM sessions s JOIN clinicians cl ON cl.id = s.clinician_id WHERE " +
                                       overlap + "AND s.clinician_id = ?4 ORDER BY s.start_utc LIMIT 1");
    st.bind(1, format_utc(end));
    st.bind(2, format_utc(start));
    bind_optional(st, 3, except);
    st.bind(4, clinician_id);
    if (st.executeStep()) {
      out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(), instant(st.getColumn(2)),
                     instant(st.getColumn(3)), st.getColumn(4).getString(), st.getColumn(5).getString(),
                     st.getColumn(5).getString()});
    }
  }
  SQLite::Statement st(db.sql(), columns +
                                     ", c.first_name || ' ' || c.last_name FROM sessions s "
                                     "JOIN clinicians cl ON cl.id = s.clinician_id "
                                     "JOIN session_participants p ON p.session_id = s.id "
                                     "JOIN clients c ON c.id = p.client_id WHERE " +
                                     overlap + "AND p.client_id = ?4 ORDER BY s.start_utc LIMIT 1");
  for (const auto client : clients) {
    st.reset();
    st.bind(1, format_utc(end));
    st.bind(2, format_utc(start));
    bind_optional(st, 3, except);
    st.bind(4, client);
    if (st.executeStep()) {
      out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(), instant(st.getColumn(2)),
                     instant(st.getColumn(3)), st.getColumn(4).getString(), st.getColumn(6).getString(),
                     st.getColumn(5).getString()});
    }
  }
  return out;
}

std::int64_t insert_series(Database& db, const std::string& rule, const std::string& created_at) {
  SQLite::Statement st(db.sql(), "INSERT INTO session_series (rule, created_at) VALUES (?, ?)");
  st.bind(1, rule);
  st.bind(2, created_at);
  st.exec();
  return db.sql().getLastInsertRowid();
}

std::int64_t insert_session(Database& db, const Session& s) {
  SQLite::Statement st(db.sql(), "INSERT INTO sessions (type, clinician_id, client_id, couple_id, group_id, start_utc, "
                                 "end_utc, timezone, modality, link, note_text, status, series_id, created_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?)");
  st.bind(1, s.type);
  st.bind(2, s.clinician_id);
  bind_optional(st, 3, s.client_id);
  bind_optional(st, 4, s.couple_id);
  bind_optional(st, 5, s.group_id);
  st.bind(6, format_utc(s.start));
  st.bind(7, format_utc(s.end));
  st.bind(8, s.timezone);
  st.bind(9, s.modality);
  bind_optional(st, 10, s.link);
  bind_optional(st, 11, s.note_text);
  bind_optional(st, 12, s.series_id);
  st.bind(13, s.created_at);
  st.exec();
  return db.sql().getLastInsertRowid();
}

void replace_participants(Database& db, std::int64_t session_id, const std::vector<std::int64_t>& clients) {
  SQLite::Statement del(db.sql(), "DELETE FROM session_participants WHERE session_id = ?");
  del.bind(1, session_id);
  del.exec();
  for (const auto client : clients) {
    add_participant(db, session_id, client);
  }
}

std::vector<std::int64_t> scheduled_sessions_of(Database& db, std::optional<std::int64_t> client_id,
                                                std::optional<std::int64_t> couple_id, Instant from) {
  SQLite::Statement st(db.sql(), "SELECT s.id FROM sessions s WHERE s.status = 'scheduled' AND s.start_utc >= ?1 AND "
                                 "(s.couple_id = ?2 OR EXISTS (SELECT 1 FROM session_participants p WHERE "
                                 "p.session_id = s.id AND p.client_id = ?3)) ORDER BY s.start_utc");
  st.bind(1, format_utc(from));
  bind_optional(st, 2, couple_id);
  bind_optional(st, 3, client_id);
  std::vector<std::int64_t> out;
  while (st.executeStep()) {
    out.push_back(st.getColumn(0).getInt64());
  }
  return out;
}

void add_participant(Database& db, std::int64_t session_id, std::int64_t client_id) {
  SQLite::Statement st(db.sql(), "INSERT OR IGNORE INTO session_participants (session_id, client_id) VALUES (?, ?)");
  st.bind(1, session_id);
  st.bind(2, client_id);
  st.exec();
}

void remove_participant(Database& db, std::int64_t session_id, std::int64_t client_id) {
  SQLite::Statement st(db.sql(), "DELETE FROM session_participants WHERE session_id = ? AND client_id = ?");
  st.bind(1, session_id);
  st.bind(2, client_id);
  st.exec();
}

void set_attendance(Database& db, std::int64_t session_id, std::int64_t client_id,
                    const std::optional<std::string>& value) {
  SQLite::Statement st(db.sql(),
                       "UPDATE session_participants SET attendance = ? WHERE session_id = ? AND client_id = ?");
  bind_optional(st, 1, value);
  st.bind(2, session_id);
  st.bind(3, client_id);
  st.exec();
}

void update_session_state(Database& db, const Session& s) {
  SQLite::Statement st(db.sql(), "UPDATE sessions SET status = ?, start_utc = ?, end_utc = ?, actual_start_utc = ?, "
                                 "actual_end_utc = ?, cancel_reason = ?, identified_patient = ?, "
                                 "patient_present = ? WHERE id = ?");
  st.bind(1, s.status);
  st.bind(2, format_utc(s.start));
  st.bind(3, format_utc(s.end));
  bind_optional(st, 4, s.actual_start);
  bind_optional(st, 5, s.actual_end);
  bind_optional(st, 6, s.cancel_reason);
  bind_optional(st, 7, s.identified_patient);
  st.bind(8, s.patient_present ? 1 : 0);
  st.bind(9, s.id);
  st.exec();
}

void record_history(Database& db, const Session& before, const std::string& action, const std::string& at) {
  SQLite::Statement st(db.sql(), "INSERT INTO session_history (session_id, at, action, old_start_utc, old_end_utc, "
                                 "old_status) VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, before.id);
  st.bind(2, at);
  st.bind(3, action);
  st.bind(4, format_utc(before.start));
  st.bind(5, format_utc(before.end));
  st.bind(6, before.status);
  st.exec();
}

int history_count(Database& db, std::int64_t session_id) {
  SQLite::Statement st(db.sql(), "SELECT COUNT(*) FROM session_history WHERE session_id = ?");
  st.bind(1, session_id);
  return st.executeStep() ? st.getColumn(0).getInt() : 0;
}

std::vector<std::int64_t> later_in_series(Database& db, std::int64_t series_id, Instant from) {
  SQLite::Statement st(db.sql(),
                       "SELECT id FROM sessions WHERE series_id = ? AND start_utc >= ? AND status = 'scheduled' "
                       "ORDER BY start_utc");
  st.bind(1, series_id);
  st.bind(2, format_utc(from));
  std::vector<std::int64_t> out;
  while (st.executeStep()) {
    out.push_back(st.getColumn(0).getInt64());
  }
  return out;
}

std::vector<std::int64_t> scheduled_group_sessions(Database& db, std::int64_t group_id, Instant from) {
  SQLite::Statement st(db.sql(),
                       "SELECT id FROM sessions WHERE group_id = ? AND start_utc >= ? AND status = 'scheduled' "
                       "ORDER BY start_utc");
  st.bind(1, group_id);
  st.bind(2, format_utc(from));
  std::vector<std::int64_t> out;
  while (st.executeStep()) {
    out.push_back(st.getColumn(0).getInt64());
  }
  return out;
}

} // namespace iop::store
