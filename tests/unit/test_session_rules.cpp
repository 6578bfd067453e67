#include "iop/errors.hpp"
#include "iop/sessions.hpp"

#include <doctest/doctest.h>

using namespace iop;

namespace {
Instant t(int minutes) {
  return Instant{std::chrono::minutes{minutes}};
}
} // namespace

TEST_CASE("sessions overlap when they share any minute; back to back is fine") {
  CHECK(overlaps(t(0), t(60), t(30), t(90)));
  CHECK(overlaps(t(30), t(90), t(0), t(60)));
  CHECK(overlaps(t(0), t(120), t(30), t(60))); // one inside the other
  CHECK(overlaps(t(30), t(60), t(0), t(120)));
  CHECK(overlaps(t(0), t(60), t(0), t(60)));        // the same slot
  CHECK_FALSE(overlaps(t(0), t(60), t(60), t(90))); // back to back
  CHECK_FALSE(overlaps(t(60), t(90), t(0), t(60)));
  CHECK_FALSE(overlaps(t(0), t(50), t(55), t(100)));
}

TEST_CASE("each session type needs its clinician role; intake takes any of three") {
  CHECK(roles_for_type("individual") == std::vector<std::string>{"individual"});
  CHECK(roles_for_type("couples") == std::vector<std::string>{"couples"});
  CHECK(roles_for_type("group") == std::vector<std::string>{"group"});
  CHECK(roles_for_type("addiction") == std::vector<std::string>{"addiction"});
  CHECK(roles_for_type("medical") == std::vector<std::string>{"medical"});
  CHECK(roles_for_type("intake") == std::vector<std::string>{"individual", "addiction", "medical"});
  CHECK_THROWS_AS(roles_for_type("massage"), Invalid);
}

TEST_CASE("a session's length comes from its times") {
  Session s;
  s.start = t(600);
  s.end = t(653);
  CHECK(s.minutes() == 53);
  CHECK_FALSE(s.actual_minutes().has_value());
  s.actual_start = t(602);
  s.actual_end = t(640);
  CHECK(s.actual_minutes() == 38);
  CHECK(type_label("couples") == "Couples");
}
