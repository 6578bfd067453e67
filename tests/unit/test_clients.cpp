// Client rules (normalize_*, check_client_dates) and the client service against a real database
// (lib/clients.cpp, lib/client_store.cpp).
#include "iop/audit.hpp"
#include "iop/clients.hpp"
#include "iop/errors.hpp"

#include "temp_database.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using Codes = std::vector<std::string>;

iop::Date ymd(int y, unsigned m, unsigned d) {
  return iop::Date{date::year{y}, date::month{m}, date::day{d}};
}

const iop::Date k_today = ymd(2026, 11, 27);
const iop::Actor k_actor{"alice", "client enroll", iop::Instant{std::chrono::seconds{1'796'000'000}}};

using iop::testing::TempDatabase;

iop::Client enroll(iop::Database& db, const std::string& first, const std::string& last, Codes diagnoses = {}) {
  iop::NewClient c;
  c.first_name = first;
  c.last_name = last;
  c.date_of_birth = "1980-01-01";
  c.timezone = "America/Los_Angeles";
  c.admission_date = "2026-11-02";
  c.diagnoses = std::move(diagnoses);
  return iop::enroll_client(db, k_actor, c, k_today);
}

std::vector<std::int64_t> search(iop::Database& db, const std::string& text) {
  iop::ClientFilter filter;
  filter.status = "all";
  filter.search = text;
  std::vector<std::int64_t> ids;
  for (const auto& c : iop::list_clients(db, filter)) {
    ids.push_back(c.id);
  }
  return ids;
}

} // namespace

TEST_SUITE("clients") {

  TEST_CASE("clients: normalize_sex accepts F, M, X, U in any case and trims") {
    CHECK(iop::normalize_sex("F") == "F");
    CHECK(iop::normalize_sex("m") == "M");
    CHECK(iop::normalize_sex(" x ") == "X");
    CHECK(iop::normalize_sex("u") == "U");
  }

  TEST_CASE("clients: normalize_sex refuses anything else") {
    for (const char* bad : {"", " ", "female", "Q", "FM", "F M", "0"}) {
      CAPTURE(bad);
      CHECK_THROWS_WITH_AS(iop::normalize_sex(bad), doctest::Contains("must be F, M, X or U"), iop::Invalid);
    }
  }

  TEST_CASE("clients: normalize_track accepts mh, sud, dual in any case") {
    CHECK(iop::normalize_track("mh") == "mh");
    CHECK(iop::normalize_track("SUD") == "sud");
    CHECK(iop::normalize_track(" Dual ") == "dual");
  }

  TEST_CASE("clients: normalize_track refuses other tracks") {
    for (const char* bad : {"", "iop", "mh,sud", "m h", "substance"}) {
      CAPTURE(bad);
      CHECK_THROWS_WITH_AS(iop::normalize_track(bad), doctest::Contains("track"), iop::Invalid);
    }
  }

  TEST_CASE("clients: normalize_phone keeps the number as written, trimmed") {
    CHECK(iop::normalize_phone("503-555-0100") == "503-555-0100");
    CHECK(iop::normalize_phone("+1 (503) 555.0100") == "+1 (503) 555.0100");
    CHECK(iop::normalize_phone("  5550100 ") == "5550100");                // 7 digits: the fewest allowed
    CHECK(iop::normalize_phone("+123456789012345") == "+123456789012345"); // 15 digits: the most (E.164)
  }

  TEST_CASE("clients: normalize_phone refuses too few or too many digits, letters and other marks") {
    CHECK_THROWS_WITH_AS(iop::normalize_phone("555-010"), doctest::Contains("7 to 15 digits"), iop::Invalid);
    CHECK_THROWS_WITH_AS(iop::normalize_phone("1234567890123456"), doctest::Contains("7 to 15 digits"), iop::Invalid);
    CHECK_THROWS_WITH_AS(iop::normalize_phone("(+) - ."), doctest::Contains("7 to 15 digits"), iop::Invalid);
    for (const char* bad : {"555-CALL-NOW", "503/555/0100", "5035550100 x12", "503_555_0100"}) {
      CAPTURE(bad);
      CHECK_THROWS_WITH_AS(iop::normalize_phone(bad), doctest::Contains("only digits"), iop::Invalid);
    }
    CHECK_THROWS_AS(iop::normalize_phone(""), iop::Invalid);
    CHECK_THROWS_AS(iop::normalize_phone("503\n5550100"), iop::Invalid);
  }

  TEST_CASE("clients: normalize_diagnoses puts codes in canonical form and keeps the primary first") {
    CHECK(iop::normalize_diagnoses({"f1020", "Z630", " f41.1 ", "F43.10", "F10"}) ==
          Codes{"F10.20", "Z63.0", "F41.1", "F43.10", "F10"});
    CHECK(iop::normalize_diagnoses({"Z630", "F1020"}) == Codes{"Z63.0", "F10.20"});
    CHECK(iop::normalize_diagnoses({}).empty());
    CHECK(iop::normalize_diagnoses({"", "  ", "F10.20", ""}) == Codes{"F10.20"}); // blanks are skipped
  }

  TEST_CASE("clients: normalize_diagnoses refuses a code given twice, even in another spelling") {
    CHECK_THROWS_WITH_AS(iop::normalize_diagnoses({"F10.20", "f1020"}), doctest::Contains("F10.20 is given twice"),
                         iop::Invalid);
  }

  TEST_CASE("clients: normalize_diagnoses refuses malformed codes") {
    for (const char* bad : {"10.20", "F1.020", "F10.", "FF0.20", "F10.20.1", "F10-20", "F10.20123", "F"}) {
      CAPTURE(bad);
      CHECK_THROWS_WITH_AS(iop::normalize_diagnoses({"F41.1", bad}), doctest::Contains("not an ICD-10-CM code"),
                           iop::Invalid);
    }
  }

  TEST_CASE("clients: normalize_diagnoses allows 12 codes, not 13") {
    Codes codes;
    for (int i = 10; i < 22; ++i) {
      codes.push_back("F" + std::to_string(i));
    }
    CHECK(iop::normalize_diagnoses(codes).size() == 12);
    codes.push_back("F30");
    CHECK_THROWS_WITH_AS(iop::normalize_diagnoses(codes), doctest::Contains("at most 12"), iop::Invalid);
  }

  TEST_CASE("clients: check_client_dates accepts the boundaries") {
    CHECK_NOTHROW(iop::check_client_dates(k_today, k_today, k_today));                 // born today, admitted today
    CHECK_NOTHROW(iop::check_client_dates(ymd(1900, 1, 1), ymd(1900, 1, 1), k_today)); // the earliest birth
    CHECK_NOTHROW(iop::check_client_dates(ymd(2000, 2, 29), ymd(2026, 11, 2), k_today));
  }

  TEST_CASE("clients: check_client_dates refuses a birth in the future or before 1900") {
    CHECK_THROWS_WITH_AS(iop::check_client_dates(ymd(2026, 11, 28), ymd(2026, 11, 28), k_today),
                         doctest::Contains("date of birth 2026-11-28 is in the future"), iop::Invalid);
    CHECK_THROWS_WITH_AS(iop::check_client_dates(ymd(1899, 12, 31), ymd(2026, 11, 2), k_today),
                         doctest::Contains("before 1900"), iop::Invalid);
  }

  TEST_CASE("clients: check_client_dates refuses an admission before birth") {
    CHECK_THROWS_WITH_AS(iop::check_client_dates(ymd(1985, 2, 1), ymd(1985, 1, 31), k_today),
                         doctest::Contains("admission date 1985-01-31 is before the date of birth 1985-02-01"),
                         iop::Invalid);
  }

  TEST_CASE("clients: client search ignores case, accents and apostrophes, and treats % and _ literally") {
    TempDatabase t;
    const auto jose = enroll(t.db(), "José", "Núñez").id;
    const auto obrien = enroll(t.db(), "Siobhán", "O'Brien").id;
    const auto oneil = enroll(t.db(), "Liam", "O\xE2\x80\x99Neil").id; // a typographic apostrophe
    const auto percent = enroll(t.db(), "100%", "Sure").id;
    CHECK(search(t.db(), "JOSE") == std::vector<std::int64_t>{jose});
    CHECK(search(t.db(), "nunez") == std::vector<std::int64_t>{jose});
    CHECK(search(t.db(), "obrien") == std::vector<std::int64_t>{obrien});
    CHECK(search(t.db(), "O'BRIEN") == std::vector<std::int64_t>{obrien});
    CHECK(search(t.db(), "oneil") == std::vector<std::int64_t>{oneil});
    CHECK(search(t.db(), "o'neil") == std::vector<std::int64_t>{oneil});
    CHECK(search(t.db(), "%") == std::vector<std::int64_t>{percent});
    CHECK(search(t.db(), "_").empty());
  }

  TEST_CASE("clients: client diagnoses are stored canonical, primary first, and replaced as a whole") {
    TempDatabase t;
    const auto c = enroll(t.db(), "Ana", "Reed", {"z630", "F1020"});
    CHECK(iop::get_client(t.db(), c.id).diagnoses == Codes{"Z63.0", "F10.20"});
    iop::ClientChanges changes;
    changes.diagnoses = Codes{"F41.1"};
    CHECK(iop::update_client(t.db(), k_actor, c.id, changes, k_today).diagnoses == Codes{"F41.1"});
    CHECK(iop::get_client(t.db(), c.id).diagnoses == Codes{"F41.1"});
  }

  TEST_CASE("clients: a client is discharged once, not before admission and not in the future") {
    TempDatabase t;
    const auto id = enroll(t.db(), "Ana", "Reed").id;
    CHECK_THROWS_AS(iop::discharge_client(t.db(), k_actor, id, {"2026-11-01", "completed"}, k_today), iop::Invalid);
    CHECK_THROWS_AS(iop::discharge_client(t.db(), k_actor, id, {"tomorrow", "completed"}, k_today), iop::Invalid);
    CHECK_THROWS_AS(iop::discharge_client(t.db(), k_actor, id, {"today", "bored"}, k_today), iop::Invalid);
    const auto done = iop::discharge_client(t.db(), k_actor, id, {"2026-11-02", " AMA "}, k_today);
    CHECK(done.client.discharge_reason == "ama");
    CHECK(done.client.discharge_date == "2026-11-02");
    CHECK_FALSE(done.ended_couple_id.has_value());
    CHECK_THROWS_AS(iop::discharge_client(t.db(), k_actor, id, {"today", "other"}, k_today), iop::Conflict);
  }

  TEST_CASE("clients: normalize_zip takes 5 or 9 digits, ZIP+4 stored without the hyphen") {
    CHECK(iop::normalize_zip("97201") == "97201");
    CHECK(iop::normalize_zip(" 97201-1234 ") == "972011234");
    CHECK(iop::normalize_zip("972011234") == "972011234");
    for (const char* bad : {"9720", "972012", "97201-123", "9720-11234", "97a01", "97201 1234", ""}) {
      CHECK_THROWS_AS(iop::normalize_zip(bad), iop::Invalid);
    }
    CHECK_THROWS_WITH(iop::normalize_zip("9720"), doctest::Contains("--zip"));
  }

  TEST_CASE("clients: normalize_state takes two letters, upper-cased") {
    CHECK(iop::normalize_state(" or ") == "OR");
    for (const char* bad : {"O", "ORE", "O1", ""}) {
      CHECK_THROWS_WITH_AS(iop::normalize_state(bad), doctest::Contains("--state"), iop::Invalid);
    }
  }

  TEST_CASE("clients: an address is stored whole and canonical, partial or delimited addresses are refused") {
    TempDatabase t;
    iop::NewClient c;
    c.first_name = "Ana";
    c.last_name = "Reed";
    c.date_of_birth = "1980-01-01";
    c.timezone = "America/Los_Angeles";
    c.admission_date = "2026-11-02";
    c.address = "12 Rue Saint-\u00c9tienne";
    c.city = "Portland";
    c.state = "or";
    c.zip = "97201-1234";
    const iop::Client ana = iop::enroll_client(t.db(), k_actor, c, k_today);
    CHECK(*ana.address == "12 Rue Saint-\u00c9tienne");
    CHECK(*ana.state == "OR");
    CHECK(*ana.zip == "972011234");

    c.first_name = "Ben";
    c.zip.reset();
    CHECK_THROWS_WITH_AS(iop::enroll_client(t.db(), k_actor, c, k_today), doctest::Contains("missing --zip"),
                         iop::Invalid);
    c.zip = "97201";
    c.address = "12 Main St*5";
    CHECK_THROWS_WITH_AS(iop::enroll_client(t.db(), k_actor, c, k_today), doctest::Contains("--address"), iop::Invalid);
    c.address = "12 Main St";
    c.city = "Port~land";
    CHECK_THROWS_WITH_AS(iop::enroll_client(t.db(), k_actor, c, k_today), doctest::Contains("--city"), iop::Invalid);
    c.city = std::string(31, 'x');
    CHECK_THROWS_WITH_AS(iop::enroll_client(t.db(), k_actor, c, k_today), doctest::Contains("30"), iop::Invalid);
    c.city = std::string(30, 'x');
    c.address = std::string(56, 'x');
    CHECK_THROWS_WITH_AS(iop::enroll_client(t.db(), k_actor, c, k_today), doctest::Contains("55"), iop::Invalid);
    CHECK(iop::list_clients(t.db(), {"all", std::nullopt, std::nullopt}).size() == 1);
  }

  TEST_CASE("clients: an update must leave the address complete or empty") {
    TempDatabase t;
    const iop::Client ana = enroll(t.db(), "Ana", "Reed");
    CHECK_FALSE(ana.address.has_value());
    iop::ClientChanges half;
    half.address = "12 Main St";
    half.city = "Portland";
    CHECK_THROWS_WITH_AS(iop::update_client(t.db(), k_actor, ana.id, half, k_today),
                         doctest::Contains("missing --state, --zip"), iop::Invalid);
    CHECK_FALSE(iop::get_client(t.db(), ana.id).address.has_value());
    half.state = "OR";
    half.zip = "97201";
    const iop::Client done = iop::update_client(t.db(), k_actor, ana.id, half, k_today);
    CHECK(*done.address == "12 Main St");
    CHECK(*done.zip == "97201");
    iop::ClientChanges zip_only;
    zip_only.zip = "97202";
    CHECK(*iop::update_client(t.db(), k_actor, ana.id, zip_only, k_today).zip == "97202");
    iop::ClientChanges clear_city;
    clear_city.city = "";
    CHECK_THROWS_WITH_AS(iop::update_client(t.db(), k_actor, ana.id, clear_city, k_today),
                         doctest::Contains("missing --city"), iop::Invalid);
    iop::ClientChanges clear_all;
    clear_all.address = clear_all.city = clear_all.state = clear_all.zip = "";
    const iop::Client cleared = iop::update_client(t.db(), k_actor, ana.id, clear_all, k_today);
    CHECK_FALSE(cleared.address.has_value());
    CHECK_FALSE(cleared.zip.has_value());
  }

} // TEST_SUITE
