#pragma once
// NumPy .npz archives (zip of .npy v1.0 files, C order, little-endian, no pickles), readable
// with numpy.load(path). Written atomically. Reading validates the zip structure, CRC-32, the
// .npy header (magic, version, dict with 'descr', 'fortran_order', 'shape') and the data length;
// every problem throws FileError(path, "<array name>", reason).
// Supported dtypes: '<f4' float, '<f8' double, '<i4' int32, '<i8' int64, '|u1' uint8.
#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace emergence::engine {

struct NpyArray {
  std::string dtype;             // numpy descr, e.g. "<f4"
  std::vector<int64_t> shape;    // C order; {} is a scalar
  std::vector<uint8_t> bytes;    // raw little-endian data, product(shape)·itemsize bytes
  int64_t elementCount() const;
};

class NpzWriter {
 public:
  // Shapes are C order. A column-major Eigen matrix M (rows × cols) is written as a C-order
  // array of shape {rows, cols} (transposed in memory while writing) so numpy sees M itself.
  void add(const std::string& name, const Eigen::MatrixXf& m);
  void add(const std::string& name, const Eigen::MatrixXd& m);
  void add(const std::string& name, const Eigen::VectorXf& v);   // shape {n}
  void add(const std::string& name, const Eigen::VectorXd& v);   // shape {n}
  void add(const std::string& name, const Eigen::VectorXi& v);   // int32, shape {n}
  void add(const std::string& name, const std::vector<double>& v, std::vector<int64_t> shape);
  void add(const std::string& name, const std::vector<float>& v, std::vector<int64_t> shape);
  void add(const std::string& name, const std::vector<int64_t>& v, std::vector<int64_t> shape);
  void add(const std::string& name, const std::vector<int32_t>& v, std::vector<int64_t> shape);
  void addScalar(const std::string& name, double value);  // '<f8', shape {}
  void addScalar(const std::string& name, int64_t value); // '<i8', shape {}
  void addRaw(const std::string& name, NpyArray a);       // throws std::invalid_argument if size mismatch
  // Serialises (stored or deflated zip entries) and writes atomically.
  void save(const std::string& path) const;
  std::string serialize() const;

 private:
  std::vector<std::pair<std::string, NpyArray>> m_arrays;
};

class NpzReader {
 public:
  static NpzReader load(const std::string& path);  // throws FileError
  static NpzReader parse(const std::string& bytes, const std::string& pathForMessages);
  const std::string& path() const { return m_path; }
  bool contains(const std::string& name) const;
  std::vector<std::string> names() const;
  const NpyArray& array(const std::string& name) const;  // FileError "missing array"
  // Typed access with validation of shape; any float/double/int dtype is converted.
  // expectedRows/Cols < 0 accept any size. Errors: FileError(path, name, "expected shape
  // (100, 100), got (100, 3)") / "expected a 2-D array" / "dtype '<c8' is not numeric".
  Eigen::MatrixXf matrixF(const std::string& name, int expectedRows = -1, int expectedCols = -1) const;
  Eigen::MatrixXd matrixD(const std::string& name, int expectedRows = -1, int expectedCols = -1) const;
  Eigen::VectorXf vectorF(const std::string& name, int expectedSize = -1) const;
  Eigen::VectorXd vectorD(const std::string& name, int expectedSize = -1) const;
  std::vector<int64_t> integers(const std::string& name) const;  // any integer dtype, flattened
  double scalar(const std::string& name) const;                 // shape {} or {1}

 private:
  std::string m_path;
  std::vector<std::pair<std::string, NpyArray>> m_arrays;
};

}  // namespace emergence::engine
