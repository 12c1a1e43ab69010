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

/// The rows of check_rows() as columns, for a DataFrame.
py::dict row_columns(const std::vector<cases::check_row>& rows) {
  py::list unit, line, kind, serious, deadline, state, why, due, due_latest, left, left_unit, unconfirmed, source;
  for (const auto& r : rows) {
    const bool open = r.state != cases::deadline_state::not_applicable;
    unit.append(r.unit);
    line.append(r.line);
    kind.append(std::string(to_string(r.kind)));
    serious.append(r.serious_harm);
    deadline.append(r.deadline->id);
    state.append(std::string(to_string(r.state)));
    why.append(r.why == cases::unknown_because::nothing ? py::object(py::none()) : py::object(py::str(std::string(cases::detail::why_text(r.why)))));
    due.append(open ? py::object(py::str(r.due)) : py::object(py::none()));
    due_latest.append(r.due_latest.empty() ? py::object(py::none()) : py::object(py::str(r.due_latest)));
    left.append(open ? py::object(py::int_(r.left)) : py::object(py::none()));
    left_unit.append(open ? py::object(py::str(r.deadline->unit == cases::limit_unit::hours ? "hours" : "working_days")) : py::object(py::none()));
    unconfirmed.append(r.unconfirmed_days);
    source.append(r.deadline->source);
  }
  py::dict d;
  d["unit"] = unit, d["line"] = line, d["kind"] = kind, d["serious_harm"] = serious, d["deadline"] = deadline, d["state"] = state;
  d["why"] = why, d["due"] = due, d["due_latest"] = due_latest, d["left"] = left, d["left_unit"] = left_unit;
  d["unconfirmed_days"] = unconfirmed, d["source"] = source;
  return d;
}

/// The register's columns: steps as days since 1970-01-01 (INT32_MIN: not happened) and minutes
/// of the day (-1: not recorded).
py::dict case_columns(const registers::case_register& c) {
  py::dict d;
  d["units"] = c.units;
  d["unit"] = to_numpy(std::vector<std::uint32_t>(c.unit));
  std::vector<std::uint8_t> kinds;
  for (auto k : c.kind) kinds.push_back(static_cast<std::uint8_t>(k));
  d["kind"] = to_numpy(std::move(kinds));
  d["serious_harm"] = to_numpy(std::vector<std::uint8_t>(c.serious_harm));
  d["line"] = to_numpy(std::vector<std::uint64_t>(c.line));
  for (std::size_t s = 0; s < registers::case_step_count; ++s) {
    std::vector<std::int32_t> day;
    std::vector<std::int16_t> minute;
    for (const auto& t : c.steps[s]) day.push_back(t.day), minute.push_back(t.minute);
    d[py::str(std::string(registers::case_step_names[s]) + "_day")] = to_numpy(std::move(day));
    d[py::str(std::string(registers::case_step_names[s]) + "_minute")] = to_numpy(std::move(minute));
  }
  return d;
}

}  // namespace

void register_cases(py::module_& m) {
  py::class_<registers::case_register>(m, "CaseRegister", "A cleaned case register (Decree 56/2017/NĐ-CP): one row per case.")
      .def("__len__", &registers::case_register::size)
      .def_property_readonly("ids", [](const registers::case_register& c) { return c.ids; }, "Case ids (pseudonyms when read with a key).")
      .def("_columns", &case_columns);

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
      .def("rows", [](const bound_checks& b, bool only_open) { return row_columns(cases::check_rows(b.cases, b.rules, b.calendar, b.checks, only_open)); },
           py::arg("only_open") = false)
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
