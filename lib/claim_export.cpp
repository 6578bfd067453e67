// 837P batches: choosing the claims, numbering the interchange, streaming it claim by claim to a
// flushed temporary file, recording it with its bytes and marking its claims exported, all in one
// write transaction that commits only once the bytes are safely written (the rename into place
// follows the commit).
#include "iop/claim_export.hpp"

#include "claim_store.hpp"
#include "claim_x12.hpp"
#include "iop/billing_codes.hpp"
#include "iop/local_time.hpp"
#include "iop/sha256.hpp"

#include <algorithm>
#include <memory>
#include <set>

namespace iop {

namespace {

ClaimBatch batch_of(store::BatchRow row) {
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
  b.claim_ids = std::move(row.claim_ids); // a year's batch holds 377,808: moved, not copied
  return b;
}

// The requested ids, each once, in the order given; every one a draft claim. Checked before a
// byte is written, without reading the claims' lines.
std::vector<std::int64_t> chosen_ids(Database& db, const std::vector<std::int64_t>& requested) {
  std::vector<std::int64_t> ids;
  std::set<std::int64_t> seen;
  for (const auto id : requested) {
    if (seen.insert(id).second) {
      ids.push_back(id);
    }
  }
  for (const auto id : ids) {
    const auto found = store::claim_state(db, id);
    if (!found) {
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
  return ids;
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

// The batch's X12 text as it is written: to the file, and through the SHA-256.
struct BatchSink {
  AtomicFile& file;
  Sha256 sha;
  void operator()(std::string_view text) {
    file.write(text);
    sha.update(text);
  }
};

// Reads, converts, checks and writes each claim in turn; fills the row's total.
void write_claims(Database& db, const Config& config, const std::vector<std::int64_t>& ids, X12Writer& writer,
                  store::BatchRow& row, claim_x12::MissingAddresses& missing, const ProgressFn& progress) {
  store::ClaimReader reader(db);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (progress && i % 64 == 0) {
      progress(i, ids.size());
    }
    const std::optional<Claim> claim = reader.read(ids[i]);
    if (!claim) { // checked inside this transaction: cannot happen
      throw NotFound("no claim with id " + std::to_string(ids[i]));
    }
    try {
      writer.add(claim_x12::x12_claim_of(db, config, *claim, missing));
    } catch (const X12Invalid& e) {
      claim_x12::throw_fixable(e, &*claim);
    }
    for (const ClaimLine& line : claim->lines) {
      row.total_cents += line.charge_cents; // what the file's CLM02s add up to
    }
  }
  if (progress) {
    progress(ids.size(), ids.size());
  }
}

// Copies the written file into the batch's zeroed content, in pieces.
void store_content(Database& db, std::int64_t number, const AtomicFile& file) {
  store::BatchContent blob(db, number, true);
  std::int64_t offset = 0;
  file.read([&](std::string_view piece) {
    blob.write(offset, piece);
    offset += static_cast<std::int64_t>(piece.size());
  });
}

} // namespace

std::optional<ClaimBatch> export_claims(Database& db, const Actor& actor, const Config& config,
                                        const ClaimExportRequest& request) {
  WriteTransaction tx(db);
  std::vector<std::int64_t> ids = request.claim_ids ? chosen_ids(db, *request.claim_ids) : store::draft_claim_ids(db);
  if (ids.empty()) {
    return std::nullopt; // nothing recorded, nothing written
  }
  const std::int64_t number = store::next_batch_number(db);
  X12Batch header = claim_x12::header_of(config);
  number_envelope(header.envelope, number, actor.at, config);
  const BatchDestination destination = request.destination ? request.destination(number) : BatchDestination{};
  std::unique_ptr<AtomicFile> file =
      destination.file ? std::make_unique<AtomicFile>(*destination.file, destination.overwrite) : AtomicFile::scratch();
  BatchSink sink{*file, Sha256()};

  store::BatchRow row;
  claim_x12::MissingAddresses missing;
  try {
    X12Writer::check_claim_count(ids.size());
    X12Writer writer(header, [&sink](std::string_view text) { sink(text); });
    write_claims(db, config, ids, writer, row, missing, request.progress);
    writer.finish();
  } catch (const X12Invalid& e) {
    claim_x12::throw_fixable(e, nullptr); // a claim's own values were named in write_claims
  }
  file->sync(); // throws: `file` removes the temporary file, the transaction rolls back

  row.id = number;
  row.created_at = format_utc(actor.at);
  row.submitter_id = x12_text(header.envelope.submitter_id, 15);
  row.interchange_control = number;
  row.group_control = number;
  row.transaction_control = number;
  row.usage = x12_text(header.envelope.usage, 2);
  row.claim_count = static_cast<int>(ids.size());
  row.claim_ids = std::move(ids); // the claims written, in order: 8 bytes each, held once
  row.content_sha256 = sink.sha.hex_digest();
  if (destination.file) {
    row.written_to = destination.file->string();
  }
  store::insert_batch(db, row, static_cast<std::int64_t>(file->size()));
  store_content(db, number, *file);
  std::sort(row.claim_ids.begin(), row.claim_ids.end());
  ClaimBatch batch = batch_of(std::move(row));
  for (auto& [id, text] : missing) {
    batch.warnings.push_back(std::move(text));
  }

  if (!destination.file && destination.stream) {
    file->read(destination.stream); // throws: everything rolls back
  }
  audit(db, actor, "export", "claim_batch", number);
  tx.commit();
  if (destination.file) {
    try {
      file->place();
    } catch (const Error& e) {
      throw Error(std::string(e.what()) + " (batch " + std::to_string(number) + " is recorded and its claims exported)",
                  "write it again: iop claim export --x12 --batch " + std::to_string(number) + " --out FILE");
    }
  }
  return batch;
}

std::vector<ClaimBatch> unplaced_batches(Database& db, int recent) {
  std::vector<ClaimBatch> out;
  for (const auto& [number, path] : store::recent_batch_files(db, recent)) {
    if (left_unplaced(path)) {
      out.push_back(get_batch(db, number));
    }
  }
  return out;
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

void read_batch_content(Database& db, std::int64_t number, const std::function<void(std::string_view)>& piece) {
  if (!store::find_batch(db, number)) {
    throw NotFound("no claim batch " + std::to_string(number), "iop claim batches lists them");
  }
  store::BatchContent(db, number, false).read(piece);
}

std::string batch_content(Database& db, std::int64_t number) {
  std::string out;
  read_batch_content(db, number, [&out](std::string_view piece) { out += piece; });
  return out;
}

std::vector<std::int64_t> draft_claim_ids(Database& db) {
  return store::draft_claim_ids(db);
}

void for_each_claim(Database& db, const std::vector<std::int64_t>& ids,
                    const std::function<void(const Claim&)>& visit) {
  for (const auto id : ids) {
    if (!store::claim_state(db, id)) {
      throw NotFound("no claim with id " + std::to_string(id), "iop claim list shows the claims");
    }
  }
  store::ClaimReader reader(db);
  for (const auto id : ids) {
    if (const auto claim = reader.read(id)) {
      visit(*claim);
    }
  }
}

} // namespace iop
