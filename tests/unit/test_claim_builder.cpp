// build_claims against a real database: codes through the builder at every minute boundary, per-diem
// roll-up, couples billed once, group members, authorizations, billing twice, void and dry run
// (lib/claim_builder.cpp, lib/billable_store.cpp).
#include "iop/audit.hpp"
#include "iop/authorizations.hpp"
#include "iop/claims.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/couples.hpp"
#include "iop/coverage.hpp"
#include "iop/errors.hpp"
#include "iop/groups.hpp"
#include "iop/notes.hpp"
#include "iop/payers.hpp"
#include "iop/sessions.hpp"

#include "temp_database.hpp"

#include <doctest/doctest.h>

#include <numeric>

namespace {

using namespace iop;
using iop::testing::TempDatabase;

const Instant k_now = *parse_utc("2026-11-27T17:00:00Z");
const Actor k_actor{"tester", "claim build", k_now};
const std::string k_soap = "S: calmer\nO: on time\nA: improving\nP: continue weekly";

Date ymd(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

const Date k_today = ymd(2026, 11, 27);

Config billing_config() {
  Config c;
  c.fees_cents = {{"90832", 11000}, {"90834", 15000}, {"90837", 19000}, {"90846", 16000}, {"90847", 17000},
                  {"90853", 7000},  {"H0004", 3500},  {"S9480", 45000}, {"H0015", 45000}};
  return c;
}

struct Practice {
  TempDatabase tmp;
  Database& db = tmp.db();
  Config config = billing_config();
  std::int64_t dana = 0, lee = 0, acme = 0, diem = 0, blue = 0;

  Practice() {
    dana = clinician("Dana Reyes", "1234567893");
    lee = clinician("Lee Park", "1234567802");
    acme = payer("Acme PPO", "per-service", false);
    diem = payer("Daily Health", "per-diem", false);
    blue = payer("Blue Shield", "per-service", true);
  }

  std::int64_t clinician(const std::string& name, const std::string& npi) {
    NewClinician c;
    c.name = name;
    c.credential = "LMFT";
    c.npi = npi;
    c.roles = {"individual", "couples", "addiction", "group"};
    c.timezone = "America/Los_Angeles";
    return add_clinician(db, k_actor, c).id;
  }

  std::int64_t payer(const std::string& name, const std::string& billing, bool requires_auth) {
    NewPayer p;
    p.name = name;
    p.payer_id = "P" + std::to_string(name.size());
    p.billing = billing;
    p.requires_auth = requires_auth;
    return add_payer(db, k_actor, p).id;
  }

  // A client with a primary coverage from 2026-11-01 (none when payer_id is 0).
  std::int64_t client(const std::string& first, std::int64_t payer_id, std::vector<std::string> dx = {"F41.1"}) {
    NewClient c;
    c.first_name = first;
    c.last_name = "Reed";
    c.date_of_birth = "1985-02-01";
    c.timezone = "America/Los_Angeles";
    c.admission_date = "2026-11-02";
    c.diagnoses = std::move(dx);
    const std::int64_t id = enroll_client(db, k_actor, c, k_today).id;
    if (payer_id) {
      NewCoverage cov;
      cov.client_id = id;
      cov.payer_id = payer_id;
      cov.member_id = "M" + std::to_string(id);
      cov.from = "2026-11-01";
      add_coverage(db, k_actor, cov, k_today);
    }
    return id;
  }

  std::int64_t schedule(SessionRequest r, unsigned day, int hour, int minutes) {
    r.clinician_id = r.clinician_id ? r.clinician_id : dana;
    r.start = LocalDateTime{ymd(2026, 11, day), hour, 0};
    r.minutes = minutes;
    return schedule_sessions(db, k_actor, r, 50).created.front().id;
  }

  std::int64_t attend(std::int64_t session, Attendance a = {}) {
    attend_session(db, k_actor, session, a);
    return session;
  }

  std::int64_t note(std::int64_t session, std::int64_t client_id, bool sign = true, std::int64_t by = 0) {
    const Note n = add_note(db, k_actor, NewNote{session, client_id, "soap", k_soap});
    if (sign) {
      sign_note(db, k_actor, n.id, by ? by : dana);
    }
    return n.id;
  }

  // An attended individual (or other one-client type) session with a signed note.
  std::int64_t service(std::int64_t client_id, unsigned day, int minutes, const std::string& type = "individual",
                       int hour = 10, std::int64_t by = 0) {
    SessionRequest r;
    r.type = type;
    r.client_id = client_id;
    r.clinician_id = by;
    const std::int64_t id = attend(schedule(r, day, hour, minutes));
    note(id, client_id, true, by);
    return id;
  }

  ClaimBuildResult build(bool dry_run = false) {
    ClaimBuildRequest request;
    request.dry_run = dry_run;
    return build_claims(db, k_actor, config, request, k_today);
  }

  int count(const std::string& table) { return db.sql().execAndGet("SELECT count(*) FROM " + table).getInt(); }
};

const ClaimLine& only_line(const ClaimBuildResult& r) {
  REQUIRE(r.claims.size() == 1);
  REQUIRE(r.claims[0].lines.size() == 1);
  return r.claims[0].lines[0];
}

std::vector<std::string> skip_codes(const ClaimBuildResult& r) {
  std::vector<std::string> out;
  for (const auto& s : r.skipped) {
    out.push_back(s.code);
  }
  return out;
}

} // namespace

TEST_CASE("claim builder: individual codes follow the actual minutes at every boundary") {
  const std::vector<std::pair<int, std::string>> cases{{15, ""},      {16, "90832"}, {37, "90832"},
                                                       {38, "90834"}, {52, "90834"}, {53, "90837"}};
  for (const auto& [minutes, code] : cases) {
    CAPTURE(minutes);
    Practice p;
    const auto ana = p.client("Ana", p.acme);
    const auto sid = p.service(ana, 23, minutes);
    const auto r = p.build();
    if (code.empty()) {
      CHECK(r.claims.empty());
      REQUIRE(r.skipped.size() == 1);
      CHECK(r.skipped[0].code == "too-short");
      CHECK(r.skipped[0].session_id == sid);
      CHECK(r.skipped[0].reason.find("16-minute minimum") != std::string::npos);
    } else {
      const ClaimLine& line = only_line(r);
      CHECK(line.code == code);
      CHECK(line.modifiers == std::vector<std::string>{"95"});
      CHECK(line.place_of_service == "10");
      CHECK(line.sessions.size() == 1);
      CHECK(line.sessions[0].session_id == sid);
      CHECK(line.sessions[0].slot == 0);
      CHECK(r.skipped.empty());
    }
  }
}

TEST_CASE("claim builder: H0004 is billed in 15-minute units") {
  Practice p;
  const auto ana = p.client("Ana", p.acme);
  p.service(ana, 23, 38, "addiction");
  const ClaimLine line = only_line(p.build());
  CHECK(line.code == "H0004");
  CHECK(line.units == 3);
  CHECK(line.charge_cents == 3 * 3500);
}

TEST_CASE("claim builder: a per-diem day is billed once it reaches the daily minimum, not a minute under") {
  Practice p;
  const auto ana = p.client("Ana", p.diem);
  const auto a1 = p.service(ana, 23, 100, "individual", 9);
  const auto a2 = p.service(ana, 23, 80, "individual", 13, p.lee);
  const auto b1 = p.service(ana, 24, 100, "individual", 9);
  const auto b2 = p.service(ana, 24, 79, "individual", 13);
  const auto r = p.build();
  const ClaimLine& line = only_line(r);
  CHECK(line.code == "S9480");
  CHECK(line.units == 1);
  CHECK(line.charge_cents == 45000);
  CHECK(line.service_date == "2026-11-23");
  REQUIRE(line.sessions.size() == 2);
  CHECK(line.sessions[0].session_id == a1);
  CHECK(line.sessions[1].session_id == a2);
  CHECK(r.claims[0].clinician_id == p.dana); // the most minutes that day
  CHECK(skip_codes(r) == std::vector<std::string>{"below-daily-minimum", "below-daily-minimum"});
  CHECK(r.skipped[0].session_id == b1);
  CHECK(r.skipped[1].session_id == b2);
  CHECK(r.skipped[0].reason == "2h 59m attended; the per-diem minimum is 3h");

  SUBCASE("a session added later to a billed day is not billed again") {
    const auto late = p.service(ana, 23, 30, "individual", 17);
    const auto again = p.build();
    CHECK(again.claims.empty());
    REQUIRE(again.skipped.size() == 3);
    CHECK(again.skipped[0].session_id == late);
    CHECK(again.skipped[0].code == "day-billed");
    CHECK(again.skipped[0].reason == "day already billed per diem on claim " + std::to_string(r.claims[0].id));
    CHECK(again.already_billed == 2);
  }
}

TEST_CASE("claim builder: a couples session is billed once, to the identified patient") {
  Practice p;
  const auto zoe = p.client("Zoe", p.acme, {"Z63.0", "F43.23"});
  const auto ben = p.client("Ben", p.acme);
  NewCouple nc;
  nc.client_a = zoe;
  nc.client_b = ben;
  nc.therapist_id = p.dana;
  nc.since = "2026-11-02";
  nc.identified_patient = ben;
  const auto couple = pair_couple(p.db, k_actor, nc, k_today).id;
  SessionRequest r;
  r.type = "couples";
  r.couple_id = couple;
  const auto joint = p.attend(p.schedule(r, 23, 10, 50));
  p.note(joint, zoe);
  p.note(joint, ben);
  Attendance override_patient;
  override_patient.identified_patient = zoe;
  const auto zoe_day = p.attend(p.schedule(r, 24, 10, 50), override_patient);
  p.note(zoe_day, zoe);
  Attendance without;
  without.without_patient = true;
  const auto absent_patient = p.attend(p.schedule(r, 25, 10, 50), without);
  p.note(absent_patient, ben);

  const auto result = p.build();
  REQUIRE(result.claims.size() == 3);
  CHECK(result.claims[0].client_id == ben);
  CHECK(result.claims[0].lines[0].code == "90847");
  CHECK(result.claims[0].lines[0].sessions[0].session_id == joint);
  CHECK(result.claims[0].lines[0].sessions[0].slot == 0);
  CHECK(result.claims[1].client_id == zoe);
  CHECK(result.claims[1].diagnoses == std::vector<std::string>{"Z63.0", "F43.23"});
  CHECK(result.claims[1].lines[0].pointers == std::vector<int>{1, 2});
  CHECK(result.claims[2].client_id == ben);
  CHECK(result.claims[2].lines[0].code == "90846");
  CHECK(result.skipped.empty());
  CHECK(p.count("claim_line_sessions") == 3);
  // Z63.0 leads Zoe's diagnoses: her claim (only) gets the warning, naming it.
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].rfind("claim " + std::to_string(result.claims[1].id) + " (Zoe Reed, 2026-11-24): Z63.0",
                                 0) == 0);
}

TEST_CASE("claim builder: a group bills each present member on their own claim, none for the absent") {
  Practice p;
  const auto ana = p.client("Ana", p.acme);
  const auto cal = p.client("Cal", p.acme);
  const auto dee = p.client("Dee", p.acme);
  NewGroup g;
  g.name = "Tuesday Recovery";
  g.clinician_id = p.dana;
  const auto group = create_group(p.db, k_actor, g).id;
  add_group_members(p.db, k_actor, group, {ana, cal, dee}, ymd(2026, 11, 2));
  SessionRequest r;
  r.type = "group";
  r.group_id = group;
  Attendance a;
  a.absent = {dee};
  const auto sid = p.attend(p.schedule(r, 24, 14, 90), a);
  p.note(sid, ana);
  p.note(sid, cal);
  const auto result = p.build();
  REQUIRE(result.claims.size() == 2);
  CHECK(result.claims[0].client_id == ana);
  CHECK(result.claims[0].lines[0].code == "90853");
  CHECK(result.claims[0].lines[0].sessions[0].slot == ana);
  CHECK(result.claims[1].client_id == cal);
  CHECK(result.claims[1].lines[0].sessions[0].slot == cal);
  REQUIRE(result.skipped.size() == 1);
  CHECK(result.skipped[0].code == "absent");
  CHECK(result.skipped[0].client_id == dee);
}

TEST_CASE("claim builder: authorizations are drawn on and never overdrawn, even within one run") {
  Practice p;
  const auto ana = p.client("Ana", p.blue);
  NewAuthorization na;
  na.client_id = ana;
  na.payer_id = p.blue;
  na.number = "PA-1";
  na.codes = {"90837"};
  na.units = 2;
  na.from = "2026-11-01";
  na.to = "2026-11-30";
  const auto auth = add_authorization(p.db, k_actor, na, k_today).authorization.id;
  p.service(ana, 20, 53);
  p.service(ana, 23, 53);
  const auto third = p.service(ana, 24, 53);
  const auto short_one = p.service(ana, 25, 40); // 90834: not in the authorization
  const auto r = p.build();
  REQUIRE(r.claims.size() == 2);
  CHECK(r.claims[0].lines[0].authorization_id == auth);
  CHECK(r.claims[1].lines[0].authorization_id == auth);
  CHECK(skip_codes(r) == std::vector<std::string>{"auth-exhausted", "auth-missing"});
  CHECK(r.skipped[0].session_id == third);
  CHECK(r.skipped[1].session_id == short_one);
  CHECK(get_authorization(p.db, auth).units_used == 2);
  // The next run sees the stored use.
  CHECK(skip_codes(p.build()) == std::vector<std::string>{"auth-exhausted", "auth-missing"});
}

TEST_CASE("claim builder: building twice bills nothing twice; a void lets the session be billed again") {
  Practice p;
  const auto ana = p.client("Ana", p.acme);
  const auto sid = p.service(ana, 23, 53);
  const auto first = p.build();
  REQUIRE(first.claims.size() == 1);
  CHECK(first.claims[0].id > 0);
  CHECK(p.count("audit_log WHERE action = 'build' AND record_kind = 'claim'") == 1);
  const auto second = p.build();
  CHECK(second.claims.empty());
  CHECK(second.skipped.empty());
  CHECK(second.already_billed == 1);
  CHECK(p.count("claims") == 1);

  void_claim(p.db, k_actor, first.claims[0].id, "wrong member id", std::nullopt);
  const auto third = p.build();
  REQUIRE(third.claims.size() == 1);
  CHECK(third.claims[0].id != first.claims[0].id);
  CHECK(third.claims[0].lines[0].sessions[0].session_id == sid);
}

TEST_CASE("claim builder: a dry run computes the same claims and writes nothing") {
  Practice p;
  const auto ana = p.client("Ana", p.acme);
  p.service(ana, 23, 53);
  const int audit_rows = p.count("audit_log");
  const auto dry = p.build(true);
  REQUIRE(dry.claims.size() == 1);
  CHECK(dry.claims[0].id == 0);
  CHECK(p.count("claims") == 0);
  CHECK(p.count("claim_lines") == 0);
  CHECK(p.count("audit_log") == audit_rows);
  const auto real = p.build();
  REQUIRE(real.claims.size() == 1);
  CHECK(real.claims[0].total_cents == dry.claims[0].total_cents);
}

TEST_CASE("claim builder: progress ends at its total and never goes backwards") {
  Practice p;
  const auto ana = p.client("Ana", p.acme);
  p.service(ana, 23, 53);
  p.service(ana, 24, 45);
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  ClaimBuildRequest request;
  request.progress = [&calls](std::size_t done, std::size_t total) { calls.emplace_back(done, total); };
  const auto r = build_claims(p.db, k_actor, p.config, request, k_today);
  REQUIRE(r.claims.size() == 2);
  REQUIRE_FALSE(calls.empty());
  CHECK(calls.front().first == 0);
  CHECK(calls.back().first == calls.back().second);
  CHECK(calls.back().second == 2 + r.claims.size()); // two sessions looked at, two claims stored
  for (std::size_t i = 1; i < calls.size(); ++i) {
    CHECK(calls[i].first >= calls[i - 1].first);
  }
}

TEST_CASE("claim builder: lines of one day and clinician make one claim whose total is their sum") {
  Practice p;
  const auto ana = p.client("Ana", p.acme);
  p.service(ana, 23, 53, "individual", 9);
  p.service(ana, 23, 38, "addiction", 13);
  p.service(ana, 24, 20, "individual", 9);
  const auto r = p.build();
  REQUIRE(r.claims.size() == 2);
  const Claim& c = r.claims[0];
  REQUIRE(c.lines.size() == 2);
  CHECK(c.lines[0].line_number == 1);
  CHECK(c.lines[1].line_number == 2);
  CHECK(c.total_cents == c.lines[0].charge_cents + c.lines[1].charge_cents);
  CHECK(c.total_cents == 19000 + 3 * 3500);
  CHECK(c.first_service_on == "2026-11-23");
  const Claim stored = get_claim(p.db, c.id);
  CHECK(stored.total_cents == c.total_cents);
  CHECK(stored.lines.size() == 2);
}

TEST_CASE("claim builder: what is left out, and the refusals of a bad request") {
  Practice p;
  const auto ana = p.client("Ana", p.acme);
  const auto bare = p.client("Bea", 0);
  const auto nodx = p.client("Nia", p.acme, {});
  SessionRequest r;
  r.type = "individual";
  r.client_id = ana;
  const auto unsigned_one = p.attend(p.schedule(r, 20, 10, 53));
  const auto note = p.note(unsigned_one, ana, false);
  const auto no_note = p.attend(p.schedule(r, 23, 10, 53));
  const auto no_show = p.schedule(r, 24, 10, 53);
  mark_no_show(p.db, k_actor, no_show);
  const auto forgotten = p.schedule(r, 25, 10, 53);
  const auto no_cov = p.service(bare, 23, 53, "individual", 14);
  const auto no_dx = p.service(nodx, 23, 53, "individual", 16);
  const auto result = p.build();
  CHECK(result.claims.empty());
  CHECK(skip_codes(result) == std::vector<std::string>{"note-unsigned", "note-missing", "no-coverage", "no-diagnosis",
                                                       "no-show", "not-attended"});
  CHECK(result.skipped[0].reason == "note not signed (iop note sign " + std::to_string(note) + ")");
  CHECK(result.skipped[1].session_id == no_note);
  CHECK(result.skipped[2].session_id == no_cov);
  CHECK(result.skipped[3].session_id == no_dx);
  CHECK(result.skipped[5].session_id == forgotten);

  ClaimBuildRequest bad;
  bad.to = ymd(2026, 11, 28);
  CHECK_THROWS_AS(build_claims(p.db, k_actor, p.config, bad, k_today), Invalid);
  bad.to = ymd(2026, 11, 10);
  bad.from = ymd(2026, 11, 11);
  CHECK_THROWS_AS(build_claims(p.db, k_actor, p.config, bad, k_today), Invalid);
  ClaimBuildRequest unknown;
  unknown.client_id = 999;
  CHECK_THROWS_AS(build_claims(p.db, k_actor, p.config, unknown, k_today), NotFound);
}

TEST_CASE("claim builder: a missing fee stops the whole run and stores nothing") {
  Practice p;
  const auto ana = p.client("Ana", p.acme);
  p.service(ana, 20, 53);
  p.service(ana, 23, 40);
  p.config.fees_cents.erase("90834");
  CHECK_THROWS_AS(p.build(), ConfigError);
  CHECK(p.count("claims") == 0);
}
