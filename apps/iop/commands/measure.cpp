// iop measure record|list|show: scored questionnaires (SCS-SF, PHQ-9, GAD-7); trend is in measure_trend.cpp.
#include "commands.hpp"
#include "iop/clients.hpp"
#include "iop/errors.hpp"
#include "iop/measures.hpp"
#include "measure_view.hpp"
#include "output.hpp"
#include "terminal.hpp"

#include <iostream>
#include <map>

namespace iop::app {

namespace {

const Instrument& instrument_of(const Json& row) {
  return find_instrument(row.at("instrument").get<std::string>());
}

std::string total_text(const Json& row) {
  return format_score(instrument_of(row), row.at("total").get<double>());
}

std::string answers_text(const Json& row) {
  std::string out;
  for (const auto& a : row.at("answers")) {
    out += (out.empty() ? "" : ",") + std::to_string(a.get<int>());
  }
  return out;
}

std::string subscale_text(const Json& row, const std::string& key) {
  const Json& s = row.at("subscales");
  return s.is_object() && s.contains(key) ? format_score(instrument_of(row), s.at(key).get<double>()) : "";
}

// CSV: every field, subscales as their own columns (empty for PHQ-9 and GAD-7), stable for scripts.
std::vector<Column> csv_columns() {
  std::vector<Column> c{{"id", "id"},
                        {"client_id", "client_id"},
                        {"client", "client"},
                        {"instrument", "instrument"},
                        {"administered_on", "administered_on"},
                        {"session_id", "session_id"},
                        {"answers", "answers", answers_text},
                        {"total", "total", total_text},
                        {"band", "band"}};
  for (const auto& def : find_instrument("scs-sf").subscales) {
    c.push_back({def.key, def.key, [key = def.key](const Json& r) { return subscale_text(r, key); }});
  }
  c.insert(c.end(), {{"flagged", "flagged"}, {"flag_reason", "flag_reason"}, {"created_at", "created_at"}});
  return c;
}

std::vector<Column> detail_fields(Context& ctx) {
  if (ctx.format() == Format::csv) {
    return csv_columns();
  }
  std::vector<Column> f{
      {"id", "id"},
      {"client", "client",
       [](const Json& r) {
         return r.at("client").get<std::string>() + " (client " + std::to_string(r.at("client_id").get<long>()) + ")";
       }},
      {"instrument", "instrument", [](const Json& r) { return instrument_of(r).name; }},
      {"administered_on", "date"},
      {"session_id", "session"},
      {"answers", "answers", answers_text},
      {"total", "total",
       [](const Json& r) {
         const Instrument& in = instrument_of(r);
         return total_text(r) + (in.mean_scored ? " (mean of " + std::to_string(in.items) + " items, " : " (of ") +
                format_score(in, in.min_total) + "–" + format_score(in, in.max_total) + ")";
       }},
      {"band", "band"}};
  f.push_back({"subscales", "subscales", [](const Json& r) {
                 std::string out;
                 for (const auto& def : instrument_of(r).subscales) {
                   out += (out.empty() ? "" : " · ") + def.label + " " + subscale_text(r, def.key);
                 }
                 return out;
               }});
  f.push_back({"flag_reason", "SAFETY FLAG"});
  f.push_back({"created_at", "recorded",
               [zone = ctx.zone()](const Json& r) { return local_time(as_text(r.at("created_at")), zone); }});
  return f;
}

std::vector<Column> list_columns(Context& ctx, bool with_client) {
  if (ctx.format() == Format::csv) {
    return csv_columns();
  }
  std::vector<Column> c{{"id", "ID", nullptr, true}};
  if (with_client) {
    c.push_back({"client", "CLIENT", [](const Json& r) {
                   return r.at("client").get<std::string>() + " (" + std::to_string(r.at("client_id").get<long>()) +
                          ")";
                 }});
  }
  c.insert(c.end(), {{"administered_on", "DATE"},
                     {"instrument", "INSTRUMENT", [](const Json& r) { return instrument_of(r).name; }},
                     {"total", "TOTAL", total_text, true},
                     {"band", "BAND"},
                     {"session_id", "SESSION"},
                     {"flag", "FLAG", [](const Json& r) {
                        const Instrument& in = instrument_of(r);
                        if (!r.at("flagged").get<bool>()) {
                          return std::string();
                        }
                        const int item = in.safety_item ? in.safety_item->item : 0;
                        return item == 0 ? std::string("SAFETY")
                                         : "SAFETY: item " + std::to_string(item) + " = " +
                                               as_text(r.at("answers").at(static_cast<std::size_t>(item - 1)));
                      }}});
  return c;
}

// Always shown, -q or not, JSON or not: a flagged answer must reach whoever typed it in.
void safety_warning(const Measure& m, const std::string& name) {
  const bool color = use_color(stderr);
  std::cerr << red(bold("iop: warning: SAFETY: ", color), color) << *m.flag_reason << " by " << name << " (client "
            << m.client_id << ") on " << m.administered_on << " — follow the program's safety protocol today\n"
            << red("iop: warning: ", color)
            << "assess risk with the client now (or reach them today), document it in a progress note and tell "
               "the clinical lead; every flagged record: iop measure list --flagged\n";
}

struct MeasureOptions {
  std::int64_t client = 0;
  std::int64_t id = 0;
  std::string instrument;
  std::string answers;
  std::string date;
  std::int64_t session = 0;
  bool allow_duplicate = false;
  bool flagged = false;
  std::string since;
};

void run_record(Context& ctx, const MeasureOptions& o) {
  NewMeasure input;
  input.client_id = o.client;
  input.instrument = o.instrument;
  input.answers = o.answers;
  input.date = o.date;
  if (o.session > 0) {
    input.session_id = o.session;
  }
  input.allow_duplicate = o.allow_duplicate;
  const Measure m = record_measure(ctx.db(), ctx.actor(), input, ctx.today());
  NameCache names(ctx.db());
  // Before the record: nothing that happens to stdout (a closed pipe) may swallow it.
  if (m.flagged()) {
    safety_warning(m, names.client(m.client_id));
  }
  print_saved(ctx, measure_json(m, names), detail_fields(ctx));
}

void run_list(Context& ctx, const MeasureOptions& o) {
  MeasureFilter filter;
  if (o.client > 0) {
    filter.client_id = o.client;
  } else if (!o.flagged) {
    throw Invalid("give a CLIENT_ID", "or --flagged for the flagged records of every client");
  }
  if (!o.instrument.empty()) {
    filter.instrument = o.instrument;
  }
  filter.flagged_only = o.flagged;
  if (!o.since.empty()) {
    filter.since = parse_date_relative(o.since, ctx.today(), "--since");
  }
  const auto measures = list_measures(ctx.db(), filter);
  NameCache names(ctx.db());
  Json rows = Json::array();
  for (const auto& m : measures) {
    rows.push_back(measure_json(m, names));
  }
  std::string empty = o.flagged ? "no flagged measures" : "no measures";
  if (o.client > 0) {
    empty += " for " + names.client(o.client) + " (client " + std::to_string(o.client) + ")";
  }
  print_list(ctx, rows, list_columns(ctx, o.client == 0), empty);
}

void run_show(Context& ctx, const MeasureOptions& o) {
  NameCache names(ctx.db());
  print_record(ctx, measure_json(get_measure(ctx.db(), o.id), names), detail_fields(ctx));
}

} // namespace

void register_measure(CLI::App& app, Context& ctx) {
  CLI::App* noun = app.add_subcommand("measure", "outcome measures: SCS-SF, PHQ-9, GAD-7");
  noun->require_subcommand(1);
  auto o = std::make_shared<MeasureOptions>();

  CLI::App* record =
      add_verb(*noun, ctx, "record", "score and store a questionnaire", [&ctx, o] { run_record(ctx, *o); });
  add_id(*record, o->client, "CLIENT_ID", "client id");
  record->add_option("--instrument", o->instrument, "the questionnaire")->required()->type_name("scs-sf|phq-9|gad-7");
  record->add_option("--answers", o->answers, "one answer per item, item 1 first (SCS-SF 1–5, PHQ-9 and GAD-7 0–3)")
      ->required()
      ->type_name("A,B,C,...");
  record
      ->add_option("--date", o->date,
                   "when it was given (YYYY-MM-DD, today, yesterday; default the session's "
                   "date, else today)")
      ->type_name("DATE");
  record->add_option("--session", o->session, "the attended session it was given in")
      ->type_name("SESSION_ID")
      ->check(CLI::PositiveNumber);
  record->add_flag("--allow-duplicate", o->allow_duplicate, "record a second administration on the same day");
  record->footer("A PHQ-9 with item 9 above 0 is flagged and a SAFETY warning goes to stderr (also with -q).\n"
                 "Measures are never changed or deleted.\n"
                 "Example:\n  iop measure record 12 --instrument phq-9 --answers 1,2,1,1,0,1,2,0,0 --session 41");

  CLI::App* list =
      add_verb(*noun, ctx, "list", "a client's measures, or every flagged one", [&ctx, o] { run_list(ctx, *o); });
  list->add_option("CLIENT_ID", o->client, "client id (required unless --flagged)")->check(CLI::PositiveNumber);
  list->add_option("--instrument", o->instrument, "only this questionnaire")->type_name("scs-sf|phq-9|gad-7");
  list->add_flag("--flagged", o->flagged, "only safety-flagged records (of every client without CLIENT_ID)");
  list->add_option("--since", o->since,
                   "only those given on or after this day (YYYY-MM-DD, today, yesterday, \"7 days ago\")");
  list->footer("Sorted by date, then id.\nExample:\n  iop measure list 12 --instrument phq-9\n"
               "  iop measure list --flagged --since 2026-11-20 --format json");

  CLI::App* show =
      add_verb(*noun, ctx, "show", "one measure with its answers and scores", [&ctx, o] { run_show(ctx, *o); });
  add_id(*show, o->id, "MEASURE_ID", "measure id");
  show->footer("Example:\n  iop measure show 7");

  register_measure_trend(*noun, ctx);
}

} // namespace iop::app
