#include "claim_view.hpp"

#include "iop/billing_codes.hpp"

namespace iop::app {

namespace {

template <typename T> Json optional_json(const std::optional<T>& value) {
  return value ? Json(*value) : Json();
}

} // namespace

std::string code_with_modifiers(const std::string& code, const std::vector<std::string>& modifiers) {
  std::string out = code;
  for (const auto& m : modifiers) {
    out += "-" + m;
  }
  return out;
}

Json claim_line_json(const ClaimLine& line) {
  Json sessions = Json::array();
  for (const auto& link : line.sessions) {
    sessions.push_back(link.session_id);
  }
  return Json{{"line_number", line.line_number},
              {"service_date", line.service_date},
              {"code", line.code},
              {"modifiers", line.modifiers},
              {"place_of_service", line.place_of_service},
              {"units", line.units},
              {"charge_cents", line.charge_cents},
              {"charge", format_cents(line.charge_cents)},
              {"pointers", line.pointers},
              {"authorization_id", optional_json(line.authorization_id)},
              {"sessions", sessions}};
}

Json claim_json(const Claim& claim, NameCache& names) {
  Json lines = Json::array();
  for (const auto& line : claim.lines) {
    lines.push_back(claim_line_json(line));
  }
  return Json{{"id", claim.id},
              {"status", claim.status},
              {"frequency", claim.frequency},
              {"original_claim_id", optional_json(claim.original_claim_id)},
              {"client_id", claim.client_id},
              {"client", names.client(claim.client_id)},
              {"payer_id", claim.payer_id},
              {"payer", names.payer(claim.payer_id)},
              {"coverage_id", claim.coverage_id},
              {"clinician_id", claim.clinician_id},
              {"clinician", names.clinician(claim.clinician_id)},
              {"place_of_service", claim.place_of_service},
              {"diagnoses", claim.diagnoses},
              {"total_cents", claim.total_cents},
              {"total", format_cents(claim.total_cents)},
              {"first_service_on", claim.first_service_on},
              {"last_service_on", claim.last_service_on},
              {"created_at", claim.created_at},
              {"voided_at", optional_json(claim.voided_at)},
              {"void_reason", optional_json(claim.void_reason)},
              {"batch", optional_json(claim.batch_id)},
              {"lines", lines}};
}

} // namespace iop::app
