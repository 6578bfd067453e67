// The audit hash chain (lib/audit_chain.cpp, lib/audit_store.cpp, migration 8): the canonical
// encoding, the backfill of an older database, and the walk that finds tampering.
#include "iop/audit.hpp"
#include "temp_database.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <chrono>

namespace {

iop::AuditRow sample() {
  return {17,          "2026-11-27T17:00:00Z",
          "dana",      "client enroll",
          "create",    "client",
          12,          std::string(iop::k_audit_genesis_hash),
          std::nullopt};
}

// A database with `rows` audit rows, ids 1..rows.
void fill(iop::Database& db, int rows) {
  const iop::Actor actor{"dana", "client enroll", iop::Instant{std::chrono::seconds{1795000000}}};
  iop::WriteTransaction tx(db);
  for (int i = 1; i <= rows; ++i) {
    iop::audit(db, actor, "create", "client", i);
  }
  tx.commit();
}

// What someone with the sqlite3 shell could do.
void tamper(iop::Database& db, const std::string& sql) {
  db.sql().exec("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;");
  db.sql().exec(sql);
}

std::filesystem::path temp_dir() {
  return std::filesystem::temp_directory_path() /
         ("iop-unit-chain-" + std::to_string(::getpid()) + "-" +
          std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
}

} // namespace

TEST_SUITE("audit chain") {

  TEST_CASE("the canonical encoding changes when a character moves between fields") {
    auto a = sample();
    auto b = sample();
    a.actor = "dana";
    a.command = "client enroll";
    b.actor = "danac";
    b.command = "lient enroll";
    CHECK(a.actor + a.command == b.actor + b.command);
    CHECK(iop::audit_canonical(a) != iop::audit_canonical(b));
    CHECK(iop::audit_row_hash(a) != iop::audit_row_hash(b));

    auto c = sample();
    c.action = "create:5";
    auto d = sample();
    d.action = "create";
    d.record_kind = "5:client";
    CHECK(iop::audit_canonical(c) != iop::audit_canonical(d));
  }

  TEST_CASE("NULL fields are told apart from empty text, and every field counts") {
    auto base = sample();
    auto no_kind = base;
    no_kind.record_kind = std::nullopt;
    auto empty_kind = base;
    empty_kind.record_kind = "";
    CHECK(iop::audit_canonical(no_kind) != iop::audit_canonical(empty_kind));
    auto no_id = base;
    no_id.record_id = std::nullopt;
    CHECK(iop::audit_canonical(no_id) != iop::audit_canonical(base));

    const std::string h = iop::audit_row_hash(base);
    CHECK(h.size() == 64);
    CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
    auto other_id = base;
    other_id.id = 18;
    auto other_at = base;
    other_at.at = "2026-11-27T17:00:01Z";
    auto other_prev = base;
    other_prev.prev_hash = h;
    auto with_hash = base;
    with_hash.hash = h; // the hash is not part of what it covers
    CHECK(iop::audit_row_hash(other_id) != h);
    CHECK(iop::audit_row_hash(other_at) != h);
    CHECK(iop::audit_row_hash(other_prev) != h);
    CHECK(iop::audit_row_hash(with_hash) == h);
  }

  TEST_CASE("migration 8 hashes the rows of a schema 7 database in id order") {
    const auto dir = temp_dir();
    const std::string path = (dir / "v7.db").string();
    {
      iop::Database old(path, 5000, 7);
      CHECK(old.schema_version() == 7);
      old.sql().exec("INSERT INTO audit_log (at, actor, command, action, record_kind, record_id) VALUES "
                     "('2026-01-05T00:00:00Z', 'tester', 'client enroll', 'create', 'client', 1), "
                     "('2026-01-06T00:00:00Z', 'tester', 'backup x.db', 'backup', 'database', NULL), "
                     "('2026-01-07T00:00:00Z', 'Zoë O''Brien', 'client update', 'update', NULL, 1)");
    }
    {
      iop::Database db(path);
      CHECK(db.schema_version() == iop::Database::latest_schema_version());
      CHECK(db.sql().execAndGet("SELECT count(*) FROM audit_log WHERE hash IS NULL OR prev_hash IS NULL").getInt() ==
            0);
      CHECK(db.sql().execAndGet("SELECT prev_hash FROM audit_log WHERE id = 1").getString() ==
            iop::k_audit_genesis_hash);
      const iop::AuditRow third{3,
                                "2026-01-07T00:00:00Z",
                                "Zoë O'Brien",
                                "client update",
                                "update",
                                std::nullopt,
                                1,
                                db.sql().execAndGet("SELECT hash FROM audit_log WHERE id = 2").getString(),
                                std::nullopt};
      CHECK(db.sql().execAndGet("SELECT hash FROM audit_log WHERE id = 3").getString() == iop::audit_row_hash(third));
      auto v = iop::verify_audit_chain(db);
      CHECK(v.ok());
      CHECK(v.rows == 3);
      // New rows chain on after the backfilled ones.
      fill(db, 2);
      v = iop::verify_audit_chain(db);
      CHECK(v.ok());
      CHECK(v.newest_id == 5);
      // The append-only trigger is back, and a row without its hash is refused.
      CHECK_THROWS_WITH_AS(db.sql().exec("UPDATE audit_log SET actor = 'x' WHERE id = 1"),
                           doctest::Contains("append-only"), SQLite::Exception);
      CHECK_THROWS_WITH_AS(db.sql().exec("INSERT INTO audit_log (at, actor, command, action) "
                                         "VALUES ('2026-01-08T00:00:00Z', 'a', 'c', 'x')"),
                           doctest::Contains("needs its hash"), SQLite::Exception);
      CHECK_THROWS_AS(db.sql().exec("INSERT INTO audit_log (at, actor, command, action, prev_hash, hash) "
                                    "VALUES ('2026-01-08T00:00:00Z', 'a', 'c', 'x', 'zz', 'zz')"),
                      SQLite::Exception);
    }
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("an altered row is named") {
    iop::testing::TempDatabase tmp;
    fill(tmp.db(), 5);
    tamper(tmp.db(), "UPDATE audit_log SET actor = 'mallory' WHERE id = 3");
    const auto v = iop::verify_audit_chain(tmp.db());
    CHECK(v.problem == iop::AuditProblem::altered);
    CHECK(v.first_bad_id == 3);
    CHECK(v.rows == 2);
    CHECK(v.message == "audit row 3 was altered: its content no longer matches its hash");
    CHECK(iop::to_string(v.problem) == "altered");
  }

  TEST_CASE("a row whose hash was wiped is altered") {
    iop::testing::TempDatabase tmp;
    fill(tmp.db(), 2);
    tamper(tmp.db(), "UPDATE audit_log SET hash = NULL WHERE id = 2");
    const auto v = iop::verify_audit_chain(tmp.db());
    CHECK(v.problem == iop::AuditProblem::altered);
    CHECK(v.first_bad_id == 2);
  }

  TEST_CASE("a removed middle row is named") {
    iop::testing::TempDatabase tmp;
    fill(tmp.db(), 5);
    tamper(tmp.db(), "DELETE FROM audit_log WHERE id = 3");
    const auto v = iop::verify_audit_chain(tmp.db());
    CHECK(v.problem == iop::AuditProblem::removed);
    CHECK(v.first_bad_id == 3);
    CHECK(v.message == "audit row 3 was removed");
  }

  TEST_CASE("removed first rows are named") {
    iop::testing::TempDatabase tmp;
    fill(tmp.db(), 4);
    tamper(tmp.db(), "DELETE FROM audit_log WHERE id <= 2");
    const auto v = iop::verify_audit_chain(tmp.db());
    CHECK(v.problem == iop::AuditProblem::removed);
    CHECK(v.first_bad_id == 1);
  }

  TEST_CASE("removed newest rows are caught by sqlite_sequence") {
    iop::testing::TempDatabase tmp;
    fill(tmp.db(), 5);
    tamper(tmp.db(), "DELETE FROM audit_log WHERE id >= 4");
    const auto v = iop::verify_audit_chain(tmp.db());
    CHECK(v.problem == iop::AuditProblem::removed);
    CHECK(v.first_bad_id == 4);
    CHECK(v.rows == 3);
  }

  TEST_CASE("a counter wound back is caught") {
    iop::testing::TempDatabase tmp;
    fill(tmp.db(), 5);
    tmp.db().sql().exec("UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit_log'");
    const auto v = iop::verify_audit_chain(tmp.db());
    CHECK(v.problem == iop::AuditProblem::altered);
    CHECK(v.first_bad_id == 4);
  }

  TEST_CASE("a row rewritten with a fresh hash breaks the link to the next") {
    iop::testing::TempDatabase tmp;
    auto& db = tmp.db();
    fill(db, 5);
    auto row = sample();
    row.id = 3;
    row.at = db.sql().execAndGet("SELECT at FROM audit_log WHERE id = 3").getString();
    row.actor = "mallory";
    row.record_id = 3;
    row.prev_hash = db.sql().execAndGet("SELECT hash FROM audit_log WHERE id = 2").getString();
    tamper(db, "UPDATE audit_log SET actor = 'mallory', hash = '" + iop::audit_row_hash(row) + "' WHERE id = 3");
    const auto v = iop::verify_audit_chain(db);
    CHECK(v.problem == iop::AuditProblem::reordered);
    CHECK(v.first_bad_id == 4);
    CHECK(v.message == "audit row 4 was rewritten or moved: it does not follow row 3");
  }

  TEST_CASE("verify reads one snapshot and leaves no transaction open") {
    iop::testing::TempDatabase tmp;
    fill(tmp.db(), 3);
    CHECK(iop::verify_audit_chain(tmp.db()).ok());
    iop::WriteTransaction tx(tmp.db()); // would throw if a transaction were still open
    tx.commit();
  }

} // TEST_SUITE
