// iop measure trend: a client's scores over time, with a sparkline and the change since the first.
#include "commands.hpp"
#include "iop/errors.hpp"
#include "measure_view.hpp"
#include "terminal.hpp"

#include <iostream>
#include <memory>

namespace iop::app {

namespace {

struct TrendOptions {
  std::int64_t client = 0;
  std::string instrument;
};

Json trend_json(const Instrument& in, const Trend& t, const std::string& client) {
  Json points = Json::array();
  for (const auto& p : t.points) {
    points.push_back(Json{{"id", p.id},
                          {"administered_on", p.administered_on},
                          {"total", score_json(in, p.total)},
                          {"band", p.band},
                          {"change_from_first", score_json(in, p.change_from_first)},
                          {"subscales", subscales_json(in, p.subscales)}});
  }
  Json subscales; // null for instruments without subscales
  if (!in.subscales.empty()) {
    subscales = Json::array();
    for (const auto& s : t.subscales) {
      subscales.push_back(Json{{"key", s.key},
                               {"label", s.label},
                               {"first", round_score(in, s.first)},
                               {"latest", round_score(in, s.latest)},
                               {"change", round_score(in, s.change)},
                               {"direction", s.direction},
                               {"sparkline", s.sparkline}});
    }
  }
  return Json{{"client_id", t.client_id},
              {"client", client},
              {"instrument", t.instrument},
              {"points", points},
              {"first", t.points.empty() ? Json() : score_json(in, t.points.front().total)},
              {"latest", t.points.empty() ? Json() : score_json(in, t.points.back().total)},
              {"change", t.change ? score_json(in, *t.change) : Json()},
              {"direction", t.direction ? Json(*t.direction) : Json()},
              {"meaningful", t.meaningful ? Json(*t.meaningful) : Json()},
              {"threshold", t.threshold ? Json(*t.threshold) : Json()},
              {"sparkline", t.sparkline},
              {"subscales", subscales}};
}

std::vector<Column> trend_columns(Context& ctx, const Instrument& in, const Trend& t) {
  auto score = [&in](const std::string& key) {
    return [&in, key](const Json& r) { return format_score(in, r.at(key).get<double>()); };
  };
  if (ctx.format() != Format::csv) {
    return {{"id", "ID", nullptr, true},
            {"administered_on", "DATE"},
            {"total", "TOTAL", score("total"), true},
            {"band", "BAND"},
            {"change_from_first", "CHANGE",
             [&in](const Json& r) { return format_change(in, r.at("change_from_first").get<double>()); }, true}};
  }
  const std::string client_id = std::to_string(t.client_id);
  std::vector<Column> c{{"client_id", "client_id", [client_id](const Json&) { return client_id; }},
                        {"instrument", "instrument", [&in](const Json&) { return in.id; }},
                        {"id", "id"},
                        {"administered_on", "administered_on"},
                        {"total", "total", score("total")},
                        {"band", "band"},
                        {"change_from_first", "change_from_first", score("change_from_first")}};
  for (const auto& def : in.subscales) {
    c.push_back({def.key, def.key, [&in, key = def.key](const Json& r) {
                   return format_score(in, r.at("subscales").at(key).get<double>());
                 }});
  }
  return c;
}

std::string pad_right(const std::string& text, std::size_t width) {
  const std::size_t w = display_width(text);
  return text + std::string(w < width ? width - w : 0, ' ');
}

// The summary under the table: the total's line first, then the subscales (DOMAIN.md: the short
// form's subscales are less reliable than its total).
void print_trend_summary(const Instrument& in, const Trend& t) {
  std::cout << t.sparkline << "  " << describe_trend(in, t) << '\n';
  if (t.subscales.empty()) {
    return;
  }
  std::cout << "\nSubscales (two items each, less reliable than the total; on a reversed one, higher means less\n"
               "self-judgment, isolation or over-identification):\n";
  std::size_t width = 0;
  for (const auto& s : t.subscales) {
    width = std::max(width, display_width(s.label));
  }
  for (const auto& s : t.subscales) {
    std::cout << "  " << pad_right(s.label, width) << "  " << s.sparkline << "  " << format_score(in, s.first) << " → "
              << format_score(in, s.latest) << "  " << pad_right(format_change(in, s.change), 5) << "  " << s.direction
              << '\n';
  }
}

void run_trend(Context& ctx, const TrendOptions& o) {
  const Trend t = measure_trend(ctx.db(), o.client, o.instrument);
  const Instrument& in = find_instrument(t.instrument);
  NameCache names(ctx.db());
  const std::string client = names.client(o.client);
  if (ctx.format() == Format::json) {
    std::cout << trend_json(in, t, client).dump(2) << '\n';
    return;
  }
  const Json rows = trend_json(in, t, client).at("points");
  const std::string who = client + " (client " + std::to_string(o.client) + ")";
  if (ctx.format() == Format::csv || ctx.quiet()) {
    print_list(ctx, rows, trend_columns(ctx, in, t));
    return;
  }
  if (t.points.empty()) {
    notice(ctx, "no " + in.name + " recorded for " + who + " yet; a trend needs at least two (iop measure record " +
                    std::to_string(o.client) + " --instrument " + in.id + " --answers ...)");
    return;
  }
  std::cout << bold(in.name + " · " + who, use_color(stdout)) << " · "
            << (in.higher_is_better ? "higher is better" : "lower is better") << " · scale "
            << format_score(in, in.min_total) << "–" << format_score(in, in.max_total) << '\n';
  print_list(ctx, rows, trend_columns(ctx, in, t));
  if (t.points.size() < 2) {
    std::cout << t.sparkline << "  only one " << in.name << " so far (" << t.points.front().administered_on
              << "); a trend needs at least two\n";
    return;
  }
  print_trend_summary(in, t);
}

} // namespace

void register_measure_trend(CLI::App& noun, Context& ctx) {
  auto o = std::make_shared<TrendOptions>();
  CLI::App* trend =
      add_verb(noun, ctx, "trend", "a client's scores over time, with a sparkline", [&ctx, o] { run_trend(ctx, *o); });
  add_id(*trend, o->client, "CLIENT_ID", "client id");
  trend->add_option("--instrument", o->instrument, "the questionnaire")->required()->type_name("scs-sf|phq-9|gad-7");
  trend->footer("The sparkline spans the instrument's whole range, so lines of different clients compare.\n"
                "Lower is better on PHQ-9 and GAD-7 (a change of 5 points or more is clinically meaningful);\n"
                "higher is better on the SCS-SF, whose total is shown before its subscales.\n"
                "Example:\n  iop measure trend 12 --instrument phq-9");
}

} // namespace iop::app
