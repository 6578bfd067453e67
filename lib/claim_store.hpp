// SQL for claims, their lines and the sessions they bill, and 837P batches. Internal to lib/.
#pragma once

#include "iop/claims.hpp"

namespace iop::store {

// Inserts the claim, its lines and their session links; returns the claim with ids filled in.
// A session (and slot) already held by a live line makes SQLite refuse the insert
// (claim_line_sessions_billed_once): the caller's transaction then rolls back.
Claim insert_claim(Database& db, const Claim& claim);
std::optional<Claim> find_claim(Database& db, std::int64_t id); // with lines, links and batch
// Claims matching the filter, by id, with their lines.
std::vector<Claim> select_claims(Database& db, const ClaimFilter& filter);
// The claims (with lines) of these ids, in the order given; ids that do not exist are left out.
std::vector<Claim> claims_by_id(Database& db, const std::vector<std::int64_t>& ids);
// Ids of draft claims, oldest first: what the next --since-last export sends.
std::vector<std::int64_t> draft_claim_ids(Database& db);
// Sets status 'void', voided_at and void_reason, and releases every session link of its lines.
void set_claim_void(Database& db, std::int64_t id, const std::string& at, const std::string& reason);
// The live claim holding (session, slot), if any.
std::optional<std::int64_t> claim_holding(Database& db, std::int64_t session_id, std::int64_t slot);

// An exported 837P interchange as the claim_batches table keeps it.
struct BatchRow {
  std::int64_t id = 0; // the batch number
  std::string created_at;
  std::string submitter_id;
  std::int64_t interchange_control = 0;
  std::int64_t group_control = 0;
  std::int64_t transaction_control = 0;
  std::string usage;
  int claim_count = 0;
  std::int64_t total_cents = 0;
  std::string content; // the exact bytes (only read by batch_content)
  std::string content_sha256;
  std::optional<std::string> written_to;
  std::vector<std::int64_t> claim_ids;
};

// The number the next batch will get (1 for the first): control numbers derive from it. Read it
// inside the write transaction that inserts the batch, so two exports never share one.
std::int64_t next_batch_number(Database& db);
// Inserts the batch with id = row.id, links its claims and marks them exported.
void insert_batch(Database& db, const BatchRow& row);
// Every batch without its content, newest last.
std::vector<BatchRow> select_batches(Database& db);
std::optional<BatchRow> find_batch(Database& db, std::int64_t id); // with its content

} // namespace iop::store
