// SQL for prior authorizations. Internal to lib/.
#pragma once

#include "iop/authorizations.hpp"

namespace iop::store {

// Each read fills units_used through units_used() below.
std::optional<Authorization> find_authorization_row(Database& db, std::int64_t id);
// Its number alone, without units_used().
std::optional<std::string> find_authorization_number(Database& db, std::int64_t id);
// Of one client (or of every client), by start date then id.
std::vector<Authorization> select_authorizations(Database& db, std::optional<std::int64_t> client_id);
std::vector<Authorization> authorizations_of(Database& db, std::int64_t client_id, std::int64_t payer_id);
// The authorization of this payer with this number, if any.
std::optional<std::int64_t> authorization_numbered(Database& db, std::int64_t payer_id, const std::string& number);
std::int64_t insert_authorization(Database& db, const Authorization& a);
// Units of the authorization used by claim lines. The one place that counts them.
int units_used(Database& db, std::int64_t authorization_id);

} // namespace iop::store
