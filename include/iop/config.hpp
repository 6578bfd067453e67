// The TOML configuration: practice, time zone, program rules, session lengths, fees.
// Every value is optional; what needs a missing value asks for it with require_*().
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace iop {

struct Config {
  std::optional<std::filesystem::path> source; // the file it came from, if any

  // [practice], [x12]: text values by key, e.g. "practice.npi" -> "1234567893".
  std::map<std::string, std::string> text;
  // [program] weekly_hours_min, daily_minutes_min; [notes] due_hours; [sessions] lengths by type.
  int weekly_hours_min = 9;
  int daily_minutes_min = 180;
  std::map<std::string, int> session_minutes{{"individual", 53}, {"addiction", 53}, {"couples", 50},
                                             {"group", 90},      {"medical", 30},   {"intake", 60}};
  std::string note_template = "soap";
  int note_due_hours = 72;
  std::map<std::string, std::int64_t> fees_cents; // [billing.fees], by procedure code

  std::optional<std::string> get(const std::string& key) const;
  // The value of `key`, or iop::ConfigError (exit 6) naming the key and where to set it.
  const std::string& require(const std::string& key) const;
};

struct ConfigDiagnostic {
  bool error = true; // false: a warning (unknown key)
  std::string file;
  int line = 0;
  std::string key;
  std::string message;
  std::string to_string() const; // "FILE:LINE: error: key 'practice.npi': ..."
};

struct ConfigLoad {
  Config config;
  std::vector<ConfigDiagnostic> diagnostics;
  bool has_errors() const;
};

// Parses and validates the file. A file that does not exist gives an empty config and one error.
ConfigLoad load_config(const std::filesystem::path& path);
// The same from TOML text (tests, and stdin); `name` is used in diagnostics.
ConfigLoad parse_config(const std::string& toml_text, const std::string& name);
// Loads the file and throws iop::ConfigError with the first error, if any.
Config load_config_or_throw(const std::filesystem::path& path);

// A commented starter config.toml (iop init --config-template).
std::string config_template();

} // namespace iop
