// SQL for claim summaries: the billed lines of live claims. Internal to lib/.
#pragma once

#include "iop/claims.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iop::store {

// One line of a draft or exported original claim, with what a summary groups it by.
struct SummaryLine {
  std::int64_t claim_id = 0;
  std::int64_t client_id = 0;
  std::int64_t payer_id = 0;
  std::int64_t clinician_id = 0;
  std::string code;
  std::string service_date; // YYYY-MM-DD
  int units = 0;
  std::int64_t charge_cents = 0;
};

// Lines dated from..to (both included, either open), leaving out void claims and void notices
// (frequency 8), by service date then claim and line.
std::vector<SummaryLine> summary_lines(Database& db, const std::optional<Date>& from, const std::optional<Date>& to);

} // namespace iop::store
