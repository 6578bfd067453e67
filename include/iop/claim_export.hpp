// 837P batches: the claims not yet sent, written as one ANSI X12 837P 5010 interchange whose
// control numbers come from the batch number, recorded with its exact bytes so it can be written
// again byte for byte; and the same lines as rows for CSV and JSON.
#pragma once

#include "iop/claims.hpp"
#include "iop/x12.hpp"

#include <filesystem>
#include <functional>

namespace iop {

struct ClaimBatch {
  std::int64_t number = 0; // from 1; ISA13, GS06 and ST02 are derived from it
  std::string created_at;  // RFC 3339 UTC
  std::string submitter_id;
  std::int64_t interchange_control = 0;
  std::int64_t group_control = 0;
  std::int64_t transaction_control = 0;
  std::string usage; // T or P
  int claim_count = 0;
  std::int64_t total_cents = 0;
  std::string content_sha256;
  std::optional<std::string> written_to;
  std::vector<std::int64_t> claim_ids;
  // Filled by export_claims only (not stored): what was sent in place of a missing record, e.g.
  // the practice address for a client who has none.
  std::vector<std::string> warnings;
};

// The X12 claims of stored claims: patient, subscriber (self, the partner, or another person),
// payer, rendering clinician, lines. The envelope and billing provider come from the config
// (X12Invalid / ConfigError name the missing key).
// The patient's address is the client's, or the practice's when the client has none: then one
// line per such client is added to `warnings` (when given).
// Control numbers and creation time are left for the caller (export_claims) to fill in.
X12Batch x12_batch_of(Database& db, const Config& config, const std::vector<Claim>& claims,
                      std::vector<std::string>* warnings = nullptr, const ProgressFn& progress = nullptr);

// write_837p of a batch built by x12_batch_of, saying what to fix: a bad value that came from the
// config is iop::ConfigError naming its key ("practice.npi"); one from a claim's records is
// iop::Conflict naming the claim and the record (client, coverage, payer, clinician).
std::string claims_837p(const X12Batch& batch, const std::vector<Claim>& claims);

// Which claims an export sends: every draft (--since-last), or these draft ids (--claim).
struct ClaimExportRequest {
  std::optional<std::vector<std::int64_t>> claim_ids; // none: every draft claim
  // Where the batch goes, recorded with it: called with the batch number (--out-dir names the
  // file after it); none: nothing is recorded (stdout).
  std::function<std::optional<std::string>(std::int64_t number)> destination;
  ProgressFn progress; // claims gathered for the batch (optional)
};

// Called inside the write transaction with the batch's bytes, before anything is committed: it
// must put them somewhere durable (a flushed temporary file) or throw, which rolls the batch
// back. What it returns runs after the commit (the rename into place).
using BatchWriter = std::function<std::function<void()>(const std::string& bytes, const ClaimBatch& batch)>;

// Builds, records and writes the next batch, marking its claims exported in the same
// transaction. Nothing to send: returns nullopt, writes nothing. A --claim id that is not a
// draft: iop::Conflict naming its batch; an unknown id: iop::NotFound.
std::optional<ClaimBatch> export_claims(Database& db, const Actor& actor, const Config& config,
                                        const ClaimExportRequest& request, const BatchWriter& write);

std::vector<ClaimBatch> list_batches(Database& db);
ClaimBatch get_batch(Database& db, std::int64_t number);      // iop::NotFound
std::string batch_content(Database& db, std::int64_t number); // the exact bytes; iop::NotFound

// Writes `bytes` to `path` through a temporary file in the same folder (mode 0600), flushed with
// fsync before the rename and the folder synced after: a crash leaves the old file or the new
// one, never half of one. Returns the rename to run later when `defer_rename` is true (else it
// has run and the function returned does nothing). Without `overwrite` an existing `path` is
// never replaced: iop::Conflict. Any other failure: iop::Error with the system's reason, and the
// temporary file is removed.
std::function<void()> write_file_atomically(const std::filesystem::path& path, const std::string& bytes,
                                            bool defer_rename, bool overwrite = true);

} // namespace iop
