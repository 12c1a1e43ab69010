// A report workbook as plain data: sheets of typed cells, with the charts to draw over them. The
// district report (district_report.cpp) fills it from the engines' results; the writer
// (xlsx_writer.cpp) turns it into an .xlsx file. Keeping the two apart lets the content be tested
// without a spreadsheet and the writer be tested on any content.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace treem::report {

/// How a cell is written and shown.
enum class cell_kind : std::uint8_t {
  empty,
  text,
  count,     ///< a whole number: #,##0
  decimal,   ///< a number: #,##0.0
  percent,   ///< a share stored as a fraction (0.953) and shown as 95.3%
  withheld,  ///< a small count (or its complement) withheld: shown as "x", never as a number
  date,      ///< `number` is days since 1970-01-01, shown dd/mm/yyyy
  year,      ///< a whole number shown without a thousands separator
};

struct cell {
  cell_kind kind = cell_kind::empty;
  double number = 0;
  std::string text;
  bool emphasis = false;  ///< drawn to the eye (a late report, a unit not recognised)

  static cell of_text(std::string s) { return {cell_kind::text, 0, std::move(s), false}; }
  static cell of(cell_kind k, double v) { return {k, v, {}, false}; }
};

/// A column chart of one data column against a category column, rows [first_row, last_row] of
/// the sheet's body; blank cells are gaps (a withheld value is never drawn as 0). With a target
/// column, the target is drawn as a line.
struct chart {
  std::string title;
  std::size_t first_row = 0, last_row = 0;
  std::size_t category_column = 0, value_column = 0;
  std::optional<std::size_t> target_column;
  std::string value_axis;
  std::size_t anchor_row = 0, anchor_column = 0;  ///< where its top left corner sits
};

struct sheet {
  std::string name;  ///< at most 31 characters, none of []:*?/\ (Excel's rules)
  std::vector<std::string> title_lines;  ///< above the table
  std::vector<std::string> header;
  std::vector<std::vector<cell>> rows;
  std::vector<double> widths;  ///< per column, in characters
  std::vector<std::size_t> wrapped;  ///< columns of long text, wrapped (their rows grow to fit)
  std::vector<std::string> notes;  ///< below the table
  std::vector<chart> charts;
  bool landscape = true;
};

struct workbook {
  std::vector<sheet> sheets;
  std::string title, author;
};

}  // namespace treem::report
