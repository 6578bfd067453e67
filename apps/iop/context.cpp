#include "context.hpp"

#include "iop/errors.hpp"

#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace iop::app {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

std::filesystem::path xdg_dir(const char* variable, const char* fallback) {
  if (const std::string dir = env(variable); !dir.empty() && dir.front() == '/') {
    return dir;
  }
  std::string home = env("HOME");
  if (home.empty()) {
    if (const passwd* pw = ::getpwuid(::geteuid())) {
      home = pw->pw_dir;
    }
  }
  if (home.empty()) {
    throw ConfigError(std::string("cannot tell where to keep files: neither ") + variable + " nor HOME is set",
                      "set IOP_DB and IOP_CONFIG, or pass --db and --config");
  }
  return std::filesystem::path(home) / fallback;
}

int busy_timeout_ms() {
  // IOP_BUSY_TIMEOUT_MS lets tests exercise the busy path without waiting the full default.
  const std::string v = env("IOP_BUSY_TIMEOUT_MS");
  if (!v.empty()) {
    std::size_t used = 0;
    int ms = -1;
    try {
      ms = std::stoi(v, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != v.size() || ms < 0) {
      throw ConfigError("IOP_BUSY_TIMEOUT_MS='" + v + "' is not a number of milliseconds");
    }
    return ms;
  }
  return Database::k_default_busy_timeout_ms;
}

} // namespace

std::string Context::db_path() const {
  if (!options.db_path.empty()) {
    return options.db_path;
  }
  if (const std::string v = env("IOP_DB"); !v.empty()) {
    return v;
  }
  return (xdg_dir("XDG_DATA_HOME", ".local/share") / "iop" / "iop.db").string();
}

bool Context::config_path_is_explicit() const {
  return !options.config_path.empty() || !env("IOP_CONFIG").empty();
}

std::filesystem::path Context::config_path() const {
  if (!options.config_path.empty()) {
    return options.config_path;
  }
  if (const std::string v = env("IOP_CONFIG"); !v.empty()) {
    return v;
  }
  return xdg_dir("XDG_CONFIG_HOME", ".config") / "iop" / "config.toml";
}

Database& Context::db() {
  if (!m_db) {
    m_db = std::make_unique<Database>(db_path(), busy_timeout_ms());
  }
  return *m_db;
}

const Config& Context::config() {
  if (!m_config) {
    const auto path = config_path();
    std::error_code ec;
    if (!config_path_is_explicit() && !std::filesystem::exists(path, ec)) {
      m_config = Config{}; // no config file is fine until a value is needed
    } else if (!std::filesystem::exists(path, ec)) {
      throw ConfigError("config file " + path.string() + " does not exist",
                        "iop init --config-template > " + path.string() + " writes a starter file");
    } else {
      m_config = load_config_or_throw(path);
    }
  }
  return *m_config;
}

const Clock& Context::clock() {
  if (!m_clock) {
    // IOP_NOW fixes "now" (RFC 3339) for tests and reproducible demos.
    if (const std::string fixed = env("IOP_NOW"); !fixed.empty()) {
      const auto at = parse_utc(fixed);
      if (!at) {
        throw ConfigError("IOP_NOW='" + fixed + "' is not an RFC 3339 time such as 2026-12-01T09:00:00Z");
      }
      m_clock = std::make_unique<FixedClock>(*at);
    } else {
      m_clock = std::make_unique<SystemClock>();
    }
  }
  return *m_clock;
}

std::string Context::zone() {
  if (!options.tz.empty()) {
    require_time_zone(options.tz);
    return options.tz;
  }
  if (const auto z = config().get("practice.timezone")) {
    return *z;
  }
  if (std::string tz = env("TZ"); !tz.empty()) {
    if (tz.front() == ':') {
      tz.erase(0, 1);
    }
    if (is_time_zone(tz)) {
      return tz;
    }
  }
  return system_time_zone();
}

Date Context::today() {
  return local_date(clock().now(), zone());
}

Actor Context::actor() {
  std::string user = options.as_user;
  if (user.empty()) {
    user = env("IOP_USER");
  }
  if (user.empty()) {
    if (const passwd* pw = ::getpwuid(::geteuid())) {
      user = pw->pw_name;
    }
  }
  if (user.empty()) {
    user = "uid:" + std::to_string(::geteuid());
  }
  return Actor{user, command, clock().now()};
}

Format Context::format() const {
  if (options.format == "json") {
    return Format::json;
  }
  if (options.format == "csv") {
    return Format::csv;
  }
  return Format::table;
}

} // namespace iop::app
