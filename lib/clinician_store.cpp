#include "clinician_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace iop::store {

namespace {

constexpr const char* k_select = "SELECT id, name, credential, npi, timezone, email, active, created_at, "
                                 "(SELECT group_concat(role) FROM clinician_roles r WHERE r.clinician_id = c.id) "
                                 "FROM clinicians c ";

std::optional<std::string> optional_text(const SQLite::Column& col) {
  if (col.isNull()) {
    return std::nullopt;
  }
  return col.getString();
}

Clinician read_row(SQLite::Statement& st) {
  Clinician c;
  c.id = st.getColumn(0).getInt64();
  c.name = st.getColumn(1).getString();
  c.credential = st.getColumn(2).getString();
  c.npi = optional_text(st.getColumn(3));
  c.timezone = st.getColumn(4).getString();
  c.email = optional_text(st.getColumn(5));
  c.active = st.getColumn(6).getInt() != 0;
  c.created_at = st.getColumn(7).getString();
  const std::string roles = st.getColumn(8).isNull() ? "" : st.getColumn(8).getString();
  std::vector<std::string> listed;
  std::size_t start = 0;
  while (start < roles.size()) {
    const std::size_t comma = roles.find(',', start);
    listed.push_back(roles.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    start = comma == std::string::npos ? roles.size() : comma + 1;
  }
  c.roles = normalize_roles(listed); // canonical order
  return c;
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind(index);
  }
}

} // namespace

std::optional<Clinician> find_clinician(Database& db, std::int64_t id) {
  auto cached = db.cached(std::string(k_select) + "WHERE c.id = ?"); // once per claim of an export
  SQLite::Statement& st = *cached;
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_row(st);
}

std::vector<Clinician> select_clinicians(Database& db, const ClinicianFilter& filter) {
  SQLite::Statement st(db.sql(), std::string(k_select) +
                                     "WHERE (?1 OR c.active = 1) AND (?2 IS NULL OR EXISTS (SELECT 1 FROM "
                                     "clinician_roles r WHERE r.clinician_id = c.id AND r.role = ?2)) ORDER BY c.id");
  st.bind(1, filter.include_inactive ? 1 : 0);
  bind_optional(st, 2, filter.role);
  std::vector<Clinician> out;
  while (st.executeStep()) {
    out.push_back(read_row(st));
  }
  return out;
}

std::optional<std::int64_t> clinician_with_npi(Database& db, const std::string& npi) {
  SQLite::Statement st(db.sql(), "SELECT id FROM clinicians WHERE npi = ?");
  st.bind(1, npi);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return st.getColumn(0).getInt64();
}

std::int64_t insert_clinician(Database& db, const NewClinician& c, const std::string& created_at) {
  SQLite::Statement st(db.sql(), "INSERT INTO clinicians (name, credential, npi, timezone, email, active, created_at) "
                                 "VALUES (?, ?, ?, ?, ?, 1, ?)");
  st.bind(1, c.name);
  st.bind(2, c.credential);
  bind_optional(st, 3, c.npi);
  st.bind(4, c.timezone);
  bind_optional(st, 5, c.email);
  st.bind(6, created_at);
  st.exec();
  const std::int64_t id = db.sql().getLastInsertRowid();
  replace_clinician_roles(db, id, c.roles);
  return id;
}

void update_clinician_row(Database& db, const Clinician& c) {
  SQLite::Statement st(db.sql(), "UPDATE clinicians SET name = ?, credential = ?, npi = ?, timezone = ?, email = ?, "
                                 "active = ? WHERE id = ?");
  st.bind(1, c.name);
  st.bind(2, c.credential);
  bind_optional(st, 3, c.npi);
  st.bind(4, c.timezone);
  bind_optional(st, 5, c.email);
  st.bind(6, c.active ? 1 : 0);
  st.bind(7, c.id);
  st.exec();
}

void replace_clinician_roles(Database& db, std::int64_t id, const std::vector<std::string>& roles) {
  SQLite::Statement del(db.sql(), "DELETE FROM clinician_roles WHERE clinician_id = ?");
  del.bind(1, id);
  del.exec();
  SQLite::Statement ins(db.sql(), "INSERT INTO clinician_roles (clinician_id, role) VALUES (?, ?)");
  for (const auto& role : roles) {
    ins.bind(1, id);
    ins.bind(2, role);
    ins.exec();
    ins.reset();
  }
}

} // namespace iop::store
