// Child-friendly commune certification: rule sets, assessments, incidents and decisions.
#include <memory>

#include <pybind11/stl.h>

#include "date_caster.hpp"
#include "register.hpp"
#include "treem/cases/timeliness.hpp"
#include "treem/certify/evaluate.hpp"
#include "treem/io/csv_reader.hpp"
#include "treem/registers/child_register_reader.hpp"
#include "treem/certify/assessment_reader.hpp"
#include "treem/certify/rules_template.hpp"
#include "treem/registers/incident_register_reader.hpp"
#include "table_input.hpp"
#include "treem/data/bundled.hpp"

namespace py = pybind11;

namespace treem::python {

using namespace treem::certify;

void register_certify(py::module_& m) {
  py::class_<rule_set>(m, "RuleSet", "A certification rule set: a standard or an overlay.")
      .def_static("national", [] { return data::national_cfc_rules(); }, "Decision 06/QĐ-TTg (2019), as far as it is confirmed.")
      .def_static("son_ha_2024_overlay", [] { return data::son_ha_2024_cfc_overlay(); }, "Sơn Hà's 2024 disqualification rule.")
      .def_static("from_toml", &load_rule_set, py::arg("text"), py::arg("source") = "<text>")
      .def_readonly("id", &rule_set::id)
      .def_readonly("version", &rule_set::version)
      .def_readonly("title", &rule_set::title)
      .def_readonly("instrument", &rule_set::instrument)
      .def_readonly("extends", &rule_set::extends)
      .def_property_readonly("criteria", [](const rule_set& r) {
        py::list out;
        for (const auto& c : r.criteria) {
          py::dict d;
          d["id"] = c.id;
          d["name_vi"] = c.name_vi;
          d["name_en"] = c.name_en;
          d["max_points"] = c.max_points.value;
          d["max_points_status"] = c.max_points.known() ? py::object(py::str(std::string(to_string(c.max_points.evidence)))) : py::object(py::none());
          out.append(d);
        }
        return out;
      })
      .def_property_readonly("pass_marks", [](const rule_set& r) {
        py::dict d;
        for (const auto& p : r.pass_marks) d[py::str(std::string(to_string(p.category)))] = p.min_total;
        return d;
      })
      .def_property_readonly("facts", [](const rule_set& r) {
        py::dict d;
        for (const auto& f : r.facts) d[py::str(f.id)] = f.kind == fact_kind::boolean ? "boolean" : "percent";
        return d;
      })
      .def("assessment_dates", [](const rule_set& r, int from_year, int to_year) {
        if (!r.cycle) throw validation_error({r.source_name}, "cycle", "rule set '" + r.id + "' has no assessment cycle");
        return assessment_dates(*r.cycle, from_year, to_year);
      }, py::arg("from_year"), py::arg("to_year"))
      .def("__repr__", [](const rule_set& r) { return "RuleSet(id='" + r.id + "', version='" + r.version + "')"; });

  m.def("_rules_template", [](const std::string& lang) {
    if (lang != "vi" && lang != "en") throw validation_error({"<argument lang>"}, "lang", treem::quoted(lang) + " is not 'vi' or 'en'");
    return rules_template(data::national_cfc_rules(), {lang == "en" ? template_language::english : template_language::vietnamese, ""});
  }, py::arg("lang") = "vi", "The province template of Decision 06/QĐ-TTg (treem.rules/1 text), comments in 'vi' or 'en'.");

  py::class_<composed_rules>(m, "ComposedRules", "A base rule set with its overlays applied.")
      .def(py::init([](const std::vector<rule_set>& sets) { return compose(sets); }), py::arg("rule_sets"))
      .def_property_readonly("layers", [](const composed_rules& c) { return c.layers; })
      .def_property_readonly("criteria_ids", [](const composed_rules& c) {
        std::vector<int> ids;
        for (const auto& x : c.rules.criteria) ids.push_back(x.id);
        return ids;
      })
      .def_property_readonly("facts", [](const composed_rules& c) {
        py::dict d;
        for (const auto& f : c.rules.facts) d[py::str(f.id)] = f.kind == fact_kind::boolean ? "boolean" : "percent";
        return d;
      })
      .def("__repr__", [](const composed_rules& c) {
        std::string s;
        for (const auto& [id, v] : c.layers) s += (s.empty() ? "" : " + ") + id;
        return "ComposedRules(" + s + ")";
      });

  // Assessments and incidents arrive as a frame's columns and are read by the library's readers, the
  // same that `treem certify` uses: one reading, one evaluation for the CLI and Python.
  m.def("_evaluate_all", [](const py::object& assessment_table, const py::object& incident_table, const composed_rules& rules,
                            const unit_registry& units, const std::string& period, const std::string& source,
                            const std::string& incident_source, const py::object& children_table, const std::string& children_path,
                            const std::string& children_source, const registers::case_register* cases, const std::map<std::string, int>& readings) {
    const auto sheet = table_source_of(assessment_table, source);
    const std::vector<unit_assessment> assessments = read_assessments(*sheet, rules.rules);
    const treem::period certified = treem::period::parse(period, {"<argument period>", 1, 1});
    registers::incident_register incidents;
    if (!incident_table.is_none()) {
      const auto register_source = table_source_of(incident_table, incident_source);
      registers::read_options options;
      options.period_start = certified.start();
      options.threads = 1;
      incidents = registers::read_incident_register(*register_source, units, certified.end(), options).incidents;
    }
    register_facts facts;
    if (!children_path.empty() || !children_table.is_none()) {
      auto input = children_path.empty() ? table_source_of(children_table, children_source) : io::csv_source::open(children_path, {}, children_source);
      py::gil_scoped_release release;
      add_child_facts(facts, registers::read_child_register(*input, units, certified.end(), {}).children);
    }
    if (cases) {
      cases::check_options options;
      options.readings = readings;
      const auto& rules_of_cases = data::case_deadlines();
      const auto checks = cases::check_cases(*cases, rules_of_cases, data::vietnam_holidays(), to_epoch_days(certified.end()) * 1440 + 1439, options);
      add_case_facts(facts, *cases, cases::approved_in_time(*cases, rules_of_cases, checks), certified);
    }
    py::gil_scoped_release release;
    return std::make_shared<decision_set>(evaluate_all(assessments, incidents, rules, units, period, facts));
  }, py::kw_only(), py::arg("assessment_table"), py::arg("incident_table"), py::arg("rules"), py::arg("units"), py::arg("period"),
     py::arg("source"), py::arg("incident_source"), py::arg("children_table") = py::none(), py::arg("children_path") = "", py::arg("children_source") = "<children>",
     py::arg("cases") = nullptr, py::arg("readings") = std::map<std::string, int>{});
}

}  // namespace treem::python
