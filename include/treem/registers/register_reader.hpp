// What the readers of every table share: the modes and options of a read, problems located by
// source, line, column and field (never by a cell's text), rows left out without being wrong, the
// mapping of a header onto a table's fields, and cell text compared the way the vocabulary is
// written (NFC, lower case) without an allocation for ASCII cells.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/core/unicode.hpp"
#include "treem/io/read_blocks.hpp"
#include "treem/registers/vocabulary.hpp"
#include "treem/time/date.hpp"
#include "treem/units/unit_registry.hpp"

namespace treem::registers {

struct register_problem {
  source_location where;
  std::string field;
  std::string rule;
  [[nodiscard]] std::string to_string() const { return where.to_string() + ": " + field + ": " + rule; }
};

enum class read_mode {
  strict,   ///< the first problem is a validation_error; nothing is returned
  lenient,  ///< rows with problems are left out and every problem is listed
};

/// Rows that are well formed but outside what was asked for (born after the reference date, an
/// incident before the period): left out, counted, and said, never an error.
struct row_exclusion {
  std::string field;
  std::string rule;
  std::size_t rows = 0;
};

class pseudonymiser;

struct read_options {
  read_mode mode = read_mode::strict;
  unsigned threads = 0;                  ///< 0: every core
  const pseudonymiser* key = nullptr;    ///< child registers: ids replaced by HMAC-SHA-256 pseudonyms
  std::optional<date> period_start;      ///< incident registers: incidents before it are left out
  io::read_progress progress;            ///< after each block read; false cancels
};

namespace detail {

/// lower(nfc(trim(cell))), the form the vocabulary is written in; a view of a buffer that the next
/// call reuses. ASCII cells (nearly all) cost no allocation.
class cell_key {
 public:
  std::string_view operator()(std::string_view cell) {
    cell = treem::detail::trim(cell);
    bool ascii = true, upper = false;
    for (const char c : cell) {
      ascii &= static_cast<unsigned char>(c) < 0x80;
      upper |= c >= 'A' && c <= 'Z';
    }
    if (ascii && !upper) return cell;  // most cells: "1", "0", "nam", dates
    if (ascii) {
      buf_.assign(cell);
      for (char& c : buf_) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      return buf_;
    }
    buf_ = unicode::to_lower(unicode::nfc(cell));
    return buf_;
  }

 private:
  std::string buf_;
};

/// nfc(trim(cell)): a view of the cell itself when it is already composed (ASCII always is).
class nfc_cell {
 public:
  std::string_view operator()(std::string_view cell) {
    cell = treem::detail::trim(cell);
    if (unicode::detail::is_ascii(cell)) return cell;
    buf_ = unicode::nfc(cell);
    return buf_;
  }

 private:
  std::string buf_;
};

/// The column of each field of `schema` in `header` (-1: absent). Personal-data columns are
/// dropped unread; an unknown column goes to `problem` when the schema refuses them; a required
/// column missing, or a field given twice, is a validation_error. No column name is repeated:
/// a file without its header row has a child's data in its first row.
template <class Problem>
std::vector<int> map_columns(const std::vector<std::string>& header, const table_schema& schema, const std::string& source, Problem&& problem) {
  std::vector<int> col(schema.columns.size(), -1);
  std::vector<std::size_t> unknown;
  std::size_t recognised = 0;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string name = unicode::to_lower(header[c]);
    if (is_personal_data_column(name)) continue;
    bool matched = false;
    for (std::size_t f = 0; f < schema.columns.size(); ++f) {
      const auto& accepted = schema.columns[f].accepted;
      if (std::find(accepted.begin(), accepted.end(), name) == accepted.end()) continue;
      if (col[f] >= 0) {
        throw validation_error({source, 1, c + 1}, std::string(schema.columns[f].field),
                               "columns " + std::to_string(col[f] + 1) + " and " + std::to_string(c + 1) + " are both this field");
      }
      col[f] = static_cast<int>(c);
      matched = true;
      ++recognised;
    }
    if (!matched && schema.refuse_unknown) unknown.push_back(c);
  }
  for (std::size_t f = 0; f < schema.columns.size(); ++f) {
    if (!schema.columns[f].required || col[f] >= 0) continue;
    const std::string hint = recognised == 0 ? " (no column of the first row is a known column name: does the file have a header row?)" : "";
    throw validation_error({source, 1, 0}, std::string(schema.columns[f].field), "the column is missing" + hint);
  }
  // Unknown columns after the missing ones: a file without a header row is told so first.
  for (const std::size_t c : unknown) {
    problem(source_location{source, 1, c + 1}, "header", "column " + std::to_string(c + 1) + " is not a field of the " + std::string(schema.what));
  }
  return col;
}

/// A commune by code, or by its exact (NFC) name among the communes on `on`.
inline std::optional<std::string> commune_code(const unit_registry& units, std::string_view text, const date& on, std::string& why) {
  const std::string t(text);
  if (const admin_unit* u = units.find(t, on); u && u->tier() == unit_tier::commune) return u->code;
  std::vector<const admin_unit*> named;
  for (const admin_unit* c : units.find_by_name(t, on)) {
    if (c->tier() == unit_tier::commune) named.push_back(c);
  }
  if (named.size() == 1) return named[0]->code;
  why = named.empty() ? "not a commune code or commune name on " + format_vn(on)
                      : "the name matches " + std::to_string(named.size()) + " communes: give the code";
  return std::nullopt;
}

/// A problem of a row of a block. (row, rank) orders the problems of a block as one thread reading
/// the row's fields in turn meets them.
struct row_problem {
  std::uint32_t row = 0;
  std::uint8_t rank = 0;
  int column = -1;  ///< 0-based column of the table, -1: the whole row
  std::string field;
  std::string rule;
  friend bool operator<(const row_problem& a, const row_problem& b) { return a.row != b.row ? a.row < b.row : a.rank < b.rank; }
};

/// The cell of field `f` in row `r` (`col`: each field's column, -1 when absent: an empty cell).
[[nodiscard]] inline std::string_view field_cell(const io::cell_block& b, std::uint32_t r, const std::vector<int>& col, std::size_t f) noexcept {
  return col[f] < 0 ? std::string_view{} : b.cell(r, static_cast<std::size_t>(col[f]));
}

/// Runs `row(r, out)` over the rows of a block (false: the row has a problem); strict reading stops
/// at the first such row, since nothing after it can be returned.
template <class Block, class Row>
[[nodiscard]] Block clean_rows(const io::cell_block& b, read_mode mode, Block out, Row&& row) {
  out.rows = b.rows();
  for (std::size_t r = 0; r < b.rows(); ++r) {
    if (!row(static_cast<std::uint32_t>(r), out) && mode == read_mode::strict) break;
  }
  return out;
}

/// Where a problem of the header goes: thrown when strict, listed when lenient.
inline auto header_problems(read_mode mode, std::vector<register_problem>& list) {
  return [mode, &list](const source_location& where, const std::string& field, const std::string& rule) {
    if (mode == read_mode::strict) throw validation_error(where, field, rule);
    list.push_back({where, field, rule});
  };
}

inline register_problem locate(const row_problem& p, const io::cell_block& b, std::size_t first_line, const std::string& source) {
  return {{source, first_line + b.line[p.row], p.column < 0 ? 0 : static_cast<std::size_t>(p.column) + 1}, p.field, p.rule};
}

/// The problems of a cleaned block, located in their source: the first one thrown when strict;
/// otherwise each listed and each row with a problem counted once as rejected.
inline void take_problems(const std::vector<row_problem>& problems, const io::cell_block& b, std::size_t first_line, const std::string& source,
                          bool strict, std::vector<register_problem>& out, std::size_t& rows_rejected) {
  if (strict && !problems.empty()) {
    const auto& q = problems.front();
    throw validation_error(locate(q, b, first_line, source).where, q.field, q.rule);
  }
  std::uint32_t last_row = UINT32_MAX;
  for (const auto& q : problems) {
    if (q.row != last_row) ++rows_rejected;
    last_row = q.row;
    out.push_back(locate(q, b, first_line, source));
  }
}

/// Counts of rows left out, by rule, in the order the rules were first met.
inline void count_exclusion(std::vector<row_exclusion>& out, std::string_view field, const std::string& rule, std::size_t n = 1) {
  for (auto& e : out) {
    if (e.field == field && e.rule == rule) {
      e.rows += n;
      return;
    }
  }
  out.push_back({std::string(field), rule, n});
}

}  // namespace detail

}  // namespace treem::registers
