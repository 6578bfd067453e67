// RFC 4180 cells and rows, and formula injection (lib/csv.cpp).
#include "iop/csv.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_SUITE("csv") {

  TEST_CASE("plain cells are written as they are") {
    CHECK(iop::csv_cell("Ana Reed") == "Ana Reed");
    CHECK(iop::csv_cell("") == "");
    CHECK(iop::csv_cell("O'Brien") == "O'Brien");
    CHECK(iop::csv_cell("José Núñez") == "José Núñez");
    CHECK(iop::csv_cell("90834") == "90834");
    CHECK(iop::csv_cell("a=b") == "a=b"); // only a leading = is a formula
  }

  TEST_CASE("commas, quotes and line breaks are quoted, quotes doubled") {
    CHECK(iop::csv_cell("Reed, Ana") == "\"Reed, Ana\"");
    CHECK(iop::csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(iop::csv_cell("\"") == "\"\"\"\"");
    CHECK(iop::csv_cell("line one\nline two") == "\"line one\nline two\"");
    CHECK(iop::csv_cell("a\r\nb") == "\"a\r\nb\"");
  }

  TEST_CASE("cells a spreadsheet would run as a formula are made inert") {
    CHECK(iop::csv_cell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
    CHECK(iop::csv_cell("=1+2") == "'=1+2");
    CHECK(iop::csv_cell("+1 503 555 0142") == "'+1 503 555 0142");
    CHECK(iop::csv_cell("-2+3") == "'-2+3");
    CHECK(iop::csv_cell("-2.") == "'-2.");
    CHECK(iop::csv_cell("--2") == "'--2");
    CHECK(iop::csv_cell("-") == "'-");
    CHECK(iop::csv_cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(iop::csv_cell("\tx") == "'\tx");
    CHECK(iop::csv_cell("\r=x") == "\"'\r=x\"");
    // Made inert and quoted when it also holds a comma: the ' sits inside the quotes.
    CHECK(iop::csv_cell("=cmd|' /C calc'!A0,x") == "\"'=cmd|' /C calc'!A0,x\"");
  }

  TEST_CASE("plain signed numbers stay numbers (a score change of -7 is not a formula)") {
    CHECK(iop::csv_cell("-7") == "-7");
    CHECK(iop::csv_cell("+5") == "+5");
    CHECK(iop::csv_cell("-0.25") == "-0.25");
  }

  TEST_CASE("rows are joined with commas and end with CRLF") {
    CHECK(iop::csv_row({"id", "name"}) == "id,name\r\n");
    CHECK(iop::csv_row({"1", "Reed, Ana", "=x", ""}) == "1,\"Reed, Ana\",'=x,\r\n");
    CHECK(iop::csv_row({"", ""}) == ",\r\n");
  }

} // TEST_SUITE
