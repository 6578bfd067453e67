// Procedure codes, units, modifiers, place of service, per diem, diagnoses and money
// (lib/billing_codes.cpp).
#include "iop/billing_codes.hpp"
#include "iop/errors.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

// The fees of the starter config, so charges are easy to check by hand.
iop::Config fees() {
  iop::Config c;
  c.fees_cents = {{"90791", 25000}, {"90792", 30000}, {"90832", 11000}, {"90834", 15000},
                  {"90837", 19000}, {"90846", 16000}, {"90847", 17000}, {"90853", 7000},
                  {"H0004", 3500},  {"H0015", 45000}, {"S9480", 40000}};
  return c;
}

iop::ServiceFacts facts(const std::string& type, int minutes, const std::string& modality = "video") {
  iop::ServiceFacts s;
  s.type = type;
  s.actual_minutes = minutes;
  s.modality = modality;
  return s;
}

const iop::PayerRules k_ppo{}; // per-service, 95, 93
const iop::PayerRules k_per_diem{"per-diem", "95", "93"};

iop::ServiceLine line_of(const iop::BillingResult& r) {
  const auto* line = iop::billable(r);
  REQUIRE_MESSAGE(line != nullptr, std::get<iop::NotBillable>(r).reason);
  return *line;
}

std::string reason_of(const iop::BillingResult& r) {
  const auto* no = std::get_if<iop::NotBillable>(&r);
  REQUIRE(no != nullptr);
  return no->reason;
}

std::string code_at(const std::string& type, int minutes) {
  const auto r = iop::service_line(facts(type, minutes), k_ppo, fees());
  return iop::billable(r) ? iop::billable(r)->code : "-";
}

int h0004_units(int minutes) {
  const auto r = iop::service_line(facts("addiction", minutes), k_ppo, fees());
  return iop::billable(r) ? iop::billable(r)->units : 0;
}

} // namespace

TEST_SUITE("billing_codes") {

  TEST_CASE("individual psychotherapy: the code follows the minutes at every boundary") {
    CHECK(code_at("individual", 15) == "-");
    CHECK(code_at("individual", 16) == "90832");
    CHECK(code_at("individual", 37) == "90832");
    CHECK(code_at("individual", 38) == "90834");
    CHECK(code_at("individual", 52) == "90834");
    CHECK(code_at("individual", 53) == "90837");
    CHECK(code_at("individual", 120) == "90837");
    CHECK(reason_of(iop::service_line(facts("individual", 15), k_ppo, fees())) ==
          "individual psychotherapy of 15 minutes is under the 16-minute minimum");
    CHECK(reason_of(iop::service_line(facts("individual", 1), k_ppo, fees())).find("1 minute is") != std::string::npos);
  }

  TEST_CASE("couples: 90847 with the patient, 90846 without, from 26 minutes") {
    CHECK(code_at("couples", 25) == "-");
    CHECK(code_at("couples", 26) == "90847");
    CHECK(code_at("couples", 90) == "90847");
    auto without = facts("couples", 26);
    without.patient_present = false;
    const auto line = line_of(iop::service_line(without, k_ppo, fees()));
    CHECK(line.code == "90846");
    CHECK(line.charge_cents == 16000);
    without.actual_minutes = 25;
    CHECK(reason_of(iop::service_line(without, k_ppo, fees())) ==
          "couples psychotherapy of 25 minutes is under the 26-minute minimum");
  }

  TEST_CASE("H0004: one unit per 15 minutes, a unit from 8 of its minutes") {
    CHECK(h0004_units(7) == 0);
    CHECK(h0004_units(8) == 1);
    CHECK(h0004_units(22) == 1);
    CHECK(h0004_units(23) == 2);
    CHECK(h0004_units(37) == 2);
    CHECK(h0004_units(38) == 3);
    CHECK(h0004_units(52) == 3);
    CHECK(h0004_units(53) == 4);
    CHECK(h0004_units(60) == 4);
    CHECK(h0004_units(68) == 5);
    CHECK(reason_of(iop::service_line(facts("addiction", 7), k_ppo, fees())).find("under the 8-minute minimum") !=
          std::string::npos);
    const auto line = line_of(iop::service_line(facts("addiction", 53), k_ppo, fees()));
    CHECK(line.code == "H0004");
    CHECK(line.charge_cents == 4 * 3500); // the fee is per unit
  }

  TEST_CASE("group, intake and medical: their configured code, one unit, the fee") {
    const auto group = line_of(iop::service_line(facts("group", 90), k_ppo, fees()));
    CHECK((group.code == "90853" && group.units == 1 && group.charge_cents == 7000));
    const auto intake = line_of(iop::service_line(facts("intake", 75), k_ppo, fees()));
    CHECK((intake.code == "90791" && intake.units == 1 && intake.charge_cents == 25000));
    const auto medical = line_of(iop::service_line(facts("medical", 20), k_ppo, fees()));
    CHECK((medical.code == "90792" && medical.units == 1 && medical.charge_cents == 30000));
    const auto individual = line_of(iop::service_line(facts("individual", 45), k_ppo, fees()));
    CHECK((individual.units == 1 && individual.charge_cents == 15000));
    CHECK(reason_of(iop::service_line(facts("group", 0), k_ppo, fees())).find("no minutes") != std::string::npos);
  }

  TEST_CASE("[billing.codes] changes the code, and the fee of that code is charged") {
    auto c = fees();
    c.billing.codes["group"] = "H0005";
    c.billing.codes["addiction"] = "H0001";
    c.fees_cents["H0005"] = 6000;
    c.fees_cents["H0001"] = 1000;
    const auto group = line_of(iop::service_line(facts("group", 60), k_ppo, c));
    CHECK((group.code == "H0005" && group.charge_cents == 6000));
    const auto addiction = line_of(iop::service_line(facts("addiction", 30), k_ppo, c));
    CHECK((addiction.code == "H0001" && addiction.units == 2 && addiction.charge_cents == 2000));
    c.billing.codes.erase("intake");
    CHECK_THROWS_WITH_AS(iop::service_line(facts("intake", 60), k_ppo, c), doctest::Contains("billing.codes.intake"),
                         iop::ConfigError);
  }

  TEST_CASE("modifiers and place of service for each modality and payer setting") {
    const auto video = line_of(iop::service_line(facts("individual", 53, "video"), k_ppo, fees()));
    CHECK(video.modifiers == std::vector<std::string>{"95"});
    CHECK(video.place_of_service == "10");
    const auto phone = line_of(iop::service_line(facts("individual", 53, "phone"), k_ppo, fees()));
    CHECK(phone.modifiers == std::vector<std::string>{"93"});
    CHECK(phone.place_of_service == "10");
    const auto office = line_of(iop::service_line(facts("individual", 53, "in-person"), k_ppo, fees()));
    CHECK(office.modifiers.empty());
    CHECK(office.place_of_service == "11");

    const iop::PayerRules legacy{"per-service", "GT", "FQ"};
    CHECK(line_of(iop::service_line(facts("couples", 50, "video"), legacy, fees())).modifiers ==
          std::vector<std::string>{"GT"});
    CHECK(line_of(iop::service_line(facts("couples", 50, "phone"), legacy, fees())).modifiers ==
          std::vector<std::string>{"FQ"});
    CHECK(line_of(iop::service_line(facts("couples", 50, "in-person"), legacy, fees())).modifiers.empty());
    const iop::PayerRules bare{"per-service", "none", "none"};
    for (const char* modality : {"video", "phone"}) {
      CAPTURE(modality);
      const auto line = line_of(iop::service_line(facts("group", 90, modality), bare, fees()));
      CHECK(line.modifiers.empty());
      CHECK(line.place_of_service == "10"); // still telehealth by its place of service
    }
  }

  TEST_CASE("a client not at home is POS 02; the config decides when the session does not say") {
    auto away = facts("individual", 53, "video");
    away.client_at_home = false;
    CHECK(line_of(iop::service_line(away, k_ppo, fees())).place_of_service == "02");
    away.modality = "in-person";
    CHECK(line_of(iop::service_line(away, k_ppo, fees())).place_of_service == "11");

    auto c = fees();
    c.billing.client_at_home = false;
    CHECK(line_of(iop::service_line(facts("individual", 53, "phone"), k_ppo, c)).place_of_service == "02");
    auto home = facts("individual", 53, "phone");
    home.client_at_home = true; // what the session says wins over the config
    CHECK(line_of(iop::service_line(home, k_ppo, c)).place_of_service == "10");

    c.billing.place_of_service_home = "11";
    c.billing.place_of_service_elsewhere = "99";
    c.billing.place_of_service_office = "22";
    CHECK(line_of(iop::service_line(home, k_ppo, c)).place_of_service == "11");
    CHECK(line_of(iop::service_line(facts("individual", 53, "video"), k_ppo, c)).place_of_service == "99");
    CHECK(line_of(iop::service_line(facts("individual", 53, "in-person"), k_ppo, c)).place_of_service == "22");
  }

  TEST_CASE("a missing fee is a ConfigError naming billing.fees.\"CODE\"") {
    auto c = fees();
    c.fees_cents.erase("90834");
    c.source = "/etc/iop.toml";
    try {
      (void)iop::service_line(facts("individual", 45), k_ppo, c);
      FAIL("no ConfigError");
    } catch (const iop::ConfigError& e) {
      CHECK(std::string(e.what()).find("billing.fees.\"90834\"") != std::string::npos);
      CHECK(e.hint().find("[billing.fees]") != std::string::npos);
      CHECK(e.hint().find("/etc/iop.toml") != std::string::npos);
    }
    CHECK(c.fee_cents("90837") == 19000);
    // A service that is not billable never asks for a fee.
    CHECK(reason_of(iop::service_line(facts("individual", 10), k_ppo, c)).find("16-minute") != std::string::npos);
  }

  TEST_CASE("bad facts and payer values are refused") {
    CHECK_THROWS_AS(iop::service_line(facts("massage", 60), k_ppo, fees()), iop::Invalid);
    CHECK_THROWS_AS(iop::service_line(facts("individual", 60, "fax"), k_ppo, fees()), iop::Invalid);
    CHECK_THROWS_AS(iop::service_line(facts("individual", -5), k_ppo, fees()), iop::Invalid);
    CHECK_THROWS_AS(iop::service_line(facts("individual", 60), iop::PayerRules{"monthly", "95", "93"}, fees()),
                    iop::Invalid);
    CHECK_THROWS_AS(iop::service_line(facts("individual", 60), iop::PayerRules{"per-service", "93", "93"}, fees()),
                    iop::Invalid);
    CHECK_THROWS_AS(iop::service_line(facts("individual", 60), iop::PayerRules{"per-service", "95", "95"}, fees()),
                    iop::Invalid);
  }

  TEST_CASE("a per-diem payer bills the day, not the service, and the reverse") {
    CHECK(reason_of(iop::service_line(facts("individual", 53), k_per_diem, fees())).find("per diem") !=
          std::string::npos);
    CHECK(reason_of(iop::per_diem_line("mh", {facts("group", 180)}, k_ppo, fees())).find("per service") !=
          std::string::npos);
  }

  TEST_CASE("per diem: one line from the daily minimum, summed across the day's services") {
    const auto day = [](std::vector<int> minutes) {
      std::vector<iop::ServiceFacts> out;
      for (int m : minutes) {
        out.push_back(facts("group", m));
      }
      return out;
    };
    CHECK(reason_of(iop::per_diem_line("mh", day({179}), k_per_diem, fees())) ==
          "2h 59m attended; the per-diem minimum is 3h");
    CHECK(reason_of(iop::per_diem_line("mh", day({90, 60}), k_per_diem, fees())) ==
          "2h 30m attended; the per-diem minimum is 3h");
    CHECK(reason_of(iop::per_diem_line("sud", {}, k_per_diem, fees())) == "0m attended; the per-diem minimum is 3h");

    const auto mh = line_of(iop::per_diem_line("mh", day({180}), k_per_diem, fees()));
    CHECK((mh.code == "S9480" && mh.units == 1 && mh.charge_cents == 40000));
    const auto sud = line_of(iop::per_diem_line("sud", day({90, 53, 37}), k_per_diem, fees()));
    CHECK((sud.code == "H0015" && sud.units == 1 && sud.charge_cents == 45000));
    CHECK(line_of(iop::per_diem_line("dual", day({100, 100}), k_per_diem, fees())).code == "H0015");
    CHECK_THROWS_AS(iop::per_diem_line("other", day({180}), k_per_diem, fees()), iop::Invalid);

    auto c = fees();
    c.daily_minutes_min = 240; // [program] daily_minutes_min is the threshold
    c.billing.per_diem_codes["dual"] = "S9480";
    CHECK(reason_of(iop::per_diem_line("dual", day({180, 59}), k_per_diem, c)) ==
          "3h 59m attended; the per-diem minimum is 4h");
    CHECK(line_of(iop::per_diem_line("dual", day({180, 60}), k_per_diem, c)).code == "S9480");
    c.fees_cents.erase("S9480");
    CHECK_THROWS_WITH_AS(iop::per_diem_line("dual", day({240}), k_per_diem, c), doctest::Contains("\"S9480\""),
                         iop::ConfigError);
  }

  TEST_CASE("per diem: place of service and modifier follow the day") {
    auto video = facts("group", 90, "video");
    auto phone = facts("individual", 90, "phone");
    auto office = facts("medical", 30, "in-person");
    const auto all_video = line_of(iop::per_diem_line("mh", {video, video}, k_per_diem, fees()));
    CHECK((all_video.modifiers == std::vector<std::string>{"95"} && all_video.place_of_service == "10"));
    const auto all_phone = line_of(iop::per_diem_line("mh", {phone, phone}, k_per_diem, fees()));
    CHECK((all_phone.modifiers == std::vector<std::string>{"93"} && all_phone.place_of_service == "10"));
    CHECK(line_of(iop::per_diem_line("mh", {video, phone}, k_per_diem, fees())).modifiers ==
          std::vector<std::string>{"95"});
    const auto mixed = line_of(iop::per_diem_line("mh", {video, phone, office}, k_per_diem, fees()));
    CHECK((mixed.modifiers.empty() && mixed.place_of_service == "11"));
    phone.client_at_home = false;
    CHECK(line_of(iop::per_diem_line("mh", {video, phone}, k_per_diem, fees())).place_of_service == "02");
  }

  TEST_CASE("minutes_text") {
    CHECK(iop::minutes_text(0) == "0m");
    CHECK(iop::minutes_text(45) == "45m");
    CHECK(iop::minutes_text(60) == "1h");
    CHECK(iop::minutes_text(150) == "2h 30m");
  }

  TEST_CASE("diagnoses: without the dot for X12, and Z63.0 as primary is flagged") {
    CHECK(iop::x12_diagnosis("F10.20") == "F1020");
    CHECK(iop::x12_diagnosis("f43.10") == "F4310");
    CHECK(iop::x12_diagnosis("F41.1") == "F411");
    CHECK(iop::x12_diagnosis("Z63.0") == "Z630");
    CHECK(iop::x12_diagnosis("F32A") == "F32A"); // given without its dot
    CHECK_THROWS_AS(iop::x12_diagnosis("10.20"), iop::Invalid);

    using Dx = std::vector<std::string>;
    CHECK(iop::primary_is_relationship_distress(Dx{"Z63.0"}));
    CHECK(iop::only_relationship_distress(Dx{"Z63.0"}));
    CHECK(iop::only_relationship_distress(Dx{"z630"}));
    CHECK(iop::primary_is_relationship_distress(Dx{"Z63.0", "F10.20"}));
    CHECK_FALSE(iop::only_relationship_distress(Dx{"Z63.0", "F10.20"}));
    CHECK_FALSE(iop::primary_is_relationship_distress(Dx{"F10.20", "Z63.0"}));
    CHECK_FALSE(iop::primary_is_relationship_distress(Dx{}));
    CHECK_FALSE(iop::only_relationship_distress(Dx{}));
    CHECK_FALSE(iop::relationship_distress_warning(Dx{"F10.20", "Z63.0"}).has_value());
    CHECK(iop::relationship_distress_warning(Dx{"Z63.0"})->find("only diagnosis") != std::string::npos);
    CHECK(iop::relationship_distress_warning(Dx{"Z63.0", "F43.10"})->find("primary") != std::string::npos);
  }

  TEST_CASE("money: X12 amounts, cents with two places, dollars for people; negatives refused") {
    CHECK(iop::x12_amount(0) == "0");
    CHECK(iop::x12_amount(5) == "0.05");
    CHECK(iop::x12_amount(50) == "0.5");
    CHECK(iop::x12_amount(1999) == "19.99");
    CHECK(iop::x12_amount(15000) == "150");
    CHECK(iop::x12_amount(15050) == "150.5");
    CHECK(iop::x12_amount(15025) == "150.25");
    CHECK(iop::x12_amount(100000) == "1000");

    CHECK(iop::format_cents(0) == "0.00");
    CHECK(iop::format_cents(5) == "0.05");
    CHECK(iop::format_cents(1999) == "19.99");
    CHECK(iop::format_cents(15000) == "150.00");
    CHECK(iop::format_cents(100000) == "1000.00");

    CHECK(iop::format_money(0) == "$0.00");
    CHECK(iop::format_money(5) == "$0.05");
    CHECK(iop::format_money(1999) == "$19.99");
    CHECK(iop::format_money(100000) == "$1,000.00");
    CHECK(iop::format_money(99999) == "$999.99");
    CHECK(iop::format_money(123450) == "$1,234.50");
    CHECK(iop::format_money(1000000000) == "$10,000,000.00");

    CHECK_THROWS_AS(iop::x12_amount(-1), iop::Invalid);
    CHECK_THROWS_AS(iop::format_cents(-100), iop::Invalid);
    CHECK_THROWS_AS(iop::format_money(-5), iop::Invalid);
  }

} // TEST_SUITE
