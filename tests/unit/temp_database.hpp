// A fresh database in its own temporary folder, removed at the end of the test. Shared by the
// unit tests that need storage.
#pragma once

#include "iop/database.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace iop::testing {

class TempDatabase {
public:
  TempDatabase()
      : m_dir(std::filesystem::temp_directory_path() /
              ("iop-unit-" + std::to_string(::getpid()) + "-" +
               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()))),
        m_db((m_dir / "iop.db").string()) {}
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
  ~TempDatabase() {
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }
  iop::Database& db() { return m_db; }
  const std::filesystem::path& dir() const { return m_dir; }

private:
  std::filesystem::path m_dir;
  iop::Database m_db;
};

} // namespace iop::testing
