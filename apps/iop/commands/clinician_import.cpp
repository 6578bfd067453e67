// Stub: replaced by the helper that owns this file.
#include "commands.hpp"

namespace iop::app {

void register_clinician_import(CLI::App& /*noun*/, Context& /*ctx*/) {}

} // namespace iop::app
