// Rendering records for people (tables), scripts (JSON) and spreadsheets (CSV). Data goes to
// stdout; notices and warnings to stderr. Every command prints through these functions.
#pragma once

#include "context.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace iop::app {

using Json = nlohmann::ordered_json;

struct Column {
  std::string key;    // JSON key, also the CSV header
  std::string header; // table header / label in a single-record view
  // Text for the table and CSV; default: the value at `key` as text.
  std::function<std::string(const Json&)> text = nullptr;
  bool right_align = false;
};

// A value as plain text: strings as they are, null as "", lists joined with ", ".
std::string as_text(const Json& value);

// A list: JSON array, CSV with a header row, or an aligned table (a line on stderr when empty).
void print_list(Context& ctx, const Json& rows, const std::vector<Column>& columns,
                const std::string& empty_message = "nothing to show");
// One record: JSON object, CSV header and one row, or "label  value" lines.
void print_record(Context& ctx, const Json& record, const std::vector<Column>& fields);
// A created or changed record: like print_record, but -q prints only its id.
void print_saved(Context& ctx, const Json& record, const std::vector<Column>& fields);

// "2026-11-23 10:00 PST": an instant (or a stored RFC 3339 UTC text) in `zone`, for people.
std::string local_time(Instant at, const std::string& zone);
std::string local_time(const std::string& utc, const std::string& zone);

// "12, 13, 15": ids for a notice.
std::string id_list(const std::vector<std::int64_t>& ids);

// To stderr: "iop: <message>" (suppressed by -q) and "iop: warning: <message>" (always).
void notice(Context& ctx, const std::string& message);
void warning(const std::string& message);

} // namespace iop::app
