#include "report/xlsx_writer.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <xlsxwriter.h>

#include "treem/core/error.hpp"
#include "treem/io/csv_writer.hpp"
#include "treem/time/date.hpp"

namespace treem::report {

namespace {

/// The formats every sheet shares, made once per workbook.
struct formats {
  lxw_format* title = nullptr;
  lxw_format* header = nullptr;
  lxw_format* note = nullptr;
  std::array<lxw_format*, 8> plain{};      ///< by cell_kind
  std::array<lxw_format*, 8> emphasised{};  ///< the same, on a pale red ground
  std::array<lxw_format*, 2> wrapped{};     ///< text in a wrapped column, plain and emphasised

  explicit formats(lxw_workbook* wb) {
    title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 13);
    header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_text_wrap(header);
    format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(header, 0xDDEBF7);
    format_set_border(header, LXW_BORDER_THIN);
    note = workbook_add_format(wb);
    format_set_italic(note);
    for (int e = 0; e < 2; ++e) {
      auto& set = e ? emphasised : plain;
      for (std::size_t k = 0; k < set.size(); ++k) {
        lxw_format* f = workbook_add_format(wb);
        format_set_border(f, LXW_BORDER_THIN);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        if (e) format_set_bg_color(f, 0xF8D7DA);
        switch (static_cast<cell_kind>(k)) {
          case cell_kind::count: format_set_num_format(f, "#,##0"); break;
          case cell_kind::decimal: format_set_num_format(f, "#,##0.0"); break;
          case cell_kind::percent: format_set_num_format(f, "0.0%"); break;
          case cell_kind::withheld: format_set_align(f, LXW_ALIGN_CENTER); break;
          case cell_kind::date: format_set_num_format(f, "dd/mm/yyyy"); break;
          case cell_kind::year: format_set_num_format(f, "0"); break;
          case cell_kind::text:
          case cell_kind::empty: break;
        }
        set[k] = f;
      }
      wrapped[static_cast<std::size_t>(e)] = workbook_add_format(wb);
      format_set_text_wrap(wrapped[static_cast<std::size_t>(e)]);
      format_set_border(wrapped[static_cast<std::size_t>(e)], LXW_BORDER_THIN);
      format_set_align(wrapped[static_cast<std::size_t>(e)], LXW_ALIGN_VERTICAL_TOP);
      if (e) format_set_bg_color(wrapped[static_cast<std::size_t>(e)], 0xF8D7DA);
    }
  }
};

void check(lxw_error e, const std::string& path, const std::string& what) {
  if (e != LXW_NO_ERROR) throw error(path + ": " + what + ": " + lxw_strerror(e));
}

void write_cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const cell& x, const formats& f, bool wrap, const std::string& path) {
  lxw_format* fmt = wrap && x.kind == cell_kind::text ? f.wrapped[x.emphasis ? 1 : 0] : (x.emphasis ? f.emphasised : f.plain)[static_cast<std::size_t>(x.kind)];
  switch (x.kind) {
    case cell_kind::empty: check(worksheet_write_blank(ws, r, c, fmt), path, "a blank cell"); return;
    case cell_kind::text: {
      const std::string safe = io::looks_like_formula(x.text) ? "'" + x.text : x.text;
      check(worksheet_write_string(ws, r, c, safe.c_str(), fmt), path, "a text cell");
      return;
    }
    case cell_kind::withheld: check(worksheet_write_string(ws, r, c, "x", fmt), path, "a withheld cell"); return;
    case cell_kind::date: {
      const date d = from_epoch_days(static_cast<std::int64_t>(x.number));
      lxw_datetime t{static_cast<int>(d.year()), static_cast<int>(d.month()), static_cast<int>(d.day()), 0, 0, 0};
      check(worksheet_write_datetime(ws, r, c, &t, fmt), path, "a date cell");
      return;
    }
    default: check(worksheet_write_number(ws, r, c, x.number, fmt), path, "a number cell");
  }
}

/// Lines that `text` takes in a column `width` characters wide (line breaks and wrapping; a
/// Vietnamese letter counts as one character, however many bytes it takes).
std::size_t wrapped_lines(const std::string& text, double width) {
  std::size_t lines = 0, chars = 0;
  auto end_line = [&] { lines += 1 + static_cast<std::size_t>(static_cast<double>(chars) / std::max(width - 1, 1.0)); chars = 0; };
  for (const char ch : text) {
    if (ch == '\n') end_line();
    else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++chars;
  }
  end_line();
  return lines;
}

void add_chart(lxw_workbook* wb, lxw_worksheet* ws, const sheet& s, const chart& ch, lxw_row_t body_start) {
  // Values as markers (a withheld value is a blank cell: a gap, never 0) and the target as a line.
  lxw_chart* c = workbook_add_chart(wb, LXW_CHART_LINE);
  const auto first = static_cast<lxw_row_t>(body_start + ch.first_row), last = static_cast<lxw_row_t>(body_start + ch.last_row);
  lxw_chart_series* values = chart_add_series(c, nullptr, nullptr);
  chart_series_set_categories(values, s.name.c_str(), first, static_cast<lxw_col_t>(ch.category_column), last, static_cast<lxw_col_t>(ch.category_column));
  chart_series_set_values(values, s.name.c_str(), first, static_cast<lxw_col_t>(ch.value_column), last, static_cast<lxw_col_t>(ch.value_column));
  chart_series_set_name_range(values, s.name.c_str(), body_start - 1, static_cast<lxw_col_t>(ch.value_column));
  lxw_chart_line none{};
  none.none = LXW_TRUE;
  chart_series_set_line(values, &none);
  chart_series_set_marker_type(values, LXW_CHART_MARKER_DIAMOND);
  chart_series_set_marker_size(values, 8);
  if (ch.target_column) {
    lxw_chart_series* target = chart_add_series(c, nullptr, nullptr);
    const auto col = static_cast<lxw_col_t>(*ch.target_column);
    chart_series_set_categories(target, s.name.c_str(), first, static_cast<lxw_col_t>(ch.category_column), last, static_cast<lxw_col_t>(ch.category_column));
    chart_series_set_values(target, s.name.c_str(), first, col, last, col);
    chart_series_set_name_range(target, s.name.c_str(), body_start - 1, col);
    lxw_chart_line dashed{};
    dashed.color = 0xC00000;
    dashed.dash_type = LXW_CHART_LINE_DASH_DASH;
    dashed.width = 1.5;
    chart_series_set_line(target, &dashed);
    chart_series_set_marker_type(target, LXW_CHART_MARKER_NONE);
  }
  chart_title_set_name(c, ch.title.c_str());
  chart_axis_set_name(c->y_axis, ch.value_axis.c_str());
  chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
  chart_show_blanks_as(c, LXW_CHART_BLANKS_AS_GAP);
  lxw_chart_options place{};
  place.x_scale = 1.6;
  place.y_scale = 1.3;
  worksheet_insert_chart_opt(ws, static_cast<lxw_row_t>(ch.anchor_row), static_cast<lxw_col_t>(ch.anchor_column), c, &place);
}

void write_sheet(lxw_workbook* wb, const sheet& s, const formats& f, const std::string& path) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
  if (!ws) throw error(path + ": cannot add the sheet " + treem::quoted(s.name));
  lxw_row_t r = 0;
  for (const auto& line : s.title_lines) {
    check(worksheet_write_string(ws, r, 0, line.c_str(), r == 0 ? f.title : nullptr), path, "a title");
    ++r;
  }
  if (!s.title_lines.empty()) ++r;
  const lxw_row_t header_row = r;
  std::size_t header_lines = 1;
  for (std::size_t c = 0; c < s.header.size(); ++c) {
    check(worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), s.header[c].c_str(), f.header), path, "a header");
    if (c < s.widths.size()) header_lines = std::max(header_lines, wrapped_lines(s.header[c], s.widths[c]));
  }
  if (header_lines > 1) worksheet_set_row(ws, r, 15.0 * static_cast<double>(header_lines), nullptr);
  if (!s.header.empty()) ++r;
  const lxw_row_t body_start = r;
  for (const auto& row : s.rows) {
    std::size_t lines = 1;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool wrap = std::find(s.wrapped.begin(), s.wrapped.end(), c) != s.wrapped.end();
      write_cell(ws, r, static_cast<lxw_col_t>(c), row[c], f, wrap, path);
      if (wrap && c < s.widths.size()) lines = std::max(lines, wrapped_lines(row[c].text, s.widths[c]));
    }
    // Spreadsheets do not all grow a row to fit wrapped text on opening: give it its height.
    if (lines > 1) worksheet_set_row(ws, r, 15.0 * static_cast<double>(lines), nullptr);
    ++r;
  }
  ++r;
  for (const auto& n : s.notes) check(worksheet_write_string(ws, r++, 0, n.c_str(), f.note), path, "a note");
  for (std::size_t c = 0; c < s.widths.size(); ++c) worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), s.widths[c], nullptr);
  if (!s.header.empty()) {
    worksheet_freeze_panes(ws, body_start, 0);  // the header stays in view
    worksheet_repeat_rows(ws, header_row, header_row);  // and on every printed page
  }
  worksheet_set_paper(ws, 9);  // A4
  if (s.landscape) worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);  // as wide as one page, as long as it takes
  worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
  for (const auto& ch : s.charts) add_chart(wb, ws, s, ch, body_start);
}

}  // namespace

void write_xlsx(const workbook& book, const std::string& path, std::time_t created) {
  const std::filesystem::path target(path);
  const std::filesystem::path partial = target.string() + ".treem-tmp";
  lxw_workbook* wb = workbook_new(partial.c_str());
  if (!wb) throw error(path + ": cannot create the workbook (is the folder there and writable?)");
  // libxlsxwriter's C struct takes non-const strings; it only reads them.
  std::string title = book.title, author = book.author;
  lxw_doc_properties props{};
  props.title = title.data();
  props.author = author.data();
  props.created = created;
  workbook_set_properties(wb, &props);
  try {
    const formats f(wb);
    for (const auto& s : book.sheets) write_sheet(wb, s, f, path);
  } catch (...) {
    workbook_close(wb);
    std::filesystem::remove(partial);
    throw;
  }
  if (const lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw error(path + ": cannot write the workbook: " + lxw_strerror(e));
  }
  std::filesystem::rename(partial, target);
}

}  // namespace treem::report
