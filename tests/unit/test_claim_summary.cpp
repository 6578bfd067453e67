// Claim summaries (lib/claim_summary.cpp): totals by each grouping, void claims and void notices
// left out, ISO weeks across a month end and the week of a clock change.
#include "iop/audit.hpp"
#include "iop/claim_reports.hpp"
#include "iop/claims.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/coverage.hpp"
#include "iop/errors.hpp"
#include "iop/payers.hpp"

#include "../../lib/claim_store.hpp" // internal: claims with exact dates, without the builder
#include "temp_database.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace iop;
using iop::testing::TempDatabase;

const Actor k_actor{"alice", "claim summary", *parse_utc("2026-11-27T17:00:00Z")};
const std::string k_la = "America/Los_Angeles";

Date ymd(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

struct Line {
  std::string date;
  std::string code;
  int units;
  std::int64_t charge_cents;
};

struct Practice {
  TempDatabase tmp;
  Database& db = tmp.db();
  std::int64_t dana = 0, sam = 0, zoe = 0, ben = 0, aetna = 0, cigna = 0, zoe_cov = 0, ben_cov = 0;

  Practice() {
    dana = add_clinician(db, k_actor, {"Dana Reyes", "LMFT", std::nullopt, {"individual"}, k_la, {}}).id;
    sam = add_clinician(db, k_actor, {"Sam Ito", "LADC", std::nullopt, {"addiction"}, k_la, {}}).id;
    zoe = enroll("Zoë", "O'Brien-Núñez");
    ben = enroll("Ben", "Reed");
    aetna = payer("Aetna PPO");
    cigna = payer("Cigna");
    zoe_cov = cover(zoe, aetna);
    ben_cov = cover(ben, cigna);
  }

  std::int64_t enroll(const std::string& first, const std::string& last) {
    NewClient c;
    c.first_name = first;
    c.last_name = last;
    c.date_of_birth = "1985-02-01";
    c.timezone = k_la;
    c.admission_date = "2026-10-01";
    return enroll_client(db, k_actor, c, ymd(2026, 11, 27)).id;
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
    return add_coverage(db, k_actor, c, ymd(2026, 11, 27)).id;
  }

  std::int64_t claim(std::int64_t client, std::int64_t clinician, const std::vector<Line>& lines) {
    Claim c;
    c.client_id = client;
    c.coverage_id = client == zoe ? zoe_cov : ben_cov;
    c.payer_id = client == zoe ? aetna : cigna;
    c.clinician_id = clinician;
    c.place_of_service = "10";
    c.diagnoses = {"F43.23"};
    c.created_at = "2026-11-27T16:00:00Z";
    for (const auto& spec : lines) {
      ClaimLine l;
      l.line_number = static_cast<int>(c.lines.size()) + 1;
      l.service_date = spec.date;
      l.code = spec.code;
      l.place_of_service = "10";
      l.units = spec.units;
      l.charge_cents = spec.charge_cents;
      l.pointers = {1};
      c.total_cents += l.charge_cents;
      c.first_service_on = c.first_service_on.empty() ? spec.date : std::min(c.first_service_on, spec.date);
      c.last_service_on = std::max(c.last_service_on, spec.date);
      c.lines.push_back(l);
    }
    WriteTransaction tx(db);
    const auto id = store::insert_claim(db, c).id;
    tx.commit();
    return id;
  }

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

  // Zoë (Aetna, Dana): 2 claims; Ben (Cigna, Sam): 1 claim, 1 void claim, 1 exported-then-voided
  // claim whose void notice is a draft. Only the first three count.
  void month() {
    claim(zoe, dana, {{"2026-11-23", "90837", 1, 20000}, {"2026-11-24", "90834", 1, 15000}});
    claim(zoe, dana, {{"2026-11-30", "90837", 1, 20000}});
    claim(ben, sam, {{"2026-11-25", "H0004", 4, 8000}});
    const auto voided = claim(ben, sam, {{"2026-11-26", "H0004", 2, 4000}});
    void_claim(db, k_actor, voided, "typo", std::nullopt);
    const auto sent = claim(ben, sam, {{"2026-11-27", "90834", 1, 15000}});
    exported(sent);
    void_claim(db, k_actor, sent, "wrong member", std::nullopt);
  }
};

struct Expected {
  std::string key, label;
  int claims, lines, units;
  std::int64_t charge_cents;
};

void check_rows(const ClaimSummary& s, const std::vector<Expected>& expected) {
  REQUIRE(s.rows.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(s.rows[i].key == expected[i].key);
    CHECK(s.rows[i].label == expected[i].label);
    CHECK(s.rows[i].claims == expected[i].claims);
    CHECK(s.rows[i].lines == expected[i].lines);
    CHECK(s.rows[i].units == expected[i].units);
    CHECK(s.rows[i].charge_cents == expected[i].charge_cents);
  }
}

ClaimSummary by(Practice& p, const std::string& grouping, std::optional<Date> from = {}, std::optional<Date> to = {}) {
  ClaimSummaryRequest r;
  r.by = grouping;
  r.from = from;
  r.to = to;
  return summarize_claims(p.db, r);
}

} // namespace

TEST_SUITE("claim summary") {

  TEST_CASE("claim summary: totals by payer, client, clinician and code leave void claims out") {
    Practice p;
    p.month();
    const auto a = std::to_string(p.aetna), c = std::to_string(p.cigna);
    check_rows(by(p, "payer"), {{a, "Aetna PPO", 2, 3, 3, 55000}, {c, "Cigna", 1, 1, 4, 8000}});
    const ClaimSummary payers = by(p, "payer");
    CHECK(payers.total.key == "total");
    CHECK(payers.total.claims == 3);
    CHECK(payers.total.lines == 4);
    CHECK(payers.total.units == 7);
    CHECK(payers.total.charge_cents == 63000);
    check_rows(by(p, "client"), {{std::to_string(p.ben), "Ben Reed", 1, 1, 4, 8000},
                                 {std::to_string(p.zoe), "Zoë O'Brien-Núñez", 2, 3, 3, 55000}});
    check_rows(by(p, "clinician"), {{std::to_string(p.dana), "Dana Reyes, LMFT", 2, 3, 3, 55000},
                                    {std::to_string(p.sam), "Sam Ito, LADC", 1, 1, 4, 8000}});
    check_rows(
        by(p, "code"),
        {{"90834", "90834", 1, 1, 1, 15000}, {"90837", "90837", 2, 2, 2, 40000}, {"H0004", "H0004", 1, 1, 4, 8000}});
  }

  TEST_CASE("claim summary: --from and --to count lines by their own date of service") {
    Practice p;
    p.month();
    // Zoë's first claim has one line on each side of 11-24.
    check_rows(
        by(p, "payer", ymd(2026, 11, 24), ymd(2026, 11, 29)),
        {{std::to_string(p.aetna), "Aetna PPO", 1, 1, 1, 15000}, {std::to_string(p.cigna), "Cigna", 1, 1, 4, 8000}});
    const ClaimSummary none = by(p, "code", ymd(2026, 12, 1), ymd(2026, 12, 31));
    CHECK(none.rows.empty());
    CHECK(none.total.claims == 0);
    CHECK(none.total.charge_cents == 0);
    CHECK_THROWS_AS(by(p, "payer", ymd(2026, 11, 24), ymd(2026, 11, 23)), Invalid);
    CHECK_THROWS_AS(by(p, "month"), Invalid);
    CHECK_THROWS_AS(by(p, ""), Invalid);
  }

  TEST_CASE("claim summary: weeks start on Monday, across a month end and the week the clocks change") {
    Practice p;
    // 2026-11-01 (Sunday) is the US DST end: it belongs to the week of Monday 2026-10-26.
    p.claim(p.zoe, p.dana, {{"2026-10-26", "90837", 1, 20000}, {"2026-11-01", "90837", 1, 20000}});
    p.claim(p.zoe, p.dana, {{"2026-11-02", "90834", 1, 15000}});
    // Sunday 11-29 closes the week of 11-23; Monday 11-30 and Tuesday 12-01 share the next one.
    p.claim(p.ben, p.sam, {{"2026-11-29", "H0004", 2, 4000}});
    p.claim(p.ben, p.sam, {{"2026-11-30", "H0004", 1, 2000}, {"2026-12-01", "H0004", 3, 6000}});
    check_rows(by(p, "week"), {{"2026-10-26", "week of 2026-10-26", 1, 2, 2, 40000},
                               {"2026-11-02", "week of 2026-11-02", 1, 1, 1, 15000},
                               {"2026-11-23", "week of 2026-11-23", 1, 1, 2, 4000},
                               {"2026-11-30", "week of 2026-11-30", 1, 2, 4, 8000}});
    CHECK(by(p, "week").total.claims == 4);
    CHECK(by(p, "week").total.charge_cents == 67000);
  }
}
