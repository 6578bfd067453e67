// Clients: enrollment, details, diagnoses, discharge. A record is never deleted.
#pragma once

#include "iop/audit.hpp"
#include "iop/database.hpp"
#include "iop/dates.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iop {

inline constexpr const char* k_tracks[] = {"mh", "sud", "dual"};
inline constexpr const char* k_discharge_reasons[] = {"completed", "transferred",    "withdrew",
                                                      "ama",       "administrative", "other"};

struct Client {
  std::int64_t id = 0;
  std::string first_name;
  std::string last_name;
  std::string date_of_birth; // YYYY-MM-DD
  std::string sex = "U";     // F, M, X, U
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::string timezone;
  std::string track = "mh";
  std::optional<std::int64_t> clinician_id;
  std::string admission_date;
  std::string status = "active"; // active, discharged
  std::optional<std::string> discharge_date;
  std::optional<std::string> discharge_reason;
  std::vector<std::string> diagnoses; // canonical ICD-10-CM, primary first
  std::optional<std::string> address; // postal address: all four set, or none
  std::optional<std::string> city;
  std::optional<std::string> state; // two letters, upper case
  std::optional<std::string> zip;   // 5 or 9 digits, no hyphen
  std::string created_at;

  std::string full_name() const { return first_name + " " + last_name; }
  bool active() const { return status == "active"; }
};

struct NewClient {
  std::string first_name;
  std::string last_name;
  std::string date_of_birth;
  std::string sex = "U";
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::string timezone;
  std::string track = "mh";
  std::optional<std::int64_t> clinician_id;
  std::string admission_date; // empty: today
  std::vector<std::string> diagnoses;
  std::optional<std::string> address;
  std::optional<std::string> city;
  std::optional<std::string> state;
  std::optional<std::string> zip;
  bool allow_duplicate = false;
};

// Only what is set changes; an empty phone, email or address part clears it; clinician_id 0 clears it.
// The resulting address must be complete (address, city, state, zip) or empty.
struct ClientChanges {
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> date_of_birth;
  std::optional<std::string> sex;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> timezone;
  std::optional<std::string> track;
  std::optional<std::int64_t> clinician_id;
  std::optional<std::string> admission_date;
  std::optional<std::vector<std::string>> diagnoses;
  std::optional<std::string> address;
  std::optional<std::string> city;
  std::optional<std::string> state;
  std::optional<std::string> zip;
  bool empty() const {
    return !first_name && !last_name && !date_of_birth && !sex && !phone && !email && !timezone && !track &&
           !clinician_id && !admission_date && !diagnoses && !address && !city && !state && !zip;
  }
};

struct ClientFilter {
  std::string status = "active"; // active, discharged, all
  std::optional<std::int64_t> clinician_id;
  std::optional<std::string> search; // name, case- and accent-insensitive
};

struct Discharge {
  std::string date;
  std::string reason;
};

struct DischargeResult {
  Client client;
  std::optional<std::int64_t> ended_couple_id;  // the pairing ended on the discharge date, if any
  std::vector<std::int64_t> cancelled_sessions; // scheduled after the discharge date, now cancelled
};

// Rules usable without a database; each throws iop::Invalid naming the field.
std::string normalize_sex(const std::string& sex);
std::string normalize_track(const std::string& track);
std::string normalize_phone(const std::string& phone);
std::vector<std::string> normalize_diagnoses(const std::vector<std::string>& codes);
std::string normalize_state(const std::string& state); // two letters, upper-cased
std::string normalize_zip(const std::string& zip);     // 5 or 9 digits; "97201-1234" -> "972011234"
// Birth not in the future (relative to `today`), not before 1900; admission not before birth.
void check_client_dates(const Date& birth, const Date& admission, const Date& today);

// The record `client enroll` (and `client import`) would store: every field checked and put in
// canonical form (admission empty: today). No database: who the clinician is and whether the
// client is a duplicate are checked by the caller. Throws iop::Invalid naming the field.
Client validate_new_client(const NewClient& input, const Date& today);
// "a client named Ana Reed born 1985-02-01 is already enrolled (client 12)"
std::string duplicate_client_message(const Client& c, std::int64_t existing_id);

Client enroll_client(Database& db, const Actor& actor, const NewClient& input, const Date& today);
Client get_client(Database& db, std::int64_t id); // iop::NotFound
std::vector<Client> list_clients(Database& db, const ClientFilter& filter);
Client update_client(Database& db, const Actor& actor, std::int64_t id, const ClientChanges& changes,
                     const Date& today);
DischargeResult discharge_client(Database& db, const Actor& actor, std::int64_t id, const Discharge& discharge,
                                 const Date& today);

} // namespace iop
