// JsonFields: every configuration error names the file, the dotted field and the reason.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/io/file_error.h"
#include "engine/io/json_fields.h"

using namespace emergence::engine;
using nlohmann::json;

namespace {

const char* kPath = "runs/a/config.json";

template <class F>
FileError errorOf(F&& f) {
  try {
    f();
  } catch (const FileError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a FileError";
  return FileError("", "", "");
}

}  // namespace

TEST(JsonFields, ReadsValuesAndDefaults) {
  json j = json::parse(R"({"lr": 0.01, "steps": 200, "big": 1e3, "on": true, "name": "x",
                          "f": "tanh", "sub": {"k": 2}})");
  JsonFields f(j, kPath);
  EXPECT_TRUE(f.has("lr"));
  EXPECT_FALSE(f.has("absent"));
  EXPECT_DOUBLE_EQ(f.number("lr", 1.0, 0.0, 1.0), 0.01);
  EXPECT_DOUBLE_EQ(f.number("absent", 0.5, 0.0, 1.0), 0.5);
  EXPECT_EQ(f.requiredInteger("steps", 1, 1000), 200);
  EXPECT_EQ(f.integer("big", 0, 0, 5000), 1000);  // whole-number floats are accepted
  EXPECT_EQ(f.integer("absentInt", 7, 0, 10), 7);
  EXPECT_DOUBLE_EQ(f.requiredNumber("steps", 0, 1000), 200.0);
  EXPECT_TRUE(f.boolean("on", false));
  EXPECT_FALSE(f.boolean("absentBool", false));
  EXPECT_EQ(f.string("name", "y"), "x");
  EXPECT_EQ(f.string("absentString", "y"), "y");
  EXPECT_EQ(f.oneOf("f", "relu", {"retanh", "tanh", "relu"}), "tanh");
  EXPECT_EQ(f.oneOf("absentEnum", "relu", {"retanh", "tanh", "relu"}), "relu");
  JsonFields sub = f.object("sub");
  EXPECT_EQ(sub.integer("k", 0, 0, 9), 2);
  sub.rejectUnknown();
  JsonFields none = f.object("absentObject");
  EXPECT_EQ(none.integer("k", 5, 0, 9), 5);
  EXPECT_EQ(none.fieldName("k"), "absentObject.k");
  EXPECT_NO_THROW(f.rejectUnknown());
}

TEST(JsonFields, OutOfRange) {
  json j = json::parse(R"({"training": {"learningRate": 5, "batch": 0}})");
  JsonFields training = JsonFields(j, kPath).object("training");
  FileError e = errorOf([&] { training.number("learningRate", 0.1, 1e-6, 1.0); });
  EXPECT_STREQ(e.what(), "runs/a/config.json: training.learningRate: must be in [1e-06, 1], got 5");
  EXPECT_EQ(e.path(), kPath);
  EXPECT_EQ(e.field(), "training.learningRate");
  e = errorOf([&] { training.integer("batch", 1, 1, 4096); });
  EXPECT_STREQ(e.what(), "runs/a/config.json: training.batch: must be in [1, 4096], got 0");
}

TEST(JsonFields, WrongType) {
  json j = json::parse(R"({"task": {"steps": "100", "rate": 2.5, "dt": "x", "flag": 1,
                                    "name": 3, "model": [1]}})");
  JsonFields task = JsonFields(j, kPath).object("task");
  EXPECT_STREQ(errorOf([&] { task.integer("steps", 1, 0, 1000); }).what(),
               "runs/a/config.json: task.steps: expected an integer, got string");
  EXPECT_STREQ(errorOf([&] { task.integer("rate", 1, 0, 1000); }).what(),
               "runs/a/config.json: task.rate: expected an integer, got 2.5");
  EXPECT_STREQ(errorOf([&] { task.number("dt", 1, 0, 1000); }).what(),
               "runs/a/config.json: task.dt: expected a number, got string");
  EXPECT_STREQ(errorOf([&] { task.boolean("flag", false); }).what(),
               "runs/a/config.json: task.flag: expected true or false, got integer");
  EXPECT_STREQ(errorOf([&] { task.string("name", ""); }).what(),
               "runs/a/config.json: task.name: expected a string, got integer");
  EXPECT_STREQ(errorOf([&] { task.object("model"); }).what(),
               "runs/a/config.json: task.model: expected an object, got array");
}

TEST(JsonFields, UnknownKey) {
  json j = json::parse(R"({"training": {"learningRate": 0.1, "lerningRate": 0.2}, "zzz": 1})");
  JsonFields top(j, kPath);
  JsonFields training = top.object("training");
  training.number("learningRate", 0.1, 0, 1);
  FileError e = errorOf([&] { training.rejectUnknown(); });
  EXPECT_EQ(e.field(), "training.lerningRate");
  EXPECT_NE(std::string(e.what()).find("unknown field"), std::string::npos) << e.what();
  e = errorOf([&] { top.rejectUnknown(); });
  EXPECT_STREQ(e.what(), "runs/a/config.json: zzz: unknown field");

  json typo = json::parse(R"({"lerningRate": 0.2})");
  JsonFields t(typo, kPath, "training");
  t.number("learningRate", 0.1, 0, 1);
  EXPECT_STREQ(errorOf([&] { t.rejectUnknown(); }).what(),
               "runs/a/config.json: training.lerningRate: unknown field (did you mean \"learningRate\"?)");
}

TEST(JsonFields, MissingRequired) {
  json j = json::parse(R"({"task": {}})");
  JsonFields task = JsonFields(j, kPath).object("task");
  EXPECT_STREQ(errorOf([&] { task.requiredInteger("steps", 1, 10); }).what(),
               "runs/a/config.json: task.steps: missing");
  EXPECT_STREQ(errorOf([&] { task.requiredNumber("dt", 0, 1); }).what(),
               "runs/a/config.json: task.dt: missing");
}

TEST(JsonFields, BadEnum) {
  json j = json::parse(R"({"model": {"nonlinearity": "sigmoid"}})");
  JsonFields model = JsonFields(j, kPath).object("model");
  EXPECT_STREQ(errorOf([&] { model.oneOf("nonlinearity", "relu", {"retanh", "tanh", "relu"}); }).what(),
               "runs/a/config.json: model.nonlinearity: must be one of retanh, tanh, relu; got \"sigmoid\"");
}

TEST(JsonFields, SyntaxErrorNamesLine) {
  std::string text = "{\n  \"a\": 1,\n  \"b\": ,\n  \"c\": 3\n}\n";
  FileError e = errorOf([&] { JsonFields::parseText(text, kPath); });
  std::string what = e.what();
  EXPECT_EQ(e.path(), kPath);
  EXPECT_NE(what.find(kPath), std::string::npos) << what;
  EXPECT_NE(what.find("line 3"), std::string::npos) << what;
  EXPECT_NE(what.find("syntax error"), std::string::npos) << what;
  e = errorOf([&] { JsonFields::parseText("", kPath); });
  EXPECT_NE(std::string(e.what()).find("line 1"), std::string::npos) << e.what();
  e = errorOf([&] { JsonFields::parseText("[1, 2]", kPath); });
  EXPECT_STREQ(e.what(), "runs/a/config.json: top level must be a JSON object, got array");
}

TEST(JsonFields, ParseFileAndNestedPrefix) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("json_fields_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string path = (dir / "config.json").string();
  std::ofstream(path) << R"({"training": {"learningRate": 2.0, "schedule": {"warmup": -1}}})";
  json j = JsonFields::parseFile(path);
  JsonFields top(j, path);
  JsonFields training = top.object("training");
  EXPECT_EQ(training.fieldName("learningRate"), "training.learningRate");
  FileError e = errorOf([&] { training.number("learningRate", 0.1, 1e-6, 1.0); });
  EXPECT_EQ(e.field(), "training.learningRate");
  EXPECT_EQ(std::string(e.what()), path + ": training.learningRate: must be in [1e-06, 1], got 2");
  JsonFields schedule = training.object("schedule");
  e = errorOf([&] { schedule.integer("warmup", 0, 0, 100); });
  EXPECT_EQ(e.field(), "training.schedule.warmup");
  e = errorOf([&] { schedule.fail("", "inconsistent"); });
  EXPECT_EQ(std::string(e.what()), path + ": training.schedule: inconsistent");
  std::string missing = (dir / "absent.json").string();
  e = errorOf([&] { JsonFields::parseFile(missing); });
  EXPECT_NE(std::string(e.what()).find(missing + ": cannot open"), std::string::npos) << e.what();
  fs::remove_all(dir);
}
