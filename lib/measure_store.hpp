// SQL for outcome measures. Internal to lib/.
#pragma once

#include "iop/measures.hpp"

namespace iop::store {

std::optional<Measure> find_measure(Database& db, std::int64_t id);
// Sorted by administered_on, then id.
std::vector<Measure> select_measures(Database& db, const MeasureFilter& filter);
// Ids of the client's administrations of `instrument` on `date`.
std::vector<std::int64_t> measures_on(Database& db, std::int64_t client_id, const std::string& instrument,
                                      const std::string& date);
std::int64_t insert_measure(Database& db, const Measure& m);

} // namespace iop::store
