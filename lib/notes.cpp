#include "iop/notes.hpp"

#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/errors.hpp"
#include "iop/sha256.hpp"
#include "iop/text.hpp"
#include "note_store.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace iop {

namespace {

std::string when(const std::string& utc, const std::string& zone) {
  const auto at = parse_utc(utc);
  return at ? format_local(*at, zone) + " " + zone_abbreviation(*at, zone) : utc;
}

std::string session_label(const Session& s) {
  return "session " + std::to_string(s.id) + " (" + s.type + ", " + format_local(s.start, s.timezone) + ")";
}

std::string client_label(Database& db, std::int64_t client_id) {
  return get_client(db, client_id).full_name() + " (client " + std::to_string(client_id) + ")";
}

bool was_present(const Session& s, const Participant& p) {
  return p.attendance ? *p.attendance == "present" : s.type != "group";
}

// Cleaned text, or iop::Invalid saying what is wrong with it without quoting it.
std::string checked_body(const std::string& text, const std::string& what) {
  std::string body = clean_note_text(text);
  if (body.empty()) {
    throw Invalid("the " + what + " is empty; nothing was saved");
  }
  if (body.size() > k_note_max_bytes) {
    throw Invalid("the " + what + " is " + std::to_string(body.size() / 1024) + " KiB; the limit is " +
                  std::to_string(k_note_max_bytes / 1024) + " KiB");
  }
  if (!is_valid_utf8(body)) {
    throw Invalid("the " + what + " is not UTF-8 text", "save the file as UTF-8 and try again");
  }
  int line = 1;
  for (const char c : body) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      ++line;
    } else if ((u < 0x20 && c != '\t') || u == 0x7F) {
      char code[8];
      std::snprintf(code, sizeof code, "0x%02X", u);
      throw Invalid("the " + what + " holds a control character (" + code + ") on line " + std::to_string(line),
                    "remove it and try again");
    }
  }
  return body;
}

Clinician active_clinician(Database& db, std::int64_t id, const std::string& to_do) {
  Clinician c = get_clinician(db, id);
  if (!c.active) {
    throw Conflict(c.display_name() + " (clinician " + std::to_string(id) + ") is inactive and cannot " + to_do);
  }
  return c;
}

} // namespace

std::string note_signed_content(const Note& n) {
  return "iop-note-v1\nnote:" + std::to_string(n.id) + "\nsession:" + std::to_string(n.session_id) +
         "\nclient:" + std::to_string(n.client_id) + "\ntemplate:" + n.template_name +
         "\nsigned_by:" + (n.signed_by ? std::to_string(*n.signed_by) : "") +
         "\nsigned_at:" + n.signed_at.value_or("") + "\n\n" + n.body;
}

std::string addendum_signed_content(const Note& n, const NoteAddendum& a, const std::string& previous_sha256) {
  return "iop-addendum-v1\naddendum:" + std::to_string(a.number) + "\nnote:" + std::to_string(n.id) +
         "\nnote_sha256:" + n.content_sha256.value_or("") + "\nprevious_sha256:" + previous_sha256 +
         "\nsigned_by:" + std::to_string(a.signed_by) + "\nsigned_at:" + a.signed_at + "\n\n" + a.body;
}

NoteTarget resolve_note_target(Database& db, std::int64_t session_id, std::optional<std::int64_t> client_id,
                               const std::string& template_name) {
  const std::string tmpl = normalize_template(template_name); // malformed input first, then lookups
  NoteTarget t{get_session(db, session_id), 0, tmpl};
  const Session& s = t.session;
  if (client_id) {
    get_client(db, *client_id); // an unknown client is "not found" before any rule
  }
  if (s.status != "attended") {
    throw Conflict(session_label(s) + " is " + s.status + "; a progress note documents an attended session",
                   s.status == "scheduled" ? "iop session attend " + std::to_string(s.id) + " records it first" : "");
  }
  if (!client_id) {
    if (s.client_id) {
      client_id = s.client_id;
    } else {
      std::string who;
      for (const auto& p : s.participants) {
        if (was_present(s, p)) {
          who += (who.empty() ? "" : ", ") + std::to_string(p.client_id) + " (" + p.name + ")";
        }
      }
      const std::string per = s.type == "couples" ? "one note per partner" : "one note per member present";
      throw Invalid("a " + s.type + " session gets " + per + ": give --client with one of " + who,
                    "iop note add " + std::to_string(s.id) + " --client ID");
    }
  }
  const auto p = std::find_if(s.participants.begin(), s.participants.end(),
                              [&](const Participant& x) { return x.client_id == *client_id; });
  if (p == s.participants.end()) {
    throw Conflict(client_label(db, *client_id) + " was not in " + session_label(s));
  }
  if (!was_present(s, *p)) {
    throw Conflict(client_label(db, *client_id) + " was absent from " + session_label(s),
                   "a note is written for each member present");
  }
  if (const auto existing = store::find_note_id(db, s.id, *client_id)) {
    const Note other = get_note(db, *existing);
    throw Conflict(client_label(db, *client_id) + " already has note " + std::to_string(*existing) + " for " +
                       session_label(s),
                   other.is_signed() ? "it is signed; add to it with iop note addend " + std::to_string(*existing) +
                                           " --by CLINICIAN_ID --text TEXT"
                                     : "change it with iop note edit " + std::to_string(*existing));
  }
  t.client_id = *client_id;
  return t;
}

Note add_note(Database& db, const Actor& actor, const NewNote& input) {
  const std::string body = checked_body(input.body, "note");
  WriteTransaction tx(db);
  const NoteTarget t = resolve_note_target(db, input.session_id, input.client_id, input.template_name);
  Note n;
  n.session_id = t.session.id;
  n.client_id = t.client_id;
  n.template_name = t.template_name;
  n.body = body;
  n.author = actor.user;
  n.created_at = format_utc(actor.at);
  n.updated_at = n.created_at;
  const std::int64_t id = store::insert_note(db, n);
  audit(db, actor, "create", "note", id);
  tx.commit();
  return get_note(db, id);
}

Note get_note(Database& db, std::int64_t id) {
  auto n = store::find_note(db, id);
  if (!n) {
    throw NotFound("no note with id " + std::to_string(id), "iop note list shows the notes");
  }
  return *n;
}

Note get_draft(Database& db, std::int64_t id) {
  Note n = get_note(db, id);
  if (n.is_signed()) {
    const Session s = get_session(db, n.session_id);
    throw Conflict("note " + std::to_string(id) + " was signed on " + when(*n.signed_at, s.timezone) + " and is locked",
                   "corrections go in an addendum: iop note addend " + std::to_string(id) +
                       " --by CLINICIAN_ID --text TEXT");
  }
  return n;
}

EditResult edit_note(Database& db, const Actor& actor, std::int64_t id, const std::string& body,
                     const std::optional<std::string>& template_name) {
  const std::string text = checked_body(body, "note");
  const std::optional<std::string> tmpl =
      template_name ? std::optional<std::string>(normalize_template(*template_name)) : std::nullopt;
  WriteTransaction tx(db);
  Note n = get_draft(db, id);
  if (n.body == text && (!tmpl || *tmpl == n.template_name)) {
    return EditResult{n, false};
  }
  n.body = text;
  n.template_name = tmpl.value_or(n.template_name);
  n.updated_at = format_utc(actor.at);
  store::update_draft(db, n);
  audit(db, actor, "update", "note", id);
  tx.commit();
  return EditResult{get_note(db, id), true};
}

Note sign_note(Database& db, const Actor& actor, std::int64_t id, std::int64_t clinician_id) {
  WriteTransaction tx(db);
  Note n = get_note(db, id);
  get_clinician(db, clinician_id); // an unknown clinician is "not found" before any rule
  const Session s = get_session(db, n.session_id);
  if (n.is_signed()) {
    throw Conflict("note " + std::to_string(id) + " was already signed by " +
                   get_clinician(db, n.signed_by.value_or(0)).display_name() + " on " + when(*n.signed_at, s.timezone));
  }
  if (clinician_id != s.clinician_id) {
    throw Conflict("only the session's clinician, " + s.clinician_name + " (clinician " +
                       std::to_string(s.clinician_id) + "), can sign note " + std::to_string(id),
                   "another clinician can add a signed addendum once it is signed");
  }
  active_clinician(db, clinician_id, "sign notes");
  const ParsedNote parsed = n.parsed();
  if (!parsed.signable()) {
    std::string problems;
    for (const auto& p : parsed.problems) {
      problems += (problems.empty() ? "" : "; ") + p;
    }
    throw Conflict("note " + std::to_string(id) + " cannot be signed yet: " + problems,
                   "iop note edit " + std::to_string(id));
  }
  n.signed_by = clinician_id;
  n.signed_at = format_utc(actor.at);
  n.content_sha256 = sha256_hex(note_signed_content(n));
  store::seal_note(db, n);
  audit(db, actor, "sign", "note", id);
  tx.commit();
  return get_note(db, id);
}

NoteAddendum addend_note(Database& db, const Actor& actor, std::int64_t id, std::int64_t clinician_id,
                         const std::string& body) {
  const std::string text = checked_body(body, "addendum");
  WriteTransaction tx(db);
  const Note n = get_note(db, id);
  get_clinician(db, clinician_id);
  if (!n.is_signed()) {
    throw Conflict("note " + std::to_string(id) + " is a draft; an addendum is for a signed note",
                   "change the draft with iop note edit " + std::to_string(id));
  }
  active_clinician(db, clinician_id, "sign an addendum");
  NoteAddendum a;
  a.note_id = id;
  a.number = static_cast<int>(n.addenda.size()) + 1;
  a.body = text;
  a.signed_by = clinician_id;
  a.signed_at = format_utc(actor.at);
  const std::string previous = n.addenda.empty() ? n.content_sha256.value_or("") : n.addenda.back().content_sha256;
  a.content_sha256 = sha256_hex(addendum_signed_content(n, a, previous));
  a.id = store::insert_addendum(db, a);
  audit(db, actor, "addend", "note", id);
  tx.commit();
  return a;
}

NoteVerification verify_note(Database& db, std::int64_t id) {
  const Note n = get_note(db, id);
  if (!n.is_signed()) {
    AuditFilter filter;
    filter.limit = 0;
    filter.record_kind = "note";
    filter.record_id = id;
    for (const auto& e : audit_entries(db, filter)) {
      if (e.action == "sign") {
        throw Conflict("note " + std::to_string(id) + " is not signed, but the audit log records it signed at " + e.at +
                       ": its signature has been removed outside iop");
      }
    }
    throw Conflict("note " + std::to_string(id) + " is not signed; there is no signature to verify",
                   "iop note sign " + std::to_string(id) + " --by CLINICIAN_ID");
  }
  NoteVerification v;
  v.note_id = id;
  v.note_matches = sha256_hex(note_signed_content(n)) == n.content_sha256.value_or("");
  std::string previous = n.content_sha256.value_or("");
  for (const auto& a : n.addenda) {
    if (sha256_hex(addendum_signed_content(n, a, previous)) != a.content_sha256) {
      v.changed_addenda.push_back(a.number);
    }
    previous = a.content_sha256;
  }
  return v;
}

namespace {
Instant due_after(Instant end, int due_hours) {
  return end + std::chrono::hours(due_hours);
}
} // namespace

Instant note_due_at(const Session& s, int due_hours) {
  return due_after(s.actual_end.value_or(s.end), due_hours);
}

std::vector<NoteListEntry> list_notes(Database& db, const NoteFilter& f) {
  std::vector<NoteListEntry> out;
  auto entry = [&](std::int64_t session_id, std::int64_t client_id, std::optional<Note> note) {
    // Only the times: a whole get_session (participants, series) for each of thousands of notes
    // was most of `agenda`'s time on a year of records.
    const auto times = store::session_start_and_end(db, session_id);
    const auto start = times ? parse_utc(times->first) : std::nullopt;
    const auto end = times ? parse_utc(times->second) : std::nullopt;
    if (!start || !end) {
      throw Error("session " + std::to_string(session_id) + " has no readable start and end");
    }
    NoteListEntry e{session_id, client_id, std::move(note), *start, due_after(*end, f.due_hours), false};
    e.overdue = !(e.note && e.note->is_signed()) && f.now > e.due_at;
    if (!f.overdue_only || e.overdue) {
      out.push_back(std::move(e));
    }
  };
  for (auto& n : store::select_notes(db, f)) {
    entry(n.session_id, n.client_id, std::move(n));
  }
  if (f.unsigned_only || f.overdue_only) {
    for (const auto& [session_id, client_id] : store::select_unwritten(db, f)) {
      entry(session_id, client_id, std::nullopt);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const NoteListEntry& a, const NoteListEntry& b) {
    return std::tie(a.session_start, a.session_id, a.client_id) < std::tie(b.session_start, b.session_id, b.client_id);
  });
  return out;
}

} // namespace iop
