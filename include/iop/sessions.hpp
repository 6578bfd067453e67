// Sessions: one service at one time. Scheduling (single and recurring), the no-double-booking
// rule, attendance, cancellation and rescheduling. Times are UTC instants plus the booking zone.
#pragma once

#include "iop/audit.hpp"
#include "iop/database.hpp"
#include "iop/local_time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iop {

inline constexpr const char* k_session_types[] = {"individual", "addiction", "couples", "group", "medical", "intake"};
inline constexpr const char* k_modalities[] = {"video", "phone", "in-person"};
inline constexpr const char* k_session_statuses[] = {"scheduled", "attended", "no-show", "cancelled", "late-cancel"};

struct Participant {
  std::int64_t client_id = 0;
  std::string name;
  std::string timezone;
  std::optional<std::string> attendance; // present, absent (group sessions)
};

struct Session {
  std::int64_t id = 0;
  std::string type;
  std::int64_t clinician_id = 0;
  std::string clinician_name; // "Dana Reyes, LMFT"
  std::optional<std::int64_t> client_id;
  std::optional<std::int64_t> couple_id;
  std::optional<std::int64_t> group_id;
  std::string subject; // "Ana Reed", "Ana Reed & Ben Reed", "Tuesday Recovery"
  Instant start;
  Instant end;
  std::string timezone;
  std::string modality = "video";
  std::optional<std::string> link;
  std::optional<std::string> note_text;
  std::string status = "scheduled";
  std::optional<Instant> actual_start;
  std::optional<Instant> actual_end;
  std::optional<std::int64_t> series_id;
  std::optional<std::string> cancel_reason;
  std::string created_at;
  std::vector<Participant> participants;
  // Couples sessions: who it is billed to (none: the couple's identified patient) and whether that
  // partner took part (false: billed 90846, without the patient).
  std::optional<std::int64_t> identified_patient;
  bool patient_present = true;

  int minutes() const;
  std::optional<int> actual_minutes() const;
};

// A time slot someone is already booked in.
struct Booking {
  std::int64_t session_id = 0;
  std::string type;
  Instant start;
  Instant end;
  std::string timezone;
  std::string who;  // the person who is double-booked: "Ana Reed" or "Dana Reyes, LMFT"
  std::string with; // the other session's clinician
};

// "Ana Reed is already booked 2026-12-01 09:00–09:53 (session 41, individual with Dana Reyes, LMFT)"
std::string describe_booking(const Booking& b);
// Half-open intervals [start, end): back-to-back sessions do not overlap.
bool overlaps(Instant a_start, Instant a_end, Instant b_start, Instant b_end);
// The clinician roles that may deliver a type: individual -> {individual}, intake -> {individual, addiction, medical}.
std::vector<std::string> roles_for_type(const std::string& type);
std::string type_label(const std::string& type); // "Individual", "Couples"...

struct SessionRequest {
  std::string type;
  std::int64_t clinician_id = 0;
  std::optional<std::int64_t> client_id;
  std::optional<std::int64_t> couple_id;
  std::optional<std::int64_t> group_id;
  LocalDateTime start;
  std::string timezone;       // empty: the clinician's zone
  std::optional<int> minutes; // empty: the config's default for the type
  std::string modality = "video";
  std::optional<std::string> link;
  std::optional<std::string> note_text;
  std::optional<std::string> rrule; // recurring when set (COUNT or UNTIL included)
  bool skip_conflicts = false;
};

struct SkippedOccurrence {
  LocalDateTime start;
  std::string reason; // describe_booking() of the collision, or why nobody can be booked that day
};

struct ScheduleResult {
  std::vector<Session> created;
  std::vector<SkippedOccurrence> skipped;
};

struct SessionFilter {
  std::optional<Instant> from; // sessions starting at or after
  std::optional<Instant> to;   // sessions starting before
  std::optional<std::int64_t> clinician_id;
  std::optional<std::int64_t> client_id; // as a participant: individual, couple or group
  std::optional<std::string> status;
};

// `default_minutes` is the config's [sessions] length for the type.
ScheduleResult schedule_sessions(Database& db, const Actor& actor, const SessionRequest& request, int default_minutes);
Session get_session(Database& db, std::int64_t id);
std::vector<Session> list_sessions(Database& db, const SessionFilter& filter);

struct Attendance {
  std::optional<int> start_minute; // minutes after local midnight of the session's day, in its zone
  std::optional<int> end_minute;
  std::vector<std::int64_t> present; // group sessions
  std::vector<std::int64_t> absent;
  // Couples sessions only (iop::Invalid otherwise): the partner it is billed to (iop::Conflict when
  // not a partner), and whether that partner was absent from the joint session.
  std::optional<std::int64_t> identified_patient;
  bool without_patient = false;
};
Session attend_session(Database& db, const Actor& actor, std::int64_t id, const Attendance& attendance);
Session mark_no_show(Database& db, const Actor& actor, std::int64_t id);
// Cancels the session (and with `series`, every later occurrence of its series still scheduled).
std::vector<Session> cancel_session(Database& db, const Actor& actor, std::int64_t id, bool late,
                                    const std::optional<std::string>& reason, bool series);
// What ends on a day: a client's enrollment (discharge) or a couple's pairing (unpair).
struct SessionRelease {
  std::optional<std::int64_t> client_id;
  std::optional<std::int64_t> couple_id;
  std::string last_day; // YYYY-MM-DD, the last day sessions may still happen
  std::string reason;   // kept as the cancel reason
};
// Inside the caller's transaction: cancels the scheduled sessions after `last_day` that can no
// longer happen (the couple's joint sessions; the client's own and joint sessions) and takes the
// client off later group sessions and out of their groups. Returns the ids it cancelled.
std::vector<std::int64_t> release_sessions_after(Database& db, const Actor& actor, const SessionRelease& release);

Session reschedule_session(Database& db, const Actor& actor, std::int64_t id, const LocalDateTime& start,
                           std::optional<int> minutes);

} // namespace iop
