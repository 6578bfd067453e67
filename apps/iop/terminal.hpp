// The one terminal helper (ninja's LinePrinter idea): decides once whether a stream gets colour.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace iop::app {

// Colour only on a TTY whose TERM is not dumb, never with NO_COLOR; CLICOLOR_FORCE forces it.
bool use_color(std::FILE* stream);
// Columns of the terminal on stdout, or 0 when stdout is not a terminal.
int terminal_width();
// Width of UTF-8 text in terminal columns (one per code point; good enough for Latin names).
std::size_t display_width(std::string_view text);
// Cuts text to `width` columns, ending with … when it had to cut.
std::string truncate_to_width(std::string_view text, std::size_t width);

std::string bold(std::string_view text, bool color);
std::string red(std::string_view text, bool color);
std::string yellow(std::string_view text, bool color);
std::string dim(std::string_view text, bool color);

} // namespace iop::app
