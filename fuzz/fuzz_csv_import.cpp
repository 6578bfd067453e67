// CSV import (lib/csv_reader.cpp, lib/import_header.cpp, lib/client_import.cpp,
// lib/clinician_import.cpp): the bytes are a client file and, separately, a clinician file.
// Each is checked with a dry run against an in-memory database made once per process (two
// clinicians and one client, so that clinician look-ups and duplicate checks have something
// to find). A client file that passes its dry run is then really imported into a scratch copy,
// so that a value the checks accept but the schema refuses shows up as a SQLite::Exception.
#include "fuzz_common.hpp"
#include "iop/audit.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/imports.hpp"

#include <SQLiteCpp/Backup.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

namespace {

const iop::Date k_today{date::year{2026}, date::November, date::day{27}};
const iop::Actor k_actor{"fuzz", "client import", iop::Instant{std::chrono::seconds{1'796'000'000}}};

iop::Database& template_db() {
  static const std::unique_ptr<iop::Database> db = [] {
    auto d = std::make_unique<iop::Database>(":memory:");
    iop::add_clinician(*d, k_actor,
                       {"Dana Reyes", "LMFT", std::string("1234567893"), {"individual"}, "America/Los_Angeles", {}});
    const auto inactive = iop::add_clinician(*d, k_actor, {"Sam Ortiz", "LCSW", {}, {"group"}, "America/Chicago", {}});
    iop::deactivate_clinician(*d, k_actor, inactive.id);
    iop::NewClient ana;
    ana.first_name = "Ana";
    ana.last_name = "Reed";
    ana.date_of_birth = "1990-01-01";
    ana.timezone = "America/Los_Angeles";
    ana.admission_date = "2026-11-02";
    ana.diagnoses = {"F10.20"};
    iop::enroll_client(*d, k_actor, ana, k_today);
    return d;
  }();
  return *db;
}

iop::Database& scratch_db() {
  static const std::unique_ptr<iop::Database> db = std::make_unique<iop::Database>(":memory:");
  return *db;
}

iop::ImportOptions options(bool dry_run) {
  iop::ImportOptions o;
  o.dry_run = dry_run;
  o.default_timezone = "America/Los_Angeles";
  return o;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  iop::Database& db = template_db();

  bool clean = false;
  iop::fuzz::expect_only_iop_errors([&] {
    std::istringstream in(text);
    iop::CsvReader csv(in, "fuzz.csv");
    const iop::ImportResult r = iop::import_clients(db, k_actor, csv, options(true), k_today);
    if (!r.ids.empty()) {
      std::abort(); // a dry run stores nothing
    }
    clean = r.problems.empty() && r.rows > 0;
  });
  if (clean) {
    iop::fuzz::expect_only_iop_errors([&] {
      SQLite::Backup(scratch_db().sql(), db.sql()).executeStep(); // back to the template's state
      std::istringstream in(text);
      iop::CsvReader csv(in, "fuzz.csv");
      const iop::ImportResult r = iop::import_clients(scratch_db(), k_actor, csv, options(false), k_today);
      // What the dry run passed, the real run stores: every row.
      if (!r.problems.empty() || r.ids.size() != r.rows) {
        std::fprintf(stderr, "fuzz: the dry run passed but the import reported %zu problem(s)\n", r.problems.size());
        std::abort();
      }
    });
  }
  iop::fuzz::expect_only_iop_errors([&] {
    std::istringstream in(text);
    iop::CsvReader csv(in, "fuzz.csv");
    (void)iop::import_clinicians(db, k_actor, csv, options(true));
  });
  return 0;
}
