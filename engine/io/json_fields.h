#pragma once
// Validated reading of JSON configuration files. Each accessor knows the file and the dotted
// path of the field it reads, so every error names both:
//   FileError("runs/a/config.json", "training.learningRate", "must be in [1e-06, 1], got 5")
//   FileError(..., "model.nonlinearity", "must be one of retanh, tanh, relu; got \"sigmoid\"")
//   FileError(..., "task.steps", "expected an integer, got string")
//   FileError(..., "task.steps", "missing")            (required fields)
// Optional fields keep the supplied default when absent. Unknown keys are rejected with
// "unknown field" so typos in hand-edited configs are caught.
#include <nlohmann/json.hpp>
#include <initializer_list>
#include <set>
#include <string>

namespace emergence::engine {

class JsonFields {
 public:
  JsonFields(const nlohmann::json& object, std::string path, std::string prefix = "");
  // Parse a whole file (FileError on syntax error with line/column, or if the top level is not
  // an object).
  static nlohmann::json parseFile(const std::string& path);
  static nlohmann::json parseText(const std::string& text, const std::string& pathForMessages);

  bool has(const std::string& key) const;
  double number(const std::string& key, double fallback, double min, double max) const;
  double requiredNumber(const std::string& key, double min, double max) const;
  long long integer(const std::string& key, long long fallback, long long min, long long max) const;
  long long requiredInteger(const std::string& key, long long min, long long max) const;
  bool boolean(const std::string& key, bool fallback) const;
  std::string string(const std::string& key, const std::string& fallback) const;
  std::string oneOf(const std::string& key, const std::string& fallback,
                    std::initializer_list<const char*> allowed) const;
  // Sub-object; absent → empty object (all defaults). Not an object → FileError.
  JsonFields object(const std::string& key) const;
  const nlohmann::json& json() const { return m_object; }
  // Throws for any key not read through this accessor (call after reading all fields).
  void rejectUnknown() const;
  std::string fieldName(const std::string& key) const;  // prefix + key
  [[noreturn]] void fail(const std::string& key, const std::string& reason) const;

 private:
  const nlohmann::json& m_object;
  std::string m_path, m_prefix;
  mutable std::set<std::string> m_seen;
};

}  // namespace emergence::engine
