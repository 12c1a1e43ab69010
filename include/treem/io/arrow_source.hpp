// An Arrow stream as a table source: a table held by pyarrow, polars, pandas, DuckDB or any other
// producer of the Arrow C stream interface goes through the library's one reader, read in place.
// Text cells view the producer's buffers (utf8, large_utf8, utf8_view, dictionary-encoded text);
// numbers, booleans and dates are written once as text into the block, as a spreadsheet would show
// them. Blocks are cut from the stream's batches on the calling thread and turned into cells on
// the worker threads, so that a 25-million-row table is never copied whole.
//
// Rows are numbered as a spreadsheet numbers them (the header is row 1), and columns are named by
// their number in messages about their type: a table built from a file without its header row has
// a child's data as column names.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/core/unicode.hpp"
#include "treem/io/arrow_c_data.hpp"
#include "treem/io/cell_block.hpp"
#include "treem/io/csv_reader.hpp"
#include "treem/time/date.hpp"

namespace treem::io {

namespace arrow_detail {

/// The physical layouts a column may have (its Arrow format string, read once).
enum class layout : std::uint8_t {
  null, boolean, int8, uint8, int16, uint16, int32, uint32, int64, uint64, float32, float64,
  utf8, large_utf8, utf8_view, date32, date64, timestamp, dictionary
};

struct column_type {
  layout kind = layout::null;
  long long units_per_second = 1;  ///< timestamps: 1, 1e3, 1e6 or 1e9
  layout index = layout::int32;    ///< dictionaries: the type of the indices
  layout values = layout::utf8;    ///< dictionaries: the type of the values (text)
};

[[nodiscard]] inline std::optional<layout> plain_layout(std::string_view f) {
  static constexpr std::pair<std::string_view, layout> formats[] = {
      {"n", layout::null},       {"b", layout::boolean},   {"c", layout::int8},        {"C", layout::uint8},
      {"s", layout::int16},      {"S", layout::uint16},    {"i", layout::int32},       {"I", layout::uint32},
      {"l", layout::int64},      {"L", layout::uint64},    {"f", layout::float32},     {"g", layout::float64},
      {"u", layout::utf8},       {"U", layout::large_utf8}, {"vu", layout::utf8_view}, {"tdD", layout::date32},
      {"tdm", layout::date64}};
  for (const auto& [format, kind] : formats) {
    if (f == format) return kind;
  }
  return std::nullopt;
}

[[nodiscard]] inline bool is_text(layout k) { return k == layout::utf8 || k == layout::large_utf8 || k == layout::utf8_view; }
[[nodiscard]] inline bool is_integer(layout k) { return k >= layout::int8 && k <= layout::uint64; }

/// A column's type from its schema, or a validation_error naming the column by its number.
[[nodiscard]] inline column_type type_of(const ArrowSchema& s, const std::string& source, std::size_t column) {
  const std::string_view f = s.format != nullptr ? s.format : "";
  auto refuse = [&](const std::string& why) -> column_type {
    throw validation_error({source, 1, column}, "column " + std::to_string(column),
                           "a column of Arrow type '" + std::string(f) + "' cannot be read" + why);
  };
  column_type t;
  if (s.dictionary != nullptr) {
    const auto index = plain_layout(f);
    const auto values = plain_layout(s.dictionary->format != nullptr ? s.dictionary->format : "");
    if (!index || !is_integer(*index) || !values || !is_text(*values)) return refuse(" (a dictionary must map integers to text)");
    t.kind = layout::dictionary;
    t.index = *index;
    t.values = *values;
    return t;
  }
  if (const auto k = plain_layout(f)) {
    t.kind = *k;
    return t;
  }
  if (f.size() >= 4 && f.substr(0, 2) == "ts" && f[3] == ':') {
    if (f.size() > 4) return refuse(" (a time with a time zone: give dates)");
    static constexpr std::pair<char, long long> units[] = {{'s', 1}, {'m', 1000}, {'u', 1000000}, {'n', 1000000000}};
    for (const auto& [unit, per_second] : units) {
      if (f[2] == unit) {
        t.kind = layout::timestamp;
        t.units_per_second = per_second;
        return t;
      }
    }
  }
  return refuse(" (give text, numbers, booleans or dates)");
}

/// A batch taken from a stream, released when the last block cut from it is done.
struct owned_array {
  ArrowArray array{};
  owned_array() = default;
  owned_array(const owned_array&) = delete;
  owned_array& operator=(const owned_array&) = delete;
  ~owned_array() {
    if (array.release != nullptr) array.release(&array);
  }
};

[[nodiscard]] inline bool is_valid(const ArrowArray& a, std::int64_t i) {
  if (a.null_count == 0 || a.buffers[0] == nullptr) return true;
  const auto* bits = static_cast<const std::uint8_t*>(a.buffers[0]);
  return ((bits[i >> 3] >> (i & 7)) & 1) != 0;
}

template <class T>
[[nodiscard]] inline T value_at(const ArrowArray& a, std::int64_t i) {
  T v;
  std::memcpy(&v, static_cast<const char*>(a.buffers[1]) + i * static_cast<std::int64_t>(sizeof(T)), sizeof(T));
  return v;
}

/// The text of element `i` (offset already applied) of a text array.
[[nodiscard]] inline std::string_view text_at(const ArrowArray& a, layout k, std::int64_t i) {
  if (k == layout::utf8) {
    const auto* offsets = static_cast<const std::int32_t*>(a.buffers[1]);
    return {static_cast<const char*>(a.buffers[2]) + offsets[i], static_cast<std::size_t>(offsets[i + 1] - offsets[i])};
  }
  if (k == layout::large_utf8) {
    const auto* offsets = static_cast<const std::int64_t*>(a.buffers[1]);
    return {static_cast<const char*>(a.buffers[2]) + offsets[i], static_cast<std::size_t>(offsets[i + 1] - offsets[i])};
  }
  // A view: 16 bytes, the length first; up to 12 bytes inline, else (prefix, buffer index, offset).
  const char* view = static_cast<const char*>(a.buffers[1]) + i * 16;
  std::int32_t length, buffer, offset;
  std::memcpy(&length, view, 4);
  if (length <= 12) return {view + 4, static_cast<std::size_t>(length)};
  std::memcpy(&buffer, view + 8, 4);
  std::memcpy(&offset, view + 12, 4);
  return {static_cast<const char*>(a.buffers[2 + buffer]) + offset, static_cast<std::size_t>(length)};
}

[[nodiscard]] inline std::int64_t integer_at(const ArrowArray& a, layout k, std::int64_t i) {
  switch (k) {
    case layout::int8: return value_at<std::int8_t>(a, i);
    case layout::uint8: return value_at<std::uint8_t>(a, i);
    case layout::int16: return value_at<std::int16_t>(a, i);
    case layout::uint16: return value_at<std::uint16_t>(a, i);
    case layout::int32: return value_at<std::int32_t>(a, i);
    case layout::uint32: return value_at<std::uint32_t>(a, i);
    default: return value_at<std::int64_t>(a, i);  // uint64 past 2^63 is not a count or a code
  }
}

/// Longest text written for one cell: a 20-digit integer, a double, or "yyyy-mm-ddThh:mm:ss.nnnnnnnnn".
inline constexpr std::size_t max_written = 32;

[[nodiscard]] inline std::size_t write_day(char* out, long long day) {
  const auto c = civil_from_days(day);
  if (c.year < 0 || c.year > 9999) return static_cast<std::size_t>(std::to_chars(out, out + max_written, day).ptr - out);
  char* p = out;
  auto put = [&](int v, int digits) {
    for (int d = digits - 1; d >= 0; --d, v /= 10) p[d] = static_cast<char>('0' + v % 10);
    p += digits;
  };
  put(c.year, 4);
  *p++ = '-';
  put(c.month, 2);
  *p++ = '-';
  put(c.day, 2);
  return static_cast<std::size_t>(p - out);
}

/// A time as a date when it falls at midnight, else as a date and time that the date rule refuses.
[[nodiscard]] inline std::size_t write_time(char* out, long long value, long long per_second) {
  const long long per_day = 86400 * per_second;
  long long day = value / per_day, rest = value % per_day;
  if (rest < 0) rest += per_day, --day;
  std::size_t n = write_day(out, day);
  if (rest == 0) return n;
  const long long seconds = rest / per_second;
  n += static_cast<std::size_t>(std::snprintf(out + n, max_written - n, "T%02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60));
  return n;
}

[[nodiscard]] inline std::size_t write_number(char* out, double v) {
  if (std::isnan(v)) return 0;
  // A spreadsheet turns 12 into 12.0: whole numbers are written without the decimals.
  const auto r = v == std::floor(v) && std::abs(v) < 1e15 ? std::to_chars(out, out + max_written, static_cast<long long>(v))
                                                          : std::to_chars(out, out + max_written, v);
  return static_cast<std::size_t>(r.ptr - out);
}

}  // namespace arrow_detail

class arrow_source : public table_source {
 public:
  /// Takes the stream over (the caller's struct is marked released, as the interface asks of a
  /// move). `rows`: the table's length when the caller knows it (for progress), else 0.
  arrow_source(ArrowArrayStream* stream, std::string name, std::size_t rows = 0, std::size_t block_rows = 1 << 16)
      : name_(std::move(name)), rows_(rows), block_rows_(block_rows) {
    if (stream == nullptr || stream->release == nullptr) throw error(name_ + ": the Arrow stream has already been consumed");
    stream_ = *stream;
    stream->release = nullptr;
    ArrowSchema schema{};
    if (stream_.get_schema(&stream_, &schema) != 0) fail("its schema");
    struct release_schema {
      ArrowSchema& s;
      ~release_schema() {
        if (s.release != nullptr) s.release(&s);
      }
    } guard{schema};
    if (std::string_view(schema.format != nullptr ? schema.format : "") != "+s") {
      throw validation_error({name_, 1, 0}, "columns", "an Arrow stream of tables (structs) is needed");
    }
    for (std::int64_t c = 0; c < schema.n_children; ++c) {
      const ArrowSchema& child = *schema.children[c];
      header_.push_back(unicode::nfc(treem::detail::trim(child.name != nullptr ? child.name : "")));
      types_.push_back(arrow_detail::type_of(child, name_, static_cast<std::size_t>(c) + 1));
    }
  }

  ~arrow_source() override {
    if (stream_.release != nullptr) stream_.release(&stream_);
  }
  arrow_source(const arrow_source&) = delete;
  arrow_source& operator=(const arrow_source&) = delete;

  [[nodiscard]] const std::string& name() const override { return name_; }
  [[nodiscard]] std::string_view format_name() const override { return "Arrow"; }
  [[nodiscard]] const std::vector<std::string>& header() const override { return header_; }
  [[nodiscard]] std::pair<std::size_t, std::size_t> progress() const override { return {done_, rows_}; }
  [[nodiscard]] std::size_t expected_rows(const cell_block&) const override { return rows_; }

  [[nodiscard]] std::optional<cell_block> next() override {
    while (batch_ == nullptr || batch_row_ >= static_cast<std::size_t>(batch_->array.length)) {
      if (!take_batch()) return std::nullopt;
    }
    const std::size_t n = std::min(block_rows_, static_cast<std::size_t>(batch_->array.length) - batch_row_);
    cell_block b;
    b.width = header_.size();
    b.line_count = n;
    b.keep_alive = batch_;
    b.first_record = batch_row_;
    batch_row_ += n;
    done_ += n;
    return b;
  }

  /// The block's cells, on a worker thread: views of the batch's text, and numbers, booleans and
  /// dates written into the block's bytes (reserved first, so that no view moves).
  void split(cell_block& b) const override {
    const auto& batch = static_cast<const arrow_detail::owned_array*>(b.keep_alive.get())->array;
    const std::size_t n = b.line_count, width = b.width;
    std::size_t written_columns = 0;
    for (const auto& t : types_) written_columns += arrow_detail::is_text(t.kind) || t.kind == arrow_detail::layout::dictionary ? 0 : 1;
    b.bytes.resize(n * written_columns * arrow_detail::max_written);
    std::size_t used = 0;
    b.cells.resize(n * width);
    b.line.resize(n);
    for (std::size_t r = 0; r < n; ++r) b.line[r] = static_cast<std::uint32_t>(r);
    std::size_t bad_row = n, bad_column = 0;
    const std::int64_t first = batch.offset + static_cast<std::int64_t>(b.first_record);
    for (std::size_t c = 0; c < width; ++c) {
      const std::size_t bad = fill_column(*batch.children[c], types_[c], first, n, c, b, used);
      if (bad < bad_row) bad_row = bad, bad_column = c + 1;
    }
    b.bytes.resize(used);  // smaller: no reallocation, the views stay put
    if (bad_row < n) {
      b.error = block_syntax_error{bad_row, bad_column, "column " + std::to_string(bad_column) + " holds text that is not valid UTF-8"};
      b.line.resize(bad_row);  // the rows before it are whole
      b.cells.resize(bad_row * width);
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    // The producer's message is not shown: it may quote the table's data.
    throw error(name_ + ": the Arrow stream could not give " + what);
  }

  bool take_batch() {
    if (stream_.release == nullptr) return false;
    auto batch = std::make_shared<arrow_detail::owned_array>();
    if (stream_.get_next(&stream_, &batch->array) != 0) fail("its next batch of rows");
    if (batch->array.release == nullptr) {  // the end of the stream
      stream_.release(&stream_);
      stream_.release = nullptr;
      return false;
    }
    if (static_cast<std::size_t>(batch->array.n_children) != header_.size()) {
      throw validation_error({name_, 2 + done_, 0}, "columns", "a batch of the Arrow stream has a different number of columns");
    }
    batch_ = std::move(batch);
    batch_row_ = 0;
    return true;
  }

  // Fills column `c` of the block from its array, rows [first, first + n) of the batch; text
  // written goes at `used` in the block's bytes. Returns the first row whose text is not UTF-8
  // (n when every row's is).
  static std::size_t fill_column(const ArrowArray& a, const arrow_detail::column_type& t, std::int64_t first, std::size_t n, std::size_t c,
                                 cell_block& b, std::size_t& used) {
    using arrow_detail::layout;
    const std::size_t width = b.width;
    const std::int64_t base = a.offset + first;
    if (arrow_detail::is_text(t.kind) || t.kind == layout::dictionary) {
      const bool dictionary = t.kind == layout::dictionary;
      const ArrowArray& values = dictionary ? *a.dictionary : a;
      const layout text_kind = dictionary ? t.values : t.kind;
      for (std::size_t r = 0; r < n; ++r) {
        const std::int64_t i = base + static_cast<std::int64_t>(r);
        std::string_view cell;
        if (arrow_detail::is_valid(a, i)) {
          std::int64_t at = i;
          if (dictionary) {
            at = arrow_detail::integer_at(a, t.index, i);
            if (at < 0 || at >= values.length) throw error("an Arrow dictionary index is out of range in column " + std::to_string(c + 1));
            at += values.offset;
          }
          if (!dictionary || arrow_detail::is_valid(values, at)) cell = arrow_detail::text_at(values, text_kind, at);
        }
        if (csv_detail::first_invalid_utf8(cell) != std::string_view::npos) return r;
        b.cells[r * width + c] = cell;
      }
      return n;
    }
    char* out = b.bytes.data() + used;
    for (std::size_t r = 0; r < n; ++r) {
      const std::int64_t i = base + static_cast<std::int64_t>(r);
      std::size_t len = 0;
      if (t.kind != layout::null && arrow_detail::is_valid(a, i)) len = write_cell(a, t, i, out);
      b.cells[r * width + c] = std::string_view(out, len);
      out += len;
    }
    used = static_cast<std::size_t>(out - b.bytes.data());
    return n;
  }

  static std::size_t write_cell(const ArrowArray& a, const arrow_detail::column_type& t, std::int64_t i, char* out) {
    using arrow_detail::layout;
    switch (t.kind) {
      case layout::boolean: {
        const auto* bits = static_cast<const std::uint8_t*>(a.buffers[1]);
        *out = ((bits[i >> 3] >> (i & 7)) & 1) != 0 ? '1' : '0';
        return 1;
      }
      case layout::float32: return arrow_detail::write_number(out, arrow_detail::value_at<float>(a, i));
      case layout::float64: return arrow_detail::write_number(out, arrow_detail::value_at<double>(a, i));
      case layout::date32: return arrow_detail::write_day(out, arrow_detail::value_at<std::int32_t>(a, i));
      case layout::date64: return arrow_detail::write_time(out, arrow_detail::value_at<std::int64_t>(a, i), 1000);
      case layout::timestamp: return arrow_detail::write_time(out, arrow_detail::value_at<std::int64_t>(a, i), t.units_per_second);
      case layout::uint64: return static_cast<std::size_t>(std::to_chars(out, out + arrow_detail::max_written, arrow_detail::value_at<std::uint64_t>(a, i)).ptr - out);
      default: return static_cast<std::size_t>(std::to_chars(out, out + arrow_detail::max_written, arrow_detail::integer_at(a, t.kind, i)).ptr - out);
    }
  }

  std::string name_;
  ArrowArrayStream stream_{};
  std::vector<std::string> header_;
  std::vector<arrow_detail::column_type> types_;
  std::shared_ptr<arrow_detail::owned_array> batch_;
  std::size_t batch_row_ = 0, done_ = 0, rows_ = 0, block_rows_;
};

}  // namespace treem::io
