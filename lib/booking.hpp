// Shared by scheduling and rescheduling (internal to lib/).
#pragma once

#include "iop/database.hpp"
#include "iop/dates.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iop::detail {

// Everyone a session of `type` books on `on`: the client, both partners, or the group's roster;
// iop::Conflict when the client is not enrolled or the couple not paired that day.
std::vector<std::int64_t> people_booked(Database& db, const std::string& type, std::optional<std::int64_t> client_id,
                                        std::optional<std::int64_t> couple_id, std::optional<std::int64_t> group_id,
                                        const Date& on);

} // namespace iop::detail
