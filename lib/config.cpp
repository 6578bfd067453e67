#include "iop/config.hpp"

#include "iop/dates.hpp"
#include "iop/errors.hpp"
#include "iop/identifiers.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <sstream>

namespace iop {

std::optional<std::string> Config::get(const std::string& key) const {
  if (const auto it = text.find(key); it != text.end()) {
    return it->second;
  }
  return std::nullopt;
}

const std::string& Config::require(const std::string& key) const {
  if (const auto it = text.find(key); it != text.end()) {
    return it->second;
  }
  const auto dot = key.find('.');
  const std::string where = source ? source->string() : std::string("config.toml (iop config path shows where)");
  throw ConfigError("missing config value " + key,
                    "set " + key.substr(dot + 1) + " = \"...\" under [" + key.substr(0, dot) + "] in " + where);
}

std::int64_t Config::fee_cents(const std::string& code) const {
  if (const auto it = fees_cents.find(code); it != fees_cents.end()) {
    return it->second;
  }
  const std::string where = source ? source->string() : std::string("config.toml (iop config path shows where)");
  throw ConfigError("missing config value billing.fees.\"" + code + "\" (the fee of " + code + ")",
                    "set \"" + code + "\" = 15000 (the charge in cents) under [billing.fees] in " + where);
}

bool is_procedure_code(const std::string& code) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return code.size() == 5 && (digit(code[0]) || (code[0] >= 'A' && code[0] <= 'Z')) &&
         std::all_of(code.begin() + 1, code.end(), digit);
}

std::string ConfigDiagnostic::to_string() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
  }
  out += error ? ": error: " : ": warning: ";
  if (!key.empty()) {
    out += key + ": ";
  }
  return out + message;
}

bool ConfigLoad::has_errors() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const auto& d) { return d.error; });
}

namespace {

bool all_digits(const std::string& s, std::size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// A text check returns an empty string when the value is fine, else what is wrong.
using TextCheck = std::function<std::string(const std::string&)>;

std::string any_text(const std::string& v) {
  return v.empty() ? "must not be empty" : "";
}

std::string procedure_code(const std::string& v) {
  return is_procedure_code(v) ? "" : "is not a procedure code (a capital letter or digit, then 4 digits: 90847, H0015)";
}

std::string place_of_service(const std::string& v) {
  return all_digits(v, 2) ? "" : "is not a place-of-service code (2 digits: 02, 10, 11)";
}

const std::map<std::string, TextCheck>& text_keys() {
  static const std::map<std::string, TextCheck> k_keys{
      {"practice.name", any_text},
      {"practice.npi",
       [](const std::string& v) { return is_valid_npi(v) ? "" : "not a valid NPI (10 digits, Luhn check digit)"; }},
      {"practice.tax_id", [](const std::string& v) { return all_digits(v, 9) ? "" : "must be the 9-digit EIN"; }},
      {"practice.taxonomy",
       [](const std::string& v) {
         return v.size() == 10 && std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isalnum(c); })
                    ? ""
                    : "must be a 10-character taxonomy code such as 261QM0801X";
       }},
      {"practice.address", any_text},
      {"practice.city", any_text},
      {"practice.state",
       [](const std::string& v) {
         return v.size() == 2 && std::isupper(static_cast<unsigned char>(v[0])) &&
                        std::isupper(static_cast<unsigned char>(v[1]))
                    ? ""
                    : "must be a two-letter state code such as OR";
       }},
      {"practice.zip",
       [](const std::string& v) { return all_digits(v, 5) || all_digits(v, 9) ? "" : "must be 5 or 9 digits"; }},
      {"practice.phone", [](const std::string& v) { return all_digits(v, 10) ? "" : "must be 10 digits"; }},
      {"practice.timezone",
       [](const std::string& v) { return is_time_zone(v) ? "" : "unknown time zone (use an IANA name)"; }},
      {"x12.submitter_id", any_text},
      {"x12.submitter_name", any_text},
      {"x12.receiver_id", any_text},
      {"x12.receiver_name", any_text},
      {"x12.usage", [](const std::string& v) { return v == "T" || v == "P" ? "" : "must be \"T\" (test) or \"P\""; }},
      {"notes.template",
       [](const std::string& v) {
         return v == "soap" || v == "dap" || v == "birp" ? "" : "must be soap, dap or birp";
       }},
      {"billing.codes.addiction", procedure_code},
      {"billing.codes.couples", procedure_code},
      {"billing.codes.couples_without_patient", procedure_code},
      {"billing.codes.group", procedure_code},
      {"billing.codes.intake", procedure_code},
      {"billing.codes.medical", procedure_code},
      {"billing.per_diem.mh", procedure_code},
      {"billing.per_diem.sud", procedure_code},
      {"billing.per_diem.dual", procedure_code},
      {"billing.telehealth.place_of_service_home", place_of_service},
      {"billing.telehealth.place_of_service_elsewhere", place_of_service},
      {"billing.telehealth.place_of_service_office", place_of_service},
  };
  return k_keys;
}

// $100,000.00: far above any fee for one service, low enough that fee x units never overflows.
constexpr std::int64_t k_max_fee_cents = 10'000'000;

struct IntKey {
  std::int64_t min;
  std::int64_t max;
};

const std::map<std::string, IntKey>& int_keys() {
  static const std::map<std::string, IntKey> k_keys{
      {"program.weekly_hours_min", {1, 40}}, {"program.daily_minutes_min", {1, 1440}},
      {"notes.due_hours", {1, 24 * 30}},     {"sessions.individual", {5, 480}},
      {"sessions.addiction", {5, 480}},      {"sessions.couples", {5, 480}},
      {"sessions.group", {5, 480}},          {"sessions.medical", {5, 480}},
      {"sessions.intake", {5, 480}},
  };
  return k_keys;
}

class Loader {
public:
  explicit Loader(std::string name) : m_name(std::move(name)) {}

  ConfigLoad run(const toml::table& root) {
    walk(root, "");
    // toml++ walks a table in key order; people read the diagnostics against the file, in line order.
    std::stable_sort(m_out.diagnostics.begin(), m_out.diagnostics.end(),
                     [](const ConfigDiagnostic& a, const ConfigDiagnostic& b) { return a.line < b.line; });
    return std::move(m_out);
  }

  void fail(int line, const std::string& key, const std::string& message, bool error = true) {
    m_out.diagnostics.push_back({error, m_name, line, key, message});
  }
  ConfigLoad take() { return std::move(m_out); }

private:
  void walk(const toml::table& table, const std::string& prefix) {
    for (auto&& [k, node] : table) {
      const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
      const int line = static_cast<int>(node.source().begin.line);
      if (key == "billing.fees") {
        fees(node, line);
      } else if (const auto* sub = node.as_table()) {
        if (is_section(key)) {
          walk(*sub, key);
        } else {
          fail(line, key, "unknown table (ignored)", false);
        }
      } else if (is_section(key)) {
        fail(line, key, std::string("must be a table, not ") + type_name(node));
      } else if (prefix.empty()) {
        fail(line, key, "unknown key outside any table (ignored)", false);
      } else {
        value(key, node, line);
      }
    }
  }

  static bool is_section(const std::string& key) {
    return key == "practice" || key == "x12" || key == "program" || key == "sessions" || key == "notes" ||
           key == "billing" || key == "billing.codes" || key == "billing.per_diem" || key == "billing.telehealth";
  }

  void value(const std::string& key, const toml::node& node, int line) {
    if (key == "billing.per_diem.daily_minutes_min") {
      // An error, not the usual warning: ignored silently, it would bill days against another threshold.
      fail(line, key, "is not a key: the per-diem threshold is daily_minutes_min under [program]");
      return;
    }
    if (key == "billing.codes.individual") {
      fail(line, key, "is not a key (ignored): individual psychotherapy is 90832, 90834 or 90837 by minutes", false);
      return;
    }
    if (key == "billing.telehealth.client_at_home") {
      if (const auto* b = node.as_boolean()) {
        m_out.config.billing.client_at_home = b->get();
      } else {
        fail(line, key, std::string("must be true or false, not ") + type_name(node));
      }
      return;
    }
    if (const auto t = text_keys().find(key); t != text_keys().end()) {
      const auto* s = node.as_string();
      if (!s) {
        fail(line, key, std::string("must be a string, not ") + type_name(node));
        return;
      }
      const std::string v = s->get();
      if (const std::string problem = t->second(v); !problem.empty()) {
        fail(line, key, "'" + v + "' " + problem);
        return;
      }
      if (key.rfind("billing.", 0) == 0) {
        store_billing(key, v);
        return;
      }
      if (key == "notes.template") {
        m_out.config.note_template = v;
      }
      m_out.config.text[key] = v;
      return;
    }
    if (const auto i = int_keys().find(key); i != int_keys().end()) {
      const auto* n = node.as_integer();
      if (!n) {
        fail(line, key, std::string("must be a whole number, not ") + type_name(node));
        return;
      }
      const std::int64_t v = n->get();
      if (v < i->second.min || v > i->second.max) {
        fail(line, key,
             std::to_string(v) + " is out of range (" + std::to_string(i->second.min) + " to " +
                 std::to_string(i->second.max) + ")");
        return;
      }
      store_int(key, static_cast<int>(v));
      return;
    }
    fail(line, key, "unknown key (ignored)", false);
  }

  void store_int(const std::string& key, int v) {
    Config& c = m_out.config;
    if (key == "program.weekly_hours_min") {
      c.weekly_hours_min = v;
    } else if (key == "program.daily_minutes_min") {
      c.daily_minutes_min = v;
    } else if (key == "notes.due_hours") {
      c.note_due_hours = v;
    } else if (key.rfind("sessions.", 0) == 0) {
      c.session_minutes[key.substr(9)] = v;
    }
  }

  void store_billing(const std::string& key, const std::string& v) {
    BillingConfig& b = m_out.config.billing;
    if (key.rfind("billing.codes.", 0) == 0) {
      b.codes[key.substr(14)] = v;
    } else if (key.rfind("billing.per_diem.", 0) == 0) {
      b.per_diem_codes[key.substr(17)] = v;
    } else if (key == "billing.telehealth.place_of_service_home") {
      b.place_of_service_home = v;
    } else if (key == "billing.telehealth.place_of_service_elsewhere") {
      b.place_of_service_elsewhere = v;
    } else if (key == "billing.telehealth.place_of_service_office") {
      b.place_of_service_office = v;
    }
  }

  void fees(const toml::node& node, int line) {
    const auto* table = node.as_table();
    if (!table) {
      fail(line, "billing.fees", "must be a table of procedure code = cents");
      return;
    }
    for (auto&& [k, v] : *table) {
      const std::string code(k.str());
      const std::string key = "billing.fees.\"" + code + "\"";
      const int at = static_cast<int>(v.source().begin.line);
      if (!is_procedure_code(code)) {
        fail(at, key,
             "'" + code + "' is not a procedure code (a capital letter or digit, then 4 digits: 90834, H0004)");
        continue;
      }
      const auto* n = v.as_integer();
      if (!n) {
        fail(at, key, std::string("must be a whole number of cents (15000 for $150.00), not ") + type_name(v));
        continue;
      }
      if (n->get() < 0 || n->get() > k_max_fee_cents) {
        fail(at, key,
             std::to_string(n->get()) + " cents is out of range (0 to " + std::to_string(k_max_fee_cents) +
                 ", i.e. $100,000.00)");
        continue;
      }
      m_out.config.fees_cents[code] = n->get();
    }
  }

  static const char* type_name(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "a whole number";
    case toml::node_type::floating_point: return "a decimal number";
    case toml::node_type::boolean: return "true/false";
    case toml::node_type::array: return "a list";
    case toml::node_type::table: return "a table";
    default: return "a date or time";
    }
  }

  std::string m_name;
  ConfigLoad m_out;
};

} // namespace

ConfigLoad parse_config(const std::string& toml_text, const std::string& name) {
  Loader loader(name);
  toml::table root;
  try {
    root = toml::parse(toml_text, name);
  } catch (const toml::parse_error& e) {
    loader.fail(static_cast<int>(e.source().begin.line), "", std::string(e.description()));
    return loader.take();
  }
  return loader.run(root);
}

ConfigLoad load_config(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    // An ifstream opens a folder without complaint and reads nothing: that is not an empty config.
    ConfigLoad out;
    out.diagnostics.push_back({true, path.string(), 0, "", "is a folder, not a config file"});
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ConfigLoad out;
    out.diagnostics.push_back({true, path.string(), 0, "", "cannot read the file (does it exist?)"});
    return out;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  ConfigLoad out = parse_config(buffer.str(), path.string());
  out.config.source = path;
  return out;
}

Config load_config_or_throw(const std::filesystem::path& path) {
  ConfigLoad load = load_config(path);
  for (const auto& d : load.diagnostics) {
    if (d.error) {
      throw ConfigError("invalid config: " + d.to_string(), "iop config check lists every problem in the file");
    }
  }
  return std::move(load.config);
}

} // namespace iop
