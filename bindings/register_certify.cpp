// Child-friendly commune certification: rule sets, assessments, incidents and decisions.
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

namespace {

using namespace treem::certify;

py::dict criterion_dict(const criterion_result& c) {
  py::dict d;
  d["id"] = c.id;
  d["name_vi"] = c.name_vi;
  d["name_en"] = c.name_en;
  d["claimed"] = c.claimed;
  d["computed"] = c.computed;
  d["used"] = c.used;
  d["max_points"] = c.max_points;
  d["why_not_computed"] = c.why_not_computed;
  return d;
}

}  // namespace

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
    std::vector<decision> decisions;
    {
      py::gil_scoped_release release;
      decisions = evaluate_all(assessments, incidents, rules, units, period, facts);
    }
    py::list out;
    for (const auto& d : decisions) {
      py::dict x;
      x["unit"] = d.unit;
      x["unit_name"] = d.unit_name;
      x["period"] = d.period;
      x["outcome"] = std::string(to_string(d.result));
      x["total"] = d.total;
      x["pass_mark"] = d.pass_mark;
      x["category"] = d.category ? py::object(py::str(std::string(to_string(*d.category)))) : py::object(py::none());
      x["category_reason"] = d.category_reason;
      py::list criteria;
      for (const auto& c : d.criteria) criteria.append(criterion_dict(c));
      x["criteria"] = criteria;
      py::list gates;
      for (const auto& g : d.gates) {
        py::dict gd;
        gd["id"] = g.id;
        gd["kind"] = std::string(to_string(g.kind));
        gd["state"] = std::string(to_string(g.state));
        gd["text_vi"] = g.detail_vi;
        gd["text_en"] = g.detail_en;
        gd["rule_set"] = g.rule_set;
        gd["source"] = g.source;
        gates.append(gd);
      }
      x["gates"] = gates;
      py::list dq;
      for (const auto& q : d.disqualifications) {
        py::list inc;
        for (const auto& i : q.incidents) inc.append(py::make_tuple(std::string(to_string(i.kind)), i.day, i.fatal));
        py::dict qd;
        qd["id"] = q.id;
        qd["rule_set"] = q.rule_set;
        qd["source"] = q.source;
        qd["incidents"] = inc;
        dq.append(qd);
      }
      x["disqualifications"] = dq;
      py::dict gap;
      gap["points_missing"] = d.gap.points_missing;
      gap["criteria_at_zero"] = d.gap.criteria_at_zero;
      gap["criteria_not_assessed"] = d.gap.criteria_not_assessed;
      gap["failed_gates"] = d.gap.failed_gates;
      gap["disqualified"] = d.gap.disqualified;
      x["gap"] = gap;
      py::list audit;
      for (const auto& f : d.audit) {
        py::dict fd;
        fd["kind"] = f.kind;
        fd["criterion"] = f.criterion;
        fd["detail_vi"] = f.detail_vi;
        fd["detail_en"] = f.detail_en;
        audit.append(fd);
      }
      x["audit"] = audit;
      py::list facts_used;
      for (const auto& f : d.facts) {
        py::dict fd;
        fd["id"] = f.id;
        fd["value"] = f.value;
        fd["origin"] = std::string(to_string(f.origin));
        fd["register_value"] = f.register_value;
        fd["numerator"] = f.register_value ? py::object(py::int_(f.numerator)) : py::object(py::none());
        fd["denominator"] = f.register_value ? py::object(py::int_(f.denominator)) : py::object(py::none());
        facts_used.append(fd);
      }
      x["facts"] = facts_used;
      x["rule_sets"] = d.rule_sets;
      x["reasons_vi"] = d.reasons_vi;
      x["reasons_en"] = d.reasons_en;
      out.append(x);
    }
    return out;
  }, py::arg("assessment_table"), py::arg("incident_table"), py::arg("rules"), py::arg("units"), py::arg("period"), py::arg("source"),
     py::arg("incident_source"), py::arg("children_table") = py::none(), py::arg("children_path") = "", py::arg("children_source") = "<children>",
     py::arg("cases") = nullptr, py::arg("readings") = std::map<std::string, int>{});
}

}  // namespace treem::python
