// A block of table rows as views of text: what every source of a table (a CSV file, a spreadsheet,
// a DataFrame) is turned into before a register, an assessment sheet or a list of submissions is
// read out of it, so that every source goes through the same checks and gives the same messages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace treem::io {

/// A problem with the structure of the text (a misplaced quote, a row of the wrong width), found
/// while a block was split into cells. Its line is counted from the block's first line (0).
struct block_syntax_error {
  std::size_t line = 0;
  std::size_t column = 0;  ///< 1-based field, 0 when not known
  std::string message;
};

struct cell_block {
  std::size_t width = 0;                 ///< cells per row (the header's)
  std::string bytes;                     ///< the text the cells view (owned by the block; cells made before a move must view heap bytes)
  std::vector<std::string_view> cells;   ///< row-major: rows() × width
  std::vector<std::uint32_t> line;       ///< the line each row starts on, from the block's first line (0)
  std::size_t line_count = 0;            ///< lines the block spans: the next block starts that many lines later
  std::optional<block_syntax_error> error;  ///< the rows before it are whole and usable
  bool truncated = false;  ///< the text stops inside a row that grew past the reader's limit
  /// For sources whose cells view memory outside `bytes` (an Arrow batch): what keeps that memory
  /// alive while the block lives, and the block's first row within it.
  std::shared_ptr<const void> keep_alive;
  std::size_t first_record = 0;

  [[nodiscard]] std::size_t rows() const noexcept { return line.size(); }
  [[nodiscard]] std::string_view cell(std::size_t row, std::size_t col) const noexcept { return cells[row * width + col]; }
};

/// Where a table comes from: its name, its header, and its rows block by block. `next` runs on the
/// calling thread (reading); `split` may run on worker threads (turning a block's text into cells).
class table_source {
 public:
  virtual ~table_source() = default;
  [[nodiscard]] virtual const std::string& name() const = 0;
  /// What the source is, for messages about its structure ("CSV: the row has 3 fields ...").
  [[nodiscard]] virtual std::string_view format_name() const { return "table"; }
  /// The column names as written (trimmed, in NFC), in order.
  [[nodiscard]] virtual const std::vector<std::string>& header() const = 0;
  /// The line the first row after the header starts on (a spreadsheet row for frames: 2).
  [[nodiscard]] virtual std::size_t first_row_line() const { return 2; }
  /// The next block, or nothing at the end. Throws on a read error.
  [[nodiscard]] virtual std::optional<cell_block> next() = 0;
  /// Makes the block's cells (and line numbers) when `next` has left that to worker threads.
  virtual void split(cell_block& block) const { (void)block; }
  /// About how many rows the whole table has, judged from its first block (0: not known): readers
  /// make room for them once.
  [[nodiscard]] virtual std::size_t expected_rows(const cell_block& first) const { (void)first; return 0; }
  /// Bytes read so far and in all, for progress (0, 0 when not known).
  [[nodiscard]] virtual std::pair<std::size_t, std::size_t> progress() const { return {0, 0}; }
};

}  // namespace treem::io
