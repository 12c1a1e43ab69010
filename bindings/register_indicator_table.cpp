// An indicator table stays in C++ (as boost-histogram keeps its histogram): its columns are numpy
// views of the engine's vectors, read-only and without a copy, each keeping the table alive; its
// JSON is the library's, the same text `treem indicators --json` prints.
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "columns.hpp"
#include "register.hpp"
#include "treem/core/utf8.hpp"
#include "treem/indicators/protection_warnings.hpp"
#include "treem/indicators/table_arrow.hpp"
#include "treem/indicators/table_json.hpp"

namespace py = pybind11;

namespace treem::python {

namespace {

using indicators::indicator_table;
using indicators::target_progress;

std::size_t dimension_index(const std::string& name) {
  for (std::size_t d = 0; d < indicators::dimension_count; ++d) {
    if (indicators::dimension_names[d] == name) return d;
  }
  throw validation_error({"<argument dimension>"}, "dimension", treem::quoted(name) + " is not sex, age_group, ethnicity, kind or environment");
}

void register_protection_report(py::module_& m) {
  using indicators::protection_report;
  py::class_<protection_report>(m, "ProtectionReport", "What suppression's protection stage did to a table: counts of cells, never which ones.")
      .def_readonly("added", &protection_report::added, "cells withheld to widen an interval")
      .def_readonly("released", &protection_report::released, "withheld cells published because they were determined anyway")
      .def_readonly("unprotected", &protection_report::unprotected, "withheld counts still narrower than the promise")
      .def_readonly("skipped", &protection_report::skipped, "withheld cells in groups too large to solve")
      .def_readonly("programmes", &protection_report::programmes, "linear programmes solved")
      .def_readonly("atom_columns", &protection_report::atom_columns,
                    "unknowns of the atom programme that read the table as its strongest reader would (0: too large for it)")
      .def_readonly("sub_tables", &protection_report::sub_tables, "sub-tables a table too large for one programme was read in first (0: none)")
      .def_readonly("read_whole", &protection_report::read_whole,
                    "one atom programme read the whole table, directly or after its sub-tables (else a reader who combines them may narrow)")
      .def_readonly("parts_read_whole", &protection_report::parts_read_whole,
                    "parts (a unit with every unit inside it) read whole after the sub-tables of a table beyond the whole-table limit (0: none)")
      .def_readonly("certified", &protection_report::certified, "a table read in parts was certified against a reader of the whole table (asked for)")
      .def_readonly("uncertified", &protection_report::uncertified,
                    "when read in parts: small counts for which no two whole tables publishing the same numbers were found that put them "
                    "at 0 and at the interval's upper end (a reader of the whole table may narrow those; 0 otherwise)")
      .def_readonly("logged", &protection_report::logged, "lines of the publish log taken into account")
      .def_readonly("logged_outside", &protection_report::logged_outside, "lines of the log over communes these registers do not have")
      .def("__repr__", [](const protection_report& p) {
        return "ProtectionReport(added=" + std::to_string(p.added) + ", released=" + std::to_string(p.released) +
               ", unprotected=" + std::to_string(p.unprotected) + ", skipped=" + std::to_string(p.skipped) +
               ", sub_tables=" + std::to_string(p.sub_tables) + ", read_whole=" + (p.read_whole ? "True" : "False") +
               ", parts_read_whole=" + std::to_string(p.parts_read_whole) + ", certified=" + (p.certified ? "True" : "False") +
               ", uncertified=" + std::to_string(p.uncertified) + ")";
      });
}

void register_target_progress(py::module_& m) {
  py::class_<target_progress>(m, "TargetProgress", "Each unit's totals against the targets: one row per unit, indicator and target.")
      .def("__len__", &target_progress::size)
      .def_readonly("level", &target_progress::level)
      .def_readonly("unit", &target_progress::unit_code)
      .def_readonly("indicator", &target_progress::indicator)
      .def_readonly("comparator", &target_progress::comparator_text)
      .def_readonly("status", &target_progress::status)
      .def_property_readonly("year", [](const py::object& self) { return view_of<int>(self.cast<const target_progress&>().year, self); })
      .def_property_readonly("target", [](const py::object& self) { return view_of<double>(self.cast<const target_progress&>().target_value, self); })
      .def_property_readonly("value", [](const py::object& self) { return view_of<double>(self.cast<const target_progress&>().value, self); })
      .def_property_readonly("gap", [](const py::object& self) { return view_of<double>(self.cast<const target_progress&>().gap, self); })
      .def_property_readonly("meets", [](const py::object& self) { return view_of<std::int8_t>(self.cast<const target_progress&>().meets, self); },
                             "1 met, 0 not met, -1 cannot tell");
}

template <class Out, class T>
auto column(std::vector<T> indicator_table::*member) {
  return [member](const py::object& self) { return view_of<Out>(self.cast<const indicator_table&>().*member, self); };
}

}  // namespace

void register_indicator_table(py::module_& m) {
  register_protection_report(m);
  register_target_progress(m);
  py::class_<indicator_table, std::shared_ptr<indicator_table>>(m, "IndicatorTable", "A computed indicator table: one row per unit, indicator and category of a breakdown.")
      .def("__len__", &indicator_table::size)
      .def_readonly("period", &indicator_table::period)
      .def_readonly("reference_date", &indicator_table::reference_date)
      .def_readonly("confidence", &indicator_table::confidence)
      .def_readonly("suppression_threshold", &indicator_table::suppression_threshold)
      .def_readonly("protection_upper", &indicator_table::protection_upper)
      .def_readonly("protection", &indicator_table::protection)
      .def_readonly("levels", &indicator_table::levels)
      .def_readonly("unit_codes", &indicator_table::unit_codes)
      .def_readonly("unit_names", &indicator_table::unit_names)
      .def_readonly("indicator_keys", &indicator_table::indicator_keys)
      .def_property_readonly_static("dimensions", [](const py::object&) {
        std::vector<std::string> out;
        for (const auto d : indicators::dimension_names) out.emplace_back(d);
        return out;
      })
      .def("labels", [](const indicator_table& t, const std::string& dimension) { return t.labels[dimension_index(dimension)]; }, py::arg("dimension"))
      .def("hierarchy", [](const indicator_table& t, const std::string& dimension) { return t.hierarchy(dimension_index(dimension)); },
           py::arg("dimension"), "Each parent category with the categories whose sum it is.")
      .def("category", [](const py::object& self, const std::string& dimension) {
        return view_of<std::int8_t>(self.cast<const indicator_table&>().category[dimension_index(dimension)], self);
      }, py::arg("dimension"), "The category codes of a dimension (-1: the total over it).")
      .def_property_readonly("level", column<std::uint8_t>(&indicator_table::level))
      .def_property_readonly("unit", column<std::uint32_t>(&indicator_table::unit))
      .def_property_readonly("indicator", column<std::uint32_t>(&indicator_table::indicator))
      .def_property_readonly("numerator", column<double>(&indicator_table::numerator))
      .def_property_readonly("denominator", column<double>(&indicator_table::denominator))
      .def_property_readonly("value", column<double>(&indicator_table::value))
      .def_property_readonly("lower", column<double>(&indicator_table::lower))
      .def_property_readonly("upper", column<double>(&indicator_table::upper))
      .def_property_readonly("suppressed", column<bool>(&indicator_table::suppressed))
      .def_property_readonly("warnings", [](const indicator_table& t) {
        return indicators::protection_warnings(t.protection, t.protection_upper, t.any_withheld());
      })
      .def("evaluate_targets", [](const indicator_table& t, const indicators::target_set& targets, int year,
                                  const std::map<std::pair<std::string, std::string>, double>& baselines) {
        return indicators::evaluate_targets(t, targets, year, baselines);
      }, py::arg("targets"), py::arg("year") = 0, py::arg("baselines") = std::map<std::pair<std::string, std::string>, double>{})
      .def("to_json", [](const indicator_table& t, const indicators::catalogue& cat, const target_progress* progress) {
        return indicators::to_json(t, cat, progress);
      }, py::arg("catalogue"), py::arg("progress") = nullptr)
      .def("__arrow_c_stream__", [](const std::shared_ptr<indicator_table>& t, const py::object& requested_schema) {
        if (!requested_schema.is_none()) throw py::type_error("an indicator table is exported with its own schema (requested_schema must be None)");
        auto* stream = new ArrowArrayStream{};
        indicators::export_stream(t, stream);
        return py::capsule(stream, "arrow_array_stream", [](PyObject* o) {
          auto* p = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(o, "arrow_array_stream"));
          if (p->release != nullptr) p->release(p);
          delete p;
        });
      }, py::arg("requested_schema") = py::none(),
         "The table as an Arrow C stream of one record batch: its numbers and codes without a copy (pyarrow, polars, DuckDB).")
      .def("__repr__", [](const indicator_table& t) {
        return "IndicatorTable(period='" + t.period + "', " + std::to_string(t.size()) + " rows, " + std::to_string(t.indicator_keys.size()) + " indicators)";
      });
}

}  // namespace treem::python
