// SQL for clinicians. Internal to lib/: services call these inside their transaction.
#pragma once

#include "iop/clinicians.hpp"

namespace iop::store {

std::optional<Clinician> find_clinician(Database& db, std::int64_t id);
std::vector<Clinician> select_clinicians(Database& db, const ClinicianFilter& filter);
std::optional<std::int64_t> clinician_with_npi(Database& db, const std::string& npi);
std::int64_t insert_clinician(Database& db, const NewClinician& c, const std::string& created_at);
void update_clinician_row(Database& db, const Clinician& c);
void replace_clinician_roles(Database& db, std::int64_t id, const std::vector<std::string>& roles);

} // namespace iop::store
