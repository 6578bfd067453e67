#include "iop/authorizations.hpp"

#include "authorization_store.hpp"
#include "iop/clients.hpp"
#include "iop/coverage.hpp"
#include "iop/errors.hpp"
#include "iop/payers.hpp"
#include "iop/text.hpp"

#include <algorithm>
#include <cctype>

namespace iop {

bool Authorization::covers(const std::string& code, const std::string& day) const {
  return starts_on <= day && day <= ends_on && std::find(codes.begin(), codes.end(), code) != codes.end();
}

std::string normalize_procedure_code(const std::string& code) {
  std::string c = trim(code);
  std::transform(c.begin(), c.end(), c.begin(), [](unsigned char ch) { return std::toupper(ch); });
  const bool ok = c.size() == 5 && std::isalnum(static_cast<unsigned char>(c[0])) &&
                  std::all_of(c.begin() + 1, c.end(), [](unsigned char ch) { return std::isdigit(ch); });
  if (!ok) {
    throw Invalid("procedure code '" + code + "' is not a HCPCS/CPT code",
                  "five characters: a digit or letter, then 4 digits (90834, H0015, S9480)");
  }
  return c;
}

std::vector<std::string> normalize_procedure_codes(const std::vector<std::string>& codes) {
  std::vector<std::string> out;
  for (const auto& given : codes) {
    const std::string c = normalize_procedure_code(given);
    if (std::find(out.begin(), out.end(), c) != out.end()) {
      throw Invalid("procedure code " + c + " is given twice");
    }
    out.push_back(c);
  }
  if (out.empty()) {
    throw Invalid("an authorization needs at least one procedure code", "for example --code 90834,90837");
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string authorization_status(const Authorization& a, const Date& today) {
  const std::string day = format_date(today);
  if (day < a.starts_on) {
    return "future";
  }
  if (a.ends_on < day) {
    return "expired";
  }
  return a.units_remaining() > 0 ? "active" : "exhausted";
}

namespace {

Authorization validated(const NewAuthorization& input, const Date& today) {
  Authorization a;
  a.client_id = input.client_id;
  a.payer_id = input.payer_id;
  a.number = require_x12_text(input.number, "authorization number", 50);
  a.codes = normalize_procedure_codes(input.codes);
  if (input.units < 1 || input.units > k_max_authorized_units) {
    throw Invalid("units must be a whole number from 1 to " + std::to_string(k_max_authorized_units) + ", not " +
                  std::to_string(input.units));
  }
  a.units = input.units;
  const Date from = parse_date_relative(trim(input.from), today, "start date");
  const Date to = parse_date_relative(trim(input.to), today, "end date");
  if (to < from) {
    throw Invalid("end date " + format_date(to) + " is before the start date " + format_date(from));
  }
  a.starts_on = format_date(from);
  a.ends_on = format_date(to);
  return a;
}

// A coverage with the payer on some day of the authorization's period, else a warning.
std::vector<std::string> coverage_warnings(Database& db, const Authorization& a, const Payer& payer) {
  CoverageFilter filter;
  filter.client_id = a.client_id;
  filter.include_ended = true;
  for (const auto& c : list_coverages(db, filter, parse_date(a.starts_on))) {
    if (c.payer_id == a.payer_id && periods_overlap({c.starts_on, c.ends_on}, {a.starts_on, a.ends_on})) {
      return {};
    }
  }
  return {"client " + std::to_string(a.client_id) + " has no coverage with " + payer.name + " between " + a.starts_on +
          " and " + a.ends_on + " (iop coverage add)"};
}

} // namespace

Authorization get_authorization(Database& db, std::int64_t id) {
  auto a = store::find_authorization_row(db, id);
  if (!a) {
    throw NotFound("no authorization with id " + std::to_string(id), "iop auth list shows every authorization");
  }
  return *a;
}

std::string get_authorization_number(Database& db, std::int64_t id) {
  auto number = store::find_authorization_number(db, id);
  if (!number) {
    throw NotFound("no authorization with id " + std::to_string(id), "iop auth list shows every authorization");
  }
  return *number;
}

AddedAuthorization add_authorization(Database& db, const Actor& actor, const NewAuthorization& input,
                                     const Date& today) {
  Authorization a = validated(input, today);
  WriteTransaction tx(db);
  (void)get_client(db, a.client_id);
  const Payer payer = get_payer(db, a.payer_id);
  if (!payer.active) {
    throw Conflict("payer " + std::to_string(payer.id) + " (" + payer.name + ") is inactive",
                   "reactivate it first: iop payer update " + std::to_string(payer.id) + " --active yes");
  }
  if (const auto other = store::authorization_numbered(db, a.payer_id, a.number)) {
    throw Conflict("payer " + std::to_string(payer.id) + " (" + payer.name + ") already has authorization number " +
                       a.number + " (authorization " + std::to_string(*other) + ")",
                   "see iop auth show " + std::to_string(*other));
  }
  std::vector<std::string> warnings = coverage_warnings(db, a, payer);
  a.created_at = format_utc(actor.at);
  const std::int64_t id = store::insert_authorization(db, a);
  audit(db, actor, "create", "authorization", id);
  tx.commit();
  return {get_authorization(db, id), std::move(warnings)};
}

std::vector<Authorization> list_authorizations(Database& db, const AuthorizationFilter& filter, const Date& today) {
  if (filter.client_id) {
    (void)get_client(db, *filter.client_id);
  }
  std::vector<Authorization> out;
  for (auto& a : store::select_authorizations(db, filter.client_id)) {
    if (!filter.active_only || authorization_status(a, today) == "active") {
      out.push_back(std::move(a));
    }
  }
  return out;
}

std::optional<Authorization> find_authorization(Database& db, std::int64_t client_id, std::int64_t payer_id,
                                                const std::string& code, const Date& day) {
  const std::string c = normalize_procedure_code(code);
  const std::string on = format_date(day);
  std::optional<Authorization> best;
  for (auto& a : store::authorizations_of(db, client_id, payer_id)) {
    if (!a.covers(c, on) || a.units_remaining() <= 0) {
      continue;
    }
    // Draw on the one that expires first, so fewer units lapse unused; ids break ties.
    if (!best || a.ends_on < best->ends_on) {
      best = std::move(a);
    }
  }
  return best;
}

} // namespace iop
