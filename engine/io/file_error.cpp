// FileError: one message format for every file problem,
//   "<path>: <field>: <reason>"  or  "<path>: <reason>" when field is empty.
#include "engine/io/file_error.h"

#include <utility>

namespace emergence::engine {

namespace {

std::string composeMessage(const std::string& path, const std::string& field,
                           const std::string& reason) {
  std::string message = path.empty() ? std::string("<unnamed>") : path;
  if (!field.empty()) {
    message += ": ";
    message += field;
  }
  message += ": ";
  message += reason;
  return message;
}

}  // namespace

FileError::FileError(std::string path, std::string field, std::string reason)
    : std::runtime_error(composeMessage(path, field, reason)),
      m_path(std::move(path)),
      m_field(std::move(field)),
      m_reason(std::move(reason)) {}

}  // namespace emergence::engine
