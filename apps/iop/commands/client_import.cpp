// iop client import FILE.csv [--dry-run] [--allow-duplicate]
#include "commands.hpp"
#include "import_output.hpp"
#include "iop/imports.hpp"
#include "progress.hpp"

#include <memory>

namespace iop::app {

namespace {

struct ImportArgs {
  std::string file;
  bool dry_run = false;
  bool allow_duplicate = false;
};

void run_import(Context& ctx, const ImportArgs& a) {
  CsvReader csv(a.file);
  ImportOptions options;
  options.dry_run = a.dry_run;
  options.allow_duplicate = a.allow_duplicate;
  options.default_timezone = ctx.zone();
  ProgressBar bar(a.dry_run ? "checking clients" : "importing clients");
  options.progress = bar.callback();
  const ImportResult result = import_clients(ctx.db(), ctx.actor(), csv, options, ctx.today());
  bar.finish();
  report_import(ctx, result, a.file, "client", a.dry_run);
}

} // namespace

void register_client_import(CLI::App& noun, Context& ctx) {
  auto a = std::make_shared<ImportArgs>();
  CLI::App* verb = add_verb(noun, ctx, "import", "enroll clients from a CSV file (all rows or none)",
                            [&ctx, a] { run_import(ctx, *a); });
  verb->add_option("FILE", a->file, "CSV file with a header row (- for standard input)")->required();
  verb->add_flag("--dry-run", a->dry_run, "check every row and report, store nothing");
  verb->add_flag("--allow-duplicate", a->allow_duplicate,
                 "import rows whose name and date of birth match an enrolled client or another row");
  verb->footer(
      "Columns (header row, any order, any case): first_name|first, last_name|last, dob|date_of_birth|birth_date\n"
      "(required); sex|gender, phone, email, address|street, city, state, zip|postal_code, tz|timezone, track,\n"
      "clinician (id, NPI or exact name), admit|admitted|admission_date, diagnoses|diagnosis (codes separated by\n"
      "; or ,). Rows are checked like `client enroll`; any bad row is listed as FILE:LINE and nothing is stored.\n"
      "Example:\n  iop client import clients.csv --dry-run && iop client import clients.csv");
}

} // namespace iop::app
