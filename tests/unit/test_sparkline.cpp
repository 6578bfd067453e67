// The terminal sparkline (lib/sparkline.cpp): scaled over the range it is given.
#include "iop/sparkline.hpp"

#include <doctest/doctest.h>

#include <limits>

using iop::sparkline;

TEST_SUITE("sparkline") {

  TEST_CASE("sparkline: the range's minimum is the lowest block and its maximum the highest") {
    CHECK(sparkline({0}, 0, 27) == "▁");
    CHECK(sparkline({27}, 0, 27) == "█");
    CHECK(sparkline({1, 5}, 1, 5) == "▁█");
  }

  TEST_CASE("sparkline: empty input gives an empty line") {
    CHECK(sparkline({}, 0, 27).empty());
  }

  TEST_CASE("sparkline: one block per value, rising evenly over the range") {
    CHECK(sparkline({0, 1, 2, 3, 4, 5, 6, 7}, 0, 7) == "▁▂▃▄▅▆▇█");
    CHECK(sparkline({7, 6, 5, 4, 3, 2, 1, 0}, 0, 7) == "█▇▆▅▄▃▂▁");
  }

  TEST_CASE("sparkline: scaled over the given range, not the data's min and max") {
    // 10 and 11 of 27 are both about 40% up: the same middling block, not ▁ and █.
    CHECK(sparkline({10, 11}, 0, 27) == "▄▄");
    // A flat line stays at its level: 3 of 1–5 is halfway, level 3.5 of 0–7, rounded up.
    CHECK(sparkline({3, 3, 3}, 1, 5) == "▅▅▅");
  }

  TEST_CASE("sparkline: values outside the range are clamped; a degenerate range stays flat") {
    CHECK(sparkline({-3, 30}, 0, 27) == "▁█");
    CHECK(sparkline({1, 2}, 5, 5) == "▁▁");
    CHECK(sparkline({std::numeric_limits<double>::quiet_NaN()}, 0, 27) == "▁");
  }
}
