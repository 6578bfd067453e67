#include "iop/database.hpp"

#include "iop/errors.hpp"
#include "migrations.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace iop {

namespace {

// Creates every missing folder of `dir` with mode 0700: the folder holds health records.
void make_private_dirs(const std::filesystem::path& dir) {
  if (dir.empty() || std::filesystem::exists(dir)) {
    return;
  }
  make_private_dirs(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw Error("cannot create folder " + dir.string() + ": " + std::strerror(errno));
  }
}

// Creates the file with mode 0600 before SQLite opens it, so it is never readable by others.
void create_private_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return;
    }
    throw Error("cannot create database " + path + ": " + std::strerror(errno),
                "check that the folder exists and is writable, or choose another file with --db");
  }
  ::close(fd);
}

// Whether a read transaction can start (it cannot when WAL mode finds no -shm file to use).
bool can_read(SQLite::Database& db) {
  try {
    db.execAndGet("SELECT count(*) FROM sqlite_master");
    return true;
  } catch (const SQLite::Exception&) {
    return false;
  }
}

// file:PATH?immutable=1, the path percent-encoded where the URI syntax needs it.
std::string immutable_uri(const std::string& path) {
  std::string uri = "file:";
  for (const unsigned char c : std::filesystem::absolute(path).string()) {
    if (std::isalnum(c) != 0 || std::strchr("/-._~", c) != nullptr) {
      uri += static_cast<char>(c);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      uri += escaped;
    }
  }
  return uri + "?immutable=1";
}

SQLite::Database open_file(const std::string& path, int busy_timeout_ms) {
  if (path != ":memory:") {
    const std::filesystem::path p(path);
    make_private_dirs(p.parent_path());
    if (std::filesystem::is_directory(p)) {
      throw Error("database path " + path + " is a folder", "give the path of a file with --db or IOP_DB");
    }
    create_private_file(path);
  }
  // A file we may not write (a copy on read-only media, a colleague's 0444 archive) is opened
  // read-only, so that reading it works; a write is then refused by SQLite and reported as such.
  const bool read_only = path != ":memory:" && ::access(path.c_str(), W_OK) != 0 && (errno == EACCES || errno == EROFS);
  try {
    if (!read_only) {
      return SQLite::Database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, busy_timeout_ms);
    }
    SQLite::Database db(path, SQLite::OPEN_READONLY, busy_timeout_ms);
    if (can_read(db) || std::filesystem::exists(path + "-wal")) {
      return db;
    }
    // WAL mode needs a -shm file beside the database, and a read-only folder cannot hold a new
    // one. With no -wal file either, nobody can be writing (a writer needs both), so the file is
    // read as it stands.
    return SQLite::Database(immutable_uri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI, busy_timeout_ms);
  } catch (const SQLite::Exception& e) {
    throw Error("cannot open database " + path + ": " + e.what());
  }
}

void migrate(SQLite::Database& db, std::optional<int> migrate_to) {
  const int current = db.execAndGet("PRAGMA user_version").getInt();
  const int latest = Database::latest_schema_version();
  if (current > latest) {
    throw Error("database schema version " + std::to_string(current) + " is newer than this iop understands (" +
                    std::to_string(latest) + ")",
                "upgrade iop; this version will not touch the newer database");
  }
  const int target = migrate_to.value_or(latest);
  if (current >= target) {
    return;
  }
  if (sqlite3_db_readonly(db.getHandle(), "main") == 1) {
    throw Error("the database " + db.getFilename() + " is read-only and needs upgrading to schema version " +
                    std::to_string(target),
                "run this version of iop once on a writable copy of the file");
  }
  db.exec("BEGIN IMMEDIATE");
  try {
    // Another process may have migrated while we waited for the lock.
    const int now = db.execAndGet("PRAGMA user_version").getInt();
    for (const auto& m : detail::migrations()) {
      if (m.version > now && m.version <= target) {
        db.exec(m.sql);
        if (m.after != nullptr) {
          m.after(db); // the part SQL cannot do (migration 8 hashes the audit log), same transaction
        }
        db.exec("PRAGMA user_version = " + std::to_string(m.version));
      }
    }
    db.exec("COMMIT");
  } catch (...) {
    // SQLite may already have rolled back; the migration's own error is the one to report.
    if (sqlite3_get_autocommit(db.getHandle()) == 0) {
      db.tryExec("ROLLBACK");
    }
    throw;
  }
}

} // namespace

bool is_busy_code(int sqlite_code) {
  const int primary = sqlite_code & 0xFF;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

Database::Database(const std::string& path, int busy_timeout_ms, std::optional<int> migrate_to)
    : m_path(path), m_db(open_file(path, busy_timeout_ms)) {
  m_db.exec("PRAGMA foreign_keys = ON");
  if (path != ":memory:" && sqlite3_db_readonly(m_db.getHandle(), "main") != 1) {
    // WAL lets clinicians read while the nightly export writes.
    m_db.execAndGet("PRAGMA journal_mode = WAL");
    m_db.exec("PRAGMA synchronous = NORMAL");
  }
  migrate(m_db, migrate_to);
}

int Database::schema_version() {
  return m_db.execAndGet("PRAGMA user_version").getInt();
}

int Database::latest_schema_version() {
  return detail::migrations().back().version;
}

CachedStatement Database::cached(std::string_view sql) {
  auto it = m_statements.find(sql);
  if (it == m_statements.end()) {
    it = m_statements.emplace(std::string(sql), std::make_unique<SQLite::Statement>(m_db, std::string(sql))).first;
  }
  return CachedStatement(*it->second);
}

WriteTransaction::WriteTransaction(Database& db) : m_db(db) {
  try {
    m_db.sql().exec("BEGIN IMMEDIATE");
  } catch (const SQLite::Exception& e) {
    if (is_busy_code(e.getErrorCode())) {
      throw Busy("the database is locked by another iop process",
                 "nothing was changed; it is safe to run the command again");
    }
    throw;
  }
  m_open = true;
}

WriteTransaction::~WriteTransaction() {
  if (m_open) {
    try {
      m_db.sql().exec("ROLLBACK");
    } catch (...) {
      // A failed rollback leaves SQLite to roll back on close; nothing else can be done here.
    }
  }
}

void WriteTransaction::commit() {
  try {
    m_db.sql().exec("COMMIT");
  } catch (const SQLite::Exception& e) {
    if (is_busy_code(e.getErrorCode())) {
      throw Busy("the database stayed locked while saving", "nothing was changed; it is safe to run the command again");
    }
    throw;
  }
  m_open = false;
}

} // namespace iop
