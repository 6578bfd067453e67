// Opening, migrating and locking the SQLite file (lib/database.cpp, lib/migrations.cpp).
#include "iop/audit.hpp"
#include "iop/database.hpp"
#include "iop/errors.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

namespace {

// A fresh folder under the system temp directory, removed with everything in it at the end.
class TempDir {
public:
  TempDir() {
    static int counter = 0;
    m_path =
        std::filesystem::temp_directory_path() /
        ("iop-unit-db-" + std::to_string(::getpid()) + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-" + std::to_string(++counter));
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  std::string file(const std::string& name) const { return (m_path / name).string(); }
  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
};

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

int count(iop::Database& db, const std::string& table) {
  return db.sql().execAndGet("SELECT count(*) FROM " + table).getInt();
}

bool has_table(iop::Database& db, const std::string& name) {
  SQLite::Statement st(db.sql(), "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  st.bind(1, name);
  return st.executeStep();
}

} // namespace

TEST_SUITE("database") {

  TEST_CASE("a new database is migrated to the latest schema") {
    TempDir tmp;
    iop::Database db(tmp.file("iop.db"));
    CHECK(iop::Database::latest_schema_version() >= 2);
    CHECK(db.schema_version() == iop::Database::latest_schema_version());
    CHECK(has_table(db, "clinicians"));
    CHECK(has_table(db, "couples"));
    CHECK(db.sql().execAndGet("PRAGMA foreign_keys").getInt() == 1);
    CHECK(db.sql().execAndGet("PRAGMA journal_mode").getString() == "wal");
  }

  TEST_CASE("a database from schema 1 opens, migrates and keeps its rows") {
    TempDir tmp;
    const std::string path = tmp.file("old.db");
    {
      iop::Database old(path, 5000, 1);
      CHECK(old.schema_version() == 1);
      CHECK_FALSE(has_table(old, "couples"));
      old.sql().exec("INSERT INTO clinicians (name, credential, timezone, created_at) "
                     "VALUES ('Dana Reyes', 'LMFT', 'America/Los_Angeles', '2026-01-01T00:00:00Z')");
      old.sql().exec("INSERT INTO clients (first_name, last_name, search_name, date_of_birth, timezone, "
                     "admission_date, created_at) VALUES ('Ana', 'Reed', 'ana reed', '1985-02-01', "
                     "'America/Los_Angeles', '2026-01-05', '2026-01-05T00:00:00Z')");
      old.sql().exec("INSERT INTO audit_log (at, actor, command, action, record_kind, record_id) "
                     "VALUES ('2026-01-05T00:00:00Z', 'tester', 'client enroll', 'create', 'client', 1)");
    }
    iop::Database db(path);
    CHECK(db.schema_version() == iop::Database::latest_schema_version());
    CHECK(has_table(db, "couples"));
    CHECK(count(db, "clinicians") == 1);
    CHECK(count(db, "clients") == 1);
    CHECK(count(db, "audit_log") == 1);
    CHECK(db.sql().execAndGet("SELECT last_name FROM clients WHERE id = 1").getString() == "Reed");
    // Reopening an up-to-date database changes nothing.
    iop::Database again(path);
    CHECK(again.schema_version() == iop::Database::latest_schema_version());
    CHECK(count(again, "clients") == 1);
  }

  TEST_CASE("a database newer than this program is refused and left alone") {
    TempDir tmp;
    const std::string path = tmp.file("new.db");
    const int newer = iop::Database::latest_schema_version() + 1;
    {
      SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      raw.exec("PRAGMA user_version = " + std::to_string(newer));
    }
    CHECK_THROWS_WITH_AS(iop::Database{path}, doctest::Contains("newer"), iop::Error);
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == newer);
    CHECK_FALSE(raw.tableExists("clinicians"));
  }

  TEST_CASE("the file is created 0600 in new folders made 0700") {
    TempDir tmp;
    const std::string path = (tmp.path() / "a" / "b" / "iop.db").string();
    iop::Database db(path);
    CHECK(mode_of(path) == 0600);
    CHECK(mode_of((tmp.path() / "a" / "b").string()) == 0700);
    CHECK(mode_of((tmp.path() / "a").string()) == 0700);
  }

  TEST_CASE("a folder given as the database is refused") {
    TempDir tmp;
    CHECK_THROWS_WITH_AS(iop::Database{tmp.path().string()}, doctest::Contains("is a folder"), iop::Error);
  }

  TEST_CASE("the audit log is append-only") {
    TempDir tmp;
    iop::Database db(tmp.file("iop.db"));
    {
      iop::WriteTransaction tx(db);
      iop::audit(db, iop::Actor{"a", "c", iop::Instant{}}, "x", "client", 1);
      tx.commit();
    }
    CHECK_THROWS_WITH_AS(db.sql().exec("UPDATE audit_log SET actor = 'mallory'"), doctest::Contains("append-only"),
                         SQLite::Exception);
    CHECK_THROWS_WITH_AS(db.sql().exec("DELETE FROM audit_log"), doctest::Contains("append-only"), SQLite::Exception);
    CHECK(db.sql().execAndGet("SELECT actor FROM audit_log").getString() == "a");
  }

  TEST_CASE("a cached statement is prepared once and reset after each use") {
    TempDir tmp;
    iop::Database db(tmp.file("iop.db"));
    constexpr const char* sql = "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3";
    const auto busy_statements = [&db] {
      int busy = 0;
      for (sqlite3_stmt* s = sqlite3_next_stmt(db.sql().getHandle(), nullptr); s != nullptr;
           s = sqlite3_next_stmt(db.sql().getHandle(), s)) {
        busy += sqlite3_stmt_busy(s) != 0 ? 1 : 0;
      }
      return busy;
    };
    SQLite::Statement* first = nullptr;
    {
      auto st = db.cached(sql);
      REQUIRE(st->executeStep()); // stopped mid-way on purpose
      first = &*st;
      CHECK(busy_statements() == 1);
    }
    CHECK(busy_statements() == 0); // no read transaction kept open between uses
    auto again = db.cached(sql);
    CHECK(&*again == first);
    REQUIRE(again->executeStep());
    CHECK(again->getColumn(0).getInt() == 1); // starts from the top again
  }

  TEST_CASE("records are never hard-deleted (triggers)") {
    TempDir tmp;
    iop::Database db(tmp.file("iop.db"));
    db.sql().exec("INSERT INTO clinicians (name, credential, timezone, created_at) VALUES ('A', 'MD', 'UTC', 'now')");
    db.sql().exec("INSERT INTO clients (first_name, last_name, search_name, date_of_birth, timezone, admission_date, "
                  "created_at) VALUES ('Ana', 'Reed', 'ana reed', '1985-02-01', 'UTC', '2026-01-05', 'now')");
    CHECK_THROWS_WITH_AS(db.sql().exec("DELETE FROM clinicians"), doctest::Contains("deactivate"), SQLite::Exception);
    CHECK_THROWS_WITH_AS(db.sql().exec("DELETE FROM clients"), doctest::Contains("discharge"), SQLite::Exception);
    CHECK(count(db, "clinicians") == 1);
    CHECK(count(db, "clients") == 1);
  }

  TEST_CASE("a WriteTransaction rolls back unless committed") {
    TempDir tmp;
    iop::Database db(tmp.file("iop.db"));
    const char* insert =
        "INSERT INTO clinicians (name, credential, timezone, created_at) VALUES ('A', 'MD', 'UTC', 'x')";
    {
      iop::WriteTransaction tx(db);
      db.sql().exec(insert);
      CHECK(count(db, "clinicians") == 1);
    }
    CHECK(count(db, "clinicians") == 0);
    {
      iop::WriteTransaction tx(db);
      db.sql().exec(insert);
      tx.commit();
    }
    CHECK(count(db, "clinicians") == 1);
    // An exception inside the transaction leaves nothing behind either.
    try {
      iop::WriteTransaction tx(db);
      db.sql().exec(insert);
      throw iop::Conflict("rule broken");
    } catch (const iop::Conflict&) {
    }
    CHECK(count(db, "clinicians") == 1);
  }

  TEST_CASE("another connection holding the write lock makes WriteTransaction throw Busy") {
    TempDir tmp;
    const std::string path = tmp.file("iop.db");
    iop::Database{path}; // create and migrate
    SQLite::Database other(path, SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    iop::Database db(path, 100);
    const auto started = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH_AS(iop::WriteTransaction{db}, doctest::Contains("locked"), iop::Busy);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3)); // the short timeout was used
    // Reading still works while another process writes (WAL).
    CHECK(count(db, "clinicians") == 0);
    other.exec("ROLLBACK");
    iop::WriteTransaction tx(db);
    tx.commit();
  }

  TEST_CASE("is_busy_code knows the lock codes, extended ones too") {
    CHECK(iop::is_busy_code(5));            // SQLITE_BUSY
    CHECK(iop::is_busy_code(6));            // SQLITE_LOCKED
    CHECK(iop::is_busy_code(5 | (2 << 8))); // SQLITE_BUSY_SNAPSHOT
    CHECK_FALSE(iop::is_busy_code(19));     // SQLITE_CONSTRAINT
    CHECK_FALSE(iop::is_busy_code(0));
  }

} // TEST_SUITE
