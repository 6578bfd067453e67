#include "client_store.hpp"

#include "iop/text.hpp"

#include <SQLiteCpp/Statement.h>

namespace iop::store {

namespace {

constexpr const char* k_select =
    "SELECT id, first_name, last_name, date_of_birth, sex, phone, email, timezone, track, clinician_id, "
    "admission_date, status, discharge_date, discharge_reason, created_at, "
    "(SELECT group_concat(code, ',') FROM (SELECT code FROM client_diagnoses d WHERE d.client_id = c.id "
    "ORDER BY position)), address, city, state, zip FROM clients c ";

std::optional<std::string> optional_text(const SQLite::Column& col) {
  return col.isNull() ? std::nullopt : std::optional<std::string>(col.getString());
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind(index);
  }
}

Client read_row(SQLite::Statement& st) {
  Client c;
  c.id = st.getColumn(0).getInt64();
  c.first_name = st.getColumn(1).getString();
  c.last_name = st.getColumn(2).getString();
  c.date_of_birth = st.getColumn(3).getString();
  c.sex = st.getColumn(4).getString();
  c.phone = optional_text(st.getColumn(5));
  c.email = optional_text(st.getColumn(6));
  c.timezone = st.getColumn(7).getString();
  c.track = st.getColumn(8).getString();
  if (!st.getColumn(9).isNull()) {
    c.clinician_id = st.getColumn(9).getInt64();
  }
  c.admission_date = st.getColumn(10).getString();
  c.status = st.getColumn(11).getString();
  c.discharge_date = optional_text(st.getColumn(12));
  c.discharge_reason = optional_text(st.getColumn(13));
  c.created_at = st.getColumn(14).getString();
  if (!st.getColumn(15).isNull()) {
    const std::string codes = st.getColumn(15).getString();
    std::size_t start = 0;
    while (start <= codes.size()) {
      const std::size_t comma = codes.find(',', start);
      c.diagnoses.push_back(codes.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) {
        break;
      }
      start = comma + 1;
    }
  }
  c.address = optional_text(st.getColumn(16));
  c.city = optional_text(st.getColumn(17));
  c.state = optional_text(st.getColumn(18));
  c.zip = optional_text(st.getColumn(19));
  return c;
}

void bind_fields(SQLite::Statement& st, const Client& c) {
  st.bind(1, c.first_name);
  st.bind(2, c.last_name);
  st.bind(3, fold_for_search(c.first_name + " " + c.last_name));
  st.bind(4, c.date_of_birth);
  st.bind(5, c.sex);
  bind_optional(st, 6, c.phone);
  bind_optional(st, 7, c.email);
  st.bind(8, c.timezone);
  st.bind(9, c.track);
  if (c.clinician_id) {
    st.bind(10, *c.clinician_id);
  } else {
    st.bind(10);
  }
  st.bind(11, c.admission_date);
  st.bind(12, c.status);
  bind_optional(st, 13, c.discharge_date);
  bind_optional(st, 14, c.discharge_reason);
  bind_optional(st, 16, c.address);
  bind_optional(st, 17, c.city);
  bind_optional(st, 18, c.state);
  bind_optional(st, 19, c.zip);
}

} // namespace

std::optional<Client> find_client(Database& db, std::int64_t id) {
  auto cached = db.cached(std::string(k_select) + "WHERE id = ?"); // once per claim of an export
  SQLite::Statement& st = *cached;
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_row(st);
}

std::vector<Client> select_clients(Database& db, const ClientFilter& filter) {
  SQLite::Statement st(db.sql(), std::string(k_select) +
                                     "WHERE (?1 = 'all' OR status = ?1) AND (?2 IS NULL OR clinician_id = ?2) "
                                     "AND (?3 IS NULL OR search_name LIKE '%' || ?3 || '%' ESCAPE '\\') "
                                     "ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id");
  st.bind(1, filter.status);
  if (filter.clinician_id) {
    st.bind(2, *filter.clinician_id);
  }
  if (filter.search) {
    st.bind(3, escape_like(fold_for_search(*filter.search)));
  }
  std::vector<Client> out;
  while (st.executeStep()) {
    out.push_back(read_row(st));
  }
  return out;
}

std::vector<std::int64_t> clients_with_identity(Database& db, const std::string& first, const std::string& last,
                                                const std::string& dob) {
  SQLite::Statement st(db.sql(), "SELECT id, first_name, last_name FROM clients WHERE date_of_birth = ? ORDER BY id");
  st.bind(1, dob);
  std::vector<std::int64_t> out;
  const std::string wanted_first = fold_for_search(first);
  const std::string wanted_last = fold_for_search(last);
  while (st.executeStep()) {
    if (fold_for_search(st.getColumn(1).getString()) == wanted_first &&
        fold_for_search(st.getColumn(2).getString()) == wanted_last) {
      out.push_back(st.getColumn(0).getInt64());
    }
  }
  return out;
}

ClientInserter::ClientInserter(Database& db)
    : m_db(db),
      m_client(db.sql(),
               "INSERT INTO clients (first_name, last_name, search_name, date_of_birth, sex, phone, email, "
               "timezone, track, clinician_id, admission_date, status, discharge_date, discharge_reason, "
               "created_at, address, city, state, zip) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"),
      m_diagnosis(db.sql(), "INSERT INTO client_diagnoses (client_id, position, code) VALUES (?, ?, ?)") {}

std::int64_t ClientInserter::insert(const Client& c) {
  m_client.reset();
  m_client.clearBindings();
  bind_fields(m_client, c);
  m_client.bind(15, c.created_at);
  m_client.exec();
  const std::int64_t id = m_db.sql().getLastInsertRowid();
  int position = 1;
  for (const auto& code : c.diagnoses) {
    m_diagnosis.reset();
    m_diagnosis.bind(1, id);
    m_diagnosis.bind(2, position++);
    m_diagnosis.bind(3, code);
    m_diagnosis.exec();
  }
  return id;
}

std::string identity_key(const std::string& first, const std::string& last, const std::string& dob) {
  return fold_for_search(first) + '\x1f' + fold_for_search(last) + '\x1f' + dob;
}

std::unordered_map<std::string, std::int64_t> client_identities(Database& db) {
  SQLite::Statement st(db.sql(), "SELECT id, first_name, last_name, date_of_birth FROM clients ORDER BY id");
  std::unordered_map<std::string, std::int64_t> out;
  while (st.executeStep()) {
    out.emplace(identity_key(st.getColumn(1).getString(), st.getColumn(2).getString(), st.getColumn(3).getString()),
                st.getColumn(0).getInt64());
  }
  return out;
}

void update_client_row(Database& db, const Client& c) {
  SQLite::Statement st(db.sql(), "UPDATE clients SET first_name = ?1, last_name = ?2, search_name = ?3, "
                                 "date_of_birth = ?4, sex = ?5, phone = ?6, email = ?7, timezone = ?8, track = ?9, "
                                 "clinician_id = ?10, admission_date = ?11, status = ?12, discharge_date = ?13, "
                                 "discharge_reason = ?14, address = ?16, city = ?17, state = ?18, zip = ?19 "
                                 "WHERE id = ?15");
  bind_fields(st, c);
  st.bind(15, c.id);
  st.exec();
}

void replace_diagnoses(Database& db, std::int64_t client_id, const std::vector<std::string>& codes) {
  SQLite::Statement del(db.sql(), "DELETE FROM client_diagnoses WHERE client_id = ?");
  del.bind(1, client_id);
  del.exec();
  SQLite::Statement ins(db.sql(), "INSERT INTO client_diagnoses (client_id, position, code) VALUES (?, ?, ?)");
  int position = 1;
  for (const auto& code : codes) {
    ins.bind(1, client_id);
    ins.bind(2, position++);
    ins.bind(3, code);
    ins.exec();
    ins.reset();
  }
}

} // namespace iop::store
