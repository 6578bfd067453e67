// The one place where errors become messages and exit codes (DESIGN.md's table).
#pragma once

#include <CLI/CLI.hpp>

#include <exception>

namespace iop::app {

namespace exit_code {
inline constexpr int ok = 0;
inline constexpr int internal = 1;
inline constexpr int usage = 2;
inline constexpr int not_found = 3;
inline constexpr int conflict = 4;
inline constexpr int busy = 5;
inline constexpr int config = 6;
} // namespace exit_code

// Prints "iop: error: ..." (and "hint: ...") to stderr and returns the exit code.
int report_error(std::exception_ptr error);
// Command-line mistakes: unknown nouns or verbs (with a suggestion), missing or bad options.
int report_parse_error(CLI::App& app, const CLI::ParseError& error);
// "iop: error: <message>" and an optional hint, to stderr.
void print_error(const std::string& message, const std::string& hint = {});

} // namespace iop::app
