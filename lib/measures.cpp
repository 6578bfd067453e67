#include "iop/measures.hpp"

#include "iop/clients.hpp"
#include "iop/errors.hpp"
#include "iop/sessions.hpp"
#include "iop/sparkline.hpp"
#include "iop/text.hpp"
#include "measure_store.hpp"

#include <algorithm>
#include <cmath>

namespace iop {

namespace {

std::string who(const Client& c) {
  return c.full_name() + " (client " + std::to_string(c.id) + ")";
}

// The date of the session the measure was given in, after checking the client was there.
std::string session_date_for(Database& db, const Client& client, std::int64_t session_id) {
  const Session s = get_session(db, session_id);
  const std::string on = format_date(local_date(s.start, s.timezone));
  const std::string label = "session " + std::to_string(s.id) + " (" + s.type + ", " + on + ")";
  const auto p = std::find_if(s.participants.begin(), s.participants.end(),
                              [&](const Participant& x) { return x.client_id == client.id; });
  if (p == s.participants.end()) {
    throw Conflict(who(client) + " was not in " + label,
                   "iop session show " + std::to_string(s.id) + " lists who was booked");
  }
  if (s.status != "attended") {
    throw Conflict(label + " is " + s.status + ", not attended",
                   s.status == "scheduled" ? "mark it attended first: iop session attend " + std::to_string(s.id)
                                           : "record the measure without --session");
  }
  if (p->attendance && *p->attendance == "absent") {
    throw Conflict(who(client) + " was absent from " + label, "record the measure without --session");
  }
  return on;
}

} // namespace

Measure record_measure(Database& db, const Actor& actor, const NewMeasure& input, const Date& today) {
  const Instrument& in = find_instrument(input.instrument);
  const std::vector<int> answers = parse_answers(in, input.answers);
  std::optional<Date> given;
  if (!trim(input.date).empty()) {
    given = parse_date_relative(trim(input.date), today, "date");
  }
  // Without a session the date is checked here; with one, it must be the session's own date
  // (which may be "tomorrow" in the viewer's zone for a late session far east, yet is past).
  if (given && !input.session_id && *given > today) {
    throw Invalid("date " + format_date(*given) + " is in the future",
                  "record a measure on or after the day it was given");
  }
  WriteTransaction tx(db);
  const Client client = get_client(db, input.client_id);
  std::string on = format_date(given.value_or(today));
  if (input.session_id) {
    const std::string session_on = session_date_for(db, client, *input.session_id);
    if (given && on != session_on) {
      throw Conflict("session " + std::to_string(*input.session_id) + " was on " + session_on + ", not " + on,
                     "leave out --date: it defaults to the session's date");
    }
    on = session_on;
  }
  if (on < client.date_of_birth) {
    throw Invalid("date " + on + " is before " + client.full_name() + "'s date of birth (" + client.date_of_birth +
                  ")");
  }
  // A measure can never be removed, so an accidental second entry would stay in every trend.
  if (const auto same_day = store::measures_on(db, client.id, in.id, on); !same_day.empty() && !input.allow_duplicate) {
    throw Conflict(who(client) + " already has a " + in.name + " on " + on + " (measure " +
                       std::to_string(same_day.back()) + ")",
                   "measures are never changed; if it was given twice that day, add --allow-duplicate");
  }
  const Score score = score_answers(in, answers);
  Measure m;
  m.client_id = client.id;
  m.instrument = in.id;
  m.administered_on = on;
  m.session_id = input.session_id;
  m.answers = answers;
  m.total = score.total;
  m.band = score.band;
  m.subscales = score.subscales;
  m.flag_reason = score.flag_reason;
  m.created_at = format_utc(actor.at);
  const std::int64_t id = store::insert_measure(db, m);
  audit(db, actor, "record", "measure", id);
  tx.commit();
  return get_measure(db, id);
}

Measure get_measure(Database& db, std::int64_t id) {
  auto m = store::find_measure(db, id);
  if (!m) {
    throw NotFound("no measure with id " + std::to_string(id), "iop measure list CLIENT_ID shows a client's measures");
  }
  return *m;
}

std::vector<Measure> list_measures(Database& db, const MeasureFilter& filter) {
  MeasureFilter f = filter;
  if (f.client_id) {
    (void)get_client(db, *f.client_id);
  }
  if (f.instrument) {
    f.instrument = find_instrument(*f.instrument).id;
  }
  return store::select_measures(db, f);
}

std::string direction_of(const Instrument& in, double change) {
  const double rounded = round_score(in, change);
  if (rounded == 0) {
    return "unchanged";
  }
  return (rounded > 0) == in.higher_is_better ? "improved" : "worsened";
}

Trend build_trend(const Instrument& in, std::int64_t client_id, const std::vector<Measure>& measures) {
  Trend t;
  t.client_id = client_id;
  t.instrument = in.id;
  t.threshold = in.meaningful_change;
  std::vector<double> totals;
  for (const auto& m : measures) {
    const double first = measures.front().total;
    t.points.push_back({m.id, m.administered_on, m.total, m.band, m.total - first, m.subscales});
    totals.push_back(m.total);
  }
  t.sparkline = sparkline(totals, in.min_total, in.max_total);
  if (t.points.size() < 2) {
    return t;
  }
  const TrendPoint& first = t.points.front();
  const TrendPoint& latest = t.points.back();
  t.change = latest.total - first.total;
  t.direction = direction_of(in, *t.change);
  if (in.meaningful_change) {
    t.meaningful = std::abs(round_score(in, *t.change)) >= *in.meaningful_change;
  }
  for (std::size_t k = 0; k < in.subscales.size(); ++k) {
    if (first.subscales.size() != in.subscales.size() || latest.subscales.size() != in.subscales.size()) {
      break;
    }
    SubscaleTrend s;
    s.key = in.subscales[k].key;
    s.label = in.subscales[k].label;
    s.first = first.subscales[k].mean;
    s.latest = latest.subscales[k].mean;
    s.change = s.latest - s.first;
    s.direction = direction_of(in, s.change);
    std::vector<double> means;
    for (const auto& p : t.points) {
      means.push_back(k < p.subscales.size() ? p.subscales[k].mean : in.min_answer);
    }
    // Subscales are item means: their range is one answer's range.
    s.sparkline = sparkline(means, in.min_answer, in.max_answer);
    t.subscales.push_back(std::move(s));
  }
  return t;
}

std::string describe_trend(const Instrument& in, const Trend& t) {
  if (!t.change || !t.direction) {
    return "";
  }
  const TrendPoint& first = t.points.front();
  const TrendPoint& latest = t.points.back();
  std::string out = *t.direction;
  if (*t.direction != "unchanged") {
    const double size = std::abs(round_score(in, *t.change));
    out += " by " + format_score(in, size);
    if (!in.mean_scored) {
      out += size == 1 ? " point" : " points";
    }
  }
  out += " since " + first.administered_on + ": " + format_score(in, first.total) + " (" + first.band + ") → " +
         format_score(in, latest.total) + " (" + latest.band + ")";
  if (t.meaningful && t.threshold && *t.direction != "unchanged") {
    const std::string threshold = std::to_string(*t.threshold) + " points";
    out += *t.meaningful ? ", a clinically meaningful change (" + threshold + " or more)"
                         : ", less than the " + threshold + " usually taken as clinically meaningful";
  }
  return out;
}

Trend measure_trend(Database& db, std::int64_t client_id, const std::string& instrument) {
  const Instrument& in = find_instrument(instrument);
  MeasureFilter filter;
  filter.client_id = client_id;
  filter.instrument = in.id;
  return build_trend(in, client_id, list_measures(db, filter));
}

} // namespace iop
