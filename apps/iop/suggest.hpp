// "Did you mean": the closest known words to a typo (ninja suggests tool names the same way).
#pragma once

#include <string>
#include <vector>

namespace iop::app {

std::size_t edit_distance(const std::string& a, const std::string& b);
// Known words within a small edit distance of `word` (or that it is a prefix of), closest first.
std::vector<std::string> closest_words(const std::string& word, const std::vector<std::string>& known);

} // namespace iop::app
