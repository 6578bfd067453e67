// Backup and restore through SQLite's backup API (lib/backup.cpp).
#include "iop/backup.hpp"
#include "iop/errors.hpp"
#include "temp_database.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>

namespace {

using iop::testing::TempDatabase;

const iop::Actor k_actor{"tester", "backup", iop::Instant{std::chrono::seconds{1795798800}}}; // 2026-11-27T17:00:00Z

void add_clinician(iop::Database& db, const std::string& name) {
  SQLite::Statement st(db.sql(), "INSERT INTO clinicians (name, credential, timezone, created_at) "
                                 "VALUES (?, 'LMFT', 'America/Los_Angeles', '2026-11-27T17:00:00Z')");
  st.bind(1, name);
  st.exec();
}

std::int64_t count(const std::string& path, const std::string& table) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

unsigned mode_of(const std::filesystem::path& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st.st_mode & 0777;
}

} // namespace

TEST_CASE("a backup is a private, checked copy with an audit row") {
  TempDatabase live;
  add_clinician(live.db(), "Zoë O'Brien-Núñez");
  const auto target = live.dir() / "copy.db";
  const auto summary = iop::backup_database(live.db(), k_actor, target, false);
  CHECK(summary.path == target.string());
  CHECK(summary.clinicians == 1);
  CHECK(summary.schema_version == iop::Database::latest_schema_version());
  CHECK(summary.size == std::filesystem::file_size(target));
  CHECK(mode_of(target) == 0600);
  CHECK(count(target.string(), "clinicians") == 1);
  SQLite::Database copy(target.string(), SQLite::OPEN_READONLY);
  CHECK(copy.execAndGet("PRAGMA journal_mode").getString() == "delete");
  CHECK(copy.execAndGet("SELECT name FROM clinicians").getString() == "Zoë O'Brien-Núñez");
  CHECK(copy.execAndGet("SELECT command || '/' || action || '/' || record_kind FROM audit_log").getString() ==
        "backup copy.db/backup/database");
  // Only the copy is left in the folder: no temporary file, no journal.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(live.dir())) {
    files += entry.path().filename().string().rfind("copy.db", 0) == 0 || entry.path().filename().string()[0] == '.';
  }
  CHECK(files == 1);
}

TEST_CASE("a backup refuses an existing file, a missing folder and the database itself") {
  TempDatabase live;
  const auto target = live.dir() / "copy.db";
  std::ofstream(target) << "keep me";
  CHECK_THROWS_AS(iop::backup_database(live.db(), k_actor, target, false), iop::Conflict);
  CHECK(std::filesystem::file_size(target) == 7);
  CHECK_NOTHROW(iop::backup_database(live.db(), k_actor, target, true));
  CHECK(count(target.string(), "audit_log") == 1);
  CHECK_THROWS_AS(iop::backup_database(live.db(), k_actor, live.dir() / "no" / "copy.db", false), iop::NotFound);
  CHECK_THROWS_AS(iop::backup_database(live.db(), k_actor, live.db().path(), true), iop::Invalid);
}

TEST_CASE("check_backup_file names what is wrong with a file") {
  TempDatabase live;
  CHECK_THROWS_AS(iop::check_backup_file(live.dir() / "missing.db"), iop::NotFound);
  std::ofstream(live.dir() / "text.db") << std::string(2000, 'x');
  CHECK_THROWS_WITH_AS(iop::check_backup_file(live.dir() / "text.db"), doctest::Contains("not an SQLite"),
                       iop::Invalid);
  {
    SQLite::Database other((live.dir() / "other.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE t (x)");
  }
  CHECK_THROWS_WITH_AS(iop::check_backup_file(live.dir() / "other.db"), doctest::Contains("not an iop database"),
                       iop::Invalid);
  add_clinician(live.db(), "Dana");
  const auto copy = live.dir() / "copy.db";
  iop::backup_database(live.db(), k_actor, copy, false);
  CHECK(iop::check_backup_file(copy).clinicians == 1);
  {
    SQLite::Database newer(copy.string(), SQLite::OPEN_READWRITE);
    newer.exec("PRAGMA user_version = " + std::to_string(iop::Database::latest_schema_version() + 1));
  }
  CHECK_THROWS_WITH_AS(iop::check_backup_file(copy), doctest::Contains("newer than this iop"), iop::Invalid);
}

TEST_CASE("a restore replaces records only when asked, keeping a safety copy") {
  TempDatabase source;
  add_clinician(source.db(), "From the backup");
  const auto file = source.dir() / "backup.db";
  iop::backup_database(source.db(), k_actor, file, false);

  TempDatabase target;
  add_clinician(target.db(), "Current 1");
  add_clinician(target.db(), "Current 2");
  CHECK_THROWS_WITH_AS(iop::restore_database(target.db(), k_actor, file, false),
                       doctest::Contains("holds 0 clients, 0 sessions and 2 clinicians"), iop::Conflict);
  CHECK(count(target.db().path(), "clinicians") == 2);

  const auto r = iop::restore_database(target.db(), k_actor, file, true);
  REQUIRE(r.safety_copy);
  CHECK(*r.safety_copy == target.db().path() + ".before-restore-20261127T170000Z");
  CHECK(mode_of(*r.safety_copy) == 0600);
  CHECK(count(*r.safety_copy, "clinicians") == 2);
  CHECK(r.restored.clinicians == 1);
  CHECK(target.db().sql().execAndGet("SELECT name FROM clinicians").getString() == "From the backup");
  CHECK(target.db().sql().execAndGet("SELECT action FROM audit_log ORDER BY id DESC").getString() == "restore");
}

TEST_CASE("a restore into an empty database needs no force and keeps no copy") {
  TempDatabase source;
  add_clinician(source.db(), "Dana");
  const auto file = source.dir() / "backup.db";
  iop::backup_database(source.db(), k_actor, file, false);
  TempDatabase target;
  iop::audit(target.db(), k_actor, "init", "database", std::nullopt); // audit rows alone are not records
  const auto r = iop::restore_database(target.db(), k_actor, file, false);
  CHECK_FALSE(r.safety_copy);
  CHECK(r.restored.clinicians == 1);
}

TEST_CASE("an older backup is restored then migrated") {
  TempDatabase target;
  const auto file = target.dir() / "old.db";
  {
    iop::Database old(file.string(), iop::Database::k_default_busy_timeout_ms, 1);
    add_clinician(old, "Dana");
    old.sql().exec("PRAGMA journal_mode = DELETE");
  }
  const auto r = iop::restore_database(target.db(), k_actor, file, false);
  CHECK(r.backup_schema_version == 1);
  CHECK(r.restored.schema_version == iop::Database::latest_schema_version());
  CHECK(target.db().schema_version() == iop::Database::latest_schema_version());
  CHECK(target.db().sql().execAndGet("SELECT count(*) FROM sessions").getInt() == 0);
}
