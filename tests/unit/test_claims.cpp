// Listing and voiding claims (lib/claims.cpp), and the database's refusal to change or delete a
// claim. Claims are stored through the claim store (the builder's tests cover how they are
// made) so that each test controls dates, authorizations and status exactly.
#include "iop/audit.hpp"
#include "iop/authorizations.hpp"
#include "iop/claims.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/coverage.hpp"
#include "iop/errors.hpp"
#include "iop/payers.hpp"
#include "iop/sessions.hpp"

#include "../../lib/claim_store.hpp" // internal: marking a claim exported without an 837P writer
#include "temp_database.hpp"

#include <SQLiteCpp/Exception.h>
#include <doctest/doctest.h>

#include <string>

namespace {

using namespace iop;
using iop::testing::TempDatabase;

const Actor k_actor{"alice", "claim void", *parse_utc("2026-11-27T17:00:00Z")};
const std::string k_la = "America/Los_Angeles";

Date ymd(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

const Date k_today = ymd(2026, 11, 27);

struct LineSpec {
  LineSpec(std::string d, std::string c = "90837", int u = 1, std::int64_t cents = 15000,
           std::optional<std::int64_t> auth = std::nullopt, std::optional<std::int64_t> session = std::nullopt)
      : date(std::move(d)), code(std::move(c)), units(u), charge_cents(cents), authorization_id(auth),
        session_id(session) {}
  std::string date;
  std::string code;
  int units;
  std::int64_t charge_cents;
  std::optional<std::int64_t> authorization_id;
  std::optional<std::int64_t> session_id;
};

struct Practice {
  TempDatabase tmp;
  Database& db = tmp.db();
  std::int64_t dana = 0, ana = 0, ben = 0, aetna = 0, cigna = 0, ana_cov = 0, ben_cov = 0;

  Practice() {
    dana = add_clinician(db, k_actor, {"Dana Reyes", "LMFT", "1234567893", {"individual"}, k_la, {}}).id;
    ana = enroll("Ana");
    ben = enroll("Ben");
    aetna = payer("Aetna PPO");
    cigna = payer("Cigna");
    ana_cov = cover(ana, aetna);
    ben_cov = cover(ben, cigna);
  }

  std::int64_t enroll(const std::string& first) {
    NewClient c;
    c.first_name = first;
    c.last_name = "Reed";
    c.date_of_birth = "1985-02-01";
    c.timezone = k_la;
    c.admission_date = "2026-10-01";
    return enroll_client(db, k_actor, c, k_today).id;
  }

  std::int64_t payer(const std::string& name) {
    NewPayer p;
    p.name = name;
    p.payer_id = "60054";
    return add_payer(db, k_actor, p).id;
  }

  std::int64_t cover(std::int64_t client, std::int64_t payer_id) {
    NewCoverage c;
    c.client_id = client;
    c.payer_id = payer_id;
    c.member_id = "W" + std::to_string(client);
    c.from = "2026-10-01";
    return add_coverage(db, k_actor, c, k_today).id;
  }

  std::int64_t session(std::int64_t client, unsigned day) {
    SessionRequest r;
    r.type = "individual";
    r.clinician_id = dana;
    r.client_id = client;
    r.start = LocalDateTime{ymd(2026, 11, day), 10, 0};
    r.timezone = k_la;
    return schedule_sessions(db, k_actor, r, 50).created.front().id;
  }

  std::int64_t authorization(int units) {
    NewAuthorization a;
    a.client_id = ana;
    a.payer_id = aetna;
    a.number = "A-77";
    a.codes = {"90837"};
    a.units = units;
    a.from = "2026-11-01";
    a.to = "2026-12-31";
    return add_authorization(db, k_actor, a, k_today).authorization.id;
  }

  Claim claim(std::int64_t client, const std::vector<LineSpec>& specs) {
    Claim c;
    c.client_id = client;
    c.coverage_id = client == ana ? ana_cov : ben_cov;
    c.payer_id = client == ana ? aetna : cigna;
    c.clinician_id = dana;
    c.place_of_service = "10";
    c.diagnoses = {"F43.23", "Z63.0"};
    c.created_at = "2026-11-27T16:00:00Z";
    int number = 0;
    for (const auto& s : specs) {
      ClaimLine l;
      l.line_number = ++number;
      l.service_date = s.date;
      l.code = s.code;
      l.modifiers = {"95"};
      l.place_of_service = "10";
      l.units = s.units;
      l.charge_cents = s.charge_cents;
      l.pointers = {1, 2};
      l.authorization_id = s.authorization_id;
      if (s.session_id) {
        l.sessions.push_back({*s.session_id, 0, false});
      }
      c.total_cents += l.charge_cents;
      c.first_service_on = c.first_service_on.empty() ? s.date : std::min(c.first_service_on, s.date);
      c.last_service_on = std::max(c.last_service_on, s.date);
      c.lines.push_back(std::move(l));
    }
    WriteTransaction tx(db);
    Claim stored = store::insert_claim(db, c);
    tx.commit();
    return stored;
  }

  // What a --since-last export records, without the 837P bytes (the export has its own tests).
  void exported(std::int64_t claim_id) {
    WriteTransaction tx(db);
    store::BatchRow b;
    b.id = store::next_batch_number(db);
    b.created_at = "2026-11-27T16:30:00Z";
    b.submitter_id = "IOPTEST";
    b.interchange_control = b.group_control = b.transaction_control = b.id;
    b.usage = "T";
    b.claim_count = 1;
    b.content = "ISA*...~";
    b.content_sha256 = "0";
    b.claim_ids = {claim_id};
    store::insert_batch(db, b);
    tx.commit();
  }

  int scalar(const std::string& sql) { return db.sql().execAndGet(sql).getInt(); }
};

} // namespace

TEST_SUITE("claims") {

  TEST_CASE("claims: voiding a draft releases its sessions and gives the authorization's units back") {
    Practice p;
    const auto auth = p.authorization(10);
    const auto s1 = p.session(p.ana, 23);
    const auto s2 = p.session(p.ana, 24);
    const Claim c =
        p.claim(p.ana, {{"2026-11-23", "90837", 1, 15000, auth, s1}, {"2026-11-24", "90837", 2, 30000, auth, s2}});
    CHECK(get_authorization(p.db, auth).units_used == 3);
    // Held: the same session cannot be put on a second claim.
    CHECK_THROWS_AS(p.claim(p.ana, {{"2026-11-23", "90837", 1, 15000, std::nullopt, s1}}), SQLite::Exception);

    const ClaimVoid v = void_claim(p.db, k_actor, c.id, "  wrong member id ", std::nullopt);
    CHECK(v.claim.status == "void");
    CHECK(v.claim.void_reason == "wrong member id");
    CHECK(v.claim.voided_at == "2026-11-27T17:00:00Z");
    CHECK_FALSE(v.void_claim);
    CHECK(v.released == std::vector<std::int64_t>{s1, s2});
    CHECK(v.claim.lines.at(0).sessions.at(0).released);
    CHECK(get_authorization(p.db, auth).units_used == 0);
    CHECK(p.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'void' AND record_kind = 'claim'") == 1);
    // Released: the session may be billed again.
    const Claim again = p.claim(p.ana, {{"2026-11-23", "90837", 1, 15000, auth, s1}});
    CHECK(again.id > c.id);
    CHECK(get_authorization(p.db, auth).units_used == 1);
  }

  TEST_CASE("claims: a void needs a reason, a live claim and no payer number on a draft") {
    Practice p;
    const Claim c = p.claim(p.ana, {{"2026-11-23"}});
    CHECK_THROWS_AS(void_claim(p.db, k_actor, c.id, "   ", std::nullopt), Invalid);
    CHECK_THROWS_AS(void_claim(p.db, k_actor, c.id, "typo", std::string("2026A1")), Invalid);
    CHECK_THROWS_AS(void_claim(p.db, k_actor, 999, "typo", std::nullopt), NotFound);
    CHECK(get_claim(p.db, c.id).status == "draft");
    void_claim(p.db, k_actor, c.id, "typo", std::nullopt);
    CHECK_THROWS_AS(void_claim(p.db, k_actor, c.id, "again", std::nullopt), Conflict);
    CHECK(get_claim(p.db, c.id).void_reason == "typo");
  }

  TEST_CASE("claims: voiding an exported claim makes a frequency-8 notice with the same lines and total") {
    Practice p;
    const auto auth = p.authorization(10);
    const auto s1 = p.session(p.ana, 23);
    const Claim c = p.claim(p.ana, {{"2026-11-23", "90837", 1, 15000, auth, s1}, {"2026-11-25", "90834", 1, 12000}});
    p.exported(c.id);
    CHECK(get_claim(p.db, c.id).status == "exported");
    CHECK_THROWS_AS(void_claim(p.db, k_actor, c.id, "wrong payer", std::string("AB*12")), Invalid);

    const ClaimVoid v = void_claim(p.db, k_actor, c.id, "wrong payer", std::string("2026331A0042"));
    REQUIRE(v.void_claim);
    const Claim n = get_claim(p.db, v.void_claim->id);
    CHECK(n.frequency == 8);
    CHECK(n.status == "draft");
    CHECK(n.original_claim_id == c.id);
    CHECK(n.payer_claim_number == "2026331A0042");
    CHECK(n.total_cents == 27000);
    CHECK(n.total_cents == c.total_cents);
    CHECK(n.client_id == c.client_id);
    CHECK(n.first_service_on == "2026-11-23");
    CHECK(n.last_service_on == "2026-11-25");
    CHECK_FALSE(n.batch_id);
    REQUIRE(n.lines.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK(n.lines[i].code == c.lines[i].code);
      CHECK(n.lines[i].charge_cents == c.lines[i].charge_cents);
      CHECK(n.lines[i].units == c.lines[i].units);
      CHECK(n.lines[i].service_date == c.lines[i].service_date);
      CHECK(n.lines[i].sessions.empty());
      CHECK_FALSE(n.lines[i].authorization_id);
    }
    CHECK(v.released == std::vector<std::int64_t>{s1});
    CHECK(get_authorization(p.db, auth).units_used == 0);
    CHECK(get_claim(p.db, c.id).batch_id == 1);
    // The notice goes out with the next export; it is not voided itself.
    CHECK_THROWS_AS(void_claim(p.db, k_actor, n.id, "oops", std::nullopt), Conflict);
    CHECK(get_claim(p.db, n.id).status == "draft");
    CHECK(store::draft_claim_ids(p.db) == std::vector<std::int64_t>{n.id});
  }

  TEST_CASE("claims: the database refuses to change a claim's totals or delete claims and lines") {
    Practice p;
    const Claim c = p.claim(p.ana, {{"2026-11-23", "90837", 1, 15000, std::nullopt, p.session(p.ana, 23)}});
    const std::string id = std::to_string(c.id);
    CHECK_THROWS_AS(p.db.sql().exec("UPDATE claims SET total_cents = 1 WHERE id = " + id), SQLite::Exception);
    CHECK_THROWS_AS(p.db.sql().exec("UPDATE claim_lines SET charge_cents = 1 WHERE claim_id = " + id),
                    SQLite::Exception);
    CHECK_THROWS_AS(p.db.sql().exec("DELETE FROM claims WHERE id = " + id), SQLite::Exception);
    CHECK_THROWS_AS(p.db.sql().exec("DELETE FROM claim_lines WHERE claim_id = " + id), SQLite::Exception);
    CHECK_THROWS_AS(p.db.sql().exec("DELETE FROM claim_line_sessions"), SQLite::Exception);
    void_claim(p.db, k_actor, c.id, "typo", std::nullopt);
    CHECK_THROWS_AS(p.db.sql().exec("UPDATE claims SET status = 'draft' WHERE id = " + id), SQLite::Exception);
    CHECK(get_claim(p.db, c.id).total_cents == 15000);
  }

  TEST_CASE("claims: list filters by status, client, payer and dates of service") {
    Practice p;
    const Claim a1 = p.claim(p.ana, {{"2026-11-02"}, {"2026-11-09"}});
    const Claim a2 = p.claim(p.ana, {{"2026-11-16"}});
    const Claim b1 = p.claim(p.ben, {{"2026-11-30"}});
    void_claim(p.db, k_actor, a2.id, "typo", std::nullopt);
    auto ids = [&](const ClaimFilter& f) {
      std::vector<std::int64_t> out;
      for (const auto& c : list_claims(p.db, f)) {
        out.push_back(c.id);
      }
      return out;
    };
    using Ids = std::vector<std::int64_t>;
    CHECK(ids({}) == Ids{a1.id, a2.id, b1.id});
    CHECK(ids({std::string("void"), {}, {}, {}, {}}) == Ids{a2.id});
    CHECK(ids({std::string("draft"), {}, {}, {}, {}}) == Ids{a1.id, b1.id});
    CHECK(ids({{}, p.ana, {}, {}, {}}) == Ids{a1.id, a2.id});
    CHECK(ids({{}, {}, p.cigna, {}, {}}) == Ids{b1.id});
    // A claim spanning the range's start is in it.
    CHECK(ids({{}, {}, {}, ymd(2026, 11, 5), ymd(2026, 11, 16)}) == Ids{a1.id, a2.id});
    CHECK(ids({{}, {}, {}, ymd(2026, 11, 10), ymd(2026, 11, 15)}).empty());
    CHECK(ids({{}, {}, {}, ymd(2026, 11, 30), {}}) == Ids{b1.id});
    CHECK(list_claims(p.db, {}).front().lines.size() == 2);
    CHECK_THROWS_AS(list_claims(p.db, {std::string("sent"), {}, {}, {}, {}}), Invalid);
    CHECK_THROWS_AS(list_claims(p.db, {{}, 999, {}, {}, {}}), NotFound);
    CHECK_THROWS_AS(list_claims(p.db, {{}, {}, 999, {}, {}}), NotFound);
    CHECK_THROWS_AS(list_claims(p.db, {{}, {}, {}, ymd(2026, 11, 5), ymd(2026, 11, 4)}), Invalid);
    CHECK_THROWS_AS(get_claim(p.db, 999), NotFound);
  }
}
