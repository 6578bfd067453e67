#include "terminal.hpp"

#include <cstdlib>
#include <cstring>
#include <sys/ioctl.h>
#include <unistd.h>

namespace iop::app {

bool use_color(std::FILE* stream) {
  if (std::getenv("NO_COLOR") != nullptr && std::getenv("NO_COLOR")[0] != '\0') {
    return false;
  }
  if (const char* force = std::getenv("CLICOLOR_FORCE"); force && std::strcmp(force, "0") != 0 && force[0] != '\0') {
    return true;
  }
  const char* term = std::getenv("TERM");
  if (term == nullptr || std::strcmp(term, "dumb") == 0) {
    return false;
  }
  return ::isatty(::fileno(stream)) != 0;
}

int terminal_width() {
  if (::isatty(STDOUT_FILENO) == 0) {
    return 0;
  }
  winsize ws{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    return ws.ws_col;
  }
  return 80;
}

std::size_t display_width(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++n;
    }
  }
  return n;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) {
    return std::string(text);
  }
  if (width == 0) {
    return {};
  }
  std::string out;
  std::size_t cols = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts) {
      if (cols == width - 1) {
        break;
      }
      ++cols;
    }
    out += text[i];
  }
  return out + "\u2026";
}

namespace {
std::string wrap(std::string_view text, const char* code, bool color) {
  if (!color) {
    return std::string(text);
  }
  return std::string("\x1b[") + code + "m" + std::string(text) + "\x1b[0m";
}
} // namespace

std::string bold(std::string_view text, bool color) {
  return wrap(text, "1", color);
}
std::string red(std::string_view text, bool color) {
  return wrap(text, "31", color);
}
std::string yellow(std::string_view text, bool color) {
  return wrap(text, "33", color);
}
std::string dim(std::string_view text, bool color) {
  return wrap(text, "2", color);
}

} // namespace iop::app
