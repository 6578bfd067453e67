#include "iop/pairing.hpp"

#include "iop/errors.hpp"

namespace iop {

namespace {

std::string who(const Client& c) {
  return c.full_name() + " (client " + std::to_string(c.id) + ")";
}

void check_partner(const Client& c, const std::optional<Couple>& current) {
  if (!c.active()) {
    throw Conflict(who(c) + " was discharged on " + c.discharge_date.value_or("?") + " and cannot be paired");
  }
  if (current) {
    throw Conflict(who(c) + " is already in couple " + std::to_string(current->id) + " with client " +
                       std::to_string(current->partner_of(c.id)),
                   "unpair first: iop couple unpair " + std::to_string(current->id));
  }
}

} // namespace

void check_pairing(const PairingFacts& f) {
  if (f.a.id == f.b.id) {
    throw Conflict("a client cannot be paired with themselves (client " + std::to_string(f.a.id) + ")");
  }
  check_partner(f.a, f.a_current);
  check_partner(f.b, f.b_current);
  if (f.therapist) {
    if (!f.therapist->active) {
      throw Conflict("clinician " + std::to_string(f.therapist->id) + " (" + f.therapist->display_name() +
                     ") is inactive");
    }
    if (!f.therapist->has_role("couples")) {
      throw Conflict("clinician " + std::to_string(f.therapist->id) + " (" + f.therapist->display_name() +
                         ") does not have the couples role",
                     "iop clinician list --role couples shows who does; or iop clinician update " +
                         std::to_string(f.therapist->id) + " --role ...,couples");
    }
  }
  const std::string since = format_date(f.since);
  for (const Client* c : {&f.a, &f.b}) {
    if (since < c->admission_date) {
      throw Conflict("the pairing date " + since + " is before " + who(*c) + " was admitted (" + c->admission_date +
                         ")",
                     "use --since " + c->admission_date + " or later");
    }
  }
  for (const auto& [c, previous] : {std::pair{&f.a, &f.a_previous}, std::pair{&f.b, &f.b_previous}}) {
    const std::optional<Couple>& last = *previous;
    if (last && last->until && since < *last->until) {
      throw Conflict("the pairing date " + since + " is before " + who(*c) + "'s previous pairing (couple " +
                         std::to_string(last->id) + ") ended on " + *last->until,
                     "use --since " + *last->until + " or later");
    }
  }
}

} // namespace iop
