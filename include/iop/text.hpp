// Small text rules shared by every record: trimming, name checks, accent-insensitive folding.
#pragma once

#include <string>
#include <string_view>

namespace iop {

std::string trim(std::string_view s);
bool is_valid_utf8(std::string_view s);
// Trims `value` and throws iop::Invalid (naming `field`) when it is empty, too long, not UTF-8
// or holds control characters. Apostrophes, accents and any other printable text are kept as given.
std::string require_text(std::string_view value, std::string_view field, std::size_t max_bytes = 200);
// Lower case with the accents of Latin letters and apostrophes removed (José -> jose,
// Ærø -> aero, O'Brien -> obrien), for searching.
std::string fold_for_search(std::string_view s);
// Escapes %, _ and \ for a LIKE pattern that uses ESCAPE '\'.
std::string escape_like(std::string_view s);

} // namespace iop
