// make_superbill: a client's attended, signed services of a period, coded per service, with the
// practice's details from the config (lib/superbill.cpp).
#include "iop/audit.hpp"
#include "iop/claim_reports.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/couples.hpp"
#include "iop/coverage.hpp"
#include "iop/errors.hpp"
#include "iop/notes.hpp"
#include "iop/payers.hpp"
#include "iop/sessions.hpp"

#include "temp_database.hpp"

#include <doctest/doctest.h>

namespace {

using namespace iop;
using iop::testing::TempDatabase;

const Actor k_actor{"tester", "claim superbill", *parse_utc("2026-11-27T17:00:00Z")};
const std::string k_soap = "S: calmer\nO: on time\nA: improving\nP: continue weekly";

Date ymd(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

const Date k_today = ymd(2026, 11, 27);

struct Office {
  TempDatabase tmp;
  Database& db = tmp.db();
  Config config;
  std::int64_t dana = 0, ana = 0;

  Office() {
    config.text = {{"practice.name", "Harbor Light"}, {"practice.npi", "1234567893"},
                   {"practice.tax_id", "931234567"},  {"practice.address", "100 Main St"},
                   {"practice.city", "Portland"},     {"practice.state", "OR"},
                   {"practice.zip", "972010000"},     {"practice.phone", "5035550100"}};
    config.fees_cents = {{"90832", 11000}, {"90834", 15000}, {"90837", 19000}, {"90847", 17000}};
    NewClinician c{"Dana Reyes",          "LMFT",      std::string("1234567893"), {"individual", "couples"},
                   "America/Los_Angeles", std::nullopt};
    dana = add_clinician(db, k_actor, c).id;
    NewClient n;
    n.first_name = "Ana";
    n.last_name = "Reed";
    n.date_of_birth = "1985-02-01";
    n.timezone = "America/Los_Angeles";
    n.admission_date = "2026-11-02";
    n.diagnoses = {"F41.1", "F43.23"};
    ana = enroll_client(db, k_actor, n, k_today).id;
  }

  std::int64_t session(unsigned day, int minutes, bool sign, const std::string& modality = "video") {
    SessionRequest r;
    r.type = "individual";
    r.client_id = ana;
    r.clinician_id = dana;
    r.start = LocalDateTime{ymd(2026, 11, day), 10, 0};
    r.minutes = minutes;
    r.modality = modality;
    const auto id = schedule_sessions(db, k_actor, r, 50).created.front().id;
    attend_session(db, k_actor, id, {});
    const Note n = add_note(db, k_actor, NewNote{id, ana, "soap", k_soap});
    if (sign) {
      sign_note(db, k_actor, n.id, dana);
    }
    return id;
  }
};

} // namespace

TEST_CASE("superbill: signed services coded per service, the rest left out with the reason") {
  Office o;
  const auto a = o.session(3, 53, true);
  const auto b = o.session(10, 40, true, "in-person");
  const auto unsigned_one = o.session(17, 53, false);
  const auto short_one = o.session(20, 10, true);
  o.session(24, 53, true); // outside the period
  const Superbill bill = make_superbill(o.db, o.config, o.ana, ymd(2026, 11, 1), ymd(2026, 11, 23));
  CHECK(bill.practice_name == "Harbor Light");
  CHECK(bill.practice_address == "100 Main St, Portland, OR 97201-0000");
  CHECK(bill.client_name == "Ana Reed");
  CHECK(bill.client_date_of_birth == "1985-02-01");
  CHECK(bill.diagnoses == std::vector<std::string>{"F41.1", "F43.23"});
  REQUIRE(bill.lines.size() == 2);
  CHECK(bill.lines[0].session_id == a);
  CHECK(bill.lines[0].code == "90837");
  CHECK(bill.lines[0].modifiers == std::vector<std::string>{"95"}); // no coverage: the default modifier
  CHECK(bill.lines[0].pointers == std::vector<std::string>{"A", "B"});
  CHECK(bill.lines[0].clinician == "Dana Reyes, LMFT");
  CHECK(bill.lines[0].clinician_npi == "1234567893");
  CHECK(bill.lines[1].session_id == b);
  CHECK(bill.lines[1].code == "90834");
  CHECK(bill.lines[1].place_of_service == "11");
  CHECK(bill.lines[1].modifiers.empty());
  CHECK(bill.total_cents == 19000 + 15000);
  CHECK(bill.paid_cents == 0);
  REQUIRE(bill.left_out.size() == 2);
  CHECK(bill.left_out[0].session_id == unsigned_one);
  CHECK(bill.left_out[0].code == "note-unsigned");
  CHECK(bill.left_out[1].session_id == short_one);
  CHECK(bill.left_out[1].code == "too-short");
}

TEST_CASE("superbill: the payer's modifier when the client has a primary coverage") {
  Office o;
  NewPayer p;
  p.name = "Acme PPO";
  p.payer_id = "ACME1";
  p.telehealth_modifier = "GT";
  p.billing = "per-diem"; // the superbill is per service whatever the payer's model
  const auto payer = add_payer(o.db, k_actor, p).id;
  NewCoverage c;
  c.client_id = o.ana;
  c.payer_id = payer;
  c.member_id = "M1";
  c.from = "2026-11-01";
  add_coverage(o.db, k_actor, c, k_today);
  o.session(3, 53, true);
  const Superbill bill = make_superbill(o.db, o.config, o.ana, ymd(2026, 11, 1), ymd(2026, 11, 30));
  REQUIRE(bill.lines.size() == 1);
  CHECK(bill.lines[0].code == "90837");
  CHECK(bill.lines[0].modifiers == std::vector<std::string>{"GT"});
}

TEST_CASE("superbill: refusals") {
  Office o;
  CHECK_THROWS_AS(make_superbill(o.db, o.config, o.ana, ymd(2026, 11, 30), ymd(2026, 11, 1)), Invalid);
  CHECK_THROWS_AS(make_superbill(o.db, o.config, 999, ymd(2026, 11, 1), ymd(2026, 11, 30)), NotFound);
  o.config.text.erase("practice.tax_id");
  try {
    make_superbill(o.db, o.config, o.ana, ymd(2026, 11, 1), ymd(2026, 11, 30));
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("practice.tax_id") != std::string::npos);
  }
}
