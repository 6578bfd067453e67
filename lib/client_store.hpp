// SQL for clients and their diagnoses. Internal to lib/.
#pragma once

#include "iop/clients.hpp"

#include <SQLiteCpp/Statement.h>

#include <unordered_map>

namespace iop::store {

std::optional<Client> find_client(Database& db, std::int64_t id);
std::vector<Client> select_clients(Database& db, const ClientFilter& filter);
// Ids of clients with exactly this first name, last name and date of birth (case-insensitive names).
std::vector<std::int64_t> clients_with_identity(Database& db, const std::string& first, const std::string& last,
                                                const std::string& dob);
// Inserts clients with their diagnoses, preparing the statements once (an import reuses them).
class ClientInserter {
public:
  explicit ClientInserter(Database& db);
  std::int64_t insert(const Client& c);

private:
  Database& m_db;
  SQLite::Statement m_client;
  SQLite::Statement m_diagnosis;
};
// Every client's identity key (see identity_key) with its lowest id: one read instead of a
// query per imported row.
std::unordered_map<std::string, std::int64_t> client_identities(Database& db);
// Folded first name, last name and date of birth: equal keys are the same person as far as
// the duplicate rule of `client enroll` goes.
std::string identity_key(const std::string& first, const std::string& last, const std::string& dob);
void update_client_row(Database& db, const Client& c);
void replace_diagnoses(Database& db, std::int64_t client_id, const std::vector<std::string>& codes);

} // namespace iop::store
