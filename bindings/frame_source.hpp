// A DataFrame (pandas, polars or Arrow, handed over as one numpy array per column) as a table
// source, so that a frame goes through the library's one reader exactly as a CSV file does. Cells
// are made into text views block by block while the GIL is held: Python strings are viewed in
// place (their UTF-8 form), numbers and booleans are written once into the block; cleaning then
// runs on worker threads without the GIL. Rows are numbered as a spreadsheet numbers them (the
// header is row 1).
#pragma once

#include <charconv>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "treem/core/unicode.hpp"
#include "treem/io/arrow_source.hpp"
#include "treem/io/cell_block.hpp"

namespace treem::python {

class frame_source final : public io::table_source {
 public:
  /// `columns`: (name, numpy array) pairs of one length; arrays of objects, int64, float64 or bool.
  frame_source(std::string name, const std::vector<std::pair<std::string, pybind11::array>>& columns, std::size_t block_rows = 1 << 16)
      : name_(std::move(name)), block_rows_(block_rows) {
    for (const auto& [n, a] : columns) {
      header_.push_back(unicode::nfc(treem::detail::trim(n)));
      if (a.ndim() != 1) throw validation_error({name_, 1, header_.size()}, "columns", "column " + std::to_string(header_.size()) + " is not one-dimensional");
      if (!columns_.empty() && a.shape(0) != columns_.front().shape(0)) throw validation_error({name_, 1, header_.size()}, "columns", "columns of different lengths");
      columns_.push_back(a);
    }
    rows_ = columns_.empty() ? 0 : static_cast<std::size_t>(columns_.front().shape(0));
  }

  [[nodiscard]] const std::string& name() const override { return name_; }
  [[nodiscard]] const std::vector<std::string>& header() const override { return header_; }
  [[nodiscard]] std::pair<std::size_t, std::size_t> progress() const override { return {next_row_, rows_}; }
  [[nodiscard]] std::size_t expected_rows(const io::cell_block&) const override { return rows_; }

  [[nodiscard]] std::optional<io::cell_block> next() override {
    if (next_row_ >= rows_) return std::nullopt;
    pybind11::gil_scoped_acquire gil;
    const std::size_t first = next_row_, n = std::min(block_rows_, rows_ - first);
    next_row_ += n;
    io::cell_block b;
    b.width = columns_.size();
    b.line_count = n;
    // On the heap from the start: the block is moved after its cells are made, and a short string's
    // bytes would move with it (a small-string buffer lives inside the object).
    b.bytes.reserve(64);
    std::vector<cell_text> spans(n * b.width);
    for (std::size_t c = 0; c < columns_.size(); ++c) fill_column(columns_[c], first, n, c, b, spans);
    b.cells.reserve(spans.size());
    for (const auto& s : spans) b.cells.emplace_back(s.text ? s.text : b.bytes.data() + s.offset, s.length);
    for (std::size_t r = 0; r < n; ++r) b.line.push_back(static_cast<std::uint32_t>(r));
    return b;
  }

 private:
  // A cell: text kept by a Python object, or (text == nullptr) text written into the block at `offset`.
  struct cell_text {
    const char* text = nullptr;
    std::size_t offset = 0, length = 0;
  };

  static void written(io::cell_block& b, cell_text& s, std::string_view text) {
    s = {nullptr, b.bytes.size(), text.size()};
    b.bytes.append(text);
  }

  void fill_column(const pybind11::array& a, std::size_t first, std::size_t n, std::size_t c, io::cell_block& b,
                   std::vector<cell_text>& spans) const {
    const char kind = a.dtype().kind();
    const auto* base = static_cast<const char*>(a.data());
    const auto stride = a.strides(0);
    char buf[64];
    for (std::size_t r = 0; r < n; ++r) {
      const char* item = base + static_cast<pybind11::ssize_t>(first + r) * stride;
      auto& span = spans[r * b.width + c];
      if (kind == 'O') {
        object_cell(*reinterpret_cast<PyObject* const*>(item), b, span);
      } else if (kind == 'b') {
        written(b, span, *reinterpret_cast<const bool*>(item) ? "1" : "0");
      } else if (kind == 'i' && a.itemsize() == 8) {
        const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *reinterpret_cast<const std::int64_t*>(item));
        written(b, span, std::string_view(buf, static_cast<std::size_t>(end - buf)));
      } else if (kind == 'f' && a.itemsize() == 8) {
        number_cell(*reinterpret_cast<const double*>(item), b, span);
      } else {
        // The column is named by its number: a frame read from a file without its header row has a child's data as names.
        throw validation_error({name_, 1, c + 1}, "column " + std::to_string(c + 1), "a column of numpy dtype kind '" + std::string(1, kind) + "' cannot be read");
      }
    }
  }

  // The same text as a number from an Arrow table (and an Excel cell through pandas): 12.0 is 12.
  static void number_cell(double v, io::cell_block& b, cell_text& span) {
    char buf[io::arrow_detail::max_written];
    written(b, span, std::string_view(buf, io::arrow_detail::write_number(buf, v)));
  }

  static void object_cell(PyObject* o, io::cell_block& b, cell_text& span) {
    if (PyUnicode_Check(o)) {
      Py_ssize_t size = 0;
      const char* utf8 = PyUnicode_AsUTF8AndSize(o, &size);  // kept by the string object, which the frame keeps alive
      if (utf8 == nullptr) throw pybind11::error_already_set();
      span = {utf8, 0, static_cast<std::size_t>(size)};
      return;
    }
    if (o == Py_None) return written(b, span, "");
    if (PyBool_Check(o)) return written(b, span, o == Py_True ? "1" : "0");
    if (PyFloat_Check(o)) return number_cell(PyFloat_AsDouble(o), b, span);
    const std::string type = Py_TYPE(o)->tp_name;
    if (type == "NAType" || type == "NaTType") return written(b, span, "");
    pybind11::handle h(o);
    if (pybind11::hasattr(h, "isoformat")) {  // date, datetime, Timestamp: ISO, which the date rule reads
      if (pybind11::hasattr(h, "hour") && h.attr("hour").cast<int>() == 0 && h.attr("minute").cast<int>() == 0 && h.attr("second").cast<int>() == 0) {
        return written(b, span, pybind11::str(h.attr("date")().attr("isoformat")()).cast<std::string>());
      }
      return written(b, span, pybind11::str(h.attr("isoformat")()).cast<std::string>());
    }
    written(b, span, pybind11::str(h).cast<std::string>());
  }

  std::string name_;
  std::vector<std::string> header_;
  std::vector<pybind11::array> columns_;
  std::size_t rows_ = 0, next_row_ = 0, block_rows_;
};

}  // namespace treem::python
