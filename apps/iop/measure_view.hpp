// The one JSON shape of a measure and its scores, shared by measure record|list|show and trend.
#pragma once

#include "iop/clients.hpp"
#include "iop/instruments.hpp"
#include "iop/measures.hpp"
#include "name_cache.hpp"
#include "output.hpp"

namespace iop::app {

// A score as a JSON number: whole for sums, two decimals for means.
Json score_json(const Instrument& in, double value);
// {"self_kindness": 3.5, ...}, or null for instruments without subscales.
Json subscales_json(const Instrument& in, const std::vector<SubscaleScore>& subscales);
Json measure_json(const Measure& m, NameCache& names);

} // namespace iop::app
