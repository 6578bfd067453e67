// 837P batches: the claims not yet sent, written as one ANSI X12 837P 5010 interchange whose
// control numbers come from the batch number, recorded with its exact bytes so it can be written
// again byte for byte; and the same lines as rows for CSV and JSON.
#pragma once

#include "iop/atomic_file.hpp"
#include "iop/claims.hpp"
#include "iop/x12.hpp"

#include <filesystem>
#include <functional>
#include <string_view>

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

// Where a new batch goes, once its number is known (--out-dir names the file after it).
struct BatchDestination {
  // Written through an AtomicFile (mode 0600, fsync) as the claims are read, renamed into place
  // after the commit, and recorded as the batch's written_to.
  std::optional<std::filesystem::path> file;
  bool overwrite = false; // without: an existing file is refused (Conflict), never replaced
  // With no file: called with the bytes in pieces, inside the transaction once they are
  // recorded (stdout); throwing rolls the batch back. With neither, the batch is only recorded.
  std::function<void(std::string_view)> stream;
};

// Which claims an export sends: every draft (--since-last), or these draft ids (--claim).
struct ClaimExportRequest {
  std::optional<std::vector<std::int64_t>> claim_ids;               // none: every draft claim
  std::function<BatchDestination(std::int64_t number)> destination; // none: only recorded
  ProgressFn progress;                                              // claims written to the batch (optional)
};

// Builds, records and writes the next batch, marking its claims exported, in one write
// transaction that commits only once the bytes are safely written (the rename into place follows
// the commit). The batch streams: each claim is read, checked and written to the temporary file
// (or a scratch file, for a stream) in turn, the SHA-256 computed as the bytes pass, and the
// stored copy filled in from the file in pieces, so memory stays flat whatever the batch's size.
// Nothing to send: returns nullopt, writes nothing. A --claim id that is not a draft:
// iop::Conflict naming its batch; an unknown id: iop::NotFound. A bad value: as claims_837p.
std::optional<ClaimBatch> export_claims(Database& db, const Actor& actor, const Config& config,
                                        const ClaimExportRequest& request);

// Recent batches (the newest `recent` written to a file) that were recorded but whose file was
// never put in place: the export was stopped between its commit and the rename, so the file the
// clearinghouse expects is missing though the claims are marked exported. A file moved away
// after it was written is not reported (no temporary copy is left beside it).
std::vector<ClaimBatch> unplaced_batches(Database& db, int recent = 10);

std::vector<ClaimBatch> list_batches(Database& db);
ClaimBatch get_batch(Database& db, std::int64_t number); // iop::NotFound
// The exact bytes of a batch, passed to `piece` in order, never held whole; iop::NotFound.
void read_batch_content(Database& db, std::int64_t number, const std::function<void(std::string_view)>& piece);
std::string batch_content(Database& db, std::int64_t number); // all of them at once; iop::NotFound

// Ids of the draft claims, oldest first: what --since-last sends.
std::vector<std::int64_t> draft_claim_ids(Database& db);
// The claims of `ids`, in that order, one at a time with their lines (not their session links),
// for CSV/JSON exports of any size. Every id is checked first (iop::NotFound), so nothing is
// visited unless all exist.
void for_each_claim(Database& db, const std::vector<std::int64_t>& ids, const std::function<void(const Claim&)>& visit);

} // namespace iop
