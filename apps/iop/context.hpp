// What every command needs, handed to it explicitly (no singletons): global options, the
// database and config (opened lazily, so `iop --help` touches neither), the clock and output.
#pragma once

#include "iop/audit.hpp"
#include "iop/clock.hpp"
#include "iop/config.hpp"
#include "iop/database.hpp"
#include "iop/dates.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace iop::app {

enum class Format { table, json, csv };

struct GlobalOptions {
  std::string db_path;
  std::string config_path;
  std::string format = "table";
  std::string tz;
  std::string as_user;
  bool quiet = false;
};

class Context {
public:
  GlobalOptions options;
  std::string command; // "client enroll": set before the verb runs, used by the audit log

  Database& db();
  const Config& config();
  // The database file: --db, IOP_DB, else $XDG_DATA_HOME/iop/iop.db.
  std::string db_path() const;
  // The config file: --config, IOP_CONFIG, else $XDG_CONFIG_HOME/iop/config.toml.
  std::filesystem::path config_path() const;
  bool config_path_is_explicit() const;

  const Clock& clock();
  // The viewer's zone: --tz, then practice.timezone, then TZ, then the system zone.
  std::string zone();
  Date today();
  Actor actor();
  Format format() const;
  bool quiet() const { return options.quiet; }

private:
  std::unique_ptr<Database> m_db;
  std::optional<Config> m_config;
  std::unique_ptr<Clock> m_clock;
};

} // namespace iop::app
