// The one SQLite file: opening it safely, migrating its schema, and write transactions.
// SQL lives only in lib/ (this layer and the *_store.cpp files beside it).
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace iop {

// A statement from Database::cached(): reset when this handle goes, so it never keeps a read
// transaction open between uses; the bindings stay, so bind every parameter each time.
class CachedStatement {
public:
  explicit CachedStatement(SQLite::Statement& st) : m_st(st) {}
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  ~CachedStatement() { m_st.tryReset(); }
  SQLite::Statement& operator*() { return m_st; }
  SQLite::Statement* operator->() { return &m_st; }

private:
  SQLite::Statement& m_st;
};

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

  // `sql` prepared once for this connection and kept: for statements run once per row of a
  // large import (the audit row), where preparing costs more than running. SQLite re-prepares
  // a kept statement by itself when the schema changes.
  CachedStatement cached(std::string_view sql);

private:
  std::string m_path;
  SQLite::Database m_db;
  // Declared after m_db: the statements are finalized before the connection closes.
  std::map<std::string, std::unique_ptr<SQLite::Statement>, std::less<>> m_statements;
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
