// SQL for claims, their lines and the sessions they bill, and 837P batches. Internal to lib/.
#pragma once

#include "iop/claims.hpp"

#include <functional>
#include <memory>
#include <string_view>

struct sqlite3_blob;

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

// Reads claims one at a time through statements prepared once, for exports that walk thousands:
// the claim and its lines, without the lines' session links (nothing exported shows them).
class ClaimReader {
public:
  explicit ClaimReader(Database& db);
  ~ClaimReader();
  ClaimReader(const ClaimReader&) = delete;
  ClaimReader& operator=(const ClaimReader&) = delete;
  std::optional<Claim> read(std::int64_t id);

private:
  struct Statements;
  std::unique_ptr<Statements> m_statements;
};

// A claim's status and batch, without its lines (checking a --claim list before any work).
struct ClaimState {
  std::string status;
  std::optional<std::int64_t> batch_id;
};
std::optional<ClaimState> claim_state(Database& db, std::int64_t id);
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
  std::string content; // only for insert_batch(db, row): content bound at once (tests)
  std::string content_sha256;
  std::optional<std::string> written_to;
  std::vector<std::int64_t> claim_ids;
};

// The number the next batch will get (1 for the first): control numbers derive from it. Read it
// inside the write transaction that inserts the batch, so two exports never share one.
std::int64_t next_batch_number(Database& db);
// Inserts the batch with id = row.id and `content_size` zero bytes as its content (filled in
// through BatchContent in the same transaction), links its claims and marks them exported.
void insert_batch(Database& db, const BatchRow& row, std::int64_t content_size);
// The same with row.content as the content, bound at once: for small batches made by tests.
void insert_batch(Database& db, const BatchRow& row);
// Every batch without its content, newest last.
std::vector<BatchRow> select_batches(Database& db);
std::optional<BatchRow> find_batch(Database& db, std::int64_t id); // without its content
// The newest `limit` batches that were written to a file: (number, written_to), newest first.
std::vector<std::pair<std::int64_t, std::string>> recent_batch_files(Database& db, int limit);

// The content of a stored batch through SQLite's incremental BLOB I/O: written in place right
// after insert_batch, read back in pieces, never held whole. (BLOB I/O fires no trigger: the
// claim_batches_fixed trigger guards UPDATE statements, and the content is only ever written
// into the zeros of a row this transaction inserted.) Failures: iop::Error.
class BatchContent {
public:
  BatchContent(Database& db, std::int64_t id, bool writable);
  ~BatchContent();
  BatchContent(const BatchContent&) = delete;
  BatchContent& operator=(const BatchContent&) = delete;
  std::int64_t size() const;
  void write(std::int64_t offset, std::string_view bytes);
  void read(const std::function<void(std::string_view)>& piece, std::size_t chunk = 256 * 1024) const;

private:
  Database& m_db;
  sqlite3_blob* m_blob = nullptr;
};

} // namespace iop::store
