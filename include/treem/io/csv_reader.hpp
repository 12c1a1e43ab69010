// CSV input (RFC 4180) for every table treem reads: child and incident registers, assessment
// sheets, submissions. The text is read in blocks cut at record ends (outside quotes), and each
// block is split into cells that view its bytes, so that blocks can be split on several threads
// and no cell costs an allocation. Accepted: UTF-8 with or without a byte-order mark; commas, or
// semicolons when the header line has more of them (Vietnamese-locale spreadsheets); LF, CRLF or
// CR line ends; quoted fields with doubled quotes, separators and line breaks inside.
//
// Messages name the source, the line (counted with every kind of line end, and inside quoted
// fields) and the field, never a cell's text: a register's cells may hold a child's name.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/core/unicode.hpp"
#include "treem/io/cell_block.hpp"
#include "treem/time/date.hpp"

namespace treem::io {

struct csv_options {
  char delimiter = 0;                        ///< ',' or ';'; 0: the one the header line uses more
  std::size_t block_bytes = 4u << 20;        ///< bytes read at a time
  std::size_t max_record_bytes = 64u << 20;  ///< a row longer than this is refused (an unclosed quote, or not a table)
  std::size_t max_header_bytes = 1u << 20;   ///< a header row longer than this is refused (not a table's header)
  std::size_t max_columns = 10000;           ///< a header with more columns is refused
};

namespace csv_detail {

/// The offset of the first byte that is not part of well-formed UTF-8, or npos. ASCII runs are
/// checked eight bytes at a time: registers are mostly ASCII.
[[nodiscard]] inline std::size_t first_invalid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const auto bad = unicode::first_invalid_utf8(s.substr(i, std::min<std::size_t>(4, n - i)));
    if (bad == 0) return i;
    // One well-formed sequence: its length from the lead byte.
    i += p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : 2;
  }
  return std::string_view::npos;
}

/// Line breaks in [b, e): LF, CRLF and a lone CR each count once.
[[nodiscard]] inline std::size_t count_breaks(const char* b, const char* e) noexcept {
  std::size_t n = 0;
  for (const char* p = b; p < e; ++p) {
    if (*p == '\n') ++n;
    else if (*p == '\r' && (p + 1 == e || p[1] != '\n')) ++n;
  }
  return n;
}

/// Where the last whole record of `s` ends (just after its line end, outside quotes), or 0. A CR
/// at the very end is left for the next read: its LF may follow there.
[[nodiscard]] inline std::size_t last_record_end(std::string_view s) noexcept {
  std::size_t n = s.size();
  if (n != 0 && s[n - 1] == '\r') --n;
  if (std::memchr(s.data(), '"', n) == nullptr) {
    for (std::size_t i = n; i-- > 0;) {
      if (s[i] == '\n' || s[i] == '\r') return i + 1;
    }
    return 0;
  }
  bool quoted = false;
  std::size_t cut = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) cut = i + 1;
  }
  return cut;
}

/// The separator a header line uses: ';' when it has more semicolons than commas (outside quotes).
[[nodiscard]] inline char detect_delimiter(std::string_view text) noexcept {
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted && c == ',') ++commas;
    else if (!quoted && c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

/// Splits one record starting at `p` into cells (quoted fields are unescaped in place), moves `p`
/// past its line end and counts the lines it spans in `line`. False, with `err`, on bad syntax.
/// `cut_short`: the text ends because a record grew past the limit, not because the input did.
inline bool split_record(char*& p, char* end, char delim, std::vector<std::string_view>& cells, std::size_t& line, block_syntax_error& err,
                         bool cut_short, std::size_t limit) {
  // The bytes that end an unquoted field (or are not allowed in one), for this separator.
  struct stop_table {
    bool at[256] = {};
    explicit stop_table(char d) {
      for (const char c : {d, '\n', '\r', '"'}) at[static_cast<unsigned char>(c)] = true;
    }
  };
  static const stop_table comma(','), semicolon(';');
  std::optional<stop_table> other;  // a separator chosen by the caller
  if (delim != ',' && delim != ';') other.emplace(delim);
  const bool* stops = delim == ';' ? semicolon.at : delim == ',' ? comma.at : other->at;
  const std::size_t first_line = line;
  std::size_t column = 0;
  for (;;) {
    ++column;
    char* q = p;
    while (q < end && (*q == ' ' || *q == '\t')) ++q;
    if (q < end && *q == '"') {
      const std::size_t open_line = line;
      char* w = q;
      char* r = q + 1;
      for (;;) {
        const char* close = static_cast<const char*>(std::memchr(r, '"', static_cast<std::size_t>(end - r)));
        if (close == nullptr) {
          err = {open_line, column,
                 cut_short ? "a quoted field opened here is not closed within the next " + std::to_string(limit >> 20) + " MiB"
                           : "a quoted field opened here is not closed before the end of the file"};
          return false;
        }
        line += count_breaks(r, close);
        const auto len = static_cast<std::size_t>(close - r);
        if (w != r) std::memmove(w, r, len);
        w += len;
        r = const_cast<char*>(close) + 1;
        if (r < end && *r == '"') {  // a doubled quote stands for one
          *w++ = '"';
          ++r;
          continue;
        }
        break;
      }
      cells.emplace_back(q, static_cast<std::size_t>(w - q));
      while (r < end && (*r == ' ' || *r == '\t')) ++r;
      p = r;
      if (p < end && *p != delim && *p != '\n' && *p != '\r') {
        err = {line, column, "text after the closing quote of a quoted field"};
        return false;
      }
    } else {
      char* r = p;
      while (r < end && !stops[static_cast<unsigned char>(*r)]) ++r;  // one table look-up per byte
      if (r < end && *r == '"') {
        err = {line, column, "a quote inside an unquoted field (quote the whole field and double the quotes in it)"};
        return false;
      }
      cells.emplace_back(p, static_cast<std::size_t>(r - p));
      p = r;
    }
    if (p >= end) {
      if (cut_short) {
        err = {first_line, 0, "a row longer than " + std::to_string(limit >> 20) + " MiB (not a table, or a quote not closed)"};
        return false;
      }
      return true;
    }
    if (*p == delim) {
      ++p;
      continue;
    }
    if (*p == '\r') ++p;
    if (p < end && *p == '\n') ++p;
    ++line;
    return true;
  }
}

/// Splits a block of whole records into rows of `width` cells. A record holding one blank cell is
/// a blank line and is skipped.
inline void split_block(cell_block& b, char delim, bool cut_short, std::size_t limit) {
  char* p = b.bytes.data();
  char* const end = p + b.bytes.size();
  std::size_t line = 0;
  block_syntax_error err;
  b.cells.reserve(b.bytes.size() / 6);
  b.line.reserve(b.bytes.size() / (6 * std::max<std::size_t>(b.width, 1)) + 1);
  // A block cut short holds one unfinished row: its error is its length (and it may end inside a character).
  const std::size_t bad_byte = cut_short ? std::string_view::npos : first_invalid_utf8(b.bytes);
  const std::size_t bad_line = bad_byte == std::string_view::npos ? SIZE_MAX : count_breaks(b.bytes.data(), b.bytes.data() + bad_byte);
  while (p < end) {
    const std::size_t row_line = line;
    if (row_line >= bad_line) break;
    const std::size_t before = b.cells.size();
    if (!split_record(p, end, delim, b.cells, line, err, cut_short, limit)) {
      b.cells.resize(before);
      b.error = err;
      b.line_count = line;
      return;
    }
    if (bad_byte != std::string_view::npos && static_cast<std::size_t>(p - b.bytes.data()) > bad_byte) {
      b.cells.resize(before);  // a row spanning lines whose later line holds the bad byte
      break;
    }
    const std::size_t n = b.cells.size() - before;
    if (n == 1 && treem::detail::trim(b.cells.back()).empty()) {
      b.cells.pop_back();
      continue;
    }
    if (n != b.width) {
      b.cells.resize(before);
      b.error = block_syntax_error{row_line, 0, "the row has " + std::to_string(n) + " fields, the header has " + std::to_string(b.width)};
      b.line_count = line;
      return;
    }
    b.line.push_back(static_cast<std::uint32_t>(row_line));
  }
  if (bad_line != SIZE_MAX) b.error = block_syntax_error{bad_line, 0, "the text is not valid UTF-8 (save the file as UTF-8)"};
  b.line_count = line;
}

}  // namespace csv_detail

/// A CSV file, or CSV text in memory, as a table_source.
class csv_source final : public table_source {
 public:
  /// Opens a file, named `name` in messages (default: its path). Throws treem::error naming the
  /// file when it cannot be read or is not a file, and parse_error for an empty file or a bad header.
  static std::unique_ptr<csv_source> open(const std::string& path, csv_options options = {}, const std::string& name = {}) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (std::filesystem::is_directory(status)) throw error(path + ": is a directory, not a file");
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) throw error(path + ": cannot open the file for reading");
    std::unique_ptr<csv_source> s(new csv_source(name.empty() ? path : name, options));
    s->file_ = f;
    if (std::filesystem::is_regular_file(status)) s->total_ = static_cast<std::size_t>(std::filesystem::file_size(path, ec));
    s->read_header();
    return s;
  }

  /// CSV text held in memory (copied block by block, never all at once).
  static std::unique_ptr<csv_source> from_text(std::string_view text, const std::string& name, csv_options options = {}) {
    std::unique_ptr<csv_source> s(new csv_source(name, options));
    s->text_ = text;
    s->total_ = text.size();
    s->read_header();
    return s;
  }

  [[nodiscard]] std::string_view format_name() const override { return "CSV"; }

  ~csv_source() override {
    if (file_ != nullptr) std::fclose(file_);
  }
  csv_source(const csv_source&) = delete;
  csv_source& operator=(const csv_source&) = delete;

  [[nodiscard]] const std::string& name() const override { return name_; }
  [[nodiscard]] const std::vector<std::string>& header() const override { return header_; }
  [[nodiscard]] std::size_t first_row_line() const override { return header_lines_ + 1; }
  [[nodiscard]] char delimiter() const noexcept { return delim_; }
  [[nodiscard]] std::size_t expected_rows(const cell_block& first) const override {
    if (total_ == 0 || first.bytes.empty()) return 0;
    return static_cast<std::size_t>(static_cast<double>(total_) / static_cast<double>(first.bytes.size()) * static_cast<double>(first.rows()) * 1.02);
  }
  [[nodiscard]] std::pair<std::size_t, std::size_t> progress() const override { return {done_, total_}; }

  /// The next run of whole records (not yet split: see split()), or nothing at the end.
  [[nodiscard]] std::optional<cell_block> next() override {
    for (;;) {
      const std::size_t cut = eof_ ? pending_.size() : csv_detail::last_record_end(pending_);
      const bool too_long = cut == 0 && !eof_ && pending_.size() > options_.max_record_bytes;
      if ((cut != 0 && (pending_.size() >= options_.block_bytes || eof_)) || too_long) {
        cell_block b;
        b.width = header_.size();
        // A row past the limit is cut at the limit itself, so that its error does not depend on the block size.
        const std::size_t take = too_long ? options_.max_record_bytes + 1 : cut;
        b.bytes.assign(pending_, 0, take);
        pending_.erase(0, take);
        b.truncated = too_long;
        return b;
      }
      if (eof_) return std::nullopt;
      fill();
    }
  }

  void split(cell_block& b) const override {
    csv_detail::split_block(b, delim_, b.truncated, options_.max_record_bytes);
  }

 private:
  csv_source(std::string name, csv_options options) : name_(std::move(name)), options_(options) {}

  // Appends the next read to pending_; sets eof_ at the end of the input.
  void fill() {
    const std::size_t want = std::max<std::size_t>(options_.block_bytes, 16);
    std::size_t got = 0;
    if (file_ != nullptr) {
      const std::size_t old = pending_.size();
      pending_.resize(old + want);
      got = std::fread(pending_.data() + old, 1, want, file_);
      pending_.resize(old + got);
      if (got < want && std::ferror(file_)) throw error(name_ + ": read error");
    } else {
      got = std::min(want, text_.size() - offset_);
      pending_.append(text_.substr(offset_, got));
      offset_ += got;
    }
    if (first_read_) {
      first_read_ = false;
      if (pending_.compare(0, 3, "\xEF\xBB\xBF") == 0) pending_.erase(0, 3);  // a byte-order mark from spreadsheet exports
    }
    done_ += got;
    if (got == 0) eof_ = true;
  }

  void read_header() {
    // Read until the first record is whole (or the input ends).
    for (;;) {
      if (!pending_.empty() && first_record_end() != 0) break;
      if (eof_) break;
      if (pending_.size() > options_.max_header_bytes) throw parse_error({name_, 1, 0}, "CSV: the header row is longer than " + std::to_string(options_.max_header_bytes >> 10) + " KiB (is this a table?)");
      fill();
    }
    if (treem::detail::trim(std::string_view(pending_).substr(0, first_record_end() != 0 ? first_record_end() : pending_.size())).empty()) {
      // A blank first line: either the file is blank, or its header is not on the first line.
      // Which one may take the rest of the file, read without keeping it; the answer must not
      // depend on how much of the file the first block happened to hold.
      while (treem::detail::trim(pending_).empty() && !eof_) {
        pending_.clear();
        fill();
      }
      if (treem::detail::trim(pending_).empty()) throw parse_error({name_, 1, 0}, "CSV: the file is empty (a header row is needed)");
      throw parse_error({name_, 1, 0}, "CSV: the first line is blank (the header row must be the first line)");
    }
    delim_ = options_.delimiter != 0 ? options_.delimiter : csv_detail::detect_delimiter(pending_);
    // Checked before the header is split: unescaping moves text within the buffer.
    const std::size_t record_end = first_record_end();
    const std::size_t header_end = record_end != 0 ? record_end : pending_.size();
    if (header_end > options_.max_header_bytes) throw parse_error({name_, 1, 0}, "CSV: the header row is longer than " + std::to_string(options_.max_header_bytes >> 10) + " KiB (is this a table?)");
    if (csv_detail::first_invalid_utf8(std::string_view(pending_.data(), header_end)) != std::string_view::npos) {
      throw parse_error({name_, 1, 0}, "CSV: the text is not valid UTF-8 (save the file as UTF-8)");
    }
    std::vector<std::string_view> cells;
    std::size_t line = 0;
    block_syntax_error err;
    char* p = pending_.data();
    if (!csv_detail::split_record(p, p + pending_.size(), delim_, cells, line, err, false, options_.max_record_bytes)) {
      throw parse_error({name_, err.line + 1, err.column}, "CSV header: " + err.message);
    }
    const auto consumed = static_cast<std::size_t>(p - pending_.data());
    if (cells.size() > options_.max_columns) {
      throw parse_error({name_, 1, 0}, "CSV header: more than " + std::to_string(options_.max_columns) + " columns (is this a table?)");
    }
    header_lines_ = line == 0 ? 1 : line;
    header_.reserve(cells.size());
    std::unordered_map<std::string_view, std::size_t> seen;
    seen.reserve(cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
      header_.push_back(unicode::nfc(treem::detail::trim(cells[i])));
      if (header_.back().empty()) throw parse_error({name_, 1, i + 1}, "CSV header: column " + std::to_string(i + 1) + " has no name");
    }
    // Checked in one pass over the names. The names are not repeated in the message: a file
    // exported without its header row has a child's data in its first row.
    for (std::size_t i = 0; i < header_.size(); ++i) {
      const auto [it, inserted] = seen.emplace(header_[i], i);
      if (!inserted) {
        throw parse_error({name_, 1, i + 1}, "CSV header: columns " + std::to_string(it->second + 1) + " and " + std::to_string(i + 1) +
                                                 " have the same name (is the first row a header?)");
      }
    }
    pending_.erase(0, consumed);
  }

  [[nodiscard]] std::size_t first_record_end() const {
    bool quoted = false;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      const char c = pending_[i];
      if (c == '"') quoted = !quoted;
      else if (!quoted && (c == '\n' || (c == '\r' && i + 1 < pending_.size()))) return i + 1;
    }
    return 0;
  }

  std::string name_;
  csv_options options_;
  std::FILE* file_ = nullptr;
  std::string_view text_;
  std::size_t offset_ = 0, done_ = 0, total_ = 0, header_lines_ = 1;
  std::string pending_;
  std::vector<std::string> header_;
  char delim_ = ',';
  bool eof_ = false, first_read_ = true;
};

}  // namespace treem::io
