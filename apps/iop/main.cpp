// The binary is a thin shell around the library: all wiring is in app.cpp.
#include "app.hpp"

#if __has_include(<malloc.h>)
#include <malloc.h> // glibc's mallopt
#endif

int main(int argc, char** argv) {
#if defined(M_TRIM_THRESHOLD) && defined(M_TOP_PAD)
  // glibc hands freed memory at the top of the heap back to the kernel once 128 KiB are free, and
  // SQLite's page cache frees and allocates in waves: a 100,000-row import made 40,000 brk calls
  // and 240,000 page faults, two thirds of its time in the kernel (bench/README.md). Keeping what
  // was freed lowers nothing's peak and costs no memory beyond the peak already reached.
  mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_TOP_PAD, 16 * 1024 * 1024);
#endif
  return iop::app::run(argc, argv);
}
