#include "group_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace iop::store {

namespace {

constexpr const char* k_select = "SELECT g.id, g.name, g.clinician_id, cl.name || ', ' || cl.credential, g.capacity, "
                                 "g.created_at FROM groups g JOIN clinicians cl ON cl.id = g.clinician_id ";

std::vector<GroupMember> members_of(Database& db, std::int64_t group_id) {
  SQLite::Statement st(db.sql(), "SELECT m.client_id, c.first_name || ' ' || c.last_name, m.joined_on FROM "
                                 "group_members m JOIN clients c ON c.id = m.client_id WHERE m.group_id = ? AND "
                                 "m.left_on IS NULL ORDER BY c.last_name, c.first_name, c.id");
  st.bind(1, group_id);
  std::vector<GroupMember> out;
  while (st.executeStep()) {
    out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString(), std::nullopt});
  }
  return out;
}

Group read_row(Database& db, SQLite::Statement& st) {
  Group g;
  g.id = st.getColumn(0).getInt64();
  g.name = st.getColumn(1).getString();
  g.clinician_id = st.getColumn(2).getInt64();
  g.clinician_name = st.getColumn(3).getString();
  if (!st.getColumn(4).isNull()) {
    g.capacity = st.getColumn(4).getInt();
  }
  g.created_at = st.getColumn(5).getString();
  g.members = members_of(db, g.id);
  return g;
}

} // namespace

std::optional<Group> find_group(Database& db, std::int64_t id) {
  SQLite::Statement st(db.sql(), std::string(k_select) + "WHERE g.id = ?");
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_row(db, st);
}

std::vector<Group> select_groups(Database& db) {
  SQLite::Statement st(db.sql(), std::string(k_select) + "ORDER BY g.id");
  std::vector<Group> out;
  while (st.executeStep()) {
    out.push_back(read_row(db, st));
  }
  return out;
}

std::int64_t insert_group(Database& db, const NewGroup& g, const std::string& created_at) {
  SQLite::Statement st(db.sql(), "INSERT INTO groups (name, clinician_id, capacity, created_at) VALUES (?, ?, ?, ?)");
  st.bind(1, g.name);
  st.bind(2, g.clinician_id);
  if (g.capacity) {
    st.bind(3, *g.capacity);
  } else {
    st.bind(3);
  }
  st.bind(4, created_at);
  st.exec();
  return db.sql().getLastInsertRowid();
}

std::optional<std::string> current_membership(Database& db, std::int64_t group_id, std::int64_t client_id) {
  SQLite::Statement st(db.sql(), "SELECT joined_on FROM group_members WHERE group_id = ? AND client_id = ? AND "
                                 "left_on IS NULL");
  st.bind(1, group_id);
  st.bind(2, client_id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return st.getColumn(0).getString();
}

void insert_member(Database& db, std::int64_t group_id, std::int64_t client_id, const std::string& joined_on) {
  SQLite::Statement st(db.sql(), "INSERT INTO group_members (group_id, client_id, joined_on) VALUES (?, ?, ?)");
  st.bind(1, group_id);
  st.bind(2, client_id);
  st.bind(3, joined_on);
  st.exec();
}

void end_member(Database& db, std::int64_t group_id, std::int64_t client_id, const std::string& left_on) {
  SQLite::Statement st(db.sql(), "UPDATE group_members SET left_on = ? WHERE group_id = ? AND client_id = ? AND "
                                 "left_on IS NULL");
  st.bind(1, left_on);
  st.bind(2, group_id);
  st.bind(3, client_id);
  st.exec();
}

void end_memberships_of(Database& db, std::int64_t client_id, const std::string& left_on) {
  SQLite::Statement st(db.sql(), "UPDATE group_members SET left_on = max(joined_on, ?) WHERE client_id = ? AND "
                                 "left_on IS NULL");
  st.bind(1, left_on);
  st.bind(2, client_id);
  st.exec();
}

std::vector<std::int64_t> roster_on(Database& db, std::int64_t group_id, const std::string& day) {
  // A member who leaves on a day is no longer on that day's roster.
  SQLite::Statement st(db.sql(), "SELECT DISTINCT client_id FROM group_members WHERE group_id = ?1 AND joined_on <= ?2 "
                                 "AND (left_on IS NULL OR left_on > ?2) ORDER BY client_id");
  st.bind(1, group_id);
  st.bind(2, day);
  std::vector<std::int64_t> out;
  while (st.executeStep()) {
    out.push_back(st.getColumn(0).getInt64());
  }
  return out;
}

} // namespace iop::store
