// bench/generate: builds the benchmark's program through iop's library, the same functions the
// commands call (so every rule holds: no double booking, notes only for attended clients, ...).
// People come in through the CSV importers (one transaction each); a weekly series is one
// schedule_sessions call (one transaction per series); attendance, notes, signatures and measures
// are one transaction each, as `iop` would write them. Deterministic: no clock, a fixed seed.
#include "program.hpp"

#include "iop/config.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

void usage() {
  std::fputs("usage: generate [--out DB] [--scale F]\n"
             "  --out DB    the database to create (replaced; default bench-data/program.db);\n"
             "              config.toml is written next to it\n"
             "  --scale F   1 = 40 clinicians, 2,000 clients, ~240,000 sessions; 0.05 is a quick one\n",
             stderr);
}

} // namespace

int main(int argc, char** argv) {
  std::string out = "bench-data/program.db";
  double scale = 1.0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else if (arg == "--scale" && i + 1 < argc) {
      scale = std::atof(argv[++i]);
    } else if (arg == "-h" || arg == "--help") {
      usage();
      return 0;
    } else {
      usage();
      return 2;
    }
  }
  if (!(scale > 0 && scale <= 4)) {
    std::fputs("generate: --scale must be in (0, 4]\n", stderr);
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  try {
    const std::filesystem::path db_path(out);
    if (db_path.has_parent_path()) {
      std::filesystem::create_directories(db_path.parent_path());
    }
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(out + suffix);
    }
    const auto config_path = db_path.parent_path() / "config.toml";
    std::ofstream(config_path) << iop::config_template();

    const bench::Counts counts = bench::build_program(out, scale);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("%s: %d clinicians, %d clients, %d couples, %d groups, %d sessions (%d attended, %d no-show, "
                "%d cancelled), %d notes (%d signed), %d measures, %d coverages, %d authorizations; "
                "%d weekly slots could not be placed\n",
                out.c_str(), counts.clinicians, counts.clients, counts.couples, counts.groups, counts.sessions,
                counts.attended, counts.no_shows, counts.cancelled, counts.notes, counts.signed_notes, counts.measures,
                counts.coverages, counts.authorizations, counts.unplaced);
    std::printf("config: %s\ngenerated in %.1f s\n", config_path.c_str(), seconds);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "generate: %s\n", e.what());
    return 1;
  }
}
