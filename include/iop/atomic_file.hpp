// A file written whole or not at all: bytes go to a temporary file beside the target (same
// folder, so the rename cannot cross file systems), are flushed to disk, then renamed into place
// and the folder entry flushed too. The rename may wait for a database commit (claim exports).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace iop {

// Whether `target` may be written by a temporary file renamed into place, before any work is
// done: its folder must exist (iop::NotFound), it must not be a folder, a device, a pipe or a
// link (iop::Invalid: renaming would replace the name, e.g. /dev/stdout, for everyone), and
// without `overwrite` it must not exist (iop::Conflict).
void check_file_target(const std::filesystem::path& target, bool overwrite);

// Whether `target` is missing while a temporary file an AtomicFile made for it is still there:
// the writer stopped (was killed, lost power) after writing and before renaming into place.
bool left_unplaced(const std::filesystem::path& target);

// Written in pieces, read back, then placed. Every system failure is iop::Error with the
// system's reason; the temporary file is removed when the object goes without place().
class AtomicFile {
public:
  // Creates the temporary file beside `path`, mode 0600. Without `overwrite` an existing `path`
  // is refused now and at place() (link(), which never replaces a name): iop::Conflict.
  AtomicFile(std::filesystem::path path, bool overwrite);
  // A scratch file in the system's temporary folder, unlinked at once: it is written and read
  // back (a batch bound for stdout), never placed, and vanishes with the object or the process.
  static std::unique_ptr<AtomicFile> scratch();
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes); // buffered
  // Everything written is on disk (fsync; a scratch file is only flushed to the kernel).
  void sync();
  std::uint64_t size() const { return m_size; }
  // The temporary file's name, for a writer that opens it by name (SQLite writing a backup);
  // empty for a scratch file. sync() then flushes what that writer wrote too (same file).
  const std::filesystem::path& temp_path() const { return m_temp; }
  // What was written, from the start, in pieces of at most `chunk` bytes (sync() first).
  void read(const std::function<void(std::string_view)>& piece, std::size_t chunk = 256 * 1024) const;
  // Closes, renames (or links) into place and flushes the folder.
  void place();

private:
  AtomicFile() = default;
  void flush_buffer();
  std::filesystem::path m_target;
  std::filesystem::path m_temp; // empty for a scratch file (already unlinked)
  bool m_overwrite = true;
  int m_fd = -1;
  bool m_placed = false;
  std::uint64_t m_size = 0;
  std::string m_buffer;
};

// Writes `bytes` to `path` through an AtomicFile: a crash leaves the old file or the new one,
// never half of one. Returns the rename to run later when `defer_rename` is true (else it has
// run and the function returned does nothing). Without `overwrite` an existing `path` is never
// replaced: iop::Conflict. Any other failure: iop::Error with the system's reason, and the
// temporary file is removed.
std::function<void()> write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                                            bool defer_rename, bool overwrite = true);

} // namespace iop
