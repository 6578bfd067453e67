// iop client enroll|list|show|update|discharge   (being built)
#include "commands.hpp"

namespace iop::app {

void register_client(CLI::App& app, Context& ctx) {
  (void)ctx;
  CLI::App* noun = app.add_subcommand("client", "clients: enrollment, details, discharge");
  noun->require_subcommand(1);
}

} // namespace iop::app
