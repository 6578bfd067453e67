// The measure service against a real database (lib/measures.cpp, lib/measure_store.cpp): what is
// stored, the date and session rules, the audit row, and the trend built from the records.
#include "iop/audit.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/errors.hpp"
#include "iop/groups.hpp"
#include "iop/measures.hpp"
#include "iop/sessions.hpp"

#include "temp_database.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using iop::testing::TempDatabase;

iop::Date ymd(int y, unsigned m, unsigned d) {
  return iop::Date{date::year{y}, date::month{m}, date::day{d}};
}

const iop::Date k_today = ymd(2026, 11, 27);
const iop::Actor k_actor{"alice", "measure record", *iop::parse_utc("2026-11-27T17:00:00Z")};
const char* k_zone = "America/Los_Angeles";

// A clinic with one clinician and two clients (Zoë born 1985-02-01).
struct Clinic {
  TempDatabase tmp;
  iop::Database& db = tmp.db();
  std::int64_t dana = 0;
  std::int64_t zoe = 0;
  std::int64_t ben = 0;

  Clinic() {
    iop::NewClinician c;
    c.name = "Dana Reyes";
    c.credential = "LMFT";
    c.roles = {"individual", "couples", "group"};
    c.timezone = k_zone;
    dana = iop::add_clinician(db, k_actor, c).id;
    zoe = enroll("Zoë", "O'Brien-Núñez");
    ben = enroll("Ben", "Reed");
  }

  std::int64_t enroll(const std::string& first, const std::string& last) {
    iop::NewClient n;
    n.first_name = first;
    n.last_name = last;
    n.date_of_birth = "1985-02-01";
    n.timezone = k_zone;
    n.admission_date = "2026-11-02";
    return iop::enroll_client(db, k_actor, n, k_today).id;
  }

  // An individual session of `client` on 2026-11-`day` at 10:00, attended unless told otherwise.
  std::int64_t session(std::int64_t client, unsigned day, bool attend = true) {
    iop::SessionRequest r;
    r.type = "individual";
    r.clinician_id = dana;
    r.client_id = client;
    r.start = iop::LocalDateTime{ymd(2026, 11, day), 10, 0};
    r.timezone = k_zone;
    const auto id = iop::schedule_sessions(db, k_actor, r, 53).created.front().id;
    if (attend) {
      iop::attend_session(db, k_actor, id, {});
    }
    return id;
  }

  iop::Measure record(std::int64_t client, const std::string& instrument, const std::string& answers,
                      const std::string& date = "", std::optional<std::int64_t> session = std::nullopt) {
    iop::NewMeasure m;
    m.client_id = client;
    m.instrument = instrument;
    m.answers = answers;
    m.date = date;
    m.session_id = session;
    return iop::record_measure(db, k_actor, m, k_today);
  }

  int count_measures() {
    SQLite::Statement st(db.sql(), "SELECT count(*) FROM measures");
    st.executeStep();
    return st.getColumn(0).getInt();
  }
};

} // namespace

TEST_SUITE("measures") {

  TEST_CASE("measures: a PHQ-9 is stored with its answers, total and band, dated today by default") {
    Clinic c;
    const auto m = c.record(c.zoe, "PHQ-9", "1,2,0,3,1,2,0,1,0");
    CHECK(m.id > 0);
    CHECK(m.client_id == c.zoe);
    CHECK(m.instrument == "phq-9");
    CHECK(m.administered_on == "2026-11-27");
    CHECK(m.answers == std::vector<int>{1, 2, 0, 3, 1, 2, 0, 1, 0});
    CHECK(m.total == 10);
    CHECK(m.band == "moderate");
    CHECK(m.subscales.empty());
    CHECK_FALSE(m.flagged());
    CHECK_FALSE(m.session_id);
    CHECK(m.created_at == "2026-11-27T17:00:00Z");
    // What the table holds: answers as a JSON array, no subscales, not flagged.
    SQLite::Statement st(c.db.sql(), "SELECT answers, subscales IS NULL, flagged, flag_reason IS NULL FROM measures");
    REQUIRE(st.executeStep());
    CHECK(st.getColumn(0).getString() == "[1,2,0,3,1,2,0,1,0]");
    CHECK(st.getColumn(1).getInt() == 1);
    CHECK(st.getColumn(2).getInt() == 0);
    CHECK(st.getColumn(3).getInt() == 1);
  }

  TEST_CASE("measures: an SCS-SF keeps its subscales and mean total") {
    Clinic c;
    const auto m = c.record(c.zoe, "scs-sf", "1,5,4,2,3,1,5,3,2,4,5,1", "2026-11-20");
    CHECK(m.total == doctest::Approx(44.0 / 12));
    CHECK(m.band == "high");
    REQUIRE(m.subscales.size() == 6);
    CHECK(m.subscales[0].key == "self_kindness");
    CHECK(m.subscales[0].mean == 3.0);
    CHECK(m.subscales[4].key == "mindfulness");
    CHECK(m.subscales[4].mean == 4.5);
    CHECK(iop::get_measure(c.db, m.id).subscales.size() == 6);
  }

  TEST_CASE("measures: PHQ-9 item 9 flags the stored record") {
    Clinic c;
    const auto quiet = c.record(c.zoe, "phq-9", "3,3,3,3,3,3,3,3,0", "2026-11-20");
    CHECK_FALSE(quiet.flagged());
    const auto flagged = c.record(c.zoe, "phq-9", "0,0,0,0,0,0,0,0,1", "2026-11-21");
    REQUIRE(flagged.flagged());
    CHECK(flagged.flag_reason->find("item 9") != std::string::npos);
    SQLite::Statement st(c.db.sql(), "SELECT flagged, flag_reason FROM measures WHERE id = ?");
    st.bind(1, flagged.id);
    REQUIRE(st.executeStep());
    CHECK(st.getColumn(0).getInt() == 1);
    CHECK(st.getColumn(1).getString() == *flagged.flag_reason);

    iop::MeasureFilter only_flagged;
    only_flagged.flagged_only = true;
    const auto listed = iop::list_measures(c.db, only_flagged);
    REQUIRE(listed.size() == 1);
    CHECK(listed.front().id == flagged.id);
  }

  TEST_CASE("measures: the audit row names the measure and nothing of its content") {
    Clinic c;
    const auto m = c.record(c.zoe, "phq-9", "0,0,0,0,0,0,0,0,2");
    iop::AuditFilter f;
    f.record_kind = "measure";
    const auto rows = iop::audit_entries(c.db, f);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].action == "record");
    CHECK(rows[0].record_id == m.id);
    CHECK(rows[0].command == "measure record");
    CHECK(rows[0].actor == "alice");
  }

  TEST_CASE("measures: dates: relative words, never the future, never before birth, and real dates only") {
    Clinic c;
    CHECK(c.record(c.zoe, "gad-7", "0,0,0,0,0,0,0", "yesterday").administered_on == "2026-11-26");
    CHECK(c.record(c.zoe, "gad-7", "0,0,0,0,0,0,0", "1985-02-01").administered_on == "1985-02-01");
    CHECK_THROWS_WITH_AS(c.record(c.zoe, "gad-7", "0,0,0,0,0,0,0", "tomorrow"), "date 2026-11-28 is in the future",
                         iop::Invalid);
    CHECK_THROWS_WITH_AS(c.record(c.zoe, "gad-7", "0,0,0,0,0,0,0", "1985-01-31"),
                         "date 1985-01-31 is before Zoë O'Brien-Núñez's date of birth (1985-02-01)", iop::Invalid);
    CHECK_THROWS_AS(c.record(c.zoe, "gad-7", "0,0,0,0,0,0,0", "2026-02-30"), iop::Invalid);
    CHECK_THROWS_AS(c.record(c.zoe, "gad-7", "0,0,0,0,0,0,0", "27/11/2026"), iop::Invalid);
    CHECK(c.count_measures() == 2);
  }

  TEST_CASE("measures: unknown client, session and instrument; bad answers store nothing") {
    Clinic c;
    CHECK_THROWS_WITH_AS(c.record(999, "phq-9", "0,0,0,0,0,0,0,0,0"), "no client with id 999", iop::NotFound);
    CHECK_THROWS_AS(c.record(c.zoe, "phq-9", "0,0,0,0,0,0,0,0,0", "", 999), iop::NotFound);
    CHECK_THROWS_AS(c.record(c.zoe, "bdi-ii", "0"), iop::Invalid);
    CHECK_THROWS_WITH_AS(c.record(c.zoe, "phq-9", "0,0,4,0,0,0,0,0,0"), "item 3: 4 is out of range 0–3", iop::Invalid);
    CHECK(c.count_measures() == 0);
    CHECK(iop::audit_entries(c.db, {0, std::string("measure"), std::nullopt}).empty());
  }

  TEST_CASE("measures: a session must be the client's, attended, and its date is the measure's") {
    Clinic c;
    const auto zoe_session = c.session(c.zoe, 23);
    const auto m = c.record(c.zoe, "phq-9", "1,1,1,1,1,1,1,1,0", "", zoe_session);
    CHECK(m.administered_on == "2026-11-23");
    CHECK(m.session_id == zoe_session);
    // The same date given explicitly is fine (another instrument, so not a duplicate).
    CHECK(c.record(c.zoe, "gad-7", "1,1,1,1,1,1,1", "2026-11-23", zoe_session).administered_on == "2026-11-23");

    CHECK_THROWS_WITH_AS(c.record(c.zoe, "scs-sf", "3,3,3,3,3,3,3,3,3,3,3,3", "2026-11-24", zoe_session),
                         ("session " + std::to_string(zoe_session) + " was on 2026-11-23, not 2026-11-24").c_str(),
                         iop::Conflict);
    CHECK_THROWS_WITH_AS(
        c.record(c.ben, "phq-9", "0,0,0,0,0,0,0,0,0", "", zoe_session),
        doctest::Contains(("Ben Reed (client " + std::to_string(c.ben) + ") was not in session").c_str()),
        iop::Conflict);
    const auto booked = c.session(c.ben, 24, false);
    CHECK_THROWS_WITH_AS(c.record(c.ben, "phq-9", "0,0,0,0,0,0,0,0,0", "", booked),
                         doctest::Contains("is scheduled, not attended"), iop::Conflict);
    iop::mark_no_show(c.db, k_actor, booked);
    CHECK_THROWS_WITH_AS(c.record(c.ben, "phq-9", "0,0,0,0,0,0,0,0,0", "", booked),
                         doctest::Contains("is no-show, not attended"), iop::Conflict);
    CHECK(c.count_measures() == 2);
  }

  TEST_CASE("measures: a client absent from an attended group session cannot have a measure tied to it") {
    Clinic c;
    iop::NewGroup g;
    g.name = "Tuesday Recovery";
    g.clinician_id = c.dana;
    const auto group = iop::create_group(c.db, k_actor, g).id;
    iop::add_group_members(c.db, k_actor, group, {c.zoe, c.ben}, ymd(2026, 11, 2));
    iop::SessionRequest r;
    r.type = "group";
    r.clinician_id = c.dana;
    r.group_id = group;
    r.start = iop::LocalDateTime{ymd(2026, 11, 24), 9, 0};
    r.timezone = k_zone;
    const auto sid = iop::schedule_sessions(c.db, k_actor, r, 90).created.front().id;
    iop::Attendance a;
    a.absent = {c.ben};
    iop::attend_session(c.db, k_actor, sid, a);
    CHECK(c.record(c.zoe, "gad-7", "2,2,2,2,2,2,2", "", sid).administered_on == "2026-11-24");
    CHECK_THROWS_WITH_AS(c.record(c.ben, "gad-7", "2,2,2,2,2,2,2", "", sid), doctest::Contains("was absent from"),
                         iop::Conflict);
  }

  TEST_CASE("measures: a second administration on the same day needs allow_duplicate") {
    Clinic c;
    const auto first = c.record(c.zoe, "phq-9", "1,1,1,1,1,1,1,1,0", "2026-11-20");
    CHECK_THROWS_WITH_AS(
        c.record(c.zoe, "phq-9", "2,1,1,1,1,1,1,1,0", "2026-11-20"),
        doctest::Contains(("already has a PHQ-9 on 2026-11-20 (measure " + std::to_string(first.id)).c_str()),
        iop::Conflict);
    // Another instrument, another day or another client is not a duplicate.
    c.record(c.zoe, "gad-7", "1,1,1,1,1,1,1", "2026-11-20");
    c.record(c.zoe, "phq-9", "1,1,1,1,1,1,1,1,0", "2026-11-21");
    c.record(c.ben, "phq-9", "1,1,1,1,1,1,1,1,0", "2026-11-20");
    iop::NewMeasure again;
    again.client_id = c.zoe;
    again.instrument = "phq-9";
    again.answers = "2,1,1,1,1,1,1,1,0";
    again.date = "2026-11-20";
    again.allow_duplicate = true;
    CHECK(iop::record_measure(c.db, k_actor, again, k_today).total == 9); // 2 + 7×1 + 0
  }

  TEST_CASE("measures: list sorts by date then id and filters by client, instrument and flag") {
    Clinic c;
    const auto late = c.record(c.zoe, "phq-9", "0,0,0,0,0,0,0,0,0", "2026-11-20");
    const auto early = c.record(c.zoe, "gad-7", "0,0,0,0,0,0,0", "2026-11-05");
    const auto same_day = c.record(c.zoe, "scs-sf", "3,3,3,3,3,3,3,3,3,3,3,3", "2026-11-20");
    c.record(c.ben, "phq-9", "0,0,0,0,0,0,0,0,3", "2026-11-01");
    iop::MeasureFilter zoe;
    zoe.client_id = c.zoe;
    std::vector<std::int64_t> ids;
    for (const auto& m : iop::list_measures(c.db, zoe)) {
      ids.push_back(m.id);
    }
    CHECK(ids == std::vector<std::int64_t>{early.id, late.id, same_day.id});
    zoe.instrument = "PHQ-9";
    CHECK(iop::list_measures(c.db, zoe).size() == 1);
    zoe.flagged_only = true;
    CHECK(iop::list_measures(c.db, zoe).empty());
    iop::MeasureFilter nobody;
    nobody.client_id = 999;
    CHECK_THROWS_AS(iop::list_measures(c.db, nobody), iop::NotFound);
    CHECK_THROWS_AS(iop::get_measure(c.db, 999), iop::NotFound);
  }

  TEST_CASE("measures: a PHQ-9 trend: change from the first, improved, clinically meaningful") {
    Clinic c;
    c.record(c.zoe, "phq-9", "3,3,2,2,2,2,2,2,0", "2026-11-02"); // 18
    c.record(c.zoe, "phq-9", "2,2,2,1,1,1,1,1,0", "2026-11-09"); // 11
    c.record(c.zoe, "phq-9", "1,1,1,1,1,1,1,1,0", "2026-11-16"); // 8
    const auto t = iop::measure_trend(c.db, c.zoe, "phq-9");
    REQUIRE(t.points.size() == 3);
    CHECK(t.points[1].change_from_first == -7);
    CHECK(t.change == -10);
    CHECK(t.direction == "improved");
    CHECK(t.meaningful == true);
    CHECK(t.threshold == 5);
    CHECK(t.sparkline == "▆▄▃"); // 18, 11, 8 of 0–27
    CHECK(iop::describe_trend(iop::find_instrument("phq-9"), t) ==
          "improved by 10 points since 2026-11-02: 18 (moderately severe) → 8 (mild), a clinically meaningful "
          "change (5 points or more)");
  }

  TEST_CASE("measures: trend directions, the 5-point threshold and SCS-SF (higher is better)") {
    const auto& phq = iop::find_instrument("phq-9");
    const auto& scs = iop::find_instrument("scs-sf");
    auto measure = [&phq](double total, const std::string& on) {
      iop::Measure m;
      m.total = total;
      m.band = iop::band_of(phq, total);
      m.administered_on = on;
      return m;
    };
    const auto worse4 = iop::build_trend(phq, 1, {measure(6, "2026-11-01"), measure(10, "2026-11-08")});
    CHECK(worse4.direction == "worsened");
    CHECK(worse4.meaningful == false);
    const auto worse5 = iop::build_trend(phq, 1, {measure(6, "2026-11-01"), measure(11, "2026-11-08")});
    CHECK(worse5.meaningful == true);
    const auto same = iop::build_trend(phq, 1, {measure(6, "2026-11-01"), measure(6, "2026-11-08")});
    CHECK(same.direction == "unchanged");
    CHECK(iop::describe_trend(phq, same) == "unchanged since 2026-11-01: 6 (mild) → 6 (mild)");

    const auto up = iop::build_trend(scs, 1, {measure(29.0 / 12, "2026-11-01"), measure(43.0 / 12, "2026-11-08")});
    CHECK(up.direction == "improved");
    CHECK_FALSE(up.meaningful); // no threshold for the SCS-SF
    CHECK_FALSE(up.threshold);
    CHECK(*up.change == doctest::Approx(14.0 / 12));
    CHECK(iop::build_trend(scs, 1, {measure(3, "a"), measure(2.5, "b")}).direction == "worsened");
  }

  TEST_CASE("measures: fewer than two administrations is a trend without a change") {
    Clinic c;
    const auto none = iop::measure_trend(c.db, c.zoe, "gad-7");
    CHECK(none.points.empty());
    CHECK(none.sparkline.empty());
    CHECK_FALSE(none.change);
    CHECK_FALSE(none.direction);
    c.record(c.zoe, "gad-7", "3,3,3,3,3,3,3", "2026-11-10");
    const auto one = iop::measure_trend(c.db, c.zoe, "gad-7");
    CHECK(one.points.size() == 1);
    CHECK(one.sparkline == "█");
    CHECK_FALSE(one.change);
    CHECK_FALSE(one.meaningful);
    CHECK(iop::describe_trend(iop::find_instrument("gad-7"), one).empty());
    CHECK_THROWS_AS(iop::measure_trend(c.db, 999, "gad-7"), iop::NotFound);
  }

  TEST_CASE("measures: SCS-SF subscale trends follow the total") {
    Clinic c;
    c.record(c.zoe, "scs-sf", "4,2,3,4,3,2,3,4,4,3,4,4", "2026-11-02"); // every subscale 2 or 3
    c.record(c.zoe, "scs-sf", "2,4,4,2,4,4,4,2,2,4,2,2", "2026-11-20"); // every scored item 4
    const auto t = iop::measure_trend(c.db, c.zoe, "scs-sf");
    CHECK(t.direction == "improved");
    REQUIRE(t.subscales.size() == 6);
    CHECK(t.subscales[0].key == "self_kindness");
    CHECK(t.subscales[0].first == 2.0);
    CHECK(t.subscales[0].latest == 4.0);
    CHECK(t.subscales[0].direction == "improved");
    CHECK(t.subscales[0].sparkline == "▃▆"); // 2 and 4 of 1–5
  }
}
