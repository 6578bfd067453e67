// The pieces of x12_batch_of and claims_837p that a streaming export uses one claim at a time
// (lib/claim_x12.cpp). Internal to lib/.
#pragma once

#include "iop/claim_export.hpp"

#include <map>

namespace iop::claim_x12 {

// The envelope, contact and billing provider from the config, without claims (ConfigError
// names a missing key).
X12Batch header_of(const Config& config);

// Clients sent with the practice's address, one warning each (client id -> text).
using MissingAddresses = std::map<std::int64_t, std::string>;

// One stored claim (with lines) as the 837P writer's data.
X12Claim x12_claim_of(Database& db, const Config& config, const Claim& claim, MissingAddresses& missing);

// The writer's complaint as what to fix: a config value is ConfigError naming its key; a claim's
// value is Conflict naming `claim` (when given) and the record behind it; anything else is
// rethrown as it is.
[[noreturn]] void throw_fixable(const X12Invalid& e, const Claim* claim);

} // namespace iop::claim_x12
