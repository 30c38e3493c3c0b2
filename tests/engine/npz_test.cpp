// NpzWriter / NpzReader: round trips of every dtype and shape, interoperability with numpy in
// both directions (/usr/bin/python3), and a FileError naming path, array and reason for every
// kind of damaged or unsupported input.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "engine/io/atomic_file.h"
#include "engine/io/file_error.h"
#include "engine/io/npz.h"

using namespace emergence::engine;
namespace fs = std::filesystem;

namespace {

fs::path freshDir(const std::string& tag) {
  static int counter = 0;
  fs::path d = fs::temp_directory_path() /
               ("npz_test_" + tag + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void writeBytes(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

int runPython(const fs::path& dir, const std::string& script) {
  fs::path py = dir / "script.py";
  writeBytes(py, script);
  return std::system(("/usr/bin/python3 '" + py.string() + "'").c_str());
}

// Expects `f` to throw a FileError whose message names the path, the field and the reason.
template <class F>
void expectFileError(F&& f, const std::string& path, const std::string& field,
                     const std::string& reasonPart) {
  try {
    f();
    ADD_FAILURE() << "no FileError; expected one about '" << field << "': " << reasonPart;
  } catch (const FileError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find(path), std::string::npos) << what;
    EXPECT_NE(what.find(field), std::string::npos) << what;
    EXPECT_EQ(e.field(), field) << what;
    EXPECT_NE(what.find(reasonPart), std::string::npos) << what;
  }
}

// Minimal stored-zip builder so tests can hand-craft .npy entries.
std::string storedZip(const std::vector<std::pair<std::string, std::string>>& entries) {
  auto p16 = [](std::string& s, uint32_t v) { s += char(v & 0xff); s += char(v >> 8); };
  auto p32 = [&](std::string& s, uint32_t v) { p16(s, v & 0xffff); p16(s, v >> 16); };
  std::string out, cd;
  for (const auto& [name, data] : entries) {
    uint32_t crc = crc32(0, reinterpret_cast<const Bytef*>(data.data()), data.size());
    uint32_t off = out.size();
    p32(out, 0x04034b50); p16(out, 20); p16(out, 0); p16(out, 0); p16(out, 0); p16(out, 0);
    p32(out, crc); p32(out, data.size()); p32(out, data.size()); p16(out, name.size()); p16(out, 0);
    out += name + data;
    p32(cd, 0x02014b50); p16(cd, 20); p16(cd, 20); p16(cd, 0); p16(cd, 0); p16(cd, 0); p16(cd, 0);
    p32(cd, crc); p32(cd, data.size()); p32(cd, data.size()); p16(cd, name.size());
    p16(cd, 0); p16(cd, 0); p16(cd, 0); p16(cd, 0); p32(cd, 0); p32(cd, off);
    cd += name;
  }
  uint32_t cdOff = out.size();
  out += cd;
  p32(out, 0x06054b50); p16(out, 0); p16(out, 0); p16(out, entries.size()); p16(out, entries.size());
  p32(out, cd.size()); p32(out, cdOff); p16(out, 0);
  return out;
}

std::string npy(const std::string& dict, const std::string& data) {
  std::string h = dict;
  while ((10 + h.size() + 1) % 64) h += ' ';
  h += '\n';
  std::string s("\x93NUMPY\x01\x00", 8);
  s += char(h.size() & 0xff);
  s += char(h.size() >> 8);
  return s + h + data;
}

Eigen::MatrixXd testMatrix(int rows, int cols) {
  Eigen::MatrixXd m(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) m(i, j) = 10.0 * i + j + 0.25;
  return m;
}

}  // namespace

TEST(NpzRoundTrip, NonSquareMatrixKeepsEveryElement) {
  fs::path dir = freshDir("matrix");
  std::string path = (dir / "m.npz").string();
  Eigen::MatrixXd W = testMatrix(3, 5);
  Eigen::MatrixXf F = testMatrix(4, 2).cast<float>();
  NpzWriter w;
  w.add("W", W);
  w.add("F", F);
  w.save(path);
  NpzReader r = NpzReader::load(path);
  EXPECT_EQ(r.names(), (std::vector<std::string>{"W", "F"}));
  EXPECT_EQ(r.array("W").dtype, "<f8");
  EXPECT_EQ(r.array("W").shape, (std::vector<int64_t>{3, 5}));
  EXPECT_EQ(r.array("F").dtype, "<f4");
  Eigen::MatrixXd W2 = r.matrixD("W", 3, 5);
  Eigen::MatrixXf F2 = r.matrixF("F", 4, 2);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 5; ++j) EXPECT_EQ(W2(i, j), W(i, j)) << i << "," << j;
  EXPECT_EQ(W2(1, 2), 12.25);
  EXPECT_TRUE(F2 == F);
  EXPECT_TRUE(r.matrixF("W") == W.cast<float>());  // double → float conversion
  fs::remove_all(dir);
}

TEST(NpzRoundTrip, EveryDtypeAndShape) {
  fs::path dir = freshDir("dtypes");
  std::string path = (dir / "all.npz").string();
  Eigen::VectorXf vf(3);
  vf << 1.5f, -2.0f, 3.25f;
  Eigen::VectorXd vd(4);
  vd << 0.1, 0.2, -0.3, 1e300;
  Eigen::VectorXi vi(3);
  vi << -7, 0, 2147483647;
  std::vector<double> cube(24);
  for (int k = 0; k < 24; ++k) cube[k] = k * 0.5;
  NpzWriter w;
  w.add("vf", vf);
  w.add("vd", vd);
  w.add("vi", vi);
  w.add("cube", cube, {2, 3, 4});
  w.add("f32", std::vector<float>{1, 2, 3, 4, 5, 6}, {2, 3});
  w.add("i64", std::vector<int64_t>{-1, 1LL << 40, 3, 4}, {2, 2});
  w.add("i32", std::vector<int32_t>{9, 8, 7}, {3});
  w.add("empty", std::vector<double>{}, {0, 3});
  w.add("emptyMatrix", Eigen::MatrixXd(0, 4));
  w.addScalar("lr", 0.001);
  w.addScalar("step", int64_t{123456789012});
  w.addRaw("u8", NpyArray{"|u1", {2, 3}, {0, 1, 2, 253, 254, 255}});
  w.save(path);

  NpzReader r = NpzReader::load(path);
  EXPECT_TRUE(r.vectorF("vf", 3) == vf);
  EXPECT_TRUE(r.vectorD("vd") == vd);
  EXPECT_EQ(r.array("vi").dtype, "<i4");
  EXPECT_EQ(r.integers("vi"), (std::vector<int64_t>{-7, 0, 2147483647}));
  EXPECT_EQ(r.array("cube").shape, (std::vector<int64_t>{2, 3, 4}));
  std::vector<double> cube2(24);
  std::memcpy(cube2.data(), r.array("cube").bytes.data(), 24 * sizeof(double));
  EXPECT_EQ(cube2, cube);
  Eigen::MatrixXf f32 = r.matrixF("f32", 2, 3);
  EXPECT_EQ(f32(1, 0), 4.0f);
  EXPECT_EQ(f32(0, 2), 3.0f);
  EXPECT_EQ(r.integers("i64"), (std::vector<int64_t>{-1, 1LL << 40, 3, 4}));
  EXPECT_EQ(r.matrixD("i64")(1, 0), 3.0);  // integers convert to floating point
  EXPECT_EQ(r.integers("i32"), (std::vector<int64_t>{9, 8, 7}));
  EXPECT_EQ(r.matrixD("empty").rows(), 0);
  EXPECT_EQ(r.matrixD("empty").cols(), 3);
  EXPECT_EQ(r.array("empty").elementCount(), 0);
  EXPECT_EQ(r.matrixD("emptyMatrix", 0, 4).size(), 0);
  EXPECT_TRUE(r.array("lr").shape.empty());
  EXPECT_EQ(r.array("lr").dtype, "<f8");
  EXPECT_EQ(r.scalar("lr"), 0.001);
  EXPECT_EQ(r.array("step").dtype, "<i8");
  EXPECT_EQ(r.integers("step"), std::vector<int64_t>{123456789012});
  EXPECT_EQ(r.array("u8").bytes, (std::vector<uint8_t>{0, 1, 2, 253, 254, 255}));
  EXPECT_EQ(r.matrixD("u8")(1, 2), 255.0);
  EXPECT_FALSE(r.contains("nope"));
  EXPECT_EQ(NpzWriter().serialize(), NpzWriter().serialize());
  EXPECT_EQ(NpzReader::parse(NpzWriter().serialize(), "empty.npz").names().size(), 0u);
  fs::remove_all(dir);
}

TEST(NpzWriter, RejectsInconsistentArrays) {
  NpzWriter w;
  EXPECT_THROW(w.addRaw("x", NpyArray{"<f8", {2, 2}, std::vector<uint8_t>(24)}), std::invalid_argument);
  EXPECT_THROW(w.add("x", std::vector<double>{1, 2, 3}, {2, 2}), std::invalid_argument);
  EXPECT_THROW(w.addRaw("o", NpyArray{"|O", {1}, std::vector<uint8_t>(8)}), std::invalid_argument);
  w.addScalar("a", 1.0);
  EXPECT_THROW(w.addScalar("a", 2.0), std::invalid_argument);
  EXPECT_THROW(w.addScalar("", 2.0), std::invalid_argument);
}

TEST(NpzNumpy, WrittenFileLoadsInNumpy) {
  fs::path dir = freshDir("to_numpy");
  std::string path = (dir / "w.npz").string();
  Eigen::MatrixXd W = testMatrix(3, 5);
  Eigen::VectorXi labels(4);
  labels << 3, 1, 4, 1;
  NpzWriter w;
  w.add("W", W);
  w.add("Wf", Eigen::MatrixXf(W.cast<float>()));
  w.add("labels", labels);
  w.add("cube", std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7}, {2, 2, 2});
  w.addScalar("lr", 0.5);
  w.addScalar("steps", int64_t{42});
  w.addRaw("u8", NpyArray{"|u1", {3}, {7, 8, 255}});
  w.save(path);
  std::string script =
      "import numpy as np\n"
      "d = np.load('" + path + "', allow_pickle=False)\n"
      "assert sorted(d.files) == sorted(['W', 'Wf', 'labels', 'cube', 'lr', 'steps', 'u8']), d.files\n"
      "assert d['W'].shape == (3, 5) and d['W'].dtype == np.float64\n"
      "assert abs(d['W'][1, 2] - " + std::to_string(W(1, 2)) + ") < 1e-6\n"
      "assert abs(d['W'][2, 4] - 24.25) < 1e-12 and abs(d['W'][0, 1] - 1.25) < 1e-12\n"
      "assert d['Wf'].dtype == np.float32 and d['Wf'].shape == (3, 5) and d['Wf'][2, 0] == 20.25\n"
      "assert d['labels'].dtype == np.int32 and list(d['labels']) == [3, 1, 4, 1]\n"
      "assert d['cube'].dtype == np.int64 and d['cube'][1, 0, 1] == 5\n"
      "assert d['lr'].shape == () and d['lr'] == 0.5\n"
      "assert d['steps'].shape == () and d['steps'].dtype == np.int64 and d['steps'] == 42\n"
      "assert d['u8'].dtype == np.uint8 and list(d['u8']) == [7, 8, 255]\n";
  EXPECT_EQ(runPython(dir, script), 0) << "numpy could not read " << path;
  fs::remove_all(dir);
}

TEST(NpzNumpy, ReadsSavezAndSavezCompressed) {
  fs::path dir = freshDir("from_numpy");
  std::string script =
      "import numpy as np\n"
      "W = np.arange(15, dtype=np.float64).reshape(3, 5) * 0.5 + 0.125\n"
      "arrays = dict(W=W, Wf=W.astype(np.float32), Wfort=np.asfortranarray(W),\n"
      "              cube=np.asfortranarray(np.arange(24).reshape(2, 3, 4)),\n"
      "              i32=np.array([1, -2, 3], dtype=np.int32), i16=np.array([-5, 6], dtype=np.int16),\n"
      "              u8=np.array([0, 255], dtype=np.uint8), b=np.array([True, False]),\n"
      "              s=np.float64(2.5), big=np.linspace(0.0, 1.0, 5000))\n"
      "assert not arrays['Wfort'].flags.c_contiguous\n"
      "np.savez('" + (dir / "plain.npz").string() + "', **arrays)\n"
      "np.savez_compressed('" + (dir / "compressed.npz").string() + "', **arrays)\n";
  ASSERT_EQ(runPython(dir, script), 0);
  for (const char* file : {"plain.npz", "compressed.npz"}) {
    SCOPED_TRACE(file);
    NpzReader r = NpzReader::load((dir / file).string());
    Eigen::MatrixXd W = r.matrixD("W", 3, 5);
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 5; ++j) EXPECT_EQ(W(i, j), (5 * i + j) * 0.5 + 0.125);
    EXPECT_TRUE(r.matrixD("Wfort", 3, 5) == W);  // fortran_order True is transposed correctly
    EXPECT_TRUE(r.matrixF("Wf", 3, 5) == W.cast<float>());
    std::vector<int64_t> cube = r.integers("cube");
    ASSERT_EQ(cube.size(), 24u);
    for (int k = 0; k < 24; ++k) EXPECT_EQ(cube[k], k);
    EXPECT_EQ(r.integers("i32"), (std::vector<int64_t>{1, -2, 3}));
    EXPECT_EQ(r.integers("i16"), (std::vector<int64_t>{-5, 6}));
    EXPECT_EQ(r.integers("u8"), (std::vector<int64_t>{0, 255}));
    EXPECT_EQ(r.integers("b"), (std::vector<int64_t>{1, 0}));
    EXPECT_EQ(r.scalar("s"), 2.5);
    Eigen::VectorXd big = r.vectorD("big", 5000);
    EXPECT_EQ(big(0), 0.0);
    EXPECT_EQ(big(4999), 1.0);
  }
  fs::remove_all(dir);
}

TEST(NpzNumpy, PickledObjectArrayIsRefused) {
  fs::path dir = freshDir("pickle");
  std::string path = (dir / "obj.npz").string();
  ASSERT_EQ(runPython(dir, "import numpy as np\n"
                           "np.savez('" + path + "', obj=np.array([{'a': 1}, None], dtype=object),"
                           " text=np.array(['ab', 'cde']))\n"), 0);
  expectFileError([&] { NpzReader::load(path); }, path, "obj", "pickled");
  fs::remove_all(dir);
}

TEST(NpzErrors, TruncatedFile) {
  fs::path dir = freshDir("trunc");
  std::string path = (dir / "t.npz").string();
  NpzWriter w;
  w.add("W", testMatrix(20, 30));
  std::string bytes = w.serialize();
  writeBytes(path, bytes.substr(0, bytes.size() / 2));
  expectFileError([&] { NpzReader::load(path); }, path, "W", "truncated");
  writeBytes(path, bytes.substr(0, bytes.size() - 30));  // cut inside the central directory
  expectFileError([&] { NpzReader::load(path); }, path, "", "truncated");
  fs::remove_all(dir);
}

TEST(NpzErrors, CorruptedByteFailsCrc) {
  NpzWriter w;
  w.add("a", testMatrix(2, 2));
  w.add("W", testMatrix(4, 4));
  std::string bytes = w.serialize();
  size_t at = bytes.find("W.npy");  // first hit: the local header's file name
  ASSERT_NE(at, std::string::npos);
  bytes[at + 5 + 128 + 17] ^= 0x10;  // a byte inside W's data
  expectFileError([&] { NpzReader::parse(bytes, "/x/corrupt.npz"); }, "/x/corrupt.npz", "W",
                  "CRC-32 mismatch");
}

TEST(NpzErrors, NotAZipAndMissingFile) {
  fs::path dir = freshDir("notzip");
  std::string path = (dir / "text.npz").string();
  writeBytes(path, "this is certainly not a zip archive\n");
  expectFileError([&] { NpzReader::load(path); }, path, "", "not a zip archive");
  writeBytes(path, "");
  expectFileError([&] { NpzReader::load(path); }, path, "", "not a zip archive");
  std::string missing = (dir / "absent.npz").string();
  expectFileError([&] { NpzReader::load(missing); }, missing, "", "cannot open");
  fs::remove_all(dir);
}

TEST(NpzErrors, MissingArrayAndWrongShape) {
  NpzWriter w;
  w.add("W", testMatrix(3, 5));
  w.add("v", Eigen::VectorXd::Zero(3).eval());
  NpzReader r = NpzReader::parse(w.serialize(), "model.npz");
  expectFileError([&] { r.array("recurrent"); }, "model.npz", "recurrent", "missing array");
  expectFileError([&] { r.matrixD("nope"); }, "model.npz", "nope", "missing array");
  expectFileError([&] { r.matrixD("W", 5, 3); }, "model.npz", "W", "expected shape (5, 3), got (3, 5)");
  expectFileError([&] { r.matrixF("W", 3, 4); }, "model.npz", "W", "expected shape (3, 4), got (3, 5)");
  expectFileError([&] { r.matrixD("v"); }, "model.npz", "v", "expected a 2-D array, got shape (3,)");
  expectFileError([&] { r.vectorD("W"); }, "model.npz", "W", "expected a 1-D array");
  expectFileError([&] { r.vectorF("v", 4); }, "model.npz", "v", "expected shape (4,), got (3,)");
  expectFileError([&] { r.scalar("v"); }, "model.npz", "v", "expected a scalar");
  expectFileError([&] { r.integers("W"); }, "model.npz", "W", "expected an integer array");
}

TEST(NpzErrors, HandCraftedNpyProblems) {
  const std::string f8 = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }";
  const std::string four(32, '\0');
  auto check = [](const std::string& entry, const std::string& data, const std::string& field,
                  const std::string& reason) {
    std::string zip = storedZip({{entry, data}});
    expectFileError([&] { NpzReader::parse(zip, "bad.npz"); }, "bad.npz", field, reason);
  };
  ASSERT_NO_THROW(NpzReader::parse(storedZip({{"ok.npy", npy(f8, four)}}), "ok.npz"));
  check("a.npy", npy(f8, four.substr(8)), "a", "data length mismatch");
  check("a.npy", npy(f8, four + "x"), "a", "data length mismatch");
  check("a.npy", "NOTNUMPY" + four, "a", "bad magic");
  check("a.npy", npy("{'descr': '<f8', 'shape': (2, 2), }", four), "a", "bad .npy header");
  check("a.npy", npy("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (2, 2), }", four), "a",
        "fortran_order");
  check("a.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (4,), }", four), "a", "pickled");
  check("a.npy", npy("{'descr': '>f8', 'fortran_order': False, 'shape': (2, 2), }", four), "a",
        "big-endian");
  check("a.npy", npy("{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (4,), }", four),
        "a", "structured");
  check("a.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-2, 2), }", four), "a",
        "shape");
  check("a.txt", "hello", "a.txt", "not a .npy array");
  std::string dup = storedZip({{"a.npy", npy(f8, four)}, {"a.npy", npy(f8, four)}});
  expectFileError([&] { NpzReader::parse(dup, "bad.npz"); }, "bad.npz", "a", "duplicate");

  // fortran_order True: data [0,1,2,3,4,5] column-major for shape (2, 3) is [[0,2,4],[1,3,5]].
  std::string data;
  for (double v : {0.0, 1.0, 2.0, 3.0, 4.0, 5.0}) data.append(reinterpret_cast<char*>(&v), 8);
  NpzReader r = NpzReader::parse(
      storedZip({{"F.npy", npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", data)}}),
      "f.npz");
  Eigen::MatrixXd F = r.matrixD("F", 2, 3);
  EXPECT_EQ(F(0, 1), 2.0);
  EXPECT_EQ(F(1, 0), 1.0);
  EXPECT_EQ(F(1, 2), 5.0);

  // A non-numeric dtype is readable as raw bytes but refused by typed access.
  NpzReader c = NpzReader::parse(
      storedZip({{"c.npy", npy("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }",
                               std::string(16, '\0'))}}), "c.npz");
  expectFileError([&] { c.vectorD("c"); }, "c.npz", "c", "dtype '<c8' is not numeric");
}
