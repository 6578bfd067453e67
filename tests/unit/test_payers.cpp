// Payer rules (filing codes, modifiers, X12-safe text) and the payer service against a real
// database (lib/payers.cpp, lib/payer_store.cpp).
#include "iop/audit.hpp"
#include "iop/errors.hpp"
#include "iop/payers.hpp"

#include "temp_database.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

namespace {

const iop::Actor k_actor{"alice", "payer add", iop::Instant{std::chrono::seconds{1'796'000'000}}};

using iop::testing::TempDatabase;

iop::NewPayer payer(const std::string& name, const std::string& plan = "ppo") {
  iop::NewPayer p;
  p.name = name;
  p.payer_id = "60054";
  p.plan = plan;
  return p;
}

} // namespace

TEST_SUITE("payers") {

  TEST_CASE("payers: the filing code defaults from the plan") {
    CHECK(iop::default_filing_code("ppo") == "12");
    CHECK(iop::default_filing_code("pos") == "13");
    CHECK(iop::default_filing_code("epo") == "14");
    CHECK(iop::default_filing_code("indemnity") == "15");
    CHECK(iop::default_filing_code("hmo") == "HM");
    CHECK(iop::default_filing_code("medicare") == "MB");
    CHECK(iop::default_filing_code("medicaid") == "MC");
    CHECK(iop::default_filing_code("other") == "CI");
    CHECK(iop::default_filing_code(" PPO ") == "12");
    CHECK_THROWS_AS(iop::default_filing_code("hdhp"), iop::Invalid);
  }

  TEST_CASE("payers: filing codes are X12 SBR09 codes, in upper case") {
    CHECK(iop::normalize_filing_code("bl") == "BL");
    CHECK(iop::normalize_filing_code(" 12 ") == "12");
    CHECK(iop::normalize_filing_code("CH") == "CH");
    for (const char* bad : {"", "1", "PP", "XX", "BLU", "B L"}) {
      CAPTURE(bad);
      CHECK_THROWS_WITH_AS(iop::normalize_filing_code(bad), doctest::Contains("claim filing indicator"), iop::Invalid);
    }
  }

  TEST_CASE("payers: plans, billing and modifiers") {
    CHECK(iop::normalize_plan("Medicaid") == "medicaid");
    CHECK_THROWS_AS(iop::normalize_plan("ppo2"), iop::Invalid);
    CHECK(iop::normalize_billing("Per-Diem") == "per-diem");
    CHECK_THROWS_AS(iop::normalize_billing("perdiem"), iop::Invalid);
    CHECK(iop::normalize_telehealth_modifier("gt") == "GT");
    CHECK(iop::normalize_telehealth_modifier("None") == "none");
    CHECK_THROWS_AS(iop::normalize_telehealth_modifier("93"), iop::Invalid);
    CHECK(iop::normalize_audio_modifier("fq") == "FQ");
    CHECK_THROWS_AS(iop::normalize_audio_modifier("95"), iop::Invalid);
  }

  TEST_CASE("payers: X12 delimiters are refused, other text kept as given") {
    for (const char* bad : {"Aetna*PPO", "A:B", "A^B", "Aetna~"}) {
      CAPTURE(bad);
      CHECK_THROWS_WITH_AS(iop::require_x12_text(bad, "payer name", 60), doctest::Contains("delimiter"), iop::Invalid);
      CHECK_THROWS_AS(iop::normalize_payer_id(bad), iop::Invalid);
    }
    CHECK(iop::require_x12_text(" O'Brien-Núñez Health ", "payer name", 60) == "O'Brien-Núñez Health");
    CHECK(iop::normalize_payer_id("BCBS-01") == "BCBS-01");
    CHECK_THROWS_AS(iop::normalize_payer_id("6 0054"), iop::Invalid);
    CHECK_THROWS_AS(iop::normalize_payer_id("6"), iop::Invalid);
    CHECK_THROWS_AS(iop::normalize_payer_id("Núñez"), iop::Invalid);
  }

  TEST_CASE("payers: a change of plan moves a default filing code, keeps one set by hand") {
    iop::Payer p;
    p.plan = "ppo";
    p.filing_code = "12";
    CHECK(iop::filing_code_after(p, "hmo", std::nullopt) == "HM");
    CHECK(iop::filing_code_after(p, "hmo", std::string("ci")) == "CI");
    p.filing_code = "BL";
    CHECK(iop::filing_code_after(p, "hmo", std::nullopt) == "BL");
  }

  TEST_CASE("payers: add stores the defaults and audits without details") {
    TempDatabase t;
    const iop::Payer p = iop::add_payer(t.db(), k_actor, payer("Aetna PPO"));
    CHECK(p.id > 0);
    CHECK(p.name == "Aetna PPO");
    CHECK(p.filing_code == "12");
    CHECK(p.billing == "per-service");
    CHECK(p.telehealth_modifier == "95");
    CHECK(p.audio_modifier == "93");
    CHECK_FALSE(p.requires_auth);
    CHECK(p.active);
    const auto log = iop::audit_entries(t.db(), {});
    REQUIRE(log.size() == 1);
    CHECK(log[0].action == "create");
    CHECK(log[0].record_kind == "payer");
    CHECK(log[0].record_id == p.id);
  }

  TEST_CASE("payers: names are unique regardless of case") {
    TempDatabase t;
    const auto first = iop::add_payer(t.db(), k_actor, payer("Aetna PPO"));
    CHECK_THROWS_WITH_AS(iop::add_payer(t.db(), k_actor, payer("AETNA ppo")), doctest::Contains("already exists"),
                         iop::Conflict);
    const auto second = iop::add_payer(t.db(), k_actor, payer("Cigna"));
    iop::PayerChanges rename;
    rename.name = "aetna PPO";
    CHECK_THROWS_AS(iop::update_payer(t.db(), k_actor, second.id, rename), iop::Conflict);
    rename.name = "AETNA PPO"; // its own name in another case is fine
    CHECK(iop::update_payer(t.db(), k_actor, first.id, rename).name == "AETNA PPO");
  }

  TEST_CASE("payers: update changes only what is given; deactivate and reactivate") {
    TempDatabase t;
    auto input = payer("Blue Shield", "ppo");
    input.filing_code = "bl";
    const auto p = iop::add_payer(t.db(), k_actor, input);
    CHECK(p.filing_code == "BL");
    iop::PayerChanges changes;
    changes.plan = "hmo";
    changes.requires_auth = true;
    const auto u = iop::update_payer(t.db(), k_actor, p.id, changes);
    CHECK(u.plan == "hmo");
    CHECK(u.filing_code == "BL");
    CHECK(u.requires_auth);
    CHECK(u.payer_id == "60054");
    CHECK_THROWS_AS(iop::update_payer(t.db(), k_actor, p.id, {}), iop::Invalid);
    CHECK(iop::deactivate_payer(t.db(), k_actor, p.id));
    CHECK_FALSE(iop::deactivate_payer(t.db(), k_actor, p.id));
    CHECK(iop::list_payers(t.db(), {}).empty());
    CHECK(iop::list_payers(t.db(), {true}).size() == 1);
    iop::PayerChanges back;
    back.active = true;
    CHECK(iop::update_payer(t.db(), k_actor, p.id, back).active);
    CHECK_THROWS_AS(iop::get_payer(t.db(), 99), iop::NotFound);
  }
}
