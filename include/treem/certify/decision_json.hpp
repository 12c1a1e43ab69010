// A certification run as JSON, in one language: what `treem certify --json` prints and what
// Python's `Certification.to_json()` returns (a test compares the two). Reasons and details are
// rendered here, once per run printed, not once per commune certified.
#pragma once

#include <string>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/certify/decision.hpp"
#include "treem/certify/explain.hpp"
#include "treem/io/json_writer.hpp"

namespace treem::certify {

namespace detail {

template <class T, class F>
std::string json_list(const std::vector<T>& items, F&& one) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& x : items) out.push_back(one(x));
  return io::json_array(out, "");
}

inline std::string json_ints(const std::vector<int>& v) {
  return json_list(v, [](int x) { return std::to_string(x); });
}

inline std::string json_strings(const std::vector<std::string>& v) {
  return json_list(v, [](const std::string& x) { return io::json_string(x); });
}

inline std::string criteria_json(const decision& d, language lang) {
  return json_list(d.criteria, [&](const criterion_result& c) {
    io::json_object o;
    o.add("id", std::int64_t{c.id}).number("claimed", c.claimed).number("computed", c.computed).number("used", c.used).number("max_points", c.max_points);
    if (c.why == not_scored::nothing) o.null("why_not_computed");
    else o.add("why_not_computed", why_not_computed(d, c, lang));
    return o.str();
  });
}

inline std::string gates_json(const decision& d, language lang) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < d.gates.size(); ++i) {
    const gate& g = d.gate_rule(i);
    out.push_back(io::json_object{}
                      .add("id", g.id)
                      .add("kind", to_string(g.kind))
                      .add("state", to_string(d.gates[i]))
                      .add("text", gate_text(d, i, lang))
                      .add("rule_set", g.rule_set)
                      .add("source", g.source)
                      .str());
  }
  return io::json_array(out, "");
}

inline std::string disqualifications_json(const decision& d, language lang) {
  return json_list(d.disqualifications, [&](const applied_disqualifier& q) {
    const disqualifier& rule = d.rule_of(q);
    const std::string incidents = json_list(q.incidents, [](const incident_ref& i) {
      return io::json_object{}.add("kind", to_string(i.kind)).add("date", format_iso(i.day)).add("fatal", i.fatal).str();
    });
    return io::json_object{}
        .add("id", rule.id)
        .add("text", disqualifier_text(d, q, lang))
        .add("rule_set", rule.rule_set)
        .add("source", rule.source)
        .raw("incidents", incidents)
        .str();
  });
}

inline std::string gap_json(const gap_to_recognition& g) {
  return io::json_object{}
      .number("points_missing", g.points_missing)
      .raw("criteria_at_zero", json_ints(g.criteria_at_zero))
      .raw("criteria_not_assessed", json_ints(g.criteria_not_assessed))
      .raw("failed_gates", json_strings(g.failed_gates))
      .add("disqualified", g.disqualified)
      .str();
}

inline std::string audit_json(const decision& d, language lang) {
  return json_list(d.audit, [&](const audit_finding& f) {
    return io::json_object{}.add("kind", to_string(f.kind)).add("criterion", std::int64_t{f.criterion}).add("detail", audit_detail(d, f, lang)).str();
  });
}

inline std::string facts_json(const decision& d) {
  return json_list(d.facts, [](const fact_used& f) {
    io::json_object o;
    o.add("id", f.id).number("value", f.value).add("origin", to_string(f.origin)).number("register_value", f.register_value);
    if (f.register_value) o.add("numerator", f.numerator).add("denominator", f.denominator);
    else o.null("numerator").null("denominator");
    return o.str();
  });
}

}  // namespace detail

/// One decision as a JSON object, its reasons and details in `lang`.
[[nodiscard]] TREEM_FUNC std::string to_json(const decision& d, language lang);

#if TREEM_DEFINITIONS
TREEM_FUNC std::string to_json(const decision& d, language lang) {
  io::json_object o;
  o.add("unit", d.unit).add("unit_name", d.unit_name).add("period", d.period).add("outcome", to_string(d.result));
  o.number("total", d.total).number("pass_mark", d.pass_mark);
  if (d.category) o.add("category", to_string(*d.category));
  else o.null("category");
  o.add("category_reason", category_reason(d, lang));
  o.raw("criteria", detail::criteria_json(d, lang)).raw("gates", detail::gates_json(d, lang));
  o.raw("disqualifications", detail::disqualifications_json(d, lang)).raw("gap", detail::gap_json(d.gap));
  o.raw("audit", detail::audit_json(d, lang)).raw("facts", detail::facts_json(d)).raw("reasons", detail::json_strings(reasons(d, lang)));
  return o.str();
}
#endif

/// A run: its period, language and rule sets, then one decision per line.
[[nodiscard]] TREEM_FUNC std::string to_json(const decision_set& set, language lang);

#if TREEM_DEFINITIONS
TREEM_FUNC std::string to_json(const decision_set& set, language lang) {
  std::vector<std::string> layers, decisions;
  for (const auto& [id, version] : set.rules->layers) layers.push_back(io::json_object{}.add("id", id).add("version", version).str());
  decisions.reserve(set.decisions.size());
  for (const auto& d : set.decisions) decisions.push_back(to_json(d, lang));
  return io::json_object{}
             .add("period", set.period)
             .add("lang", to_string(lang))
             .raw("rule_sets", io::json_array(layers, ""))
             .raw("decisions", io::json_array(decisions))
             .str() +
         "\n";
}
#endif

}  // namespace treem::certify
