// Validated reading of JSON configuration files. Every error is a FileError naming the file,
// the dotted field path ("training.learningRate") and the reason, e.g.
//   "runs/a/config.json: training.learningRate: must be in [1e-06, 1], got 5"
#include "engine/io/json_fields.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "engine/io/atomic_file.h"
#include "engine/io/file_error.h"

namespace emergence::engine {

namespace {

using Json = nlohmann::json;

// Shortest text that reads back as the same double: 1e-06, 5, 0.1.
std::string numberText(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string typeText(const Json& v) {
  if (v.is_number_integer()) return "integer";
  if (v.is_number_float()) return "number";
  return v.type_name();
}

size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1] ? 1u : 0u)});
      diag = up;
    }
  }
  return row[b.size()];
}

const Json& emptyObject() {
  static const Json empty = Json::object();
  return empty;
}

}  // namespace

JsonFields::JsonFields(const Json& object, std::string path, std::string prefix)
    : m_object(object), m_path(std::move(path)), m_prefix(std::move(prefix)) {
  if (!m_prefix.empty() && m_prefix.back() != '.') m_prefix += '.';
  if (!m_object.is_object()) fail("", "expected an object, got " + typeText(m_object));
}

Json JsonFields::parseFile(const std::string& path) { return parseText(readWholeFile(path), path); }

Json JsonFields::parseText(const std::string& text, const std::string& path) {
  Json parsed;
  try {
    parsed = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // Line and column of the offending byte (e.byte is 1-based; 0 for an empty input).
    size_t line = 1, column = 1;
    size_t end = std::min<size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
    for (size_t i = 0; i < end; ++i) {
      if (text[i] == '\n') ++line, column = 1;
      else ++column;
    }
    std::string detail = e.what();
    size_t cut = detail.find("error while parsing");
    if (cut == std::string::npos) cut = detail.find("] ") == std::string::npos ? 0 : detail.find("] ") + 2;
    throw FileError(path, "", "JSON syntax error at line " + std::to_string(line) + ", column " +
                                  std::to_string(column) + ": " + detail.substr(cut));
  }
  if (!parsed.is_object())
    throw FileError(path, "", "top level must be a JSON object, got " + typeText(parsed));
  return parsed;
}

bool JsonFields::has(const std::string& key) const { return m_object.contains(key); }

std::string JsonFields::fieldName(const std::string& key) const {
  if (key.empty()) return m_prefix.empty() ? "" : m_prefix.substr(0, m_prefix.size() - 1);
  return m_prefix + key;
}

void JsonFields::fail(const std::string& key, const std::string& reason) const {
  throw FileError(m_path, fieldName(key), reason);
}

double JsonFields::number(const std::string& key, double fallback, double min, double max) const {
  m_seen.insert(key);
  auto it = m_object.find(key);
  if (it == m_object.end()) return fallback;
  if (!it->is_number()) fail(key, "expected a number, got " + typeText(*it));
  double v = it->get<double>();
  if (!std::isfinite(v) || v < min || v > max)
    fail(key, "must be in [" + numberText(min) + ", " + numberText(max) + "], got " + numberText(v));
  return v;
}

double JsonFields::requiredNumber(const std::string& key, double min, double max) const {
  if (!has(key)) fail(key, "missing");
  return number(key, 0.0, min, max);
}

long long JsonFields::integer(const std::string& key, long long fallback, long long min,
                              long long max) const {
  m_seen.insert(key);
  auto it = m_object.find(key);
  if (it == m_object.end()) return fallback;
  auto outOfRange = [&](const std::string& got) {
    fail(key, "must be in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " + got);
  };
  long long v = 0;
  if (it->is_number_unsigned()) {
    auto u = it->get<unsigned long long>();
    if (max < 0 || u > static_cast<unsigned long long>(max)) outOfRange(std::to_string(u));
    v = static_cast<long long>(u);
  } else if (it->is_number_integer()) {
    v = it->get<long long>();
  } else if (it->is_number_float()) {
    // 1e3 or 100.0 are accepted when they are whole numbers.
    double d = it->get<double>();
    if (std::trunc(d) != d) fail(key, "expected an integer, got " + numberText(d));
    if (d < static_cast<double>(min) || d > static_cast<double>(max)) outOfRange(numberText(d));
    v = static_cast<long long>(d);
  } else {
    fail(key, "expected an integer, got " + typeText(*it));
  }
  if (v < min || v > max) outOfRange(std::to_string(v));
  return v;
}

long long JsonFields::requiredInteger(const std::string& key, long long min, long long max) const {
  if (!has(key)) fail(key, "missing");
  return integer(key, 0, min, max);
}

bool JsonFields::boolean(const std::string& key, bool fallback) const {
  m_seen.insert(key);
  auto it = m_object.find(key);
  if (it == m_object.end()) return fallback;
  if (!it->is_boolean()) fail(key, "expected true or false, got " + typeText(*it));
  return it->get<bool>();
}

std::string JsonFields::string(const std::string& key, const std::string& fallback) const {
  m_seen.insert(key);
  auto it = m_object.find(key);
  if (it == m_object.end()) return fallback;
  if (!it->is_string()) fail(key, "expected a string, got " + typeText(*it));
  return it->get<std::string>();
}

std::string JsonFields::oneOf(const std::string& key, const std::string& fallback,
                              std::initializer_list<const char*> allowed) const {
  std::string v = string(key, fallback);
  std::string list;
  for (const char* a : allowed) {
    if (v == a) return v;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  fail(key, "must be one of " + list + "; got \"" + v + "\"");
}

JsonFields JsonFields::object(const std::string& key) const {
  m_seen.insert(key);
  auto it = m_object.find(key);
  if (it == m_object.end()) return JsonFields(emptyObject(), m_path, fieldName(key));
  if (!it->is_object()) fail(key, "expected an object, got " + typeText(*it));
  return JsonFields(*it, m_path, fieldName(key));
}

void JsonFields::rejectUnknown() const {
  for (auto it = m_object.begin(); it != m_object.end(); ++it) {
    if (m_seen.count(it.key())) continue;
    std::string reason = "unknown field";
    std::string best;
    size_t bestDistance = 3;  // suggest only close matches
    for (const std::string& known : m_seen) {
      size_t d = editDistance(it.key(), known);
      if (d < bestDistance && !m_object.contains(known)) bestDistance = d, best = known;
    }
    if (!best.empty()) reason += " (did you mean \"" + best + "\"?)";
    fail(it.key(), reason);
  }
}

}  // namespace emergence::engine
