// NpzReader::parse: validation of the zip container and the .npy entries.
//
// Zip (PKWARE APPNOTE), fields little-endian:
//   local header   "PK\3\4" ver flags method time date crc32 csize usize nlen xlen name [data]
//   central entry  "PK\1\2" made ver flags method time date crc32 csize usize nlen xlen clen
//                  disk iattr eattr offset name extra comment
//   end record     "PK\5\6" disk cddisk n_here n_total cdsize cdoffset clen comment
//   zip64: extra field id 0x0001 holds the 8-byte usize/csize/offset that read 0xFFFFFFFF;
//          the zip64 end record ("PK\6\6") is found through its locator ("PK\6\7") right
//          before the end record. numpy.savez writes zip64 local headers.
// Entries may be stored (method 0) or deflated (method 8, raw deflate); the CRC-32 of the
// uncompressed bytes is checked against the central directory.
// .npy: magic "\x93NUMPY", version 1.0 (uint16 header length) or 2.0/3.0 (uint32), then a
// Python dict literal {'descr': ..., 'fortran_order': ..., 'shape': (...)} and the raw data,
// whose length must equal product(shape) * itemsize. Fortran-ordered arrays are permuted to C
// order; object (pickled), structured and big-endian dtypes are refused.
#include <zlib.h>

#include <cctype>
#include <cstring>
#include <optional>

#include "engine/io/atomic_file.h"
#include "engine/io/file_error.h"
#include "engine/io/npz.h"
#include "engine/io/npz_format.h"

namespace emergence::engine {

using namespace npz_detail;

namespace {

struct Cursor {
  const std::string& b;
  uint64_t u(uint64_t at, int n) const {
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
  }
  bool fits(uint64_t at, uint64_t n) const { return at <= b.size() && n <= b.size() - at; }
};

struct HeaderDict {
  std::optional<std::string> descr;
  std::optional<bool> fortran;
  std::optional<std::vector<int64_t>> shape;
};

// Parses the Python-literal dict of a .npy header. Returns "" on success, else a reason.
std::string parseHeaderDict(const std::string& h, HeaderDict& out) {
  size_t i = 0;
  auto ws = [&] { while (i < h.size() && std::isspace(static_cast<unsigned char>(h[i]))) ++i; };
  auto str = [&](std::string& s) {
    char q = h[i++];
    size_t end = h.find(q, i);
    if (end == std::string::npos) return false;
    s = h.substr(i, end - i);
    i = end + 1;
    return true;
  };
  ws();
  if (i >= h.size() || h[i++] != '{') return "header is not a dict";
  for (;;) {
    ws();
    if (i < h.size() && h[i] == '}') break;
    std::string key;
    if (i >= h.size() || (h[i] != '\'' && h[i] != '"') || !str(key)) return "bad key in header";
    ws();
    if (i >= h.size() || h[i++] != ':') return "expected ':' after '" + key + "' in header";
    ws();
    if (i >= h.size()) return "header ends early";
    if (key == "descr") {
      if (h[i] == '[') return "structured dtypes are not supported";
      std::string d;
      if ((h[i] != '\'' && h[i] != '"') || !str(d)) return "'descr' is not a string";
      out.descr = d;
    } else if (key == "fortran_order") {
      if (h.compare(i, 4, "True") == 0) out.fortran = true, i += 4;
      else if (h.compare(i, 5, "False") == 0) out.fortran = false, i += 5;
      else return "'fortran_order' is not True/False";
    } else if (key == "shape") {
      if (h[i++] != '(') return "'shape' is not a tuple";
      std::vector<int64_t> s;
      for (;;) {
        ws();
        if (i < h.size() && h[i] == ')') { ++i; break; }
        if (i >= h.size() || !std::isdigit(static_cast<unsigned char>(h[i])))
          return "'shape' must hold non-negative integers";
        int64_t v = 0;
        while (i < h.size() && std::isdigit(static_cast<unsigned char>(h[i]))) {
          if (v > (int64_t(1) << 50)) return "'shape' dimension too large";
          v = v * 10 + (h[i++] - '0');
        }
        if (i < h.size() && h[i] == 'L') ++i;  // Python 2 long suffix
        s.push_back(v);
        ws();
        if (i < h.size() && h[i] == ',') ++i;
        else if (i >= h.size() || h[i] != ')') return "bad 'shape' tuple";
      }
      out.shape = s;
    } else {
      return "unexpected key '" + key + "' in header";
    }
    ws();
    if (i < h.size() && h[i] == ',') ++i;
    else if (i >= h.size() || h[i] != '}') return "expected ',' or '}' in header";
  }
  if (!out.descr || !out.fortran || !out.shape)
    return "header lacks 'descr', 'fortran_order' or 'shape'";
  return "";
}

// Fortran-ordered data → C order (general N-D axis reversal).
std::vector<uint8_t> fortranToC(const std::vector<uint8_t>& src, const std::vector<int64_t>& shape,
                                int64_t count, int64_t item) {
  std::vector<uint8_t> dst(src.size());
  std::vector<int64_t> idx(shape.size(), 0);
  for (int64_t c = 0; c < count; ++c) {
    int64_t f = 0, stride = 1;
    for (size_t k = 0; k < shape.size(); ++k) { f += idx[k] * stride; stride *= shape[k]; }
    std::memcpy(&dst[c * item], &src[f * item], item);
    for (int k = static_cast<int>(shape.size()) - 1; k >= 0; --k) {
      if (++idx[k] < shape[k]) break;
      idx[k] = 0;
    }
  }
  return dst;
}

NpyArray parseNpy(const std::string& d, const std::string& path, const std::string& name) {
  auto fail = [&](const std::string& why) -> void { throw FileError(path, name, why); };
  if (d.size() < 10 || d.compare(0, 6, "\x93NUMPY") != 0) fail("not a .npy array (bad magic)");
  int major = static_cast<unsigned char>(d[6]), minor = static_cast<unsigned char>(d[7]);
  if (major < 1 || major > 3 || minor != 0)
    fail("unsupported .npy version " + std::to_string(major) + "." + std::to_string(minor));
  Cursor c{d};
  uint64_t headerStart = major == 1 ? 10 : 12;
  if (d.size() < headerStart) fail("truncated .npy header");
  uint64_t headerLen = c.u(8, major == 1 ? 2 : 4);
  if (!c.fits(headerStart, headerLen)) fail("truncated .npy header");
  std::string header = d.substr(headerStart, headerLen);
  HeaderDict dict;
  std::string why = parseHeaderDict(header, dict);
  if (!why.empty()) fail("bad .npy header: " + why);
  NpyArray a{*dict.descr, *dict.shape, {}};
  if (a.dtype.size() >= 2 && a.dtype[1] == 'O')
    fail("dtype '" + a.dtype + "' holds pickled Python objects, which are not supported");
  if (a.dtype[0] == '=') a.dtype[0] = '<';
  int64_t item = itemSize(a.dtype), count = 0;
  if (item < 0) fail("unsupported dtype '" + a.dtype + "'");
  if (a.dtype[0] == '>' && item > 1) fail("big-endian dtype '" + a.dtype + "' is not supported");
  if (!productOf(a.shape, count) || __builtin_mul_overflow(count, item, &count))
    fail("shape " + shapeText(a.shape) + " is too large");
  uint64_t have = d.size() - headerStart - headerLen;
  if (have != static_cast<uint64_t>(count))
    fail("data length mismatch: shape " + shapeText(a.shape) + " of '" + a.dtype + "' needs " +
         std::to_string(count) + " bytes, found " + std::to_string(have));
  a.bytes.assign(d.begin() + static_cast<std::ptrdiff_t>(headerStart + headerLen), d.end());
  if (*dict.fortran && a.shape.size() > 1)
    a.bytes = fortranToC(a.bytes, a.shape, count / item, item);
  return a;
}

std::string inflateRaw(const std::string& in, uint64_t outSize, const std::string& path,
                       const std::string& name) {
  std::string out(outSize, '\0');
  z_stream z{};
  if (inflateInit2(&z, -15) != Z_OK) throw FileError(path, name, "zlib inflateInit failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(outSize);
  int rc = inflate(&z, Z_FINISH);
  uint64_t produced = z.total_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || produced != outSize)
    throw FileError(path, name, std::string("corrupt deflate data") +
                                    (z.msg ? std::string(" (") + z.msg + ")" : std::string()));
  return out;
}

std::string arrayName(const std::string& entry) {
  return entry.size() > 4 && entry.compare(entry.size() - 4, 4, ".npy") == 0
             ? entry.substr(0, entry.size() - 4) : entry;
}

// No end record: walk the local headers to say which array the file was cut in.
[[noreturn]] void diagnoseTruncation(const std::string& b, const std::string& path) {
  Cursor c{b};
  uint64_t at = 0;
  while (c.fits(at, 4) && c.u(at, 4) == kLocalSig) {
    if (!c.fits(at, 30)) break;
    uint64_t nlen = c.u(at + 26, 2), xlen = c.u(at + 28, 2), csize = c.u(at + 18, 4);
    std::string name = c.fits(at + 30, nlen) ? arrayName(b.substr(at + 30, nlen)) : "";
    if (!c.fits(at + 30, nlen + xlen))
      throw FileError(path, name, "file truncated inside a zip header");
    for (uint64_t x = at + 30 + nlen; x + 4 <= at + 30 + nlen + xlen;) {
      uint64_t id = c.u(x, 2), len = c.u(x + 2, 2);
      if (id == 1 && csize == 0xffffffffu && len >= 16 && c.fits(x + 4, 16)) csize = c.u(x + 12, 8);
      x += 4 + len;
    }
    uint64_t start = at + 30 + nlen + xlen;
    if (!c.fits(start, csize))
      throw FileError(path, name, "file truncated: array data needs " + std::to_string(csize) +
                                      " bytes, only " + std::to_string(b.size() - start) + " present");
    at = start + csize;
  }
  if (at == 0) throw FileError(path, "", "not a zip archive (no end-of-central-directory record)");
  throw FileError(path, "", "file truncated: zip central directory is missing or incomplete");
}

}  // namespace

NpzReader NpzReader::load(const std::string& path) { return parse(readWholeFile(path), path); }

NpzReader NpzReader::parse(const std::string& b, const std::string& path) {
  Cursor c{b};
  if (b.size() < 4 || (c.u(0, 4) != kLocalSig && c.u(0, 4) != kEndSig))
    throw FileError(path, "", "not a zip archive (bad signature)");
  // End record: last "PK\5\6" whose comment runs exactly to the end of the file.
  int64_t end = -1;
  for (int64_t at = static_cast<int64_t>(b.size()) - 22;
       at >= 0 && at >= static_cast<int64_t>(b.size()) - 22 - 0xffff; --at)
    if (c.u(at, 4) == kEndSig && at + 22 + c.u(at + 20, 2) == b.size()) { end = at; break; }
  if (end < 0) diagnoseTruncation(b, path);
  uint64_t count = c.u(end + 10, 2), cdSize = c.u(end + 12, 4), cdOffset = c.u(end + 16, 4);
  uint64_t cdLimit = end;
  if (count == 0xffff || cdSize == 0xffffffffu || cdOffset == 0xffffffffu) {
    if (end < 20 || c.u(end - 20, 4) != kZip64LocatorSig)
      throw FileError(path, "", "zip64 end-of-central-directory locator missing");
    uint64_t z = c.u(end - 20 + 8, 8);
    if (!c.fits(z, 56) || c.u(z, 4) != kZip64EndSig)
      throw FileError(path, "", "corrupt zip64 end-of-central-directory record");
    count = c.u(z + 32, 8), cdSize = c.u(z + 40, 8), cdOffset = c.u(z + 48, 8);
    cdLimit = z;
  }
  if (cdOffset > cdLimit || cdSize > cdLimit - cdOffset)
    throw FileError(path, "", "corrupt zip: central directory lies outside the file");
  NpzReader r;
  r.m_path = path;
  uint64_t at = cdOffset;
  for (uint64_t e = 0; e < count; ++e) {
    if (!c.fits(at, 46) || at + 46 > cdOffset + cdSize || c.u(at, 4) != kCentralSig)
      throw FileError(path, "", "corrupt zip: bad central directory entry " + std::to_string(e));
    const uint64_t flags = c.u(at + 8, 2), method = c.u(at + 10, 2), crc = c.u(at + 16, 4);
    uint64_t csize = c.u(at + 20, 4), usize = c.u(at + 24, 4), local = c.u(at + 42, 4);
    const uint64_t nlen = c.u(at + 28, 2), xlen = c.u(at + 30, 2), clen = c.u(at + 32, 2);
    if (!c.fits(at + 46, nlen + xlen + clen))
      throw FileError(path, "", "corrupt zip: central directory entry runs past the end");
    const std::string entry = b.substr(at + 46, nlen), name = arrayName(entry);
    for (uint64_t x = at + 46 + nlen; x + 4 <= at + 46 + nlen + xlen;) {  // zip64 extra field
      uint64_t id = c.u(x, 2), len = c.u(x + 2, 2), p = x + 4;
      if (id == 1) {
        auto take = [&](uint64_t& v) {
          if (v != 0xffffffffu) return;
          if (p + 8 > x + 4 + len || p + 8 > at + 46 + nlen + xlen)
            throw FileError(path, name, "corrupt zip64 extra field");
          v = c.u(p, 8), p += 8;
        };
        take(usize), take(csize), take(local);
      }
      x += 4 + len;
    }
    at += 46 + nlen + xlen + clen;
    if (entry.size() <= 4 || name.size() + 4 != entry.size())
      throw FileError(path, entry, "zip entry is not a .npy array");
    if (r.contains(name)) throw FileError(path, name, "duplicate array in archive");
    if (flags & 1) throw FileError(path, name, "encrypted zip entries are not supported");
    if (method != 0 && method != 8)
      throw FileError(path, name, "unsupported zip compression method " + std::to_string(method));
    if (!c.fits(local, 30) || c.u(local, 4) != kLocalSig || c.u(local + 26, 2) != nlen ||
        !c.fits(local + 30, nlen) || b.compare(local + 30, nlen, entry) != 0)
      throw FileError(path, name, "corrupt zip: local header does not match central directory");
    const uint64_t start = local + 30 + nlen + c.u(local + 28, 2);
    if (start > cdOffset || csize > cdOffset - start)
      throw FileError(path, name, "corrupt zip: entry data runs past the central directory");
    if ((method == 0 && csize != usize) || (method == 8 && usize > csize * 1100 + 4096))
      throw FileError(path, name, "corrupt zip: implausible entry sizes");
    std::string data = b.substr(start, csize);
    if (method == 8) data = inflateRaw(data, usize, path, name);
    if (crcOf(data.data(), data.size()) != crc)
      throw FileError(path, name, "CRC-32 mismatch (file is corrupted)");
    r.m_arrays.emplace_back(name, parseNpy(data, path, name));
  }
  return r;
}
}  // namespace emergence::engine
