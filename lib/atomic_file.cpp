// A file written whole or not at all: bytes go to a temporary file beside the target (same
// folder, so the rename cannot cross file systems), are flushed to disk, then renamed into place
// and the folder entry flushed too. The rename may wait for a database commit (claim exports).
#include "iop/claim_export.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace iop {

namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path, int error) {
  throw Error("cannot " + what + " " + path.string() + ": " + std::strerror(error));
}

std::filesystem::path folder_of(const std::filesystem::path& path) {
  return path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
}

// The temporary file; removed when the last owner lets go before it was renamed into place.
class TempFile {
public:
  explicit TempFile(std::filesystem::path path) : m_path(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!m_moved) {
      ::unlink(m_path.c_str());
    }
  }
  const std::filesystem::path& path() const { return m_path; }
  void moved() { m_moved = true; }

private:
  std::filesystem::path m_path;
  bool m_moved = false;
};

std::filesystem::path temp_name(const std::filesystem::path& path) {
  static std::atomic<unsigned> counter{0};
  return folder_of(path) /
         ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
}

void write_all(int fd, const std::string& bytes, const std::filesystem::path& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      const int error = errno;
      ::close(fd);
      fail("write", path, error);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    fail("flush", path, error);
  }
  if (::close(fd) != 0) {
    fail("close", path, errno);
  }
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

void move_into_place(TempFile& temp, const std::filesystem::path& path, bool overwrite) {
  if (overwrite) {
    if (::rename(temp.path().c_str(), path.c_str()) != 0) {
      fail("rename to", path, errno);
    }
  } else {
    // link() refuses an existing name, where rename() would replace it.
    if (::link(temp.path().c_str(), path.c_str()) != 0) {
      const int error = errno;
      if (error == EEXIST) {
        throw Conflict(path.string() + " already exists", "choose another name, or --force to replace it");
      }
      fail("create", path, error);
    }
    ::unlink(temp.path().c_str());
  }
  temp.moved();
  sync_folder(folder_of(path));
}

} // namespace

std::function<void()> write_file_atomically(const std::filesystem::path& path, const std::string& bytes,
                                            bool defer_rename, bool overwrite) {
  if (!overwrite && std::filesystem::exists(path)) {
    throw Conflict(path.string() + " already exists", "choose another name, or --force to replace it");
  }
  const std::filesystem::path name = temp_name(path);
  const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    fail("create", name, errno);
  }
  auto temp = std::make_shared<TempFile>(name);
  write_all(fd, bytes, name); // throws: `temp` removes the file
  auto finish = [temp, path, overwrite] { move_into_place(*temp, path, overwrite); };
  if (defer_rename) {
    return finish;
  }
  finish();
  return [] {};
}

} // namespace iop
