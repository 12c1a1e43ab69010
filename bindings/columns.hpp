// Moving columns between the core and Python: vectors handed to numpy without a copy (moved into
// the array, or viewed in the bound object that keeps them), and the problems and exclusions of a
// read as plain tuples.
#pragma once

#include <string>
#include <vector>

#include <pybind11/numpy.h>

#include "treem/core/error.hpp"
#include "treem/registers/register_reader.hpp"

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

/// A read-only view of `v`, a column of the bound C++ object `owner`: no copy, and the array
/// keeps its owner alive.
template <class Out, class T>
pybind11::array view_of(const std::vector<T>& v, const pybind11::object& owner) {
  static_assert(sizeof(T) == sizeof(Out));
  pybind11::array_t<Out> a({static_cast<pybind11::ssize_t>(v.size())}, {static_cast<pybind11::ssize_t>(sizeof(T))},
                           reinterpret_cast<const Out*>(v.data()), owner);
  a.attr("flags").attr("writeable") = false;
  return a;
}

/// Problems of a register read as (source, line, column, field, rule) tuples: never a cell's value.
inline pybind11::list problem_list(const std::vector<registers::register_problem>& problems) {
  pybind11::list out;
  for (const auto& p : problems) out.append(pybind11::make_tuple(p.where.source, p.where.line, p.where.column, p.field, p.rule));
  return out;
}

/// Rows left out without being wrong, as (field, rule, rows) tuples.
inline pybind11::list exclusion_list(const std::vector<registers::row_exclusion>& excluded) {
  pybind11::list out;
  for (const auto& e : excluded) out.append(pybind11::make_tuple(e.field, e.rule, e.rows));
  return out;
}

}  // namespace treem::python
