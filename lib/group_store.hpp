// SQL for groups and their membership. Internal to lib/.
#pragma once

#include "iop/groups.hpp"

namespace iop::store {

std::optional<Group> find_group(Database& db, std::int64_t id);
std::vector<Group> select_groups(Database& db);
std::int64_t insert_group(Database& db, const NewGroup& g, const std::string& created_at);
// The current membership row (left_on empty) of a client in a group, if any: its joined_on.
std::optional<std::string> current_membership(Database& db, std::int64_t group_id, std::int64_t client_id);
void insert_member(Database& db, std::int64_t group_id, std::int64_t client_id, const std::string& joined_on);
void end_member(Database& db, std::int64_t group_id, std::int64_t client_id, const std::string& left_on);
// Ends every current membership of the client (they leave on `left_on`).
void end_memberships_of(Database& db, std::int64_t client_id, const std::string& left_on);
std::vector<std::int64_t> roster_on(Database& db, std::int64_t group_id, const std::string& day);

} // namespace iop::store
