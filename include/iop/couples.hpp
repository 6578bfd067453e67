// Couples: two clients treated together, with a designated couples therapist. History is kept.
#pragma once

#include "iop/audit.hpp"
#include "iop/database.hpp"
#include "iop/dates.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iop {

struct Couple {
  std::int64_t id = 0;
  std::int64_t client_a = 0;
  std::int64_t client_b = 0;
  std::optional<std::int64_t> therapist_id;
  std::string since; // YYYY-MM-DD
  std::optional<std::string> until;
  std::optional<std::string> end_reason; // "unpaired", "discharged"
  std::string created_at;
  // The partner whose diagnosis the couples work treats: joint sessions are billed to them.
  // Stored at pairing; couples paired before it existed have none, which means client_a.
  std::optional<std::int64_t> identified_patient = std::nullopt;

  bool active() const { return !until.has_value(); }
  bool includes(std::int64_t client) const { return client_a == client || client_b == client; }
  std::int64_t partner_of(std::int64_t client) const { return client == client_a ? client_b : client_a; }
  std::int64_t identified_patient_id() const { return identified_patient.value_or(client_a); }
};

struct NewCouple {
  std::int64_t client_a = 0;
  std::int64_t client_b = 0;
  std::optional<std::int64_t> therapist_id;
  std::string since;                                             // empty: today
  std::optional<std::int64_t> identified_patient = std::nullopt; // one of the two; default client_a
};

// Only what is set changes.
struct CoupleChanges {
  std::optional<std::int64_t> identified_patient = std::nullopt;
  bool empty() const { return !identified_patient; }
};

struct CoupleFilter {
  bool include_ended = false;
  std::optional<std::int64_t> client_id;
};

Couple pair_couple(Database& db, const Actor& actor, const NewCouple& input, const Date& today);
struct UnpairResult {
  Couple couple;
  std::vector<std::int64_t> cancelled_sessions; // joint sessions booked after the end date, now cancelled
};
UnpairResult unpair_couple(Database& db, const Actor& actor, std::int64_t id, const std::optional<std::string>& date,
                           const Date& today);
// Changes an active couple; false when nothing changed (the values were already those).
bool update_couple(Database& db, const Actor& actor, std::int64_t id, const CoupleChanges& changes);
Couple get_couple(Database& db, std::int64_t id); // iop::NotFound
std::vector<Couple> list_couples(Database& db, const CoupleFilter& filter);
// The client's active couple, if any.
std::optional<Couple> active_couple_of(Database& db, std::int64_t client_id);
// Ends the client's active pairing on `date` (inside the caller's transaction); returns its id.
std::optional<std::int64_t> end_active_couple(Database& db, const Actor& actor, std::int64_t client_id,
                                              const std::string& date, const std::string& reason);

} // namespace iop
