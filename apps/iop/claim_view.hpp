// The one JSON shape of a claim, used by every claim verb (build, list, show, export --json).
#pragma once

#include "iop/claims.hpp"
#include "name_cache.hpp"
#include "output.hpp"

namespace iop::app {

// {id, status, frequency, original_claim_id, client_id, client, payer_id, payer, coverage_id,
//  clinician_id, clinician, place_of_service, diagnoses, total_cents, total, first_service_on,
//  last_service_on, created_at, voided_at, void_reason, batch, lines: [...]}; a dry-run claim has id 0.
Json claim_json(const Claim& claim, NameCache& names);
// One line: {line_number, service_date, code, modifiers, place_of_service, units, charge_cents,
// charge, pointers, authorization_id, sessions: [ids]}.
Json claim_line_json(const ClaimLine& line);
// "90837-95": the code with its modifiers.
std::string code_with_modifiers(const std::string& code, const std::vector<std::string>& modifiers);

} // namespace iop::app
