// The one JSON shape of a session (session list/show, agenda, schedule output) and its table
// columns, so every command shows a session the same way.
#pragma once

#include "iop/sessions.hpp"
#include "output.hpp"

namespace iop::app {

// JSON times are RFC 3339 with the session's own offset; "timezone" names that zone.
Json session_json(const Session& s);
// Columns for a list of sessions, with times shown in `viewer_zone`.
std::vector<Column> session_columns(const std::string& viewer_zone);
// Fields for one session shown alone.
std::vector<Column> session_fields(const std::string& viewer_zone);

} // namespace iop::app
