// Progress notes: one per attended session and client (each partner of a couples session, each
// member present at a group), a draft until the session's clinician signs it, then locked and
// sealed with a SHA-256; corrections are signed addenda chained to that seal.
#pragma once

#include "iop/audit.hpp"
#include "iop/database.hpp"
#include "iop/note_sections.hpp"
#include "iop/sessions.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iop {

// A note's text may not exceed this (a progress note, not a document store).
inline constexpr std::size_t k_note_max_bytes = 256 * 1024;

struct NoteAddendum {
  std::int64_t id = 0;
  std::int64_t note_id = 0;
  int number = 0; // 1 for the note's first addendum
  std::string body;
  std::int64_t signed_by = 0;
  std::string signed_at; // RFC 3339 UTC
  std::string content_sha256;
};

struct Note {
  std::int64_t id = 0;
  std::int64_t session_id = 0;
  std::int64_t client_id = 0;
  std::string template_name; // soap, dap, birp
  std::string body;
  std::string author; // the user who wrote the draft
  std::string created_at;
  std::string updated_at;
  std::optional<std::int64_t> signed_by;
  std::optional<std::string> signed_at;
  std::optional<std::string> content_sha256;
  std::vector<NoteAddendum> addenda; // in order

  bool is_signed() const { return signed_at.has_value(); }
  ParsedNote parsed() const { return parse_note(body, template_name); }
};

// The one canonical text a note's signature covers: "iop-note-v1", the note, session and client
// ids, template, signer and signing time, then the body. Changing any of them changes the hash.
std::string note_signed_content(const Note& note);
// An addendum's: "iop-addendum-v1", its number, the note id, the note's hash, the previous
// addendum's hash (the note's for the first), signer, time, then its body.
std::string addendum_signed_content(const Note& note, const NoteAddendum& addendum, const std::string& previous_sha256);

// Who a new note is for, checked without writing (the app asks before opening an editor).
struct NoteTarget {
  Session session;
  std::int64_t client_id = 0;
  std::string template_name;
};
// iop::NotFound for an unknown session or client; iop::Invalid when a couples or group session
// has no client given (naming who may be chosen); iop::Conflict when the session was not attended,
// the client was not there, or already has a note for it.
NoteTarget resolve_note_target(Database& db, std::int64_t session_id, std::optional<std::int64_t> client_id,
                               const std::string& template_name);

struct NewNote {
  std::int64_t session_id = 0;
  std::optional<std::int64_t> client_id; // default: the session's client
  std::string template_name;             // soap, dap or birp
  std::string body;                      // cleaned with clean_note_text; must not be empty
};
Note add_note(Database& db, const Actor& actor, const NewNote& input);
Note get_note(Database& db, std::int64_t id); // iop::NotFound
// The note when it is still a draft; iop::Conflict when signed.
Note get_draft(Database& db, std::int64_t id);

struct EditResult {
  Note note;
  bool changed = false; // false: the same text and template; nothing was written
};
// Replaces a draft's text (and template when given). iop::Conflict when the note is signed.
EditResult edit_note(Database& db, const Actor& actor, std::int64_t id, const std::string& body,
                     const std::optional<std::string>& template_name = std::nullopt);
// Only the session's clinician, active, may sign; a note with problems cannot be signed.
Note sign_note(Database& db, const Actor& actor, std::int64_t id, std::int64_t clinician_id);
// Any active clinician may add a signed addendum to a signed note.
NoteAddendum addend_note(Database& db, const Actor& actor, std::int64_t id, std::int64_t clinician_id,
                         const std::string& body);

struct NoteVerification {
  std::int64_t note_id = 0;
  bool note_matches = false;
  std::vector<int> changed_addenda; // numbers of the addenda whose hash no longer matches
  bool ok() const { return note_matches && changed_addenda.empty(); }
};
// Recomputes the note's and each addendum's hash. iop::Conflict for a draft ("not signed"),
// naming the tampering when the audit log says the note had been signed.
NoteVerification verify_note(Database& db, std::int64_t id);

// When a note is due: the session's actual end plus `due_hours`.
Instant note_due_at(const Session& session, int due_hours);

struct NoteFilter {
  std::optional<std::int64_t> client_id;
  std::optional<std::int64_t> clinician_id; // the session's clinician
  std::optional<std::int64_t> session_id;
  bool unsigned_only = false; // drafts, and attended visits with no note yet
  bool overdue_only = false;  // unsigned past due
  Instant now;
  int due_hours = 72;
};

// One row of `note list`: a note, or (with unsigned_only/overdue_only) a visit still without one.
struct NoteListEntry {
  std::int64_t session_id = 0;
  std::int64_t client_id = 0;
  std::optional<Note> note; // empty: no note written yet
  Instant session_start;
  Instant due_at;
  bool overdue = false;
};
// Sorted by session start, then session id and client id.
std::vector<NoteListEntry> list_notes(Database& db, const NoteFilter& filter);

} // namespace iop
