// `iop client import`: a CSV export of another system, checked row by row like `client enroll`,
// stored in one transaction (all rows or none) with prepared statements reused.
#include "client_store.hpp"
#include "import_row.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/imports.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace iop {

namespace {

// Column indexes, in the order of client_import_columns().
enum Col : std::size_t {
  first,
  last,
  dob,
  sex,
  phone,
  email,
  address,
  city,
  state,
  zip,
  tz,
  track,
  clinician,
  admit,
  dx
};

// Every clinician, read once: a row names its clinician by id, NPI or exact name.
class ClinicianLookup {
public:
  explicit ClinicianLookup(Database& db) : m_all(list_clinicians(db, ClinicianFilter{true, std::nullopt})) {}

  std::int64_t resolve(const std::string& given) const {
    const std::string text = trim(given);
    const bool digits = !text.empty() && text.size() <= 18 &&
                        std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
    std::vector<const Clinician*> found;
    // Ten digits are an NPI first; other digits (or ten that are no one's NPI) are an id; else a name.
    for (int pass = 0; pass < 2 && found.empty(); ++pass) {
      for (const auto& c : m_all) {
        const bool match = !digits ? fold_for_search(c.name) == fold_for_search(text) ||
                                         fold_for_search(c.display_name()) == fold_for_search(text)
                           : pass == 0 ? c.npi == text
                                       : std::to_string(c.id) == text;
        if (match) {
          found.push_back(&c);
        }
      }
    }
    if (found.empty()) {
      throw NotFound("no clinician '" + text + "' (give an id, an NPI or the exact name; see iop clinician list)");
    }
    if (found.size() > 1) {
      throw Invalid("clinician '" + text + "' is ambiguous (clinicians " + std::to_string(found[0]->id) + " and " +
                    std::to_string(found[1]->id) + "); give the id or NPI");
    }
    if (!found.front()->active) {
      throw Conflict("clinician " + std::to_string(found.front()->id) + " (" + found.front()->display_name() +
                     ") is inactive");
    }
    return found.front()->id;
  }

private:
  std::vector<Clinician> m_all;
};

std::optional<std::string> optional_cell(const ImportRow& row, Col col) {
  return row.empty(col) ? std::nullopt : std::optional<std::string>(row.cell(col));
}

// A street address over several lines in the export becomes one line ("Apt 4, 12 Main St"):
// a claim's address element cannot hold a line break.
std::optional<std::string> street(const ImportRow& row) {
  if (row.empty(address)) {
    return std::nullopt;
  }
  std::string out;
  std::string line;
  const std::string& text = row.cell(address);
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n' || text[i] == '\r') {
      if (!trim(line).empty()) {
        out += (out.empty() ? "" : ", ") + trim(line);
      }
      line.clear();
    } else {
      line += text[i];
    }
  }
  return out;
}

NewClient new_client(const ImportRow& row, const ClinicianLookup& clinicians, const ImportOptions& options) {
  NewClient n;
  n.first_name = row.cell(first);
  n.last_name = row.cell(last);
  n.date_of_birth = row.cell(dob);
  n.sex = row.empty(sex) ? n.sex : row.cell(sex);
  n.phone = optional_cell(row, phone);
  n.email = optional_cell(row, email);
  n.address = street(row);
  n.city = optional_cell(row, city);
  n.state = optional_cell(row, state);
  n.zip = optional_cell(row, zip);
  n.timezone = row.empty(tz) ? options.default_timezone : trim(row.cell(tz));
  n.track = row.empty(track) ? n.track : row.cell(track);
  if (!row.empty(clinician)) {
    n.clinician_id = clinicians.resolve(row.cell(clinician));
  }
  n.admission_date = trim(row.cell(admit));
  n.diagnoses = split_list(row.cell(dx));
  return n;
}

} // namespace

ImportResult import_clients(Database& db, const Actor& actor, CsvReader& csv, const ImportOptions& options,
                            const Date& today) {
  const auto header = csv.next();
  if (!header) {
    throw Invalid(csv.name() + ": the file is empty",
                  "the first row names the columns, e.g. first_name,last_name,dob,track,diagnoses");
  }
  const auto& columns = client_import_columns();
  const auto mapping = map_import_header(*header, columns, csv.name());

  // The write lock is taken before anything is read, so no other process can enroll a duplicate meanwhile.
  std::optional<WriteTransaction> tx;
  std::optional<store::ClientInserter> inserter;
  if (!options.dry_run) {
    tx.emplace(db);
    inserter.emplace(db);
  }
  const ClinicianLookup clinicians(db);
  const auto enrolled = store::client_identities(db);
  std::unordered_map<std::string, std::size_t> earlier; // identity -> line of its first row in the file
  const std::string created_at = format_utc(actor.at);

  ImportResult result;
  while (const auto record = csv.next()) {
    ++result.rows;
    try {
      const ImportRow row(*record, mapping, columns.size());
      Client c = validate_new_client(new_client(row, clinicians, options), today);
      c.created_at = created_at;
      const std::string key = store::identity_key(c.first_name, c.last_name, c.date_of_birth);
      if (!options.allow_duplicate) {
        if (const auto it = enrolled.find(key); it != enrolled.end()) {
          throw Conflict(duplicate_client_message(c, it->second) + "; --allow-duplicate imports it anyway");
        }
        if (const auto it = earlier.find(key); it != earlier.end()) {
          throw Conflict(c.full_name() + " born " + c.date_of_birth + " is also on line " + std::to_string(it->second) +
                         "; --allow-duplicate imports both");
        }
      }
      earlier.emplace(key, record->line);
      // Once a row is bad nothing will be stored: the rest is only checked.
      if (inserter && result.problems.empty()) {
        const std::int64_t id = inserter->insert(c);
        audit(db, actor, "create", "client", id);
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
    return result; // the transaction rolls back
  }
  if (tx) {
    tx->commit();
  }
  return result;
}

} // namespace iop
