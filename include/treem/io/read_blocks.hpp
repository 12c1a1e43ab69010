// Reading a table_source block by block: blocks are split into cells and cleaned on worker
// threads, and the results are taken in file order on the calling thread with the absolute line of
// each block. A structural error (a misplaced quote, a row of the wrong width) is thrown after the
// rows before it have been taken, so that the first problem in the file is the one reported,
// whatever the number of threads.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "treem/core/error.hpp"
#include "treem/core/ordered_pipeline.hpp"
#include "treem/io/cell_block.hpp"
#include "treem/io/csv_reader.hpp"
#include "treem/io/string_table.hpp"

namespace treem::io {

/// Called after each block read with (bytes done, bytes in all); returning false cancels the read.
using read_progress = std::function<bool(std::size_t, std::size_t)>;

/// `clean(const cell_block&) -> R` on `threads` threads; `take(R&&, const cell_block&, first_line)`
/// in order on this thread, where `first_line` is the line the block's first line has in the source.
template <class Clean, class Take>
void read_blocks(table_source& source, unsigned threads, Clean&& clean, Take&& take, const read_progress& progress = {}) {
  using block_ptr = std::unique_ptr<cell_block>;  // cells view the block's bytes: the block must not move
  using R = decltype(clean(std::declval<const cell_block&>()));
  std::size_t line = source.first_row_line();
  run_ordered<block_ptr>(
      thread_count(threads),
      [&]() -> std::optional<block_ptr> {
        std::optional<cell_block> b = source.next();
        if (progress) {
          const auto [done, total] = source.progress();
          if (!progress(done, total)) throw error(source.name() + ": reading cancelled");
        }
        if (!b) return std::nullopt;
        return std::make_unique<cell_block>(std::move(*b));
      },
      [&](block_ptr&& b) {
        source.split(*b);
        R r = clean(*b);
        return std::pair<block_ptr, R>(std::move(b), std::move(r));
      },
      [&](std::pair<block_ptr, R>&& done) {
        const cell_block& b = *done.first;
        take(std::move(done.second), b, line);
        if (b.error) throw parse_error({source.name(), line + b.error->line, b.error->column}, std::string(source.format_name()) + ": " + b.error->message);
        line += b.line_count;
      });
}

/// A whole table as owned text (for small tables: assessment sheets, submissions), one thread.
[[nodiscard]] inline string_table read_table(table_source& source) {
  string_table t;
  t.source = source.name();
  t.header = source.header();
  read_blocks(source, 1, [](const cell_block&) { return 0; },
              [&](int, const cell_block& b, std::size_t first_line) {
                for (std::size_t r = 0; r < b.rows(); ++r) {
                  std::vector<std::string> row;
                  row.reserve(b.width);
                  for (std::size_t c = 0; c < b.width; ++c) row.push_back(unicode::nfc(treem::detail::trim(b.cell(r, c))));
                  t.rows.push_back(std::move(row));
                  t.lines.push_back(first_line + b.line[r]);
                }
              });
  return t;
}

/// CSV text in memory as a table.
[[nodiscard]] inline string_table read_csv(std::string_view text, const std::string& name) {
  auto s = csv_source::from_text(text, name);
  return read_table(*s);
}

/// A CSV file as a table.
[[nodiscard]] inline string_table read_csv_file(const std::string& path) {
  auto s = csv_source::open(path);
  return read_table(*s);
}

}  // namespace treem::io

namespace treem::io {

/// A table already in memory (rows of text with their lines) as one block, for the readers that
/// take a table_source. The table must outlive the source.
class string_table_source final : public table_source {
 public:
  explicit string_table_source(const string_table& t) : t_(t) {}
  [[nodiscard]] const std::string& name() const override { return t_.source; }
  [[nodiscard]] const std::vector<std::string>& header() const override { return t_.header; }
  [[nodiscard]] std::size_t first_row_line() const override { return 0; }
  [[nodiscard]] std::optional<cell_block> next() override {
    if (done_) return std::nullopt;
    done_ = true;
    cell_block b;
    b.width = t_.header.size();
    b.cells.reserve(t_.rows.size() * b.width);
    for (std::size_t r = 0; r < t_.rows.size(); ++r) {
      if (t_.rows[r].size() != b.width) throw validation_error(t_.where(r), "row", "has a different number of cells than the header");
      for (const auto& c : t_.rows[r]) b.cells.emplace_back(c);
      b.line.push_back(static_cast<std::uint32_t>(r < t_.lines.size() ? t_.lines[r] : r + 2));
    }
    return b;
  }

 private:
  const string_table& t_;
  bool done_ = false;
};

}  // namespace treem::io
