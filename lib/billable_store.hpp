// SQL for the claim builder and the superbill: the sessions of a period with what billing needs
// (participants, attendance, actual times, notes, the couple's identified patient), and what live
// claims already hold. Internal to lib/.
#pragma once

#include "iop/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iop::store {

struct BillableParticipant {
  std::int64_t client_id = 0;
  std::optional<std::string> attendance; // present, absent; none: not recorded
  std::optional<std::int64_t> note_id;   // the client's note for the session, if any
  bool note_signed = false;
};

struct BillableSession {
  std::int64_t id = 0;
  std::string type;
  std::int64_t clinician_id = 0;
  std::optional<std::int64_t> client_id;
  std::optional<std::int64_t> couple_id;
  std::string start_utc;
  std::string end_utc;
  std::string timezone;
  std::string modality;
  std::string status;
  std::optional<std::string> actual_start_utc;
  std::optional<std::string> actual_end_utc;
  std::optional<std::int64_t> identified_patient; // per session (couples)
  bool patient_present = true;
  std::optional<std::int64_t> couple_identified_patient;
  std::optional<std::int64_t> couple_client_a;
  std::vector<BillableParticipant> participants;
};

// Who a session bills for `slot` 0: its client, or for a couples session the identified patient (the
// session's, else the couple's, else the couple's first partner).
inline std::int64_t billed_patient(const BillableSession& s) {
  if (s.client_id) {
    return *s.client_id;
  }
  return s.identified_patient.value_or(s.couple_identified_patient.value_or(s.couple_client_a.value_or(0)));
}

// Sessions (not cancelled) starting in [from_utc, to_utc) (no from: from the first), with a
// participant `client_id` when given; by start, then id.
std::vector<BillableSession> select_billable_sessions(Database& db, const std::optional<std::string>& from_utc,
                                                      const std::string& to_utc,
                                                      const std::optional<std::int64_t>& client_id);

// A live claim under a per-diem payer with a line for the client on that day, if any.
std::optional<std::int64_t> per_diem_claim_on(Database& db, std::int64_t client_id, const std::string& day);

} // namespace iop::store
