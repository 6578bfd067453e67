#include "iop/groups.hpp"

#include "group_store.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/errors.hpp"
#include "iop/local_time.hpp"
#include "iop/sessions.hpp"
#include "iop/text.hpp"
#include "session_store.hpp"

namespace iop {

Group get_group(Database& db, std::int64_t id) {
  auto g = store::find_group(db, id);
  if (!g) {
    throw NotFound("no group with id " + std::to_string(id), "iop group list shows every group");
  }
  return *g;
}

std::vector<Group> list_groups(Database& db) {
  return store::select_groups(db);
}

std::vector<std::int64_t> group_roster(Database& db, std::int64_t group_id, const Date& on) {
  return store::roster_on(db, group_id, format_date(on));
}

Group create_group(Database& db, const Actor& actor, const NewGroup& input) {
  NewGroup g = input;
  g.name = require_text(input.name, "group name", 100);
  if (g.capacity && (*g.capacity < 1 || *g.capacity > 100)) {
    throw Invalid("capacity must be 1 to 100");
  }
  WriteTransaction tx(db);
  const Clinician c = get_clinician(db, g.clinician_id);
  if (!c.active || !c.has_role("group")) {
    throw Conflict(c.display_name() + (c.active ? " does not have the group role" : " is inactive"),
                   "iop clinician list --role group shows who can lead a group");
  }
  const std::int64_t id = store::insert_group(db, g, format_utc(actor.at));
  audit(db, actor, "create", "group", id);
  tx.commit();
  return get_group(db, id);
}

Group add_group_members(Database& db, const Actor& actor, std::int64_t group_id,
                        const std::vector<std::int64_t>& clients, const Date& on) {
  const std::string day = format_date(on);
  WriteTransaction tx(db);
  const Group g = get_group(db, group_id);
  // Unknown ids are exit 3 before any rule is checked; each client's own refusal (discharged,
  // already a member) comes before the group's capacity, which names no one.
  for (const auto client_id : clients) {
    (void)get_client(db, client_id);
  }
  for (const auto client_id : clients) {
    const Client c = get_client(db, client_id);
    if (!c.active()) {
      throw Conflict(c.full_name() + " (client " + std::to_string(client_id) + ") is discharged");
    }
    if (store::current_membership(db, group_id, client_id)) {
      throw Conflict(c.full_name() + " is already a member of " + g.name);
    }
    if (day < c.admission_date) {
      throw Conflict(c.full_name() + " cannot join " + g.name + " on " + day + ", before their admission on " +
                         c.admission_date,
                     "use --date " + c.admission_date + " or later");
    }
  }
  if (g.capacity && g.members.size() + clients.size() > static_cast<std::size_t>(*g.capacity)) {
    throw Conflict(g.name + " holds " + std::to_string(*g.capacity) + " members; it has " +
                   std::to_string(g.members.size()) + " and " + std::to_string(clients.size()) + " would join");
  }
  const Instant from = to_instant(LocalDateTime{on, 0, 0}, "UTC") - std::chrono::hours{14};
  for (const auto client_id : clients) {
    if (store::current_membership(db, group_id, client_id)) { // the same id listed twice
      throw Conflict(get_client(db, client_id).full_name() + " is already a member of " + g.name);
    }
    store::insert_member(db, group_id, client_id, day);
    // Join the group's scheduled sessions from that day on, unless already booked at the time.
    for (const auto sid : store::scheduled_group_sessions(db, group_id, from)) {
      const Session s = get_session(db, sid);
      if (format_date(to_local(s.start, s.timezone).date) < day) {
        continue;
      }
      // Clinician id 0 matches nobody: only the new member's own bookings matter here.
      const auto found = store::find_bookings(db, s.start, s.end, 0, {client_id}, s.id);
      if (!found.empty()) {
        throw Conflict(describe_booking(found.front()) + ", during " + g.name + "'s session " + std::to_string(s.id),
                       "move or cancel that session first, or add the client from a later --date");
      }
      store::add_participant(db, sid, client_id);
    }
    audit(db, actor, "add-member", "group", group_id);
  }
  tx.commit();
  return get_group(db, group_id);
}

Group remove_group_members(Database& db, const Actor& actor, std::int64_t group_id,
                           const std::vector<std::int64_t>& clients, const Date& on) {
  const std::string day = format_date(on);
  WriteTransaction tx(db);
  const Group g = get_group(db, group_id);
  const Instant from = to_instant(LocalDateTime{on, 0, 0}, "UTC") - std::chrono::hours{14};
  for (const auto client_id : clients) {
    const Client c = get_client(db, client_id);
    const auto joined = store::current_membership(db, group_id, client_id);
    if (!joined) {
      throw Conflict(c.full_name() + " is not a member of " + g.name);
    }
    if (day < *joined) {
      throw Invalid("the leaving date " + day + " is before " + c.full_name() + " joined (" + *joined + ")");
    }
    store::end_member(db, group_id, client_id, day);
    for (const auto sid : store::scheduled_group_sessions(db, group_id, from)) {
      const Session s = get_session(db, sid);
      if (format_date(to_local(s.start, s.timezone).date) >= day) {
        store::remove_participant(db, sid, client_id);
      }
    }
    audit(db, actor, "remove-member", "group", group_id);
  }
  tx.commit();
  return get_group(db, group_id);
}

} // namespace iop
