// check_pairing: the couple rules as a plain function of hand-built facts, no database.
#include "iop/errors.hpp"
#include "iop/pairing.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace iop;

namespace {

Client client(std::int64_t id, const std::string& first, const std::string& admitted = "2026-11-01") {
  Client c;
  c.id = id;
  c.first_name = first;
  c.last_name = "Reed";
  c.date_of_birth = "1985-02-01";
  c.admission_date = admitted;
  return c;
}

Clinician therapist(bool active = true, std::vector<std::string> roles = {"individual", "couples"}) {
  Clinician t;
  t.id = 7;
  t.name = "Dana Reyes";
  t.credential = "LMFT";
  t.roles = std::move(roles);
  t.active = active;
  return t;
}

Couple couple(std::int64_t id, std::int64_t a, std::int64_t b) {
  Couple c;
  c.id = id;
  c.client_a = a;
  c.client_b = b;
  c.since = "2026-11-02";
  return c;
}

PairingFacts facts() {
  PairingFacts f;
  f.a = client(1, "Ana");
  f.b = client(2, "Ben");
  f.therapist = therapist();
  f.since = parse_date("2026-11-10");
  return f;
}

// The message of the Conflict check_pairing throws ("" when it does not throw).
std::string refusal(const PairingFacts& f) {
  try {
    check_pairing(f);
  } catch (const Conflict& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("pairing: two active, unpaired clients with a couples therapist may be paired") {
  CHECK_NOTHROW(check_pairing(facts()));
}

TEST_CASE("pairing: no therapist is allowed") {
  auto f = facts();
  f.therapist.reset();
  CHECK_NOTHROW(check_pairing(f));
}

TEST_CASE("pairing: the pairing may start on the later admission day") {
  auto f = facts();
  f.b = client(2, "Ben", "2026-11-10");
  CHECK_NOTHROW(check_pairing(f));
}

TEST_CASE("pairing: a client cannot be paired with themselves") {
  auto f = facts();
  f.b = f.a;
  CHECK(contains(refusal(f), "cannot be paired with themselves"));
}

TEST_CASE("pairing: a discharged client cannot be paired, on either side") {
  for (const bool first : {true, false}) {
    CAPTURE(first);
    auto f = facts();
    Client& c = first ? f.a : f.b;
    c.status = "discharged";
    c.discharge_date = "2026-11-20";
    const auto why = refusal(f);
    CHECK(contains(why, "discharged on 2026-11-20"));
    CHECK(contains(why, c.full_name()));
  }
}

TEST_CASE("pairing: a client already in an active couple cannot be paired again, on either side") {
  auto f = facts();
  f.a_current = couple(5, 1, 3);
  auto why = refusal(f);
  CHECK(contains(why, "Ana Reed (client 1) is already in couple 5 with client 3"));

  f = facts();
  f.b_current = couple(6, 4, 2);
  why = refusal(f);
  CHECK(contains(why, "Ben Reed (client 2) is already in couple 6 with client 4"));
}

TEST_CASE("pairing: the refusal for an existing couple hints at unpairing it") {
  auto f = facts();
  f.a_current = couple(5, 1, 3);
  try {
    check_pairing(f);
    FAIL("check_pairing accepted a client who is already paired");
  } catch (const Conflict& e) {
    CHECK(e.hint() == "unpair first: iop couple unpair 5");
  }
}

TEST_CASE("pairing: the therapist must be active") {
  auto f = facts();
  f.therapist = therapist(false);
  const auto why = refusal(f);
  CHECK(contains(why, "clinician 7 (Dana Reyes, LMFT) is inactive"));
}

TEST_CASE("pairing: the therapist must have the couples role") {
  auto f = facts();
  f.therapist = therapist(true, {"individual", "addiction"});
  CHECK(contains(refusal(f), "does not have the couples role"));
  f.therapist = therapist(true, {});
  CHECK(contains(refusal(f), "does not have the couples role"));
}

TEST_CASE("pairing: the pairing cannot start before either partner's admission") {
  auto f = facts();
  f.a = client(1, "Ana", "2026-11-11");
  CHECK(contains(refusal(f), "before Ana Reed (client 1) was admitted (2026-11-11)"));

  f = facts();
  f.b = client(2, "Ben", "2026-12-01");
  CHECK(contains(refusal(f), "before Ben Reed (client 2) was admitted (2026-12-01)"));
}

TEST_CASE("pairing: only Conflict is thrown, never another error type") {
  auto f = facts();
  f.b = f.a;
  CHECK_THROWS_AS(check_pairing(f), Conflict);
  f = facts();
  f.therapist = therapist(false);
  CHECK_THROWS_AS(check_pairing(f), Conflict);
}

TEST_CASE("pairing: a new pairing cannot start before a partner's previous pairing ended") {
  auto f = facts(); // since 2026-11-10
  Couple ended = couple(4, 2, 9);
  ended.until = "2026-11-15";
  f.b_previous = ended;
  const auto why = refusal(f);
  CHECK(contains(why, "previous pairing (couple 4) ended on 2026-11-15"));

  ended.until = "2026-11-10"; // ended the same day the new one starts: no overlap
  f.b_previous = ended;
  CHECK_NOTHROW(check_pairing(f));
  f.a_previous = ended;
  CHECK_NOTHROW(check_pairing(f));
}
