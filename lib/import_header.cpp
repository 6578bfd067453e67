// The header row of an import file: which column is which, in any order, by any accepted name.
#include "iop/errors.hpp"
#include "iop/imports.hpp"
#include "iop/text.hpp"

#include <algorithm>
#include <cctype>

namespace iop {

namespace {

// "First Name", "first-name" and "FIRST_NAME" are all first_name.
std::string normalized(const std::string& name) {
  std::string out;
  for (unsigned char c : trim(name)) {
    out += (c == ' ' || c == '-') ? '_' : static_cast<char>(std::tolower(c));
  }
  return out;
}

std::string accepted(const std::vector<ImportColumn>& columns) {
  std::string out;
  for (const auto& column : columns) {
    for (const auto& alias : column.aliases) {
      out += (out.empty() ? "" : ", ") + alias;
    }
  }
  return out;
}

} // namespace

const std::vector<ImportColumn>& client_import_columns() {
  static const std::vector<ImportColumn> k_columns{
      {"first_name", {"first_name", "first", "firstname", "given_name"}, true},
      {"last_name", {"last_name", "last", "lastname", "surname", "family_name"}, true},
      {"date_of_birth", {"date_of_birth", "dob", "birth_date", "birthdate"}, true},
      {"sex", {"sex", "gender"}},
      {"phone", {"phone", "phone_number", "telephone"}},
      {"email", {"email", "e_mail"}},
      {"address", {"address", "street", "street_address"}},
      {"city", {"city"}},
      {"state", {"state"}},
      {"zip", {"zip", "zip_code", "zipcode", "postal_code"}},
      {"timezone", {"timezone", "tz", "time_zone"}},
      {"track", {"track"}},
      {"clinician", {"clinician", "clinician_id", "primary_clinician"}},
      {"admission_date", {"admission_date", "admit", "admitted"}},
      {"diagnoses", {"diagnoses", "diagnosis", "dx"}},
  };
  return k_columns;
}

const std::vector<ImportColumn>& clinician_import_columns() {
  static const std::vector<ImportColumn> k_columns{
      {"name", {"name", "full_name"}, true},
      {"credential", {"credential", "credentials"}, true},
      {"npi", {"npi"}},
      {"roles", {"roles", "role"}},
      {"timezone", {"timezone", "tz", "time_zone"}},
      {"email", {"email", "e_mail"}},
  };
  return k_columns;
}

std::vector<std::size_t> map_import_header(const CsvRecord& header, const std::vector<ImportColumn>& columns,
                                           const std::string& source) {
  const std::string where = source + ":" + std::to_string(header.line) + ": ";
  const std::string hint = "accepted columns (any order, any case): " + accepted(columns);
  std::vector<std::size_t> mapping;
  std::vector<std::string> unknown;
  for (const auto& cell : header.fields) {
    const std::string name = normalized(cell);
    const auto found = std::find_if(columns.begin(), columns.end(), [&](const ImportColumn& c) {
      return std::find(c.aliases.begin(), c.aliases.end(), name) != c.aliases.end();
    });
    if (found == columns.end()) {
      unknown.push_back("'" + trim(cell) + "'");
      mapping.push_back(columns.size());
      continue;
    }
    const auto index = static_cast<std::size_t>(found - columns.begin());
    if (std::find(mapping.begin(), mapping.end(), index) != mapping.end()) {
      throw Invalid(where + "column " + found->field + " is given twice (as '" + trim(cell) + "' and another name)",
                    hint);
    }
    mapping.push_back(index);
  }
  if (!unknown.empty()) {
    std::string list;
    for (const auto& u : unknown) {
      list += (list.empty() ? "" : ", ") + u;
    }
    throw Invalid(where + "unknown column" + (unknown.size() > 1 ? "s " : " ") + list, hint);
  }
  std::string missing;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].required && std::find(mapping.begin(), mapping.end(), i) == mapping.end()) {
      missing += (missing.empty() ? "" : ", ") + columns[i].field;
    }
  }
  if (!missing.empty()) {
    throw Invalid(where + "the header row lacks the required column(s) " + missing, hint);
  }
  return mapping;
}

} // namespace iop
