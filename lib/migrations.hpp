// The numbered schema migrations (PRAGMA user_version). Internal to lib/.
#pragma once

#include <SQLiteCpp/Database.h>

#include <span>

namespace iop::detail {

struct Migration {
  int version;
  const char* sql;
  // Runs after `sql`, inside the same transaction, for what SQL cannot do; may be null.
  void (*after)(SQLite::Database& db) = nullptr;
};

std::span<const Migration> migrations();

} // namespace iop::detail
