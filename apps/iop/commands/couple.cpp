// iop couple pair|unpair|update|list|show
#include "commands.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/couples.hpp"
#include "name_cache.hpp"
#include "output.hpp"

namespace iop::app {

namespace {

Json to_json(const Couple& c, NameCache& names) {
  Json partners = Json::array();
  for (const std::int64_t id : {c.client_a, c.client_b}) {
    partners.push_back(Json{{"client_id", id}, {"name", names.client(id)}});
  }
  const std::int64_t identified = c.identified_patient_id();
  return Json{{"id", c.id},
              {"partners", partners},
              {"identified_patient", Json{{"client_id", identified}, {"name", names.client(identified)}}},
              {"therapist_id", c.therapist_id ? Json(*c.therapist_id) : Json()},
              {"therapist", c.therapist_id ? Json(names.clinician(*c.therapist_id)) : Json()},
              {"since", c.since},
              {"until", c.until ? Json(*c.until) : Json()},
              {"end_reason", c.end_reason ? Json(*c.end_reason) : Json()},
              {"status", c.active() ? "active" : "ended"},
              {"created_at", c.created_at}};
}

// "Ana Reed & Ben Reed", or with ids: "Ana Reed (client 1) & Ben Reed (client 2)".
std::string partner_names(const Json& row, bool with_ids) {
  std::string out;
  for (const auto& p : row.at("partners")) {
    out += (out.empty() ? "" : " & ") + p.at("name").get<std::string>();
    if (with_ids) {
      out += " (client " + std::to_string(p.at("client_id").get<std::int64_t>()) + ")";
    }
  }
  return out;
}

std::string identified_text(const Json& row, bool with_id) {
  const Json& p = row.at("identified_patient");
  return p.at("name").get<std::string>() +
         (with_id ? " (client " + std::to_string(p.at("client_id").get<std::int64_t>()) + ")" : "");
}

std::string therapist_text(const Json& row) {
  if (row.at("therapist_id").is_null()) {
    return "";
  }
  return row.at("therapist").get<std::string>() + " (clinician " +
         std::to_string(row.at("therapist_id").get<std::int64_t>()) + ")";
}

const std::vector<Column>& detail_fields() {
  static const std::vector<Column> k_fields{
      {"id", "id"},
      {"partners", "partners", [](const Json& r) { return partner_names(r, true); }},
      {"identified_patient", "identified patient", [](const Json& r) { return identified_text(r, true); }},
      {"therapist", "therapist", therapist_text},
      {"since", "since"},
      {"until", "until"},
      {"end_reason", "end reason"},
      {"status", "status"},
      {"created_at", "created"}};
  return k_fields;
}

struct CoupleOptions {
  std::int64_t client_a = 0;
  std::int64_t client_b = 0;
  std::int64_t therapist = 0;
  std::string since;
  std::int64_t id = 0;
  std::string date;
  bool all = false;
  std::int64_t client = 0;
  std::int64_t identified_patient = 0;
};

void run_pair(Context& ctx, const CoupleOptions& o) {
  NewCouple input;
  input.client_a = o.client_a;
  input.client_b = o.client_b;
  if (o.therapist > 0) {
    input.therapist_id = o.therapist;
  }
  input.since = o.since;
  if (o.identified_patient > 0) {
    input.identified_patient = o.identified_patient;
  }
  const Couple c = pair_couple(ctx.db(), ctx.actor(), input, ctx.today());
  NameCache names(ctx.db());
  print_saved(ctx, to_json(c, names), detail_fields());
}

void run_unpair(Context& ctx, const CoupleOptions& o, const CLI::App& verb) {
  std::optional<std::string> date;
  if (verb.count("--date") > 0) {
    date = o.date;
  }
  const UnpairResult result = unpair_couple(ctx.db(), ctx.actor(), o.id, date, ctx.today());
  if (!result.cancelled_sessions.empty()) {
    notice(ctx, "cancelled " + std::to_string(result.cancelled_sessions.size()) +
                    " joint session(s) booked after the end date: " + id_list(result.cancelled_sessions));
  }
  NameCache names(ctx.db());
  Json record = to_json(result.couple, names);
  record["cancelled_sessions"] = result.cancelled_sessions;
  print_saved(ctx, record, detail_fields());
}

void run_update(Context& ctx, const CoupleOptions& o) {
  CoupleChanges changes;
  if (o.identified_patient > 0) {
    changes.identified_patient = o.identified_patient;
  }
  if (!update_couple(ctx.db(), ctx.actor(), o.id, changes)) {
    notice(ctx, "nothing changed: client " + std::to_string(o.identified_patient) +
                    " already is the identified patient of couple " + std::to_string(o.id));
  }
  NameCache names(ctx.db());
  print_saved(ctx, to_json(get_couple(ctx.db(), o.id), names), detail_fields());
}

void run_list(Context& ctx, const CoupleOptions& o) {
  CoupleFilter filter;
  filter.include_ended = o.all;
  if (o.client > 0) {
    get_client(ctx.db(), o.client); // an unknown client is "not found", not an empty list
    filter.client_id = o.client;
  }
  NameCache names(ctx.db());
  Json rows = Json::array();
  for (const auto& c : list_couples(ctx.db(), filter)) {
    rows.push_back(to_json(c, names));
  }
  print_list(ctx, rows,
             {{"id", "ID", nullptr, true},
              {"partners", "PARTNERS", [](const Json& r) { return partner_names(r, false); }},
              {"identified_patient", "IDENTIFIED PATIENT", [](const Json& r) { return identified_text(r, false); }},
              {"therapist", "THERAPIST"},
              {"since", "SINCE"},
              {"until", "UNTIL"},
              {"status", "STATUS"}},
             o.all ? "no couples yet (iop couple pair)" : "no active couples (iop couple list --all shows ended ones)");
}

void run_show(Context& ctx, const CoupleOptions& o) {
  NameCache names(ctx.db());
  print_record(ctx, to_json(get_couple(ctx.db(), o.id), names), detail_fields());
}

} // namespace

void register_couple(CLI::App& app, Context& ctx) {
  CLI::App* noun = app.add_subcommand("couple", "partners treated together");
  noun->require_subcommand(1);
  auto o = std::make_shared<CoupleOptions>();

  CLI::App* pair = add_verb(*noun, ctx, "pair", "pair two clients as a couple", [&ctx, o] { run_pair(ctx, *o); });
  add_id(*pair, o->client_a, "CLIENT_A", "client id of one partner");
  add_id(*pair, o->client_b, "CLIENT_B", "client id of the other partner");
  pair->add_option("--therapist", o->therapist, "the couples therapist (a clinician with the couples role)")
      ->type_name("CLINICIAN_ID")
      ->check(CLI::PositiveNumber);
  pair->add_option("--since", o->since, "first day of the pairing (YYYY-MM-DD, today, yesterday; default today)")
      ->type_name("DATE");
  pair->add_option("--identified-patient", o->identified_patient,
                   "the partner joint sessions are billed to (default CLIENT_A)")
      ->type_name("CLIENT_ID")
      ->check(CLI::PositiveNumber);
  pair->footer("Refused (exit 4) for a client already in an active couple, a discharged client, a therapist\n"
               "without the couples role or inactive, a date before either partner's admission, or an\n"
               "identified patient who is not one of the two.\n"
               "Example:\n  iop couple pair 12 13 --therapist 1 --since 2026-11-02 --identified-patient 13");

  CLI::App* unpair = add_verb(*noun, ctx, "unpair", "end a pairing (its history is kept)",
                              [&ctx, o, noun] { run_unpair(ctx, *o, *noun->get_subcommand("unpair")); });
  add_id(*unpair, o->id, "COUPLE_ID", "couple id");
  unpair->add_option("--date", o->date, "last day of the pairing (YYYY-MM-DD, today, yesterday; default today)")
      ->type_name("DATE");
  unpair->footer("Either partner may be paired again afterwards.\n"
                 "Example:\n  iop couple unpair 3 --date yesterday");

  CLI::App* update = add_verb(*noun, ctx, "update", "change an active couple (only the options given)",
                              [&ctx, o] { run_update(ctx, *o); });
  add_id(*update, o->id, "COUPLE_ID", "couple id");
  update
      ->add_option("--identified-patient", o->identified_patient,
                   "the partner joint sessions are billed to (one of the two)")
      ->type_name("CLIENT_ID")
      ->check(CLI::PositiveNumber);
  update->footer("Sessions already billed keep the partner they were billed to.\n"
                 "Example:\n  iop couple update 3 --identified-patient 13");

  CLI::App* list =
      add_verb(*noun, ctx, "list", "list couples (active ones unless --all)", [&ctx, o] { run_list(ctx, *o); });
  list->add_flag("--all", o->all, "include ended pairings");
  list->add_option("--client", o->client, "only couples this client is (or was) part of")
      ->type_name("CLIENT_ID")
      ->check(CLI::PositiveNumber);
  list->footer("Example:\n  iop couple list --all --client 12 --format json");

  CLI::App* show = add_verb(*noun, ctx, "show", "show one couple", [&ctx, o] { run_show(ctx, *o); });
  add_id(*show, o->id, "COUPLE_ID", "couple id");
  show->footer("Example:\n  iop couple show 3");
}

} // namespace iop::app
