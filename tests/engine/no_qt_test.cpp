// architecture.md §1: the engine is pure C++ — no file under engine/ may include a Qt header.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

namespace fs = std::filesystem;

TEST(EnginePurity, NoEngineFileIncludesAQtHeader) {
  const fs::path engine = fs::path(EMERGENCE_SOURCE_DIR) / "engine";
  ASSERT_TRUE(fs::is_directory(engine)) << engine;
  // <QObject>, <QtCore/...>, "qwidget.h", <qglobal.h>, … (Qt headers start with Q or q + lowercase-free camel)
  const std::regex qtInclude(R"(^\s*#\s*include\s*[<"](Qt[A-Za-z]*/|Q[A-Z][A-Za-z]*>|q[a-z]+\.h[>"]))");
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(engine)) {
    if (!e.is_regular_file()) continue;
    const auto ext = e.path().extension().string();
    if (ext != ".h" && ext != ".cpp" && ext != ".hpp" && ext != ".inl") continue;
    ++files;
    std::ifstream in(e.path());
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
      ++lineNo;
      EXPECT_FALSE(std::regex_search(line, qtInclude))
          << e.path().string() << ":" << lineNo << " includes Qt: " << line;
    }
  }
  EXPECT_GT(files, 10);
}

TEST(EnginePurity, PatternCatchesQtIncludes) {
  const std::regex qtInclude(R"(^\s*#\s*include\s*[<"](Qt[A-Za-z]*/|Q[A-Z][A-Za-z]*>|q[a-z]+\.h[>"]))");
  EXPECT_TRUE(std::regex_search("#include <QObject>", qtInclude));
  EXPECT_TRUE(std::regex_search("#include <QtCore/QString>", qtInclude));
  EXPECT_TRUE(std::regex_search("  #  include \"qglobal.h\"", qtInclude));
  EXPECT_FALSE(std::regex_search("#include <Eigen/Core>", qtInclude));
  EXPECT_FALSE(std::regex_search("#include \"engine/models/ctrnn.h\"", qtInclude));
}
