// CSV input for the commands, parsed by libcsv (RFC 4180: quoting, embedded separators and line
// breaks). A table keeps the row number of every record so that errors can name it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/time/date.hpp"

namespace treem::cli {

struct csv_table {
  std::string file;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  ///< every row has header.size() fields
  std::vector<std::size_t> lines;              ///< the file line on which each row ends

  /// Index of a column by name, or -1.
  [[nodiscard]] int column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    return -1;
  }
  /// The date in a cell, as dd/mm/yyyy or ISO; a validation_error at the cell names the field.
  [[nodiscard]] date cell_date(std::size_t row, int col, const std::string& field) const {
    try {
      return parse_date(rows[row][static_cast<std::size_t>(col)], {file, lines[row], 0});
    } catch (const parse_error& e) {
      throw validation_error(where(row, col), field, e.message());
    }
  }
  /// Index of a required column; parse_error naming the file if it is missing.
  [[nodiscard]] int require(std::string_view name) const;
  /// The location of field `col` (0-based; -1 for the whole row) of data row `row`: the file line,
  /// and the column as a spreadsheet counts fields.
  [[nodiscard]] source_location where(std::size_t row, int col = -1) const {
    return {file, lines[row], col < 0 ? 0 : static_cast<std::size_t>(col) + 1};
  }
};

/// Parses CSV text (UTF-8, with or without a byte-order mark; comma-separated; the first record is
/// the header). Throws parse_error with the file and line for malformed input.
[[nodiscard]] csv_table read_csv(std::string_view text, const std::string& file);

}  // namespace treem::cli
