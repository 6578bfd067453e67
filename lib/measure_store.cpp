#include "measure_store.hpp"

#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

namespace iop::store {

namespace {

constexpr const char* k_select = "SELECT id, client_id, instrument, administered_on, session_id, answers, total, band, "
                                 "subscales, flag_reason, created_at FROM measures ";

// Subscales come back in the instrument's order, whatever order the stored object has.
std::vector<SubscaleScore> read_subscales(const std::string& instrument, const std::string& text) {
  std::vector<SubscaleScore> out;
  const auto stored = nlohmann::json::parse(text);
  for (const auto& def : find_instrument(instrument).subscales) {
    if (const auto it = stored.find(def.key); it != stored.end()) {
      out.push_back({def.key, def.label, it->get<double>()});
    }
  }
  return out;
}

Measure read_row(SQLite::Statement& st) {
  Measure m;
  m.id = st.getColumn(0).getInt64();
  m.client_id = st.getColumn(1).getInt64();
  m.instrument = st.getColumn(2).getString();
  m.administered_on = st.getColumn(3).getString();
  if (!st.getColumn(4).isNull()) {
    m.session_id = st.getColumn(4).getInt64();
  }
  m.answers = nlohmann::json::parse(st.getColumn(5).getString()).get<std::vector<int>>();
  m.total = st.getColumn(6).getDouble();
  m.band = st.getColumn(7).getString();
  if (!st.getColumn(8).isNull()) {
    m.subscales = read_subscales(m.instrument, st.getColumn(8).getString());
  }
  if (!st.getColumn(9).isNull()) {
    m.flag_reason = st.getColumn(9).getString();
  }
  m.created_at = st.getColumn(10).getString();
  return m;
}

} // namespace

std::optional<Measure> find_measure(Database& db, std::int64_t id) {
  SQLite::Statement st(db.sql(), std::string(k_select) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_row(st);
}

std::vector<Measure> select_measures(Database& db, const MeasureFilter& filter) {
  SQLite::Statement st(db.sql(), std::string(k_select) +
                                     "WHERE (?1 IS NULL OR client_id = ?1) AND (?2 IS NULL OR instrument = ?2) "
                                     "AND (NOT ?3 OR flagged = 1) AND (?4 IS NULL OR administered_on >= ?4) "
                                     "ORDER BY administered_on, id");
  if (filter.client_id) {
    st.bind(1, *filter.client_id);
  }
  if (filter.instrument) {
    st.bind(2, *filter.instrument);
  }
  st.bind(3, filter.flagged_only ? 1 : 0);
  if (filter.since) {
    st.bind(4, format_date(*filter.since));
  }
  std::vector<Measure> out;
  while (st.executeStep()) {
    out.push_back(read_row(st));
  }
  return out;
}

std::vector<std::int64_t> measures_on(Database& db, std::int64_t client_id, const std::string& instrument,
                                      const std::string& date) {
  SQLite::Statement st(db.sql(), "SELECT id FROM measures WHERE client_id = ? AND instrument = ? "
                                 "AND administered_on = ? ORDER BY id");
  st.bind(1, client_id);
  st.bind(2, instrument);
  st.bind(3, date);
  std::vector<std::int64_t> out;
  while (st.executeStep()) {
    out.push_back(st.getColumn(0).getInt64());
  }
  return out;
}

std::int64_t insert_measure(Database& db, const Measure& m) {
  SQLite::Statement st(db.sql(), "INSERT INTO measures (client_id, instrument, administered_on, session_id, answers, "
                                 "total, band, subscales, flagged, flag_reason, created_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, m.client_id);
  st.bind(2, m.instrument);
  st.bind(3, m.administered_on);
  if (m.session_id) {
    st.bind(4, *m.session_id);
  } else {
    st.bind(4);
  }
  st.bind(5, nlohmann::json(m.answers).dump());
  st.bind(6, m.total);
  st.bind(7, m.band);
  if (m.subscales.empty()) {
    st.bind(8);
  } else {
    nlohmann::ordered_json subscales = nlohmann::ordered_json::object();
    for (const auto& s : m.subscales) {
      subscales[s.key] = s.mean;
    }
    st.bind(8, subscales.dump());
  }
  st.bind(9, m.flagged() ? 1 : 0);
  if (m.flag_reason) {
    st.bind(10, *m.flag_reason);
  } else {
    st.bind(10);
  }
  st.bind(11, m.created_at);
  st.exec();
  return db.sql().getLastInsertRowid();
}

} // namespace iop::store
