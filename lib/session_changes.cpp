// What happens to a booked session: attended (with actual times and, for groups, who came),
// no-show, cancelled (alone or with the rest of its series), rescheduled (conflict-checked,
// the old time kept in session_history).
#include "iop/sessions.hpp"

#include "booking.hpp"
#include "group_store.hpp"
#include "iop/errors.hpp"
#include "iop/groups.hpp"
#include "iop/text.hpp"
#include "session_store.hpp"

#include <algorithm>

namespace iop {

namespace {

std::string label(const Session& s) {
  return "session " + std::to_string(s.id) + " (" + s.type + ", " + format_local(s.start, s.timezone) + ")";
}

Instant at_minute(const Session& s, int minute_of_day) {
  const LocalDateTime day = to_local(s.start, s.timezone);
  return to_instant(LocalDateTime{day.date, minute_of_day / 60, minute_of_day % 60}, s.timezone);
}

bool on_roster(const Session& s, std::int64_t client) {
  return std::any_of(s.participants.begin(), s.participants.end(),
                     [&](const Participant& p) { return p.client_id == client; });
}

} // namespace

Session attend_session(Database& db, const Actor& actor, std::int64_t id, const Attendance& a) {
  WriteTransaction tx(db);
  Session s = get_session(db, id);
  if (s.status == "attended") {
    throw Conflict(label(s) + " is already marked attended");
  }
  if (s.status == "cancelled" || s.status == "late-cancel") {
    throw Conflict(label(s) + " was cancelled", "reschedule it or schedule a new session");
  }
  if (actor.at < s.start) {
    throw Conflict(label(s) + " has not started yet; it cannot be marked attended before " +
                   format_local(s.start, s.timezone));
  }
  const Session before = s;
  s.actual_start = a.start_minute ? at_minute(s, *a.start_minute) : s.start;
  s.actual_end = a.end_minute ? at_minute(s, *a.end_minute) : s.end;
  if (!a.end_minute && a.start_minute) {
    s.actual_end = *s.actual_start + (s.end - s.start);
  }
  if (*s.actual_end <= *s.actual_start) {
    throw Invalid("the end " + format_hhmm(*s.actual_end, s.timezone) + " is not after the start " +
                  format_hhmm(*s.actual_start, s.timezone));
  }
  if (*s.actual_start > actor.at) {
    throw Invalid("the actual start " + format_local(*s.actual_start, s.timezone) + " is in the future");
  }
  if (*s.actual_end > actor.at) {
    // Billing codes follow the minutes actually spent, so an end that has not happened is not recorded.
    throw Invalid("the session has not ended yet (it ends " + format_hhmm(*s.actual_end, s.timezone) + ")",
                  "give the real end with --end HH:MM, or mark it attended once it is over");
  }
  if (s.type != "group" && (!a.present.empty() || !a.absent.empty())) {
    throw Invalid("--present and --absent are for group sessions; this is a " + s.type + " session");
  }
  for (const auto list : {&a.present, &a.absent}) {
    for (const auto client : *list) {
      if (!on_roster(s, client)) {
        throw Invalid("client " + std::to_string(client) + " is not on the roster of " + label(s));
      }
    }
  }
  for (const auto client : a.present) {
    if (std::find(a.absent.begin(), a.absent.end(), client) != a.absent.end()) {
      throw Invalid("client " + std::to_string(client) + " is listed as both present and absent");
    }
  }
  if (s.type != "couples" && (a.identified_patient || a.without_patient)) {
    throw Invalid("--identified-patient and --without-patient are for couples sessions; this is a " + s.type +
                  " session");
  }
  if (a.identified_patient) {
    if (!on_roster(s, *a.identified_patient)) {
      throw Conflict("client " + std::to_string(*a.identified_patient) + " is not a partner in " + label(s),
                     "give one of the two partners");
    }
    s.identified_patient = a.identified_patient;
  }
  s.patient_present = !a.without_patient;
  for (const auto& p : s.participants) {
    std::string mark = "present";
    if (s.type == "group") {
      const bool listed_present = std::find(a.present.begin(), a.present.end(), p.client_id) != a.present.end();
      const bool listed_absent = std::find(a.absent.begin(), a.absent.end(), p.client_id) != a.absent.end();
      // With only --absent, everyone else came; with --present, everyone not named was absent.
      mark = listed_present || (!listed_absent && a.present.empty()) ? "present" : "absent";
    }
    store::set_attendance(db, s.id, p.client_id, mark);
  }
  s.status = "attended";
  store::update_session_state(db, s);
  store::record_history(db, before, "attend", format_utc(actor.at));
  audit(db, actor, "attend", "session", s.id);
  tx.commit();
  return get_session(db, id);
}

Session mark_no_show(Database& db, const Actor& actor, std::int64_t id) {
  WriteTransaction tx(db);
  Session s = get_session(db, id);
  if (s.status != "scheduled") {
    throw Conflict(label(s) + " is " + s.status + "; only a scheduled session can be a no-show");
  }
  if (actor.at < s.start) {
    throw Conflict(label(s) + " has not started yet");
  }
  const Session before = s;
  for (const auto& p : s.participants) {
    store::set_attendance(db, s.id, p.client_id, std::string("absent"));
  }
  s.status = "no-show";
  store::update_session_state(db, s);
  store::record_history(db, before, "no-show", format_utc(actor.at));
  audit(db, actor, "no-show", "session", s.id);
  tx.commit();
  return get_session(db, id);
}

std::vector<Session> cancel_session(Database& db, const Actor& actor, std::int64_t id, bool late,
                                    const std::optional<std::string>& reason, bool series) {
  const std::optional<std::string> why =
      reason ? std::optional<std::string>(require_text(*reason, "reason", 500)) : std::nullopt;
  WriteTransaction tx(db);
  const Session first = get_session(db, id);
  if (first.status == "attended") {
    throw Conflict(label(first) + " was attended and cannot be cancelled");
  }
  if (first.status != "scheduled") {
    throw Conflict(label(first) + " is already " + first.status);
  }
  std::vector<std::int64_t> ids{id};
  if (series) {
    if (!first.series_id) {
      throw Invalid(label(first) + " is not part of a recurring series; drop --series");
    }
    for (const auto other : store::later_in_series(db, *first.series_id, first.start)) {
      if (other != id) {
        ids.push_back(other);
      }
    }
  }
  for (const auto sid : ids) {
    Session s = get_session(db, sid);
    const Session before = s;
    s.status = late ? "late-cancel" : "cancelled";
    s.cancel_reason = why;
    store::update_session_state(db, s);
    store::record_history(db, before, "cancel", format_utc(actor.at));
    audit(db, actor, late ? "late-cancel" : "cancel", "session", sid);
  }
  tx.commit();
  std::vector<Session> out;
  for (const auto sid : ids) {
    out.push_back(get_session(db, sid));
  }
  return out;
}

std::vector<std::int64_t> release_sessions_after(Database& db, const Actor& actor, const SessionRelease& release) {
  const Date last = parse_date(release.last_day, "last day");
  const std::string next_day = format_date(Date{date::sys_days{last} + date::days{1}});
  // Any zone's midnight after `last_day` is later than this instant; the exact day is checked per zone.
  const Instant from = Instant{date::sys_days{last}} - std::chrono::hours{14};
  std::vector<std::int64_t> cancelled;
  for (const auto id : store::scheduled_sessions_of(db, release.client_id, release.couple_id, from)) {
    Session s = get_session(db, id);
    if (format_date(to_local(s.start, s.timezone).date) <= release.last_day) {
      continue;
    }
    if (s.type == "group") {
      if (release.client_id) {
        store::remove_participant(db, s.id, *release.client_id);
      }
      continue;
    }
    const Session before = s;
    s.status = "cancelled";
    s.cancel_reason = release.reason;
    store::update_session_state(db, s);
    store::record_history(db, before, "cancel", format_utc(actor.at));
    audit(db, actor, "cancel", "session", s.id);
    cancelled.push_back(s.id);
  }
  if (release.client_id) {
    store::end_memberships_of(db, *release.client_id, next_day);
  }
  return cancelled;
}

Session reschedule_session(Database& db, const Actor& actor, std::int64_t id, const LocalDateTime& start,
                           std::optional<int> minutes) {
  WriteTransaction tx(db);
  Session s = get_session(db, id);
  if (s.status != "scheduled") {
    throw Conflict(label(s) + " is " + s.status + "; only a scheduled session can be rescheduled");
  }
  const Session before = s;
  const int length = minutes.value_or(s.minutes());
  if (length < 5 || length > 480) {
    throw Invalid("a session lasts 5 to 480 minutes, not " + std::to_string(length));
  }
  s.start = to_instant(start, s.timezone);
  s.end = s.start + std::chrono::minutes{length};
  const auto people = detail::people_booked(db, s.type, s.client_id, s.couple_id, s.group_id, start.date);
  const auto found = store::find_bookings(db, s.start, s.end, s.clinician_id, people, s.id);
  if (!found.empty()) {
    throw Conflict(describe_booking(found.front()));
  }
  store::update_session_state(db, s);
  store::replace_participants(db, s.id, people);
  store::record_history(db, before, "reschedule", format_utc(actor.at));
  audit(db, actor, "reschedule", "session", s.id);
  tx.commit();
  return get_session(db, id);
}

} // namespace iop
