// Backing up the live database and restoring one: SQLite's online backup API, so a copy is a
// consistent snapshot taken while others keep writing, and a restore lands whole or not at all.
#pragma once

#include "iop/audit.hpp"
#include "iop/database.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace iop {

// What a database file holds, counted for people deciding what to keep.
struct DatabaseSummary {
  std::string path;
  std::uintmax_t size = 0; // bytes
  int schema_version = 0;
  std::int64_t clinicians = 0;
  std::int64_t clients = 0;
  std::int64_t sessions = 0;
  std::int64_t records = 0; // rows in every table but the audit log
};

// Copies `db` into `target` (created 0600): the copy goes to a temporary file in the target's
// folder, is checked (integrity_check) and flushed, then renamed into place, so `target` is
// never half written. An existing `target` is refused (iop::Conflict) unless `overwrite`; a
// missing folder is iop::NotFound. Writes a "backup" audit row in `db` once the copy is in place.
// Returns the copy's summary.
DatabaseSummary backup_database(Database& db, const Actor& actor, const std::filesystem::path& target, bool overwrite);

// Checks that `file` can be restored: an SQLite file (not damaged: integrity_check), an iop
// database, with a schema this iop understands. Opens it read-only; throws iop::Invalid with
// what is wrong, iop::NotFound when it does not exist.
DatabaseSummary check_backup_file(const std::filesystem::path& file);

// Counts what `db` holds.
DatabaseSummary summarize(Database& db);

struct RestoreResult {
  DatabaseSummary restored;               // the database after the restore (migrated)
  int backup_schema_version = 0;          // the schema version of the file restored
  std::optional<std::string> safety_copy; // where the replaced database was kept
};

// Replaces the content of `db` with `file` (checked first, see check_backup_file). A database
// holding records is refused (iop::Conflict, saying what it holds) unless `overwrite`; then it
// is first copied beside itself as `<db>.before-restore-YYYYMMDDTHHMMSSZ`. The copy into `db`
// is one write transaction of SQLite's backup API: other processes see the old database or
// the new one; when it stays locked, iop::Busy and nothing changed. An older schema is migrated.
// The restored database gets a "restore" audit row naming the file (its name only).
RestoreResult restore_database(Database& db, const Actor& actor, const std::filesystem::path& file, bool overwrite);

} // namespace iop
