// Coverage rules (overlap at the boundaries, subscriber names, priorities) and the coverage
// service against a real database (lib/coverage.cpp, lib/coverage_store.cpp).
#include "iop/audit.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/couples.hpp"
#include "iop/coverage.hpp"
#include "iop/errors.hpp"
#include "iop/payers.hpp"

#include "temp_database.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

namespace {

using namespace iop;
using iop::testing::TempDatabase;

const Actor k_actor{"alice", "coverage add", *parse_utc("2026-11-27T17:00:00Z")};

Date ymd(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

const Date k_today = ymd(2026, 11, 27);

// Ana and Ben, a couple; Cal on his own; one PPO payer.
struct Practice {
  TempDatabase tmp;
  Database& db = tmp.db();
  std::int64_t ana = 0, ben = 0, cal = 0, payer = 0;

  Practice() {
    ana = enroll("Ana");
    ben = enroll("Ben");
    cal = enroll("Cal");
    NewCouple couple;
    couple.client_a = ana;
    couple.client_b = ben;
    couple.since = "2026-11-02";
    pair_couple(db, k_actor, couple, k_today);
    NewPayer p;
    p.name = "Aetna PPO";
    p.payer_id = "60054";
    payer = add_payer(db, k_actor, p).id;
  }

  std::int64_t enroll(const std::string& first) {
    NewClient c;
    c.first_name = first;
    c.last_name = "Reed";
    c.date_of_birth = "1985-02-01";
    c.timezone = "America/Los_Angeles";
    c.admission_date = "2026-11-02";
    return enroll_client(db, k_actor, c, k_today).id;
  }

  NewCoverage policy(std::int64_t client, const std::string& from, std::optional<std::string> to = std::nullopt,
                     const std::string& priority = "primary") {
    NewCoverage c;
    c.client_id = client;
    c.payer_id = payer;
    c.member_id = "XKB123456789";
    c.priority = priority;
    c.from = from;
    c.to = std::move(to);
    return c;
  }

  Coverage add(const NewCoverage& c) { return add_coverage(db, k_actor, c, k_today); }
};

} // namespace

TEST_SUITE("coverage") {

  TEST_CASE("coverage: periods touching at a boundary day overlap, the next day does not") {
    const Period november{"2026-11-01", std::string("2026-11-30")};
    CHECK_FALSE(periods_overlap(november, {"2026-12-01", std::nullopt}));
    CHECK_FALSE(periods_overlap({"2026-12-01", std::nullopt}, november));
    CHECK(periods_overlap(november, {"2026-11-30", std::nullopt}));
    CHECK(periods_overlap({"2026-11-30", std::string("2026-11-30")}, november));
    CHECK(periods_overlap({"2026-10-01", std::nullopt}, november));
    CHECK(periods_overlap({"2026-10-01", std::nullopt}, {"2027-01-01", std::nullopt}));
    CHECK_FALSE(periods_overlap({"2026-10-01", std::string("2026-10-31")}, november));
    CHECK(periods_overlap({"2026-10-01", std::string("2026-11-01")}, november));
  }

  TEST_CASE("coverage: covers() includes the first and the last day") {
    Coverage c;
    c.starts_on = "2026-11-01";
    c.ends_on = "2026-11-30";
    CHECK(c.covers("2026-11-01"));
    CHECK(c.covers("2026-11-30"));
    CHECK_FALSE(c.covers("2026-10-31"));
    CHECK_FALSE(c.covers("2026-12-01"));
    c.ends_on.reset();
    CHECK(c.covers("2099-01-01"));
  }

  TEST_CASE("coverage: subscriber and names") {
    CHECK_FALSE(parse_subscriber("self").has_value());
    CHECK(parse_subscriber(" Client:12 ") == 12);
    for (const char* bad : {"", "partner", "client:", "client:0", "client:x", "client:-1", "12"}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(parse_subscriber(bad), Invalid);
    }
    CHECK(split_person_name("O'Brien-Núñez, Zoë") == std::pair<std::string, std::string>{"Zoë", "O'Brien-Núñez"});
    CHECK(split_person_name("Mary Ann Smith") == std::pair<std::string, std::string>{"Mary Ann", "Smith"});
    for (const char* bad : {"Cher", "Smith,", ", Ann", "a, b, c", "Smith*, Ann", "Ann Sm~ith"}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(split_person_name(bad), Invalid);
    }
  }

  TEST_CASE("coverage: priorities and what they need") {
    CHECK(normalize_priority("Secondary") == "secondary");
    CHECK_THROWS_AS(normalize_priority("first"), Invalid);
    CHECK(required_priorities("primary").empty());
    CHECK(required_priorities("secondary") == std::vector<std::string>{"primary"});
    CHECK(required_priorities("tertiary") == std::vector<std::string>{"primary", "secondary"});
    CHECK(normalize_relationship("Spouse") == "spouse");
    CHECK_THROWS_AS(normalize_relationship("self"), Invalid);
  }

  TEST_CASE("coverage: one primary per day, consecutive ones are fine") {
    Practice p;
    const Coverage first = p.add(p.policy(p.ana, "2026-11-01", "2026-11-30"));
    CHECK(first.subscriber_kind == "self");
    CHECK(first.relationship == "self");
    CHECK_THROWS_WITH_AS(p.add(p.policy(p.ana, "2026-11-30")), doctest::Contains("already has primary coverage"),
                         Conflict);
    const Coverage next = p.add(p.policy(p.ana, "2026-12-01"));
    CHECK(next.id > first.id);
    // Another priority, or another client, may overlap.
    CHECK_NOTHROW(p.add(p.policy(p.ana, "2026-11-15", std::nullopt, "secondary")));
    CHECK_NOTHROW(p.add(p.policy(p.cal, "2026-11-01")));
  }

  TEST_CASE("coverage: a secondary needs a primary on its first day") {
    Practice p;
    CHECK_THROWS_WITH_AS(p.add(p.policy(p.ana, "2026-11-01", std::nullopt, "secondary")),
                         doctest::Contains("needs a primary"), Conflict);
    p.add(p.policy(p.ana, "2026-11-10"));
    CHECK_THROWS_AS(p.add(p.policy(p.ana, "2026-11-09", std::nullopt, "secondary")), Conflict);
    CHECK_THROWS_WITH_AS(p.add(p.policy(p.ana, "2026-11-10", std::nullopt, "tertiary")),
                         doctest::Contains("needs a secondary"), Conflict);
    p.add(p.policy(p.ana, "2026-11-10", std::nullopt, "secondary"));
    CHECK_NOTHROW(p.add(p.policy(p.ana, "2026-11-10", std::nullopt, "tertiary")));
  }

  TEST_CASE("coverage: active_coverage on the first and the last day, by priority") {
    Practice p;
    const Coverage c = p.add(p.policy(p.ana, "2026-11-01", "2026-11-30"));
    CHECK_FALSE(active_coverage(p.db, p.ana, ymd(2026, 10, 31)).has_value());
    CHECK(active_coverage(p.db, p.ana, ymd(2026, 11, 1))->id == c.id);
    CHECK(active_coverage(p.db, p.ana, ymd(2026, 11, 30))->id == c.id);
    CHECK_FALSE(active_coverage(p.db, p.ana, ymd(2026, 12, 1)).has_value());
    CHECK_FALSE(active_coverage(p.db, p.ana, ymd(2026, 11, 15), "secondary").has_value());
    CHECK_FALSE(active_coverage(p.db, p.ben, ymd(2026, 11, 15)).has_value());
  }

  TEST_CASE("coverage: the partner as subscriber defaults to spouse; anyone else needs a relationship") {
    Practice p;
    auto input = p.policy(p.ben, "2026-11-01");
    input.subscriber = "client:" + std::to_string(p.ana);
    const Coverage c = p.add(input);
    CHECK(c.subscriber_kind == "client");
    CHECK(c.subscriber_client_id == p.ana);
    CHECK(c.relationship == "spouse");
    const SubscriberPerson s = subscriber_of(p.db, c);
    CHECK(s.client_id == p.ana);
    CHECK(s.first_name == "Ana");
    CHECK(s.date_of_birth == "1985-02-01");

    auto not_partner = p.policy(p.cal, "2026-11-01");
    not_partner.subscriber = "client:" + std::to_string(p.ana);
    CHECK_THROWS_WITH_AS(p.add(not_partner), doctest::Contains("--relationship"), Invalid);
    not_partner.relationship = "parent";
    CHECK(p.add(not_partner).relationship == "parent");

    auto self = p.policy(p.ana, "2026-11-01");
    self.subscriber = "client:" + std::to_string(p.ana);
    CHECK_THROWS_WITH_AS(p.add(self), doctest::Contains("the subscriber is the client"), Invalid);
    auto unknown = p.policy(p.ana, "2026-11-01");
    unknown.subscriber = "client:999";
    CHECK_THROWS_AS(p.add(unknown), NotFound);
  }

  TEST_CASE("coverage: a subscriber who is not a client needs a date of birth and a relationship") {
    Practice p;
    auto input = p.policy(p.cal, "2026-11-01");
    input.subscriber_name = "O'Brien-Núñez, Zoë";
    CHECK_THROWS_WITH_AS(p.add(input), doctest::Contains("--subscriber-dob"), Invalid);
    input.subscriber_dob = "1961-04-02";
    CHECK_THROWS_WITH_AS(p.add(input), doctest::Contains("--relationship"), Invalid);
    input.relationship = "parent";
    input.subscriber_sex = "f";
    const Coverage c = p.add(input);
    CHECK(c.subscriber_kind == "other");
    CHECK(*c.subscriber_first == "Zoë");
    CHECK(*c.subscriber_last == "O'Brien-Núñez");
    CHECK(*c.subscriber_sex == "F");
    CHECK(subscriber_of(p.db, c).client_id == std::nullopt);
    auto both = p.policy(p.ana, "2026-11-01");
    both.subscriber = "self";
    both.subscriber_name = "Zoë Núñez";
    CHECK_THROWS_AS(p.add(both), Invalid);
  }

  TEST_CASE("coverage: dates, inactive payer and unknown ids") {
    Practice p;
    CHECK_THROWS_WITH_AS(p.add(p.policy(p.ana, "2026-12-01", "2026-11-30")), doctest::Contains("before the start"),
                         Invalid);
    CHECK_THROWS_AS(p.add(p.policy(p.ana, "2026-02-30")), Invalid);
    CHECK_THROWS_AS(p.add(p.policy(999, "2026-11-01")), NotFound);
    auto no_payer = p.policy(p.ana, "2026-11-01");
    no_payer.payer_id = 999;
    CHECK_THROWS_AS(p.add(no_payer), NotFound);
    deactivate_payer(p.db, k_actor, p.payer);
    CHECK_THROWS_WITH_AS(p.add(p.policy(p.ana, "2026-11-01")), doctest::Contains("inactive"), Conflict);
  }

  TEST_CASE("coverage: end moves the last day earlier only, and list leaves ended ones out") {
    Practice p;
    const Coverage c = p.add(p.policy(p.ana, "2026-11-01"));
    CHECK_THROWS_AS(end_coverage(p.db, k_actor, c.id, std::string("2026-10-31"), k_today), Invalid);
    auto ended = end_coverage(p.db, k_actor, c.id, std::string("2026-11-20"), k_today);
    CHECK(ended.changed);
    CHECK(*ended.coverage.ends_on == "2026-11-20");
    CHECK_FALSE(end_coverage(p.db, k_actor, c.id, std::string("2026-11-20"), k_today).changed);
    CHECK_THROWS_AS(end_coverage(p.db, k_actor, c.id, std::string("2026-11-25"), k_today), Conflict);
    CHECK(end_coverage(p.db, k_actor, c.id, std::nullopt, ymd(2026, 11, 10)).coverage.ends_on == "2026-11-10");
    CHECK(coverage_status(get_coverage(p.db, c.id), k_today) == "ended");
    CHECK(list_coverages(p.db, {p.ana, false}, k_today).empty());
    CHECK(list_coverages(p.db, {p.ana, true}, k_today).size() == 1);
    CHECK_THROWS_AS(list_coverages(p.db, {999, true}, k_today), NotFound);
    const auto log = audit_entries(p.db, {0, std::string("coverage"), c.id});
    REQUIRE(log.size() == 3);
    CHECK(log[0].action == "end");
    CHECK(log[2].action == "create");
  }
}
