// The one JSON shape of a measure and its scores, shared by measure record|list|show and trend.
#pragma once

#include "iop/clients.hpp"
#include "iop/instruments.hpp"
#include "iop/measures.hpp"
#include "output.hpp"

#include <map>

namespace iop::app {

// Client names, looked up once per command.
class ClientNames {
public:
  explicit ClientNames(Database& db) : m_db(db) {}
  const std::string& operator()(std::int64_t id) {
    auto it = m_names.find(id);
    if (it == m_names.end()) {
      it = m_names.emplace(id, get_client(m_db, id).full_name()).first;
    }
    return it->second;
  }

private:
  Database& m_db;
  std::map<std::int64_t, std::string> m_names;
};

// A score as a JSON number: whole for sums, two decimals for means.
Json score_json(const Instrument& in, double value);
// {"self_kindness": 3.5, ...}, or null for instruments without subscales.
Json subscales_json(const Instrument& in, const std::vector<SubscaleScore>& subscales);
Json measure_json(const Measure& m, ClientNames& names);

} // namespace iop::app
