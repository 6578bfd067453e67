// Clinician rules and the clinician service against a real database (lib/clinicians.cpp).
#include "iop/audit.hpp"
#include "iop/clinicians.hpp"
#include "iop/errors.hpp"

#include "temp_database.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using Roles = std::vector<std::string>;

using iop::testing::TempDatabase;

const iop::Actor k_actor{"alice", "clinician add", iop::Instant{std::chrono::seconds{1'796'000'000}}};

iop::NewClinician dana() {
  iop::NewClinician c;
  c.name = "Dana Reyes";
  c.credential = "LMFT";
  c.npi = "1234567893";
  c.roles = {"couples", "individual"};
  c.timezone = "America/Los_Angeles";
  c.email = "dana@example.org";
  return c;
}

iop::NewClinician sam() {
  iop::NewClinician c;
  c.name = "Sam Ito";
  c.credential = "LADC";
  c.roles = {"addiction", "group"};
  c.timezone = "America/New_York";
  return c;
}

} // namespace

TEST_SUITE("clinicians") {

  TEST_CASE("normalize_roles puts roles in the canonical order, lower case, once each") {
    CHECK(iop::normalize_roles({"couples", "individual"}) == Roles{"individual", "couples"});
    CHECK(iop::normalize_roles({"Medical", " GROUP ", "addiction"}) == Roles{"addiction", "group", "medical"});
    CHECK(iop::normalize_roles({"group", "Group", "group"}) == Roles{"group"});
    CHECK(iop::normalize_roles({}).empty());
    CHECK(iop::normalize_roles({"", " "}).empty());
    CHECK_THROWS_WITH_AS(iop::normalize_roles({"individual", "surgeon"}), doctest::Contains("surgeon"), iop::Invalid);
    CHECK_THROWS_AS(iop::normalize_roles({"couple"}), iop::Invalid);
  }

  TEST_CASE("normalize_credential trims and allows only credential characters") {
    CHECK(iop::normalize_credential(" LCSW ") == "LCSW");
    CHECK(iop::normalize_credential("Ph.D., LMFT") == "Ph.D., LMFT");
    CHECK(iop::normalize_credential("LCSW-C") == "LCSW-C");
    CHECK(iop::normalize_credential("MD/PhD") == "MD/PhD");
    CHECK_THROWS_WITH_AS(iop::normalize_credential(""), doctest::Contains("credential"), iop::Invalid);
    CHECK_THROWS_AS(iop::normalize_credential("MD; DROP TABLE"), iop::Invalid);
    CHECK_THROWS_AS(iop::normalize_credential("<b>MD</b>"), iop::Invalid);
    CHECK_THROWS_AS(iop::normalize_credential(std::string(41, 'M')), iop::Invalid);
  }

  TEST_CASE("normalize_email accepts one @ with a dotted domain") {
    CHECK(iop::normalize_email(" dana@example.org ") == "dana@example.org");
    CHECK(iop::normalize_email("d.reyes+iop@mail.example.co.uk") == "d.reyes+iop@mail.example.co.uk");
    for (const char* bad : {"dana", "@example.org", "dana@", "a@b@example.org", "dana@example", "dana@example.",
                            "dana reyes@example.org", ""}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(iop::normalize_email(bad), iop::Invalid);
    }
  }

  TEST_CASE("add stores a validated clinician and audits it") {
    TempDatabase t;
    const iop::Clinician c = iop::add_clinician(t.db(), k_actor, dana());
    CHECK(c.id > 0);
    CHECK(c.name == "Dana Reyes");
    CHECK(c.roles == Roles{"individual", "couples"});
    CHECK(c.npi == "1234567893");
    CHECK(c.active);
    CHECK(c.created_at == "2026-11-30T00:53:20Z");
    CHECK(c.display_name() == "Dana Reyes, LMFT");
    CHECK(c.has_role("couples"));
    CHECK_FALSE(c.has_role("group"));

    const iop::Clinician again = iop::get_clinician(t.db(), c.id);
    CHECK(again.email == "dana@example.org");
    CHECK(again.timezone == "America/Los_Angeles");

    const auto log = iop::audit_entries(t.db(), {});
    REQUIRE(log.size() == 1);
    CHECK(log[0].actor == "alice");
    CHECK(log[0].command == "clinician add");
    CHECK(log[0].action == "create");
    CHECK(log[0].record_kind == "clinician");
    CHECK(log[0].record_id == c.id);
    CHECK(log[0].at == "2026-11-30T00:53:20Z");
  }

  TEST_CASE("add refuses invalid input and writes nothing") {
    TempDatabase t;
    auto bad_npi = dana();
    bad_npi.npi = "1234567890";
    CHECK_THROWS_AS(iop::add_clinician(t.db(), k_actor, bad_npi), iop::Invalid);
    auto bad_zone = dana();
    bad_zone.timezone = "Mars/Olympus";
    CHECK_THROWS_AS(iop::add_clinician(t.db(), k_actor, bad_zone), iop::Invalid);
    auto no_name = dana();
    no_name.name = "  ";
    CHECK_THROWS_AS(iop::add_clinician(t.db(), k_actor, no_name), iop::Invalid);
    CHECK(iop::list_clinicians(t.db(), {true, std::nullopt}).empty());
    CHECK(iop::audit_entries(t.db(), {}).empty());
  }

  TEST_CASE("a duplicate NPI is a conflict, on add and on update") {
    TempDatabase t;
    const auto first = iop::add_clinician(t.db(), k_actor, dana());
    auto twin = sam();
    twin.npi = " 1234567893 ";
    CHECK_THROWS_WITH_AS(iop::add_clinician(t.db(), k_actor, twin), doctest::Contains("already belongs"),
                         iop::Conflict);
    CHECK(iop::list_clinicians(t.db(), {true, std::nullopt}).size() == 1);
    CHECK(iop::audit_entries(t.db(), {}).size() == 1);

    const auto second = iop::add_clinician(t.db(), k_actor, sam());
    iop::ClinicianChanges take_npi;
    take_npi.npi = "1234567893";
    CHECK_THROWS_AS(iop::update_clinician(t.db(), k_actor, second.id, take_npi), iop::Conflict);
    CHECK_FALSE(iop::get_clinician(t.db(), second.id).npi.has_value());
    // Setting one's own NPI again is not a conflict.
    CHECK(iop::update_clinician(t.db(), k_actor, first.id, take_npi).npi == "1234567893");
  }

  TEST_CASE("update changes only what is given; empty npi or email clears it") {
    TempDatabase t;
    const auto c = iop::add_clinician(t.db(), k_actor, dana());
    iop::ClinicianChanges rename;
    rename.name = "Dana Reyes-Ito";
    const iop::Actor bob{"bob", "clinician update", k_actor.at};
    auto u = iop::update_clinician(t.db(), bob, c.id, rename);
    CHECK(u.name == "Dana Reyes-Ito");
    CHECK(u.npi == "1234567893");
    CHECK(u.roles == c.roles);
    CHECK(u.email == c.email);

    iop::ClinicianChanges roles;
    roles.roles = Roles{"GROUP", "individual"};
    CHECK(iop::update_clinician(t.db(), bob, c.id, roles).roles == Roles{"individual", "group"});

    iop::ClinicianChanges clear;
    clear.npi = "";
    clear.email = "";
    u = iop::update_clinician(t.db(), bob, c.id, clear);
    CHECK_FALSE(u.npi.has_value());
    CHECK_FALSE(u.email.has_value());
    CHECK(u.roles == Roles{"individual", "group"}); // not given: kept

    CHECK_THROWS_AS(iop::update_clinician(t.db(), bob, c.id, {}), iop::Invalid);
    CHECK_THROWS_AS(iop::update_clinician(t.db(), bob, 999, rename), iop::NotFound);
    iop::ClinicianChanges bad;
    bad.timezone = "Nowhere/City";
    CHECK_THROWS_AS(iop::update_clinician(t.db(), bob, c.id, bad), iop::Invalid);
    CHECK(iop::get_clinician(t.db(), c.id).timezone == "America/Los_Angeles");

    const auto log = iop::audit_entries(t.db(), {0, std::string("clinician"), c.id});
    REQUIRE(log.size() == 4); // create + three successful updates
    CHECK(log[0].action == "update");
    CHECK(log[0].actor == "bob");
    CHECK(log[3].action == "create");
  }

  TEST_CASE("deactivate keeps the record, hides it from the default list, and is audited once") {
    TempDatabase t;
    const auto d = iop::add_clinician(t.db(), k_actor, dana());
    const auto s = iop::add_clinician(t.db(), k_actor, sam());
    CHECK(iop::deactivate_clinician(t.db(), k_actor, d.id));
    CHECK_FALSE(iop::get_clinician(t.db(), d.id).active);
    CHECK_FALSE(iop::deactivate_clinician(t.db(), k_actor, d.id)); // already inactive: nothing changes
    CHECK_THROWS_AS(iop::deactivate_clinician(t.db(), k_actor, 999), iop::NotFound);

    const auto active = iop::list_clinicians(t.db(), {});
    REQUIRE(active.size() == 1);
    CHECK(active[0].id == s.id);
    CHECK(iop::list_clinicians(t.db(), {true, std::nullopt}).size() == 2);

    const auto log = iop::audit_entries(t.db(), {0, std::string("clinician"), d.id});
    REQUIRE(log.size() == 2);
    CHECK(log[0].action == "deactivate");
  }

  TEST_CASE("list filters by role and orders by id") {
    TempDatabase t;
    const auto d = iop::add_clinician(t.db(), k_actor, dana());
    const auto s = iop::add_clinician(t.db(), k_actor, sam());
    const auto couples = iop::list_clinicians(t.db(), {false, std::string("couples")});
    REQUIRE(couples.size() == 1);
    CHECK(couples[0].id == d.id);
    const auto all = iop::list_clinicians(t.db(), {});
    REQUIRE(all.size() == 2);
    CHECK(all[0].id == d.id);
    CHECK(all[1].id == s.id);
    CHECK(iop::list_clinicians(t.db(), {false, std::string("medical")}).empty());
    CHECK_THROWS_AS(iop::get_clinician(t.db(), 42), iop::NotFound);
  }

  TEST_CASE("audit_entries honours limit, newest first") {
    TempDatabase t;
    iop::add_clinician(t.db(), k_actor, dana());
    iop::add_clinician(t.db(), k_actor, sam());
    const auto one = iop::audit_entries(t.db(), {1, std::nullopt, std::nullopt});
    REQUIRE(one.size() == 1);
    CHECK(one[0].record_id == 2);
    CHECK(iop::audit_entries(t.db(), {0, std::nullopt, std::nullopt}).size() == 2);
    CHECK(iop::audit_entries(t.db(), {0, std::string("client"), std::nullopt}).empty());
  }

} // TEST_SUITE
