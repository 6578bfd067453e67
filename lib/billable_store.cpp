#include "billable_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <map>

namespace iop::store {

namespace {

std::optional<std::string> optional_text(const SQLite::Column& col) {
  if (col.isNull()) {
    return std::nullopt;
  }
  return col.getString();
}

std::optional<std::int64_t> optional_id(const SQLite::Column& col) {
  if (col.isNull()) {
    return std::nullopt;
  }
  return col.getInt64();
}

// Every participant of the sessions, with each one's note, in one query over their id range.
void load_participants(Database& db, std::vector<BillableSession>& sessions) {
  if (sessions.empty()) {
    return;
  }
  std::map<std::int64_t, BillableSession*> by_id;
  for (auto& s : sessions) {
    by_id[s.id] = &s;
  }
  SQLite::Statement st(db.sql(), "SELECT p.session_id, p.client_id, p.attendance, n.id, n.signed_at IS NOT NULL "
                                 "FROM session_participants p "
                                 "LEFT JOIN notes n ON n.session_id = p.session_id AND n.client_id = p.client_id "
                                 "WHERE p.session_id BETWEEN ? AND ? ORDER BY p.session_id, p.client_id");
  st.bind(1, by_id.begin()->first);
  st.bind(2, by_id.rbegin()->first);
  while (st.executeStep()) {
    const auto it = by_id.find(st.getColumn(0).getInt64());
    if (it == by_id.end()) {
      continue;
    }
    BillableParticipant p;
    p.client_id = st.getColumn(1).getInt64();
    p.attendance = optional_text(st.getColumn(2));
    p.note_id = optional_id(st.getColumn(3));
    p.note_signed = st.getColumn(4).getInt() != 0;
    it->second->participants.push_back(p);
  }
}

} // namespace

std::vector<BillableSession> select_billable_sessions(Database& db, const std::optional<std::string>& from_utc,
                                                      const std::string& to_utc,
                                                      const std::optional<std::int64_t>& client_id) {
  SQLite::Statement st(
      db.sql(), "SELECT s.id, s.type, s.clinician_id, s.client_id, s.couple_id, s.start_utc, s.end_utc, s.timezone, "
                "s.modality, s.status, s.actual_start_utc, s.actual_end_utc, s.identified_patient, s.patient_present, "
                "c.identified_patient, c.client_a "
                "FROM sessions s LEFT JOIN couples c ON c.id = s.couple_id "
                "WHERE s.status <> 'cancelled' AND (?1 IS NULL OR s.start_utc >= ?1) AND s.start_utc < ?2 "
                "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM session_participants p WHERE p.session_id = s.id "
                "AND p.client_id = ?3)) ORDER BY s.start_utc, s.id");
  if (from_utc) {
    st.bind(1, *from_utc);
  } else {
    st.bind(1);
  }
  st.bind(2, to_utc);
  if (client_id) {
    st.bind(3, *client_id);
  } else {
    st.bind(3);
  }
  std::vector<BillableSession> out;
  while (st.executeStep()) {
    BillableSession s;
    s.id = st.getColumn(0).getInt64();
    s.type = st.getColumn(1).getString();
    s.clinician_id = st.getColumn(2).getInt64();
    s.client_id = optional_id(st.getColumn(3));
    s.couple_id = optional_id(st.getColumn(4));
    s.start_utc = st.getColumn(5).getString();
    s.end_utc = st.getColumn(6).getString();
    s.timezone = st.getColumn(7).getString();
    s.modality = st.getColumn(8).getString();
    s.status = st.getColumn(9).getString();
    s.actual_start_utc = optional_text(st.getColumn(10));
    s.actual_end_utc = optional_text(st.getColumn(11));
    s.identified_patient = optional_id(st.getColumn(12));
    s.patient_present = st.getColumn(13).getInt() != 0;
    s.couple_identified_patient = optional_id(st.getColumn(14));
    s.couple_client_a = optional_id(st.getColumn(15));
    out.push_back(std::move(s));
  }
  load_participants(db, out);
  return out;
}

std::optional<std::int64_t> per_diem_claim_on(Database& db, std::int64_t client_id, const std::string& day) {
  SQLite::Statement st(db.sql(), "SELECT c.id FROM claims c JOIN claim_lines l ON l.claim_id = c.id "
                                 "JOIN payers p ON p.id = c.payer_id "
                                 "WHERE c.client_id = ? AND l.service_date = ? AND p.billing = 'per-diem' "
                                 "AND c.status <> 'void' AND c.frequency <> 8 ORDER BY c.id LIMIT 1");
  st.bind(1, client_id);
  st.bind(2, day);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return st.getColumn(0).getInt64();
}

} // namespace iop::store
