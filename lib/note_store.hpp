// SQL for progress notes and their addenda. Internal to lib/.
#pragma once

#include "iop/notes.hpp"

namespace iop::store {

std::optional<Note> find_note(Database& db, std::int64_t id); // with its addenda
std::optional<std::int64_t> find_note_id(Database& db, std::int64_t session_id, std::int64_t client_id);
std::int64_t insert_note(Database& db, const Note& note);
void update_draft(Database& db, const Note& note); // template, body, updated_at of an unsigned note
void seal_note(Database& db, const Note& note);    // signed_by, signed_at, content_sha256
std::int64_t insert_addendum(Database& db, const NoteAddendum& addendum);

// Notes matching the filter's client, clinician, session and (unsigned_only) state.
std::vector<Note> select_notes(Database& db, const NoteFilter& filter);
// A session's start and the end a note's due time counts from (the actual end once attended),
// as stored (RFC 3339 UTC); nullopt for an unknown id. One cached statement: list_notes asks
// for thousands.
std::optional<std::pair<std::string, std::string>> session_start_and_end(Database& db, std::int64_t session_id);
// Present participants of attended sessions who have no note, as (session id, client id), in no
// particular order.
std::vector<std::pair<std::int64_t, std::int64_t>> select_unwritten(Database& db, const NoteFilter& filter);

} // namespace iop::store
