#include "editor.hpp"

#include "iop/errors.hpp"
#include "iop/note_sections.hpp"
#include "iop/notes.hpp"

#include <array>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace iop::app {

namespace {

// What the signal handler may touch: plain memory set before it is armed, and sig_atomic_t.
char g_dir[PATH_MAX];
volatile std::sig_atomic_t g_armed = 0;
volatile pid_t g_child = 0;

constexpr std::array<int, 4> k_signals{SIGTERM, SIGHUP, SIGINT, SIGQUIT};

// Removes every entry of g_dir, then g_dir itself, with async-signal-safe calls only.
void remove_private_dir() {
  for (int pass = 0; pass < 2; ++pass) {
    const int fd = ::open(g_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      return;
    }
    alignas(dirent64) char buffer[4096];
    for (;;) {
      const ssize_t n = ::getdents64(fd, buffer, sizeof buffer);
      if (n <= 0) {
        break;
      }
      for (ssize_t offset = 0; offset < n;) {
        const auto* entry = reinterpret_cast<const dirent64*>(buffer + offset);
        const char* name = entry->d_name;
        if (std::strcmp(name, ".") != 0 && std::strcmp(name, "..") != 0 && ::unlinkat(fd, name, 0) != 0) {
          ::unlinkat(fd, name, AT_REMOVEDIR); // an empty folder an editor made
        }
        offset += entry->d_reclen;
      }
    }
    ::close(fd);
    if (::rmdir(g_dir) == 0) {
      return;
    }
  }
}

extern "C" void on_fatal_signal(int sig) {
  if (g_armed != 0) {
    g_armed = 0;
    if (g_child > 0) {
      ::kill(g_child, sig); // the editor must not go on editing a file that is about to vanish
    }
    remove_private_dir();
  }
  // SA_RESETHAND restored the default action: re-raising ends iop the way the signal meant to.
  ::raise(sig);
}

struct sigaction action_of(void (*handler)(int), int flags) {
  struct sigaction sa {};
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = flags;
  return sa;
}

// The private folder and its file, removed by the destructor or, on a fatal signal, by the handler.
class PrivateFile {
public:
  explicit PrivateFile(const std::string& initial) {
    for (std::size_t i = 0; i < k_signals.size(); ++i) {
      ::sigaction(k_signals[i], nullptr, &m_old[i]);
    }
    const std::string dir = make_private_dir(); // mode 0700
    std::memcpy(g_dir, dir.c_str(), dir.size() + 1);
    m_path = dir + "/NOTE_EDITMSG";
    arm();
    const int fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    // fchmod: the umask could only take bits away, but the editor needs to write the file.
    if (fd < 0 || ::fchmod(fd, 0600) != 0 || !write_all(fd, initial)) {
      const std::string why = std::strerror(errno);
      if (fd >= 0) {
        ::close(fd);
      }
      cleanup();
      throw Error("cannot write the editor's file in " + dir + ": " + why);
    }
    ::close(fd);
  }
  PrivateFile(const PrivateFile&) = delete;
  PrivateFile& operator=(const PrivateFile&) = delete;
  ~PrivateFile() { cleanup(); }

  const std::string& path() const { return m_path; }
  // Whether iop itself was started ignoring `sig` (a background job): then it stays ignored.
  bool was_ignored(int sig) const {
    for (std::size_t i = 0; i < k_signals.size(); ++i) {
      if (k_signals[i] == sig) {
        return m_old[i].sa_handler == SIG_IGN;
      }
    }
    return false;
  }

private:
  // A fresh folder under $XDG_RUNTIME_DIR (never on disk on most systems), else $TMPDIR, else /tmp.
  static std::string make_private_dir() {
    std::string tried;
    for (const char* name : {"XDG_RUNTIME_DIR", "TMPDIR", ""}) {
      const char* v = name[0] == '\0' ? "/tmp" : std::getenv(name);
      if (v == nullptr || v[0] != '/') {
        continue;
      }
      std::string pattern = (std::filesystem::path(v) / "iop-note-XXXXXX").string();
      if (pattern.size() < sizeof g_dir && ::mkdtemp(pattern.data()) != nullptr) {
        return pattern;
      }
      tried += (tried.empty() ? "" : ", ") + std::string(v);
    }
    throw Error("cannot create a private folder for the editor (tried " + tried + ")",
                "set TMPDIR to a writable folder");
  }

  void cleanup() {
    g_armed = 0;
    std::error_code ec;
    std::filesystem::remove_all(g_dir, ec);
    for (std::size_t i = 0; i < k_signals.size(); ++i) {
      ::sigaction(k_signals[i], &m_old[i], nullptr);
    }
  }

  static bool write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        return false;
      }
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  void arm() {
    g_armed = 1;
    for (std::size_t i = 0; i < k_signals.size(); ++i) {
      if (m_old[i].sa_handler != SIG_IGN) {
        const struct sigaction sa = action_of(on_fatal_signal, SA_RESETHAND);
        ::sigaction(k_signals[i], &sa, nullptr);
      }
    }
  }

  std::string m_path;
  std::array<struct sigaction, k_signals.size()> m_old{};
};

// Runs the editor on the file and waits; its exit status, or 128 + signal when it was killed.
int run_editor(const PrivateFile& file, const std::string& editor) {
  // Like git: while the editor has the terminal, Ctrl-C and Ctrl-\ are for it, not for iop.
  std::array<struct sigaction, 2> saved{};
  const struct sigaction ignore = action_of(SIG_IGN, 0);
  ::sigaction(SIGINT, &ignore, &saved[0]);
  ::sigaction(SIGQUIT, &ignore, &saved[1]);

  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (const int sig : k_signals) {
    if (!file.was_ignored(sig)) {
      sigaddset(&defaults, sig);
    }
  }
  sigset_t mask;
  sigemptyset(&mask);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setsigmask(&attr, &mask);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  // The shell splits the editor's words (EDITOR="code --wait"); the file is passed as "$1", unsplit.
  std::string script = editor + " \"$@\"";
  std::string arg0 = "sh", arg1 = "-c", arg3 = "sh", arg4 = file.path();
  char* argv[] = {arg0.data(), arg1.data(), script.data(), arg3.data(), arg4.data(), nullptr};
  // A SIGTERM between the spawn and g_child being set would leave the editor running: hold it back.
  sigset_t fatal;
  sigset_t before;
  sigemptyset(&fatal);
  sigaddset(&fatal, SIGTERM);
  sigaddset(&fatal, SIGHUP);
  ::sigprocmask(SIG_BLOCK, &fatal, &before);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, "/bin/sh", nullptr, &attr, argv, environ);
  posix_spawnattr_destroy(&attr);
  g_child = spawned == 0 ? pid : 0;
  ::sigprocmask(SIG_SETMASK, &before, nullptr);
  int status = 0;
  if (spawned == 0) {
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    g_child = 0;
  }
  ::sigaction(SIGINT, &saved[0], nullptr);
  ::sigaction(SIGQUIT, &saved[1], nullptr);
  if (spawned != 0) {
    throw Invalid("cannot run /bin/sh for the editor: " + std::string(std::strerror(spawned)));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Reads everything, but stops past the library's limit: a note is never that long, and a wrong
// --file (a log, an image) should not be read into memory whole.
std::string slurp(std::istream& in, const std::string& what) {
  std::string out;
  std::array<char, 65536> chunk{};
  while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
    out.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (out.size() > k_note_max_bytes) {
      throw Invalid(what + " holds more than " + std::to_string(k_note_max_bytes / 1024) +
                    " KiB; a note or addendum is limited to that");
    }
  }
  return out;
}

} // namespace

std::string read_text_input(const std::string& path) {
  if (path == "-") {
    return slurp(std::cin, "stdin");
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Invalid("--file " + path + " is a folder, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Invalid("cannot read --file " + path + ": " + std::strerror(errno),
                  "give the path of a text file, or --file - to read stdin");
  }
  return slurp(in, "--file " + path);
}

std::string editor_header(const std::string& title, const Session& s, const std::string& zone) {
  std::string out = "# " + title + "\n# Session " + std::to_string(s.id) + ": " + type_label(s.type) + ", " +
                    format_local(s.start, zone) + " " + zone_abbreviation(s.start, zone) + ", " + s.modality + ", " +
                    s.clinician_name + "\n";
  if (s.actual_start && s.actual_end) {
    out += "# Attended " + format_hhmm(*s.actual_start, zone) + "\u2013" + format_hhmm(*s.actual_end, zone) + " (" +
           std::to_string(s.actual_minutes().value_or(0)) + " minutes)\n";
  }
  if (s.type == "couples" || s.type == "group") {
    std::string present;
    for (const auto& p : s.participants) {
      if (p.attendance.value_or("present") == "present") {
        present += (present.empty() ? "" : ", ") + p.name;
      }
    }
    out += "# Present: " + present + "\n";
  }
  return out + "# Lines starting with '#' are ignored; an empty or unchanged text is not saved.\n#\n";
}

bool stdin_is_terminal() {
  return ::isatty(STDIN_FILENO) != 0;
}

std::string preferred_editor() {
  for (const char* name : {"VISUAL", "EDITOR"}) {
    if (const char* v = std::getenv(name); v != nullptr && v[0] != '\0') {
      return v;
    }
  }
  return "vi";
}

std::string edit_in_editor(const std::string& initial, const std::string& what) {
  const std::string editor = preferred_editor();
  std::string saved;
  {
    PrivateFile file(initial);
    const int status = run_editor(file, editor);
    if (status != 0) {
      throw Invalid("the editor '" + editor + "' exited with status " + std::to_string(status) + "; the " + what +
                        " was not saved",
                    status == 127 ? "set VISUAL or EDITOR to an editor installed here" : "");
    }
    std::ifstream in(file.path(), std::ios::binary);
    if (!in) {
      throw Invalid("the editor removed its file; the " + what + " was not saved");
    }
    saved = slurp(in, "the editor's file");
  } // the folder is gone from here on
  const std::string text = strip_comment_lines(saved);
  if (text.empty()) {
    throw Invalid("the " + what + " is empty; nothing was saved");
  }
  if (text == strip_comment_lines(initial)) {
    throw Invalid("the " + what + " was left unchanged; nothing was saved");
  }
  return text;
}

} // namespace iop::app
