#include "payer_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace iop::store {

namespace {

constexpr const char* k_select = "SELECT id, name, payer_id, plan, filing_code, billing, telehealth_modifier, "
                                 "audio_modifier, requires_auth, active, created_at FROM payers ";

Payer read_row(SQLite::Statement& st) {
  Payer p;
  p.id = st.getColumn(0).getInt64();
  p.name = st.getColumn(1).getString();
  p.payer_id = st.getColumn(2).getString();
  p.plan = st.getColumn(3).getString();
  p.filing_code = st.getColumn(4).getString();
  p.billing = st.getColumn(5).getString();
  p.telehealth_modifier = st.getColumn(6).getString();
  p.audio_modifier = st.getColumn(7).getString();
  p.requires_auth = st.getColumn(8).getInt() != 0;
  p.active = st.getColumn(9).getInt() != 0;
  p.created_at = st.getColumn(10).getString();
  return p;
}

} // namespace

std::optional<Payer> find_payer(Database& db, std::int64_t id) {
  auto cached = db.cached(std::string(k_select) + "WHERE id = ?"); // once per claim of an export
  SQLite::Statement& st = *cached;
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_row(st);
}

std::vector<Payer> select_payers(Database& db, const PayerFilter& filter) {
  SQLite::Statement st(db.sql(), std::string(k_select) + "WHERE (?1 OR active = 1) ORDER BY id");
  st.bind(1, filter.include_inactive ? 1 : 0);
  std::vector<Payer> out;
  while (st.executeStep()) {
    out.push_back(read_row(st));
  }
  return out;
}

std::optional<std::int64_t> payer_named(Database& db, const std::string& name) {
  SQLite::Statement st(db.sql(), "SELECT id FROM payers WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1");
  st.bind(1, name);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return st.getColumn(0).getInt64();
}

std::int64_t insert_payer(Database& db, const NewPayer& p, const std::string& created_at) {
  SQLite::Statement st(db.sql(),
                       "INSERT INTO payers (name, payer_id, plan, filing_code, billing, telehealth_modifier, "
                       "audio_modifier, requires_auth, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)");
  st.bind(1, p.name);
  st.bind(2, p.payer_id);
  st.bind(3, p.plan);
  st.bind(4, p.filing_code.value_or(""));
  st.bind(5, p.billing);
  st.bind(6, p.telehealth_modifier);
  st.bind(7, p.audio_modifier);
  st.bind(8, p.requires_auth ? 1 : 0);
  st.bind(9, created_at);
  st.exec();
  return db.sql().getLastInsertRowid();
}

void update_payer_row(Database& db, const Payer& p) {
  SQLite::Statement st(db.sql(), "UPDATE payers SET name = ?, payer_id = ?, plan = ?, filing_code = ?, billing = ?, "
                                 "telehealth_modifier = ?, audio_modifier = ?, requires_auth = ?, active = ? "
                                 "WHERE id = ?");
  st.bind(1, p.name);
  st.bind(2, p.payer_id);
  st.bind(3, p.plan);
  st.bind(4, p.filing_code);
  st.bind(5, p.billing);
  st.bind(6, p.telehealth_modifier);
  st.bind(7, p.audio_modifier);
  st.bind(8, p.requires_auth ? 1 : 0);
  st.bind(9, p.active ? 1 : 0);
  st.bind(10, p.id);
  st.exec();
}

} // namespace iop::store
