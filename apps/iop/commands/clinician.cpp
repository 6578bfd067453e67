// iop clinician add|list|show|update|deactivate
#include "commands.hpp"
#include "iop/clinicians.hpp"
#include "output.hpp"

namespace iop::app {

namespace {

Json to_json(const Clinician& c) {
  return Json{{"id", c.id},
              {"name", c.name},
              {"credential", c.credential},
              {"npi", c.npi ? Json(*c.npi) : Json()},
              {"roles", c.roles},
              {"timezone", c.timezone},
              {"email", c.email ? Json(*c.email) : Json()},
              {"active", c.active},
              {"created_at", c.created_at}};
}

const std::vector<Column>& detail_fields() {
  static const std::vector<Column> k_fields{{"id", "id"},       {"name", "name"},     {"credential", "credential"},
                                            {"npi", "NPI"},     {"roles", "roles"},   {"timezone", "time zone"},
                                            {"email", "email"}, {"active", "active"}, {"created_at", "created"}};
  return k_fields;
}

struct ClinicianOptions {
  std::int64_t id = 0;
  std::string name;
  std::string credential;
  std::string npi;
  std::vector<std::string> roles;
  std::string tz;
  std::string email;
  bool all = false;
  std::string role;
};

void add_detail_options(CLI::App* verb, ClinicianOptions& o) {
  verb->add_option("--npi", o.npi, "National Provider Identifier (10 digits, check digit verified)");
  verb->add_option("--role", o.roles, "roles: individual, couples, addiction, group, medical")
      ->delimiter(',')
      ->type_name("ROLE[,ROLE...]");
  verb->add_option("--tz", o.tz, "the clinician's time zone (IANA name)");
  verb->add_option("--email", o.email, "email address");
}

void run_add(Context& ctx, const ClinicianOptions& o) {
  NewClinician input;
  input.name = o.name;
  input.credential = o.credential;
  if (!o.npi.empty()) {
    input.npi = o.npi;
  }
  input.roles = o.roles;
  input.timezone = o.tz.empty() ? ctx.zone() : o.tz;
  if (!o.email.empty()) {
    input.email = o.email;
  }
  print_saved(ctx, to_json(add_clinician(ctx.db(), ctx.actor(), input)), detail_fields());
}

void run_update(Context& ctx, const ClinicianOptions& o, const CLI::App& verb) {
  ClinicianChanges changes;
  if (verb.count("--name") > 0) {
    changes.name = o.name;
  }
  if (verb.count("--credential") > 0) {
    changes.credential = o.credential;
  }
  if (verb.count("--npi") > 0) {
    changes.npi = o.npi;
  }
  if (verb.count("--role") > 0) {
    changes.roles = o.roles;
  }
  if (verb.count("--tz") > 0) {
    changes.timezone = o.tz;
  }
  if (verb.count("--email") > 0) {
    changes.email = o.email;
  }
  print_saved(ctx, to_json(update_clinician(ctx.db(), ctx.actor(), o.id, changes)), detail_fields());
}

void run_list(Context& ctx, const ClinicianOptions& o) {
  ClinicianFilter filter;
  filter.include_inactive = o.all;
  if (!o.role.empty()) {
    filter.role = o.role;
  }
  Json rows = Json::array();
  for (const auto& c : list_clinicians(ctx.db(), filter)) {
    rows.push_back(to_json(c));
  }
  print_list(ctx, rows,
             {{"id", "ID", nullptr, true},
              {"name", "NAME"},
              {"credential", "CREDENTIAL"},
              {"npi", "NPI"},
              {"roles", "ROLES"},
              {"timezone", "TIME ZONE"},
              {"active", "ACTIVE"}},
             o.all ? "no clinicians yet (iop clinician add)" : "no active clinicians (iop clinician list --all)");
}

} // namespace

void register_clinician(CLI::App& app, Context& ctx) {
  CLI::App* noun = app.add_subcommand("clinician", "the practice's clinicians");
  noun->require_subcommand(1);
  auto o = std::make_shared<ClinicianOptions>();

  CLI::App* add = add_verb(*noun, ctx, "add", "add a clinician", [&ctx, o] { run_add(ctx, *o); });
  add->add_option("--name", o->name, "full name")->required();
  add->add_option("--credential", o->credential, "licence or degree: LCSW, LMFT, LPC, LADC, MD, NP...")->required();
  add_detail_options(add, *o);
  add->footer("Example:\n  iop clinician add --name \"Dana Reyes\" --credential LMFT --npi 1234567893 "
              "--role individual,couples --tz America/Los_Angeles");

  CLI::App* list = add_verb(*noun, ctx, "list", "list clinicians", [&ctx, o] { run_list(ctx, *o); });
  list->add_flag("--all", o->all, "include deactivated clinicians");
  list->add_option("--role", o->role, "only clinicians with this role")
      ->check(CLI::IsMember({"individual", "couples", "addiction", "group", "medical"}));
  list->footer("Example:\n  iop clinician list --role couples --format json");

  CLI::App* show = add_verb(*noun, ctx, "show", "show one clinician",
                            [&ctx, o] { print_record(ctx, to_json(get_clinician(ctx.db(), o->id)), detail_fields()); });
  add_id(*show, o->id, "ID", "clinician id");
  show->footer("Example:\n  iop clinician show 1");

  CLI::App* update = add_verb(*noun, ctx, "update", "change a clinician's details (only the options given)",
                              [&ctx, o, noun] { run_update(ctx, *o, *noun->get_subcommand("update")); });
  add_id(*update, o->id, "ID", "clinician id");
  update->add_option("--name", o->name, "full name");
  update->add_option("--credential", o->credential, "licence or degree");
  add_detail_options(update, *o);
  update->footer("--role replaces the whole list; --npi \"\" or --email \"\" clears it.\n"
                 "Example:\n  iop clinician update 3 --role individual,couples,group");

  CLI::App* deactivate = add_verb(*noun, ctx, "deactivate", "mark a clinician inactive (records are kept)", [&ctx, o] {
    const bool changed = deactivate_clinician(ctx.db(), ctx.actor(), o->id);
    if (!changed) {
      notice(ctx, "clinician " + std::to_string(o->id) + " was already inactive");
    }
    print_saved(ctx, to_json(get_clinician(ctx.db(), o->id)), detail_fields());
  });
  add_id(*deactivate, o->id, "ID", "clinician id");
  deactivate->footer("Example:\n  iop clinician deactivate 3");

  register_clinician_import(*noun, ctx);
}

} // namespace iop::app
