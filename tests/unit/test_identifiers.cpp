// NPI check digits and ICD-10-CM code shapes (lib/identifiers.cpp).
#include "iop/errors.hpp"
#include "iop/identifiers.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>

TEST_SUITE("identifiers") {

  // How the valid NPIs below were computed by hand (DOMAIN.md, Identifiers): take the first nine
  // digits; from the rightmost, double every other digit and add the digits of each product; add the
  // other digits and 24 (the 80840 prefix); check = (10 - sum mod 10) mod 10.
  //   123456789: doubled 9,7,5,3,1 -> 18,14,10,6,2 -> 9+5+1+6+2 = 23; others 8+6+4+2 = 20;
  //              23 + 20 + 24 = 67 -> check 3 -> 1234567893 (the published example).
  //   100000000: doubled 0,0,0,0,1 -> 2; others 0; 2 + 24 = 26 -> check 4 -> 1000000004.
  //   200000000: doubled ...,2 -> 4; 4 + 24 = 28 -> check 2 -> 2000000002.
  //   111111111: doubled five 1s -> 10; others four 1s -> 4; 10 + 4 + 24 = 38 -> check 2 -> 1111111112.
  //   198765432: doubled 2,4,6,8,1 -> 4,8,12->3,16->7,2 = 24; others 3+5+7+9 = 24;
  //              24 + 24 + 24 = 72 -> check 8 -> 1987654328.
  TEST_CASE("valid NPIs pass") {
    for (const char* npi : {"1234567893", "1000000004", "2000000002", "1111111112", "1987654328"}) {
      CAPTURE(npi);
      CHECK(iop::is_valid_npi(npi));
      CHECK_NOTHROW(iop::require_valid_npi(npi));
    }
  }

  TEST_CASE("a wrong check digit fails, whichever digit is wrong") {
    // Any last digit but the computed one is wrong.
    const std::pair<std::string, char> valid[] = {{"123456789", '3'}, {"100000000", '4'}, {"198765432", '8'}};
    for (const auto& [base, good] : valid) {
      for (char d = '0'; d <= '9'; ++d) {
        if (d != good) {
          CAPTURE(base + d);
          CHECK_FALSE(iop::is_valid_npi(base + d));
        }
      }
    }
    // A single-digit typo in the body changes the check digit; two swapped neighbours too.
    CHECK_FALSE(iop::is_valid_npi("1234567793"));
    CHECK_FALSE(iop::is_valid_npi("1234576893"));
    CHECK_THROWS_WITH_AS(iop::require_valid_npi("1234567890"), doctest::Contains("check-digit"), iop::Invalid);
  }

  TEST_CASE("NPIs of the wrong shape fail with a message saying why") {
    CHECK_FALSE(iop::is_valid_npi("123456789"));   // 9 digits
    CHECK_FALSE(iop::is_valid_npi("12345678930")); // 11 digits
    CHECK_FALSE(iop::is_valid_npi(""));
    CHECK_FALSE(iop::is_valid_npi("12345678A3"));
    CHECK_FALSE(iop::is_valid_npi("1234-67893"));
    CHECK_FALSE(iop::is_valid_npi(" 234567893"));
    // Passes the check digit but starts with 3, so only the first-digit rule refuses it:
    // 300000000: doubled ...,3 -> 6; 6 + 24 = 30 -> check 0 -> 3000000000.
    CHECK_FALSE(iop::is_valid_npi("3000000000"));
    CHECK_THROWS_WITH_AS(iop::require_valid_npi("3000000000"), doctest::Contains("start with 1 or 2"), iop::Invalid);
    CHECK_THROWS_WITH_AS(iop::require_valid_npi("123456789"), doctest::Contains("10 digits"), iop::Invalid);
    CHECK_THROWS_WITH_AS(iop::require_valid_npi("12345678930"), doctest::Contains("10 digits"), iop::Invalid);
    CHECK_THROWS_WITH_AS(iop::require_valid_npi("12345678A3"), doctest::Contains("digits only"), iop::Invalid);
  }

  TEST_CASE("canonical_icd10 upper-cases and puts the dot after the third character") {
    CHECK(iop::canonical_icd10("F10.20") == "F10.20");
    CHECK(iop::canonical_icd10("f1020") == "F10.20");
    CHECK(iop::canonical_icd10("f10.20") == "F10.20");
    CHECK(iop::canonical_icd10("Z630") == "Z63.0");
    CHECK(iop::canonical_icd10("Z63.0") == "Z63.0");
    CHECK(iop::canonical_icd10("F43.10") == "F43.10");
    CHECK(iop::canonical_icd10("F4310") == "F43.10");
    CHECK(iop::canonical_icd10("F41.1") == "F41.1");
    CHECK(iop::canonical_icd10("t7432xa") == "T74.32XA"); // 7 characters, letters after the dot
  }

  TEST_CASE("three-character codes have no dot") {
    CHECK(iop::canonical_icd10("F10") == "F10");
    CHECK(iop::canonical_icd10("f32") == "F32");
    CHECK(iop::canonical_icd10("F3A") == "F3A"); // the third character may be a letter
  }

  TEST_CASE("codes of the wrong shape are refused") {
    for (const char* bad : {"1F0", // must start with a letter
                            "FF0", // second must be a digit
                            "F1",  // too short
                            "F", "",
                            "F10.",     // dot with nothing after it
                            "F10.20.1", // two dots
                            "F10..2",
                            "F1.020", // dot in the wrong place
                            ".F1020",
                            "F10.12345", // five after the dot: 8 characters
                            "F1012345", "F10-20", "F10.2!",
                            // Not trimmed: the library takes the code as given (callers trim input).
                            " F10.20", "F10.20 "}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(iop::canonical_icd10(bad), iop::Invalid);
    }
    CHECK_THROWS_WITH(iop::canonical_icd10("F10.20.1"), doctest::Contains("not an ICD-10-CM code"));
  }

  TEST_CASE("icd10_without_dot drops the dot only") {
    CHECK(iop::icd10_without_dot("F10.20") == "F1020");
    CHECK(iop::icd10_without_dot("Z63.0") == "Z630");
    CHECK(iop::icd10_without_dot("F10") == "F10");
    CHECK(iop::icd10_without_dot(iop::canonical_icd10("t74.32xa")) == "T7432XA");
  }

} // TEST_SUITE
