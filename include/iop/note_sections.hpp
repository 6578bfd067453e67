// The text of a progress note: its template's sections (SOAP, DAP, BIRP), how headings are
// recognised, what blocks signing, and the clean-up applied to text as it comes in. Pure text
// rules: no database, so every case is unit-tested directly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iop {

inline constexpr const char* k_note_templates[] = {"soap", "dap", "birp"};

// The section names of a template, in order ("soap" -> Subjective, Objective, Assessment, Plan).
const std::vector<std::string>& template_sections(std::string_view template_name);
// Lower case and trimmed; iop::Invalid (with the closest name as hint) when it is not a template.
std::string normalize_template(std::string_view template_name);

struct NoteSection {
  std::string name; // the template's spelling: "Subjective"
  std::string text; // without the heading; outer blank lines removed
  int line = 0;     // line of its (first) heading, 1-based; 0 when the heading is missing
};

struct ParsedNote {
  std::string preamble;              // text before the first heading (blocks signing)
  std::vector<NoteSection> sections; // every section of the template, in template order
  // What blocks signing, by section name and line number; never quoting the text.
  std::vector<std::string> problems;
  bool signable() const { return problems.empty(); }
};

// Splits `body` into the template's sections. A heading is a line "Name:" or its first letter
// "N:" (case-insensitive, leading spaces allowed), optionally followed by text that belongs to the
// section. A section given twice keeps both texts (joined by a blank line) and is a problem, as
// are an empty or missing section and text before the first heading.
ParsedNote parse_note(std::string_view body, std::string_view template_name);

// The headings of a template, one blank line apart: what the editor starts from.
std::string note_skeleton(std::string_view template_name);

// Text as given in a file or on stdin: CRLF (and lone CR) become LF, trailing whitespace of each
// line and blank lines at either end are removed; everything else is kept byte for byte.
std::string clean_note_text(std::string_view text);
// Text saved from the editor: lines starting with '#' are comments (git's "strip" clean-up),
// then clean_note_text.
std::string strip_comment_lines(std::string_view text);
// 1-based numbers of the lines that start with '#' (the editor would drop them as comments).
std::vector<int> comment_like_lines(std::string_view text);

} // namespace iop
