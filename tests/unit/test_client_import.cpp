// Client import (lib/client_import.cpp, lib/import_header.cpp): header mapping, every row checked
// like `client enroll`, all or nothing in one transaction.
#include "iop/audit.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/errors.hpp"
#include "iop/imports.hpp"

#include "temp_database.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <sstream>
#include <string>

namespace {

const iop::Date k_today{date::year{2026}, date::November, date::day{27}};
const iop::Actor k_actor{"alice", "client import", iop::Instant{std::chrono::seconds{1'796'000'000}}};

using iop::testing::TempDatabase;

iop::ImportResult run(iop::Database& db, const std::string& text, bool dry_run = false, bool allow_dup = false) {
  std::istringstream in(text);
  iop::CsvReader csv(in, "c.csv");
  iop::ImportOptions options;
  options.dry_run = dry_run;
  options.allow_duplicate = allow_dup;
  options.default_timezone = "America/Los_Angeles";
  return iop::import_clients(db, k_actor, csv, options, k_today);
}

std::string header_error(const std::string& text) {
  TempDatabase t;
  try {
    run(t.db(), text);
  } catch (const iop::Invalid& e) {
    return e.what();
  }
  return "";
}

std::size_t count_clients(iop::Database& db) {
  return iop::list_clients(db, iop::ClientFilter{"all", std::nullopt, std::nullopt}).size();
}

// The message of the only problem of a one-row file.
std::string row_problem(const std::string& header, const std::string& row) {
  TempDatabase t;
  const auto r = run(t.db(), header + "\n" + row + "\n");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].line == 2);
  CHECK(count_clients(t.db()) == 0);
  return r.problems[0].message;
}

} // namespace

TEST_CASE("client import: columns in any order, any case, by alias; values stored like enroll") {
  TempDatabase t;
  iop::NewClinician dana{"Dana Reyes", "LMFT", std::string("1234567893"), {"individual"}, "America/Los_Angeles", {}};
  const auto clinician = iop::add_clinician(t.db(), k_actor, dana);
  const auto r = run(t.db(), "Diagnosis,DOB,Last Name,first,Street,City,State,Postal-Code,TZ,Track,Clinician,Admitted,"
                             "Sex,Phone,E-Mail\n"
                             "\"F10.20; F41.1\",1985-02-01,O'Brien-Núñez,Zoë,\"12 Main St\nApt 4\",Portland,or,"
                             "97201-1234,America/New_York,DUAL,1234567893,2026-11-02,f,503 555 0100,zoe@example.org\n"
                             "f33.1,1990-05-06,Núñez,José,,,,,,,Dana Reyes,,,,\n");
  REQUIRE(r.problems.empty());
  REQUIRE(r.ids.size() == 2);
  const iop::Client z = iop::get_client(t.db(), r.ids[0]);
  CHECK(z.full_name() == "Zoë O'Brien-Núñez");
  CHECK(z.diagnoses == std::vector<std::string>{"F10.20", "F41.1"});
  CHECK(z.address == "12 Main St, Apt 4");
  CHECK(z.state == "OR");
  CHECK(z.zip == "972011234");
  CHECK(z.timezone == "America/New_York");
  CHECK(z.track == "dual");
  CHECK(z.sex == "F");
  CHECK(z.clinician_id == clinician.id);
  CHECK(z.email == "zoe@example.org");
  const iop::Client j = iop::get_client(t.db(), r.ids[1]);
  CHECK(j.clinician_id == clinician.id);
  CHECK(j.admission_date == "2026-11-27");
  CHECK((j.timezone == "America/Los_Angeles" && j.track == "mh" && j.sex == "U" && !j.address));
  const auto audit = iop::audit_entries(t.db(), iop::AuditFilter{0, std::string("client"), std::nullopt});
  CHECK(audit.size() == 2);
}

TEST_CASE("client import: unknown, repeated and missing columns are refused naming them") {
  const std::string unknown = header_error("first,last,dob,shoe_size,Favourite Color\nA,B,1980-01-01,9,red\n");
  CHECK(unknown.find("c.csv:1: unknown columns 'shoe_size', 'Favourite Color'") == 0);
  CHECK(header_error("first,last\nA,B\n") == "c.csv:1: the header row lacks the required column(s) date_of_birth");
  CHECK(header_error("first,first_name,last,dob\n").find("column first_name is given twice") != std::string::npos);
  CHECK(header_error("") == "c.csv: the file is empty");
  TempDatabase t;
  try {
    run(t.db(), "x\n");
    FAIL("an unknown column was accepted");
  } catch (const iop::Invalid& e) {
    CHECK(std::string(e.hint()).find("first_name, first") != std::string::npos);
  }
}

TEST_CASE("client import: each rule of enroll refuses the row with its reason") {
  const std::string h = "first,last,dob,admit,sex,track,phone,email,tz,zip,diagnoses,clinician";
  CHECK(row_problem(h, ",Reed,1985-02-01,,,,,,,,,") == "first name must not be empty");
  CHECK(row_problem(h, "Ana,Reed,1985-13-01,,,,,,,,,").find("date of birth") != std::string::npos);
  CHECK(row_problem(h, "Ana,Reed,2030-01-01,,,,,,,,,") == "date of birth 2030-01-01 is in the future");
  CHECK(row_problem(h, "Ana,Reed,1985-02-01,1980-01-01,,,,,,,,").find("before the date of birth") != std::string::npos);
  CHECK(row_problem(h, "Ana,Reed,1985-02-01,,Q,,,,,,,").find("sex 'Q'") == 0);
  CHECK(row_problem(h, "Ana,Reed,1985-02-01,,,rehab,,,,,,").find("track 'rehab'") == 0);
  CHECK(row_problem(h, "Ana,Reed,1985-02-01,,,,12,,,,,").find("phone") != std::string::npos);
  CHECK(row_problem(h, "Ana,Reed,1985-02-01,,,,,not-an-email,,,,") == "'not-an-email' is not an email address");
  CHECK(row_problem(h, "Ana,Reed,1985-02-01,,,,,,Mars/Olympus,,,").find("Mars/Olympus") != std::string::npos);
  CHECK(row_problem(h, "Ana,Reed,1985-02-01,,,,,,,97201,,").find("postal address is incomplete") != std::string::npos);
  CHECK(row_problem(h, "Ana,Reed,1985-02-01,,,,,,,,ZZZ,").find("ZZZ") != std::string::npos);
  CHECK(row_problem(h, "Ana,Reed,1985-02-01,,,,,,,,,42").find("no clinician '42'") == 0);
  CHECK(row_problem(h, "Ana,Reed,1985-02-01,,,,,,,,,,extra") == "the row has 13 cells; the header has 12");
  CHECK(row_problem(h, "Ana,Reed") == "the row has 2 cells; the header has 12");
  CHECK(row_problem(h, "\"Ana\nMaria\",Reed,1985-02-01,,,,,,,,,").find("control characters") != std::string::npos);
}

TEST_CASE("client import: all or nothing, every bad row reported with its start line") {
  TempDatabase t;
  const auto r = run(t.db(), "first,last,dob,address,city,state,zip\n"
                             "Ana,Reed,1985-02-01,\"1 Elm\nUnit 2\",Salem,OR,97301\n"
                             "Ben,Reed,bad,,,,\n"
                             "Cy,Ito,1970-01-01,,,,\n"
                             "\"Dee\",\"\",1970-01-01,,,,\n");
  CHECK(r.rows == 4);
  CHECK(r.ids.empty());
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].line == 4);
  CHECK(r.problems[1].line == 6);
  CHECK(r.problems[1].message == "last name must not be empty");
  CHECK(count_clients(t.db()) == 0);
  CHECK(iop::audit_entries(t.db(), iop::AuditFilter{}).empty());
}

TEST_CASE("client import: duplicates of an enrolled client or an earlier row, unless allowed") {
  TempDatabase t;
  iop::NewClient ana;
  ana.first_name = "Ana";
  ana.last_name = "Reed";
  ana.date_of_birth = "1985-02-01";
  ana.timezone = "UTC";
  const auto existing = iop::enroll_client(t.db(), k_actor, ana, k_today);
  const std::string file = "first,last,dob\nana,REED,1985-02-01\nBen,Ito,1970-01-01\nben,ito,1970-01-01\n";
  const auto r = run(t.db(), file);
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].message == "a client named ana REED born 1985-02-01 is already enrolled (client " +
                                     std::to_string(existing.id) + "); --allow-duplicate imports it anyway");
  CHECK(r.problems[1].line == 4);
  CHECK(r.problems[1].message == "ben ito born 1970-01-01 is also on line 3; --allow-duplicate imports both");
  CHECK(count_clients(t.db()) == 1);
  const auto allowed = run(t.db(), file, false, true);
  CHECK(allowed.problems.empty());
  CHECK(allowed.ids.size() == 3);
  CHECK(count_clients(t.db()) == 4);
}

TEST_CASE("client import: a dry run checks everything and stores nothing") {
  TempDatabase t;
  const auto r = run(t.db(), "first,last,dob\nAna,Reed,1985-02-01\nBen,Ito,1970-01-01\n", true);
  CHECK(r.problems.empty());
  CHECK(r.rows == 2);
  CHECK(r.ids.empty());
  CHECK(count_clients(t.db()) == 0);
}

TEST_CASE("client import: an inactive clinician is refused") {
  TempDatabase t;
  const auto sam = iop::add_clinician(t.db(), k_actor, {"Sam Ito", "LADC", std::nullopt, {"group"}, "UTC", {}});
  iop::deactivate_clinician(t.db(), k_actor, sam.id);
  const auto r = run(t.db(), "first,last,dob,clinician\nAna,Reed,1985-02-01,Sam Ito\n");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].message == "clinician " + std::to_string(sam.id) + " (Sam Ito, LADC) is inactive");
}
