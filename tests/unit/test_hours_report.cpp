#include "iop/errors.hpp"
#include "iop/hours_report.hpp"

#include <doctest/doctest.h>

using namespace iop;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

const std::string k_la = "America/Los_Angeles";

Session session(std::int64_t id, const std::string& status, Instant start, int minutes,
                std::vector<Participant> participants) {
  Session s;
  s.id = id;
  s.status = status;
  s.start = start;
  s.end = start + std::chrono::minutes{minutes};
  s.timezone = k_la;
  s.participants = std::move(participants);
  return s;
}

Participant who(std::int64_t id, std::optional<std::string> attendance = std::nullopt) {
  return Participant{id, "", k_la, std::move(attendance)};
}

Client client(std::int64_t id, const std::string& admitted, std::optional<std::string> discharged = std::nullopt) {
  Client c;
  c.id = id;
  c.first_name = "Client";
  c.last_name = std::to_string(id);
  c.admission_date = admitted;
  c.discharge_date = std::move(discharged);
  c.status = c.discharge_date ? "discharged" : "active";
  return c;
}

} // namespace

TEST_CASE("a week runs from Monday 00:00 to the next Monday 00:00 in the zone") {
  for (const unsigned day : {23u, 24u, 25u, 26u, 27u, 28u, 29u}) {
    const Week w = week_containing(ymd(2026, 11, day), k_la);
    CHECK(format_date(w.monday) == "2026-11-23");
    CHECK(format_date(w.sunday) == "2026-11-29");
    CHECK(format_utc(w.start) == "2026-11-23T08:00:00Z");
    CHECK(format_utc(w.end) == "2026-11-30T08:00:00Z");
  }
  // Monday starts a new week; Sunday still ends the old one.
  CHECK(format_date(week_containing(ymd(2026, 11, 30), k_la).monday) == "2026-11-30");
  CHECK(format_date(week_containing(ymd(2026, 11, 22), k_la).monday) == "2026-11-16");
  // Across a month and a year.
  const Week ny = week_containing(ymd(2027, 1, 1), k_la);
  CHECK(format_date(ny.monday) == "2026-12-28");
  CHECK(format_date(ny.sunday) == "2027-01-03");
  // The same day is another week's instant range in another zone.
  CHECK(format_utc(week_containing(ymd(2026, 11, 27), "Europe/Berlin").start) == "2026-11-22T23:00:00Z");
  CHECK(format_utc(week_containing(ymd(2026, 11, 27), "UTC").start) == "2026-11-23T00:00:00Z");
  CHECK_THROWS_AS(week_containing(ymd(2026, 11, 27), "Mars/Olympus"), Invalid);
}

TEST_CASE("the week of the fall-back change is 169 hours long") {
  // 2026-11-01 is a Sunday: the clocks go back at 02:00 PDT. Its week is Mon 26 Oct to Sun 1 Nov.
  const Week w = week_containing(ymd(2026, 11, 1), k_la);
  CHECK(format_date(w.monday) == "2026-10-26");
  CHECK(format_date(w.sunday) == "2026-11-01");
  CHECK(format_utc(w.start) == "2026-10-26T07:00:00Z"); // PDT midnight
  CHECK(format_utc(w.end) == "2026-11-02T08:00:00Z");   // PST midnight
  CHECK(w.end - w.start == std::chrono::hours{24 * 7 + 1});
  // A session at 23:30 PST on the Sunday belongs to that week; 00:00 PST Monday to the next.
  const Instant late_sunday = to_instant({ymd(2026, 11, 1), 23, 30}, k_la);
  CHECK(late_sunday < w.end);
  const Instant next_monday = to_instant({ymd(2026, 11, 2), 0, 0}, k_la);
  CHECK(next_monday == w.end);
  CHECK(week_containing(ymd(2026, 11, 2), k_la).start == w.end);
  // Spring forward: 167 hours.
  const Week spring = week_containing(ymd(2026, 3, 8), k_la);
  CHECK(spring.end - spring.start == std::chrono::hours{24 * 7 - 1});
}

TEST_CASE("a session counts scheduled unless cancelled, attended only when present") {
  const Instant at = to_instant({ymd(2026, 11, 23), 9, 0}, k_la);
  Session s = session(1, "scheduled", at, 53, {who(7)});
  CHECK(minutes_for(s, 7).scheduled == 53);
  CHECK(minutes_for(s, 7).attended == 0);
  CHECK(minutes_for(s, 8).scheduled == 0); // not a participant

  s.status = "attended";
  s.participants = {who(7, "present")};
  s.actual_start = at + std::chrono::minutes{5};
  s.actual_end = at + std::chrono::minutes{50};
  CHECK(minutes_for(s, 7).scheduled == 53);
  CHECK(minutes_for(s, 7).attended == 45); // actual length

  Session group = session(2, "attended", at, 90, {who(7, "present"), who(8, "absent")});
  CHECK(minutes_for(group, 7).attended == 90); // no actual times recorded: the booked length
  CHECK(minutes_for(group, 8).scheduled == 90);
  CHECK(minutes_for(group, 8).attended == 0);

  for (const char* status : {"cancelled", "late-cancel"}) {
    const Session c = session(3, status, at, 60, {who(7)});
    CHECK(minutes_for(c, 7).scheduled == 0);
    CHECK(minutes_for(c, 7).attended == 0);
  }
  const Session no_show = session(4, "no-show", at, 60, {who(7)});
  CHECK(minutes_for(no_show, 7).scheduled == 60);
  CHECK(minutes_for(no_show, 7).attended == 0);
}

TEST_CASE("below the minimum means strictly fewer attended minutes") {
  CHECK(below_minimum(0, 9));
  CHECK(below_minimum(539, 9));
  CHECK_FALSE(below_minimum(540, 9));
  CHECK_FALSE(below_minimum(600, 9));
  CHECK(below_minimum(449, 7.5));
  CHECK_FALSE(below_minimum(450, 7.5));
  CHECK_FALSE(below_minimum(0, 0));
  CHECK(minutes_to_hours(53) == doctest::Approx(0.88));
  CHECK(minutes_to_hours(540) == doctest::Approx(9.0));
}

TEST_CASE("the tally covers clients enrolled on any day of the week and sessions starting in it") {
  const Week w = week_containing(ymd(2026, 11, 1), k_la);
  const std::vector<Client> clients{client(1, "2026-10-01"), client(2, "2026-11-01"), // admitted on the Sunday
                                    client(3, "2026-11-02"),                          // admitted the next Monday
                                    client(4, "2026-09-01", "2026-10-26"),            // discharged on the Monday
                                    client(5, "2026-09-01", "2026-10-25")};           // discharged the week before
  std::vector<Session> sessions{
      session(1, "attended", to_instant({ymd(2026, 10, 26), 0, 0}, k_la), 180, {who(1, "present"), who(4, "present")}),
      session(2, "attended", to_instant({ymd(2026, 11, 1), 23, 0}, k_la), 60, {who(1, "present"), who(2, "absent")}),
      session(3, "scheduled", to_instant({ymd(2026, 11, 2), 0, 0}, k_la), 60, {who(1)}),             // next week
      session(4, "attended", to_instant({ymd(2026, 10, 25), 23, 0}, k_la), 60, {who(1, "present")}), // last week
      session(5, "cancelled", to_instant({ymd(2026, 10, 28), 9, 0}, k_la), 60, {who(1)}),
  };
  const auto rows = tally_hours(clients, sessions, w, 9);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].client_id == 1);
  CHECK(rows[0].scheduled_minutes == 240);
  CHECK(rows[0].attended_minutes == 240);
  CHECK(rows[0].below_minimum);
  CHECK(rows[1].client_id == 2);
  CHECK(rows[1].scheduled_minutes == 60);
  CHECK(rows[1].attended_minutes == 0);
  CHECK(rows[2].client_id == 4);
  CHECK(rows[2].attended_minutes == 180);

  const auto low_bar = tally_hours(clients, sessions, w, 4);
  CHECK_FALSE(low_bar[0].below_minimum); // exactly 4 hours
  CHECK(low_bar[1].below_minimum);
  CHECK(low_bar[2].below_minimum);
}
