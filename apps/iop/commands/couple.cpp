// iop couple pair|unpair|list|show   (being built)
#include "commands.hpp"

namespace iop::app {

void register_couple(CLI::App& app, Context& ctx) {
  (void)ctx;
  CLI::App* noun = app.add_subcommand("couple", "partners treated together");
  noun->require_subcommand(1);
}

} // namespace iop::app
