// Backup and restore through SQLite's online backup API. One sqlite3_backup_step(-1) copies every
// page inside one read transaction of the source: in WAL mode that is a consistent snapshot and
// writers in other processes carry on meanwhile (an incremental backup would restart each time
// they commit). On the destination it is one write transaction: all of it lands or none.
#include "iop/backup.hpp"

#include "iop/atomic_file.hpp"
#include "iop/errors.hpp"

#include <SQLiteCpp/Statement.h>
#include <date/date.h>
#include <sqlite3.h>

#include <array>
#include <fstream>
#include <unistd.h>

namespace iop {

namespace {

// The copy is written by SQLite into an AtomicFile's temporary file (0600, beside the target),
// then flushed and renamed (or linked) into place: a crash leaves no half-written backup.

// SQLite may leave a -journal beside the temporary file if the copy fails midway.
struct JournalCleanup {
  std::filesystem::path journal;
  ~JournalCleanup() { ::unlink(journal.c_str()); }
};

// `path`, or `path-2`, `path-3`... whichever does not exist yet.
std::filesystem::path unused_name(const std::string& path) {
  std::error_code ec;
  std::string name = path;
  for (int n = 2; std::filesystem::exists(name, ec); ++n) {
    name = path + "-" + std::to_string(n);
  }
  return name;
}

// --- Databases

// The tables every iop database has had since migration 1.
constexpr std::array k_core_tables{"clinicians", "clinician_roles", "clients", "client_diagnoses", "audit_log"};

bool has_table(SQLite::Database& db, const std::string& name) {
  SQLite::Statement st(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  st.bind(1, name);
  return st.executeStep();
}

std::int64_t count_rows(SQLite::Database& db, const std::string& table) {
  if (!has_table(db, table)) {
    return 0;
  }
  // A table name cannot be bound; it comes from sqlite_master or our own list, quoted anyway.
  return db.execAndGet("SELECT count(*) FROM \"" + table + "\"").getInt64();
}

DatabaseSummary summarize_sql(SQLite::Database& db, const std::string& path) {
  DatabaseSummary s;
  s.path = path;
  std::error_code ec;
  s.size = path == ":memory:" ? 0 : std::filesystem::file_size(path, ec);
  s.schema_version = db.execAndGet("PRAGMA user_version").getInt();
  s.clinicians = count_rows(db, "clinicians");
  s.clients = count_rows(db, "clients");
  s.sessions = count_rows(db, "sessions");
  std::vector<std::string> tables;
  SQLite::Statement st(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                           "AND name <> 'audit_log'");
  while (st.executeStep()) {
    tables.push_back(st.getColumn(0).getString());
  }
  for (const auto& t : tables) {
    s.records += count_rows(db, t);
  }
  return s;
}

// The first problem integrity_check names, or "ok".
std::string integrity(SQLite::Database& db) {
  SQLite::Statement st(db, "PRAGMA integrity_check");
  return st.executeStep() ? st.getColumn(0).getString() : std::string("no answer from integrity_check");
}

// Copies every page of `from` into `to` in one step (see the top of this file).
void copy_pages(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) {
    throw Error(std::string("cannot start the copy: ") + sqlite3_errmsg(to));
  }
  const int step = sqlite3_backup_step(backup, -1);
  const int finish = sqlite3_backup_finish(backup);
  if (step == SQLITE_DONE && finish == SQLITE_OK) {
    return;
  }
  const int code = step == SQLITE_DONE ? finish : step;
  if (is_busy_code(code)) {
    throw Busy("the database is locked by another iop process",
               "nothing was changed; it is safe to run the command again");
  }
  throw Error(std::string("the copy failed: ") + sqlite3_errstr(code) + " (" + sqlite3_errmsg(to) + ")");
}

bool starts_like_sqlite(const std::filesystem::path& file) {
  static constexpr char k_magic[] = "SQLite format 3"; // 16 bytes with its NUL
  std::array<char, sizeof(k_magic)> head{};
  std::ifstream in(file, std::ios::binary);
  in.read(head.data(), head.size());
  return in && std::equal(head.begin(), head.end(), k_magic);
}

// The copy of `from` written to `target` as described for backup_database; returns its summary.
DatabaseSummary write_copy(sqlite3* from, const std::filesystem::path& target, bool overwrite) {
  AtomicFile file(target, overwrite);
  const JournalCleanup cleanup{file.temp_path().string() + "-journal"};
  DatabaseSummary summary;
  {
    SQLite::Database copy(file.temp_path().string(), SQLite::OPEN_READWRITE);
    copy_pages(from, copy.getHandle());
    // A backup stands alone: no -wal file beside it, whatever mode the source was in.
    copy.execAndGet("PRAGMA journal_mode = DELETE");
    if (const std::string check = integrity(copy); check != "ok") {
      throw Error("the copy failed its integrity check: " + check, "nothing was written; run the backup again");
    }
    summary = summarize_sql(copy, file.temp_path().string());
  }
  file.sync();
  file.place();
  summary.path = target.string();
  return summary;
}

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec);
}

Actor naming_file(Actor actor, const std::filesystem::path& file) {
  actor.command += " " + file.filename().string();
  return actor;
}

} // namespace

DatabaseSummary summarize(Database& db) {
  return summarize_sql(db.sql(), db.path());
}

DatabaseSummary backup_database(Database& db, const Actor& actor, const std::filesystem::path& target, bool overwrite) {
  if (same_file(target, db.path())) {
    throw Invalid(target.string() + " is the database itself", "give the path of a new file for the backup");
  }
  check_file_target(target, overwrite);
  // The row goes in first, so the backup itself records when it was taken.
  WriteTransaction tx(db);
  audit(db, naming_file(actor, target), "backup", "database", std::nullopt);
  tx.commit();
  return write_copy(db.sql().getHandle(), target, overwrite);
}

DatabaseSummary check_backup_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    throw NotFound("no file " + file.string(), "give the path of a file written by iop backup");
  }
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw Invalid(file.string() + " is not a file", "give the path of a file written by iop backup");
  }
  if (!starts_like_sqlite(file)) {
    throw Invalid(file.string() + " is not an SQLite database", "give the path of a file written by iop backup");
  }
  try {
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    if (const std::string check = integrity(db); check != "ok") {
      throw Invalid(file.string() + " is damaged (integrity check: " + check + ")",
                    "it cannot be restored; use another backup");
    }
    const int version = db.execAndGet("PRAGMA user_version").getInt();
    for (const char* table : k_core_tables) {
      if (version < 1 || !has_table(db, table)) {
        throw Invalid(file.string() + " is an SQLite database but not an iop database (no table " + table + ")",
                      "give the path of a file written by iop backup");
      }
    }
    const int latest = Database::latest_schema_version();
    if (version > latest) {
      throw Invalid(file.string() + " has database schema version " + std::to_string(version) +
                        ", newer than this iop understands (" + std::to_string(latest) + ")",
                    "upgrade iop; this version will not restore the newer database");
    }
    return summarize_sql(db, file.string());
  } catch (const SQLite::Exception& e) {
    throw Invalid(file.string() + " is damaged: " + e.what(), "it cannot be restored; use another backup");
  }
}

RestoreResult restore_database(Database& db, const Actor& actor, const std::filesystem::path& file, bool overwrite) {
  RestoreResult result;
  const DatabaseSummary backup = check_backup_file(file);
  result.backup_schema_version = backup.schema_version;
  if (same_file(file, db.path())) {
    throw Invalid(file.string() + " is the database itself", "give the path of a backup file");
  }
  const DatabaseSummary current = summarize(db);
  if (current.records > 0 && !overwrite) {
    throw Conflict("the database " + db.path() + " holds " + std::to_string(current.clients) + " clients, " +
                       std::to_string(current.sessions) + " sessions and " + std::to_string(current.clinicians) +
                       " clinicians (" + std::to_string(current.records) +
                       " records in all); restoring would replace them",
                   "run again with --force to replace it; the current database is then kept beside it");
  }
  if (current.records > 0) {
    const auto stamp = date::format("%Y%m%dT%H%M%SZ", actor.at);
    const auto safety = unused_name(db.path() + ".before-restore-" + stamp);
    write_copy(db.sql().getHandle(), safety, false);
    result.safety_copy = safety.string();
  }
  try {
    SQLite::Database source(file.string(), SQLite::OPEN_READONLY);
    copy_pages(source.getHandle(), db.sql().getHandle());
  } catch (...) {
    if (result.safety_copy) {
      std::error_code ec;
      std::filesystem::remove(*result.safety_copy, ec); // nothing was replaced: nothing to keep
    }
    throw;
  }
  // Reopening migrates an older backup exactly as opening any older database does.
  const int busy_ms = db.sql().execAndGet("PRAGMA busy_timeout").getInt();
  Database restored(db.path(), busy_ms);
  WriteTransaction tx(restored);
  audit(restored, naming_file(actor, file), "restore", "database", std::nullopt);
  tx.commit();
  result.restored = summarize(restored);
  return result;
}

} // namespace iop
