// iop session schedule|list|show (attendance and changes: session_changes.cpp; export: session_export.cpp)
#include "commands.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/errors.hpp"
#include "iop/local_time.hpp"
#include "iop/recurrence.hpp"
#include "iop/sessions.hpp"
#include "output.hpp"
#include "session_view.hpp"

#include <cstdio>

namespace iop::app {

namespace {

struct ScheduleOptions {
  std::string type;
  std::int64_t clinician = 0;
  std::int64_t client = 0;
  std::int64_t couple = 0;
  std::int64_t group = 0;
  std::string start;
  std::string tz;
  int minutes = 0;
  std::string modality = "video";
  std::string link;
  std::string note_text;
  std::string weekly;
  std::string rrule;
  int count = 0;
  std::string until;
  bool skip_conflicts = false;
};

struct ListOptions {
  std::string from, to;
  std::int64_t clinician = 0;
  std::int64_t client = 0;
  std::string status;
};

std::string format_local_time(const LocalDateTime& t) {
  char hhmm[8];
  std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", t.hour, t.minute);
  return format_date(t.date) + " " + hhmm;
}

void run_schedule(Context& ctx, const ScheduleOptions& o, const CLI::App& verb) {
  SessionRequest r;
  r.type = o.type;
  r.clinician_id = o.clinician;
  if (verb.count("--client") > 0) {
    r.client_id = o.client;
  }
  if (verb.count("--couple") > 0) {
    r.couple_id = o.couple;
  }
  if (verb.count("--group") > 0) {
    r.group_id = o.group;
  }
  r.start = parse_local_datetime(o.start, ctx.today(), "--start");
  if (verb.count("--tz") > 0) {
    require_time_zone(o.tz);
    r.timezone = o.tz; // else empty: the clinician's zone
  }
  if (verb.count("--minutes") > 0) {
    r.minutes = o.minutes;
  }
  r.modality = o.modality;
  if (verb.count("--link") > 0) {
    r.link = o.link;
  }
  if (verb.count("--note-text") > 0) {
    r.note_text = o.note_text;
  }
  const std::optional<int> count = verb.count("--count") > 0 ? std::optional<int>(o.count) : std::nullopt;
  const std::optional<Date> until = verb.count("--until") > 0
                                        ? std::optional<Date>(parse_date_relative(o.until, ctx.today(), "--until"))
                                        : std::nullopt;
  const bool recurring = verb.count("--weekly") > 0 || verb.count("--rrule") > 0;
  if (verb.count("--weekly") > 0) {
    r.rrule = weekly_rule(o.weekly, count, until);
  } else if (verb.count("--rrule") > 0) {
    r.rrule = with_limit(o.rrule, count, until);
  } else if (count || until) {
    throw Invalid("--count and --until are for a recurring series", "add --weekly DAYS or --rrule RULE");
  }
  r.skip_conflicts = o.skip_conflicts;

  const auto& defaults = ctx.config().session_minutes;
  const auto it = defaults.find(o.type);
  const int default_minutes = it == defaults.end() ? 50 : it->second;
  const ScheduleResult result = schedule_sessions(ctx.db(), ctx.actor(), r, default_minutes);

  for (const auto& skipped : result.skipped) {
    warning("skipped " + format_local_time(skipped.start) + ": " + skipped.reason);
  }
  if (!recurring) {
    print_saved(ctx, session_json(result.created.front()), session_fields(ctx.zone()));
    return;
  }
  Json rows = Json::array();
  for (const auto& s : result.created) {
    rows.push_back(session_json(s));
  }
  print_list(ctx, rows, session_columns(ctx.zone()));
  notice(ctx, std::to_string(result.created.size()) + " sessions scheduled" +
                  (result.created.empty() || !result.created.front().series_id
                       ? std::string()
                       : " (series " + std::to_string(*result.created.front().series_id) + ")") +
                  (result.skipped.empty() ? std::string() : ", " + std::to_string(result.skipped.size()) + " skipped"));
}

// Midnight starting `day` in `zone` (or the first hour after it, where a DST change skips midnight).
Instant start_of_day(const Date& day, const std::string& zone) {
  for (int hour = 0; hour < 3; ++hour) {
    try {
      return to_instant(LocalDateTime{day, hour, 0}, zone);
    } catch (const Invalid&) {
    }
  }
  return to_instant(LocalDateTime{day, 3, 0}, zone);
}

void run_list(Context& ctx, const ListOptions& o, const CLI::App& verb) {
  SessionFilter filter;
  if (verb.count("--clinician") > 0) {
    (void)get_clinician(ctx.db(), o.clinician);
    filter.clinician_id = o.clinician;
  }
  if (verb.count("--client") > 0) {
    (void)get_client(ctx.db(), o.client);
    filter.client_id = o.client;
  }
  if (verb.count("--status") > 0) {
    filter.status = o.status;
  }
  const Date today = ctx.today();
  const bool has_from = verb.count("--from") > 0;
  const bool has_to = verb.count("--to") > 0;
  const std::optional<Date> given_to =
      has_to ? std::optional<Date>(parse_date_relative(o.to, today, "--to")) : std::nullopt;
  const Date from = has_from   ? parse_date_relative(o.from, today, "--from")
                    : given_to ? Date{date::sys_days{*given_to} - date::days{6}}
                               : today;
  const Date to = given_to.value_or(Date{date::sys_days{from} + date::days{6}});
  if (to < from) {
    throw Invalid("--to " + format_date(to) + " is before --from " + format_date(from));
  }
  const std::string zone = ctx.zone();
  filter.from = start_of_day(from, zone);
  filter.to = start_of_day(Date{date::sys_days{to} + date::days{1}}, zone);

  Json rows = Json::array();
  for (const auto& s : list_sessions(ctx.db(), filter)) {
    rows.push_back(session_json(s));
  }
  print_list(ctx, rows, session_columns(zone),
             "no sessions from " + format_date(from) + " to " + format_date(to) + " (" + zone + ")");
}

} // namespace

void register_session(CLI::App& app, Context& ctx) {
  CLI::App* noun = app.add_subcommand("session", "sessions: scheduling, attendance, cancellation");
  noun->require_subcommand(1);

  auto s = std::make_shared<ScheduleOptions>();
  CLI::App* schedule = add_verb(*noun, ctx, "schedule", "book a session, or a recurring series of them",
                                [&ctx, s, noun] { run_schedule(ctx, *s, *noun->get_subcommand("schedule")); });
  std::vector<std::string> types(std::begin(k_session_types), std::end(k_session_types));
  std::vector<std::string> modalities(std::begin(k_modalities), std::end(k_modalities));
  schedule->add_option("--type", s->type, "individual, addiction, couples, group, medical or intake")
      ->required()
      ->check(CLI::IsMember(types));
  schedule->add_option("--clinician", s->clinician, "clinician id")->required()->check(CLI::PositiveNumber);
  auto* client = schedule->add_option("--client", s->client, "client id (all types but couples and group)")
                     ->check(CLI::PositiveNumber);
  auto* couple = schedule->add_option("--couple", s->couple, "couple id (--type couples)")->check(CLI::PositiveNumber);
  auto* group = schedule->add_option("--group", s->group, "group id (--type group)")->check(CLI::PositiveNumber);
  client->excludes(couple)->excludes(group);
  couple->excludes(group);
  schedule->add_option("--start", s->start, "first start: \"YYYY-MM-DD HH:MM\" (or today/tomorrow HH:MM)")->required();
  schedule->add_option("--tz", s->tz, "zone of --start and of the session (default: the clinician's zone)");
  schedule->add_option("--minutes", s->minutes, "length (default: the config's [sessions] length for the type)");
  schedule->add_option("--modality", s->modality, "video (default), phone or in-person")
      ->check(CLI::IsMember(modalities));
  schedule->add_option("--link", s->link, "video link");
  schedule->add_option("--note-text", s->note_text, "a scheduling note (not a progress note)");
  auto* weekly = schedule->add_option("--weekly", s->weekly, "repeat weekly on these days: mon,wed,fri");
  auto* rrule = schedule->add_option("--rrule", s->rrule, "repeat by an RFC 5545 rule: \"FREQ=WEEKLY;BYDAY=MO,WE\"");
  weekly->excludes(rrule);
  auto* count = schedule->add_option("--count", s->count, "number of sessions in the series");
  auto* until = schedule->add_option("--until", s->until, "last day of the series (YYYY-MM-DD)");
  count->excludes(until);
  schedule->add_flag("--skip-conflicts", s->skip_conflicts,
                     "book a series without its colliding occurrences (listed as warnings) instead of refusing it");
  schedule->footer(
      "The start is read in --tz, else in the clinician's zone; recurring sessions keep their local time\n"
      "across daylight-saving changes. Nobody (clinician, client, either partner, group member) is booked\n"
      "twice: a colliding session, or any colliding occurrence of a series, is refused (exit 4).\n"
      "Example:\n  iop session schedule --type individual --clinician 1 --client 12 --start \"2026-12-01 09:00\"\n"
      "  iop session schedule --type couples --clinician 1 --couple 3 --start \"2026-12-02 10:00\" "
      "--weekly wed --count 6");

  auto l = std::make_shared<ListOptions>();
  CLI::App* list = add_verb(*noun, ctx, "list", "list the sessions of a period",
                            [&ctx, l, noun] { run_list(ctx, *l, *noun->get_subcommand("list")); });
  list->add_option("--from", l->from, "first day (YYYY-MM-DD, today, tomorrow, yesterday)");
  list->add_option("--to", l->to, "last day, included");
  list->add_option("--clinician", l->clinician, "only this clinician's sessions")->check(CLI::PositiveNumber);
  list->add_option("--client", l->client, "only sessions this client takes part in (also couples and groups)")
      ->check(CLI::PositiveNumber);
  list->add_option("--status", l->status, "scheduled, attended, no-show, cancelled or late-cancel");
  list->footer("Days are calendar days in the viewer's zone (--tz). Without --from and --to: today and the\n"
               "6 days after it; --from alone: that day and the 6 after; --to alone: the 7 days ending then.\n"
               "Example:\n  iop session list --from 2026-12-01 --to 2026-12-31 --client 12 --format json");

  auto id = std::make_shared<std::int64_t>(0);
  CLI::App* show = add_verb(*noun, ctx, "show", "show one session with its participants", [&ctx, id] {
    print_record(ctx, session_json(get_session(ctx.db(), *id)), session_fields(ctx.zone()));
  });
  add_id(*show, *id, "ID", "session id");
  show->footer("Example:\n  iop session show 41 --format json");

  register_session_changes(*noun, ctx);
  // `iop session export` is another file (session_export.cpp); keep this call last.
  register_session_export(*noun, ctx);
}

} // namespace iop::app
