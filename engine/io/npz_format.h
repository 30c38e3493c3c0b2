#pragma once
// Internal helpers shared by npz.cpp (writing, typed access) and npz_read.cpp (parsing).
// Not part of the public API.
#include <zlib.h>

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

namespace emergence::engine::npz_detail {

// Zip record signatures (little-endian "PK\3\4", "PK\1\2", "PK\5\6", "PK\6\6", "PK\6\7").
constexpr uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50;
constexpr uint32_t kZip64EndSig = 0x06064b50, kZip64LocatorSig = 0x07064b50;

// Bytes per element for a simple descr such as "<f8", "|u1", "<U5"; -1 if not understood.
inline int64_t itemSize(const std::string& d) {
  if (d.size() < 3 || std::string("<>|=").find(d[0]) == std::string::npos) return -1;
  size_t i = 2;
  int64_t n = 0;
  while (i < d.size() && std::isdigit(static_cast<unsigned char>(d[i])) && n < 1000000)
    n = n * 10 + (d[i++] - '0');
  if (i == 2 || n <= 0 || (i < d.size() && d[i] != '[')) return -1;
  return d[1] == 'U' ? n * 4 : n;
}

inline std::string shapeText(const std::vector<int64_t>& s) {
  std::string t = "(";
  for (size_t i = 0; i < s.size(); ++i) t += (i ? ", " : "") + std::to_string(s[i]);
  return t + (s.size() == 1 ? ",)" : ")");
}

inline bool productOf(const std::vector<int64_t>& shape, int64_t& out) {
  out = 1;
  for (int64_t d : shape)
    if (d < 0 || __builtin_mul_overflow(out, d, &out)) return false;
  return true;
}

inline uint32_t crcOf(const char* p, size_t n) {
  uLong c = crc32(0L, Z_NULL, 0);
  while (n > 0) {  // zlib takes uInt lengths
    uInt chunk = n > (1u << 30) ? (1u << 30) : static_cast<uInt>(n);
    c = crc32(c, reinterpret_cast<const Bytef*>(p), chunk);
    p += chunk;
    n -= chunk;
  }
  return static_cast<uint32_t>(c);
}

}  // namespace emergence::engine::npz_detail
