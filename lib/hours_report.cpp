#include "iop/hours_report.hpp"

#include "iop/errors.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace iop {

namespace {

// Local midnight of `day` in `tz`; a midnight skipped by a DST change is the instant the day begins.
Instant midnight(const Date& day, const date::time_zone* tz) {
  return date::floor<std::chrono::seconds>(tz->to_sys(date::local_days{day}, date::choose::earliest));
}

} // namespace

Week week_containing(const Date& day, const std::string& zone) {
  require_time_zone(zone);
  const auto* tz = date::locate_zone(zone);
  const date::sys_days d{day};
  const date::weekday wd{d};
  const date::sys_days monday = d - (wd - date::Monday);
  Week w;
  w.monday = Date{monday};
  w.sunday = Date{monday + date::days{6}};
  w.start = midnight(w.monday, tz);
  w.end = midnight(Date{monday + date::days{7}}, tz);
  return w;
}

SessionMinutes minutes_for(const Session& s, std::int64_t client_id) {
  const auto p = std::find_if(s.participants.begin(), s.participants.end(),
                              [&](const Participant& x) { return x.client_id == client_id; });
  SessionMinutes out;
  if (p == s.participants.end() || s.status == "cancelled" || s.status == "late-cancel") {
    return out;
  }
  out.scheduled = s.minutes();
  if (s.status == "attended" && p->attendance == "present") {
    out.attended = s.actual_minutes().value_or(s.minutes());
  }
  return out;
}

bool below_minimum(int attended_minutes, double minimum_hours) {
  return static_cast<double>(attended_minutes) < minimum_hours * 60.0 - 1e-9;
}

double minutes_to_hours(int minutes) {
  return std::round(minutes / 60.0 * 100.0) / 100.0;
}

bool enrolled_during(const Client& c, const Week& week) {
  const std::string monday = format_date(week.monday);
  const std::string sunday = format_date(week.sunday);
  return c.admission_date <= sunday && (!c.discharge_date || *c.discharge_date >= monday);
}

std::vector<HoursRow> tally_hours(const std::vector<Client>& clients, const std::vector<Session>& sessions,
                                  const Week& week, double minimum_hours) {
  // Each client's sessions of the week, found once: looking through every session for every
  // client made a week of a 2,000-client program cost ~10 million participant scans.
  std::unordered_map<std::int64_t, std::vector<const Session*>> by_client;
  for (const auto& s : sessions) {
    if (s.start < week.start || s.start >= week.end) {
      continue;
    }
    for (const auto& p : s.participants) {
      by_client[p.client_id].push_back(&s);
    }
  }
  static const std::vector<const Session*> k_none;
  std::vector<HoursRow> rows;
  for (const auto& c : clients) {
    if (!enrolled_during(c, week)) {
      continue;
    }
    HoursRow row;
    row.client_id = c.id;
    row.name = c.full_name();
    row.track = c.track;
    const auto found = by_client.find(c.id);
    for (const Session* s : found == by_client.end() ? k_none : found->second) {
      const SessionMinutes m = minutes_for(*s, c.id);
      row.scheduled_minutes += m.scheduled;
      row.attended_minutes += m.attended;
    }
    row.below_minimum = below_minimum(row.attended_minutes, minimum_hours);
    rows.push_back(row);
  }
  return rows;
}

HoursReport weekly_hours(Database& db, const Date& day, const std::string& zone, double minimum_hours) {
  if (!std::isfinite(minimum_hours) || minimum_hours < 0 || minimum_hours > 168) {
    throw Invalid("the weekly minimum must be 0 to 168 hours");
  }
  HoursReport report;
  report.week = week_containing(day, zone);
  report.minimum_hours = minimum_hours;
  SessionFilter filter;
  filter.from = report.week.start;
  filter.to = report.week.end;
  const auto sessions = list_sessions(db, filter);
  ClientFilter who;
  who.status = "all";
  // By name (list_clients' order); discharged clients too, when enrolled on a day of the week.
  const auto clients = list_clients(db, who);
  report.rows = tally_hours(clients, sessions, report.week, minimum_hours);
  return report;
}

} // namespace iop
