#include "couple_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace iop::store {

namespace {

constexpr const char* k_select =
    "SELECT id, client_a, client_b, therapist_id, since, until, end_reason, created_at, identified_patient "
    "FROM couples ";

Couple read_row(SQLite::Statement& st) {
  Couple c;
  c.id = st.getColumn(0).getInt64();
  c.client_a = st.getColumn(1).getInt64();
  c.client_b = st.getColumn(2).getInt64();
  if (!st.getColumn(3).isNull()) {
    c.therapist_id = st.getColumn(3).getInt64();
  }
  c.since = st.getColumn(4).getString();
  if (!st.getColumn(5).isNull()) {
    c.until = st.getColumn(5).getString();
  }
  if (!st.getColumn(6).isNull()) {
    c.end_reason = st.getColumn(6).getString();
  }
  c.created_at = st.getColumn(7).getString();
  if (!st.getColumn(8).isNull()) {
    c.identified_patient = st.getColumn(8).getInt64();
  }
  return c;
}

} // namespace

std::optional<Couple> find_couple(Database& db, std::int64_t id) {
  SQLite::Statement st(db.sql(), std::string(k_select) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_row(st);
}

std::optional<Couple> find_active_couple_of(Database& db, std::int64_t client_id) {
  SQLite::Statement st(db.sql(), std::string(k_select) + "WHERE until IS NULL AND (client_a = ?1 OR client_b = ?1)");
  st.bind(1, client_id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_row(st);
}

std::optional<Couple> find_last_ended_couple_of(Database& db, std::int64_t client_id) {
  SQLite::Statement st(db.sql(), std::string(k_select) + "WHERE until IS NOT NULL AND (client_a = ?1 OR client_b = ?1) "
                                                         "ORDER BY until DESC, id DESC LIMIT 1");
  st.bind(1, client_id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_row(st);
}

std::vector<Couple> select_couples(Database& db, const CoupleFilter& filter) {
  SQLite::Statement st(db.sql(), std::string(k_select) +
                                     "WHERE (?1 OR until IS NULL) AND (?2 IS NULL OR client_a = ?2 OR client_b = ?2) "
                                     "ORDER BY id");
  st.bind(1, filter.include_ended ? 1 : 0);
  if (filter.client_id) {
    st.bind(2, *filter.client_id);
  }
  std::vector<Couple> out;
  while (st.executeStep()) {
    out.push_back(read_row(st));
  }
  return out;
}

std::int64_t insert_couple(Database& db, const Couple& c) {
  SQLite::Statement st(db.sql(), "INSERT INTO couples (client_a, client_b, therapist_id, since, created_at, "
                                 "identified_patient) VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, c.client_a);
  st.bind(2, c.client_b);
  if (c.therapist_id) {
    st.bind(3, *c.therapist_id);
  } else {
    st.bind(3);
  }
  st.bind(4, c.since);
  st.bind(5, c.created_at);
  if (c.identified_patient) {
    st.bind(6, *c.identified_patient);
  } else {
    st.bind(6);
  }
  st.exec();
  return db.sql().getLastInsertRowid();
}

void set_identified_patient(Database& db, std::int64_t id, std::int64_t client_id) {
  SQLite::Statement st(db.sql(), "UPDATE couples SET identified_patient = ? WHERE id = ?");
  st.bind(1, client_id);
  st.bind(2, id);
  st.exec();
}

void end_couple(Database& db, std::int64_t id, const std::string& until, const std::string& reason) {
  SQLite::Statement st(db.sql(), "UPDATE couples SET until = ?, end_reason = ? WHERE id = ? AND until IS NULL");
  st.bind(1, until);
  st.bind(2, reason);
  st.bind(3, id);
  st.exec();
}

} // namespace iop::store
