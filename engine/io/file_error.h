#pragma once
// Every error about a file says which file, which field and why:
//   "<path>: <field>: <reason>"   (field may be empty for whole-file problems)
#include <stdexcept>
#include <string>

namespace emergence::engine {

class FileError : public std::runtime_error {
 public:
  FileError(std::string path, std::string field, std::string reason);
  const std::string& path() const { return m_path; }
  const std::string& field() const { return m_field; }
  const std::string& reason() const { return m_reason; }

 private:
  std::string m_path, m_field, m_reason;
};

}  // namespace emergence::engine
