// The one table of what an option's or a positional's value can be, for every shell. An entry
// with a noun (and verb) wins over a general one: --status means different things per noun.
#include "completion_model.hpp"

#include <array>

namespace iop::app::completion {

namespace {

Values words(std::vector<std::string> w) {
  return Values{ValueKind::words, std::move(w), ""};
}
Values commas(std::vector<std::string> w) {
  return Values{ValueKind::comma_words, std::move(w), ""};
}
Values of(ValueKind kind) {
  return Values{kind, {}, ""};
}
Values ids(std::string kind) {
  return Values{ValueKind::ids, {}, std::move(kind)};
}

struct Entry {
  const char* noun; // "" for any
  const char* verb; // "" for any
  const char* name; // long option name without dashes, or a positional's name
  Values values;
};

const std::vector<std::string> k_days_past{"today", "yesterday"};
const std::vector<std::string> k_days{"today", "tomorrow", "yesterday"};
const std::vector<std::string> k_roles{"individual", "couples", "addiction", "group", "medical"};
const std::vector<std::string> k_sexes{"F", "M", "X", "U"};

const std::vector<Entry>& option_table() {
  static const std::vector<Entry> k_table{
      {"", "", "db", of(ValueKind::file)},
      {"", "", "config", of(ValueKind::file)},
      {"", "", "format", words({"table", "json", "csv"})},
      {"claim", "superbill", "format", words({"text", "html", "json"})},
      {"", "", "tz", of(ValueKind::zone)},
      {"", "", "as", of(ValueKind::user)},
      {"", "", "track", words({"mh", "sud", "dual"})},
      {"", "", "sex", words(k_sexes)},
      {"", "", "subscriber-sex", words(k_sexes)},
      {"", "", "credential", words({"LCSW", "LMFT", "LPC", "LADC", "MD", "NP"})},
      {"", "", "role", words(k_roles)},
      {"clinician", "add", "role", commas(k_roles)},
      {"clinician", "update", "role", commas(k_roles)},
      {"", "", "plan", words({"ppo", "hmo", "epo", "pos", "indemnity", "medicaid", "medicare", "other"})},
      {"", "", "filing-code", words({"12", "13", "14", "15", "HM", "BL", "CI", "MB", "MC", "11", "16", "17",
                                     "AM", "CH", "DS", "FI", "LM", "MA", "OF", "TV", "VA", "WC", "ZZ"})},
      {"", "", "billing", words({"per-service", "per-diem"})},
      {"", "", "telehealth-modifier", words({"95", "GT", "none"})},
      {"", "", "audio-modifier", words({"93", "FQ", "none"})},
      {"", "", "active", words({"yes", "no"})},
      {"", "", "priority", words({"primary", "secondary", "tertiary"})},
      {"", "", "subscriber", words({"self"})}, // or client:ID, typed by hand
      {"", "", "relationship", words({"spouse", "partner", "parent", "other"})},
      {"", "", "status", words({"active", "discharged", "all"})},
      {"session", "", "status", words({"scheduled", "attended", "no-show", "cancelled", "late-cancel"})},
      {"claim", "", "status", words({"draft", "exported", "void"})},
      {"client", "discharge", "reason",
       words({"completed", "transferred", "withdrew", "ama", "administrative", "other"})},
      {"claim", "summary", "by", words({"client", "payer", "clinician", "code", "week"})},
      {"note", "", "by", ids("clinicians")},
      {"audit", "", "kind",
       words({"client", "clinician", "couple", "group", "session", "note", "measure", "payer", "coverage",
              "authorization", "claim", "claim_batch"})},
      {"", "", "template", words({"soap", "dap", "birp"})},
      {"", "", "instrument", words({"scs-sf", "phq-9", "gad-7"})},
      {"", "", "type", words({"individual", "addiction", "couples", "group", "medical", "intake"})},
      {"", "", "modality", words({"video", "phone", "in-person"})},
      {"", "", "date", words(k_days_past)},
      {"", "", "admit", words(k_days_past)},
      {"", "", "since", words(k_days_past)},
      {"", "", "until", words(k_days_past)},
      {"", "", "week", words(k_days_past)},
      {"", "", "from", words(k_days)},
      {"", "", "to", words(k_days)},
      {"", "", "weekly", commas({"mon", "tue", "wed", "thu", "fri", "sat", "sun"})},
      {"", "", "out", of(ValueKind::file)},
      {"", "", "out-dir", of(ValueKind::directory)},
      {"", "", "file", of(ValueKind::file_or_stdin)},
      {"", "", "clinician", ids("clinicians")},
      {"", "", "therapist", ids("clinicians")},
      {"", "", "client", ids("clients")},
      {"", "", "identified-patient", ids("clients")},
      {"", "", "present", ids("clients")},
      {"", "", "absent", ids("clients")},
      {"", "", "couple", ids("couples")},
      {"", "", "group", ids("groups")},
      {"coverage", "", "group", of(ValueKind::free)}, // the policy's group number
      {"", "", "payer", ids("payers")},
      {"", "", "session", ids("sessions")},
      {"", "", "claim", ids("claims")},
  };
  return k_table;
}

const std::vector<Entry>& positional_table() {
  static const std::vector<Entry> k_table{
      {"client", "", "ID", ids("clients")},   {"clinician", "", "ID", ids("clinicians")},
      {"group", "", "ID", ids("groups")},     {"payer", "", "ID", ids("payers")},
      {"session", "", "ID", ids("sessions")}, {"", "", "CLIENT_ID", ids("clients")},
      {"", "", "CLIENT_A", ids("clients")},   {"", "", "CLIENT_B", ids("clients")},
      {"", "", "CLIENT", ids("clients")},     {"", "", "COUPLE_ID", ids("couples")},
      {"", "", "CLAIM_ID", ids("claims")},    {"", "", "SESSION_ID", ids("sessions")},
      {"", "", "NOTE_ID", ids("notes")},      {"", "", "FILE", of(ValueKind::file)},
      {"agenda", "", "DATE", words(k_days)},  {"completion", "", "SHELL", words(shell_names())},
  };
  return k_table;
}

// The most specific entry: noun and verb, then noun, then any.
Values lookup(const std::vector<Entry>& table, const std::string& noun, const std::string& verb,
              const std::string& name) {
  const std::array<std::pair<std::string, std::string>, 3> scopes{{{noun, verb}, {noun, ""}, {"", ""}}};
  for (const auto& [n, v] : scopes) {
    for (const Entry& e : table) {
      if (e.name == name && e.noun == n && e.verb == v) {
        return e.values;
      }
    }
  }
  return Values{};
}

} // namespace

Values option_values(const std::string& noun, const std::string& verb, const std::string& long_name) {
  return lookup(option_table(), noun, verb, long_name);
}

Values positional_values(const std::string& noun, const std::string& verb, const std::string& name) {
  return lookup(positional_table(), noun, verb, name);
}

} // namespace iop::app::completion
