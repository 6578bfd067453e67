// SQL for sessions, their participants and history. Internal to lib/.
#pragma once

#include "iop/sessions.hpp"

namespace iop::store {

std::optional<Session> find_session(Database& db, std::int64_t id);
std::vector<Session> select_sessions(Database& db, const SessionFilter& filter);
// Sessions that still hold a slot (not cancelled) overlapping [start, end) for the clinician or
// any of the clients; `except` leaves one session out (when it is being moved).
std::vector<Booking> find_bookings(Database& db, Instant start, Instant end, std::int64_t clinician_id,
                                   const std::vector<std::int64_t>& clients, std::optional<std::int64_t> except);
std::int64_t insert_series(Database& db, const std::string& rule, const std::string& created_at);
std::int64_t insert_session(Database& db, const Session& s);
void replace_participants(Database& db, std::int64_t session_id, const std::vector<std::int64_t>& clients);
void set_attendance(Database& db, std::int64_t session_id, std::int64_t client_id,
                    const std::optional<std::string>& value);
void update_session_state(Database& db, const Session& s); // status, times, actual times, reason
// How many times the session changed (rows in session_history): the .ics SEQUENCE.
int history_count(Database& db, std::int64_t session_id);
void record_history(Database& db, const Session& before, const std::string& action, const std::string& at);
// Ids of the series' sessions at or after `from` that are still scheduled.
std::vector<std::int64_t> later_in_series(Database& db, std::int64_t series_id, Instant from);
// Scheduled sessions of a group starting at or after `from`.
std::vector<std::int64_t> scheduled_group_sessions(Database& db, std::int64_t group_id, Instant from);
// Scheduled sessions starting at or after `from` that book the client or belong to the couple.
std::vector<std::int64_t> scheduled_sessions_of(Database& db, std::optional<std::int64_t> client_id,
                                                std::optional<std::int64_t> couple_id, Instant from);
void add_participant(Database& db, std::int64_t session_id, std::int64_t client_id);
void remove_participant(Database& db, std::int64_t session_id, std::int64_t client_id);

} // namespace iop::store
