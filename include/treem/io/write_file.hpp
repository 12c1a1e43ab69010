// Writes that never leave a partial file behind: the content goes to a temporary file beside the
// target, which is renamed over it only once complete (a rename within one folder is atomic).
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "treem/core/error.hpp"

namespace treem::io {

inline void write_file_atomically(const std::string& path, const std::string& content) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path tmp = target.parent_path() / (target.filename().string() + ".treem-tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw error(path + ": cannot open the file for writing");
    out << content;
    out.flush();
    if (!out) {
      out.close();
      std::error_code ignored;
      fs::remove(tmp, ignored);
      throw error(path + ": write error");
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw error(path + ": cannot replace the file (" + ec.message() + ")");
  }
}

}  // namespace treem::io
