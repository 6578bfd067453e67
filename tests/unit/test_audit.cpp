// The audit log (lib/audit.cpp): appending rows chained by hash, reading them back.
#include "iop/audit.hpp"
#include "temp_database.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <chrono>

namespace {

const iop::Actor k_actor{"dana", "client enroll", iop::Instant{std::chrono::seconds{1795000000}}};

void append(iop::Database& db, int rows) {
  iop::WriteTransaction tx(db);
  for (int i = 0; i < rows; ++i) {
    iop::audit(db, k_actor, "create", "client", i + 1);
  }
  tx.commit();
}

std::string column(iop::Database& db, const std::string& name, std::int64_t id) {
  SQLite::Statement st(db.sql(), "SELECT " + name + " FROM audit_log WHERE id = ?");
  st.bind(1, id);
  REQUIRE(st.executeStep());
  return st.getColumn(0).getString();
}

} // namespace

TEST_SUITE("audit") {

  TEST_CASE("each row is hashed and chained to the one before") {
    iop::testing::TempDatabase tmp;
    auto& db = tmp.db();
    append(db, 3);
    iop::WriteTransaction tx(db);
    iop::audit(db, iop::Actor{"sam", "backup", k_actor.at}, "backup", "database", std::nullopt);
    tx.commit();

    CHECK(column(db, "prev_hash", 1) == iop::k_audit_genesis_hash);
    for (std::int64_t id = 2; id <= 4; ++id) {
      CHECK(column(db, "prev_hash", id) == column(db, "hash", id - 1));
    }
    iop::AuditRow fourth{4,           column(db, "at", 4), "sam",        "backup",
                         "backup",    "database",          std::nullopt, column(db, "hash", 3),
                         std::nullopt};
    CHECK(iop::audit_row_hash(fourth) == column(db, "hash", 4));
    CHECK(column(db, "hash", 4).size() == 64);

    const auto v = iop::verify_audit_chain(db);
    CHECK(v.ok());
    CHECK(v.rows == 4);
    CHECK(v.newest_id == 4);
    CHECK(v.head == column(db, "hash", 4));
  }

  TEST_CASE("a rolled-back change leaves no audit row and no gap") {
    iop::testing::TempDatabase tmp;
    auto& db = tmp.db();
    append(db, 2);
    {
      iop::WriteTransaction tx(db);
      iop::audit(db, k_actor, "create", "client", 3);
    }
    append(db, 1);
    CHECK(db.sql().execAndGet("SELECT group_concat(id) FROM audit_log").getString() == "1,2,3");
    CHECK(iop::verify_audit_chain(db).ok());
  }

  TEST_CASE("two connections appending in turn keep one chain") {
    iop::testing::TempDatabase tmp;
    iop::Database other(tmp.db().path());
    for (int i = 0; i < 5; ++i) {
      append(tmp.db(), 2);
      append(other, 3);
    }
    const auto v = iop::verify_audit_chain(other);
    CHECK(v.ok());
    CHECK(v.rows == 25);
  }

  TEST_CASE("an empty log is intact") {
    iop::testing::TempDatabase tmp;
    const auto v = iop::verify_audit_chain(tmp.db());
    CHECK(v.ok());
    CHECK(v.rows == 0);
    CHECK(v.newest_id == 0);
    CHECK(v.head == iop::k_audit_genesis_hash);
  }

  TEST_CASE("audit_entries lists newest first, filtered") {
    iop::testing::TempDatabase tmp;
    append(tmp.db(), 3);
    const auto all = iop::audit_entries(tmp.db(), {});
    REQUIRE(all.size() == 3);
    CHECK(all[0].id == 3);
    CHECK(all[0].actor == "dana");
    CHECK(all[0].record_kind == "client");
    const auto one = iop::audit_entries(tmp.db(), {0, std::string("client"), 2});
    REQUIRE(one.size() == 1);
    CHECK(one[0].id == 2);
  }

} // TEST_SUITE
