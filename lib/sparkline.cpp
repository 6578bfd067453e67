#include "iop/sparkline.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace iop {

namespace {

constexpr std::array<const char*, 8> k_blocks{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

} // namespace

std::string sparkline(const std::vector<double>& values, double low, double high) {
  std::string out;
  const int top = static_cast<int>(k_blocks.size()) - 1;
  for (const double v : values) {
    // A degenerate range has no height: everything sits on the baseline.
    double fraction = high > low ? (v - low) / (high - low) : 0.0;
    if (!std::isfinite(fraction)) {
      fraction = 0.0;
    }
    fraction = std::clamp(fraction, 0.0, 1.0);
    const int level = std::clamp(static_cast<int>(std::lround(fraction * top)), 0, top);
    out += k_blocks[static_cast<std::size_t>(level)];
  }
  return out;
}

} // namespace iop
