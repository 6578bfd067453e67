// SQL for shell completion. Opened read-only and without SQLITE_OPEN_CREATE, so a missing
// database stays missing and a busy one costs at most k_busy_ms; one short query per call.
#include "iop/completion_candidates.hpp"

#include "iop/database.hpp"
#include "iop/dates.hpp"
#include "iop/local_time.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <array>
#include <filesystem>

namespace iop {

namespace {

constexpr int k_busy_ms = 200;

struct KindName {
  CandidateKind kind;
  const char* name;
};
constexpr std::array<KindName, 8> k_kinds{{{CandidateKind::clients, "clients"},
                                           {CandidateKind::clinicians, "clinicians"},
                                           {CandidateKind::couples, "couples"},
                                           {CandidateKind::groups, "groups"},
                                           {CandidateKind::payers, "payers"},
                                           {CandidateKind::sessions, "sessions"},
                                           {CandidateKind::claims, "claims"},
                                           {CandidateKind::notes, "notes"}}};

// Each query binds ?1 (the id prefix) and returns (id, label); sessions also bind ?2, the
// earliest start, and return the start (UTC) and zone instead of a finished label.
const char* query_of(CandidateKind kind) {
  switch (kind) {
  case CandidateKind::clients:
    return "SELECT id, first_name || ' ' || last_name FROM clients "
           "WHERE status = 'active' AND CAST(id AS TEXT) LIKE ?1 || '%' ORDER BY id LIMIT 200";
  case CandidateKind::clinicians:
    return "SELECT id, name || ', ' || credential FROM clinicians "
           "WHERE active = 1 AND CAST(id AS TEXT) LIKE ?1 || '%' ORDER BY id LIMIT 200";
  case CandidateKind::couples:
    return "SELECT co.id, a.first_name || ' ' || a.last_name || ' & ' || b.first_name || ' ' || b.last_name "
           "FROM couples co JOIN clients a ON a.id = co.client_a JOIN clients b ON b.id = co.client_b "
           "WHERE co.until IS NULL AND CAST(co.id AS TEXT) LIKE ?1 || '%' ORDER BY co.id LIMIT 200";
  case CandidateKind::groups:
    return "SELECT id, name FROM groups WHERE CAST(id AS TEXT) LIKE ?1 || '%' ORDER BY id LIMIT 200";
  case CandidateKind::payers:
    return "SELECT id, name FROM payers WHERE active = 1 AND CAST(id AS TEXT) LIKE ?1 || '%' ORDER BY id LIMIT 200";
  case CandidateKind::sessions:
    return "SELECT s.id, s.start_utc, s.timezone, s.type || ' · ' || COALESCE("
           "cl.first_name || ' ' || cl.last_name, "
           "a.first_name || ' ' || a.last_name || ' & ' || b.first_name || ' ' || b.last_name, g.name, '') "
           "|| ' · ' || s.status "
           "FROM sessions s LEFT JOIN clients cl ON cl.id = s.client_id "
           "LEFT JOIN couples co ON co.id = s.couple_id "
           "LEFT JOIN clients a ON a.id = co.client_a LEFT JOIN clients b ON b.id = co.client_b "
           "LEFT JOIN groups g ON g.id = s.group_id "
           "WHERE s.start_utc >= ?2 AND CAST(s.id AS TEXT) LIKE ?1 || '%' ORDER BY s.start_utc, s.id LIMIT 100";
  case CandidateKind::claims:
    return "SELECT c.id, cl.first_name || ' ' || cl.last_name || ' · ' || p.name || ' · ' || c.first_service_on "
           "|| ' · ' || c.status FROM claims c JOIN clients cl ON cl.id = c.client_id "
           "JOIN payers p ON p.id = c.payer_id "
           "WHERE c.status IN ('draft', 'exported') AND CAST(c.id AS TEXT) LIKE ?1 || '%' "
           "ORDER BY c.id DESC LIMIT 200";
  case CandidateKind::notes:
    return "SELECT n.id, cl.first_name || ' ' || cl.last_name || ' · session ' || n.session_id || ' · ' || "
           "CASE WHEN n.signed_at IS NULL THEN 'draft' ELSE 'signed' END "
           "FROM notes n JOIN clients cl ON cl.id = n.client_id "
           "WHERE CAST(n.id AS TEXT) LIKE ?1 || '%' ORDER BY n.id DESC LIMIT 200";
  }
  return "";
}

std::vector<Candidate> read_candidates(SQLite::Database& db, const CandidateQuery& q) {
  SQLite::Statement st(db, query_of(q.kind));
  st.bind(1, q.id_prefix);
  const bool sessions = q.kind == CandidateKind::sessions;
  if (sessions) {
    st.bind(2, format_utc(q.now - std::chrono::days(14)));
  }
  std::vector<Candidate> out;
  while (st.executeStep()) {
    Candidate c;
    c.id = st.getColumn(0).getInt64();
    if (sessions) {
      const auto start = parse_utc(st.getColumn(1).getString());
      const std::string zone = q.zone.empty() ? st.getColumn(2).getString() : q.zone;
      c.label = (start ? format_local(*start, zone) + " " : std::string()) + st.getColumn(3).getString();
    } else {
      c.label = st.getColumn(1).getString();
    }
    out.push_back(std::move(c));
  }
  return out;
}

} // namespace

std::optional<CandidateKind> candidate_kind(std::string_view name) {
  for (const KindName& k : k_kinds) {
    if (name == k.name) {
      return k.kind;
    }
  }
  return std::nullopt;
}

const std::vector<std::string>& candidate_kind_names() {
  static const std::vector<std::string> k_names = [] {
    std::vector<std::string> names;
    for (const KindName& k : k_kinds) {
      names.emplace_back(k.name);
    }
    return names;
  }();
  return k_names;
}

std::vector<Candidate> completion_candidates(const std::string& db_path, const CandidateQuery& query) {
  const bool digits_only =
      std::all_of(query.id_prefix.begin(), query.id_prefix.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  std::error_code ec;
  if (!digits_only || db_path.empty() || !std::filesystem::is_regular_file(db_path, ec)) {
    return {};
  }
  try {
    SQLite::Database db(db_path, SQLite::OPEN_READONLY, k_busy_ms);
    // An older (or newer) schema is left alone: the next real command migrates it.
    if (db.execAndGet("PRAGMA user_version").getInt() != Database::latest_schema_version()) {
      return {};
    }
    return read_candidates(db, query);
  } catch (const std::exception&) {
    return {};
  }
}

} // namespace iop
