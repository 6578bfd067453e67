// The TOML configuration (lib/config.cpp): parse_config is what load_config runs on a file's
// text. Bad TOML and bad values are diagnostics, never exceptions; the loaded values are then
// read the way commands read them.
#include "fuzz_common.hpp"
#include "iop/config.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  iop::fuzz::expect_only_iop_errors([&] {
    const iop::ConfigLoad load = iop::parse_config(text, "fuzz.toml");
    for (const auto& d : load.diagnostics) {
      (void)d.to_string();
    }
    const iop::Config& c = load.config;
    // The checked ranges, as commands rely on them.
    if (c.weekly_hours_min < 1 || c.daily_minutes_min < 1 || c.note_due_hours < 1) {
      std::abort();
    }
    for (const auto& [code, cents] : c.fees_cents) {
      if (!iop::is_procedure_code(code) || cents < 0) {
        std::abort();
      }
      (void)c.fee_cents(code);
    }
    for (const auto& [key, value] : c.text) {
      (void)c.require(key);
    }
    (void)c.get("practice.npi");
  });
  return 0;
}
