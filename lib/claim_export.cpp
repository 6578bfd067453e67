// 837P batches: choosing the claims, numbering the interchange, recording it with its bytes and
// marking its claims exported, all in one write transaction that commits only once the bytes are
// safely written (the rename into place follows the commit).
#include "iop/claim_export.hpp"

#include "claim_store.hpp"
#include "iop/billing_codes.hpp"
#include "iop/local_time.hpp"
#include "iop/sha256.hpp"

#include <algorithm>
#include <set>

namespace iop {

namespace {

ClaimBatch batch_of(const store::BatchRow& row) {
  ClaimBatch b;
  b.number = row.id;
  b.created_at = row.created_at;
  b.submitter_id = row.submitter_id;
  b.interchange_control = row.interchange_control;
  b.group_control = row.group_control;
  b.transaction_control = row.transaction_control;
  b.usage = row.usage;
  b.claim_count = row.claim_count;
  b.total_cents = row.total_cents;
  b.content_sha256 = row.content_sha256;
  b.written_to = row.written_to;
  b.claim_ids = row.claim_ids;
  return b;
}

// The requested ids, each once, in the order given; every one a draft claim.
std::vector<Claim> chosen_claims(Database& db, const std::vector<std::int64_t>& requested) {
  std::vector<std::int64_t> ids;
  std::set<std::int64_t> seen;
  for (const auto id : requested) {
    if (seen.insert(id).second) {
      ids.push_back(id);
    }
  }
  std::vector<Claim> claims = store::claims_by_id(db, ids);
  for (const auto id : ids) {
    const auto found = std::find_if(claims.begin(), claims.end(), [id](const Claim& c) { return c.id == id; });
    if (found == claims.end()) {
      throw NotFound("no claim with id " + std::to_string(id), "iop claim list --status draft shows what can be sent");
    }
    if (found->status != "draft") {
      if (found->batch_id) {
        const std::string batch = std::to_string(*found->batch_id);
        throw Conflict("claim " + std::to_string(id) + " is " + found->status + ": it went out in batch " + batch,
                       "to write that batch again: iop claim export --x12 --batch " + batch);
      }
      throw Conflict("claim " + std::to_string(id) + " is " + found->status + " and was never sent",
                     "a void draft is not sent; iop claim show " + std::to_string(id));
    }
  }
  return claims;
}

void number_envelope(X12Envelope& e, std::int64_t number, Instant at, const Config& config) {
  e.interchange_control = number;
  e.group_control = number;
  e.transaction_control = number;
  e.batch_reference = std::to_string(number);
  const LocalDateTime local = to_local(at, config.get("practice.timezone").value_or("UTC"));
  e.created_on = local.date;
  e.created_minutes = local.hour * 60 + local.minute;
}

} // namespace

std::optional<ClaimBatch> export_claims(Database& db, const Actor& actor, const Config& config,
                                        const ClaimExportRequest& request, const BatchWriter& write) {
  WriteTransaction tx(db);
  const std::vector<Claim> claims =
      chosen_claims(db, request.claim_ids ? *request.claim_ids : store::draft_claim_ids(db));
  if (claims.empty()) {
    return std::nullopt; // nothing recorded, nothing written
  }
  const std::int64_t number = store::next_batch_number(db);
  std::vector<std::string> warnings;
  X12Batch x12 = x12_batch_of(db, config, claims, &warnings, request.progress);
  number_envelope(x12.envelope, number, actor.at, config);
  const std::string bytes = claims_837p(x12, claims);

  store::BatchRow row;
  row.id = number;
  row.created_at = format_utc(actor.at);
  row.submitter_id = x12.envelope.submitter_id;
  row.interchange_control = number;
  row.group_control = number;
  row.transaction_control = number;
  row.usage = x12.envelope.usage;
  row.claim_count = static_cast<int>(claims.size());
  for (const Claim& c : claims) {
    for (const ClaimLine& line : c.lines) {
      row.total_cents += line.charge_cents; // what the file's CLM02s add up to
    }
    row.claim_ids.push_back(c.id);
  }
  row.content = bytes;
  row.content_sha256 = sha256_hex(bytes);
  if (request.destination) {
    row.written_to = request.destination(number);
  }
  store::insert_batch(db, row);
  std::sort(row.claim_ids.begin(), row.claim_ids.end());
  ClaimBatch batch = batch_of(row);
  batch.warnings = std::move(warnings);

  const std::function<void()> finish = write(bytes, batch); // throws: everything rolls back
  audit(db, actor, "export", "claim_batch", number);
  tx.commit();
  if (finish) {
    try {
      finish();
    } catch (const Error& e) {
      throw Error(std::string(e.what()) + " (batch " + std::to_string(number) + " is recorded and its claims exported)",
                  "write it again: iop claim export --x12 --batch " + std::to_string(number) + " --out FILE");
    }
  }
  return batch;
}

std::vector<ClaimBatch> list_batches(Database& db) {
  std::vector<ClaimBatch> out;
  for (const auto& row : store::select_batches(db)) {
    out.push_back(batch_of(row));
  }
  return out;
}

ClaimBatch get_batch(Database& db, std::int64_t number) {
  const auto row = store::find_batch(db, number);
  if (!row) {
    throw NotFound("no claim batch " + std::to_string(number), "iop claim batches lists them");
  }
  return batch_of(*row);
}

std::string batch_content(Database& db, std::int64_t number) {
  const auto row = store::find_batch(db, number);
  if (!row) {
    throw NotFound("no claim batch " + std::to_string(number), "iop claim batches lists them");
  }
  return row->content;
}

} // namespace iop
