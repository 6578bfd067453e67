// SQL for couples. Internal to lib/.
#pragma once

#include "iop/couples.hpp"

namespace iop::store {

std::optional<Couple> find_couple(Database& db, std::int64_t id);
std::optional<Couple> find_active_couple_of(Database& db, std::int64_t client_id);
// The ended couple of the client with the latest end date, if any.
std::optional<Couple> find_last_ended_couple_of(Database& db, std::int64_t client_id);
std::vector<Couple> select_couples(Database& db, const CoupleFilter& filter);
std::int64_t insert_couple(Database& db, const Couple& c);
void set_identified_patient(Database& db, std::int64_t id, std::int64_t client_id);
void end_couple(Database& db, std::int64_t id, const std::string& until, const std::string& reason);

} // namespace iop::store
