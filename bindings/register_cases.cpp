// Case handling under Decree 56/2017/NĐ-CP: the case register read by the library's one reader,
// the time limits as data, and the checks as a bound object whose rows, JSON and CSV are the ones
// `treem cases check` prints.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "columns.hpp"
#include "date_caster.hpp"
#include "register.hpp"
#include "table_input.hpp"
#include "treem/cases/check_rows.hpp"
#include "treem/cases/deadlines_toml.hpp"
#include "treem/cases/link.hpp"
#include "treem/data/bundled.hpp"
#include "treem/io/csv_reader.hpp"
#include "treem/registers/case_register_reader.hpp"

namespace py = pybind11;

namespace treem::python {

namespace {

/// The checks with what they were made from, so that rows can be made on request.
struct bound_checks {
  registers::case_register cases;
  cases::case_deadline_rules rules;
  holiday_calendar calendar;
  cases::case_checks checks;
};

py::dict deadline_dict(const cases::case_deadline& d) {
  py::dict x;
  x["id"] = d.id;
  x["name_vi"] = d.name_vi;
  x["name_en"] = d.name_en;
  x["from"] = std::string(registers::to_string(d.from));
  x["to"] = std::string(registers::to_string(d.to));
  x["applies_to"] = d.scope == cases::case_scope::all ? "all" : d.scope == cases::case_scope::serious_harm ? "serious_harm" : "not_serious_harm";
  x["unit"] = d.unit == cases::limit_unit::hours ? "hours" : "working_days";
  x["readings"] = d.readings;
  x["status"] = std::string(to_string(d.evidence));
  x["source"] = d.source;
  x["note"] = d.note;
  return x;
}

/// The rows of check_rows(), kept in C++; each column is read as a list (or a numpy array) when
/// asked for. A row points at its limit in the rules of the CaseChecks it came from, which the
/// binding keeps alive.
struct check_rows_bound {
  std::vector<cases::check_row> rows;

  template <class F>
  py::list column(F&& value) const {
    py::list out(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) out[i] = value(rows[i]);
    return out;
  }
};

py::object text_or_none(bool known, const std::string& text) { return known ? py::object(py::str(text)) : py::object(py::none()); }

void register_check_rows(py::module_& m) {
  using cases::check_row;
  using rows_t = check_rows_bound;
  const auto open = [](const check_row& r) { return r.state != cases::deadline_state::not_applicable; };
  py::class_<rows_t>(m, "CheckRows", "One row per case and limit, as check_rows() gives them; each property is a column.")
      .def("__len__", [](const rows_t& t) { return t.rows.size(); })
      .def_property_readonly("unit", [](const rows_t& t) { return t.column([](const check_row& r) { return py::str(r.unit); }); })
      .def_property_readonly("line", [](const rows_t& t) { return t.column([](const check_row& r) { return py::int_(r.line); }); })
      .def_property_readonly("kind", [](const rows_t& t) { return t.column([](const check_row& r) { return py::str(std::string(to_string(r.kind))); }); })
      .def_property_readonly("serious_harm", [](const rows_t& t) { return t.column([](const check_row& r) { return py::bool_(r.serious_harm); }); })
      .def_property_readonly("deadline", [](const rows_t& t) { return t.column([](const check_row& r) { return py::str(r.deadline->id); }); })
      .def_property_readonly("state", [](const rows_t& t) { return t.column([](const check_row& r) { return py::str(std::string(to_string(r.state))); }); })
      .def_property_readonly("why", [](const rows_t& t) {
        return t.column([](const check_row& r) { return text_or_none(r.why != cases::unknown_because::nothing, std::string(cases::detail::why_text(r.why))); });
      })
      .def_property_readonly("due", [open](const rows_t& t) { return t.column([&](const check_row& r) { return text_or_none(open(r), r.due); }); })
      .def_property_readonly("due_latest", [](const rows_t& t) { return t.column([](const check_row& r) { return text_or_none(!r.due_latest.empty(), r.due_latest); }); })
      .def_property_readonly("left", [open](const rows_t& t) {
        return t.column([&](const check_row& r) { return open(r) ? py::object(py::int_(r.left)) : py::object(py::none()); });
      })
      .def_property_readonly("left_unit", [open](const rows_t& t) {
        return t.column([&](const check_row& r) { return text_or_none(open(r), r.deadline->unit == cases::limit_unit::hours ? "hours" : "working_days"); });
      })
      .def_property_readonly("unconfirmed_days", [](const rows_t& t) { return t.column([](const check_row& r) { return py::cast(r.unconfirmed_days); }); })
      .def_property_readonly("source", [](const rows_t& t) { return t.column([](const check_row& r) { return py::str(r.deadline->source); }); });
}

/// One step of every case: days since 1970-01-01 (INT32_MIN: not happened) and minutes of the day
/// (-1: not recorded).
py::tuple step_columns(const registers::case_register& c, const std::string& name) {
  const auto s = registers::case_step_from_string(name);
  if (!s) throw validation_error({"<argument step>"}, "step", treem::quoted(name) + " is not a step of a case");
  std::vector<std::int32_t> day;
  std::vector<std::int16_t> minute;
  for (const auto& t : c.steps[static_cast<std::size_t>(*s)]) day.push_back(t.day), minute.push_back(t.minute);
  return py::make_tuple(to_numpy(std::move(day)), to_numpy(std::move(minute)));
}

template <class Out, class T>
auto case_column(std::vector<T> registers::case_register::*member) {
  return [member](const py::object& self) { return view_of<Out>(self.cast<const registers::case_register&>().*member, self); };
}

}  // namespace

void register_cases(py::module_& m) {
  register_check_rows(m);
  py::class_<registers::case_register>(m, "CaseRegister", "A cleaned case register (Decree 56/2017/NĐ-CP): one row per case.")
      .def("__len__", &registers::case_register::size)
      .def_property_readonly("ids", [](const registers::case_register& c) { return c.ids; }, "Case ids (pseudonyms when read with a key).")
      .def_property_readonly("units", [](const registers::case_register& c) { return c.units; }, "commune codes, indexed by `unit`")
      .def_property_readonly("unit", case_column<std::uint32_t>(&registers::case_register::unit))
      .def_property_readonly("kind", case_column<std::uint8_t>(&registers::case_register::kind), "codes of vocabulary()['incident_kinds']")
      .def_property_readonly("serious_harm", case_column<std::uint8_t>(&registers::case_register::serious_harm))
      .def_property_readonly("line", case_column<std::uint64_t>(&registers::case_register::line), "each case's line in its source")
      .def("step", &step_columns, py::arg("name"), "(days since 1970-01-01, INT32_MIN if not happened; minute of the day, -1 if not recorded)");

  py::class_<cases::case_deadline_rules>(m, "CaseDeadlineRules", "Time limits of case handling (schema treem.case_deadlines/1).")
      .def_static("bundled", [] { return data::case_deadlines(); }, "Decree 56/2017/NĐ-CP, Chapter III, as bundled.")
      .def_static("from_toml", &cases::load_case_deadlines, py::arg("text"), py::arg("source") = "<text>")
      .def_readonly("id", &cases::case_deadline_rules::id)
      .def_readonly("version", &cases::case_deadline_rules::version)
      .def_readonly("instrument", &cases::case_deadline_rules::instrument)
      .def_property_readonly("deadlines", [](const cases::case_deadline_rules& r) {
        py::list out;
        for (const auto& d : r.deadlines) out.append(deadline_dict(d));
        return out;
      })
      .def("__repr__", [](const cases::case_deadline_rules& r) {
        return "CaseDeadlineRules(" + r.id + " " + r.version + ", " + std::to_string(r.deadlines.size()) + " limits)";
      });

  py::class_<bound_checks>(m, "CaseChecks", "Each case's time limits as of a moment.")
      .def_property_readonly("as_of_minute", [](const bound_checks& b) { return b.checks.as_of; })
      .def("rows", [](const bound_checks& b, bool only_open) { return check_rows_bound{cases::check_rows(b.cases, b.rules, b.calendar, b.checks, only_open)}; },
           py::arg("only_open") = false, py::keep_alive<0, 1>())
      .def("to_json", [](const bound_checks& b, bool only_open) {
        return cases::to_json(cases::check_rows(b.cases, b.rules, b.calendar, b.checks, only_open), b.rules, b.checks.as_of);
      }, py::arg("only_open") = false)
      .def("to_csv", [](const bound_checks& b, bool only_open) { return cases::to_csv(cases::check_rows(b.cases, b.rules, b.calendar, b.checks, only_open)); },
           py::arg("only_open") = false)
      .def("approved_in_time", [](const bound_checks& b) { return to_numpy(cases::approved_in_time(b.cases, b.rules, b.checks)); })
      .def("__len__", [](const bound_checks& b) { return b.checks.checks.size(); });

  m.def("_parse_case_time", [](const std::string& text) -> std::optional<std::int64_t> {
    const auto t = registers::parse_case_time(text);
    if (!t) return std::nullopt;
    return std::int64_t{t->day} * 1440 + (t->timed() ? t->minute : 0);
  }, py::arg("text"), "Minutes since 1970-01-01 00:00 of 'dd/mm/yyyy [hh:mm]' or 'yyyy-mm-dd[ hh:mm]', or None.");

  m.def("_read_case_register", [](const py::object& table, const std::string& path, const std::string& source, const unit_registry& units,
                                  const date& as_of, bool lenient, const registers::pseudonymiser* key) {
    registers::read_options options;
    options.mode = lenient ? registers::read_mode::lenient : registers::read_mode::strict;
    options.key = key;
    options.threads = 1;
    registers::case_register_result r;
    std::unique_ptr<io::table_source> input = path.empty() ? table_source_of(table, source) : io::csv_source::open(path, {}, source);
    {
      py::gil_scoped_release release;
      r = registers::read_case_register(*input, units, as_of, options);
    }
    return py::make_tuple(std::move(r.cases), problem_list(r.problems), r.rows_read, r.rows_rejected, exclusion_list(r.excluded));
  }, py::arg("table"), py::arg("path"), py::arg("source"), py::arg("units"), py::arg("as_of"), py::arg("lenient"), py::arg("key") = nullptr);

  m.def("_check_cases", [](const registers::case_register& c, const cases::case_deadline_rules& rules, const holiday_calendar& calendar,
                           std::int64_t as_of, const std::map<std::string, int>& readings) {
    cases::check_options options;
    options.readings = readings;
    bound_checks b{c, rules, calendar, cases::check_cases(c, rules, calendar, as_of, options)};
    return b;
  }, py::arg("cases"), py::arg("rules"), py::arg("calendar"), py::arg("as_of"), py::arg("readings"));

  m.def("_link_case_timeliness", [](const std::vector<std::string>& case_ids, py::array_t<std::int8_t> plan_in_time, const bound_checks& b) {
    if (case_ids.size() != static_cast<std::size_t>(plan_in_time.size())) {
      throw validation_error({"<incidents>"}, "case_id", "one case id per incident is needed");
    }
    std::vector<std::int8_t> plan(plan_in_time.data(), plan_in_time.data() + plan_in_time.size());
    const auto result = cases::link_case_timeliness(case_ids, plan, b.cases, cases::approved_in_time(b.cases, b.rules, b.checks));
    return py::make_tuple(to_numpy(std::move(plan)), result.linked, result.changed, result.not_found);
  }, py::arg("case_ids"), py::arg("plan_in_time"), py::arg("checks"),
     "The incidents' plan_in_time with each incident that names a case taking its case's computed timeliness.");
}

}  // namespace treem::python
