// The weekly hours report: for each client enrolled in a Monday–Sunday week, the minutes of
// sessions scheduled for them and the minutes they attended, flagged when the attended hours fall
// below the program's weekly minimum (ASAM 2.1: 9 hours for adults). A step-down week below the
// minimum is flagged, never refused.
#pragma once

#include "iop/clients.hpp"
#include "iop/database.hpp"
#include "iop/dates.hpp"
#include "iop/sessions.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace iop {

// A calendar week in one zone: Monday to Sunday (dates), and the instants [start, end) from
// Monday 00:00 to the next Monday 00:00 in that zone (a DST week is 167 or 169 hours long).
struct Week {
  Date monday;
  Date sunday;
  Instant start;
  Instant end;
};

// The Monday–Sunday week containing `day`, in `zone` (iop::Invalid for an unknown zone).
Week week_containing(const Date& day, const std::string& zone);

// The minutes one session counts for one client.
struct SessionMinutes {
  int scheduled = 0; // the booked length, unless the session was cancelled or late-cancelled
  int attended = 0;  // the actual length, when attended and the client was present
};
// Zero for both when the client is not a participant.
SessionMinutes minutes_for(const Session& s, std::int64_t client_id);

// Whether `attended_minutes` falls short of `minimum_hours` (fractions of an hour allowed).
bool below_minimum(int attended_minutes, double minimum_hours);
// Minutes as hours, rounded to two decimals (for display and JSON).
double minutes_to_hours(int minutes);
// Whether a client was enrolled on any day of the week (admitted by Sunday, not discharged before Monday).
bool enrolled_during(const Client& c, const Week& week);

struct HoursRow {
  std::int64_t client_id = 0;
  std::string name;
  std::string track;
  int scheduled_minutes = 0;
  int attended_minutes = 0;
  bool below_minimum = false;
};

struct HoursReport {
  Week week;
  double minimum_hours = 9;
  std::vector<HoursRow> rows; // by client name
};

// The pure part: tallies `sessions` (those starting in the week) for each client enrolled
// during the week. `clients` in the order wanted for the rows.
std::vector<HoursRow> tally_hours(const std::vector<Client>& clients, const std::vector<Session>& sessions,
                                  const Week& week, double minimum_hours);

// The report for the week containing `day` in `zone`. iop::Invalid for a negative minimum.
HoursReport weekly_hours(Database& db, const Date& day, const std::string& zone, double minimum_hours);

} // namespace iop
