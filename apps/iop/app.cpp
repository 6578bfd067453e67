#include "app.hpp"

#include "commands.hpp"
#include "context.hpp"
#include "error_report.hpp"

#include <CLI/CLI.hpp>
#include <sqlite3.h>

#include <iostream>

namespace iop::app {

namespace {

constexpr const char* k_footer =
    R"(Global options work before or after the command: --db --config --format --tz --as -q.

Exit codes:
  0  success (also: nothing to do)
  1  unexpected internal error
  2  usage: unknown command or option, missing or malformed argument
  3  not found: the id or name given does not exist
  4  conflict: the request breaks a rule (already paired, duplicate, ...)
  5  busy: the database stayed locked past the timeout; safe to retry
  6  configuration: missing or invalid config value

Environment: IOP_DB, IOP_CONFIG, IOP_USER, IOP_NOW, IOP_BUSY_TIMEOUT_MS, XDG_DATA_HOME, XDG_CONFIG_HOME, TZ, NO_COLOR, CLICOLOR_FORCE.
See man iop for examples.)";

std::string version_text() {
  return std::string("iop ") + IOP_VERSION + "\nschema " + std::to_string(Database::latest_schema_version()) +
         "\nSQLite " + sqlite3_libversion();
}

void add_global_options(CLI::App& app, GlobalOptions& o) {
  app.add_option("--db", o.db_path, "database file (default $XDG_DATA_HOME/iop/iop.db; env IOP_DB)")
      ->group("Global options");
  app.add_option("--config", o.config_path, "config file (default $XDG_CONFIG_HOME/iop/config.toml; env IOP_CONFIG)")
      ->group("Global options");
  app.add_option("--format", o.format, "output format")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->group("Global options");
  app.add_option("--tz", o.tz, "time zone for input and display (IANA name)")->group("Global options");
  app.add_option("--as", o.as_user, "who is acting, for the audit log (env IOP_USER, else the login)")
      ->group("Global options");
  app.add_flag("-q,--quiet", o.quiet, "print only ids; no notices")->group("Global options");
}

void print_usage(const CLI::App& app) {
  std::cout << "usage: iop [global options] <command> <verb> [options]\n\ncommands:\n";
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty()) { // hidden: __complete
      continue;
    }
    std::cout << "  " << sub->get_name() << std::string(12 - std::min<std::size_t>(11, sub->get_name().size()), ' ')
              << sub->get_description() << '\n';
  }
  std::cout << "\niop <command> --help shows a command's verbs; iop --help shows global options and exit codes.\n";
}

} // namespace

CLI::App* add_verb(CLI::App& noun, Context& ctx, const std::string& name, const std::string& description,
                   std::function<void()> run) {
  CLI::App* verb = noun.add_subcommand(name, description);
  const std::string command = noun.get_name() == "iop" ? name : noun.get_name() + " " + name;
  // A broken config file, or an explicit --config/IOP_CONFIG that does not exist, stops every
  // command with exit 6 (not only the ones that happen to read a value); `config` and `init` are
  // the ways out of that state, so they do not require it.
  const bool requires_config = noun.get_name() != "config" && command != "init";
  verb->callback([&ctx, command, requires_config, run = std::move(run)] {
    ctx.command = command;
    if (requires_config) {
      (void)ctx.config();
    }
    run();
  });
  return verb;
}

CLI::Option* add_id(CLI::App& verb, std::int64_t& id, const std::string& name, const std::string& what) {
  return verb.add_option(name, id, what)->required()->check(CLI::PositiveNumber);
}

int run(int argc, char** argv) {
  Context ctx;
  CLI::App app{"iop: the command-line toolkit of a virtual intensive outpatient program"};
  app.name("iop");
  app.fallthrough();
  app.require_subcommand(0, 1);
  app.footer(k_footer);
  app.set_version_flag("--version", version_text, "print the version of iop, its schema and SQLite");
  add_global_options(app, ctx.options);

  register_init(app, ctx);
  register_config(app, ctx);
  register_clinician(app, ctx);
  register_client(app, ctx);
  register_couple(app, ctx);
  register_group(app, ctx);
  register_session(app, ctx);
  register_agenda(app, ctx);
  register_note(app, ctx);
  register_measure(app, ctx);
  register_payer(app, ctx);
  register_coverage(app, ctx);
  register_auth(app, ctx);
  register_claim(app, ctx);
  register_report(app, ctx);
  register_audit(app, ctx);
  register_backup(app, ctx);
  register_completion(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e);
  } catch (...) {
    return report_error(std::current_exception());
  }
  if (app.get_subcommands().empty()) {
    print_usage(app);
  }
  return exit_code::ok;
}

} // namespace iop::app
