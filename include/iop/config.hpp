// The TOML configuration: practice, time zone, program rules, session lengths, fees, billing codes.
// Every value is optional; what needs a missing value asks for it with require_*().
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace iop {

// [billing.codes], [billing.per_diem], [billing.telehealth]: which code a service is billed under and
// its place of service. The defaults are DOMAIN.md's; a payer that wants otherwise is configured here.
// The per-diem threshold is not here: it is Config::daily_minutes_min ([program]), one setting for both
// the hours report and per-diem billing.
struct BillingConfig {
  // Session type -> procedure code, for the types whose code does not depend on minutes
  // (individual psychotherapy is always 90832/90834/90837 by minutes, so it is not a key).
  std::map<std::string, std::string> codes{
      {"addiction", "H0004"}, {"couples", "90847"}, {"couples_without_patient", "90846"},
      {"group", "90853"},     {"intake", "90791"},  {"medical", "90792"}};
  // Client track -> per-diem code. Dual defaults to H0015: an ASAM 2.1 program treats co-occurring
  // disorders inside its substance-use IOP, and the substance-use code is the one contracted for them;
  // a payer that contracts dual-track days as psychiatric IOP sets dual = "S9480".
  std::map<std::string, std::string> per_diem_codes{{"mh", "S9480"}, {"sud", "H0015"}, {"dual", "H0015"}};
  std::string place_of_service_home = "10";      // telehealth, client at home
  std::string place_of_service_elsewhere = "02"; // telehealth, client not at home
  std::string place_of_service_office = "11";    // in person
  bool client_at_home = true;                    // where a telehealth client is when the session does not say
};

struct Config {
  std::optional<std::filesystem::path> source; // the file it came from, if any

  // [practice], [x12]: text values by key, e.g. "practice.npi" -> "1234567893".
  std::map<std::string, std::string> text;
  // [program] weekly_hours_min, daily_minutes_min (also the per-diem threshold: billing_codes.hpp);
  // [notes] due_hours; [sessions] lengths by type.
  int weekly_hours_min = 9;
  int daily_minutes_min = 180;
  std::map<std::string, int> session_minutes{{"individual", 53}, {"addiction", 53}, {"couples", 50},
                                             {"group", 90},      {"medical", 30},   {"intake", 60}};
  std::string note_template = "soap";
  int note_due_hours = 72;
  std::map<std::string, std::int64_t> fees_cents; // [billing.fees], by procedure code
  BillingConfig billing;

  std::optional<std::string> get(const std::string& key) const;
  // The value of `key`, or iop::ConfigError (exit 6) naming the key and where to set it.
  const std::string& require(const std::string& key) const;
  // The fee of a procedure code in cents, or iop::ConfigError (exit 6) naming billing.fees."CODE".
  // There are no built-in fees: a charge of zero because the config was silent would go out unseen.
  std::int64_t fee_cents(const std::string& code) const;
};

// True for a procedure code's shape: a capital letter or a digit, then four digits (90834, H0004).
bool is_procedure_code(const std::string& code);

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
