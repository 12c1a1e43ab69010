#include "io/csv_stream.hpp"

#include <algorithm>
#include <fstream>
#include <vector>

#include <csv.h>

#include "treem/core/unicode.hpp"

namespace treem::io {

namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t\r") - b + 1));
}

// Collects libcsv's fields and records, and hands on full chunks.
class stream {
 public:
  stream(std::string source, std::size_t chunk_rows, const csv_chunk_handler& on_chunk)
      : source_(std::move(source)), chunk_rows_(chunk_rows), on_chunk_(on_chunk) {
    if (csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) throw error("libcsv: cannot initialise the parser");
    table_.source = source_;
  }
  ~stream() { csv_free(&parser_); }
  stream(const stream&) = delete;
  stream& operator=(const stream&) = delete;

  /// Parses data; it may end in the middle of a line (the rest comes with the next call).
  void feed(std::string_view data) {
    if (first_) {
      first_ = false;
      if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);  // a byte-order mark from spreadsheet exports
    }
    pending_.append(data);
    std::size_t start = 0;
    for (std::size_t nl; (nl = pending_.find('\n', start)) != std::string::npos; start = nl + 1) {
      parse_line(std::string_view(pending_).substr(start, nl + 1 - start));
      ++line_;
    }
    pending_.erase(0, start);
  }

  void finish() {
    const bool ended_with_newline = pending_.empty();
    if (!pending_.empty()) parse_line(pending_);
    pending_.clear();
    if (csv_fini(&parser_, on_field, on_record, this) != 0) {
      const std::size_t last_line = ended_with_newline && line_ > 1 ? line_ - 1 : line_;
      throw parse_error({source_, last_line, 0}, "CSV: a quoted field is not closed at the end of the file");
    }
    if (!header_done_) throw parse_error({source_, 1, 0}, "CSV: the file is empty (a header row is needed)");
    flush();
  }

 private:
  void parse_line(std::string_view text) {
    if (const auto bad = unicode::first_invalid_utf8(text); bad != std::string_view::npos) {
      throw parse_error({source_, line_, 0}, "the file is not valid UTF-8");
    }
    if (!delimiter_chosen_) {
      delimiter_chosen_ = true;
      // The separator is the one the header line uses: a comma, or a semicolon (a Vietnamese-locale
      // spreadsheet export, where the comma is the decimal mark).
      if (std::count(text.begin(), text.end(), ';') > std::count(text.begin(), text.end(), ',')) csv_set_delim(&parser_, ';');
    }
    if (csv_parse(&parser_, text.data(), text.size(), on_field, on_record, this) != text.size()) {
      throw parse_error({source_, line_, 0}, std::string("CSV: ") + csv_strerror(csv_error(&parser_)) + " (a quote not closed or misplaced)");
    }
  }

  static void on_field(void* s, std::size_t len, void* self) {
    static_cast<stream*>(self)->current_.emplace_back(s ? static_cast<const char*>(s) : "", s ? len : 0);
  }

  static void on_record(int, void* data) {
    auto* self = static_cast<stream*>(data);
    std::vector<std::string> rec = std::move(self->current_);
    self->current_.clear();
    self->record(std::move(rec));
  }

  void record(std::vector<std::string> rec) {
    if (!header_done_) {
      header_done_ = true;
      for (const auto& h : rec) table_.header.push_back(unicode::nfc(trim(h)));
      for (std::size_t i = 0; i < table_.header.size(); ++i) {
        if (table_.header[i].empty()) throw parse_error({source_, line_, i + 1}, "CSV header: column " + std::to_string(i + 1) + " has no name");
        if (std::count(table_.header.begin(), table_.header.end(), table_.header[i]) > 1) {
          throw parse_error({source_, line_, i + 1}, "CSV header: the column '" + table_.header[i] + "' appears twice");
        }
      }
      return;
    }
    if (rec.size() == 1 && trim(rec[0]).empty()) return;  // a blank line
    if (rec.size() != table_.header.size()) {
      throw parse_error({source_, line_, 0}, "CSV: row has " + std::to_string(rec.size()) + " fields, the header has " +
                                                 std::to_string(table_.header.size()));
    }
    for (auto& f : rec) f = unicode::nfc(trim(f));
    table_.rows.push_back(std::move(rec));
    table_.lines.push_back(line_);
    if (chunk_rows_ != 0 && table_.rows.size() >= chunk_rows_) flush();
  }

  void flush() {
    if (table_.rows.empty() && handed_on_) return;
    on_chunk_(table_);
    handed_on_ = true;
    table_.rows.clear();
    table_.lines.clear();
  }

  std::string source_;
  std::size_t chunk_rows_;
  const csv_chunk_handler& on_chunk_;
  csv_parser parser_{};
  string_table table_;
  std::vector<std::string> current_;
  std::string pending_;
  std::size_t line_ = 1;
  bool first_ = true, delimiter_chosen_ = false, header_done_ = false, handed_on_ = false;
};

}  // namespace

string_table read_csv(std::string_view text, const std::string& source) {
  string_table out;
  const csv_chunk_handler keep = [&](const string_table& t) { out = t; };
  stream s(source, 0, keep);
  s.feed(text);
  s.finish();
  return out;
}

void read_csv_file(const std::string& path, std::size_t chunk_rows, const csv_chunk_handler& on_chunk, const csv_progress& progress) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw error(path + ": cannot open the file for reading");
  const auto total = static_cast<std::size_t>(in.tellg());
  in.seekg(0);
  stream s(path, chunk_rows == 0 ? 1 : chunk_rows, on_chunk);
  std::vector<char> block(1 << 20);
  std::size_t done = 0;
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    s.feed(std::string_view(block.data(), n));
    done += n;
    if (progress && !progress(done, total)) throw error(path + ": reading cancelled");
  }
  if (in.bad()) throw error(path + ": read error");
  s.finish();
}

}  // namespace treem::io
