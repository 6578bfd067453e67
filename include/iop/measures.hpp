// Outcome measures: a scored questionnaire (include/iop/instruments.hpp) for a client on a date,
// optionally tied to the attended session it was given in, and its trend over time. A record
// is never changed or deleted (the database refuses both).
#pragma once

#include "iop/audit.hpp"
#include "iop/database.hpp"
#include "iop/dates.hpp"
#include "iop/instruments.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iop {

struct Measure {
  std::int64_t id = 0;
  std::int64_t client_id = 0;
  std::string instrument;      // "phq-9"
  std::string administered_on; // YYYY-MM-DD
  std::optional<std::int64_t> session_id;
  std::vector<int> answers; // as given, item 1 first
  double total = 0;
  std::string band;
  std::vector<SubscaleScore> subscales; // SCS-SF only
  std::optional<std::string> flag_reason;
  std::string created_at;

  bool flagged() const { return flag_reason.has_value(); }
};

struct NewMeasure {
  std::int64_t client_id = 0;
  std::string instrument;
  std::string answers; // as typed: "0,1,2,..."
  std::string date;    // YYYY-MM-DD, today, yesterday; empty: the session's date, else today
  std::optional<std::int64_t> session_id;
  bool allow_duplicate = false; // a second administration of the instrument on the same day
};

struct MeasureFilter {
  std::optional<std::int64_t> client_id;
  std::optional<std::string> instrument;
  bool flagged_only = false;
  std::optional<Date> since; // administered on or after this day
};

// Scores and stores one administration. iop::Invalid for malformed answers or dates, a future
// date or one before birth; NotFound for the client or session; Conflict when the client was not
// present at the session, its date differs, or the instrument was already given that day.
Measure record_measure(Database& db, const Actor& actor, const NewMeasure& input, const Date& today);
Measure get_measure(Database& db, std::int64_t id); // iop::NotFound
// Sorted by date, then id. An unknown client is iop::NotFound, not an empty list.
std::vector<Measure> list_measures(Database& db, const MeasureFilter& filter);

struct TrendPoint {
  std::int64_t id = 0;
  std::string administered_on;
  double total = 0;
  std::string band;
  double change_from_first = 0;
  std::vector<SubscaleScore> subscales;
};

// One SCS-SF subscale over time (first to latest).
struct SubscaleTrend {
  std::string key;
  std::string label;
  double first = 0;
  double latest = 0;
  double change = 0;
  std::string direction; // improved, worsened, unchanged
  std::string sparkline;
};

struct Trend {
  std::int64_t client_id = 0;
  std::string instrument;
  std::vector<TrendPoint> points; // oldest first
  std::string sparkline;          // over the instrument's full range
  std::optional<int> threshold;   // points of change taken as clinically meaningful, if the instrument has one
  // Set once there are at least two points:
  std::optional<double> change; // latest − first
  std::optional<std::string> direction;
  std::optional<bool> meaningful; // |change| ≥ threshold; unset for instruments without one
  std::vector<SubscaleTrend> subscales;
};

// The trend of `measures` (one client, one instrument, in date order). Pure.
Trend build_trend(const Instrument& instrument, std::int64_t client_id, const std::vector<Measure>& measures);
// "improved by 9 points since 2026-11-02 (18 → 9), clinically meaningful (5 points or more)".
// Empty when there are fewer than two points.
std::string describe_trend(const Instrument& instrument, const Trend& trend);
// improved / worsened / unchanged for a change on the instrument's scale.
std::string direction_of(const Instrument& instrument, double change);
// The client's trend for one instrument; NotFound for the client, Invalid for the instrument.
Trend measure_trend(Database& db, std::int64_t client_id, const std::string& instrument);

} // namespace iop
