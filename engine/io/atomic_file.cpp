// Atomic whole-file writes (POSIX):
//   1. create "<path>.tmp-<16 hex digits>" in the target's directory (O_CREAT|O_EXCL, 0644),
//   2. write all bytes, fsync, close,
//   3. rename over <path> (atomic within one file system), then fsync the directory.
// Any failure removes the temporary file and leaves an existing <path> untouched.
#include "engine/io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

#include "engine/io/file_error.h"

namespace emergence::engine {

namespace {

std::string errnoText(int err) { return std::strerror(err); }

// Unique-enough suffix: random_device mixed with pid, time and a process-wide counter.
std::string randomSuffix() {
  static std::atomic<std::uint64_t> counter{0};
  std::uint64_t x = 0;
  try {
    std::random_device rd;
    x = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  } catch (...) {
  }
  x ^= static_cast<std::uint64_t>(::getpid()) * 0x9E3779B97F4A7C15ull;
  x ^= static_cast<std::uint64_t>(
      std::chrono::steady_clock::now().time_since_epoch().count());
  x += counter.fetch_add(1) * 0xBF58476D1CE4E5B9ull;
  // splitmix64 finaliser
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  x ^= x >> 31;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(x));
  return buf;
}

std::string parentDirectory(const std::string& path) {
  std::filesystem::path p(path);
  std::filesystem::path parent = p.parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// Best effort: make the rename itself durable.
void syncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    (void)::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

void writeFileAtomic(const std::string& path, std::string_view bytes) {
  if (path.empty()) throw FileError(path, "", "empty file name");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw FileError(path, "", "cannot write: is a directory");

  int fd = -1;
  std::string tmp;
  for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
    tmp = path + ".tmp-" + randomSuffix();
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST)
      throw FileError(path, "", "cannot create temporary file: " + errnoText(errno));
  }
  if (fd < 0) throw FileError(path, "", "cannot create a unique temporary file");

  auto failAndClean = [&](const std::string& what, int err) {
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    throw FileError(path, "", what + ": " + errnoText(err));
  };

  const char* data = bytes.data();
  std::size_t remaining = bytes.size();
  while (remaining > 0) {
    ssize_t n = ::write(fd, data, remaining);
    if (n < 0) {
      if (errno == EINTR) continue;
      failAndClean("write failed", errno);
    }
    data += n;
    remaining -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) failAndClean("fsync failed", errno);
  int closeResult = ::close(fd);
  fd = -1;
  if (closeResult != 0) failAndClean("close failed", errno);
  if (::rename(tmp.c_str(), path.c_str()) != 0) failAndClean("rename failed", errno);
  syncDirectory(parentDirectory(path));
}

std::string readWholeFile(const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path, "", "cannot open: " + errnoText(errno ? errno : ENOENT));
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw FileError(path, "", "cannot open: " + errnoText(EISDIR));
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) throw FileError(path, "", "read failed");
  return std::move(out).str();
}

void makeDirectories(const std::string& path) {
  if (path.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) throw FileError(path, "", "cannot create directory: " + ec.message());
  if (!std::filesystem::is_directory(path, ec))
    throw FileError(path, "", "cannot create directory: exists and is not a directory");
}

// Writes a group of files so that a failure leaves every existing file untouched: all bytes
// are first written (atomically) to "<path>.pending"; only when every one succeeded are they
// renamed into place. Targets that are directories are refused before anything is written.
void writeFilesTogether(const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [path, bytes] : files)
    if (std::filesystem::is_directory(path)) throw FileError(path, "", "is a directory; cannot save over it");
  std::vector<std::string> pending;
  try {
    for (const auto& [path, bytes] : files) {
      writeFileAtomic(path + ".pending", bytes);
      pending.push_back(path + ".pending");
    }
  } catch (...) {
    std::error_code ec;
    for (const auto& p : pending) std::filesystem::remove(p, ec);
    throw;
  }
  for (const auto& [path, bytes] : files) {
    std::error_code ec;
    std::filesystem::rename(path + ".pending", path, ec);
    if (ec) throw FileError(path, "", "cannot rename into place: " + ec.message());
  }
}

}  // namespace emergence::engine
