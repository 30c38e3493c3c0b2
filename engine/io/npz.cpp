// NumPy .npz writing (NpzWriter) and typed access to parsed arrays (NpzReader); the zip/.npy
// parser is in npz_read.cpp.
//
// Written layout: a zip archive with one stored (method 0, no zip64, < 4 GiB) entry
// "<name>.npy" per array, fixed timestamp 1980-01-01 00:00 so output is deterministic:
//   local header   "PK\3\4" ver flags method time date crc32 csize usize nlen xlen name [data]
//   central entry  "PK\1\2" made ver flags method time date crc32 csize usize nlen xlen clen
//                  disk iattr eattr offset name
//   end record     "PK\5\6" disk cddisk n_here n_total cdsize cdoffset clen
// Each entry is .npy v1.0: "\x93NUMPY" 0x01 0x00, uint16 header length, then the ASCII header
//   "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 5), }" padded with spaces and a
//   final '\n' so that the data starts at a multiple of 64; then the raw data in C order.
// Eigen matrices (column-major) are copied to row-major first so numpy sees the same matrix.
#include "engine/io/npz.h"

#include <bit>
#include <cstring>
#include <stdexcept>

#include "engine/io/atomic_file.h"
#include "engine/io/file_error.h"
#include "engine/io/npz_format.h"

namespace emergence::engine {

static_assert(std::endian::native == std::endian::little, "npz I/O assumes a little-endian host");

using namespace npz_detail;

namespace {

void put16(std::string& s, uint32_t v) { s += char(v & 0xff); s += char((v >> 8) & 0xff); }
void put32(std::string& s, uint32_t v) { put16(s, v & 0xffff); put16(s, v >> 16); }

std::string npyHeader(const NpyArray& a) {
  std::string dict = "{'descr': '" + a.dtype + "', 'fortran_order': False, 'shape': " +
                     shapeText(a.shape) + ", }";
  size_t total = 10 + dict.size() + 1;
  dict.append((64 - total % 64) % 64, ' ');
  dict += '\n';
  std::string h("\x93NUMPY\x01\x00", 8);
  put16(h, static_cast<uint32_t>(dict.size()));
  return h + dict;
}

template <class T>
NpyArray makeArray(const char* dtype, const T* data, int64_t n, std::vector<int64_t> shape) {
  NpyArray a{dtype, std::move(shape), {}};
  a.bytes.resize(static_cast<size_t>(n) * sizeof(T));
  if (n > 0) std::memcpy(a.bytes.data(), data, a.bytes.size());
  return a;
}

template <class Matrix>
NpyArray fromMatrix(const char* dtype, const Matrix& m) {
  using T = typename Matrix::Scalar;
  Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowMajor = m;  // C order
  return makeArray(dtype, rowMajor.data(), rowMajor.size(), {m.rows(), m.cols()});
}

template <class T>
std::vector<T> convertAll(const NpyArray& a, const std::string& path, const std::string& name) {
  const int64_t n = a.elementCount(), size = itemSize(a.dtype);
  const char kind = a.dtype.size() > 1 ? a.dtype[1] : '?';
  if (kind != 'f' && kind != 'i' && kind != 'u' && kind != 'b')
    throw FileError(path, name, "dtype '" + a.dtype + "' is not numeric");
  std::vector<T> out(static_cast<size_t>(n));
  const uint8_t* p = a.bytes.data();
  auto load = [&](auto tag, int64_t i) {
    decltype(tag) v;
    std::memcpy(&v, p + i * sizeof(v), sizeof(v));
    return static_cast<T>(v);
  };
  for (int64_t i = 0; i < n; ++i) {
    if (kind == 'f' && size == 4) out[i] = load(float{}, i);
    else if (kind == 'f' && size == 8) out[i] = load(double{}, i);
    else if (kind == 'i' && size == 1) out[i] = load(int8_t{}, i);
    else if (kind == 'i' && size == 2) out[i] = load(int16_t{}, i);
    else if (kind == 'i' && size == 4) out[i] = load(int32_t{}, i);
    else if (kind == 'i' && size == 8) out[i] = load(int64_t{}, i);
    else if ((kind == 'u' || kind == 'b') && size == 1) out[i] = load(uint8_t{}, i);
    else if (kind == 'u' && size == 2) out[i] = load(uint16_t{}, i);
    else if (kind == 'u' && size == 4) out[i] = load(uint32_t{}, i);
    else if (kind == 'u' && size == 8) out[i] = load(uint64_t{}, i);
    else throw FileError(path, name, "dtype '" + a.dtype + "' is not supported");
  }
  return out;
}

std::string expectedText(int a, int b) {
  auto t = [](int v) { return v < 0 ? std::string("*") : std::to_string(v); };
  return "(" + t(a) + ", " + t(b) + ")";
}

}  // namespace

int64_t NpyArray::elementCount() const {
  int64_t n = 0;
  return productOf(shape, n) ? n : -1;
}

// ---- writer ---------------------------------------------------------------------------------

void NpzWriter::add(const std::string& n, const Eigen::MatrixXf& m) { addRaw(n, fromMatrix("<f4", m)); }
void NpzWriter::add(const std::string& n, const Eigen::MatrixXd& m) { addRaw(n, fromMatrix("<f8", m)); }
void NpzWriter::add(const std::string& n, const Eigen::VectorXf& v) {
  addRaw(n, makeArray("<f4", v.data(), v.size(), {v.size()}));
}
void NpzWriter::add(const std::string& n, const Eigen::VectorXd& v) {
  addRaw(n, makeArray("<f8", v.data(), v.size(), {v.size()}));
}
void NpzWriter::add(const std::string& n, const Eigen::VectorXi& v) {
  static_assert(sizeof(int) == 4);
  addRaw(n, makeArray("<i4", v.data(), v.size(), {v.size()}));
}
void NpzWriter::add(const std::string& n, const std::vector<double>& v, std::vector<int64_t> s) {
  addRaw(n, makeArray("<f8", v.data(), static_cast<int64_t>(v.size()), std::move(s)));
}
void NpzWriter::add(const std::string& n, const std::vector<float>& v, std::vector<int64_t> s) {
  addRaw(n, makeArray("<f4", v.data(), static_cast<int64_t>(v.size()), std::move(s)));
}
void NpzWriter::add(const std::string& n, const std::vector<int64_t>& v, std::vector<int64_t> s) {
  addRaw(n, makeArray("<i8", v.data(), static_cast<int64_t>(v.size()), std::move(s)));
}
void NpzWriter::add(const std::string& n, const std::vector<int32_t>& v, std::vector<int64_t> s) {
  addRaw(n, makeArray("<i4", v.data(), static_cast<int64_t>(v.size()), std::move(s)));
}
void NpzWriter::addScalar(const std::string& n, double value) { addRaw(n, makeArray("<f8", &value, 1, {})); }
void NpzWriter::addScalar(const std::string& n, int64_t value) { addRaw(n, makeArray("<i8", &value, 1, {})); }

void NpzWriter::addRaw(const std::string& name, NpyArray a) {
  if (name.empty() || name.find('\0') != std::string::npos)
    throw std::invalid_argument("npz: invalid array name '" + name + "'");
  for (const auto& [existing, _] : m_arrays)
    if (existing == name) throw std::invalid_argument("npz: duplicate array name '" + name + "'");
  const int64_t item = itemSize(a.dtype);
  if (item < 0 || a.dtype[0] == '>' || (a.dtype.size() > 1 && a.dtype[1] == 'O'))
    throw std::invalid_argument("npz: array '" + name + "': unsupported dtype '" + a.dtype + "'");
  int64_t count = 0;
  if (!productOf(a.shape, count) || __builtin_mul_overflow(count, item, &count) ||
      static_cast<uint64_t>(count) != a.bytes.size())
    throw std::invalid_argument("npz: array '" + name + "': " + std::to_string(a.bytes.size()) +
                                " bytes do not match shape " + shapeText(a.shape) + " of '" +
                                a.dtype + "'");
  m_arrays.emplace_back(name, std::move(a));
}

std::string NpzWriter::serialize() const {
  if (m_arrays.size() > 0xfffe) throw std::length_error("npz: too many arrays for a zip archive");
  std::string out, central;
  for (const auto& [name, a] : m_arrays) {
    const std::string entry = name + ".npy";
    std::string data = npyHeader(a);
    data.append(reinterpret_cast<const char*>(a.bytes.data()), a.bytes.size());
    if (data.size() >= 0xffffffffu || out.size() >= 0xffffffffu || entry.size() > 0xffff)
      throw std::length_error("npz: array '" + name + "' does not fit a zip archive without zip64");
    const uint32_t crc = crcOf(data.data(), data.size()), size = static_cast<uint32_t>(data.size());
    const uint32_t offset = static_cast<uint32_t>(out.size());
    // Fixed time 00:00 and date 1980-01-01 keep the output deterministic.
    auto common = [&](std::string& s) {
      put16(s, 20); put16(s, 0); put16(s, 0); put16(s, 0); put16(s, 0x21);
      put32(s, crc); put32(s, size); put32(s, size);
      put16(s, static_cast<uint32_t>(entry.size())); put16(s, 0);
    };
    put32(out, kLocalSig);
    common(out);
    out += entry;
    out += data;
    put32(central, kCentralSig);
    put16(central, (3u << 8) | 20);  // made by: Unix, zip 2.0
    common(central);
    put16(central, 0); put16(central, 0); put16(central, 0);  // comment, disk, internal attr
    put32(central, 0100644u << 16);                            // external attr: regular 0644
    put32(central, offset);
    central += entry;
  }
  if (out.size() + central.size() >= 0xffffffffu)
    throw std::length_error("npz: archive too large for a zip archive without zip64");
  const uint32_t cdOffset = static_cast<uint32_t>(out.size());
  out += central;
  put32(out, kEndSig);
  put16(out, 0); put16(out, 0);
  put16(out, static_cast<uint32_t>(m_arrays.size())); put16(out, static_cast<uint32_t>(m_arrays.size()));
  put32(out, static_cast<uint32_t>(central.size())); put32(out, cdOffset);
  put16(out, 0);
  return out;
}

void NpzWriter::save(const std::string& path) const { writeFileAtomic(path, serialize()); }

// ---- reader: typed access (parsing is in npz_read.cpp) ----------------------------------

bool NpzReader::contains(const std::string& name) const {
  for (const auto& [n, _] : m_arrays)
    if (n == name) return true;
  return false;
}

std::vector<std::string> NpzReader::names() const {
  std::vector<std::string> out;
  for (const auto& [n, _] : m_arrays) out.push_back(n);
  return out;
}

const NpyArray& NpzReader::array(const std::string& name) const {
  for (const auto& [n, a] : m_arrays)
    if (n == name) return a;
  throw FileError(m_path, name, "missing array");
}

Eigen::MatrixXd NpzReader::matrixD(const std::string& name, int rows, int cols) const {
  const NpyArray& a = array(name);
  if (a.shape.size() != 2)
    throw FileError(m_path, name, "expected a 2-D array, got shape " + shapeText(a.shape));
  if ((rows >= 0 && a.shape[0] != rows) || (cols >= 0 && a.shape[1] != cols))
    throw FileError(m_path, name, "expected shape " + expectedText(rows, cols) + ", got " +
                                      shapeText(a.shape));
  std::vector<double> v = convertAll<double>(a, m_path, name);
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  return Eigen::Map<const RowMajor>(v.data(), a.shape[0], a.shape[1]);
}

Eigen::MatrixXf NpzReader::matrixF(const std::string& name, int rows, int cols) const {
  return matrixD(name, rows, cols).cast<float>();
}

Eigen::VectorXd NpzReader::vectorD(const std::string& name, int size) const {
  const NpyArray& a = array(name);
  if (a.shape.size() != 1)
    throw FileError(m_path, name, "expected a 1-D array, got shape " + shapeText(a.shape));
  if (size >= 0 && a.shape[0] != size)
    throw FileError(m_path, name, "expected shape (" + std::to_string(size) + ",), got " +
                                      shapeText(a.shape));
  std::vector<double> v = convertAll<double>(a, m_path, name);
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

Eigen::VectorXf NpzReader::vectorF(const std::string& name, int size) const {
  return vectorD(name, size).cast<float>();
}

std::vector<int64_t> NpzReader::integers(const std::string& name) const {
  const NpyArray& a = array(name);
  const char kind = a.dtype.size() > 1 ? a.dtype[1] : '?';
  if (kind != 'i' && kind != 'u' && kind != 'b')
    throw FileError(m_path, name, "expected an integer array, got dtype '" + a.dtype + "'");
  if (a.dtype == "<u8")
    for (uint64_t v : convertAll<uint64_t>(a, m_path, name))
      if (v > static_cast<uint64_t>(INT64_MAX)) throw FileError(m_path, name, "value exceeds int64");
  return convertAll<int64_t>(a, m_path, name);
}

double NpzReader::scalar(const std::string& name) const {
  const NpyArray& a = array(name);
  if (!(a.shape.empty() || (a.shape.size() == 1 && a.shape[0] == 1)))
    throw FileError(m_path, name, "expected a scalar, got shape " + shapeText(a.shape));
  return convertAll<double>(a, m_path, name)[0];
}

}  // namespace emergence::engine
