// The pairing rules, as a plain function of the facts, so they are tested without a database.
#pragma once

#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/couples.hpp"

#include <optional>

namespace iop {

struct PairingFacts {
  Client a;
  Client b;
  std::optional<Couple> a_current; // the active couple each is already in, if any
  std::optional<Couple> b_current;
  std::optional<Clinician> therapist;
  Date since;
  std::optional<Couple> a_previous; // the ended couple each was last in, if any
  std::optional<Couple> b_previous;
};

// Throws iop::Conflict naming the first rule broken: pairing a client with themselves, a
// discharged client, a client already in an active couple, a therapist who is inactive or
// lacks the couples role, a pairing that starts before either partner's admission or before
// the end of a partner's previous pairing (a client's pairings never overlap in time).
void check_pairing(const PairingFacts& facts);

} // namespace iop
