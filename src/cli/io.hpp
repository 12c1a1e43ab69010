// File input and output for the commands: whole-file reads with clear errors, and writes that
// never leave a partial file behind (write a temporary file, then rename it over the target).
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "treem/core/error.hpp"
#include "treem/io/csv_writer.hpp"
#include "treem/io/read_file.hpp"

namespace treem::cli {

using io::read_file;

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

/// Text cells of CSV output: quoted as RFC 4180 asks and neutralised against formula injection.
using io::csv_text;

}  // namespace treem::cli
