#include "register.hpp"
#include "treem/version.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "treem's compiled core. Use the treem package, not this module.";
  m.attr("__version__") = treem::version_string;
  treem::python::register_errors(m);
  treem::python::register_dates(m);
  treem::python::register_lunar(m);
  treem::python::register_holidays(m);
  treem::python::register_units(m);
  treem::python::register_plan(m);
  treem::python::register_registers(m);
  treem::python::register_indicators(m);
  treem::python::register_cases(m);
  treem::python::register_report(m);
  treem::python::register_decisions(m);
  treem::python::register_certify(m);  // after cases and decisions: its signature names CaseRegister and DecisionSet
}
