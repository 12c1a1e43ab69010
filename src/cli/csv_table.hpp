// CSV input for the commands, parsed by libcsv (RFC 4180: quoting, embedded separators and line
// breaks). A table keeps the row number of every record so that errors can name it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/io/string_table.hpp"
#include "treem/time/date.hpp"

namespace treem::cli {

/// A CSV file as a table of cells, each row with the line it ends on.
struct csv_table : io::string_table {
  /// Index of a required column; parse_error naming the file if it is missing.
  [[nodiscard]] int require(std::string_view name) const;
  /// The date in a cell, as dd/mm/yyyy or ISO; a validation_error at the cell names the field.
  [[nodiscard]] date cell_date(std::size_t row, int col, const std::string& field) const {
    try {
      return parse_date(rows[row][static_cast<std::size_t>(col)], {source, lines[row], 0});
    } catch (const parse_error& e) {
      throw validation_error(where(row, col), field, e.message());
    }
  }
};

/// Parses CSV text (UTF-8, with or without a byte-order mark; separated by commas, or by semicolons
/// as spreadsheets with a Vietnamese locale write them; the first record is the header). Throws
/// parse_error with the file and line for malformed input.
[[nodiscard]] csv_table read_csv(std::string_view text, const std::string& file);

}  // namespace treem::cli
