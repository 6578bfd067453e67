// The one SQLite file: opening it safely, migrating its schema, and write transactions.
// SQL lives only in lib/ (this layer and the *_store.cpp files beside it).
#pragma once

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>

namespace iop {

class Database {
public:
  static constexpr int k_default_busy_timeout_ms = 5000;

  // Opens (creating when missing: folder 0700, file 0600) and migrates to the latest schema,
  // or only up to `migrate_to` (tests build old databases that way).
  explicit Database(const std::string& path, int busy_timeout_ms = k_default_busy_timeout_ms,
                    std::optional<int> migrate_to = std::nullopt);

  SQLite::Database& sql() { return m_db; }
  const std::string& path() const { return m_path; }
  int schema_version();
  static int latest_schema_version();

private:
  std::string m_path;
  SQLite::Database m_db;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back unless commit() is reached. Taking the write lock at
// BEGIN makes every check-then-write inside it safe against other iop processes.
class WriteTransaction {
public:
  explicit WriteTransaction(Database& db);
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction();
  void commit();

private:
  Database& m_db;
  bool m_open = false;
};

// True for the SQLite result codes that mean "someone else holds the lock".
bool is_busy_code(int sqlite_code);

} // namespace iop
