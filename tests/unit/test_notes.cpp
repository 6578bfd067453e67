// The rules of progress notes against a real database (lib/notes.cpp, lib/note_store.cpp): who a
// note is for, drafts, signing and its seal, the lock, addenda, verification and the to-do list.
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/couples.hpp"
#include "iop/errors.hpp"
#include "iop/groups.hpp"
#include "iop/notes.hpp"
#include "iop/sha256.hpp"

#include "temp_database.hpp"

#include <SQLiteCpp/Exception.h>
#include <doctest/doctest.h>

#include <chrono>
#include <string>

namespace {

using namespace iop;
using iop::testing::TempDatabase;

const std::string k_la = "America/Los_Angeles";
// Friday 27 November 2026, 17:00 UTC (09:00 in Los Angeles).
const Instant k_now = *parse_utc("2026-11-27T17:00:00Z");
const Actor k_actor{"tester", "note add", k_now};
const std::string k_full = "S: sleeping better\nO: calm\nA: improving\nP: continue weekly";

Date ymd(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

// Two clinicians, three clients (Ana and Ben a couple), a group of Ana and Cal, and sessions.
struct Practice {
  TempDatabase tmp;
  Database& db = tmp.db();
  std::int64_t dana = 0, sam = 0, ana = 0, ben = 0, cal = 0, couple = 0, group = 0;

  Practice() {
    dana = add_clinician(db, k_actor, {"Dana Reyes", "LMFT", std::nullopt, {"individual", "couples"}, k_la, {}}).id;
    sam = add_clinician(db, k_actor, {"Sam Ito", "LADC", std::nullopt, {"addiction", "group"}, k_la, {}}).id;
    ana = enroll("Ana");
    ben = enroll("Ben");
    cal = enroll("Cal");
    couple = pair_couple(db, k_actor, {ana, ben, dana, "2026-11-02"}, ymd(2026, 11, 27)).id;
    group = create_group(db, k_actor, {"Tuesday Recovery", sam, std::nullopt}).id;
    add_group_members(db, k_actor, group, {ana, cal}, ymd(2026, 11, 2));
  }

  std::int64_t enroll(const std::string& first) {
    NewClient c;
    c.first_name = first;
    c.last_name = "Reed";
    c.date_of_birth = "1985-02-01";
    c.timezone = k_la;
    c.admission_date = "2026-11-02";
    return enroll_client(db, k_actor, c, ymd(2026, 11, 27)).id;
  }

  std::int64_t schedule(const std::string& type, std::int64_t clinician, unsigned day, int hour) {
    SessionRequest r;
    r.type = type;
    r.clinician_id = clinician;
    if (type == "couples") {
      r.couple_id = couple;
    } else if (type == "group") {
      r.group_id = group;
    } else {
      r.client_id = ana;
    }
    r.start = LocalDateTime{ymd(2026, 11, day), hour, 0};
    r.timezone = k_la;
    return schedule_sessions(db, k_actor, r, 50).created.front().id;
  }

  std::int64_t attended(const std::string& type, std::int64_t clinician, unsigned day, int hour,
                        std::vector<std::int64_t> absent = {}) {
    const std::int64_t id = schedule(type, clinician, day, hour);
    Attendance a;
    a.absent = std::move(absent);
    attend_session(db, k_actor, id, a);
    return id;
  }

  Note add(std::int64_t session, std::optional<std::int64_t> client = std::nullopt, const std::string& body = k_full,
           const std::string& tmpl = "soap") {
    return add_note(db, k_actor, {session, client, tmpl, body});
  }

  void sql(const std::string& statement) { db.sql().exec(statement); }
};

} // namespace

TEST_SUITE("notes") {

  TEST_CASE("notes: a note for an individual session goes to its client, as a cleaned draft") {
    Practice p;
    const auto s = p.attended("individual", p.dana, 23, 10);
    const Note n = p.add(s, std::nullopt, "\r\n" + k_full + "  \r\n\n");
    CHECK(n.client_id == p.ana);
    CHECK(n.session_id == s);
    CHECK(n.template_name == "soap");
    CHECK(n.body == k_full);
    CHECK(n.author == "tester");
    CHECK(n.created_at == "2026-11-27T17:00:00Z");
    CHECK_FALSE(n.is_signed());
    CHECK(get_note(p.db, n.id).body == k_full);
    // The audit row names the record only.
    const auto rows = audit_entries(p.db, {0, std::string("note"), n.id});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].action == "create");
  }

  TEST_CASE("notes: one note per session and client") {
    Practice p;
    const auto s = p.attended("individual", p.dana, 23, 10);
    const Note n = p.add(s);
    CHECK_THROWS_WITH_AS(p.add(s), doctest::Contains(("already has note " + std::to_string(n.id)).c_str()), Conflict);
    CHECK_THROWS_WITH_AS(p.add(s, p.ana), doctest::Contains("already has note"), Conflict);
  }

  TEST_CASE("notes: only an attended session gets a note; unknown ids are not found") {
    Practice p;
    const auto scheduled = p.schedule("individual", p.dana, 30, 10);
    CHECK_THROWS_WITH_AS(p.add(scheduled), doctest::Contains("is scheduled"), Conflict);
    const auto no_show = p.schedule("individual", p.dana, 24, 10);
    mark_no_show(p.db, k_actor, no_show);
    CHECK_THROWS_WITH_AS(p.add(no_show), doctest::Contains("is no-show"), Conflict);
    CHECK_THROWS_AS(p.add(9999), NotFound);
    const auto s = p.attended("individual", p.dana, 23, 10);
    CHECK_THROWS_AS(p.add(s, 9999), NotFound);
    CHECK_THROWS_WITH_AS(p.add(s, std::nullopt, k_full, "sopa"), doctest::Contains("soap, dap or birp"), Invalid);
    CHECK_THROWS_WITH_AS(p.add(s, std::nullopt, " \n\t\n"), doctest::Contains("empty"), Invalid);
    CHECK_THROWS_WITH_AS(p.add(s, std::nullopt, std::string("S: a\x1b[2J")), doctest::Contains("control character"),
                         Invalid);
    CHECK_THROWS_WITH_AS(p.add(s, std::nullopt, std::string("S: \xff\xfe")), doctest::Contains("UTF-8"), Invalid);
    CHECK_THROWS_WITH_AS(p.add(s, std::nullopt, "S: " + std::string(k_note_max_bytes, 'x')),
                         doctest::Contains("the limit is 256 KiB"), Invalid);
  }

  TEST_CASE("notes: a couples session gets one note per partner, each asked for by name") {
    Practice p;
    const auto s = p.attended("couples", p.dana, 23, 10);
    CHECK_THROWS_WITH_AS(
        p.add(s),
        doctest::Contains((std::to_string(p.ana) + " (Ana Reed), " + std::to_string(p.ben) + " (Ben Reed)").c_str()),
        Invalid);
    const Note a = p.add(s, p.ana);
    const Note b = p.add(s, p.ben);
    CHECK(a.client_id == p.ana);
    CHECK(b.client_id == p.ben);
    CHECK_THROWS_WITH_AS(p.add(s, p.cal), doctest::Contains("was not in session"), Conflict);
  }

  TEST_CASE("notes: a group session gets a note per member present, none for the absent") {
    Practice p;
    const auto s = p.attended("group", p.sam, 24, 13, {p.cal});
    CHECK_THROWS_WITH_AS(p.add(s), doctest::Contains("one note per member present"), Invalid);
    CHECK(p.add(s, p.ana).client_id == p.ana);
    CHECK_THROWS_WITH_AS(p.add(s, p.cal), doctest::Contains("was absent"), Conflict);
    CHECK_THROWS_WITH_AS(p.add(s, p.ben), doctest::Contains("was not in"), Conflict);
  }

  TEST_CASE("notes: edit replaces a draft's text; the same text changes nothing") {
    Practice p;
    const Note n = p.add(p.attended("individual", p.dana, 23, 10), std::nullopt, "S: a");
    const Actor later{"editor", "note edit", k_now + std::chrono::minutes(5)};
    const EditResult r = edit_note(p.db, later, n.id, k_full);
    CHECK(r.changed);
    CHECK(r.note.body == k_full);
    CHECK(r.note.updated_at == "2026-11-27T17:05:00Z");
    CHECK(r.note.author == "tester"); // the author stays who wrote it
    CHECK_FALSE(edit_note(p.db, later, n.id, k_full + "\n\n").changed);
    CHECK(edit_note(p.db, later, n.id, "Data: x\nAssessment: y\nPlan: z", std::string("DAP")).note.template_name ==
          "dap");
  }

  TEST_CASE("notes: only the session's clinician signs, and only a complete note") {
    Practice p;
    const auto s = p.attended("individual", p.dana, 23, 10);
    const Note draft = p.add(s, std::nullopt, "S: a\nO:\nA: c");
    CHECK_THROWS_WITH_AS(sign_note(p.db, k_actor, draft.id, p.sam), doctest::Contains("only the session's clinician"),
                         Conflict);
    CHECK_THROWS_AS(sign_note(p.db, k_actor, draft.id, 9999), NotFound);
    CHECK_THROWS_WITH_AS(sign_note(p.db, k_actor, draft.id, p.dana),
                         doctest::Contains("section Objective is empty (line 2); section Plan is missing"), Conflict);
    CHECK_FALSE(get_note(p.db, draft.id).is_signed());
  }

  TEST_CASE("notes: signing seals the canonical content with SHA-256 and locks the note") {
    Practice p;
    const Note n = p.add(p.attended("individual", p.dana, 23, 10));
    const Note signed_note = sign_note(p.db, k_actor, n.id, p.dana);
    REQUIRE(signed_note.is_signed());
    CHECK(*signed_note.signed_by == p.dana);
    CHECK(*signed_note.signed_at == "2026-11-27T17:00:00Z");
    const std::string content = note_signed_content(signed_note);
    CHECK(content.starts_with("iop-note-v1\nnote:" + std::to_string(n.id) + "\n"));
    CHECK(content.ends_with("\n\n" + k_full));
    CHECK(*signed_note.content_sha256 == sha256_hex(content));
    // Every field of the canonical form counts.
    Note other = signed_note;
    other.signed_at = "2026-11-27T17:00:01Z";
    CHECK(sha256_hex(note_signed_content(other)) != *signed_note.content_sha256);

    CHECK_THROWS_WITH_AS(sign_note(p.db, k_actor, n.id, p.dana), doctest::Contains("already signed by Dana Reyes"),
                         Conflict);
    CHECK_THROWS_WITH_AS(edit_note(p.db, k_actor, n.id, "S: x\nO: x\nA: x\nP: x"), doctest::Contains("locked"),
                         Conflict);
    CHECK_THROWS_WITH_AS(get_draft(p.db, n.id), doctest::Contains("is locked"), Conflict);
    // The database refuses any other way in.
    CHECK_THROWS_AS(p.sql("UPDATE notes SET body = 'x' WHERE id = " + std::to_string(n.id)), SQLite::Exception);
    CHECK_THROWS_AS(p.sql("DELETE FROM notes WHERE id = " + std::to_string(n.id)), SQLite::Exception);
    CHECK(get_note(p.db, n.id).body == k_full);
  }

  TEST_CASE("notes: addenda go on signed notes only, by any active clinician, chained to the note's hash") {
    Practice p;
    const Note n = p.add(p.attended("individual", p.dana, 23, 10));
    CHECK_THROWS_WITH_AS(addend_note(p.db, k_actor, n.id, p.sam, "late entry"), doctest::Contains("is a draft"),
                         Conflict);
    const Note sealed = sign_note(p.db, k_actor, n.id, p.dana);
    const NoteAddendum first = addend_note(p.db, k_actor, n.id, p.sam, "Late entry: called at 16:10.\r\n");
    CHECK(first.number == 1);
    CHECK(first.body == "Late entry: called at 16:10.");
    CHECK(first.signed_by == p.sam);
    CHECK(first.content_sha256 == sha256_hex(addendum_signed_content(sealed, first, *sealed.content_sha256)));
    const NoteAddendum second = addend_note(p.db, k_actor, n.id, p.dana, "Correction.");
    CHECK(second.number == 2);
    CHECK(second.content_sha256 == sha256_hex(addendum_signed_content(sealed, second, first.content_sha256)));
    const Note shown = get_note(p.db, n.id);
    REQUIRE(shown.addenda.size() == 2);
    CHECK(shown.addenda[0].body == "Late entry: called at 16:10.");
    CHECK(shown.addenda[1].number == 2);
    CHECK(verify_note(p.db, n.id).ok());
    CHECK_THROWS_AS(addend_note(p.db, k_actor, n.id, 9999, "x"), NotFound);
    CHECK_THROWS_WITH_AS(addend_note(p.db, k_actor, n.id, p.sam, "\n \n"), doctest::Contains("empty"), Invalid);
    deactivate_clinician(p.db, k_actor, p.sam);
    CHECK_THROWS_WITH_AS(addend_note(p.db, k_actor, n.id, p.sam, "x"), doctest::Contains("inactive"), Conflict);
  }

  TEST_CASE("notes: verify finds a note changed behind the trigger's back") {
    Practice p;
    const Note n = p.add(p.attended("individual", p.dana, 23, 10));
    sign_note(p.db, k_actor, n.id, p.dana);
    addend_note(p.db, k_actor, n.id, p.dana, "Addendum text.");
    CHECK(verify_note(p.db, n.id).ok());
    p.sql("DROP TRIGGER notes_signed_locked");
    p.sql("UPDATE notes SET body = 'S: x\nO: x\nA: x\nP: x' WHERE id = " + std::to_string(n.id));
    NoteVerification v = verify_note(p.db, n.id);
    CHECK_FALSE(v.ok());
    CHECK_FALSE(v.note_matches);
    CHECK(v.changed_addenda.empty()); // the addendum still matches the hash the note was signed with
    p.sql("DROP TRIGGER note_addenda_no_update");
    p.sql("UPDATE note_addenda SET body = 'Other text.'");
    v = verify_note(p.db, n.id);
    CHECK(v.changed_addenda == std::vector<int>{1});
  }

  TEST_CASE("notes: verify refuses a draft, and names a signature removed outside iop") {
    Practice p;
    const Note n = p.add(p.attended("individual", p.dana, 23, 10));
    CHECK_THROWS_WITH_AS(verify_note(p.db, n.id), doctest::Contains("is not signed"), Conflict);
    sign_note(p.db, k_actor, n.id, p.dana);
    p.sql("DROP TRIGGER notes_signed_locked");
    p.sql("UPDATE notes SET signed_by = NULL, signed_at = NULL, content_sha256 = NULL");
    CHECK_THROWS_WITH_AS(verify_note(p.db, n.id), doctest::Contains("removed outside iop"), Conflict);
  }

  TEST_CASE("notes: the list shows notes by session start, and visits still without a note when unsigned") {
    Practice p;
    const auto late = p.attended("individual", p.dana, 26, 10); // ends 26 Nov 10:50 PST
    const auto early = p.attended("couples", p.dana, 23, 12);
    const auto group = p.attended("group", p.sam, 24, 13, {p.cal});
    const Note ana_couples = p.add(early, p.ana);
    const Note late_note = p.add(late);
    sign_note(p.db, k_actor, late_note.id, p.dana);

    NoteFilter all;
    all.now = k_now;
    auto rows = list_notes(p.db, all);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].note->id == ana_couples.id);
    CHECK(rows[1].note->id == late_note.id);

    NoteFilter todo = all;
    todo.unsigned_only = true;
    rows = list_notes(p.db, todo);
    // The couples note (draft), Ben's missing couples note, Ana's missing group note; not Cal (absent).
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].note->id == ana_couples.id);
    CHECK((rows[1].session_id == early && rows[1].client_id == p.ben && !rows[1].note));
    CHECK((rows[2].session_id == group && rows[2].client_id == p.ana && !rows[2].note));

    NoteFilter overdue = todo;
    overdue.overdue_only = true;
    rows = list_notes(p.db, overdue); // the couples session ended 92 hours ago, the group 67
    REQUIRE(rows.size() == 2);
    CHECK((rows[0].note && rows[0].overdue));
    CHECK((rows[1].client_id == p.ben && !rows[1].note && rows[1].overdue));
    CHECK(format_utc(rows[1].due_at) == "2026-11-26T20:50:00Z");
    overdue.due_hours = 24;
    CHECK(list_notes(p.db, overdue).size() == 3);
    overdue.due_hours = 96;
    CHECK(list_notes(p.db, overdue).empty());
    overdue.now = k_now + std::chrono::hours(72);
    CHECK(list_notes(p.db, overdue).size() == 3); // time passes

    NoteFilter by_client = todo;
    by_client.client_id = p.ben;
    rows = list_notes(p.db, by_client);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].client_id == p.ben);
    NoteFilter by_clinician = todo;
    by_clinician.clinician_id = p.sam;
    rows = list_notes(p.db, by_clinician);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].session_id == group);
  }
}
