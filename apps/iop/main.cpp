// The binary is a thin shell around the library: all wiring is in app.cpp.
#include "app.hpp"

int main(int argc, char** argv) {
  return iop::app::run(argc, argv);
}
