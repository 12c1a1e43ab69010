// Where a piece of input came from: a file (or other named source), a line and a column.
#pragma once

#include <cstddef>
#include <string>

namespace treem {

/// A position in an input. Lines and columns count from 1; 0 means "not known".
/// For tabular input, `line` is the row as a spreadsheet user would number it.
struct source_location {
  std::string source;      ///< file name or a label such as "<bundled units>" or "<argument>"
  std::size_t line = 0;
  std::size_t column = 0;

  /// "file:line:column", leaving out the parts that are not known.
  [[nodiscard]] std::string to_string() const {
    std::string out = source.empty() ? std::string{"<input>"} : source;
    if (line != 0) {
      out += ':' + std::to_string(line);
      if (column != 0) out += ':' + std::to_string(column);
    }
    return out;
  }

  /// The same source, moved `offset` columns to the right (for a field inside a string).
  [[nodiscard]] source_location shifted(std::size_t offset) const {
    source_location out = *this;
    if (out.column != 0) out.column += offset;
    return out;
  }

  friend bool operator==(const source_location&, const source_location&) = default;
};

}  // namespace treem
