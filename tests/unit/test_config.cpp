// Parsing and validating config.toml (lib/config.cpp).
#include "iop/config.hpp"
#include "iop/errors.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace {

// The only diagnostic of a load, checked to be exactly one.
const iop::ConfigDiagnostic& only(const iop::ConfigLoad& load) {
  REQUIRE(load.diagnostics.size() == 1);
  return load.diagnostics.front();
}

} // namespace

TEST_SUITE("config") {

  TEST_CASE("the starter config (examples/config.toml) is clean and its values land in Config") {
    const iop::ConfigLoad load = iop::parse_config(iop::config_template(), "config.toml");
    for (const auto& d : load.diagnostics) {
      FAIL_CHECK(d.to_string());
    }
    CHECK_FALSE(load.has_errors());
    const iop::Config& c = load.config;
    CHECK(c.get("practice.npi") == "1234567893");
    CHECK(c.get("practice.name") == "Harbor Light Virtual IOP");
    CHECK(c.get("practice.timezone") == "America/Los_Angeles");
    CHECK(c.get("practice.zip") == "972010000");
    CHECK(c.get("x12.usage") == "T");
    CHECK(c.get("x12.receiver_id") == "CLEARHOUSE");
    CHECK(c.require("practice.tax_id") == "931234567");
    CHECK(c.fees_cents.at("90834") == 15000);
    CHECK(c.fees_cents.at("H0004") == 3500);
    CHECK(c.fees_cents.size() == 11);
    CHECK(c.fees_cents.at("S9480") == 45000);
    CHECK(c.billing.codes.at("couples") == "90847");
    CHECK(c.billing.per_diem_codes.at("dual") == "H0015");
    CHECK(c.billing.place_of_service_home == "10");
    CHECK(c.billing.client_at_home);
    CHECK(c.note_template == "soap");
    CHECK(c.session_minutes.at("couples") == 50);
    CHECK_FALSE(c.get("practice.nickname").has_value());
  }

  TEST_CASE("numbers and text that differ from the defaults are stored") {
    const auto load = iop::parse_config("[program]\nweekly_hours_min = 12\ndaily_minutes_min = 240\n"
                                        "[sessions]\nindividual = 45\ngroup = 120\n"
                                        "[notes]\ntemplate = \"birp\"\ndue_hours = 24\n"
                                        "[billing.fees]\n\"90847\" = 17550\n",
                                        "t.toml");
    CHECK(load.diagnostics.empty());
    CHECK(load.config.weekly_hours_min == 12);
    CHECK(load.config.daily_minutes_min == 240);
    CHECK(load.config.session_minutes.at("individual") == 45);
    CHECK(load.config.session_minutes.at("group") == 120);
    CHECK(load.config.session_minutes.at("couples") == 50); // not given: the default stays
    CHECK(load.config.note_template == "birp");
    CHECK(load.config.note_due_hours == 24);
    CHECK(load.config.fees_cents.at("90847") == 17550);
  }

  TEST_CASE("an empty file is a valid config with the defaults") {
    const auto load = iop::parse_config("", "empty.toml");
    CHECK(load.diagnostics.empty());
    CHECK(load.config.weekly_hours_min == 9);
    CHECK(load.config.text.empty());
  }

  TEST_CASE("a value of the wrong type is an error naming its line and key") {
    const auto load = iop::parse_config("[practice]\nname = \"X\"\nnpi = 1234567893\n", "cfg.toml");
    const auto& d = only(load);
    CHECK(load.has_errors());
    CHECK(d.error);
    CHECK(d.line == 3);
    CHECK(d.key == "practice.npi");
    CHECK(d.message.find("must be a string") != std::string::npos);
    CHECK(d.to_string().rfind("cfg.toml:3: error: practice.npi", 0) == 0);
    CHECK_FALSE(load.config.get("practice.npi").has_value());
    CHECK(load.config.get("practice.name") == "X"); // the good values around it still load

    const auto n = iop::parse_config("\n[program]\nweekly_hours_min = \"nine\"\n", "cfg.toml");
    CHECK(only(n).line == 3);
    CHECK(only(n).key == "program.weekly_hours_min");
    CHECK(only(n).message.find("whole number") != std::string::npos);

    const auto f = iop::parse_config("[billing.fees]\n\"90834\" = 150.00\n", "cfg.toml");
    CHECK(only(f).error);
    CHECK(only(f).key == "billing.fees.\"90834\"");
    CHECK(only(f).to_string().rfind("cfg.toml:2: error: billing.fees.\"90834\": must be a whole number of cents", 0) ==
          0);
    CHECK(f.config.fees_cents.empty());
  }

  TEST_CASE("unknown keys and tables are warnings, not errors") {
    const auto load = iop::parse_config("[practice]\nname = \"X\"\nnickname = \"Y\"\n", "cfg.toml");
    const auto& d = only(load);
    CHECK_FALSE(d.error);
    CHECK_FALSE(load.has_errors());
    CHECK(d.line == 3);
    CHECK(d.key == "practice.nickname");
    CHECK(d.to_string().find(": warning: ") != std::string::npos);
    CHECK(load.config.get("practice.name") == "X");

    CHECK_FALSE(only(iop::parse_config("[colours]\nheader = \"blue\"\n", "c")).error);
    CHECK_FALSE(only(iop::parse_config("verbose = true\n", "c")).error);
  }

  TEST_CASE("integers out of range are errors") {
    CHECK(only(iop::parse_config("[program]\nweekly_hours_min = 0\n", "c")).error);
    CHECK(only(iop::parse_config("[program]\nweekly_hours_min = 41\n", "c")).message.find("out of range") !=
          std::string::npos);
    CHECK(iop::parse_config("[program]\nweekly_hours_min = 40\n", "c").diagnostics.empty());
    CHECK(only(iop::parse_config("[sessions]\ngroup = 4\n", "c")).key == "sessions.group");
    CHECK(iop::parse_config("[sessions]\ngroup = 5\n", "c").diagnostics.empty());
    CHECK(only(iop::parse_config("[notes]\ndue_hours = 99999999999\n", "c")).error);
    CHECK(only(iop::parse_config("[billing.fees]\n\"90834\" = -1\n", "c")).error);
    CHECK(only(iop::parse_config("[billing.fees]\n\"90834\" = 10000001\n", "c")).message.find("out of range") !=
          std::string::npos);
    const auto edges = iop::parse_config("[billing.fees]\n\"90834\" = 0\n\"90837\" = 10000000\n", "c");
    CHECK(edges.diagnostics.empty());
    CHECK(edges.config.fees_cents.at("90834") == 0);
    CHECK(edges.config.fees_cents.at("90837") == 10'000'000);
  }

  TEST_CASE("bad text values are errors") {
    const auto npi = iop::parse_config("[practice]\nnpi = \"1234567890\"\n", "c");
    CHECK(only(npi).error);
    CHECK(only(npi).key == "practice.npi");
    CHECK(only(npi).line == 2);
    CHECK_FALSE(npi.config.get("practice.npi").has_value());
    CHECK(only(iop::parse_config("[practice]\ntimezone = \"Mars/Olympus\"\n", "c")).key == "practice.timezone");
    CHECK(only(iop::parse_config("[practice]\ntax_id = \"93-1234567\"\n", "c")).error);
    CHECK(only(iop::parse_config("[practice]\nstate = \"or\"\n", "c")).error);
    CHECK(only(iop::parse_config("[x12]\nusage = \"X\"\n", "c")).error);
    CHECK(only(iop::parse_config("[notes]\ntemplate = \"freeform\"\n", "c")).error);
    CHECK(only(iop::parse_config("[billing.fees]\n\"9083\" = 100\n", "c")).error);
    CHECK(only(iop::parse_config("[billing.fees]\nh0004 = 100\n", "c")).key == "billing.fees.\"h0004\"");
    CHECK(only(iop::parse_config("[billing.fees]\n\"0362T\" = 100\n", "c")).message.find("not a procedure code") !=
          std::string::npos);
  }

  TEST_CASE("a TOML syntax error reports its line") {
    const auto load = iop::parse_config("[practice]\nname = \"X\"\nnpi = \n", "broken.toml");
    const auto& d = only(load);
    CHECK(d.error);
    CHECK(d.line == 3);
    CHECK(d.to_string().rfind("broken.toml:3: error: ", 0) == 0);
    CHECK(only(iop::parse_config("[practice\nname = \"X\"\n", "b")).line == 1);
    CHECK(only(iop::parse_config("[x12]\nusage = \"T\"\nusage = \"P\"\n", "b")).line == 3); // duplicate key
  }

  TEST_CASE("[billing.codes], [billing.per_diem] and [billing.telehealth] have DOMAIN.md's defaults") {
    const iop::BillingConfig b = iop::parse_config("", "c").config.billing;
    CHECK(b.codes == std::map<std::string, std::string>{{"addiction", "H0004"},
                                                        {"couples", "90847"},
                                                        {"couples_without_patient", "90846"},
                                                        {"group", "90853"},
                                                        {"intake", "90791"},
                                                        {"medical", "90792"}});
    CHECK(b.per_diem_codes == std::map<std::string, std::string>{{"mh", "S9480"}, {"sud", "H0015"}, {"dual", "H0015"}});
    CHECK(b.place_of_service_home == "10");
    CHECK(b.place_of_service_elsewhere == "02");
    CHECK(b.place_of_service_office == "11");
    CHECK(b.client_at_home);
  }

  TEST_CASE("every billing key is read") {
    const auto load = iop::parse_config("[billing.codes]\naddiction = \"H0001\"\ncouples = \"90849\"\n"
                                        "couples_without_patient = \"90845\"\ngroup = \"H0005\"\n"
                                        "intake = \"90792\"\nmedical = \"99213\"\n"
                                        "[billing.per_diem]\nmh = \"H0035\"\nsud = \"S9480\"\ndual = \"S9480\"\n"
                                        "[billing.telehealth]\nclient_at_home = false\nplace_of_service_home = \"11\"\n"
                                        "place_of_service_elsewhere = \"03\"\nplace_of_service_office = \"22\"\n",
                                        "t.toml");
    for (const auto& d : load.diagnostics) {
      FAIL_CHECK(d.to_string());
    }
    const iop::BillingConfig& b = load.config.billing;
    CHECK(b.codes.at("addiction") == "H0001");
    CHECK(b.codes.at("couples") == "90849");
    CHECK(b.codes.at("couples_without_patient") == "90845");
    CHECK(b.codes.at("group") == "H0005");
    CHECK(b.codes.at("intake") == "90792");
    CHECK(b.codes.at("medical") == "99213");
    CHECK(b.per_diem_codes.at("mh") == "H0035");
    CHECK(b.per_diem_codes.at("sud") == "S9480");
    CHECK(b.per_diem_codes.at("dual") == "S9480");
    CHECK_FALSE(b.client_at_home);
    CHECK(b.place_of_service_home == "11");
    CHECK(b.place_of_service_elsewhere == "03");
    CHECK(b.place_of_service_office == "22");
    CHECK(load.config.text.empty()); // billing values are typed, not text
    // Dotted keys in [billing] reach the same place.
    CHECK(iop::parse_config("[billing]\ncodes.group = \"H0005\"\n", "t").config.billing.codes.at("group") == "H0005");
  }

  TEST_CASE("bad billing values are errors with file, line and key; the default stays") {
    const auto code = iop::parse_config("[billing.codes]\ngroup = \"90853\"\n\ncouples = \"9084\"\n", "b.toml");
    CHECK(only(code).error);
    CHECK(only(code).to_string().rfind("b.toml:4: error: billing.codes.couples: '9084' is not a procedure code", 0) ==
          0);
    CHECK(code.config.billing.codes.at("couples") == "90847");
    for (const char* bad : {"h0004", "HH004", "H004", "H00045", "9O847", " 90847", ""}) {
      CAPTURE(bad);
      const auto load = iop::parse_config(std::string("[billing.codes]\naddiction = \"") + bad + "\"\n", "b");
      CHECK(only(load).error);
      CHECK(only(load).key == "billing.codes.addiction");
      CHECK(load.config.billing.codes.at("addiction") == "H0004");
    }
    CHECK(only(iop::parse_config("[billing.codes]\nmedical = 90792\n", "b")).message.find("must be a string") !=
          std::string::npos);
    const auto track = iop::parse_config("[billing.per_diem]\nmh = \"S948\"\n", "b");
    CHECK(only(track).key == "billing.per_diem.mh");
    CHECK(track.config.billing.per_diem_codes.at("mh") == "S9480");

    for (const char* bad : {"1", "100", "1O", "ab"}) {
      CAPTURE(bad);
      const auto load =
          iop::parse_config(std::string("[billing.telehealth]\nplace_of_service_office = \"") + bad + "\"\n", "b");
      CHECK(only(load).error);
      CHECK(only(load).line == 2);
      CHECK(only(load).message.find("place-of-service") != std::string::npos);
      CHECK(load.config.billing.place_of_service_office == "11");
    }
    const auto home = iop::parse_config("[billing.telehealth]\nclient_at_home = \"yes\"\n", "b.toml");
    CHECK(only(home).to_string() == "b.toml:2: error: billing.telehealth.client_at_home: must be true or false, not a "
                                    "string");
    CHECK(home.config.billing.client_at_home);
    CHECK(only(iop::parse_config("[billing]\ncodes = 3\n", "b")).error);
    CHECK(only(iop::parse_config("[billing]\ntelehealth = \"yes\"\n", "b")).message == "must be a table, not a string");
  }

  TEST_CASE("the per-diem threshold has one home: [program] daily_minutes_min") {
    const auto dup = iop::parse_config(
        "[program]\ndaily_minutes_min = 200\n[billing.per_diem]\ndaily_minutes_min = 240\n", "b.toml");
    CHECK(only(dup).error); // an error: silently ignored, it would bill days against another threshold
    CHECK(only(dup).line == 4);
    CHECK(only(dup).key == "billing.per_diem.daily_minutes_min");
    CHECK(only(dup).message.find("[program]") != std::string::npos);
    CHECK(dup.config.daily_minutes_min == 200);
  }

  TEST_CASE("unknown billing keys warn; individual is named as chosen by minutes") {
    const auto individual = iop::parse_config("[billing.codes]\nindividual = \"90834\"\n", "b");
    CHECK_FALSE(only(individual).error);
    CHECK(only(individual).message.find("by minutes") != std::string::npos);
    CHECK(individual.config.billing.codes.count("individual") == 0);
    const auto other = iop::parse_config("[billing.telehealth]\nmodifier = \"95\"\n[billing.extras]\nx = 1\n", "b");
    REQUIRE(other.diagnostics.size() == 2); // in line order, though toml++ walks keys alphabetically
    CHECK_FALSE(other.has_errors());
    CHECK(other.diagnostics[0].key == "billing.telehealth.modifier");
    CHECK(other.diagnostics[1].key == "billing.extras");
    CHECK_FALSE(only(iop::parse_config("[billing]\nrounding = \"up\"\n", "b")).error);
  }

  TEST_CASE("fee_cents gives the fee or a ConfigError naming billing.fees.\"CODE\" and where to set it") {
    iop::Config c;
    c.fees_cents["90834"] = 15000;
    CHECK(c.fee_cents("90834") == 15000);
    CHECK_THROWS_WITH_AS(c.fee_cents("90837"), doctest::Contains("billing.fees.\"90837\""), iop::ConfigError);
    c.source = "/home/a/.config/iop/config.toml";
    try {
      (void)c.fee_cents("H0004");
      FAIL("fee_cents did not throw");
    } catch (const iop::ConfigError& e) {
      CHECK(e.hint().find("[billing.fees]") != std::string::npos);
      CHECK(e.hint().find("\"H0004\" = ") != std::string::npos);
      CHECK(e.hint().find("/home/a/.config/iop/config.toml") != std::string::npos);
    }
  }

  TEST_CASE("is_procedure_code: a capital letter or digit, then four digits") {
    for (const char* good : {"90834", "H0004", "S9480", "00100", "Z9999"}) {
      CAPTURE(good);
      CHECK(iop::is_procedure_code(good));
    }
    for (const char* bad : {"", "9083", "908344", "h0004", "0362T", "HH004", "H 004", "9083.", "H00O4"}) {
      CAPTURE(bad);
      CHECK_FALSE(iop::is_procedure_code(bad));
    }
  }

  TEST_CASE("require names the missing key and where to set it") {
    iop::Config c;
    CHECK_THROWS_WITH_AS(c.require("practice.npi"), doctest::Contains("practice.npi"), iop::ConfigError);
    try {
      (void)c.require("x12.submitter_id");
      FAIL("require did not throw");
    } catch (const iop::ConfigError& e) {
      CHECK(e.hint().find("[x12]") != std::string::npos);
      CHECK(e.hint().find("submitter_id") != std::string::npos);
    }
    c.text["practice.npi"] = "1234567893";
    CHECK(c.require("practice.npi") == "1234567893");
  }

  TEST_CASE("load_config reads a file; a missing file is an error; load_config_or_throw throws") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("iop-unit-config-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(dir);
    const auto good = dir / "good.toml";
    const auto bad = dir / "bad.toml";
    std::ofstream(good) << "[practice]\ntimezone = \"Europe/Berlin\"\n";
    std::ofstream(bad) << "[practice]\n\nphone = \"555\"\n";

    const auto load = iop::load_config(good);
    CHECK(load.diagnostics.empty());
    CHECK(load.config.get("practice.timezone") == "Europe/Berlin");
    CHECK(load.config.source == good);
    CHECK(iop::load_config_or_throw(good).get("practice.timezone") == "Europe/Berlin");

    const std::string bad_line = bad.string() + ":3";
    CHECK_THROWS_WITH_AS(iop::load_config_or_throw(bad), doctest::Contains(bad_line.c_str()), iop::ConfigError);
    const auto missing = iop::load_config(dir / "missing.toml");
    CHECK(missing.has_errors());
    CHECK_THROWS_AS(iop::load_config_or_throw(dir / "missing.toml"), iop::ConfigError);
    CHECK_THROWS_WITH_AS(iop::load_config_or_throw(dir), doctest::Contains("folder"), iop::ConfigError);
    std::filesystem::remove_all(dir);
  }

} // TEST_SUITE
