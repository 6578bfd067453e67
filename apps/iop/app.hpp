#pragma once

namespace iop::app {

// Parses the command line, runs the command, maps any error to its exit code. Never throws.
int run(int argc, char** argv);

} // namespace iop::app
