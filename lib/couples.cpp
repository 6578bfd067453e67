#include "iop/couples.hpp"

#include "couple_store.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/errors.hpp"
#include "iop/pairing.hpp"
#include "iop/sessions.hpp"
#include "iop/text.hpp"

namespace iop {

Couple get_couple(Database& db, std::int64_t id) {
  auto c = store::find_couple(db, id);
  if (!c) {
    throw NotFound("no couple with id " + std::to_string(id), "iop couple list --all shows every couple");
  }
  return *c;
}

std::optional<Couple> active_couple_of(Database& db, std::int64_t client_id) {
  return store::find_active_couple_of(db, client_id);
}

std::vector<Couple> list_couples(Database& db, const CoupleFilter& filter) {
  return store::select_couples(db, filter);
}

namespace {

// The identified patient is one of the partners; an unknown client is NotFound, another one Conflict.
void require_partner(Database& db, std::int64_t client, std::int64_t a, std::int64_t b, const std::string& couple) {
  if (client == a || client == b) {
    return;
  }
  const Client c = get_client(db, client);
  throw Conflict(c.full_name() + " (client " + std::to_string(client) + ") is not a partner in " + couple +
                     ", so cannot be its identified patient",
                 "the identified patient is client " + std::to_string(a) + " or " + std::to_string(b));
}

} // namespace

Couple pair_couple(Database& db, const Actor& actor, const NewCouple& input, const Date& today) {
  const Date since = input.since.empty() ? today : parse_date_relative(trim(input.since), today, "pairing date");
  // A pairing dated ahead could not be ended (unpair or discharge) until that day.
  if (since > today) {
    throw Invalid("pairing date " + format_date(since) + " is in the future", "pair on or after the first day");
  }
  WriteTransaction tx(db);
  PairingFacts facts{get_client(db, input.client_a),
                     get_client(db, input.client_b),
                     std::nullopt,
                     std::nullopt,
                     std::nullopt,
                     since,
                     std::nullopt,
                     std::nullopt};
  if (input.therapist_id) {
    facts.therapist = get_clinician(db, *input.therapist_id);
  }
  if (input.client_a != input.client_b) {
    facts.a_current = store::find_active_couple_of(db, input.client_a);
    facts.b_current = store::find_active_couple_of(db, input.client_b);
    facts.a_previous = store::find_last_ended_couple_of(db, input.client_a);
    facts.b_previous = store::find_last_ended_couple_of(db, input.client_b);
  }
  check_pairing(facts);
  const std::int64_t identified = input.identified_patient.value_or(input.client_a);
  require_partner(db, identified, input.client_a, input.client_b, "the new couple");
  Couple c;
  c.client_a = input.client_a;
  c.client_b = input.client_b;
  c.therapist_id = input.therapist_id;
  c.since = format_date(since);
  c.created_at = format_utc(actor.at);
  c.identified_patient = identified;
  const std::int64_t id = store::insert_couple(db, c);
  audit(db, actor, "pair", "couple", id);
  tx.commit();
  return get_couple(db, id);
}

bool update_couple(Database& db, const Actor& actor, std::int64_t id, const CoupleChanges& changes) {
  if (changes.empty()) {
    throw Invalid("nothing to update", "give --identified-patient");
  }
  WriteTransaction tx(db);
  const Couple c = get_couple(db, id);
  if (!c.active()) {
    throw Conflict("couple " + std::to_string(id) + " was unpaired on " + c.until.value_or("?") +
                       "; an ended couple is not changed",
                   "iop couple list shows the active couples");
  }
  require_partner(db, *changes.identified_patient, c.client_a, c.client_b, "couple " + std::to_string(id));
  if (c.identified_patient_id() == *changes.identified_patient) {
    return false;
  }
  store::set_identified_patient(db, id, *changes.identified_patient);
  audit(db, actor, "update", "couple", id);
  tx.commit();
  return true;
}

namespace {

void end_checked(Database& db, const Couple& c, const std::string& until, const std::string& reason) {
  if (until < c.since) {
    throw Invalid("the end date " + until + " is before couple " + std::to_string(c.id) + " was paired (" + c.since +
                  ")");
  }
  store::end_couple(db, c.id, until, reason);
}

} // namespace

UnpairResult unpair_couple(Database& db, const Actor& actor, std::int64_t id, const std::optional<std::string>& date,
                           const Date& today) {
  const Date on = date ? parse_date_relative(trim(*date), today, "unpairing date") : today;
  if (on > today) {
    throw Invalid("unpairing date " + format_date(on) + " is in the future",
                  "record the unpairing on or after the day");
  }
  WriteTransaction tx(db);
  const Couple c = get_couple(db, id);
  if (!c.active()) {
    throw Conflict("couple " + std::to_string(id) + " was already unpaired on " + c.until.value_or("?"));
  }
  end_checked(db, c, format_date(on), "unpaired");
  audit(db, actor, "unpair", "couple", id);
  auto cancelled = release_sessions_after(db, actor, {std::nullopt, id, format_date(on), "couple unpaired"});
  tx.commit();
  return UnpairResult{get_couple(db, id), std::move(cancelled)};
}

std::optional<std::int64_t> end_active_couple(Database& db, const Actor& actor, std::int64_t client_id,
                                              const std::string& date, const std::string& reason) {
  const auto c = store::find_active_couple_of(db, client_id);
  if (!c) {
    return std::nullopt;
  }
  end_checked(db, *c, date, reason);
  audit(db, actor, "unpair", "couple", c->id);
  return c->id;
}

} // namespace iop
