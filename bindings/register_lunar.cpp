// The Vietnamese lunar calendar, for one date or for numpy arrays of datetime64[D].
#include <pybind11/numpy.h>
#include <pybind11/operators.h>

#include "date_caster.hpp"
#include "register.hpp"
#include "treem/time/lunar_calendar.hpp"

namespace py = pybind11;

namespace treem::python {

void register_lunar(py::module_& m) {
  using lunar::lunar_date;
  py::class_<lunar_date>(m, "LunarDate", "A day of the Vietnamese lunar calendar.")
      .def(py::init([](int day, int month, int year, bool leap) {
             // Only the ranges are checked here; whether the day exists is from_lunar's question.
             if (day < 1 || day > 30) throw validation_error({"<argument>"}, "day", std::to_string(day) + " is not 1-30");
             if (month < 1 || month > 12) throw validation_error({"<argument>"}, "month", std::to_string(month) + " is not 1-12");
             if (year < lunar::first_supported_year - 1 || year > lunar::last_supported_year) {
               throw validation_error({"<argument>"}, "year", std::to_string(year) + " is outside the supported lunar years");
             }
             return lunar_date{day, month, year, leap};
           }),
           py::arg("day"), py::arg("month"), py::arg("year"), py::arg("leap") = false)
      .def_readonly("day", &lunar_date::day)
      .def_readonly("month", &lunar_date::month)
      .def_readonly("year", &lunar_date::year)
      .def_readonly("leap", &lunar_date::leap)
      .def("__str__", &lunar_date::to_string)
      .def("__repr__", [](const lunar_date& l) {
        return "LunarDate(day=" + std::to_string(l.day) + ", month=" + std::to_string(l.month) + ", year=" +
               std::to_string(l.year) + ", leap=" + (l.leap ? "True" : "False") + ")";
      })
      .def("__eq__", [](const lunar_date& a, const lunar_date& b) { return a == b; }, py::is_operator())
      .def("__hash__", [](const lunar_date& l) { return py::hash(py::make_tuple(l.day, l.month, l.year, l.leap)); })
      .def(py::pickle([](const lunar_date& l) { return py::make_tuple(l.day, l.month, l.year, l.leap); },
                      [](const py::tuple& t) {
                        return lunar_date{t[0].cast<int>(), t[1].cast<int>(), t[2].cast<int>(), t[3].cast<bool>()};
                      }));

  m.attr("VIETNAM_TIME_ZONE") = lunar::vietnam_time_zone;
  m.def("to_lunar", [](const date& d, double tz) { return lunar::to_lunar(d, tz); }, py::arg("date"),
        py::arg("time_zone") = lunar::vietnam_time_zone);
  m.def("from_lunar", [](const lunar_date& l, double tz) { return lunar::from_lunar(l, tz); }, py::arg("lunar_date"),
        py::arg("time_zone") = lunar::vietnam_time_zone);
  m.def("tet", &lunar::tet, py::arg("lunar_year"), py::arg("time_zone") = lunar::vietnam_time_zone);
  m.def("trung_thu", &lunar::trung_thu, py::arg("lunar_year"), py::arg("time_zone") = lunar::vietnam_time_zone);
  m.def("leap_month", &lunar::leap_month, py::arg("lunar_year"), py::arg("time_zone") = lunar::vietnam_time_zone);
  m.def("month_length", &lunar::month_length, py::arg("month"), py::arg("lunar_year"), py::arg("leap") = false,
        py::arg("time_zone") = lunar::vietnam_time_zone);

  // Vectorised: days since 1970-01-01 (a datetime64[D] array viewed as int64, no copy) in, four
  // columns out. The GIL is released while converting.
  m.def(
      "_to_lunar_days",
      [](const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& days, double tz) {
        const auto n = days.size();
        py::array_t<std::int32_t> day(n), month(n), year(n);
        py::array_t<bool> leap(n);
        const std::int64_t* in = days.data();
        auto* d = day.mutable_data();
        auto* mo = month.mutable_data();
        auto* y = year.mutable_data();
        auto* l = leap.mutable_data();
        {
          py::gil_scoped_release release;
          for (py::ssize_t i = 0; i < n; ++i) {
            const lunar_date r = lunar::to_lunar(from_epoch_days(in[i]), tz);
            d[i] = r.day;
            mo[i] = r.month;
            y[i] = r.year;
            l[i] = r.leap;
          }
        }
        return py::make_tuple(day, month, year, leap);
      },
      py::arg("days"), py::arg("time_zone") = lunar::vietnam_time_zone);
}

}  // namespace treem::python
