#pragma once
// Atomic whole-file writes: the bytes go to "<path>.tmp-<random>" in the same directory, are
// flushed (fsync), then renamed over <path>. A failed save leaves any existing <path> untouched
// and removes the temporary file. Errors throw FileError naming the path.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace emergence::engine {

void writeFileAtomic(const std::string& path, std::string_view bytes);
// Whole file; throws FileError(path, "", "cannot open: <strerror>") when missing/unreadable.
std::string readWholeFile(const std::string& path);
// Creates the directory and its parents if needed; throws FileError on failure.
void makeDirectories(const std::string& path);

}  // namespace emergence::engine
