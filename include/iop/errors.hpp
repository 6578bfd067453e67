// Typed errors thrown by the library. The app maps each to one exit code in one place
// (apps/iop/error_report.cpp); the library itself never prints and never exits.
#pragma once

#include <stdexcept>
#include <string>

namespace iop {

class Error : public std::runtime_error {
public:
  explicit Error(const std::string& what, std::string hint = {}) : std::runtime_error(what), m_hint(std::move(hint)) {}
  const std::string& hint() const { return m_hint; }

private:
  std::string m_hint;
};

// Malformed or out-of-range input (exit 2).
class Invalid : public Error {
  using Error::Error;
};
// The id or name given does not exist (exit 3).
class NotFound : public Error {
  using Error::Error;
};
// The request breaks a rule: already paired, duplicate client, ... (exit 4).
class Conflict : public Error {
  using Error::Error;
};
// The database stayed locked past the busy timeout; safe to retry (exit 5).
class Busy : public Error {
  using Error::Error;
};
// A configuration value is missing or invalid (exit 6).
class ConfigError : public Error {
  using Error::Error;
};

} // namespace iop
