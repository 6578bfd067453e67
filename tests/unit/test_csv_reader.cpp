// CsvReader (lib/csv_reader.cpp): libcsv parsing with physical line numbers, BOM, CRLF, blank
// lines, and strict errors that name the line.
#include "iop/csv_reader.hpp"
#include "iop/errors.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

namespace {

using Fields = std::vector<std::string>;

std::vector<iop::CsvRecord> read_all(const std::string& text) {
  std::istringstream in(text);
  iop::CsvReader csv(in, "t.csv");
  std::vector<iop::CsvRecord> out;
  while (auto r = csv.next()) {
    out.push_back(std::move(*r));
  }
  return out;
}

std::string error_of(const std::string& text) {
  try {
    read_all(text);
  } catch (const iop::Invalid& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST_CASE("csv reader: quoted fields, doubled quotes and embedded commas") {
  const auto r = read_all("a,b,c\n\"Núñez, José\",\"say \"\"hi\"\"\",plain\n");
  REQUIRE(r.size() == 2);
  CHECK(r[0].fields == Fields{"a", "b", "c"});
  CHECK(r[1].fields == Fields{"Núñez, José", "say \"hi\"", "plain"});
  CHECK(r[1].line == 2);
}

TEST_CASE("csv reader: a field with newlines keeps them and later records keep their physical line") {
  const auto r = read_all("h1,h2\n\"one\ntwo\nthree\",x\nnext,y\n\"a\",\"b\nc\"\nlast,z");
  REQUIRE(r.size() == 5);
  CHECK(r[1].fields == Fields{"one\ntwo\nthree", "x"});
  CHECK(r[1].line == 2);
  CHECK(r[2].line == 5);
  CHECK(r[3].line == 6);
  CHECK(r[3].fields == Fields{"a", "b\nc"});
  CHECK(r[4].line == 8);
  CHECK(r[4].fields == Fields{"last", "z"});
  CHECK(read_all("h\n\"x\ny\"\nlast").back().line == 4);
}

TEST_CASE("csv reader: CRLF, a BOM and blank lines") {
  const auto r = read_all("\xEF\xBB\xBF"
                          "first,last\r\n\r\nAna,Reed\r\n  \r\n,\r\nBen,Ito\r\n\r\n");
  REQUIRE(r.size() == 3);
  CHECK(r[0].fields == Fields{"first", "last"});
  CHECK(r[1].fields == Fields{"Ana", "Reed"});
  CHECK(r[1].line == 3);
  CHECK(r[2].fields == Fields{"Ben", "Ito"});
  CHECK(r[2].line == 6);
  CHECK(read_all("").empty());
}

TEST_CASE("csv reader: an unterminated quote names the line where the field started") {
  CHECK(error_of("a,b\nx,y\nz,\"never\nclosed\nat all\n") ==
        "t.csv:3: a quoted field starts here and is never closed (a quote inside a field must be doubled: \"\")");
  CHECK(error_of("a,b\n\"ok\nstill\",\"open\n").rfind("t.csv:3:", 0) == 0);
}

TEST_CASE("csv reader: a stray quote and invalid UTF-8 are errors with their line") {
  CHECK(error_of("a,b\nx,y\"z\n").rfind("t.csv:2: malformed field", 0) == 0);
  CHECK(error_of("a,b\n\"x\"y,z\n").rfind("t.csv:2: malformed field", 0) == 0);
  CHECK(error_of("a,b\nx,y\nJos\xE9,z\n") == "t.csv:3: not valid UTF-8 (save the file as UTF-8)");
}

TEST_CASE("csv reader: a missing file or a folder is a clear error") {
  CHECK_THROWS_WITH_AS(iop::CsvReader("/nonexistent/clients.csv"),
                       "cannot open /nonexistent/clients.csv: No such file or directory", iop::Invalid);
  CHECK_THROWS_WITH_AS(iop::CsvReader("/tmp"), "cannot read /tmp: it is a folder", iop::Invalid);
}
