// The benchmark's program: who is in it and what happened over the year, built through iop's library.
#pragma once

#include "iop/audit.hpp"
#include "iop/database.hpp"
#include "iop/dates.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace bench {

// The year: series start the week of 2025-01-13 (intakes the week before) and run 51 weeks;
// "now" is Monday 2025-12-29 09:00 in Los Angeles, so the last week is still scheduled.
inline constexpr const char* k_zone = "America/Los_Angeles";
inline constexpr const char* k_now = "2025-12-29T17:00:00Z";
inline constexpr const char* k_admitted = "2025-01-02";
inline constexpr int k_weeks = 51;

struct Counts {
  int clinicians = 0, clients = 0, couples = 0, groups = 0;
  int sessions = 0, attended = 0, no_shows = 0, cancelled = 0;
  int notes = 0, signed_notes = 0, measures = 0, coverages = 0, authorizations = 0;
  int unplaced = 0; // weekly slots the timetable could not fit (nobody double-booked instead)
};

struct People {
  std::vector<std::int64_t> clinicians;  // ids
  std::vector<std::string> credentials;  // LMFT, LCSW, CADC, MD, per clinician
  std::vector<std::int64_t> clients;     // ids
  std::vector<std::string> tracks;       // mh, sud, dual, per client
  std::vector<std::int64_t> couples;     // ids; couple i is clients 2i and 2i+1
  std::vector<std::int64_t> groups;      // ids
  std::vector<std::vector<int>> members; // client indexes, per group
};

// A session as the outcome pass needs it (a full iop::Session per row would cost gigabytes).
struct Booked {
  std::int64_t id = 0;
  std::int64_t clinician_id = 0;
  std::string type;
  std::vector<int> clients; // indexes into People::clients
  iop::Instant end;
  int week = 0;
};

// A repeatable hash: the same inputs give the same "random" choice on every run and machine.
std::uint64_t mix(std::uint64_t a, std::uint64_t b = 0);

iop::Actor actor(const std::string& command);
iop::Date today();

People add_people(iop::Database& db, double scale, Counts& counts);
void add_payers_and_coverage(iop::Database& db, const People& people, Counts& counts);
std::vector<Booked> schedule_year(iop::Database& db, const People& people, Counts& counts);
void record_outcomes(iop::Database& db, const People& people, const std::vector<Booked>& sessions, Counts& counts);

Counts build_program(const std::string& path, double scale);

} // namespace bench
