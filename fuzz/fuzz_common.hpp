// What the fuzz targets share: which exceptions are the library's answer to bad input, and
// which are bugs. apps/iop/error_report.cpp is the reference: every iop::Error subclass is
// reported with its own message and exit code; anything else (std::out_of_range,
// SQLite::Exception, a plain std::exception...) reaches "internal error"/"database error ...
// please report this", so here it aborts and libFuzzer saves the input as a crash.
#pragma once

#include "iop/errors.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <typeinfo>

namespace iop::fuzz {

// Runs `body`; returns normally for the documented iop errors, aborts for everything else.
template <typename Body> void expect_only_iop_errors(Body&& body) {
  try {
    body();
  } catch (const iop::Error&) {
    // Invalid, NotFound, Conflict, Busy, ConfigError: the documented answers to bad input.
  } catch (const std::bad_alloc&) {
    // libFuzzer's -malloc_limit_mb/-rss_limit_mb report memory blow-ups themselves, with the input.
    std::fprintf(stderr, "fuzz: std::bad_alloc escaped the library\n");
    std::abort();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: unexpected exception %s: %s\n", typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "fuzz: unexpected exception of unknown type\n");
    std::abort();
  }
}

} // namespace iop::fuzz
