#pragma once
// Atomic whole-file writes: the bytes go to "<path>.tmp-<random>" in the same directory, are
// flushed (fsync), then renamed over <path>. A failed save leaves any existing <path> untouched
// and removes the temporary file. Errors throw FileError naming the path.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emergence::engine {

void writeFileAtomic(const std::string& path, std::string_view bytes);
// Whole file; throws FileError(path, "", "cannot open: <strerror>") when missing/unreadable.
std::string readWholeFile(const std::string& path);
// Creates the directory and its parents if needed; throws FileError on failure.
void makeDirectories(const std::string& path);
// Writes a group of files so that a failure leaves every existing file untouched: all bytes go
// first (atomically) to "<path>.pending"; only when every one succeeded are they renamed into
// place. Targets that are directories are refused before anything is written.
void writeFilesTogether(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace emergence::engine
