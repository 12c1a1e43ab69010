#include "cli/child_register_csv.hpp"

#include <iostream>

#include <unistd.h>

#include "io/csv_stream.hpp"

namespace treem::cli {

registers::child_register_result read_child_register_csv(const std::string& path, registers::child_register_builder& builder) {
  const bool terminal = isatty(STDERR_FILENO) != 0;
  int shown = -1;
  io::read_csv_file(path, 1 << 16, [&](const io::string_table& chunk) { builder.add(chunk); },
                    [&](std::size_t done, std::size_t total) {
                      const int percent = total ? static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)) : 100;
                      if (terminal && percent != shown) std::cerr << "\rreading " << path << ": " << (shown = percent) << "%" << std::flush;
                      return true;
                    });
  if (terminal) std::cerr << "\r\033[K" << std::flush;
  return builder.finish();
}

}  // namespace treem::cli
