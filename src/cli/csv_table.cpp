#include "cli/csv_table.hpp"

#include <algorithm>

#include <csv.h>

#include "treem/core/unicode.hpp"

namespace treem::cli {

namespace {

struct collector {
  std::vector<std::vector<std::string>> records;
  std::vector<std::size_t> lines;  // the line each record ends on
  std::vector<std::string> current;
  std::size_t line = 1;            // the line being parsed
};

void on_field(void* s, std::size_t len, void* data) {
  auto* c = static_cast<collector*>(data);
  c->current.emplace_back(s ? static_cast<const char*>(s) : "", s ? len : 0);
}

void on_record(int, void* data) {
  auto* c = static_cast<collector*>(data);
  c->records.push_back(std::move(c->current));
  c->lines.push_back(c->line);
  c->current.clear();
}

std::size_t line_at(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

int csv_table::require(std::string_view name) const {
  const int i = column(name);
  if (i < 0) throw parse_error({source, 1, 0}, "CSV header: the column '" + std::string(name) + "' is missing");
  return i;
}

csv_table read_csv(std::string_view text, const std::string& file) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // byte-order mark from spreadsheet exports
  if (const auto bad = unicode::first_invalid_utf8(text); bad != std::string_view::npos) {
    throw parse_error({file, line_at(text, bad), 0}, "the file is not valid UTF-8");
  }
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) throw error("libcsv: cannot initialise the parser");
  // The separator is the one the header line uses: a comma, or a semicolon (a Vietnamese-locale
  // spreadsheet export, where the comma is the decimal mark).
  const std::string_view first_line = text.substr(0, text.find('\n'));
  if (std::count(first_line.begin(), first_line.end(), ';') > std::count(first_line.begin(), first_line.end(), ',')) {
    csv_set_delim(&parser, ';');
  }
  collector c;
  // The text is fed line by line so that every record knows the line it ends on.
  std::size_t used = 0;
  bool parsed = true;
  while (used < text.size()) {
    const std::size_t nl = text.find('\n', used);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    const std::size_t n = csv_parse(&parser, text.data() + used, end - used, on_field, on_record, &c);
    if (n != end - used) {
      used += n;
      parsed = false;
      break;
    }
    used = end;
    if (nl != std::string_view::npos) ++c.line;
  }
  if (parsed) {
    if (c.line > 1 && !text.empty() && text.back() == '\n') --c.line;  // a final newline ends the last line
    parsed = csv_fini(&parser, on_field, on_record, &c) == 0;
    if (!parsed) used = text.size() - (text.empty() || text.back() != '\n' ? 0 : 1);  // an open quote at the end
  }
  const int err = csv_error(&parser);
  csv_free(&parser);
  if (!parsed) throw parse_error({file, line_at(text, used), 0}, std::string("CSV: ") + csv_strerror(err) + " (a quote not closed or misplaced)");
  if (c.records.empty()) throw parse_error({file, 1, 0}, "CSV: the file is empty (a header row is needed)");
  csv_table t;
  t.source = file;
  for (const auto& h : c.records.front()) t.header.push_back(unicode::nfc(trim(h)));
  for (std::size_t i = 0; i < t.header.size(); ++i) {
    if (t.header[i].empty()) throw parse_error({file, 1, i + 1}, "CSV header: column " + std::to_string(i + 1) + " has no name");
    if (std::count(t.header.begin(), t.header.end(), t.header[i]) > 1) {
      throw parse_error({file, 1, i + 1}, "CSV header: the column '" + t.header[i] + "' appears twice");
    }
  }
  for (std::size_t r = 1; r < c.records.size(); ++r) {
    auto& rec = c.records[r];
    if (rec.size() == 1 && trim(rec[0]).empty()) continue;  // a blank line
    if (rec.size() != t.header.size()) {
      throw parse_error({file, c.lines[r], 0}, "CSV: row has " + std::to_string(rec.size()) + " fields, the header has " + std::to_string(t.header.size()));
    }
    for (auto& f : rec) f = unicode::nfc(trim(f));
    t.rows.push_back(std::move(rec));
    t.lines.push_back(c.lines[r]);
  }
  return t;
}

}  // namespace treem::cli
