// A whole file as bytes, with an error that names it.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "treem/core/error.hpp"

namespace treem::io {

[[nodiscard]] inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error(path + ": cannot open the file for reading");
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) throw error(path + ": read error");
  return s.str();
}

}  // namespace treem::io
