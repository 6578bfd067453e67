// Parsing and validating config.toml (lib/config.cpp).
#include "iop/config.hpp"
#include "iop/errors.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
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
    CHECK(c.fees_cents.size() == 8);
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
    CHECK(only(f).key == "billing.fees.90834");
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
