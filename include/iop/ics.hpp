// Sessions as an iCalendar file (RFC 5545) for a clinician's own calendar app. Calendars leave
// the practice, so by default a summary names clients by initials only and never carries
// clinical text (no session notes).
#pragma once

#include "iop/database.hpp"
#include "iop/sessions.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace iop {

struct IcsOptions {
  Instant stamp;           // DTSTAMP: when the file was made
  bool full_names = false; // clients' full names in SUMMARY instead of initials
  // SEQUENCE per session id (how many times it changed); missing ids get 0.
  std::map<std::int64_t, int> sequences;
  std::string calendar_name = "iop sessions"; // X-WR-CALNAME
};

// "Ana Reed" -> "A.R."; "Mary-Jo de la Cruz" -> "M.d.l.C." (the first letter of every word).
std::string initials(std::string_view full_name);
// "Couples: A.R. & B.R.", "Individual: A.R.", "Group: Tuesday Recovery" (full names with the option).
std::string ics_summary(const Session& s, bool full_names);
// Stable for a session across exports (so a calendar updates the event instead of adding one):
// "iop-session-41-20261127T170000Z@iop", the id plus its creation time.
std::string ics_uid(const Session& s);
// The whole calendar: VCALENDAR with one VEVENT per session, times in UTC.
std::string sessions_to_ics(const std::vector<Session>& sessions, const IcsOptions& options);
// How many times each session changed (rescheduled, cancelled, attended...): its SEQUENCE.
std::map<std::int64_t, int> session_change_counts(Database& db, const std::vector<Session>& sessions);

} // namespace iop
