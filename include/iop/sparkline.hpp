// A one-line chart for the terminal: one block (▁▂▃▄▅▆▇█) per value.
#pragma once

#include <string>
#include <vector>

namespace iop {

// Each value scaled over [low, high]: low is ▁, high is █, values outside are clamped. Callers
// pass an instrument's full range (not the data's min and max) so that two lines compare: a flat
// line of mild scores stays low instead of filling the chart. Empty in, empty out.
std::string sparkline(const std::vector<double>& values, double low, double high);

} // namespace iop
