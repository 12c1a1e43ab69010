// Certification results as bound objects: a DecisionSet owns a run's decisions (and the rules they
// were made under); a Decision and its parts are small handles into it that keep it alive. Nothing
// is converted to dicts, and reasons are rendered only when asked for, in the language asked for.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "date_caster.hpp"
#include "register.hpp"
#include "treem/certify/decision_json.hpp"
#include "treem/certify/explain.hpp"

namespace py = pybind11;

namespace treem::python {

namespace {

using namespace treem::certify;

using set_ptr = std::shared_ptr<const decision_set>;

language language_of(const std::string& lang) {
  if (const auto l = language_from_string(lang)) return *l;
  throw validation_error({"<argument lang>"}, "lang", treem::quoted(lang) + " is not 'vi' or 'en'");
}

/// One decision of a set.
struct decision_ref {
  set_ptr set;
  std::size_t index = 0;
  [[nodiscard]] const decision& get() const { return set->decisions[index]; }
};

/// One part (criterion, gate, disqualification, audit finding) of a decision.
template <int Kind>
struct part_ref {
  decision_ref d;
  std::size_t index = 0;
};
using criterion_ref = part_ref<0>;
using gate_ref = part_ref<1>;
using disqualification_ref = part_ref<2>;
using audit_ref = part_ref<3>;

template <class Part>
py::list parts(const decision_ref& d, std::size_t n) {
  py::list out;
  for (std::size_t i = 0; i < n; ++i) out.append(Part{d, i});
  return out;
}

void register_parts(py::module_& m) {
  py::class_<criterion_ref>(m, "CriterionResult", "A criterion's points in a decision: claimed, computed from facts, used.")
      .def_property_readonly("id", [](const criterion_ref& c) { return c.d.get().criteria[c.index].id; })
      .def_property_readonly("claimed", [](const criterion_ref& c) { return c.d.get().criteria[c.index].claimed; })
      .def_property_readonly("computed", [](const criterion_ref& c) { return c.d.get().criteria[c.index].computed; })
      .def_property_readonly("used", [](const criterion_ref& c) { return c.d.get().criteria[c.index].used; })
      .def_property_readonly("max_points", [](const criterion_ref& c) { return c.d.get().criteria[c.index].max_points; })
      .def("name", [](const criterion_ref& c, const std::string& lang) { return criterion_name(c.d.get(), c.d.get().criteria[c.index], language_of(lang)); },
           py::arg("lang") = "vi")
      .def("why_not_computed", [](const criterion_ref& c, const std::string& lang) -> std::optional<std::string> {
        const auto& r = c.d.get().criteria[c.index];
        if (r.why == not_scored::nothing) return std::nullopt;
        return certify::why_not_computed(c.d.get(), r, language_of(lang));
      }, py::arg("lang") = "en", "Why treem could not score it from the facts; None when it did.")
      .def("__repr__", [](const criterion_ref& c) {
        const auto& r = c.d.get().criteria[c.index];
        return "CriterionResult(id=" + std::to_string(r.id) + ", used=" + (r.used ? certify::detail::num(*r.used) : "None") + ")";
      });
  py::class_<gate_ref>(m, "GateResult", "A recognition gate of the rules and its state for the unit.")
      .def_property_readonly("id", [](const gate_ref& g) { return g.d.get().gate_rule(g.index).id; })
      .def_property_readonly("kind", [](const gate_ref& g) { return std::string(to_string(g.d.get().gate_rule(g.index).kind)); })
      .def_property_readonly("state", [](const gate_ref& g) { return std::string(to_string(g.d.get().gates[g.index])); })
      .def_property_readonly("rule_set", [](const gate_ref& g) { return g.d.get().gate_rule(g.index).rule_set; })
      .def_property_readonly("source", [](const gate_ref& g) { return g.d.get().gate_rule(g.index).source; })
      .def("text", [](const gate_ref& g, const std::string& lang) { return gate_text(g.d.get(), g.index, language_of(lang)); }, py::arg("lang") = "vi")
      .def("__repr__", [](const gate_ref& g) {
        return "GateResult(id='" + g.d.get().gate_rule(g.index).id + "', state='" + std::string(to_string(g.d.get().gates[g.index])) + "')";
      });
  py::class_<disqualification_ref>(m, "Disqualification", "A local rule that refused recognition, with the incidents that met it.")
      .def_property_readonly("id", [](const disqualification_ref& q) { return q.d.get().rule_of(q.d.get().disqualifications[q.index]).id; })
      .def_property_readonly("rule_set", [](const disqualification_ref& q) { return q.d.get().rule_of(q.d.get().disqualifications[q.index]).rule_set; })
      .def_property_readonly("source", [](const disqualification_ref& q) { return q.d.get().rule_of(q.d.get().disqualifications[q.index]).source; })
      .def_property_readonly("incidents", [](const disqualification_ref& q) {
        py::list out;
        for (const auto& i : q.d.get().disqualifications[q.index].incidents) out.append(py::make_tuple(std::string(to_string(i.kind)), i.day, i.fatal));
        return out;
      }, "(kind, date, fatal) of each incident, earliest first; never who")
      .def("text", [](const disqualification_ref& q, const std::string& lang) {
        return disqualifier_text(q.d.get(), q.d.get().disqualifications[q.index], language_of(lang));
      }, py::arg("lang") = "vi")
      .def("__repr__", [](const disqualification_ref& q) { return "Disqualification(id='" + q.d.get().rule_of(q.d.get().disqualifications[q.index]).id + "')"; });
  py::class_<audit_ref>(m, "AuditFinding", "Where the assessment and the facts or registers disagree.")
      .def_property_readonly("kind", [](const audit_ref& f) { return std::string(to_string(f.d.get().audit[f.index].kind)); })
      .def_property_readonly("criterion", [](const audit_ref& f) { return f.d.get().audit[f.index].criterion; })
      .def("detail", [](const audit_ref& f, const std::string& lang) { return audit_detail(f.d.get(), f.d.get().audit[f.index], language_of(lang)); },
           py::arg("lang") = "en")
      .def("__repr__", [](const audit_ref& f) { return "AuditFinding(kind='" + std::string(to_string(f.d.get().audit[f.index].kind)) + "')"; });
  py::class_<gap_to_recognition>(m, "Gap", "What would have to change for recognition.")
      .def_readonly("points_missing", &gap_to_recognition::points_missing)
      .def_readonly("criteria_at_zero", &gap_to_recognition::criteria_at_zero)
      .def_readonly("criteria_not_assessed", &gap_to_recognition::criteria_not_assessed)
      .def_readonly("failed_gates", &gap_to_recognition::failed_gates)
      .def_readonly("disqualified", &gap_to_recognition::disqualified);
  py::class_<fact_used>(m, "FactUsed", "A fact the decision scored from, and where it came from.")
      .def_readonly("id", &fact_used::id)
      .def_readonly("value", &fact_used::value)
      .def_property_readonly("origin", [](const fact_used& f) { return std::string(to_string(f.origin)); })
      .def_readonly("register_value", &fact_used::register_value)
      .def_property_readonly("numerator", [](const fact_used& f) { return f.register_value ? std::optional<std::int64_t>(f.numerator) : std::nullopt; })
      .def_property_readonly("denominator", [](const fact_used& f) { return f.register_value ? std::optional<std::int64_t>(f.denominator) : std::nullopt; })
      .def("__repr__", [](const fact_used& f) { return "FactUsed(id='" + f.id + "', value=" + certify::detail::num(f.value) + ", origin='" + std::string(to_string(f.origin)) + "')"; });
}

void register_decision(py::module_& m) {
  py::class_<decision_ref>(m, "Decision", "One unit's decision: outcome, points, gates, disqualifying incidents, gap, audit.")
      .def_property_readonly("unit", [](const decision_ref& d) { return d.get().unit; })
      .def_property_readonly("unit_name", [](const decision_ref& d) { return d.get().unit_name; })
      .def_property_readonly("period", [](const decision_ref& d) { return d.get().period; })
      .def_property_readonly("outcome", [](const decision_ref& d) { return std::string(to_string(d.get().result)); })
      .def("outcome_label", [](const decision_ref& d, const std::string& lang) { return std::string(certify::outcome_label(d.get().result, language_of(lang))); },
           py::arg("lang") = "en", "The outcome as a person reads it in `lang`.")
      .def_property_readonly("total", [](const decision_ref& d) { return d.get().total; })
      .def_property_readonly("pass_mark", [](const decision_ref& d) { return d.get().pass_mark; })
      .def_property_readonly("pass_mark_range", [](const decision_ref& d) { return std::pair(d.get().lowest_pass_mark, d.get().highest_pass_mark); })
      .def_property_readonly("category", [](const decision_ref& d) {
        return d.get().category ? std::optional<std::string>(std::string(to_string(*d.get().category))) : std::nullopt;
      })
      .def("category_reason", [](const decision_ref& d, const std::string& lang) { return certify::category_reason(d.get(), language_of(lang)); },
           py::arg("lang") = "en")
      .def_property_readonly("criteria", [](const decision_ref& d) { return parts<criterion_ref>(d, d.get().criteria.size()); })
      .def_property_readonly("gates", [](const decision_ref& d) { return parts<gate_ref>(d, d.get().gates.size()); })
      .def_property_readonly("disqualifications", [](const decision_ref& d) { return parts<disqualification_ref>(d, d.get().disqualifications.size()); })
      .def_property_readonly("audit", [](const decision_ref& d) { return parts<audit_ref>(d, d.get().audit.size()); })
      .def_property_readonly("gap", [](const decision_ref& d) { return d.get().gap; })
      .def_property_readonly("facts", [](const decision_ref& d) { return d.get().facts; })
      .def("reasons", [](const decision_ref& d, const std::string& lang) { return certify::reasons(d.get(), language_of(lang)); }, py::arg("lang") = "en")
      .def("to_json", [](const decision_ref& d, const std::string& lang) { return certify::to_json(d.get(), language_of(lang)); }, py::arg("lang") = "en");
}

/// Column `f(decision)` of every decision, as a numpy array.
template <class T, class F>
py::array_t<T> column(const decision_set& s, F&& f) {
  py::array_t<T> out(static_cast<py::ssize_t>(s.decisions.size()));
  auto w = out.template mutable_unchecked<1>();
  for (std::size_t i = 0; i < s.decisions.size(); ++i) w(static_cast<py::ssize_t>(i)) = f(s.decisions[i]);
  return out;
}

double or_nan(const std::optional<double>& v) { return v ? *v : std::numeric_limits<double>::quiet_NaN(); }

void register_set(py::module_& m) {
  py::class_<decision_set, std::shared_ptr<decision_set>>(m, "DecisionSet", "The decisions of one certification run, in input order.")
      .def_readonly("period", &decision_set::period)
      .def_property_readonly("rule_sets", [](const decision_set& s) { return s.rules->layers; })
      .def("__len__", [](const decision_set& s) { return s.decisions.size(); })
      .def("__getitem__", [](const std::shared_ptr<decision_set>& s, py::ssize_t i) {
        const auto n = static_cast<py::ssize_t>(s->decisions.size());
        if (i < 0) i += n;
        if (i < 0 || i >= n) throw py::index_error("decision index out of range");
        return decision_ref{s, static_cast<std::size_t>(i)};
      })
      .def("index_of", [](const decision_set& s, const std::string& unit) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < s.decisions.size(); ++i) {
          if (s.decisions[i].unit == unit) return i;
        }
        return std::nullopt;
      })
      .def_property_readonly("units", [](const decision_set& s) {
        std::vector<std::string> out;
        for (const auto& d : s.decisions) out.push_back(d.unit);
        return out;
      })
      .def_property_readonly("outcome_codes", [](const decision_set& s) {
        return column<std::uint8_t>(s, [](const decision& d) { return static_cast<std::uint8_t>(d.result); });
      }, "0 recognized, 1 not_recognized, 2 inconclusive")
      .def_property_readonly("totals", [](const decision_set& s) { return column<double>(s, [](const decision& d) { return or_nan(d.total); }); })
      .def_property_readonly("pass_marks", [](const decision_set& s) { return column<double>(s, [](const decision& d) { return or_nan(d.pass_mark); }); })
      .def_property_readonly("points_missing", [](const decision_set& s) {
        return column<double>(s, [](const decision& d) { return or_nan(d.gap.points_missing); });
      })
      .def_property_readonly("disqualified", [](const decision_set& s) { return column<bool>(s, [](const decision& d) { return d.gap.disqualified; }); })
      .def_property_readonly("criterion_ids", [](const decision_set& s) {
        std::vector<int> ids;
        for (const auto& c : s.rules->rules.criteria) ids.push_back(c.id);
        return ids;
      })
      .def_property_readonly("points_used", [](const decision_set& s) {
        const std::size_t n = s.decisions.size(), k = s.rules->rules.criteria.size();
        py::array_t<double> out({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(k)});
        auto w = out.mutable_unchecked<2>();
        for (std::size_t i = 0; i < n; ++i) {
          for (std::size_t c = 0; c < k; ++c) w(static_cast<py::ssize_t>(i), static_cast<py::ssize_t>(c)) = or_nan(s.decisions[i].criteria[c].used);
        }
        return out;
      }, "points used per unit (rows) and criterion (columns, in criterion_ids order); NaN: not assessed")
      .def("to_json", [](const decision_set& s, const std::string& lang) { return certify::to_json(s, language_of(lang)); }, py::arg("lang") = "en",
           "The run as JSON, exactly as `treem certify --json --lang LANG` prints it.")
      .def("__repr__", [](const decision_set& s) { return "DecisionSet(period='" + s.period + "', units=" + std::to_string(s.decisions.size()) + ")"; });
}

}  // namespace

void register_decisions(py::module_& m) {
  register_parts(m);
  register_decision(m);
  register_set(m);
  // The label of an outcome by its code, for charts and tables that hold codes (one wording: explain.hpp).
  m.def("outcome_label", [](const std::string& code, const std::string& lang) {
    for (std::size_t o = 0; o < std::size(outcome_names); ++o) {
      if (outcome_names[o] == code) return std::string(certify::outcome_label(static_cast<outcome>(o), language_of(lang)));
    }
    throw validation_error({"<argument outcome>"}, "outcome", treem::quoted(code) + " is not recognized, not_recognized or inconclusive");
  }, py::arg("outcome"), py::arg("lang") = "en");
}

}  // namespace treem::python
