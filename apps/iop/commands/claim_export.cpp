// iop claim export (837P batches, or the claims' lines as CSV/JSON) and iop claim batches.
// register_claim() in claim.cpp calls register_claim_export().
#include "iop/claim_export.hpp"
#include "commands.hpp"
#include "iop/atomic_file.hpp"
#include "iop/authorizations.hpp"
#include "iop/billing_codes.hpp"
#include "iop/clinicians.hpp"
#include "iop/coverage.hpp"
#include "iop/csv.hpp"
#include "iop/errors.hpp"
#include "name_cache.hpp"
#include "output.hpp"
#include "progress.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

namespace iop::app {

namespace {

struct ExportOptions {
  bool x12 = false;
  bool csv = false;
  bool json = false;
  bool since_last = false;
  std::int64_t batch = 0;
  std::vector<std::int64_t> claims;
  std::string out;
  std::string out_dir;
  bool force = false;
};

std::string batch_file_name(std::int64_t number) {
  char name[64];
  std::snprintf(name, sizeof name, "claims-batch-%06lld.837", static_cast<long long>(number));
  return name;
}

void check_choices(const ExportOptions& o) {
  if (int(o.x12) + int(o.csv) + int(o.json) != 1) {
    throw Invalid("give exactly one of --x12, --csv, --json", "e.g. iop claim export --x12 --since-last --out FILE");
  }
  if (int(o.since_last) + int(o.batch > 0) + int(!o.claims.empty()) != 1) {
    throw Invalid("give exactly one of --since-last, --batch N, --claim ID[,ID...]",
                  "--since-last sends every claim not sent yet");
  }
  if (!o.out.empty() && !o.out_dir.empty()) {
    throw Invalid("give --out FILE or --out-dir DIR, not both");
  }
  if (!o.x12 && (!o.out.empty() || !o.out_dir.empty() || o.force)) {
    throw Invalid("--out, --out-dir and --force are for --x12", "CSV and JSON go to stdout: redirect it");
  }
  if (o.force && o.out.empty()) {
    throw Invalid("--force is for --out FILE", "--out-dir never replaces a file");
  }
  if (!o.out_dir.empty() && !std::filesystem::is_directory(o.out_dir)) {
    throw Invalid("--out-dir " + o.out_dir + " is not a folder", "create it first: mkdir -p " + o.out_dir);
  }
  if (!o.out.empty()) {
    check_file_target(std::filesystem::absolute(o.out), o.force); // before anything is recorded
  }
}

// The file a batch goes to (none: stdout).
std::optional<std::filesystem::path> target(const ExportOptions& o, std::int64_t number) {
  if (!o.out.empty()) {
    return std::filesystem::absolute(o.out);
  }
  if (!o.out_dir.empty()) {
    return std::filesystem::absolute(o.out_dir) / batch_file_name(number);
  }
  return std::nullopt;
}

// Each piece is flushed at once: a new batch's bytes reach stdout before its transaction commits,
// so a failure to write them rolls the batch back.
void write_stdout(std::string_view bytes) {
  std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  std::cout.flush();
  if (!std::cout) {
    throw Error("cannot write to stdout");
  }
}

// A batch recorded as sent whose file never reached its place would never reach the payer: say
// so on every export and listing until it is written again (the nightly job's mail shows it).
void warn_unplaced_batches(Context& ctx) {
  for (const ClaimBatch& b : unplaced_batches(ctx.db())) {
    const std::string number = std::to_string(b.number);
    warning("batch " + number + " (" + std::to_string(b.claim_count) + " claim" + (b.claim_count == 1 ? "" : "s") +
            ") was recorded but its file " + b.written_to.value_or("") +
            " was never put in place (the export was stopped); write it again: iop claim export --x12 --batch " +
            number + " --out " + b.written_to.value_or("FILE") + ", then delete the ." +
            std::filesystem::path(b.written_to.value_or("")).filename().string() + ".tmp-* file left beside it");
  }
}

void run_new_batch(Context& ctx, const ExportOptions& o) {
  warn_unplaced_batches(ctx);
  ClaimExportRequest request;
  if (!o.claims.empty()) {
    request.claim_ids = o.claims;
  }
  request.destination = [&o](std::int64_t number) {
    BatchDestination d;
    d.file = target(o, number);
    d.overwrite = o.force;
    if (!d.file) {
      d.stream = [](std::string_view piece) { write_stdout(piece); };
    }
    return d;
  };
  ProgressBar bar("writing claims", 2000);
  request.progress = bar.callback();
  const auto batch = export_claims(ctx.db(), ctx.actor(), ctx.config(), request);
  bar.finish();
  if (!batch) {
    notice(ctx, "no new claims to export");
    return;
  }
  for (const std::string& w : batch->warnings) {
    warning(w);
  }
  notice(ctx, "batch " + std::to_string(batch->number) + ": " + std::to_string(batch->claim_count) + " claim" +
                  (batch->claim_count == 1 ? "" : "s") + ", " + format_money(batch->total_cents) + ", written to " +
                  batch->written_to.value_or("stdout"));
}

// The stored bytes again, streamed from the database to the file or stdout.
void run_old_batch(Context& ctx, const ExportOptions& o) {
  const auto path = target(o, o.batch);
  if (!path) {
    read_batch_content(ctx.db(), o.batch, write_stdout);
    return;
  }
  (void)get_batch(ctx.db(), o.batch); // NotFound before a temporary file is made
  AtomicFile file(*path, o.force);
  read_batch_content(ctx.db(), o.batch, [&file](std::string_view piece) { file.write(piece); });
  file.sync();
  file.place();
  notice(ctx, "batch " + std::to_string(o.batch) + " written again to " + path->string());
}

// The claims a CSV/JSON export shows: the drafts (what the next --x12 --since-last would send),
// a batch's, or the ones named.
std::vector<std::int64_t> selected_ids(Context& ctx, const ExportOptions& o) {
  if (o.since_last) {
    return draft_claim_ids(ctx.db());
  }
  if (o.batch > 0) {
    return get_batch(ctx.db(), o.batch).claim_ids;
  }
  return o.claims;
}

// One claim's lines as rows (the CSV columns and JSON keys, in this order).
Json line_rows(Context& ctx, NameCache& names, const Claim& c) {
  const Coverage coverage = get_coverage(ctx.db(), c.coverage_id);
  const Clinician clinician = get_clinician(ctx.db(), c.clinician_id);
  Json rows = Json::array();
  for (const ClaimLine& l : c.lines) {
    rows.push_back(Json{{"claim_id", c.id},
                        {"batch", c.batch_id ? Json(*c.batch_id) : Json()},
                        {"status", c.status},
                        {"frequency", c.frequency},
                        {"client_id", c.client_id},
                        {"client", names.client(c.client_id)},
                        {"payer", names.payer(c.payer_id)},
                        {"member_id", coverage.member_id},
                        {"clinician", names.clinician(c.clinician_id)},
                        {"rendering_npi", clinician.npi ? Json(*clinician.npi) : Json()},
                        {"service_date", l.service_date},
                        {"code", l.code},
                        {"modifiers", l.modifiers},
                        {"place_of_service", l.place_of_service},
                        {"units", l.units},
                        {"charge", format_cents(l.charge_cents)},
                        {"pointers", l.pointers},
                        {"diagnoses", c.diagnoses},
                        {"authorization",
                         l.authorization_id ? Json(get_authorization(ctx.db(), *l.authorization_id).number) : Json()}});
  }
  return rows;
}

// Rows printed as each claim is read, in the shape print_list gives a whole list: CSV with one
// header row, or one JSON array indented by 2 ("[]" when empty).
void run_lines(Context& ctx, const ExportOptions& o) {
  static const char* const k_keys[] = {"claim_id",     "batch",    "status",    "frequency",        "client_id",
                                       "client",       "payer",    "member_id", "clinician",        "rendering_npi",
                                       "service_date", "code",     "modifiers", "place_of_service", "units",
                                       "charge",       "pointers", "diagnoses", "authorization"};
  const std::vector<std::int64_t> ids = selected_ids(ctx, o);
  NameCache names(ctx.db());
  std::size_t printed = 0;
  bool header = false; // printed once every id is known to exist: an unknown one prints nothing
  const auto print_header = [&header] {
    if (!header) {
      std::cout << csv_row(std::vector<std::string>(std::begin(k_keys), std::end(k_keys)));
      header = true;
    }
  };
  for_each_claim(ctx.db(), ids, [&](const Claim& claim) {
    if (o.csv) {
      print_header();
    }
    for (const Json& row : line_rows(ctx, names, claim)) {
      if (o.csv) {
        std::vector<std::string> cells;
        for (const char* key : k_keys) {
          cells.push_back(as_text(row.at(key)));
        }
        std::cout << csv_row(cells);
      } else {
        // The row as an element of an indented array: its dump inside a one-element array.
        const std::string one = Json::array({row}).dump(2);
        std::cout << (printed == 0 ? "[\n" : ",\n") << std::string_view(one).substr(2, one.size() - 4);
      }
      ++printed;
    }
  });
  if (o.csv) {
    print_header();
  } else {
    std::cout << (printed == 0 ? "[]\n" : "\n]\n");
  }
}

void run_export(Context& ctx, const ExportOptions& o) {
  check_choices(o);
  if (!o.x12) {
    run_lines(ctx, o);
  } else if (o.batch > 0) {
    run_old_batch(ctx, o);
  } else {
    run_new_batch(ctx, o);
  }
}

void run_batches(Context& ctx) {
  warn_unplaced_batches(ctx);
  Json rows = Json::array();
  for (const ClaimBatch& b : list_batches(ctx.db())) {
    rows.push_back(Json{{"number", b.number},
                        {"created_at", b.created_at},
                        {"claim_count", b.claim_count},
                        {"total_cents", b.total_cents},
                        {"total", format_cents(b.total_cents)},
                        {"interchange_control", b.interchange_control},
                        {"group_control", b.group_control},
                        {"transaction_control", b.transaction_control},
                        {"usage", b.usage},
                        {"content_sha256", b.content_sha256},
                        {"written_to", b.written_to ? Json(*b.written_to) : Json()},
                        {"claims", b.claim_ids}});
  }
  const std::string zone = ctx.zone();
  const auto controls = [](const Json& r) {
    return std::to_string(r.at("interchange_control").get<std::int64_t>()) + "/" +
           std::to_string(r.at("group_control").get<std::int64_t>()) + "/" +
           std::to_string(r.at("transaction_control").get<std::int64_t>());
  };
  print_list(
      ctx, rows,
      {{"number", "BATCH", nullptr, true},
       {"created_at", "CREATED",
        [zone](const Json& r) { return local_time(r.at("created_at").get<std::string>(), zone); }},
       {"claim_count", "CLAIMS", nullptr, true},
       {"total", "TOTAL", [](const Json& r) { return format_money(r.at("total_cents").get<std::int64_t>()); }, true},
       {"controls", "ISA13/GS06/ST02", controls},
       {"usage", "USAGE"},
       {"written_to", "WRITTEN TO"}},
      "no claim batches yet (iop claim export --x12 --since-last)");
}

} // namespace

void register_claim_export(CLI::App& noun, Context& ctx) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* verb = add_verb(noun, ctx, "export", "write claims as an ANSI X12 837P batch, or their lines as CSV/JSON",
                            [&ctx, o] { run_export(ctx, *o); });
  verb->add_flag("--x12", o->x12, "an 837P 5010 batch (new claims are recorded and marked exported)");
  verb->add_flag("--csv", o->csv, "the claims' lines as CSV (nothing is marked)");
  verb->add_flag("--json", o->json, "the claims' lines as JSON (nothing is marked)");
  verb->add_flag("--since-last", o->since_last, "every claim not exported yet (draft)");
  verb->add_option("--batch", o->batch, "an earlier batch: its exact bytes again")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  verb->add_option("--claim", o->claims, "these draft claims")
      ->type_name("ID[,ID...]")
      ->delimiter(',')
      ->check(CLI::PositiveNumber);
  verb->add_option("--out", o->out, "write to FILE (never replaced without --force); default stdout")
      ->type_name("FILE");
  verb->add_option("--out-dir", o->out_dir, "write DIR/claims-batch-NNNNNN.837 (never replaced)")->type_name("DIR");
  verb->add_flag("--force", o->force, "replace an existing --out FILE");
  verb->footer("A new batch is written to a temporary file, flushed, recorded with its claims marked exported,\n"
               "then renamed into place. With nothing new: a notice on stderr, no file, exit 0.\n"
               "Exit codes: 2 bad options, 3 unknown claim or batch, 4 a claim already sent or an existing\n"
               "file, 5 database busy (retry), 6 a missing config key (named).\n"
               "Examples:\n  iop claim export --x12 --since-last --out-dir ~/claims-outbox\n"
               "  iop claim export --x12 --batch 3 --out batch3.837\n"
               "  iop claim export --csv --since-last > pending.csv");

  CLI::App* batches =
      add_verb(noun, ctx, "batches", "list the 837P batches exported so far", [&ctx] { run_batches(ctx); });
  batches->footer("Example:\n  iop claim batches --format json");
}

} // namespace iop::app
