#include "iop/ics.hpp"

#include "iop/dates.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace iop;

namespace {

Instant at(const char* utc) {
  return *parse_utc(utc);
}

Session couples_session() {
  Session s;
  s.id = 41;
  s.type = "couples";
  s.clinician_id = 1;
  s.clinician_name = "Dana Reyes, LMFT";
  s.couple_id = 3;
  s.subject = "Ana Reed & Ben Reed";
  s.start = at("2026-12-01T17:00:00Z");
  s.end = at("2026-12-01T17:50:00Z");
  s.timezone = "America/New_York";
  s.link = "https://video.example/room/41";
  s.note_text = "Discussed relapse triggers";
  s.created_at = "2026-11-27T17:00:00Z";
  s.participants = {{12, "Ana Reed", "America/New_York", std::nullopt},
                    {13, "Ben Reed", "America/New_York", std::nullopt}};
  return s;
}

Session individual_session() {
  Session s;
  s.id = 42;
  s.type = "individual";
  s.clinician_id = 1;
  s.clinician_name = "Dana Reyes, LMFT";
  s.client_id = 14;
  s.subject = "O'Neil, Cara; Jr";
  s.start = at("2026-12-02T18:00:00Z");
  s.end = at("2026-12-02T18:53:00Z");
  s.timezone = "America/Los_Angeles";
  s.modality = "phone";
  s.status = "cancelled";
  s.created_at = "2026-11-27T17:05:00Z";
  s.participants = {{14, "O'Neil, Cara; Jr", "America/Los_Angeles", std::nullopt}};
  return s;
}

IcsOptions options() {
  IcsOptions o;
  o.stamp = at("2026-11-27T17:00:00Z");
  return o;
}

// RFC 5545 folds long lines (CRLF + space); unfolding makes the text easy to search.
std::string unfold(std::string text) {
  for (std::size_t i; (i = text.find("\r\n ")) != std::string::npos;) {
    text.erase(i, 3);
  }
  return text;
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t i = text.find(what); i != std::string::npos; i = text.find(what, i + 1)) {
    ++n;
  }
  return n;
}

} // namespace

TEST_CASE("ics: initials take the first letter of every word, UTF-8 included") {
  CHECK(initials("Ana Reed") == "A.R.");
  CHECK(initials("  Ana   Reed ") == "A.R.");
  CHECK(initials("\xc3\x89lise Mart\xc3\xadn") == "\xc3\x89.M.");
  CHECK(initials("") == "");
}

TEST_CASE("ics: a calendar with one event per session, times in UTC, no clinical text") {
  const std::string text = unfold(sessions_to_ics({couples_session(), individual_session()}, options()));
  CHECK(text.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
  CHECK(text.find("VERSION:2.0\r\n") != std::string::npos);
  CHECK(text.find("PRODID:") != std::string::npos);
  CHECK(count(text, "BEGIN:VEVENT") == 2);
  CHECK(text.find("DTSTART:20261201T170000Z\r\n") != std::string::npos);
  CHECK(text.find("DTEND:20261201T175000Z\r\n") != std::string::npos);
  CHECK(count(text, "DTSTAMP:20261127T170000Z\r\n") == 2);
  CHECK(text.find("LOCATION:https://video.example/room/41") != std::string::npos);
  CHECK(text.find("URL:https://video.example/room/41") != std::string::npos);
  CHECK(text.find("relapse") == std::string::npos);
  CHECK(text.find("END:VCALENDAR") != std::string::npos);
}

TEST_CASE("ics: summaries show initials by default and full names only when asked") {
  const std::string text = unfold(sessions_to_ics({couples_session()}, options()));
  CHECK(text.find("SUMMARY:Couples: A.R. & B.R.\r\n") != std::string::npos);
  CHECK(text.find("Reed") == std::string::npos);

  IcsOptions full = options();
  full.full_names = true;
  const std::string named = unfold(sessions_to_ics({couples_session()}, full));
  CHECK(named.find("SUMMARY:Couples: Ana Reed & Ben Reed\r\n") != std::string::npos);

  Session group = couples_session();
  group.type = "group";
  group.couple_id.reset();
  group.group_id = 2;
  group.subject = "Tuesday Recovery";
  CHECK(ics_summary(group, false) == "Group: Tuesday Recovery");
}

TEST_CASE("ics: commas and semicolons in names are escaped") {
  IcsOptions full = options();
  full.full_names = true;
  const std::string text = unfold(sessions_to_ics({individual_session()}, full));
  CHECK(text.find("SUMMARY:Individual: O'Neil\\, Cara\\; Jr\r\n") != std::string::npos);
}

TEST_CASE("ics: cancelled sessions stay in the calendar as CANCELLED, and SEQUENCE counts changes") {
  IcsOptions o = options();
  o.sequences[42] = 2;
  const std::string text = unfold(sessions_to_ics({couples_session(), individual_session()}, o));
  CHECK(count(text, "STATUS:CANCELLED\r\n") == 1);
  CHECK(count(text, "STATUS:CONFIRMED\r\n") == 1);
  CHECK(text.find("SEQUENCE:2\r\n") != std::string::npos);
  CHECK(text.find("SEQUENCE:0\r\n") != std::string::npos);
  Session late = couples_session();
  late.status = "late-cancel";
  CHECK(unfold(sessions_to_ics({late}, o)).find("STATUS:CANCELLED\r\n") != std::string::npos);
}

TEST_CASE("ics: UIDs are stable across exports and differ per session") {
  const Session a = couples_session();
  const Session b = individual_session();
  CHECK(ics_uid(a) == ics_uid(couples_session()));
  CHECK(ics_uid(a) != ics_uid(b));
  CHECK(ics_uid(a) == "iop-session-41-20261127T170000Z@iop");
  IcsOptions later = options();
  later.stamp = at("2026-11-28T09:00:00Z");
  const std::string first = unfold(sessions_to_ics({a, b}, options()));
  const std::string second = unfold(sessions_to_ics({a, b}, later));
  CHECK(first.find("UID:" + ics_uid(a) + "\r\n") != std::string::npos);
  CHECK(second.find("UID:" + ics_uid(a) + "\r\n") != std::string::npos);
  CHECK(second.find("UID:" + ics_uid(b) + "\r\n") != std::string::npos);
}
