// SQL for payers. Internal to lib/.
#pragma once

#include "iop/payers.hpp"

namespace iop::store {

std::optional<Payer> find_payer(Database& db, std::int64_t id);
std::vector<Payer> select_payers(Database& db, const PayerFilter& filter);
// The payer with this name, compared without regard to ASCII case, if any.
std::optional<std::int64_t> payer_named(Database& db, const std::string& name);
std::int64_t insert_payer(Database& db, const NewPayer& p, const std::string& created_at);
void update_payer_row(Database& db, const Payer& p);

} // namespace iop::store
