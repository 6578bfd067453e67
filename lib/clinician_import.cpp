// `iop clinician import`: a staff list from another system, checked row by row like
// `clinician add`, stored in one transaction (all rows or none).
#include "clinician_store.hpp"
#include "import_row.hpp"
#include "iop/clinicians.hpp"
#include "iop/imports.hpp"

#include <algorithm>
#include <map>

namespace iop {

namespace {

// Column indexes, in the order of clinician_import_columns().
enum Col : std::size_t { name, credential, npi, roles, tz, email };

NewClinician new_clinician(const ImportRow& row, const ImportOptions& options) {
  NewClinician n;
  n.name = row.cell(name);
  n.credential = row.cell(credential);
  if (!row.empty(npi)) {
    n.npi = row.cell(npi);
  }
  n.roles = split_list(row.cell(roles));
  n.timezone = row.empty(tz) ? options.default_timezone : trim(row.cell(tz));
  if (!row.empty(email)) {
    n.email = row.cell(email);
  }
  return n;
}

} // namespace

ImportResult import_clinicians(Database& db, const Actor& actor, CsvReader& csv, const ImportOptions& options) {
  const auto header = csv.next();
  if (!header) {
    throw Invalid(csv.name() + ": the file is empty",
                  "the first row names the columns, e.g. name,credential,npi,roles");
  }
  const auto& columns = clinician_import_columns();
  const auto mapping = map_import_header(*header, columns, csv.name());

  std::optional<WriteTransaction> tx;
  if (!options.dry_run) {
    tx.emplace(db);
  }
  std::map<std::string, std::int64_t> npis; // NPI -> clinician id already stored
  for (const auto& c : list_clinicians(db, ClinicianFilter{true, std::nullopt})) {
    if (c.npi) {
      npis.emplace(*c.npi, c.id);
    }
  }
  std::map<std::string, std::size_t> earlier; // NPI -> line of its first row in the file
  const std::string created_at = format_utc(actor.at);

  ImportResult result;
  while (const auto record = csv.next()) {
    ++result.rows;
    try {
      const ImportRow row(*record, mapping, columns.size());
      const NewClinician c = validate_new_clinician(new_clinician(row, options));
      if (c.npi) {
        if (const auto it = npis.find(*c.npi); it != npis.end()) {
          throw Conflict("NPI " + *c.npi + " already belongs to clinician " + std::to_string(it->second));
        }
        if (const auto [it, added] = earlier.emplace(*c.npi, record->line); !added) {
          throw Conflict("NPI " + *c.npi + " is also on line " + std::to_string(it->second));
        }
      }
      if (tx && result.problems.empty()) {
        const std::int64_t id = store::insert_clinician(db, c, created_at);
        audit(db, actor, "create", "clinician", id);
        result.ids.push_back(id);
      }
    } catch (const Error& e) {
      result.problems.push_back({record->line, e.what()});
    }
    if (options.progress) {
      options.progress(result.rows, std::max(result.rows, csv.estimated_records()));
    }
  }
  if (!result.problems.empty()) {
    result.ids.clear();
    return result;
  }
  if (tx) {
    tx->commit();
  }
  return result;
}

} // namespace iop
