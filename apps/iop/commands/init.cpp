// iop init: create the database; --config-template prints a starter config.
#include "commands.hpp"
#include "output.hpp"

#include <filesystem>
#include <iostream>

namespace iop::app {

void register_init(CLI::App& app, Context& ctx) {
  auto template_only = std::make_shared<bool>(false);
  CLI::App* init = add_verb(app, ctx, "init", "create the database (safe to run again)", [&ctx, template_only] {
    if (*template_only) {
      std::cout << config_template();
      return;
    }
    const std::string path = ctx.db_path();
    std::error_code ec;
    const bool existed = std::filesystem::exists(path, ec);
    Database& db = ctx.db();
    Json result{{"database", path}, {"created", !existed}, {"schema_version", db.schema_version()}};
    if (ctx.format() == Format::table) {
      if (!ctx.quiet()) {
        std::cout << (existed ? "Database already set up at " : "Created database at ") << path << " (schema "
                  << db.schema_version() << ")\n";
      }
      return;
    }
    print_record(ctx, result, {{"database", "database"}, {"created", "created"}, {"schema_version", "schema version"}});
  });
  init->add_flag("--config-template", *template_only, "print a commented starter config.toml instead");
  init->footer("Example:\n  iop init && iop init --config-template > ~/.config/iop/config.toml");
}

} // namespace iop::app
