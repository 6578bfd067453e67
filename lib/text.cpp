#include "iop/text.hpp"

#include "iop/errors.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

namespace iop {

std::string trim(std::string_view s) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && is_space(s[b])) {
    ++b;
  }
  while (e > b && is_space(s[e - 1])) {
    --e;
  }
  return std::string(s.substr(b, e - b));
}

namespace {

// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i, or -1 when malformed.
long decode_utf8(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  int extra = 0;
  long cp = 0;
  if (c < 0x80) {
    ++i;
    return c;
  }
  if ((c & 0xE0) == 0xC0) {
    extra = 1;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    extra = 3;
    cp = c & 0x07;
  } else {
    return -1;
  }
  if (i + extra >= s.size()) {
    return -1;
  }
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      return -1;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::array<long, 4> k_min{0, 0x80, 0x800, 0x10000};
  if (cp < k_min[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return -1;
  }
  i += extra + 1;
  return cp;
}

// Base letters of U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A).
const char* latin_base(long cp) {
  static const std::pair<long, const char*> k_table[] = {
      {0xC0, "a"},
      {0xC1, "a"},
      {0xC2, "a"},
      {0xC3, "a"},
      {0xC4, "a"},
      {0xC5, "a"},
      {0xC6, "ae"},
      {0xC7, "c"},
      {0xC8, "e"},
      {0xC9, "e"},
      {0xCA, "e"},
      {0xCB, "e"},
      {0xCC, "i"},
      {0xCD, "i"},
      {0xCE, "i"},
      {0xCF, "i"},
      {0xD0, "d"},
      {0xD1, "n"},
      {0xD2, "o"},
      {0xD3, "o"},
      {0xD4, "o"},
      {0xD5, "o"},
      {0xD6, "o"},
      {0xD8, "o"},
      {0xD9, "u"},
      {0xDA, "u"},
      {0xDB, "u"},
      {0xDC, "u"},
      {0xDD, "y"},
      {0xDE, "th"},
      {0xDF, "ss"},
      {0xE0, "a"},
      {0xE1, "a"},
      {0xE2, "a"},
      {0xE3, "a"},
      {0xE4, "a"},
      {0xE5, "a"},
      {0xE6, "ae"},
      {0xE7, "c"},
      {0xE8, "e"},
      {0xE9, "e"},
      {0xEA, "e"},
      {0xEB, "e"},
      {0xEC, "i"},
      {0xED, "i"},
      {0xEE, "i"},
      {0xEF, "i"},
      {0xF0, "d"},
      {0xF1, "n"},
      {0xF2, "o"},
      {0xF3, "o"},
      {0xF4, "o"},
      {0xF5, "o"},
      {0xF6, "o"},
      {0xF8, "o"},
      {0xF9, "u"},
      {0xFA, "u"},
      {0xFB, "u"},
      {0xFC, "u"},
      {0xFD, "y"},
      {0xFE, "th"},
      {0xFF, "y"},
      // Ligatures of Latin Extended-A fold to both letters, as Æ and ß do.
      {0x132, "ij"},
      {0x133, "ij"},
      {0x152, "oe"},
      {0x153, "oe"},
  };
  for (const auto& [code, base] : k_table) {
    if (code == cp) {
      return base;
    }
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    // Latin Extended-A comes in upper/lower pairs whose base letters follow the alphabet.
    static const char* const k_extended_a = "aaaaaa"
                                            "cccccccc"
                                            "dddd"
                                            "eeeeeeeeee"
                                            "gggggggg"
                                            "hhhh"
                                            "iiiiiiiiii"
                                            "ii"
                                            "jj"
                                            "kkk"
                                            "llllllllll"
                                            "nnnnnnnnn"
                                            "oooooo"
                                            "oo"
                                            "rrrrrr"
                                            "ssssssss"
                                            "tttttt"
                                            "uuuuuuuuuuuu"
                                            "ww"
                                            "yyy"
                                            "zzzzzz"
                                            "s";
    const std::size_t index = static_cast<std::size_t>(cp - 0x100);
    static thread_local char one[2] = {0, 0};
    if (index < std::char_traits<char>::length(k_extended_a)) {
      one[0] = k_extended_a[index];
      return one;
    }
  }
  return nullptr;
}

} // namespace

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (decode_utf8(s, i) < 0) {
      return false;
    }
  }
  return true;
}

std::string require_text(std::string_view value, std::string_view field, std::size_t max_bytes) {
  std::string t = trim(value);
  const std::string name(field);
  if (t.empty()) {
    throw Invalid(name + " must not be empty");
  }
  if (t.size() > max_bytes) {
    throw Invalid(name + " is too long (at most " + std::to_string(max_bytes) + " bytes)");
  }
  if (!is_valid_utf8(t)) {
    throw Invalid(name + " is not valid UTF-8 text");
  }
  for (char c : t) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      throw Invalid(name + " must not contain control characters such as newlines or tabs");
    }
  }
  return t;
}

std::string fold_for_search(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    const long cp = decode_utf8(s, i);
    if (cp < 0) {
      ++i; // not UTF-8: skip the byte rather than fail a search
      continue;
    }
    if (cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC) {
      continue; // "obrien" finds O'Brien and O’Brien
    }
    if (cp < 0x80) {
      out += static_cast<char>(std::tolower(static_cast<int>(cp)));
    } else if (const char* base = latin_base(cp)) {
      out += base;
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

std::string escape_like(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

} // namespace iop
