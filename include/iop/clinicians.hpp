// Clinicians: who delivers care, with which credential, NPI, roles and home time zone.
#pragma once

#include "iop/audit.hpp"
#include "iop/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iop {

inline constexpr const char* k_clinician_roles[] = {"individual", "couples", "addiction", "group", "medical"};

struct Clinician {
  std::int64_t id = 0;
  std::string name;
  std::string credential;
  std::optional<std::string> npi;
  std::vector<std::string> roles; // in the order of k_clinician_roles
  std::string timezone;
  std::optional<std::string> email;
  bool active = true;
  std::string created_at;

  bool has_role(const std::string& role) const;
  // "Dana Reyes, LMFT"
  std::string display_name() const;
};

struct NewClinician {
  std::string name;
  std::string credential;
  std::optional<std::string> npi;
  std::vector<std::string> roles;
  std::string timezone;
  std::optional<std::string> email;
};

// Only the fields that are set change. An empty string for npi or email clears it.
struct ClinicianChanges {
  std::optional<std::string> name;
  std::optional<std::string> credential;
  std::optional<std::string> npi;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::string> timezone;
  std::optional<std::string> email;
  bool empty() const { return !name && !credential && !npi && !roles && !timezone && !email; }
};

struct ClinicianFilter {
  bool include_inactive = false;
  std::optional<std::string> role;
};

// Validation rules, usable without a database. Each throws iop::Invalid naming the field.
std::vector<std::string> normalize_roles(const std::vector<std::string>& roles);
std::string normalize_credential(const std::string& credential);
std::string normalize_email(const std::string& email);
// What `clinician add` (and `clinician import`) would store: every field checked and canonical.
// NPI uniqueness needs the database and is the caller's check.
NewClinician validate_new_clinician(const NewClinician& input);

Clinician add_clinician(Database& db, const Actor& actor, const NewClinician& input);
Clinician get_clinician(Database& db, std::int64_t id); // iop::NotFound
std::vector<Clinician> list_clinicians(Database& db, const ClinicianFilter& filter);
Clinician update_clinician(Database& db, const Actor& actor, std::int64_t id, const ClinicianChanges& changes);
// Marks the clinician inactive. Returns false when they already were (nothing changed).
bool deactivate_clinician(Database& db, const Actor& actor, std::int64_t id);

} // namespace iop
