// writeFileAtomic / readWholeFile / makeDirectories: contents round trip, failed writes leave
// the existing file untouched, and no "<path>.tmp-*" files are ever left behind.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/io/atomic_file.h"
#include "engine/io/file_error.h"

using namespace emergence::engine;
namespace fs = std::filesystem;

namespace {

fs::path freshDir(const std::string& tag) {
  static int counter = 0;
  fs::path d = fs::temp_directory_path() /
               ("atomic_test_" + tag + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

template <class F>
std::string fileErrorOf(F&& f) {
  try {
    f();
  } catch (const FileError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(AtomicFile, WritesReadsAndOverwrites) {
  fs::path dir = freshDir("basic");
  std::string path = (dir / "data.bin").string();
  std::string binary("a\0b\xff\n\r", 6);
  writeFileAtomic(path, binary);
  EXPECT_EQ(readWholeFile(path), binary);
  writeFileAtomic(path, "second version");
  EXPECT_EQ(readWholeFile(path), "second version");
  writeFileAtomic(path, "");
  EXPECT_EQ(readWholeFile(path), "");
  std::string big(3 << 20, 'x');
  writeFileAtomic(path, big);
  EXPECT_EQ(readWholeFile(path), big);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  EXPECT_EQ(entries(dir), std::vector<std::string>{"data.bin"});  // no temporaries left
  fs::remove_all(dir);
}

TEST(AtomicFile, RelativePathInCurrentDirectory) {
  fs::path dir = freshDir("relative");
  fs::path old = fs::current_path();
  fs::current_path(dir);
  writeFileAtomic("plain.txt", "hello");
  EXPECT_EQ(readWholeFile("plain.txt"), "hello");
  fs::current_path(old);
  EXPECT_EQ(entries(dir), std::vector<std::string>{"plain.txt"});
  fs::remove_all(dir);
}

TEST(AtomicFile, PathIsDirectoryFailsAndLeavesNothing) {
  fs::path dir = freshDir("isdir");
  fs::create_directories(dir / "target");
  std::ofstream(dir / "target" / "inside.txt") << "keep";
  std::string path = (dir / "target").string();
  std::string msg = fileErrorOf([&] { writeFileAtomic(path, "data"); });
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
  EXPECT_TRUE(fs::is_directory(dir / "target"));
  EXPECT_EQ(slurp(dir / "target" / "inside.txt"), "keep");
  EXPECT_EQ(entries(dir), std::vector<std::string>{"target"});
  fs::remove_all(dir);
}

TEST(AtomicFile, MissingDirectoryFails) {
  fs::path dir = freshDir("missing");
  std::string path = (dir / "no" / "such" / "file.txt").string();
  std::string msg = fileErrorOf([&] { writeFileAtomic(path, "data"); });
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
  EXPECT_TRUE(entries(dir).empty());
  fs::remove_all(dir);
}

// A write that fails half way (file size limit → EFBIG, which also stops root) must leave the
// previous contents intact and remove the temporary file.
TEST(AtomicFile, FailedWriteLeavesExistingFileUntouched) {
  fs::path dir = freshDir("efbig");
  std::string path = (dir / "weights.npz").string();
  writeFileAtomic(path, "old contents");
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = saved;
  small.rlim_cur = 1024;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  std::string msg = fileErrorOf([&] { writeFileAtomic(path, std::string(100000, 'n')); });
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, oldHandler);
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
  EXPECT_NE(msg.find("write failed"), std::string::npos) << msg;
  EXPECT_EQ(readWholeFile(path), "old contents");
  EXPECT_EQ(entries(dir), std::vector<std::string>{"weights.npz"});
  fs::remove_all(dir);
}

TEST(AtomicFile, ReadOnlyDirectoryLeavesExistingFileUntouched) {
  fs::path dir = freshDir("readonly");
  fs::create_directories(dir / "ro");
  std::string path = (dir / "ro" / "config.json").string();
  writeFileAtomic(path, "{\"old\": true}");
  fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
  std::string probe = (dir / "ro" / "probe").string();
  bool writable = std::ofstream(probe).good();  // root ignores permissions
  if (writable) {
    fs::remove(probe);
    fs::permissions(dir / "ro", fs::perms::owner_all);
    fs::remove_all(dir);
    GTEST_SKIP() << "running with privileges that bypass directory permissions";
  }
  std::string msg = fileErrorOf([&] { writeFileAtomic(path, "new"); });
  fs::permissions(dir / "ro", fs::perms::owner_all);
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
  EXPECT_EQ(readWholeFile(path), "{\"old\": true}");
  EXPECT_EQ(entries(dir / "ro"), std::vector<std::string>{"config.json"});
  fs::remove_all(dir);
}

TEST(AtomicFile, ReadMissingFileNamesPathAndReason) {
  fs::path dir = freshDir("read");
  std::string path = (dir / "absent.json").string();
  try {
    readWholeFile(path);
    FAIL() << "expected FileError";
  } catch (const FileError& e) {
    EXPECT_EQ(e.path(), path);
    EXPECT_EQ(e.field(), "");
    EXPECT_EQ(std::string(e.what()), path + ": cannot open: No such file or directory");
  }
  EXPECT_THROW(readWholeFile(dir.string()), FileError);  // a directory is not a file
  fs::remove_all(dir);
}

TEST(AtomicFile, MakeDirectories) {
  fs::path dir = freshDir("mkdir");
  std::string nested = (dir / "a" / "b" / "c").string();
  makeDirectories(nested);
  EXPECT_TRUE(fs::is_directory(nested));
  makeDirectories(nested);  // existing is fine
  writeFileAtomic((dir / "file").string(), "x");
  std::string msg = fileErrorOf([&] { makeDirectories((dir / "file" / "sub").string()); });
  EXPECT_NE(msg.find((dir / "file" / "sub").string()), std::string::npos) << msg;
  msg = fileErrorOf([&] { makeDirectories((dir / "file").string()); });
  EXPECT_NE(msg.find("cannot create directory"), std::string::npos) << msg;
  fs::remove_all(dir);
}

TEST(AtomicFile, FileErrorFormat) {
  EXPECT_STREQ(FileError("a/b.json", "x.y", "bad").what(), "a/b.json: x.y: bad");
  EXPECT_STREQ(FileError("a/b.json", "", "bad").what(), "a/b.json: bad");
  FileError e("p", "f", "r");
  EXPECT_EQ(e.path(), "p");
  EXPECT_EQ(e.field(), "f");
  EXPECT_EQ(e.reason(), "r");
}
