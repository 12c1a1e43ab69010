// Reads the time limits of case handling from TOML (schema treem.case_deadlines/1).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "treem/core/linkage.hpp"
#include "treem/cases/deadline_rules.hpp"
#if TREEM_DEFINITIONS  // toml++ stays out of the headers of a compiled-mode user
#include "treem/io/toml_reader.hpp"
#endif

namespace treem::cases {

#if TREEM_DEFINITIONS
namespace detail {

inline registers::case_step read_step(io::table_reader& r, std::string_view key) {
  const std::string name = r.required_string(key);
  const auto step = registers::case_step_from_string(name);
  if (!step) {
    std::string list;
    for (auto n : registers::case_step_names) list += (list.empty() ? "" : ", ") + std::string(n);
    throw validation_error(r.where(key), r.field(key), treem::quoted(name) + " is not a step of a case: " + list);
  }
  return *step;
}

inline case_scope read_scope(io::table_reader& r) {
  const std::string s = r.optional_string("applies_to").value_or("all");
  if (s == "all") return case_scope::all;
  if (s == "serious_harm") return case_scope::serious_harm;
  if (s == "not_serious_harm") return case_scope::not_serious_harm;
  throw validation_error(r.where("applies_to"), r.field("applies_to"), treem::quoted(s) + " is not all, serious_harm or not_serious_harm");
}

/// `hours = 12`, `working_days = 5`, or `working_days = [5, 7]` when sources conflict.
inline void read_limit(io::table_reader& r, case_deadline& d) {
  const bool hours = r.has("hours"), days = r.has("working_days");
  if (hours == days) throw validation_error(r.where(), r.field("hours"), "give exactly one of hours and working_days");
  const std::string_view key = hours ? "hours" : "working_days";
  d.unit = hours ? limit_unit::hours : limit_unit::working_days;
  const int max = hours ? 24 * 366 : 366;
  if (r.node(key)->is_array()) {
    const toml::array* arr = r.optional_array(key);
    std::size_t i = 0;
    for (const auto& item : *arr) {
      const auto* v = item.as_integer();
      const std::string field = r.field(key) + "[" + std::to_string(i++) + "]";
      if (!v || v->get() < 1 || v->get() > max) throw validation_error(io::location_of(item, r.source_name()), field, "expected a whole number 1.." + std::to_string(max));
      d.readings.push_back(static_cast<int>(v->get()));
    }
    if (d.readings.size() < 2) throw validation_error(r.where(key), r.field(key), "a list gives the conflicting readings: at least two");
    if (d.evidence == treem::evidence::confirmed) {
      throw validation_error(r.where("status"), r.field("status"), "a limit read differently by its sources cannot be confirmed");
    }
    std::sort(d.readings.begin(), d.readings.end());
  } else {
    d.readings.push_back(static_cast<int>(r.required_int(key, 1, max)));
  }
}

inline case_deadline read_deadline(io::table_reader& r) {
  case_deadline d;
  d.id = r.required_string("id");
  d.name_vi = r.required_string("name_vi");
  d.name_en = r.required_string("name_en");
  d.from = read_step(r, "from");
  d.to = read_step(r, "to");
  if (d.to <= d.from) throw validation_error(r.where("to"), r.field("to"), "must be a step after " + std::string(registers::to_string(d.from)));
  d.scope = read_scope(r);
  d.evidence = r.required_evidence("status");
  read_limit(r, d);
  d.source = r.required_string("source");
  d.note = r.optional_string("note").value_or("");
  r.finish();
  return d;
}

}  // namespace detail
#endif

[[nodiscard]] TREEM_FUNC case_deadline_rules load_case_deadlines(std::string_view toml_text, const std::string& source_name);

#if TREEM_DEFINITIONS
TREEM_FUNC case_deadline_rules load_case_deadlines(std::string_view toml_text, const std::string& source_name) {
  const toml::table doc = io::parse_toml(toml_text, source_name);
  io::table_reader root(doc, "", source_name);
  io::require_schema(root, "treem.case_deadlines/1");
  case_deadline_rules rules;
  rules.id = root.required_string("id");
  rules.version = root.required_string("version");
  rules.title = root.optional_string("title").value_or("");
  rules.instrument = root.required_string("instrument");
  std::size_t i = 0;
  for (const toml::table* t : root.tables("deadline")) {
    io::table_reader r(*t, "deadline[" + std::to_string(i++) + "]", source_name);
    case_deadline d = detail::read_deadline(r);
    if (rules.find(d.id)) throw validation_error(r.where("id"), r.field("id"), "duplicate deadline id " + treem::quoted(d.id));
    rules.deadlines.push_back(std::move(d));
  }
  if (rules.deadlines.empty()) throw validation_error(root.where(), "deadline", "the file defines no deadline");
  root.finish();
  return rules;
}
#endif

}  // namespace treem::cases
