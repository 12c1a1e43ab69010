// Moving columns between the core and Python: vectors handed to numpy without a copy, and rows of
// text (from pandas or Excel) made into the table the register readers take.
#pragma once

#include <string>
#include <vector>

#include <pybind11/numpy.h>

#include "treem/core/error.hpp"
#include "treem/io/string_table.hpp"
#include "treem/registers/child_register_reader.hpp"

namespace treem::python {

/// A column handed to numpy without a copy: the vector moves into a capsule that owns it.
template <class T, class Out = T>
pybind11::array_t<Out> to_numpy(std::vector<T>&& v) {
  static_assert(sizeof(T) == sizeof(Out));
  auto* owned = new std::vector<T>(std::move(v));
  pybind11::capsule free_when_done(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return pybind11::array_t<Out>({static_cast<pybind11::ssize_t>(owned->size())}, {static_cast<pybind11::ssize_t>(sizeof(T))},
                                reinterpret_cast<const Out*>(owned->data()), free_when_done);
}

/// Rows numbered as a spreadsheet does (the header is row 1); every row must have the header's width.
inline io::string_table table_from_rows(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                                        const std::string& source) {
  io::string_table t;
  t.source = source;
  t.header = header;
  t.rows = rows;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != header.size()) throw validation_error({source, i + 2, 0}, "row", "has a different number of cells than the header");
    t.lines.push_back(i + 2);
  }
  return t;
}

/// Problems of a register read as (source, line, column, field, rule) tuples: never a cell's value.
inline pybind11::list problem_list(const std::vector<registers::register_problem>& problems) {
  pybind11::list out;
  for (const auto& p : problems) out.append(pybind11::make_tuple(p.where.source, p.where.line, p.where.column, p.field, p.rule));
  return out;
}

}  // namespace treem::python
