// Display names of the records a listing refers to, looked up once per command.
#pragma once

#include "iop/database.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace iop::app {

class NameCache {
public:
  explicit NameCache(Database& db) : m_db(db) {}

  const std::string& client(std::int64_t id);    // "Ana Reed"
  const std::string& clinician(std::int64_t id); // "Dana Reyes, LMFT"
  const std::string& payer(std::int64_t id);     // "Acme PPO"

private:
  Database& m_db;
  std::map<std::int64_t, std::string> m_clients;
  std::map<std::int64_t, std::string> m_clinicians;
  std::map<std::int64_t, std::string> m_payers;
};

} // namespace iop::app
