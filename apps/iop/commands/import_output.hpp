// What `client import` and `clinician import` print (shared by both verbs).
#pragma once

#include "context.hpp"
#include "iop/imports.hpp"

#include <string>

namespace iop::app {

// Bad rows as "FILE:LINE: reason" on stderr, then throws iop::Invalid (exit 2): nothing was stored.
// Otherwise prints the summary: a sentence, the ids (-q), or {"imported", "ids", "dry_run"}.
void report_import(Context& ctx, const ImportResult& result, const std::string& file, const std::string& kind,
                   bool dry_run);

} // namespace iop::app
