// A table of text cells with the place each row came from: what CSV files, spreadsheets and
// DataFrames are turned into before treem reads registers out of them, so that every source goes
// through the same checks and gives the same messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "treem/core/source_location.hpp"

namespace treem::io {

struct string_table {
  std::string source;                          ///< file name, or a label such as "<DataFrame>"
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  ///< every row has header.size() cells
  std::vector<std::size_t> lines;              ///< the line (or spreadsheet row) of each row

  [[nodiscard]] int column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    return -1;
  }
  /// Field `col` (0-based; -1: the whole row) of row `row`: line, and the column as a spreadsheet counts.
  [[nodiscard]] source_location where(std::size_t row, int col = -1) const {
    return {source, row < lines.size() ? lines[row] : row + 2, col < 0 ? 0 : static_cast<std::size_t>(col) + 1};
  }
};

}  // namespace treem::io
