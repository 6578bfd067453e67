#include "claim_store.hpp"

#include "iop/errors.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <sstream>

namespace iop::store {

namespace {

constexpr const char* k_select_claim =
    "SELECT c.id, c.client_id, c.coverage_id, c.payer_id, c.clinician_id, c.status, c.frequency, "
    "c.original_claim_id, c.payer_claim_number, c.place_of_service, c.diagnoses, c.total_cents, "
    "c.first_service_on, c.last_service_on, c.created_at, c.voided_at, c.void_reason, b.batch_id "
    "FROM claims c LEFT JOIN claim_batch_claims b ON b.claim_id = c.id ";

std::optional<std::string> optional_text(const SQLite::Column& col) {
  if (col.isNull()) {
    return std::nullopt;
  }
  return col.getString();
}

std::optional<std::int64_t> optional_id(const SQLite::Column& col) {
  if (col.isNull()) {
    return std::nullopt;
  }
  return col.getInt64();
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind(index);
  }
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::int64_t>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind(index);
  }
}

// Lists are stored as comma-separated text: modifiers, pointers, diagnoses.
std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ",") + item;
  }
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) {
      out.push_back(item);
    }
  }
  return out;
}

std::string joined_pointers(const std::vector<int>& pointers) {
  std::vector<std::string> text;
  for (const int p : pointers) {
    text.push_back(std::to_string(p));
  }
  return joined(text);
}

std::vector<int> split_pointers(const std::string& text) {
  std::vector<int> out;
  for (const auto& item : split(text)) {
    out.push_back(std::stoi(item));
  }
  return out;
}

Claim read_claim(SQLite::Statement& st) {
  Claim c;
  c.id = st.getColumn(0).getInt64();
  c.client_id = st.getColumn(1).getInt64();
  c.coverage_id = st.getColumn(2).getInt64();
  c.payer_id = st.getColumn(3).getInt64();
  c.clinician_id = st.getColumn(4).getInt64();
  c.status = st.getColumn(5).getString();
  c.frequency = st.getColumn(6).getInt();
  c.original_claim_id = optional_id(st.getColumn(7));
  c.payer_claim_number = optional_text(st.getColumn(8));
  c.place_of_service = st.getColumn(9).getString();
  c.diagnoses = split(st.getColumn(10).getString());
  c.total_cents = st.getColumn(11).getInt64();
  c.first_service_on = st.getColumn(12).getString();
  c.last_service_on = st.getColumn(13).getString();
  c.created_at = st.getColumn(14).getString();
  c.voided_at = optional_text(st.getColumn(15));
  c.void_reason = optional_text(st.getColumn(16));
  c.batch_id = optional_id(st.getColumn(17));
  return c;
}

std::vector<ClaimLineSession> line_sessions(Database& db, std::int64_t line_id) {
  SQLite::Statement st(db.sql(), "SELECT session_id, slot, released FROM claim_line_sessions WHERE line_id = ? "
                                 "ORDER BY session_id, slot");
  st.bind(1, line_id);
  std::vector<ClaimLineSession> out;
  while (st.executeStep()) {
    out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getInt() != 0});
  }
  return out;
}

constexpr const char* k_select_lines =
    "SELECT id, line_number, service_date, code, modifiers, place_of_service, units, charge_cents, pointers, "
    "authorization_id FROM claim_lines WHERE claim_id = ? ORDER BY line_number";

ClaimLine read_line(SQLite::Statement& st) {
  ClaimLine l;
  l.id = st.getColumn(0).getInt64();
  l.line_number = st.getColumn(1).getInt();
  l.service_date = st.getColumn(2).getString();
  l.code = st.getColumn(3).getString();
  l.modifiers = split(st.getColumn(4).getString());
  l.place_of_service = st.getColumn(5).getString();
  l.units = st.getColumn(6).getInt();
  l.charge_cents = st.getColumn(7).getInt64();
  l.pointers = split_pointers(st.getColumn(8).getString());
  l.authorization_id = optional_id(st.getColumn(9));
  return l;
}

void load_lines(Database& db, Claim& claim) {
  SQLite::Statement st(db.sql(), k_select_lines);
  st.bind(1, claim.id);
  while (st.executeStep()) {
    claim.lines.push_back(read_line(st));
  }
  for (auto& line : claim.lines) {
    line.sessions = line_sessions(db, line.id);
  }
}

std::vector<Claim> read_claims(Database& db, SQLite::Statement& st) {
  std::vector<Claim> out;
  while (st.executeStep()) {
    out.push_back(read_claim(st));
  }
  for (auto& claim : out) {
    load_lines(db, claim);
  }
  return out;
}

std::int64_t insert_line(Database& db, std::int64_t claim_id, const ClaimLine& l) {
  auto cached = db.cached("INSERT INTO claim_lines (claim_id, line_number, service_date, code, modifiers, "
                          "place_of_service, units, charge_cents, pointers, authorization_id) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  SQLite::Statement& st = *cached;
  st.bind(1, claim_id);
  st.bind(2, l.line_number);
  st.bind(3, l.service_date);
  st.bind(4, l.code);
  st.bind(5, joined(l.modifiers));
  st.bind(6, l.place_of_service);
  st.bind(7, l.units);
  st.bind(8, l.charge_cents);
  st.bind(9, joined_pointers(l.pointers));
  bind_optional(st, 10, l.authorization_id);
  st.exec();
  return db.sql().getLastInsertRowid();
}

void insert_link(Database& db, std::int64_t line_id, const ClaimLineSession& link) {
  auto cached = db.cached("INSERT INTO claim_line_sessions (line_id, session_id, slot, released) VALUES (?, ?, ?, ?)");
  SQLite::Statement& st = *cached;
  st.bind(1, line_id);
  st.bind(2, link.session_id);
  st.bind(3, link.slot);
  st.bind(4, link.released ? 1 : 0);
  st.exec();
}

} // namespace

// The three INSERTs are prepared once per connection: a month's build stores tens of thousands.
Claim insert_claim(Database& db, const Claim& claim) {
  auto cached =
      db.cached("INSERT INTO claims (client_id, coverage_id, payer_id, clinician_id, status, frequency, "
                "original_claim_id, payer_claim_number, place_of_service, diagnoses, total_cents, "
                "first_service_on, last_service_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  SQLite::Statement& st = *cached;
  st.bind(1, claim.client_id);
  st.bind(2, claim.coverage_id);
  st.bind(3, claim.payer_id);
  st.bind(4, claim.clinician_id);
  st.bind(5, claim.status);
  st.bind(6, claim.frequency);
  bind_optional(st, 7, claim.original_claim_id);
  bind_optional(st, 8, claim.payer_claim_number);
  st.bind(9, claim.place_of_service);
  st.bind(10, joined(claim.diagnoses));
  st.bind(11, claim.total_cents);
  st.bind(12, claim.first_service_on);
  st.bind(13, claim.last_service_on);
  st.bind(14, claim.created_at);
  st.exec();
  Claim stored = claim;
  stored.id = db.sql().getLastInsertRowid();
  for (auto& line : stored.lines) {
    line.id = insert_line(db, stored.id, line);
    for (const auto& link : line.sessions) {
      insert_link(db, line.id, link);
    }
  }
  return stored;
}

std::optional<Claim> find_claim(Database& db, std::int64_t id) {
  SQLite::Statement st(db.sql(), std::string(k_select_claim) + "WHERE c.id = ?");
  st.bind(1, id);
  auto all = read_claims(db, st);
  if (all.empty()) {
    return std::nullopt;
  }
  return all.front();
}

std::vector<Claim> select_claims(Database& db, const ClaimFilter& filter) {
  SQLite::Statement st(db.sql(), std::string(k_select_claim) +
                                     "WHERE (?1 IS NULL OR c.status = ?1) AND (?2 IS NULL OR c.client_id = ?2) "
                                     "AND (?3 IS NULL OR c.payer_id = ?3) AND (?4 IS NULL OR c.last_service_on >= ?4) "
                                     "AND (?5 IS NULL OR c.first_service_on <= ?5) ORDER BY c.id");
  bind_optional(st, 1, filter.status);
  bind_optional(st, 2, filter.client_id);
  bind_optional(st, 3, filter.payer_id);
  bind_optional(st, 4, filter.from ? std::optional<std::string>(format_date(*filter.from)) : std::nullopt);
  bind_optional(st, 5, filter.to ? std::optional<std::string>(format_date(*filter.to)) : std::nullopt);
  return read_claims(db, st);
}

std::vector<Claim> claims_by_id(Database& db, const std::vector<std::int64_t>& ids) {
  std::vector<Claim> out;
  for (const auto id : ids) {
    if (auto claim = find_claim(db, id)) {
      out.push_back(std::move(*claim));
    }
  }
  return out;
}

std::vector<std::int64_t> draft_claim_ids(Database& db) {
  SQLite::Statement st(db.sql(), "SELECT id FROM claims WHERE status = 'draft' ORDER BY id");
  std::vector<std::int64_t> out;
  // Sized first: a year's drafts are hundreds of thousands, and doubling would hold up to twice that.
  out.reserve(
      static_cast<std::size_t>(db.sql().execAndGet("SELECT count(*) FROM claims WHERE status = 'draft'").getInt64()));
  while (st.executeStep()) {
    out.push_back(st.getColumn(0).getInt64());
  }
  return out;
}

// The claim and line statements, prepared once and reset for each claim.
struct ClaimReader::Statements {
  SQLite::Statement claim;
  SQLite::Statement lines;
  explicit Statements(Database& db)
      : claim(db.sql(), std::string(k_select_claim) + "WHERE c.id = ?"), lines(db.sql(), std::string(k_select_lines)) {}
};

ClaimReader::ClaimReader(Database& db) : m_statements(std::make_unique<Statements>(db)) {}

ClaimReader::~ClaimReader() = default;

std::optional<Claim> ClaimReader::read(std::int64_t id) {
  SQLite::Statement& st = m_statements->claim;
  st.reset();
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  Claim claim = read_claim(st);
  st.reset(); // ends the read: nothing stays open between claims
  SQLite::Statement& lines = m_statements->lines;
  lines.reset();
  lines.bind(1, id);
  while (lines.executeStep()) {
    claim.lines.push_back(read_line(lines));
  }
  lines.reset();
  return claim;
}

std::optional<ClaimState> claim_state(Database& db, std::int64_t id) {
  SQLite::Statement st(db.sql(), "SELECT c.status, b.batch_id FROM claims c "
                                 "LEFT JOIN claim_batch_claims b ON b.claim_id = c.id WHERE c.id = ?");
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return ClaimState{st.getColumn(0).getString(), optional_id(st.getColumn(1))};
}

void set_claim_void(Database& db, std::int64_t id, const std::string& at, const std::string& reason) {
  SQLite::Statement st(db.sql(), "UPDATE claims SET status = 'void', voided_at = ?, void_reason = ? WHERE id = ?");
  st.bind(1, at);
  st.bind(2, reason);
  st.bind(3, id);
  st.exec();
  SQLite::Statement release(db.sql(), "UPDATE claim_line_sessions SET released = 1 WHERE released = 0 AND line_id IN "
                                      "(SELECT id FROM claim_lines WHERE claim_id = ?)");
  release.bind(1, id);
  release.exec();
}

std::optional<std::int64_t> claim_holding(Database& db, std::int64_t session_id, std::int64_t slot) {
  auto cached = db.cached("SELECT l.claim_id FROM claim_line_sessions s JOIN claim_lines l ON l.id = s.line_id "
                          "WHERE s.session_id = ? AND s.slot = ? AND s.released = 0"); // once per service built
  SQLite::Statement& st = *cached;
  st.bind(1, session_id);
  st.bind(2, slot);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return st.getColumn(0).getInt64();
}

std::int64_t next_batch_number(Database& db) {
  SQLite::Statement st(db.sql(), "SELECT COALESCE(MAX(id), 0) + 1 FROM claim_batches");
  st.executeStep();
  return st.getColumn(0).getInt64();
}

namespace {

// The row with its content bound by `bind_content`, its claim links, its claims marked exported.
// `content` is the SQL of the tenth value: "?" for bytes bound at once, "zeroblob(?)" for a size.
void insert_batch_row(Database& db, const BatchRow& row, const std::string& content,
                      const std::function<void(SQLite::Statement&)>& bind_content) {
  SQLite::Statement st(db.sql(), "INSERT INTO claim_batches (id, created_at, submitter_id, interchange_control, "
                                 "group_control, transaction_control, usage, claim_count, total_cents, content, "
                                 "content_sha256, written_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " +
                                     content + ", ?, ?)");
  st.bind(1, row.id);
  st.bind(2, row.created_at);
  st.bind(3, row.submitter_id);
  st.bind(4, row.interchange_control);
  st.bind(5, row.group_control);
  st.bind(6, row.transaction_control);
  st.bind(7, row.usage);
  st.bind(8, row.claim_count);
  st.bind(9, row.total_cents);
  bind_content(st);
  st.bind(11, row.content_sha256);
  bind_optional(st, 12, row.written_to);
  st.exec();
  SQLite::Statement link(db.sql(), "INSERT INTO claim_batch_claims (batch_id, claim_id) VALUES (?, ?)");
  SQLite::Statement mark(db.sql(), "UPDATE claims SET status = 'exported' WHERE id = ? AND status = 'draft'");
  for (const auto claim_id : row.claim_ids) {
    link.reset();
    link.bind(1, row.id);
    link.bind(2, claim_id);
    link.exec();
    mark.reset();
    mark.bind(1, claim_id);
    mark.exec();
  }
}

} // namespace

void insert_batch(Database& db, const BatchRow& row, std::int64_t content_size) {
  // Zeros of the final size, filled in place by BatchContent: the bytes are never bound whole.
  insert_batch_row(db, row, "zeroblob(?)", [content_size](SQLite::Statement& st) { st.bind(10, content_size); });
}

void insert_batch(Database& db, const BatchRow& row) {
  insert_batch_row(db, row, "?", [&row](SQLite::Statement& st) {
    st.bind(10, row.content.data(), static_cast<int>(row.content.size()));
  });
}

namespace {

constexpr const char* k_select_batch =
    "SELECT id, created_at, submitter_id, interchange_control, group_control, transaction_control, usage, "
    "claim_count, total_cents, content_sha256, written_to FROM claim_batches ";

BatchRow read_batch(Database& db, SQLite::Statement& st) {
  BatchRow b;
  b.id = st.getColumn(0).getInt64();
  b.created_at = st.getColumn(1).getString();
  b.submitter_id = st.getColumn(2).getString();
  b.interchange_control = st.getColumn(3).getInt64();
  b.group_control = st.getColumn(4).getInt64();
  b.transaction_control = st.getColumn(5).getInt64();
  b.usage = st.getColumn(6).getString();
  b.claim_count = st.getColumn(7).getInt();
  b.total_cents = st.getColumn(8).getInt64();
  b.content_sha256 = st.getColumn(9).getString();
  b.written_to = optional_text(st.getColumn(10));
  SQLite::Statement claims(db.sql(), "SELECT claim_id FROM claim_batch_claims WHERE batch_id = ? ORDER BY claim_id");
  claims.bind(1, b.id);
  while (claims.executeStep()) {
    b.claim_ids.push_back(claims.getColumn(0).getInt64());
  }
  return b;
}

} // namespace

std::vector<std::pair<std::int64_t, std::string>> recent_batch_files(Database& db, int limit) {
  SQLite::Statement st(
      db.sql(), "SELECT id, written_to FROM claim_batches WHERE written_to IS NOT NULL ORDER BY id DESC LIMIT ?");
  st.bind(1, limit);
  std::vector<std::pair<std::int64_t, std::string>> out;
  while (st.executeStep()) {
    out.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getString());
  }
  return out;
}

std::vector<BatchRow> select_batches(Database& db) {
  SQLite::Statement st(db.sql(), std::string(k_select_batch) + "ORDER BY id");
  std::vector<BatchRow> out;
  while (st.executeStep()) {
    out.push_back(read_batch(db, st));
  }
  return out;
}

std::optional<BatchRow> find_batch(Database& db, std::int64_t id) {
  SQLite::Statement st(db.sql(), std::string(k_select_batch) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_batch(db, st);
}

BatchContent::BatchContent(Database& db, std::int64_t id, bool writable) : m_db(db) {
  if (sqlite3_blob_open(db.sql().getHandle(), "main", "claim_batches", "content", id, writable ? 1 : 0, &m_blob) !=
      SQLITE_OK) {
    const std::string why = sqlite3_errmsg(db.sql().getHandle());
    sqlite3_blob_close(m_blob); // a failed open may still hand back a handle
    m_blob = nullptr;
    throw Error("cannot open the content of claim batch " + std::to_string(id) + ": " + why);
  }
}

BatchContent::~BatchContent() {
  sqlite3_blob_close(m_blob);
}

std::int64_t BatchContent::size() const {
  return sqlite3_blob_bytes(m_blob);
}

void BatchContent::write(std::int64_t offset, std::string_view bytes) {
  if (sqlite3_blob_write(m_blob, bytes.data(), static_cast<int>(bytes.size()), static_cast<int>(offset)) != SQLITE_OK) {
    throw Error(std::string("cannot store a claim batch's content: ") + sqlite3_errmsg(m_db.sql().getHandle()));
  }
}

void BatchContent::read(const std::function<void(std::string_view)>& piece, std::size_t chunk) const {
  const std::int64_t total = size();
  std::string buffer(chunk, '\0');
  for (std::int64_t offset = 0; offset < total;) {
    const int n = static_cast<int>(std::min<std::int64_t>(static_cast<std::int64_t>(chunk), total - offset));
    if (sqlite3_blob_read(m_blob, buffer.data(), n, static_cast<int>(offset)) != SQLITE_OK) {
      throw Error(std::string("cannot read a claim batch's content: ") + sqlite3_errmsg(m_db.sql().getHandle()));
    }
    piece(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    offset += n;
  }
}

} // namespace iop::store
