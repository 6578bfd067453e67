// Therapy groups: a clinician, a capacity, and members who join and leave on dates. A group
// session's roster is the group's members on the session's date.
#pragma once

#include "iop/audit.hpp"
#include "iop/database.hpp"
#include "iop/dates.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iop {

struct GroupMember {
  std::int64_t client_id = 0;
  std::string name;
  std::string joined_on;
  std::optional<std::string> left_on;
};

struct Group {
  std::int64_t id = 0;
  std::string name;
  std::int64_t clinician_id = 0;
  std::string clinician_name;
  std::optional<int> capacity;
  std::string created_at;
  std::vector<GroupMember> members; // current members (left_on empty), by name
};

struct NewGroup {
  std::string name;
  std::int64_t clinician_id = 0;
  std::optional<int> capacity;
};

Group create_group(Database& db, const Actor& actor, const NewGroup& input);
Group get_group(Database& db, std::int64_t id); // iop::NotFound
std::vector<Group> list_groups(Database& db);
// Adds clients from `on` (all or none). They join every scheduled session of the group from that
// date on, conflict-checked like any booking.
Group add_group_members(Database& db, const Actor& actor, std::int64_t group_id,
                        const std::vector<std::int64_t>& clients, const Date& on);
// Removes clients from `on`; they leave the group's scheduled sessions from that date on.
Group remove_group_members(Database& db, const Actor& actor, std::int64_t group_id,
                           const std::vector<std::int64_t>& clients, const Date& on);
// Client ids of the members on `on`.
std::vector<std::int64_t> group_roster(Database& db, std::int64_t group_id, const Date& on);

} // namespace iop
