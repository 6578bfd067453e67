// SQL for coverages. Internal to lib/.
#pragma once

#include "iop/coverage.hpp"

namespace iop::store {

std::optional<Coverage> find_coverage(Database& db, std::int64_t id);
// Every coverage of the client, ended ones too: primary, secondary, tertiary, then by start date.
std::vector<Coverage> coverages_of(Database& db, std::int64_t client_id);
std::int64_t insert_coverage(Database& db, const Coverage& c);
void set_coverage_end(Database& db, std::int64_t id, const std::string& ends_on);

} // namespace iop::store
