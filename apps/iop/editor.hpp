// Where the text of a note or an addendum comes from: a file, stdin, or the user's editor (the
// way `git commit` does it). The editor works on a file in a private folder that never outlives
// the command, whatever way the command ends.
#pragma once

#include "iop/sessions.hpp"

#include <string>

namespace iop::app {

// Reads PATH, or stdin for "-", as it is (the library applies the clean-up). iop::Invalid when it
// cannot be read.
std::string read_text_input(const std::string& path);

bool stdin_is_terminal();

// The editor the user asked for: $VISUAL, else $EDITOR, else vi.
std::string preferred_editor();

// The '#' lines above the text in the editor: `title`, then the session's facts (type, time in
// `zone`, modality, clinician, actual times, who was present) and how saving works.
std::string editor_header(const std::string& title, const Session& session, const std::string& zone);

// Writes `initial` to a 0600 file in a fresh 0700 folder (under $XDG_RUNTIME_DIR, else $TMPDIR,
// else /tmp), runs `/bin/sh -c '<editor> "$@"' sh FILE` and returns what was saved, with the lines
// starting with '#' removed. SIGINT and SIGQUIT are left to the editor while it runs; the folder
// and everything in it are removed on every way out, SIGTERM and SIGHUP included. iop::Invalid
// (nothing saved) when the editor fails, or the text is empty or the same as `initial`;
// `what` names the text in those messages ("note", "addendum").
std::string edit_in_editor(const std::string& initial, const std::string& what);

} // namespace iop::app
