#include "coverage_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace iop::store {

namespace {

constexpr const char* k_select =
    "SELECT id, client_id, payer_id, member_id, group_number, priority, subscriber_kind, subscriber_client_id, "
    "subscriber_first, subscriber_last, subscriber_dob, subscriber_sex, relationship, starts_on, ends_on, created_at "
    "FROM coverages ";

std::optional<std::string> optional_text(const SQLite::Column& col) {
  if (col.isNull()) {
    return std::nullopt;
  }
  return col.getString();
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind(index);
  }
}

Coverage read_row(SQLite::Statement& st) {
  Coverage c;
  c.id = st.getColumn(0).getInt64();
  c.client_id = st.getColumn(1).getInt64();
  c.payer_id = st.getColumn(2).getInt64();
  c.member_id = st.getColumn(3).getString();
  c.group_number = optional_text(st.getColumn(4));
  c.priority = st.getColumn(5).getString();
  c.subscriber_kind = st.getColumn(6).getString();
  if (!st.getColumn(7).isNull()) {
    c.subscriber_client_id = st.getColumn(7).getInt64();
  }
  c.subscriber_first = optional_text(st.getColumn(8));
  c.subscriber_last = optional_text(st.getColumn(9));
  c.subscriber_dob = optional_text(st.getColumn(10));
  c.subscriber_sex = optional_text(st.getColumn(11));
  c.relationship = st.getColumn(12).getString();
  c.starts_on = st.getColumn(13).getString();
  c.ends_on = optional_text(st.getColumn(14));
  c.created_at = st.getColumn(15).getString();
  return c;
}

} // namespace

std::optional<Coverage> find_coverage(Database& db, std::int64_t id) {
  auto cached = db.cached(std::string(k_select) + "WHERE id = ?"); // once per claim of an export
  SQLite::Statement& st = *cached;
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_row(st);
}

std::vector<Coverage> coverages_of(Database& db, std::int64_t client_id) {
  auto cached = db.cached(std::string(k_select) + // once per client and day of a claim build
                          "WHERE client_id = ? ORDER BY CASE priority WHEN 'primary' THEN 1 "
                          "WHEN 'secondary' THEN 2 ELSE 3 END, starts_on, id");
  SQLite::Statement& st = *cached;
  st.bind(1, client_id);
  std::vector<Coverage> out;
  while (st.executeStep()) {
    out.push_back(read_row(st));
  }
  return out;
}

std::int64_t insert_coverage(Database& db, const Coverage& c) {
  SQLite::Statement st(db.sql(),
                       "INSERT INTO coverages (client_id, payer_id, member_id, group_number, priority, "
                       "subscriber_kind, subscriber_client_id, subscriber_first, subscriber_last, subscriber_dob, "
                       "subscriber_sex, relationship, starts_on, ends_on, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, c.client_id);
  st.bind(2, c.payer_id);
  st.bind(3, c.member_id);
  bind_optional(st, 4, c.group_number);
  st.bind(5, c.priority);
  st.bind(6, c.subscriber_kind);
  if (c.subscriber_client_id) {
    st.bind(7, *c.subscriber_client_id);
  } else {
    st.bind(7);
  }
  bind_optional(st, 8, c.subscriber_first);
  bind_optional(st, 9, c.subscriber_last);
  bind_optional(st, 10, c.subscriber_dob);
  bind_optional(st, 11, c.subscriber_sex);
  st.bind(12, c.relationship);
  st.bind(13, c.starts_on);
  bind_optional(st, 14, c.ends_on);
  st.bind(15, c.created_at);
  st.exec();
  return db.sql().getLastInsertRowid();
}

void set_coverage_end(Database& db, std::int64_t id, const std::string& ends_on) {
  SQLite::Statement st(db.sql(), "UPDATE coverages SET ends_on = ? WHERE id = ?");
  st.bind(1, ends_on);
  st.bind(2, id);
  st.exec();
}

} // namespace iop::store
