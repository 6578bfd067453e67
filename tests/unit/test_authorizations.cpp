// Prior authorization rules (procedure codes, status) and the service against a real database,
// including find_authorization() as the claim builder will call it (lib/authorizations.cpp,
// lib/authorization_store.cpp).
#include "iop/audit.hpp"
#include "iop/authorizations.hpp"
#include "iop/clients.hpp"
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

const Actor k_actor{"alice", "auth add", *parse_utc("2026-11-27T17:00:00Z")};

Date ymd(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

const Date k_today = ymd(2026, 11, 27);

struct Practice {
  TempDatabase tmp;
  Database& db = tmp.db();
  std::int64_t ana = 0, ben = 0, aetna = 0, cigna = 0;

  Practice() {
    ana = enroll("Ana");
    ben = enroll("Ben");
    aetna = payer("Aetna PPO");
    cigna = payer("Cigna");
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

  std::int64_t payer(const std::string& name) {
    NewPayer p;
    p.name = name;
    p.payer_id = "60054";
    return add_payer(db, k_actor, p).id;
  }

  AddedAuthorization add(const std::string& number, std::vector<std::string> codes, const std::string& from,
                         const std::string& to, std::int64_t payer_id = 0, int units = 12) {
    NewAuthorization a;
    a.client_id = ana;
    a.payer_id = payer_id == 0 ? aetna : payer_id;
    a.number = number;
    a.codes = std::move(codes);
    a.units = units;
    a.from = from;
    a.to = to;
    return add_authorization(db, k_actor, a, k_today);
  }

  std::optional<std::int64_t> found(const std::string& code, const Date& day, std::int64_t payer_id = 0) {
    const auto a = find_authorization(db, ana, payer_id == 0 ? aetna : payer_id, code, day);
    return a ? std::optional<std::int64_t>(a->id) : std::nullopt;
  }
};

} // namespace

TEST_SUITE("authorizations") {

  TEST_CASE("authorizations: procedure codes are a digit or letter then 4 digits") {
    CHECK(normalize_procedure_code("90834") == "90834");
    CHECK(normalize_procedure_code(" h0015 ") == "H0015");
    CHECK(normalize_procedure_code("S9480") == "S9480");
    for (const char* bad : {"", "9083", "908345", "H001S", "-0015", "H 015", "90834*", "HH015"}) {
      CAPTURE(bad);
      CHECK_THROWS_WITH_AS(normalize_procedure_code(bad), doctest::Contains("HCPCS/CPT"), Invalid);
    }
    CHECK(normalize_procedure_codes({"s9480", "90834"}) == std::vector<std::string>{"90834", "S9480"});
    CHECK_THROWS_WITH_AS(normalize_procedure_codes({"90834", "90834"}), doctest::Contains("twice"), Invalid);
    CHECK_THROWS_AS(normalize_procedure_codes({}), Invalid);
  }

  TEST_CASE("authorizations: status by date and units") {
    Authorization a;
    a.starts_on = "2026-11-01";
    a.ends_on = "2026-11-30";
    a.units = 2;
    CHECK(authorization_status(a, ymd(2026, 10, 31)) == "future");
    CHECK(authorization_status(a, ymd(2026, 11, 1)) == "active");
    CHECK(authorization_status(a, ymd(2026, 11, 30)) == "active");
    CHECK(authorization_status(a, ymd(2026, 12, 1)) == "expired");
    a.units_used = 2;
    CHECK(authorization_status(a, ymd(2026, 11, 15)) == "exhausted");
  }

  TEST_CASE("authorizations: add stores codes and units; no units used before claims exist") {
    Practice p;
    const auto added = p.add("PA-1", {"h0015", "S9480"}, "2026-11-02", "2027-01-31");
    const Authorization& a = added.authorization;
    CHECK(a.codes == std::vector<std::string>{"H0015", "S9480"});
    CHECK(a.units == 12);
    CHECK(a.units_used == 0);
    CHECK(a.units_remaining() == 12);
    CHECK(get_authorization(p.db, a.id).number == "PA-1");
    CHECK(get_authorization_number(p.db, a.id) == "PA-1"); // what an 837P's REF*G1 carries
    // Ana has no coverage with Aetna: a warning, not a refusal.
    REQUIRE(added.warnings.size() == 1);
    CHECK(added.warnings[0].find("no coverage with Aetna PPO") != std::string::npos);
    const auto log = audit_entries(p.db, {0, std::string("authorization"), a.id});
    REQUIRE(log.size() == 1);
    CHECK(log[0].action == "create");
  }

  TEST_CASE("authorizations: no warning when a coverage with the payer overlaps the period") {
    Practice p;
    NewCoverage c;
    c.client_id = p.ana;
    c.payer_id = p.aetna;
    c.member_id = "W123";
    c.from = "2026-12-15";
    add_coverage(p.db, k_actor, c, k_today);
    CHECK(p.add("PA-1", {"90834"}, "2026-11-02", "2026-12-15").warnings.empty());
    CHECK(p.add("PA-2", {"90834"}, "2026-11-02", "2026-12-14").warnings.size() == 1);
  }

  TEST_CASE("authorizations: refusals") {
    Practice p;
    p.add("PA-1", {"90834"}, "2026-11-02", "2026-12-31");
    CHECK_THROWS_WITH_AS(p.add("PA-1", {"90837"}, "2026-11-02", "2026-12-31"), doctest::Contains("already has"),
                         Conflict);
    CHECK_NOTHROW(p.add("PA-1", {"90837"}, "2026-11-02", "2026-12-31", p.cigna)); // unique per payer only
    CHECK_THROWS_AS(p.add("PA-2", {"90834"}, "2026-12-31", "2026-11-02"), Invalid);
    CHECK_THROWS_AS(p.add("PA-2", {"90834"}, "2026-11-02", "2026-13-01"), Invalid);
    CHECK_THROWS_AS(p.add("PA-2", {"9083"}, "2026-11-02", "2026-12-31"), Invalid);
    CHECK_THROWS_AS(p.add("PA~2", {"90834"}, "2026-11-02", "2026-12-31"), Invalid);
    CHECK_THROWS_AS(p.add("PA-2", {"90834"}, "2026-11-02", "2026-12-31", 0, 0), Invalid);
    CHECK_THROWS_AS(p.add("PA-2", {"90834"}, "2026-11-02", "2026-12-31", 999), NotFound);
    deactivate_payer(p.db, k_actor, p.cigna);
    CHECK_THROWS_AS(p.add("PA-3", {"90834"}, "2026-11-02", "2026-12-31", p.cigna), Conflict);
    CHECK_THROWS_AS(get_authorization(p.db, 999), NotFound);
    CHECK_THROWS_AS(get_authorization_number(p.db, 999), NotFound);
  }

  TEST_CASE("authorizations: find_authorization by client, payer, code and date") {
    Practice p;
    const auto wide = p.add("PA-1", {"90834", "90837"}, "2026-11-01", "2027-01-31").authorization.id;
    const auto narrow = p.add("PA-2", {"90834"}, "2026-11-15", "2026-11-30").authorization.id;
    const auto cigna = p.add("PA-3", {"S9480"}, "2026-11-01", "2026-11-30", p.cigna).authorization.id;
    CHECK(p.found("90837", ymd(2026, 11, 1)) == wide);    // first day
    CHECK(p.found("90837", ymd(2027, 1, 31)) == wide);    // last day
    CHECK_FALSE(p.found("90837", ymd(2027, 2, 1)));       // the day after
    CHECK_FALSE(p.found("90837", ymd(2026, 10, 31)));     // the day before
    CHECK(p.found("90834", ymd(2026, 11, 14)) == wide);   // before the narrow one starts
    CHECK(p.found("90834", ymd(2026, 11, 15)) == narrow); // both cover it: the one ending first
    CHECK(p.found("90834", ymd(2026, 11, 30)) == narrow);
    CHECK(p.found("90834", ymd(2026, 12, 1)) == wide);
    CHECK(p.found("s9480", ymd(2026, 11, 20), p.cigna) == cigna);                      // codes in any case
    CHECK_FALSE(p.found("S9480", ymd(2026, 11, 20)));                                  // another payer's
    CHECK_FALSE(p.found("90846", ymd(2026, 11, 20)));                                  // a code not authorized
    CHECK_FALSE(find_authorization(p.db, p.ben, p.aetna, "90834", ymd(2026, 11, 20))); // another client
  }

  TEST_CASE("authorizations: list of a client or of all, and only active ones") {
    Practice p;
    const auto past = p.add("PA-1", {"90834"}, "2026-10-01", "2026-10-31").authorization.id;
    const auto now = p.add("PA-2", {"90834"}, "2026-11-01", "2026-12-31").authorization.id;
    const auto later = p.add("PA-3", {"90834"}, "2027-01-01", "2027-03-31").authorization.id;
    AuthorizationFilter filter;
    CHECK(list_authorizations(p.db, filter, k_today).size() == 3);
    filter.active_only = true;
    const auto active = list_authorizations(p.db, filter, k_today);
    REQUIRE(active.size() == 1);
    CHECK(active[0].id == now);
    filter.client_id = p.ben;
    CHECK(list_authorizations(p.db, filter, k_today).empty());
    filter.client_id = 999;
    CHECK_THROWS_AS(list_authorizations(p.db, filter, k_today), NotFound);
    CHECK(past < later);
  }
}
