// Dates, partial dates and reporting periods.
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "date_caster.hpp"
#include "register.hpp"
#include "treem/time/partial_date.hpp"
#include "treem/time/period.hpp"

namespace py = pybind11;

namespace treem::python {

namespace {

period_type period_type_from(const std::string& s) {
  for (auto t : {period_type::day, period_type::month, period_type::quarter, period_type::six_month, period_type::year}) {
    if (to_string(t) == s) return t;
  }
  throw validation_error({"<argument>"}, "type", "'" + s + "' is not one of day, month, quarter, six_month, year");
}

std::string precision_name(date_precision p) {
  switch (p) {
    case date_precision::year: return "year";
    case date_precision::month: return "month";
    case date_precision::day: return "day";
  }
  return "day";
}

}  // namespace

void register_dates(py::module_& m) {
  m.def("parse_date", [](const std::string& text) { return parse_date(text); }, py::arg("text"),
        "Parse 'dd/mm/yyyy' (also 'd/m/yyyy') or ISO 'yyyy-mm-dd' into a datetime.date.");
  m.def("format_date_vn", &format_vn, py::arg("date"), "'dd/mm/yyyy', the Vietnamese written form.");
  m.def("format_date_iso", &format_iso, py::arg("date"), "'yyyy-mm-dd'.");

  py::class_<partial_date>(m, "PartialDate", "A date that may lack its day, or its day and month.")
      .def(py::init<int, std::optional<int>, std::optional<int>>(), py::arg("year"), py::arg("month") = py::none(),
           py::arg("day") = py::none())
      .def(py::init<const date&>(), py::arg("date"))
      .def_static("parse", [](const std::string& text) { return partial_date::parse(text); }, py::arg("text"),
                  "Parse '09/04/2024', '04/2024', '2024', ISO forms, or 'ngày … tháng … năm …'.")
      .def_property_readonly("year", &partial_date::year)
      .def_property_readonly("month", &partial_date::month)
      .def_property_readonly("day", &partial_date::day)
      .def_property_readonly("precision", [](const partial_date& d) { return precision_name(d.precision()); })
      .def_property_readonly("is_complete", &partial_date::is_complete)
      .def_property_readonly("first_day", &partial_date::first_day)
      .def_property_readonly("last_day", &partial_date::last_day)
      .def("contains", &partial_date::contains, py::arg("date"))
      .def("to_date", &partial_date::to_date)
      .def("to_iso", &partial_date::to_iso)
      .def("to_vietnamese", &partial_date::to_vietnamese)
      .def("__str__", &partial_date::to_string)
      .def("__repr__", [](const partial_date& d) { return "PartialDate('" + d.to_string() + "')"; })
      .def("__hash__", [](const partial_date& d) { return py::hash(py::make_tuple(d.year(), d.month(), d.day())); })
      .def(py::pickle([](const partial_date& d) { return py::make_tuple(d.year(), d.month(), d.day()); },
                      [](const py::tuple& t) {
                        return partial_date(t[0].cast<int>(), t[1].cast<std::optional<int>>(), t[2].cast<std::optional<int>>());
                      }))
      .def(py::self == py::self)
      .def(py::self != py::self);

  py::class_<period>(m, "Period", "A reporting period: a day, month, quarter, half-year (S1/S2) or year.")
      .def(py::init([](const std::string& type, int year, int index) { return period(period_type_from(type), year, index); }),
           py::arg("type"), py::arg("year"), py::arg("index") = 1)
      .def_static("parse", [](const std::string& text) { return period::parse(text); }, py::arg("text"),
                  "Parse a DHIS2 period: '2024', '2024S1', '2024Q3', '202406', '20240601'.")
      .def_static("of_day", &period::of_day, py::arg("date"))
      .def_static("containing", [](const std::string& type, const date& d) { return period::containing(period_type_from(type), d); },
                  py::arg("type"), py::arg("date"))
      .def_static("statistical_six_month", &period::statistical_six_month, py::arg("year"),
                  "The 6-month statistical period 01/01-30/06 (Decree 60/2018/NĐ-CP).")
      .def_static("statistical_year", &period::statistical_year, py::arg("year"))
      .def_property_readonly("type", [](const period& p) { return std::string(to_string(p.type())); })
      .def_property_readonly("year", &period::year)
      .def_property_readonly("index", &period::index)
      .def_property_readonly("start", &period::start)
      .def_property_readonly("end", &period::end)
      .def_property_readonly("iso", &period::iso)
      .def_property_readonly("vietnamese_label", &period::vietnamese_label)
      .def("__contains__", [](const period& p, const date& d) { return p.contains(d); }, py::arg("date"))
      .def("__contains__", [](const period& p, const period& q) { return p.contains(q); }, py::arg("period"))
      .def("contains", [](const period& p, const date& d) { return p.contains(d); }, py::arg("date"))
      .def("contains", [](const period& p, const period& q) { return p.contains(q); }, py::arg("period"))
      .def("next", &period::next)
      .def("previous", &period::previous)
      .def("days", [](const period& p) {
        std::vector<date> out(p.days().begin(), p.days().end());
        return out;
      }, "The days of the period, in order, as a list of datetime.date.")
      .def("__len__", &period::length_in_days)
      .def("__str__", &period::iso)
      .def("__repr__", [](const period& p) { return "Period('" + p.iso() + "')"; })
      .def("__hash__", [](const period& p) { return py::hash(py::str(p.iso())); })
      .def(py::pickle([](const period& p) { return py::str(p.iso()); },
                      [](const py::str& s) { return period::parse(s.cast<std::string>()); }))
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def(py::self < py::self)
      .def(py::self <= py::self)
      .def(py::self > py::self)
      .def(py::self >= py::self);
}

}  // namespace treem::python
