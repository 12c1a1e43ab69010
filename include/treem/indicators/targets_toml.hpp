// Targets read from TOML (schema treem.targets/1): the bundled national targets and a user's own.
#pragma once

#include <string>
#include <string_view>

#include "treem/core/linkage.hpp"
#include "treem/indicators/targets.hpp"
#if TREEM_DEFINITIONS  // toml++ stays out of the headers of a compiled-mode user
#include "treem/io/toml_reader.hpp"
#endif

namespace treem::indicators {

[[nodiscard]] TREEM_FUNC target_set load_targets(std::string_view text, const std::string& source);

#if TREEM_DEFINITIONS
TREEM_FUNC target_set load_targets(std::string_view text, const std::string& source) {
  const toml::table doc = io::parse_toml(text, source);
  io::table_reader root(doc, "", source);
  io::require_schema(root, "treem.targets/1");
  target_set out{root.required_string("id"), root.required_string("version"), {}};
  std::size_t i = 0;
  for (const toml::table* tt : root.tables("target")) {
    io::table_reader r(*tt, "target[" + std::to_string(i++) + "]", source);
    target t;
    t.where = r.where();
    t.indicator = r.required_string("indicator");
    t.year = static_cast<int>(r.required_int("year", 2000, 2100));
    const std::string cmp = r.required_string("comparator");
    bool found = false;
    for (std::size_t k = 0; k < std::size(comparator_names); ++k) {
      if (comparator_names[k] == cmp) t.compare = static_cast<comparator>(k), found = true;
    }
    if (!found) throw validation_error(r.where("comparator"), r.field("comparator"), treem::quoted(cmp) + " is not <, <=, >= or >");
    if (const toml::node* v = r.node("value")) {
      if (!v->value<double>()) r.fail_type("value", *v, "a number");
      t.value = *v->value<double>();
    }
    if (const toml::node* c = r.node("change")) {
      if (!c->value<double>() || *c->value<double>() <= -1) r.fail_type("change", *c, "a relative change above -1, e.g. -0.10");
      t.change = *c->value<double>();
    }
    if (const auto y = r.optional_int("baseline_year", 2000, 2100)) t.baseline_year = static_cast<int>(*y);
    if (t.value.has_value() == t.change.has_value()) throw validation_error(r.where(), r.field("value"), "a target has either a value or a change against a baseline");
    if (t.change && !t.baseline_year) r.fail_missing("baseline_year", "the year the change is measured from");
    t.instrument = r.optional_string("instrument").value_or("");
    t.evidence = r.required_evidence("status");
    t.source = r.required_string("source");
    r.finish();
    out.targets.push_back(std::move(t));
  }
  root.finish();
  return out;
}
#endif

}  // namespace treem::indicators
