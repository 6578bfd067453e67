// iop config: check the TOML file, show where config and database live.
#include "commands.hpp"
#include "iop/errors.hpp"
#include "output.hpp"

#include <filesystem>
#include <iostream>

namespace iop::app {

namespace {

void run_check(Context& ctx, const std::string& file) {
  const std::filesystem::path path = file.empty() ? ctx.config_path() : std::filesystem::path(file);
  std::error_code ec;
  if (file.empty() && !ctx.config_path_is_explicit() && !std::filesystem::exists(path, ec)) {
    notice(ctx, "no config file at " + path.string() + "; iop runs on built-in defaults");
    if (ctx.format() == Format::json) {
      std::cout << Json{{"file", path.string()}, {"exists", false}, {"ok", true}, {"diagnostics", Json::array()}}.dump(
                       2)
                << '\n';
    }
    return;
  }
  const ConfigLoad load = load_config(path);
  Json diagnostics = Json::array();
  std::size_t errors = 0;
  for (const auto& d : load.diagnostics) {
    errors += d.error ? 1 : 0;
    diagnostics.push_back({{"severity", d.error ? "error" : "warning"},
                           {"file", d.file},
                           {"line", d.line},
                           {"key", d.key},
                           {"message", d.message}});
  }
  if (ctx.format() == Format::json) {
    std::cout
        << Json{{"file", path.string()}, {"exists", true}, {"ok", errors == 0}, {"diagnostics", diagnostics}}.dump(2)
        << '\n';
  } else if (ctx.format() == Format::csv) {
    print_list(ctx, diagnostics,
               {{"severity", "severity"}, {"file", "file"}, {"line", "line"}, {"key", "key"}, {"message", "message"}});
  } else {
    for (const auto& d : load.diagnostics) {
      std::cout << d.to_string() << '\n';
    }
  }
  if (errors > 0) {
    throw ConfigError(path.string() + " has " + std::to_string(errors) + (errors == 1 ? " error" : " errors"),
                      "fix the lines named above; iop init --config-template shows every key");
  }
  notice(ctx, path.string() + " is valid" +
                  (load.diagnostics.empty() ? ""
                                            : " (" + std::to_string(load.diagnostics.size()) +
                                                  (load.diagnostics.size() == 1 ? " warning)" : " warnings)")));
}

void run_path(Context& ctx) {
  const std::string config = ctx.config_path().string();
  const std::string db = ctx.db_path();
  std::error_code ec;
  const Json record{{"config", config},
                    {"config_exists", std::filesystem::exists(config, ec)},
                    {"database", db},
                    {"database_exists", std::filesystem::exists(db, ec)}};
  print_record(ctx, record,
               {{"config", "config"},
                {"config_exists", "config exists"},
                {"database", "database"},
                {"database_exists", "database exists"}});
}

} // namespace

void register_config(CLI::App& app, Context& ctx) {
  CLI::App* config = app.add_subcommand("config", "check the configuration, show where files live");
  config->require_subcommand(1);

  auto file = std::make_shared<std::string>();
  CLI::App* check = add_verb(*config, ctx, "check", "validate config.toml and name the line of every problem",
                             [&ctx, file] { run_check(ctx, *file); });
  check->add_option("FILE", *file, "file to check (default: the config in use)");
  check->footer("Exit 0 when valid (warnings for unknown keys), 6 when any value is wrong.\n"
                "Example:\n  iop config check ~/.config/iop/config.toml");

  add_verb(*config, ctx, "path", "print where the config file and the database are", [&ctx] {
    run_path(ctx);
  })->footer("Example:\n  iop config path --format json");
}

} // namespace iop::app
