// A file written whole or not at all (include/iop/atomic_file.hpp): a temporary file beside the
// target, buffered writes, fsync, then rename (or link, which never replaces) and a folder fsync.
#include "iop/atomic_file.hpp"

#include "iop/errors.hpp"

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace iop {

namespace {

constexpr std::size_t k_buffer_size = 256 * 1024; // few system calls, little memory

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path, int error) {
  throw Error("cannot " + what + " " + path.string() + ": " + std::strerror(error));
}

std::filesystem::path folder_of(const std::filesystem::path& path) {
  return path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
}

std::string temp_prefix(const std::filesystem::path& path) {
  return "." + path.filename().string() + ".tmp-";
}

std::filesystem::path temp_name(const std::filesystem::path& path) {
  static std::atomic<unsigned> counter{0};
  return folder_of(path) / (temp_prefix(path) + std::to_string(::getpid()) + "-" + std::to_string(counter++));
}

// The rename is only durable once the folder's entry is on disk too.
void sync_folder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) {
    fail("open folder", folder, errno);
  }
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0 && error != EINVAL) { // some file systems cannot sync a folder: nothing more to do
    fail("flush folder", folder, error);
  }
}

void write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail("write", path, errno);
    }
    done += static_cast<std::size_t>(n);
  }
}

} // namespace

bool left_unplaced(const std::filesystem::path& target) {
  std::error_code error;
  if (std::filesystem::exists(std::filesystem::symlink_status(target, error))) { // ENOENT sets error too
    return false;
  }
  const std::string prefix = temp_prefix(target);
  for (std::filesystem::directory_iterator it(folder_of(target), error), end; !error && it != end;
       it.increment(error)) {
    if (it->path().filename().string().rfind(prefix, 0) == 0) {
      return true;
    }
  }
  return false;
}

void check_file_target(const std::filesystem::path& target, bool overwrite) {
  std::error_code error;
  const auto folder = folder_of(target);
  if (!std::filesystem::is_directory(folder, error)) {
    throw NotFound("no folder " + folder.string() + " for " + target.filename().string(),
                   "create it first (mkdir -p " + folder.string() + ") or choose another path");
  }
  const auto status = std::filesystem::symlink_status(target, error);
  if (error || !std::filesystem::exists(status)) {
    return;
  }
  if (std::filesystem::is_directory(status)) {
    throw Invalid(target.string() + " is a folder", "give the path of a file");
  }
  if (!overwrite) {
    throw Conflict(target.string() + " already exists", "choose another name, or --force to replace it");
  }
  if (!std::filesystem::is_regular_file(status)) {
    throw Invalid(target.string() + " is not a regular file (a device, pipe or link), so it is never replaced",
                  "name a plain file");
  }
}

AtomicFile::AtomicFile(std::filesystem::path path, bool overwrite)
    : m_target(std::move(path)), m_temp(temp_name(m_target)), m_overwrite(overwrite) {
  check_file_target(m_target, overwrite);
  m_fd = ::open(m_temp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (m_fd < 0) {
    fail("create", m_temp, errno);
  }
}

std::unique_ptr<AtomicFile> AtomicFile::scratch() {
  std::unique_ptr<AtomicFile> f(new AtomicFile());
  std::string name = (std::filesystem::temp_directory_path() / "iop-batch-XXXXXX").string();
  f->m_fd = ::mkostemp(name.data(), O_CLOEXEC); // mode 0600
  if (f->m_fd < 0) {
    fail("create", name, errno);
  }
  ::unlink(name.c_str()); // nothing to clean up after a crash
  return f;
}

AtomicFile::~AtomicFile() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
  if (!m_placed && !m_temp.empty()) {
    ::unlink(m_temp.c_str());
  }
}

void AtomicFile::write(std::string_view bytes) {
  m_size += bytes.size();
  if (m_buffer.size() + bytes.size() > k_buffer_size) {
    flush_buffer();
    if (bytes.size() >= k_buffer_size) {
      write_all(m_fd, bytes, m_temp);
      return;
    }
  }
  if (m_buffer.capacity() < k_buffer_size) {
    m_buffer.reserve(k_buffer_size);
  }
  m_buffer += bytes;
}

void AtomicFile::flush_buffer() {
  write_all(m_fd, m_buffer, m_temp);
  m_buffer.clear();
}

void AtomicFile::sync() {
  flush_buffer();
  if (!m_temp.empty() && ::fsync(m_fd) != 0) {
    fail("flush", m_temp, errno);
  }
}

void AtomicFile::read(const std::function<void(std::string_view)>& piece, std::size_t chunk) const {
  std::string buffer(chunk, '\0');
  std::uint64_t offset = 0;
  while (offset < m_size) {
    const ssize_t n = ::pread(m_fd, buffer.data(), buffer.size(), static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail("read back", m_temp.empty() ? std::filesystem::path("a scratch file") : m_temp, errno);
    }
    if (n == 0) {
      throw Error("cannot read back " + m_temp.string() + ": it is shorter than what was written");
    }
    piece(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    offset += static_cast<std::uint64_t>(n);
  }
}

void AtomicFile::place() {
  if (m_temp.empty()) {
    throw Error("a scratch file is never placed");
  }
  flush_buffer();
  const int fd = m_fd;
  m_fd = -1;
  if (::close(fd) != 0) {
    fail("close", m_temp, errno);
  }
  if (m_overwrite) {
    if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
      fail("rename to", m_target, errno);
    }
  } else {
    // link() refuses an existing name, where rename() would replace it.
    if (::link(m_temp.c_str(), m_target.c_str()) != 0) {
      const int error = errno;
      if (error == EEXIST) {
        throw Conflict(m_target.string() + " already exists", "choose another name, or --force to replace it");
      }
      fail("create", m_target, error);
    }
    ::unlink(m_temp.c_str());
  }
  m_placed = true;
  sync_folder(folder_of(m_target));
}

std::function<void()> write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                                            bool defer_rename, bool overwrite) {
  auto file = std::make_shared<AtomicFile>(path, overwrite);
  file->write(bytes);
  file->sync(); // throws: `file` removes the temporary file
  auto finish = [file] { file->place(); };
  if (defer_rename) {
    return finish;
  }
  finish();
  return [] {};
}

} // namespace iop
