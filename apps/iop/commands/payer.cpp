// iop payer add|list|show|update|deactivate
#include "commands.hpp"
#include "iop/errors.hpp"
#include "iop/payers.hpp"
#include "output.hpp"

namespace iop::app {

namespace {

Json to_json(const Payer& p) {
  return Json{{"id", p.id},
              {"name", p.name},
              {"payer_id", p.payer_id},
              {"plan", p.plan},
              {"filing_code", p.filing_code},
              {"billing", p.billing},
              {"telehealth_modifier", p.telehealth_modifier},
              {"audio_modifier", p.audio_modifier},
              {"requires_auth", p.requires_auth},
              {"active", p.active},
              {"created_at", p.created_at}};
}

const std::vector<Column>& detail_fields() {
  static const std::vector<Column> k_fields{{"id", "id"},
                                            {"name", "name"},
                                            {"payer_id", "payer id"},
                                            {"plan", "plan"},
                                            {"filing_code", "filing code (SBR09)"},
                                            {"billing", "billing"},
                                            {"telehealth_modifier", "video modifier"},
                                            {"audio_modifier", "phone modifier"},
                                            {"requires_auth", "requires auth"},
                                            {"active", "active"},
                                            {"created_at", "created"}};
  return k_fields;
}

struct PayerOptions {
  std::int64_t id = 0;
  std::string name, payer_id, plan, filing_code, billing, telehealth, audio, active;
  bool requires_auth = false;
  bool no_requires_auth = false;
  bool all = false;
};

// Options shared by add and update; on update only those given change.
void add_detail_options(CLI::App* verb, PayerOptions& o) {
  verb->add_option("--plan", o.plan, "ppo, hmo, epo, pos, indemnity, medicaid, medicare or other (add: ppo)");
  verb->add_option("--filing-code", o.filing_code,
                   "claim filing indicator, SBR09 (default from the plan; e.g. BL for Blue plans)")
      ->type_name("CODE");
  verb->add_option("--billing", o.billing, "per-service or per-diem (add: per-service)");
  verb->add_option("--telehealth-modifier", o.telehealth, "modifier for video sessions: 95, GT or none (add: 95)")
      ->type_name("MOD");
  verb->add_option("--audio-modifier", o.audio, "modifier for phone sessions: 93, FQ or none (add: 93)")
      ->type_name("MOD");
  verb->add_flag("--requires-auth", o.requires_auth, "sessions need a prior authorization");
}

template <typename T> void set_if(const CLI::App& verb, const char* option, std::optional<T>& field, const T& value) {
  if (verb.count(option) > 0) {
    field = value;
  }
}

void run_add(Context& ctx, const PayerOptions& o, const CLI::App& verb) {
  NewPayer input;
  input.name = o.name;
  input.payer_id = o.payer_id;
  input.plan = verb.count("--plan") > 0 ? o.plan : input.plan;
  set_if(verb, "--filing-code", input.filing_code, o.filing_code);
  input.billing = verb.count("--billing") > 0 ? o.billing : input.billing;
  input.telehealth_modifier = verb.count("--telehealth-modifier") > 0 ? o.telehealth : input.telehealth_modifier;
  input.audio_modifier = verb.count("--audio-modifier") > 0 ? o.audio : input.audio_modifier;
  input.requires_auth = o.requires_auth;
  print_saved(ctx, to_json(add_payer(ctx.db(), ctx.actor(), input)), detail_fields());
}

bool yes_no(const std::string& value, const char* option) {
  if (value == "yes") {
    return true;
  }
  if (value == "no") {
    return false;
  }
  throw Invalid(std::string(option) + " must be yes or no, not '" + value + "'");
}

void run_update(Context& ctx, const PayerOptions& o, const CLI::App& verb) {
  PayerChanges changes;
  set_if(verb, "--name", changes.name, o.name);
  set_if(verb, "--payer-id", changes.payer_id, o.payer_id);
  set_if(verb, "--plan", changes.plan, o.plan);
  set_if(verb, "--filing-code", changes.filing_code, o.filing_code);
  set_if(verb, "--billing", changes.billing, o.billing);
  set_if(verb, "--telehealth-modifier", changes.telehealth_modifier, o.telehealth);
  set_if(verb, "--audio-modifier", changes.audio_modifier, o.audio);
  if (o.requires_auth || o.no_requires_auth) {
    changes.requires_auth = o.requires_auth;
  }
  if (verb.count("--active") > 0) {
    changes.active = yes_no(o.active, "--active");
  }
  print_saved(ctx, to_json(update_payer(ctx.db(), ctx.actor(), o.id, changes)), detail_fields());
}

void run_list(Context& ctx, const PayerOptions& o) {
  PayerFilter filter;
  filter.include_inactive = o.all;
  Json rows = Json::array();
  for (const auto& p : list_payers(ctx.db(), filter)) {
    rows.push_back(to_json(p));
  }
  std::vector<Column> columns{{"id", "ID", nullptr, true},      {"name", "NAME"},
                              {"payer_id", "PAYER ID"},         {"plan", "PLAN"},
                              {"filing_code", "SBR09"},         {"billing", "BILLING"},
                              {"telehealth_modifier", "VIDEO"}, {"audio_modifier", "PHONE"},
                              {"requires_auth", "AUTH"},        {"active", "ACTIVE"}};
  if (ctx.format() == Format::csv) {
    columns = detail_fields();
  }
  print_list(ctx, rows, columns, o.all ? "no payers yet (iop payer add)" : "no active payers (iop payer list --all)");
}

} // namespace

void register_payer(CLI::App& app, Context& ctx) {
  CLI::App* noun = app.add_subcommand("payer", "insurance payers and what their claims need");
  noun->require_subcommand(1);
  auto o = std::make_shared<PayerOptions>();

  CLI::App* add =
      add_verb(*noun, ctx, "add", "add a payer", [&ctx, o, noun] { run_add(ctx, *o, *noun->get_subcommand("add")); });
  add->add_option("--name", o->name, "the payer's name, unique (no * : ^ ~)")->required();
  add->add_option("--payer-id", o->payer_id, "the clearinghouse's payer id (no * : ^ ~)")->required()->type_name("ID");
  add_detail_options(add, *o);
  add->footer("The filing code defaults from the plan: ppo 12, pos 13, epo 14, indemnity 15, hmo HM,\n"
              "medicare MB, medicaid MC, other CI.\n"
              "Example:\n  iop payer add --name \"Blue Shield PPO\" --payer-id 94036 --plan ppo --filing-code BL");

  CLI::App* list =
      add_verb(*noun, ctx, "list", "list payers (active ones unless --all)", [&ctx, o] { run_list(ctx, *o); });
  list->add_flag("--all", o->all, "include inactive payers");
  list->footer("Example:\n  iop payer list --all --format json");

  CLI::App* show = add_verb(*noun, ctx, "show", "show one payer",
                            [&ctx, o] { print_record(ctx, to_json(get_payer(ctx.db(), o->id)), detail_fields()); });
  add_id(*show, o->id, "ID", "payer id (iop's, not the clearinghouse's)");
  show->footer("Example:\n  iop payer show 2");

  CLI::App* update = add_verb(*noun, ctx, "update", "change a payer (only the options given)",
                              [&ctx, o, noun] { run_update(ctx, *o, *noun->get_subcommand("update")); });
  add_id(*update, o->id, "ID", "payer id");
  update->add_option("--name", o->name, "the payer's name");
  update->add_option("--payer-id", o->payer_id, "the clearinghouse's payer id")->type_name("ID");
  add_detail_options(update, *o);
  update->add_flag("--no-requires-auth", o->no_requires_auth, "sessions no longer need a prior authorization")
      ->excludes("--requires-auth");
  update->add_option("--active", o->active, "yes to reactivate, no to deactivate")->type_name("yes|no");
  update->footer("A new --plan without --filing-code moves the filing code to the new plan's default,\n"
                 "unless it had been set by hand (BL stays BL).\n"
                 "Example:\n  iop payer update 2 --telehealth-modifier GT --requires-auth");

  CLI::App* deactivate =
      add_verb(*noun, ctx, "deactivate", "mark a payer inactive (no new coverage or authorization)", [&ctx, o] {
        if (!deactivate_payer(ctx.db(), ctx.actor(), o->id)) {
          notice(ctx, "payer " + std::to_string(o->id) + " was already inactive");
        }
        print_saved(ctx, to_json(get_payer(ctx.db(), o->id)), detail_fields());
      });
  add_id(*deactivate, o->id, "ID", "payer id");
  deactivate->footer("Existing coverage stays; iop payer update ID --active yes reactivates it.\n"
                     "Example:\n  iop payer deactivate 2");
}

} // namespace iop::app
