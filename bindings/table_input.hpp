// A table handed over from Python to the library's one reader: an Arrow C stream (the PyCapsule
// that a table's `__arrow_c_stream__()` returns: pyarrow, polars, pandas through pyarrow, DuckDB,
// ...), read in place; or, for a pandas frame whose columns pyarrow cannot take (or without
// pyarrow), one numpy array per column.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "frame_source.hpp"
#include "treem/io/arrow_source.hpp"

namespace treem::python {

/// An Arrow stream whose producer may be Python code: its batches are asked for with the GIL held
/// (reading runs without it); the cells are made on worker threads from the batches' memory.
class python_arrow_source final : public io::arrow_source {
 public:
  using io::arrow_source::arrow_source;
  [[nodiscard]] std::optional<io::cell_block> next() override {
    pybind11::gil_scoped_acquire gil;
    return io::arrow_source::next();
  }
};

/// `table`: a capsule named "arrow_array_stream" (moved out of it), or (name, numpy array) pairs.
/// `rows`: the table's length when known, for progress.
[[nodiscard]] inline std::unique_ptr<io::table_source> table_source_of(const pybind11::object& table, const std::string& name, std::size_t rows = 0) {
  if (PyCapsule_CheckExact(table.ptr()) != 0) {
    auto* stream = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(table.ptr(), "arrow_array_stream"));
    if (stream == nullptr) throw pybind11::error_already_set();
    return std::make_unique<python_arrow_source>(stream, name, rows);
  }
  return std::make_unique<frame_source>(name, table.cast<std::vector<std::pair<std::string, pybind11::array>>>());
}

}  // namespace treem::python
