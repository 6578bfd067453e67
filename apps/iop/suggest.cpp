#include "suggest.hpp"

#include <algorithm>

namespace iop::app {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1);
  std::vector<std::size_t> cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    prev[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitute = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitute});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string> closest_words(const std::string& word, const std::vector<std::string>& known) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3 + 1);
  for (const auto& k : known) {
    const std::size_t d = k.rfind(word, 0) == 0 ? 0 : edit_distance(word, k);
    if (d <= limit) {
      scored.emplace_back(d, k);
    }
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [d, k] : scored) {
    if (out.size() < 3 && (out.empty() || d == scored.front().first)) {
      out.push_back(k);
    }
  }
  return out;
}

} // namespace iop::app
