// iop report hours
#include "commands.hpp"
#include "iop/hours_report.hpp"
#include "output.hpp"

#include <fmt/format.h>

#include <cmath>

namespace iop::app {

namespace {

// "9", "7.5": the minimum as people write it.
std::string hours_text(double hours) {
  std::string out = fmt::format("{:.2f}", hours);
  while (out.back() == '0') {
    out.pop_back();
  }
  if (out.back() == '.') {
    out.pop_back();
  }
  return out;
}

struct ReportOptions {
  std::string week;
  double minimum = 0;
};

void run_hours(Context& ctx, const ReportOptions& o, const CLI::App& verb) {
  const Date today = ctx.today();
  const Date day = verb.count("--week") > 0 ? parse_date_relative(o.week, today, "--week") : today;
  const double minimum = verb.count("--min") > 0 ? o.minimum : static_cast<double>(ctx.config().weekly_hours_min);
  const HoursReport report = weekly_hours(ctx.db(), day, ctx.zone(), minimum);
  // 9 rather than 9.0 when the minimum is a whole number of hours.
  const Json minimum_json = report.minimum_hours == std::floor(report.minimum_hours)
                                ? Json(static_cast<std::int64_t>(report.minimum_hours))
                                : Json(report.minimum_hours);
  Json rows = Json::array();
  for (const auto& r : report.rows) {
    rows.push_back(Json{{"client_id", r.client_id},
                        {"name", r.name},
                        {"track", r.track},
                        {"week_start", format_date(report.week.monday)},
                        {"week_end", format_date(report.week.sunday)},
                        {"scheduled_minutes", r.scheduled_minutes},
                        {"attended_minutes", r.attended_minutes},
                        {"scheduled_hours", minutes_to_hours(r.scheduled_minutes)},
                        {"attended_hours", minutes_to_hours(r.attended_minutes)},
                        {"minimum_hours", minimum_json},
                        {"below_minimum", r.below_minimum}});
  }
  const auto hours = [](const char* key) {
    return [key](const Json& r) { return fmt::format("{:.2f}", r.at(key).get<double>()); };
  };
  std::vector<Column> columns;
  if (ctx.format() == Format::csv) {
    for (const char* key :
         {"client_id", "name", "track", "week_start", "week_end", "scheduled_minutes", "attended_minutes"}) {
      columns.push_back({key, key});
    }
    for (const char* key : {"scheduled_hours", "attended_hours", "minimum_hours"}) {
      columns.push_back({key, key, [key](const Json& r) { return hours_text(r.at(key).get<double>()); }});
    }
    columns.push_back({"below_minimum", "below_minimum", [](const Json& r) {
                         return std::string(r.at("below_minimum").get<bool>() ? "true" : "false");
                       }});
  } else {
    const std::string flag = "below " + hours_text(report.minimum_hours) + "h";
    columns = {{"client_id", "ID", nullptr, true},
               {"name", "CLIENT"},
               {"track", "TRACK"},
               {"scheduled_hours", "SCHEDULED h", hours("scheduled_hours"), true},
               {"attended_hours", "ATTENDED h", hours("attended_hours"), true},
               {"below_minimum", "FLAG",
                [flag](const Json& r) { return r.at("below_minimum").get<bool>() ? flag : std::string(); }}};
    if (ctx.format() == Format::table && !ctx.quiet()) {
      notice(ctx, "week " + format_date(report.week.monday) + " to " + format_date(report.week.sunday) + " (" +
                      ctx.zone() + "); minimum " + hours_text(report.minimum_hours) + " h attended");
    }
  }
  print_list(ctx, rows, columns,
             "no clients enrolled in the week " + format_date(report.week.monday) + " to " +
                 format_date(report.week.sunday));
}

} // namespace

void register_report(CLI::App& app, Context& ctx) {
  CLI::App* noun = app.add_subcommand("report", "roll-ups: weekly IOP hours per client");
  noun->require_subcommand(1);
  auto o = std::make_shared<ReportOptions>();

  CLI::App* hours =
      add_verb(*noun, ctx, "hours", "scheduled and attended hours per enrolled client in a Monday-Sunday week",
               [&ctx, o, noun] { run_hours(ctx, *o, *noun->get_subcommand("hours")); });
  hours->add_option("--week", o->week, "any day of the week (YYYY-MM-DD, today, yesterday; default this week)");
  hours->add_option("--min", o->minimum, "weekly minimum of attended hours (default program.weekly_hours_min, 9)")
      ->check(CLI::Range(0.0, 168.0));
  hours->footer("Scheduled: sessions not cancelled in which the client takes part. Attended: sessions marked\n"
                "attended at which the client was present, by their actual length. Weeks are calendar days\n"
                "in the viewer's zone (--tz). Below the minimum is flagged, not refused (a step-down week).\n"
                "Example:\n  iop report hours --week 2026-11-16 --min 9 --format csv");
}

} // namespace iop::app
