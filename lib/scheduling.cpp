// Booking sessions: who may deliver what, who is booked, and the no-double-booking rule.
// Everything happens inside one BEGIN IMMEDIATE transaction, so two iop processes racing for
// the same slot are serialised and exactly one of them wins.
#include "iop/sessions.hpp"

#include "booking.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/couples.hpp"
#include "iop/errors.hpp"
#include "iop/groups.hpp"
#include "iop/recurrence.hpp"
#include "iop/text.hpp"
#include "session_store.hpp"

#include <algorithm>

namespace iop {

namespace {

template <std::size_t N> bool one_of(const std::string& v, const char* const (&allowed)[N]) {
  return std::find_if(std::begin(allowed), std::end(allowed), [&](const char* a) { return v == a; }) !=
         std::end(allowed);
}

void check_clinician(const Clinician& c, const std::string& type) {
  if (!c.active) {
    throw Conflict("clinician " + std::to_string(c.id) + " (" + c.display_name() + ") is inactive");
  }
  const auto roles = roles_for_type(type);
  if (std::none_of(roles.begin(), roles.end(), [&](const std::string& r) { return c.has_role(r); })) {
    std::string needed;
    for (const auto& r : roles) {
      needed += (needed.empty() ? "" : " or ") + r;
    }
    throw Conflict(c.display_name() + " does not have the " + needed + " role needed for a " + type + " session",
                   "iop clinician list --role " + roles.front() + " shows who does");
  }
}

bool enrolled_on(const Client& c, const std::string& day) {
  return c.admission_date <= day && (!c.discharge_date || day <= *c.discharge_date);
}

} // namespace

std::vector<std::int64_t> detail::people_booked(Database& db, const std::string& type,
                                                std::optional<std::int64_t> client_id,
                                                std::optional<std::int64_t> couple_id,
                                                std::optional<std::int64_t> group_id, const Date& on) {
  const std::string day = format_date(on);
  if (type == "couples") {
    const Couple couple = get_couple(db, *couple_id);
    if (day < couple.since || (couple.until && day > *couple.until)) {
      throw Conflict("couple " + std::to_string(couple.id) + " is not paired on " + day + " (paired " + couple.since +
                     (couple.until ? " to " + *couple.until : std::string(" onwards")) + ")");
    }
    return {couple.client_a, couple.client_b};
  }
  if (type == "group") {
    std::vector<std::int64_t> roster;
    for (const auto id : group_roster(db, *group_id, on)) {
      if (enrolled_on(get_client(db, id), day)) {
        roster.push_back(id);
      }
    }
    if (roster.empty()) {
      throw Conflict("group " + std::to_string(*group_id) + " has no members on " + day,
                     "add members first: iop group add CLIENT... --group " + std::to_string(*group_id));
    }
    return roster;
  }
  const Client client = get_client(db, *client_id);
  if (!enrolled_on(client, day)) {
    throw Conflict(client.full_name() + " (client " + std::to_string(client.id) + ") is not enrolled on " + day +
                   " (admitted " + client.admission_date +
                   (client.discharge_date ? ", discharged " + *client.discharge_date : std::string()) + ")");
  }
  return {client.id};
}

namespace {

std::vector<std::int64_t> people_for(Database& db, const SessionRequest& r, const Date& on) {
  return detail::people_booked(db, r.type, r.client_id, r.couple_id, r.group_id, on);
}

void check_request(Database& db, const SessionRequest& r) {
  roles_for_type(r.type); // validates the type
  if (!one_of(r.modality, k_modalities)) {
    throw Invalid("modality '" + r.modality + "' must be video, phone or in-person");
  }
  const bool wants_couple = r.type == "couples";
  const bool wants_group = r.type == "group";
  if (wants_couple != r.couple_id.has_value() || wants_group != r.group_id.has_value() ||
      (!wants_couple && !wants_group) != r.client_id.has_value()) {
    throw Invalid(wants_couple  ? "a couples session takes --couple ID (and no --client or --group)"
                  : wants_group ? "a group session takes --group ID (and no --client or --couple)"
                                : "a " + r.type + " session takes --client ID (and no --couple or --group)");
  }
  // Unknown ids are exit 3 before any rule is checked.
  if (r.couple_id) {
    (void)get_couple(db, *r.couple_id);
  }
  if (r.group_id) {
    (void)get_group(db, *r.group_id);
  }
  if (r.client_id) {
    (void)get_client(db, *r.client_id);
  }
}

// The next start at or after `from` when the clinician and every person are free for `length`.
std::optional<Instant> next_free(Database& db, Instant from, std::chrono::minutes length, std::int64_t clinician,
                                 const std::vector<std::int64_t>& people) {
  Instant candidate = from;
  for (int tries = 0; tries < 24; ++tries) {
    const auto found = store::find_bookings(db, candidate, candidate + length, clinician, people, std::nullopt);
    if (found.empty()) {
      return candidate;
    }
    for (const auto& b : found) {
      candidate = std::max(candidate, b.end);
    }
  }
  return std::nullopt;
}

} // namespace

ScheduleResult schedule_sessions(Database& db, const Actor& actor, const SessionRequest& request, int default_minutes) {
  SessionRequest r = request;
  if (r.link) {
    r.link = require_text(*r.link, "link", 500);
  }
  if (r.note_text) {
    r.note_text = require_text(*r.note_text, "note text", 500);
  }
  const int minutes = r.minutes.value_or(default_minutes);
  if (minutes < 5 || minutes > 480) {
    throw Invalid("a session lasts 5 to 480 minutes, not " + std::to_string(minutes));
  }
  WriteTransaction tx(db);
  const Clinician clinician = get_clinician(db, r.clinician_id);
  check_request(db, r);
  check_clinician(clinician, r.type);
  const std::string zone = r.timezone.empty() ? clinician.timezone : r.timezone;
  require_time_zone(zone);

  const std::vector<LocalDateTime> starts = r.rrule ? expand_rule(*r.rrule, r.start) : std::vector{r.start};
  ScheduleResult result;
  std::vector<std::pair<Session, std::vector<std::int64_t>>> planned;
  std::vector<std::string> collisions;
  for (const auto& local : starts) {
    Session s;
    s.type = r.type;
    s.clinician_id = clinician.id;
    s.client_id = r.client_id;
    s.couple_id = r.couple_id;
    s.group_id = r.group_id;
    s.start = to_instant(local, zone);
    s.end = s.start + std::chrono::minutes{minutes};
    s.timezone = zone;
    s.modality = r.modality;
    s.link = r.link;
    s.note_text = r.note_text;
    s.created_at = format_utc(actor.at);
    std::vector<std::int64_t> people;
    try {
      people = people_for(db, r, local.date);
    } catch (const Conflict& e) {
      // Past a discharge or an unpairing: a series may skip such days, a single session may not.
      if (!r.skip_conflicts || starts.size() == 1) {
        throw;
      }
      result.skipped.push_back({local, e.what()});
      continue;
    }
    auto found = store::find_bookings(db, s.start, s.end, clinician.id, people, std::nullopt);
    // Occurrences of this same request overlap each other only with odd rules; check them too.
    for (const auto& [other, other_people] : planned) {
      if (overlaps(s.start, s.end, other.start, other.end)) {
        found.push_back({0, other.type, other.start, other.end, zone, "this series", clinician.display_name()});
      }
    }
    if (!found.empty()) {
      if (!r.skip_conflicts || starts.size() == 1) {
        for (const auto& b : found) {
          collisions.push_back(describe_booking(b));
        }
      }
      result.skipped.push_back({local, describe_booking(found.front())});
      continue;
    }
    planned.emplace_back(s, people);
  }
  if (!collisions.empty()) {
    std::string hint;
    if (starts.size() == 1) {
      const auto people = people_for(db, r, starts.front().date);
      if (const auto free =
              next_free(db, to_instant(starts.front(), zone), std::chrono::minutes{minutes}, clinician.id, people)) {
        hint = "the next free slot for everyone is " + format_hhmm(*free, zone) + "; use --start \"" +
               format_local(*free, zone) + "\"";
      }
    } else {
      hint = "nothing was scheduled; --skip-conflicts books the other occurrences";
    }
    std::string message = collisions.front();
    for (std::size_t i = 1; i < collisions.size(); ++i) {
      message += "\n" + collisions[i];
    }
    throw Conflict(message, hint);
  }
  if (planned.empty()) {
    throw Conflict("every occurrence of the series collides with another booking; nothing was scheduled");
  }
  std::optional<std::int64_t> series;
  if (r.rrule) {
    series = store::insert_series(db, with_limit(*r.rrule, std::nullopt, std::nullopt), format_utc(actor.at));
  }
  for (auto& [s, people] : planned) {
    s.series_id = series;
    s.id = store::insert_session(db, s);
    store::replace_participants(db, s.id, people);
    audit(db, actor, "schedule", "session", s.id);
  }
  tx.commit();
  for (const auto& [s, people] : planned) {
    result.created.push_back(get_session(db, s.id));
  }
  return result;
}

Session get_session(Database& db, std::int64_t id) {
  auto s = store::find_session(db, id);
  if (!s) {
    throw NotFound("no session with id " + std::to_string(id), "iop session list shows the sessions of a period");
  }
  return *s;
}

std::vector<Session> list_sessions(Database& db, const SessionFilter& filter) {
  if (filter.status && !one_of(*filter.status, k_session_statuses)) {
    throw Invalid("status '" + *filter.status + "' must be scheduled, attended, no-show, cancelled or late-cancel");
  }
  return store::select_sessions(db, filter);
}

} // namespace iop
