#include "iop/clinicians.hpp"

#include "clinician_store.hpp"
#include "iop/dates.hpp"
#include "iop/errors.hpp"
#include "iop/identifiers.hpp"
#include "iop/text.hpp"

#include <algorithm>
#include <cctype>

namespace iop {

bool Clinician::has_role(const std::string& role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::string Clinician::display_name() const {
  return name + ", " + credential;
}

std::vector<std::string> normalize_roles(const std::vector<std::string>& roles) {
  std::vector<std::string> out;
  for (const auto& given : roles) {
    std::string role = trim(given);
    std::transform(role.begin(), role.end(), role.begin(), [](unsigned char c) { return std::tolower(c); });
    if (role.empty()) {
      continue;
    }
    if (std::find(std::begin(k_clinician_roles), std::end(k_clinician_roles), role) == std::end(k_clinician_roles)) {
      throw Invalid("unknown role '" + given + "'", "roles are individual, couples, addiction, group, medical");
    }
  }
  for (const char* known : k_clinician_roles) {
    for (const auto& given : roles) {
      std::string role = trim(given);
      std::transform(role.begin(), role.end(), role.begin(), [](unsigned char c) { return std::tolower(c); });
      if (role == known) {
        out.emplace_back(known);
        break;
      }
    }
  }
  return out;
}

std::string normalize_credential(const std::string& credential) {
  const std::string c = require_text(credential, "credential", 40);
  for (unsigned char ch : c) {
    if (!std::isalnum(ch) && ch != '-' && ch != '.' && ch != ' ' && ch != ',' && ch != '/') {
      throw Invalid("credential '" + c + "' may hold only letters, digits, spaces and - . , /",
                    "for example LCSW, LMFT, LADC, MD, NP");
    }
  }
  return c;
}

std::string normalize_email(const std::string& email) {
  const std::string e = require_text(email, "email", 254);
  const auto at = e.find('@');
  const bool ok = at != std::string::npos && at > 0 && e.find('@', at + 1) == std::string::npos &&
                  e.find('.', at) != std::string::npos && e.back() != '.' && e.find(' ') == std::string::npos;
  if (!ok) {
    throw Invalid("'" + e + "' is not an email address");
  }
  return e;
}

NewClinician validate_new_clinician(const NewClinician& input) {
  NewClinician c;
  c.name = require_text(input.name, "name", 120);
  c.credential = normalize_credential(input.credential);
  if (input.npi && !trim(*input.npi).empty()) {
    const std::string npi = trim(*input.npi);
    require_valid_npi(npi);
    c.npi = npi;
  }
  c.roles = normalize_roles(input.roles);
  require_time_zone(input.timezone);
  c.timezone = input.timezone;
  if (input.email && !trim(*input.email).empty()) {
    c.email = normalize_email(*input.email);
  }
  return c;
}

namespace {

void require_unique_npi(Database& db, const std::optional<std::string>& npi, std::int64_t self) {
  if (!npi) {
    return;
  }
  if (const auto other = store::clinician_with_npi(db, *npi); other && *other != self) {
    throw Conflict("NPI " + *npi + " already belongs to clinician " + std::to_string(*other),
                   "each clinician has their own NPI; see iop clinician show " + std::to_string(*other));
  }
}

} // namespace

Clinician get_clinician(Database& db, std::int64_t id) {
  auto c = store::find_clinician(db, id);
  if (!c) {
    throw NotFound("no clinician with id " + std::to_string(id), "iop clinician list --all shows every clinician");
  }
  return *c;
}

Clinician add_clinician(Database& db, const Actor& actor, const NewClinician& input) {
  const NewClinician c = validate_new_clinician(input);
  WriteTransaction tx(db);
  require_unique_npi(db, c.npi, 0);
  const std::int64_t id = store::insert_clinician(db, c, format_utc(actor.at));
  audit(db, actor, "create", "clinician", id);
  tx.commit();
  return get_clinician(db, id);
}

std::vector<Clinician> list_clinicians(Database& db, const ClinicianFilter& filter) {
  return store::select_clinicians(db, filter);
}

Clinician update_clinician(Database& db, const Actor& actor, std::int64_t id, const ClinicianChanges& changes) {
  if (changes.empty()) {
    throw Invalid("nothing to update", "give at least one of --name, --credential, --npi, --role, --tz, --email");
  }
  WriteTransaction tx(db);
  Clinician c = get_clinician(db, id);
  NewClinician next{changes.name.value_or(c.name),         changes.credential.value_or(c.credential),
                    changes.npi ? changes.npi : c.npi,     changes.roles.value_or(c.roles),
                    changes.timezone.value_or(c.timezone), changes.email ? changes.email : c.email};
  next = validate_new_clinician(next);
  require_unique_npi(db, next.npi, id);
  c.name = next.name;
  c.credential = next.credential;
  c.npi = next.npi;
  c.timezone = next.timezone;
  c.email = next.email;
  store::update_clinician_row(db, c);
  if (changes.roles) {
    store::replace_clinician_roles(db, id, next.roles);
  }
  audit(db, actor, "update", "clinician", id);
  tx.commit();
  return get_clinician(db, id);
}

bool deactivate_clinician(Database& db, const Actor& actor, std::int64_t id) {
  WriteTransaction tx(db);
  Clinician c = get_clinician(db, id);
  if (!c.active) {
    return false;
  }
  c.active = false;
  store::update_clinician_row(db, c);
  audit(db, actor, "deactivate", "clinician", id);
  tx.commit();
  return true;
}

} // namespace iop
