// Importing clients and clinicians from a CSV export of another system (`iop client import`,
// `iop clinician import`). All or nothing: every row is checked like `client enroll` /
// `clinician add`; if any row is bad nothing is stored and every bad row is reported.
#pragma once

#include "iop/audit.hpp"
#include "iop/csv_reader.hpp"
#include "iop/database.hpp"
#include "iop/dates.hpp"
#include "iop/progress.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace iop {

struct ImportOptions {
  bool dry_run = false;         // check every row, store nothing
  bool allow_duplicate = false; // clients: a name and date of birth already enrolled (or repeated) is allowed
  std::string default_timezone; // for rows whose time zone cell is empty
  ProgressFn progress;          // rows done, estimated total
};

struct ImportProblem {
  std::size_t line = 0; // physical line where the row starts
  std::string message;
};

struct ImportResult {
  std::size_t rows = 0;                // data rows read
  std::vector<std::int64_t> ids;       // the new records, in file order (empty on a dry run or on problems)
  std::vector<ImportProblem> problems; // non-empty: nothing was stored
};

// One column of an import file: its field, the header names accepted for it, and whether it must be present.
struct ImportColumn {
  std::string field;
  std::vector<std::string> aliases; // normalized: lower case, spaces and hyphens as underscores
  bool required = false;
};
const std::vector<ImportColumn>& client_import_columns();
const std::vector<ImportColumn>& clinician_import_columns();

// Maps each cell of `header` to its index in `columns`. Throws iop::Invalid ("NAME:LINE: ...")
// for an unknown or repeated column or a missing required one, naming the accepted names.
std::vector<std::size_t> map_import_header(const CsvRecord& header, const std::vector<ImportColumn>& columns,
                                           const std::string& source);

// Reads the header then every row of `csv`. Throws iop::Invalid for a malformed file (bad
// header, unreadable CSV); bad rows are returned as problems instead, with nothing stored.
ImportResult import_clients(Database& db, const Actor& actor, CsvReader& csv, const ImportOptions& options,
                            const Date& today);
ImportResult import_clinicians(Database& db, const Actor& actor, CsvReader& csv, const ImportOptions& options);

} // namespace iop
