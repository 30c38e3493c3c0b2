#pragma once
// Minimal, strict command-line parsing for emergence-cli: "--name value" and "--flag" options,
// positional arguments; unknown options are errors that name the option.
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace emergence::cli {

class Options {
 public:
  // `valued`: options taking a value; `flags`: options without one.
  Options(const std::vector<std::string>& args, const std::set<std::string>& valued,
          const std::set<std::string>& flags) {
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      if (a.rfind("--", 0) == 0) {
        const std::string name = a.substr(2);
        if (flags.count(name)) {
          m_values[name] = "1";
        } else if (valued.count(name)) {
          if (i + 1 >= args.size()) throw std::invalid_argument("option --" + name + " needs a value");
          m_values[name] = args[++i];
        } else {
          throw std::invalid_argument("unknown option " + a + " (see --help)");
        }
      } else {
        m_positional.push_back(a);
      }
    }
  }
  bool has(const std::string& n) const { return m_values.count(n) > 0; }
  std::string get(const std::string& n, const std::string& fallback) const {
    auto it = m_values.find(n);
    return it == m_values.end() ? fallback : it->second;
  }
  double number(const std::string& n, double fallback) const {
    if (!has(n)) return fallback;
    try {
      size_t used = 0;
      const double v = std::stod(m_values.at(n), &used);
      if (used == m_values.at(n).size()) return v;
    } catch (const std::exception&) {
    }
    throw std::invalid_argument("option --" + n + ": \"" + m_values.at(n) + "\" is not a number");
  }
  long long integer(const std::string& n, long long fallback) const {
    const double v = number(n, double(fallback));
    if (v != double((long long)v))
      throw std::invalid_argument("option --" + n + ": expected an integer");
    return (long long)v;
  }
  const std::vector<std::string>& positional() const { return m_positional; }

 private:
  std::map<std::string, std::string> m_values;
  std::vector<std::string> m_positional;
};

int runTrain(const std::vector<std::string>& args);
int runAnalyze(const std::vector<std::string>& args);
int runExport(const std::vector<std::string>& args);
int runGridTrain(const std::vector<std::string>& args);
int runRetinaTrain(const std::vector<std::string>& args);
int runRetinaAnalyze(const std::vector<std::string>& args);

}  // namespace emergence::cli
