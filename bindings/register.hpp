// Entry points of the per-area binding files, called in order by module.cpp.
#pragma once

#include <pybind11/pybind11.h>

namespace treem::python {

void register_errors(pybind11::module_& m);
void register_dates(pybind11::module_& m);
void register_lunar(pybind11::module_& m);
void register_holidays(pybind11::module_& m);
void register_units(pybind11::module_& m);
void register_plan(pybind11::module_& m);
void register_decisions(pybind11::module_& m);
void register_certify(pybind11::module_& m);
void register_registers(pybind11::module_& m);
void register_indicator_table(pybind11::module_& m);
void register_indicators(pybind11::module_& m);
void register_cases(pybind11::module_& m);
void register_report(pybind11::module_& m);

}  // namespace treem::python
