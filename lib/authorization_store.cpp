#include "authorization_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>

namespace iop::store {

namespace {

constexpr const char* k_select =
    "SELECT a.id, a.client_id, a.payer_id, a.number, a.units, a.starts_on, a.ends_on, a.created_at, "
    "(SELECT group_concat(code) FROM authorization_codes c WHERE c.authorization_id = a.id) "
    "FROM authorizations a ";

// Codes hold only letters and digits (normalize_procedure_code), so a comma splits them safely.
std::vector<std::string> split_codes(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < joined.size()) {
    const std::size_t comma = joined.find(',', start);
    out.push_back(joined.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    start = comma == std::string::npos ? joined.size() : comma + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

Authorization read_row(SQLite::Statement& st) {
  Authorization a;
  a.id = st.getColumn(0).getInt64();
  a.client_id = st.getColumn(1).getInt64();
  a.payer_id = st.getColumn(2).getInt64();
  a.number = st.getColumn(3).getString();
  a.units = st.getColumn(4).getInt();
  a.starts_on = st.getColumn(5).getString();
  a.ends_on = st.getColumn(6).getString();
  a.created_at = st.getColumn(7).getString();
  a.codes = split_codes(st.getColumn(8).isNull() ? "" : st.getColumn(8).getString());
  return a;
}

std::vector<Authorization> read_all(Database& db, SQLite::Statement& st) {
  std::vector<Authorization> out;
  while (st.executeStep()) {
    out.push_back(read_row(st));
  }
  for (auto& a : out) {
    a.units_used = units_used(db, a.id);
  }
  return out;
}

} // namespace

std::optional<Authorization> find_authorization_row(Database& db, std::int64_t id) {
  auto cached = db.cached(std::string(k_select) + "WHERE a.id = ?"); // once per claim line of an export
  SQLite::Statement& st = *cached;
  st.bind(1, id);
  auto all = read_all(db, st);
  if (all.empty()) {
    return std::nullopt;
  }
  return all.front();
}

std::optional<std::string> find_authorization_number(Database& db, std::int64_t id) {
  auto cached = db.cached("SELECT number FROM authorizations WHERE id = ?");
  SQLite::Statement& st = *cached;
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return st.getColumn(0).getString();
}

std::vector<Authorization> select_authorizations(Database& db, std::optional<std::int64_t> client_id) {
  SQLite::Statement st(db.sql(),
                       std::string(k_select) + "WHERE (?1 IS NULL OR a.client_id = ?1) ORDER BY a.starts_on, a.id");
  if (client_id) {
    st.bind(1, *client_id);
  }
  return read_all(db, st);
}

std::vector<Authorization> authorizations_of(Database& db, std::int64_t client_id, std::int64_t payer_id) {
  SQLite::Statement st(db.sql(), std::string(k_select) + "WHERE a.client_id = ? AND a.payer_id = ? ORDER BY a.id");
  st.bind(1, client_id);
  st.bind(2, payer_id);
  return read_all(db, st);
}

std::optional<std::int64_t> authorization_numbered(Database& db, std::int64_t payer_id, const std::string& number) {
  SQLite::Statement st(db.sql(), "SELECT id FROM authorizations WHERE payer_id = ? AND number = ?");
  st.bind(1, payer_id);
  st.bind(2, number);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return st.getColumn(0).getInt64();
}

std::int64_t insert_authorization(Database& db, const Authorization& a) {
  SQLite::Statement st(db.sql(), "INSERT INTO authorizations (client_id, payer_id, number, units, starts_on, ends_on, "
                                 "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, a.client_id);
  st.bind(2, a.payer_id);
  st.bind(3, a.number);
  st.bind(4, a.units);
  st.bind(5, a.starts_on);
  st.bind(6, a.ends_on);
  st.bind(7, a.created_at);
  st.exec();
  const std::int64_t id = db.sql().getLastInsertRowid();
  SQLite::Statement code(db.sql(), "INSERT INTO authorization_codes (authorization_id, code) VALUES (?, ?)");
  for (const auto& c : a.codes) {
    code.bind(1, id);
    code.bind(2, c);
    code.exec();
    code.reset();
  }
  return id;
}

int units_used(Database& db, std::int64_t authorization_id) {
  // A void gives its units back; a frequency-8 claim (the notice of a void) draws on nothing.
  auto cached = db.cached("SELECT COALESCE(SUM(l.units), 0) FROM claim_lines l JOIN claims c ON c.id = l.claim_id "
                          "WHERE l.authorization_id = ? AND c.status <> 'void' AND c.frequency <> 8");
  SQLite::Statement& st = *cached;
  st.bind(1, authorization_id);
  st.executeStep();
  return st.getColumn(0).getInt();
}

} // namespace iop::store
