// Stub: replaced by the helper that owns this file.
#include "commands.hpp"

namespace iop::app {

void register_completion(CLI::App& /*app*/, Context& /*ctx*/) {}

} // namespace iop::app
