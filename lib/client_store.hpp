// SQL for clients and their diagnoses. Internal to lib/.
#pragma once

#include "iop/clients.hpp"

namespace iop::store {

std::optional<Client> find_client(Database& db, std::int64_t id);
std::vector<Client> select_clients(Database& db, const ClientFilter& filter);
// Ids of clients with exactly this first name, last name and date of birth (case-insensitive names).
std::vector<std::int64_t> clients_with_identity(Database& db, const std::string& first, const std::string& last,
                                                const std::string& dob);
std::int64_t insert_client(Database& db, const Client& c);
void update_client_row(Database& db, const Client& c);
void replace_diagnoses(Database& db, std::int64_t client_id, const std::vector<std::string>& codes);

} // namespace iop::store
