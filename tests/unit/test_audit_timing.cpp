// The cost of iop::audit() per row, for the 100,000-row import benchmark. Not an assertion
// (machines differ): skipped by default, run with
//   iop_unit_tests -tc="audit timing*" --no-skip
#include "iop/audit.hpp"
#include "iop/dates.hpp"
#include "iop/sha256.hpp"
#include "temp_database.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <chrono>
#include <functional>

namespace {

constexpr int k_rows = 100000;

// audit() as it was before the hash chain (schema 7): the INSERT prepared again for every row.
void unchained_audit(iop::Database& db, const iop::Actor& actor, const std::string& action,
                     const std::string& record_kind, std::optional<std::int64_t> record_id) {
  SQLite::Statement st(db.sql(), "INSERT INTO audit_log (at, actor, command, action, record_kind, record_id) "
                                 "VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, iop::format_utc(actor.at));
  st.bind(2, actor.user);
  st.bind(3, actor.command);
  st.bind(4, action);
  st.bind(5, record_kind);
  if (record_id) {
    st.bind(6, *record_id);
  } else {
    st.bind(6);
  }
  st.exec();
}

double time_rows(iop::Database& db, const std::function<void(std::int64_t)>& one) {
  const auto started = std::chrono::steady_clock::now();
  iop::WriteTransaction tx(db);
  for (std::int64_t i = 1; i <= k_rows; ++i) {
    one(i);
  }
  tx.commit();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

const iop::Actor k_actor{"bench", "client import", iop::Instant{std::chrono::seconds{1795000000}}};

} // namespace

TEST_CASE("audit timing: 100,000 rows in one transaction" * doctest::skip()) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("iop-audit-timing-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    iop::Database before((dir / "v7.db").string(), 5000, 7);
    const double ms =
        time_rows(before, [&](std::int64_t i) { unchained_audit(before, k_actor, "create", "client", i); });
    MESSAGE("before (schema 7, no hash, INSERT prepared per row): " << ms << " ms, " << ms * 1000.0 / k_rows
                                                                    << " us/row");
  }
  {
    iop::Database after((dir / "v8.db").string());
    const double ms = time_rows(after, [&](std::int64_t i) { iop::audit(after, k_actor, "create", "client", i); });
    MESSAGE("after (hash chain, cached statements): " << ms << " ms, " << ms * 1000.0 / k_rows << " us/row");
    CHECK(iop::verify_audit_chain(after).rows == k_rows);
  }
  std::filesystem::remove_all(dir);
  // The share of the SHA-256 itself (OpenSSL's EVP_Digest on a row's ~120 bytes).
  const iop::AuditRow row{1,           "2026-11-27T17:00:00Z",
                          "bench",     "client import",
                          "create",    "client",
                          1,           std::string(iop::k_audit_genesis_hash),
                          std::nullopt};
  const auto started = std::chrono::steady_clock::now();
  std::size_t sink = 0;
  for (int i = 0; i < k_rows; ++i) {
    sink += iop::audit_row_hash(row).size();
  }
  const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  MESSAGE("of which hashing alone: " << ms << " ms, " << ms * 1000.0 / k_rows << " us/row");
  CHECK(sink == 64u * k_rows);
}
