// The numbered schema migrations (PRAGMA user_version). Internal to lib/.
#pragma once

#include <span>

namespace iop::detail {

struct Migration {
  int version;
  const char* sql;
};

std::span<const Migration> migrations();

} // namespace iop::detail
