// Trimming, text checks, accent-insensitive folding and LIKE escaping (lib/text.cpp).
#include "iop/errors.hpp"
#include "iop/text.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_SUITE("text") {

  TEST_CASE("trim removes surrounding white space only") {
    CHECK(iop::trim("  Ana Reed \t\r\n") == "Ana Reed");
    CHECK(iop::trim("Ana  Reed") == "Ana  Reed");
    CHECK(iop::trim("") == "");
    CHECK(iop::trim(" \t\n ") == "");
    CHECK(iop::trim("\vx\f") == "x");
    CHECK(iop::trim("José ") == "José"); // a multi-byte last character is not cut
  }

  TEST_CASE("require_text trims and keeps the text as given") {
    CHECK(iop::require_text("  Siobhán O'Brien  ", "name") == "Siobhán O'Brien");
    CHECK(iop::require_text("D'Angelo-Núñez", "name") == "D'Angelo-Núñez");
    CHECK(iop::require_text("Robert'); DROP TABLE clients;--", "name") == "Robert'); DROP TABLE clients;--");
    CHECK(iop::require_text("東京 太郎", "name") == "東京 太郎");
  }

  TEST_CASE("require_text refuses empty text, naming the field") {
    CHECK_THROWS_WITH_AS(iop::require_text("", "last name"), doctest::Contains("last name must not be empty"),
                         iop::Invalid);
    CHECK_THROWS_WITH_AS(iop::require_text(" \t ", "first name"), doctest::Contains("first name"), iop::Invalid);
  }

  TEST_CASE("require_text refuses control characters") {
    for (const std::string& bad : {std::string("Ana\nReed"), std::string("Ana\tReed"), std::string("Ana\x1b[31m"),
                                   std::string("Ana\x7f"), std::string("Ana\0Reed", 8), std::string("A\rB")}) {
      CAPTURE(bad);
      CHECK_THROWS_WITH_AS(iop::require_text(bad, "name"), doctest::Contains("control characters"), iop::Invalid);
    }
  }

  TEST_CASE("require_text refuses invalid UTF-8") {
    for (const std::string& bad : {std::string("Jos\xe9"),          // Latin-1 é
                                   std::string("\xc3"),             // cut short
                                   std::string("\xc3(x"),           // bad continuation
                                   std::string("\xc0\xaf"),         // overlong '/'
                                   std::string("\xed\xa0\x80"),     // UTF-16 surrogate
                                   std::string("\xf4\x90\x80\x80"), // above U+10FFFF
                                   std::string("\xff"), std::string("a\x80")}) {
      CAPTURE(bad);
      CHECK_FALSE(iop::is_valid_utf8(bad));
      CHECK_THROWS_WITH_AS(iop::require_text(bad, "name"), doctest::Contains("UTF-8"), iop::Invalid);
    }
    CHECK(iop::is_valid_utf8("José \xf0\x9f\x98\x80")); // 4-byte emoji at the very end
  }

  TEST_CASE("require_text limits the length in bytes, after trimming") {
    CHECK(iop::require_text(std::string(200, 'a'), "name").size() == 200);
    CHECK(iop::require_text("  " + std::string(200, 'a') + "  ", "name").size() == 200);
    CHECK_THROWS_WITH_AS(iop::require_text(std::string(201, 'a'), "name"), doctest::Contains("too long"), iop::Invalid);
    CHECK_NOTHROW(iop::require_text(std::string(40, 'x'), "credential", 40));
    CHECK_THROWS_AS(iop::require_text(std::string(41, 'x'), "credential", 40), iop::Invalid);
    // 100 two-byte letters are 200 bytes; 101 are too many.
    std::string n;
    for (int i = 0; i < 101; ++i) {
      n += "ñ";
    }
    CHECK_THROWS_AS(iop::require_text(n, "name"), iop::Invalid);
    CHECK_NOTHROW(iop::require_text(n.substr(2), "name"));
  }

  TEST_CASE("fold_for_search lower-cases and strips Latin accents") {
    CHECK(iop::fold_for_search("José") == "jose");
    CHECK(iop::fold_for_search("ÑÚÑEZ") == "nunez");
    CHECK(iop::fold_for_search("Łódź") == "lodz");
    CHECK(iop::fold_for_search("Ærø") == "aero");
    CHECK(iop::fold_for_search("Straße") == "strasse");
    CHECK(iop::fold_for_search("Þórr") == "thorr");
    CHECK(iop::fold_for_search("Dvořák") == "dvorak");
    CHECK(iop::fold_for_search("O'Brien") == "obrien");
    CHECK(iop::fold_for_search("O\xE2\x80\x99Neil") == "oneil"); // typographic apostrophe
    CHECK(iop::fold_for_search("Şükrü Çelik") == "sukru celik");
    CHECK(iop::fold_for_search("Ÿ") == "y");
    CHECK(iop::fold_for_search("Siobhán O'Brien") == "siobhan obrien");
    // Ligatures fold to both letters, like Æ and ß.
    CHECK(iop::fold_for_search("Œuvre") == "oeuvre");
    CHECK(iop::fold_for_search("Ĳssel") == "ijssel");
  }

  TEST_CASE("fold_for_search keeps non-Latin text as it is") {
    CHECK(iop::fold_for_search("Иван") == "Иван");
    CHECK(iop::fold_for_search("東京") == "東京");
    CHECK(iop::fold_for_search("Ana Иван") == "ana Иван");
    CHECK(iop::fold_for_search("5 × 3") == "5 × 3"); // U+00D7 is not a letter
  }

  TEST_CASE("fold_for_search skips bytes that are not UTF-8 rather than failing") {
    CHECK(iop::fold_for_search(std::string("Jos\xe9")) == "jos");
    CHECK(iop::fold_for_search(std::string("a\xff") + "B") == "ab");
  }

  TEST_CASE("escape_like escapes the LIKE wildcards and the escape character") {
    CHECK(iop::escape_like("Ana") == "Ana");
    CHECK(iop::escape_like("50%") == "50\\%");
    CHECK(iop::escape_like("a_b") == "a\\_b");
    CHECK(iop::escape_like("c:\\x") == "c:\\\\x");
    CHECK(iop::escape_like("%_\\") == "\\%\\_\\\\");
  }

} // TEST_SUITE
