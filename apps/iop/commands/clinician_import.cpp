// iop clinician import FILE.csv [--dry-run]
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
};

void run_import(Context& ctx, const ImportArgs& a) {
  CsvReader csv(a.file);
  ImportOptions options;
  options.dry_run = a.dry_run;
  options.default_timezone = ctx.zone();
  ProgressBar bar(a.dry_run ? "checking clinicians" : "importing clinicians");
  options.progress = bar.callback();
  const ImportResult result = import_clinicians(ctx.db(), ctx.actor(), csv, options);
  bar.finish();
  report_import(ctx, result, a.file, "clinician", a.dry_run);
}

} // namespace

void register_clinician_import(CLI::App& noun, Context& ctx) {
  auto a = std::make_shared<ImportArgs>();
  CLI::App* verb = add_verb(noun, ctx, "import", "add clinicians from a CSV file (all rows or none)",
                            [&ctx, a] { run_import(ctx, *a); });
  verb->add_option("FILE", a->file, "CSV file with a header row (- for standard input)")->required();
  verb->add_flag("--dry-run", a->dry_run, "check every row and report, store nothing");
  verb->footer("Columns (header row, any order, any case): name, credential (required); npi, roles|role\n"
               "(separated by ; or ,), tz|timezone, email. Rows are checked like `clinician add`; any bad row is\n"
               "listed as FILE:LINE and nothing is stored.\n"
               "Example:\n  iop clinician import staff.csv --dry-run");
}

} // namespace iop::app
