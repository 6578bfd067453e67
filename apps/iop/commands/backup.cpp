// iop backup FILE and iop restore FILE: a consistent copy of the live database taken while
// others keep writing, and putting one back (checked first, never over records without --force).
#include "commands.hpp"
#include "output.hpp"

#include "iop/backup.hpp"

#include <cstdio>
#include <iostream>

namespace iop::app {

namespace {

std::string human_size(std::uintmax_t bytes) {
  if (bytes < 1024) {
    return std::to_string(bytes) + " bytes";
  }
  const char* units[] = {"KiB", "MiB", "GiB"};
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  for (; value >= 1024 && unit < 2; ++unit) {
    value /= 1024;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
  return text;
}

std::string counted(const DatabaseSummary& s) {
  return std::to_string(s.clients) + " clients, " + std::to_string(s.sessions) + " sessions, " +
         std::to_string(s.clinicians) + " clinicians";
}

void add_counts(Json& j, const DatabaseSummary& s) {
  j["clinicians"] = s.clinicians;
  j["clients"] = s.clients;
  j["sessions"] = s.sessions;
}

void print_other_formats(Context& ctx, const Json& result) {
  std::vector<Column> fields;
  for (const auto& [key, value] : result.items()) {
    fields.push_back({key, key});
  }
  print_record(ctx, result, fields);
}

void run_backup(Context& ctx, const std::string& file, bool force) {
  Database& db = ctx.db();
  const DatabaseSummary copy = backup_database(db, ctx.actor(), file, force);
  Json result{
      {"database", db.path()}, {"backup", copy.path}, {"size", copy.size}, {"schema_version", copy.schema_version}};
  add_counts(result, copy);
  if (ctx.format() != Format::table) {
    print_other_formats(ctx, result);
  } else if (!ctx.quiet()) {
    std::cout << "Backed up " << db.path() << " to " << copy.path << "\n  " << human_size(copy.size) << ", schema "
              << copy.schema_version << ", " << counted(copy) << "\n";
  }
}

void run_restore(Context& ctx, const std::string& file, bool force) {
  // The file is checked before the database is opened, so a bad file creates nothing.
  (void)check_backup_file(file);
  Database& db = ctx.db();
  const RestoreResult r = restore_database(db, ctx.actor(), file, force);
  Json result{{"database", r.restored.path},
              {"restored_from", file},
              {"size", r.restored.size},
              {"backup_schema_version", r.backup_schema_version},
              {"schema_version", r.restored.schema_version}};
  add_counts(result, r.restored);
  result["safety_copy"] = r.safety_copy ? Json(*r.safety_copy) : Json();
  if (ctx.format() != Format::table) {
    print_other_formats(ctx, result);
    return;
  }
  if (r.safety_copy) {
    // Said even with -q: it is where the replaced records now are.
    std::cerr << "iop: the replaced database was kept as " << *r.safety_copy << "\n";
  }
  if (!ctx.quiet()) {
    std::cout << "Restored " << file << " into " << r.restored.path << "\n  " << human_size(r.restored.size)
              << ", schema " << r.restored.schema_version;
    if (r.backup_schema_version != r.restored.schema_version) {
      std::cout << " (upgraded from " << r.backup_schema_version << ")";
    }
    std::cout << ", " << counted(r.restored) << "\n";
  }
}

} // namespace

void register_backup(CLI::App& app, Context& ctx) {
  auto file = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  CLI::App* backup = add_verb(app, ctx, "backup", "copy the database to FILE while others keep working",
                              [&ctx, file, force] { run_backup(ctx, *file, *force); });
  backup->add_option("FILE", *file, "the backup file to write (mode 0600)")->required();
  backup->add_flag("--force", *force, "replace FILE if it exists");
  backup->footer("Example:\n  iop backup ~/backups/iop-$(date +%F).db");

  auto source = std::make_shared<std::string>();
  auto replace = std::make_shared<bool>(false);
  CLI::App* restore = add_verb(app, ctx, "restore", "replace the database with a checked backup FILE",
                               [&ctx, source, replace] { run_restore(ctx, *source, *replace); });
  restore->add_option("FILE", *source, "a file written by iop backup")->required();
  restore->add_flag("--force", *replace, "replace a database that holds records (it is kept as a safety copy)");
  restore->footer("Example:\n  iop restore ~/backups/iop-2026-11-27.db --force");
}

} // namespace iop::app
