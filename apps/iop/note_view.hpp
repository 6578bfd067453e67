// The one JSON shape of a note (every `iop note` verb), and how a note reads on a terminal.
#pragma once

#include "iop/notes.hpp"
#include "name_cache.hpp"
#include "output.hpp"

#include <map>
#include <optional>

namespace iop::app {

// Sessions and names a command refers to, each looked up once.
class NoteLookup {
public:
  explicit NoteLookup(Database& db) : m_db(db), m_names(db) {}
  const Session& session(std::int64_t id);
  const std::string& client(std::int64_t id) { return m_names.client(id); }
  const std::string& clinician(std::int64_t id) { return m_names.clinician(id); }

private:
  Database& m_db;
  std::map<std::int64_t, Session> m_sessions;
  NameCache m_names;
};

Json addendum_json(const NoteAddendum& a, NoteLookup& names);
// A note, or with no note an attended visit still without one (status "missing"): the same keys
// either way, with when it is due, whether it is overdue and the command to run next.
Json note_json(const std::optional<Note>& note, const Session& session, std::int64_t client_id, NoteLookup& names,
               Instant now, int due_hours);
// The note for a person: the session's facts, signature, the sections, then the addenda in order.
void print_note(Context& ctx, const Json& note, const Session& session);

} // namespace iop::app
