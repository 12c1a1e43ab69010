// Child-work plans: the model, its queries, calendar, submission tracking and iCalendar export.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "date_caster.hpp"
#include "table_input.hpp"
#include "treem/plan/submissions_reader.hpp"
#include "register.hpp"
#include "treem/data/bundled.hpp"
#include "treem/plan/icalendar.hpp"
#include "treem/plan/plan_calendar.hpp"
#include "treem/plan/plan_toml.hpp"
#include "treem/plan/responsibilities.hpp"
#include "treem/plan/submissions.hpp"

namespace py = pybind11;

namespace treem::python {

namespace {

using namespace treem::plan;

std::optional<task_role> role_from(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  const auto r = task_role_from_string(*s);
  if (!r) throw validation_error({"<argument>"}, "role", "'" + *s + "' is not lead, coordinating or requested");
  return r;
}

}  // namespace

void register_plan(py::module_& m) {
  py::class_<agency>(m, "Agency", "A body that a plan names.")
      .def_readonly("id", &agency::id)
      .def_readonly("name", &agency::name)
      .def_readonly("short_name", &agency::short_name)
      .def_readonly("kind", &agency::kind)
      .def_property_readonly("relation", [](const agency& a) { return std::string(to_string(a.relation)); })
      .def("__repr__", [](const agency& a) { return "Agency(id='" + a.id + "', name='" + a.name + "')"; });

  py::class_<task_link>(m, "TaskLink", "An agency's role in a task.")
      .def_readonly("agency", &task_link::agency)
      .def_property_readonly("role", [](const task_link& l) { return std::string(to_string(l.role)); })
      .def("__repr__", [](const task_link& l) { return "TaskLink(agency='" + l.agency + "', role='" + std::string(to_string(l.role)) + "')"; });

  py::class_<plan_item>(m, "PlanItem", "A lettered or numbered paragraph.")
      .def_readonly("label", &plan_item::label)
      .def_readonly("text", &plan_item::text)
      .def_readonly("links", &plan_item::links)
      .def("__repr__", [](const plan_item& i) { return "PlanItem(label='" + i.label + "')"; });

  py::class_<plan_section>(m, "PlanSection", "A section of the plan, with its items and subsections.")
      .def_readonly("label", &plan_section::label)
      .def_readonly("heading", &plan_section::heading)
      .def_readonly("heading_level", &plan_section::heading_level)
      .def_readonly("text", &plan_section::text)
      .def_readonly("closing_text", &plan_section::closing_text)
      .def_readonly("links", &plan_section::links)
      .def_readonly("agencies", &plan_section::agencies)
      .def_property_readonly("mode", [](const plan_section& s) -> std::optional<std::string> {
        return s.mode ? std::optional<std::string>(std::string(to_string(*s.mode))) : std::nullopt;
      })
      .def_readonly("items", &plan_section::items)
      .def_readonly("sections", &plan_section::sections)
      .def("__repr__", [](const plan_section& s) { return "PlanSection(label='" + s.label + "', heading='" + s.heading + "')"; });

  py::class_<task>(m, "Task", "A task with the roles that apply to it.")
      .def_readonly("path", &task::path)
      .def_readonly("text", &task::text)
      .def_readonly("links", &task::links)
      .def("__repr__", [](const task& t) { return "Task(path='" + t.path + "')"; });

  py::class_<signer>(m, "Signer")
      .def_readonly("authority", &signer::authority)
      .def_readonly("position", &signer::position)
      .def_readonly("name", &signer::name);

  py::class_<document_info>(m, "PlanDocument", "The facts of the plan document.")
      .def_readonly("kind", &document_info::kind)
      .def_readonly("issuer", &document_info::issuer)
      .def_readonly("issuer_agency", &document_info::issuer_agency)
      .def_readonly("unit", &document_info::unit)
      .def_readonly("number_text", &document_info::number_text)
      .def_readonly("number", &document_info::number)
      .def_readonly("symbol", &document_info::symbol)
      .def_readonly("place", &document_info::place)
      .def_readonly("date_text", &document_info::date_text)
      .def_readonly("date", &document_info::date)
      .def_readonly("year", &document_info::year)
      .def_readonly("title", &document_info::title)
      .def_readonly("subtitle", &document_info::subtitle)
      .def_readonly("preamble", &document_info::preamble)
      .def_readonly("recipients", &document_info::recipients)
      .def_readonly("signer", &document_info::signer);

  py::class_<legal_basis>(m, "LegalBasis")
      .def_readonly("id", &legal_basis::id)
      .def_readonly("kind", &legal_basis::kind)
      .def_readonly("number", &legal_basis::number)
      .def_readonly("date", &legal_basis::issued)
      .def_readonly("issuer", &legal_basis::issuer)
      .def_readonly("relation", &legal_basis::relation)
      .def_readonly("title", &legal_basis::title)
      .def_readonly("cited_in", &legal_basis::cited_in)
      .def("__repr__", [](const legal_basis& b) { return "LegalBasis('" + b.kind + " " + b.number + "')"; });

  py::class_<report_requirement>(m, "ReportRequirement", "A report some bodies must send by a date.")
      .def_readonly("id", &report_requirement::id)
      .def_readonly("name", &report_requirement::name)
      .def_readonly("due", &report_requirement::due)
      .def_property_readonly("bound", [](const report_requirement& r) { return std::string(to_string(r.bound)); })
      .def_property_readonly("last_on_time_day", &report_requirement::last_on_time_day)
      .def_readonly("from_agencies", &report_requirement::from_agencies)
      .def_readonly("from_communes", &report_requirement::from_communes)
      .def_readonly("to", &report_requirement::to)
      .def_readonly("source", &report_requirement::source)
      .def("__repr__", [](const report_requirement& r) { return "ReportRequirement(id='" + r.id + "', due=" + format_iso(r.due) + ")"; });

  py::class_<plan_event>(m, "PlanEvent", "An event the plan names.")
      .def_readonly("id", &plan_event::id)
      .def_readonly("name", &plan_event::name)
      .def_readonly("start", &plan_event::start)
      .def_readonly("end", &plan_event::end)
      .def_readonly("lunar_month", &plan_event::lunar_month)
      .def_readonly("lunar_day", &plan_event::lunar_day)
      .def_readonly("theme", &plan_event::theme)
      .def_readonly("agencies", &plan_event::agencies)
      .def_readonly("date_source", &plan_event::date_source)
      .def_readonly("source", &plan_event::source)
      .def("__repr__", [](const plan_event& e) { return "PlanEvent(id='" + e.id + "')"; });

  py::class_<plan_target>(m, "PlanTarget")
      .def_readonly("id", &plan_target::id)
      .def_readonly("text", &plan_target::text)
      .def_readonly("minimum", &plan_target::minimum)
      .def_readonly("unit", &plan_target::unit)
      .def_readonly("agency", &plan_target::agency)
      .def_readonly("source", &plan_target::source);

  py::class_<local_rule>(m, "LocalRule")
      .def_readonly("id", &local_rule::id)
      .def_readonly("text", &local_rule::text)
      .def_readonly("source", &local_rule::source);

  py::class_<contact>(m, "Contact")
      .def_readonly("id", &contact::id)
      .def_readonly("name", &contact::name)
      .def_readonly("number", &contact::number)
      .def_readonly("source", &contact::source);

  py::class_<calendar_entry>(m, "CalendarEntry", "A deadline or event on the plan's calendar.")
      .def_readonly("start", &calendar_entry::start)
      .def_readonly("end", &calendar_entry::end)
      .def_property_readonly("kind", [](const calendar_entry& e) { return std::string(to_string(e.kind)); })
      .def_readonly("id", &calendar_entry::id)
      .def_readonly("name", &calendar_entry::name)
      .def_readonly("detail", &calendar_entry::detail)
      .def_readonly("agencies", &calendar_entry::agencies)
      .def_readonly("lunar", &calendar_entry::lunar)
      .def_readonly("source", &calendar_entry::source)
      .def("__repr__", [](const calendar_entry& e) { return "CalendarEntry(" + format_iso(e.start) + ", id='" + e.id + "')"; });

  py::class_<submission_status>(m, "SubmissionStatus", "Where one due report stands.")
      .def_readonly("report", &submission_status::report)
      .def_readonly("submitter", &submission_status::submitter)
      .def_readonly("submitter_name", &submission_status::submitter_name)
      .def_readonly("commune", &submission_status::commune)
      .def_readonly("due", &submission_status::due)
      .def_readonly("last_on_time_day", &submission_status::last_on_time_day)
      .def_property_readonly("state", [](const submission_status& s) { return std::string(to_string(s.state)); })
      .def_readonly("submitted", &submission_status::submitted)
      .def_readonly("days_late", &submission_status::days_late)
      .def("__repr__", [](const submission_status& s) {
        return "SubmissionStatus(report='" + s.report + "', submitter='" + s.submitter + "', state='" + std::string(to_string(s.state)) + "')";
      });

  py::class_<plan::plan>(m, "Plan", "A child-work plan.")
      .def_static("son_ha_2024", [] { return data::son_ha_2024_plan(); }, "The bundled Sơn Hà 2024 plan.")
      .def_static("from_toml", &load_plan, py::arg("text"), py::arg("source") = "<text>")
      .def("to_toml", [](const plan::plan& p) { return save_plan(p); })
      .def_readonly("id", &plan::plan::id)
      .def_readonly("version", &plan::plan::version)
      .def_readonly("document", &plan::plan::document)
      .def_readonly("bases", &plan::plan::bases)
      .def_readonly("agencies", &plan::plan::agencies)
      .def_readonly("sections", &plan::plan::sections)
      .def_readonly("reports", &plan::plan::reports)
      .def_readonly("events", &plan::plan::events)
      .def_readonly("targets", &plan::plan::targets)
      .def_readonly("local_rules", &plan::plan::local_rules)
      .def_readonly("contacts", &plan::plan::contacts)
      .def("get_agency", &plan::plan::get_agency, py::arg("id"), py::return_value_policy::copy)
      .def("find_section", [](const plan::plan& p, const std::string& path) -> std::optional<plan_section> {
        const plan_section* s = p.find_section(path);
        return s ? std::optional<plan_section>(*s) : std::nullopt;
      }, py::arg("path"))
      .def("tasks", &plan::plan::tasks)
      .def("_matrix", [](const plan::plan& p) {
        std::vector<std::tuple<std::string, std::string, std::string>> out;
        for (const auto& r : responsibility_matrix(p)) out.emplace_back(r.task, r.agency, std::string(to_string(r.role)));
        return out;
      })
      .def("tasks_of", [](const plan::plan& p, const std::string& agency_id, const std::optional<std::string>& role) {
        return tasks_of(p, agency_id, role_from(role));
      }, py::arg("agency"), py::arg("role") = py::none())
      .def("tasks_without_lead", [](const plan::plan& p) { return tasks_without_lead(p); })
      .def("calendar", [](const plan::plan& p, const std::optional<std::string>& agency_id, const std::optional<date>& from,
                          const std::optional<date>& to) {
        const plan_calendar c = make_calendar(p, {agency_id, from, to});
        return py::make_tuple(c.entries, c.undated);
      }, py::arg("agency") = py::none(), py::arg("start") = py::none(), py::arg("end") = py::none())
      .def("to_icalendar", [](const plan::plan& p, const std::string& dtstamp, const std::optional<std::string>& agency_id,
                              const std::optional<date>& from, const std::optional<date>& to) {
        return to_icalendar(p, make_calendar(p, {agency_id, from, to}), dtstamp);
      }, py::arg("dtstamp"), py::arg("agency") = py::none(), py::arg("start") = py::none(), py::arg("end") = py::none())
      // Submissions arrive as a frame's columns and are read by the library's reader, as `treem plan
      // status` reads its CSV file.
      .def("_submission_status", [](const plan::plan& p, const unit_registry& units, const py::object& table,
                                    const std::string& source, const date& as_of) {
        const auto input = table_source_of(table, source);
        return submission_statuses(p, units, plan::read_submissions(*input), as_of);
      })
      .def("__eq__", [](const plan::plan& a, const plan::plan& b) { return a == b; }, py::is_operator())
      .def("__repr__", [](const plan::plan& p) { return "Plan(id='" + p.id + "', version='" + p.version + "')"; });
}

}  // namespace treem::python
