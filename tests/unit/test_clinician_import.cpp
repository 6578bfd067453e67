// Clinician import (lib/clinician_import.cpp): rows checked like `clinician add`, NPIs unique
// against the database and the file, all or nothing.
#include "iop/audit.hpp"
#include "iop/clinicians.hpp"
#include "iop/errors.hpp"
#include "iop/imports.hpp"

#include "temp_database.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <sstream>
#include <string>

namespace {

const iop::Actor k_actor{"alice", "clinician import", iop::Instant{std::chrono::seconds{1'796'000'000}}};

using iop::testing::TempDatabase;

iop::ImportResult run(iop::Database& db, const std::string& text, bool dry_run = false) {
  std::istringstream in(text);
  iop::CsvReader csv(in, "staff.csv");
  iop::ImportOptions options;
  options.dry_run = dry_run;
  options.default_timezone = "America/Los_Angeles";
  return iop::import_clinicians(db, k_actor, csv, options);
}

std::size_t count(iop::Database& db) {
  return iop::list_clinicians(db, iop::ClinicianFilter{true, std::nullopt}).size();
}

} // namespace

TEST_CASE("clinician import: columns by alias, roles separated by ; or ,") {
  TempDatabase t;
  const auto r = run(t.db(), "Role,Credential,Full Name,NPI,Time Zone,E-mail\n"
                             "\"couples; Individual\",LMFT,Zoë O'Brien-Núñez,1234567893,America/New_York,zoe@x.org\n"
                             "group,LADC,Sam Ito,,,\n");
  REQUIRE(r.problems.empty());
  REQUIRE(r.ids.size() == 2);
  const auto z = iop::get_clinician(t.db(), r.ids[0]);
  CHECK(z.name == "Zoë O'Brien-Núñez");
  CHECK(z.roles == std::vector<std::string>{"individual", "couples"});
  CHECK(z.npi == "1234567893");
  CHECK(z.timezone == "America/New_York");
  CHECK(z.email == "zoe@x.org");
  const auto s = iop::get_clinician(t.db(), r.ids[1]);
  CHECK((s.timezone == "America/Los_Angeles" && !s.npi && !s.email));
  CHECK(iop::audit_entries(t.db(), iop::AuditFilter{0, std::string("clinician"), std::nullopt}).size() == 2);
}

TEST_CASE("clinician import: each rule of add refuses its row; nothing is stored") {
  TempDatabase t;
  iop::add_clinician(t.db(), k_actor, {"Dana Reyes", "LMFT", std::string("1234567893"), {}, "UTC", {}});
  const auto r = run(t.db(), "name,credential,npi,roles,tz,email\n"
                             "Ok Person,LCSW,,individual,,\n"
                             "Bad Npi,LCSW,1234567890,,,\n"
                             "Taken Npi,LCSW,1234567893,,,\n"
                             ",LCSW,,,,\n"
                             "Bad Role,LCSW,,surgeon,,\n"
                             "Bad Cred,L*CSW,,,,\n"
                             "Bad Zone,LCSW,,,Nowhere/Town,\n"
                             "Bad Mail,LCSW,,,,nope\n");
  CHECK(r.rows == 8);
  CHECK(r.ids.empty());
  REQUIRE(r.problems.size() == 7);
  CHECK(r.problems[0].line == 3);
  CHECK(r.problems[0].message.find("NPI") != std::string::npos);
  CHECK(r.problems[1].message.find("already belongs to clinician 1") != std::string::npos);
  CHECK(r.problems[2].message == "name must not be empty");
  CHECK(r.problems[3].message == "unknown role 'surgeon'");
  CHECK(r.problems[4].message.find("credential 'L*CSW'") == 0);
  CHECK(r.problems[5].message.find("Nowhere/Town") != std::string::npos);
  CHECK(r.problems[6].message == "'nope' is not an email address");
  CHECK(count(t.db()) == 1);
}

TEST_CASE("clinician import: the same NPI twice in the file names the earlier line") {
  TempDatabase t;
  const auto r = run(t.db(), "name,credential,npi\nA B,MD,1234567893\n\"C\nD\",MD,\nE F,MD,1234567893\n");
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].line == 3);
  CHECK(r.problems[1].line == 5);
  CHECK(r.problems[1].message == "NPI 1234567893 is also on line 2");
  CHECK(count(t.db()) == 0);
}

TEST_CASE("clinician import: missing required columns and dry run") {
  TempDatabase t;
  CHECK_THROWS_WITH_AS(run(t.db(), "name,npi\nA,1234567893\n"),
                       "staff.csv:1: the header row lacks the required column(s) credential", iop::Invalid);
  const auto r = run(t.db(), "name,credential\nA B,MD\n", true);
  CHECK((r.problems.empty() && r.rows == 1 && r.ids.empty()));
  CHECK(count(t.db()) == 0);
}
