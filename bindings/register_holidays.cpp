// Holiday calendars and working-day arithmetic, scalar and vectorised over datetime64[D] arrays.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "date_caster.hpp"
#include "register.hpp"
#include "treem/data/bundled.hpp"
#include "treem/time/holidays_toml.hpp"

namespace py = pybind11;

namespace treem::python {

namespace {

using days_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

std::string day_off_repr(const day_off& d) {
  return "DayOff(date=" + format_iso(d.day) + ", holiday_id='" + d.holiday_id + "', kind='" + std::string(to_string(d.kind)) +
         "', status='" + std::string(to_string(d.evidence)) + "')";
}

}  // namespace

void register_holidays(py::module_& m) {
  py::class_<day_off>(m, "DayOff", "A day off other than a weekly rest day, and why.")
      .def_readonly("date", &day_off::day)
      .def_readonly("holiday_id", &day_off::holiday_id)
      .def_property_readonly("kind", [](const day_off& d) { return std::string(to_string(d.kind)); })
      .def_property_readonly("status", [](const day_off& d) { return std::string(to_string(d.evidence)); })
      .def_readonly("source", &day_off::source)
      .def("__repr__", &day_off_repr);

  py::class_<holiday_rule>(m, "HolidayRule", "A statutory holiday rule.")
      .def_readonly("id", &holiday_rule::id)
      .def_readonly("name_vi", &holiday_rule::name_vi)
      .def_readonly("name_en", &holiday_rule::name_en)
      .def_property_readonly("calendar", [](const holiday_rule& h) { return h.basis == holiday_basis::lunar ? "lunar" : "solar"; })
      .def_readonly("month", &holiday_rule::month)
      .def_readonly("day", &holiday_rule::day)
      .def_readonly("length", &holiday_rule::length)
      .def_readonly("start_offset", &holiday_rule::start_offset)
      .def_readonly("valid_from", &holiday_rule::valid_from)
      .def_readonly("valid_to", &holiday_rule::valid_to)
      .def_readonly("enabled", &holiday_rule::enabled)
      .def_property_readonly("status", [](const holiday_rule& h) { return std::string(to_string(h.evidence)); })
      .def_readonly("source", &holiday_rule::source)
      .def("__repr__", [](const holiday_rule& h) { return "HolidayRule(id='" + h.id + "', name_vi='" + h.name_vi + "')"; });

  py::class_<holiday_calendar>(m, "HolidayCalendar", "Public holidays resolved per year, and working-day arithmetic.")
      .def_static("vietnam", [] { return data::vietnam_holidays(); },
                  "The bundled calendar for Vietnamese state agencies (Labour Code 2019, Art. 111-112).")
      .def_static("from_toml", &load_holiday_calendar, py::arg("text"), py::arg("source") = "<text>",
                  "Load a calendar from TOML text (schema treem.holidays/1); `source` names it in errors.")
      .def_property_readonly("id", [](const holiday_calendar& c) { return c.rules().id; })
      .def_property_readonly("version", [](const holiday_calendar& c) { return c.rules().version; })
      .def_property_readonly("title", [](const holiday_calendar& c) { return c.rules().title; })
      .def_property_readonly("first_year", [](const holiday_calendar& c) { return c.rules().first_year; })
      .def_property_readonly("last_year", [](const holiday_calendar& c) { return c.rules().last_year; })
      .def_property_readonly("holidays", [](const holiday_calendar& c) { return c.rules().holidays; })
      .def("with_enabled", &holiday_calendar::with_enabled, py::arg("holiday_id"), py::arg("enabled") = true)
      .def("days_off", &holiday_calendar::days_off, py::arg("year"), py::return_value_policy::copy)
      .def("day_off_on", [](const holiday_calendar& c, const date& d) -> std::optional<day_off> {
        const day_off* x = c.day_off_on(d);
        return x ? std::optional<day_off>(*x) : std::nullopt;
      }, py::arg("date"))
      .def("is_weekly_rest", &holiday_calendar::is_weekly_rest, py::arg("date"))
      .def("is_working_day", &holiday_calendar::is_working_day, py::arg("date"))
      .def("add_working_days", &holiday_calendar::add_working_days, py::arg("start"), py::arg("n"))
      .def("working_days_between", &holiday_calendar::working_days_between, py::arg("start"), py::arg("end"))
      .def("_is_working_day_days", [](const holiday_calendar& c, const days_array& days) {
        py::array_t<bool> out(days.size());
        const std::int64_t* in = days.data();
        bool* o = out.mutable_data();
        {
          py::gil_scoped_release release;
          for (py::ssize_t i = 0; i < days.size(); ++i) o[i] = c.is_working_day(from_epoch_days(in[i]));
        }
        return out;
      })
      .def("_add_working_days_days", [](const holiday_calendar& c, const days_array& days, std::int64_t n) {
        py::array_t<std::int64_t> out(days.size());
        const std::int64_t* in = days.data();
        std::int64_t* o = out.mutable_data();
        {
          py::gil_scoped_release release;
          for (py::ssize_t i = 0; i < days.size(); ++i) o[i] = to_epoch_days(c.add_working_days(from_epoch_days(in[i]), n));
        }
        return out;
      })
      .def("__repr__", [](const holiday_calendar& c) {
        return "HolidayCalendar(id='" + c.rules().id + "', version='" + c.rules().version + "')";
      });
}

}  // namespace treem::python
