// Reading indicator catalogues (schema treem.indicators/1). Strict like every treem data reader:
// unknown keys, unknown flags, kinds or groups, and definitions that cannot be computed (a
// disaggregation the numerator's register does not carry, a proportion with an interval meant for
// rates) are errors with file, line, column and field.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "treem/core/linkage.hpp"
#include "treem/indicators/catalogue.hpp"
#if TREEM_DEFINITIONS  // toml++ stays out of the headers of a compiled-mode user
#include "treem/io/toml_reader.hpp"
#endif
#include "treem/registers/child_register.hpp"

namespace treem::indicators {

#if TREEM_DEFINITIONS
namespace detail {

inline constexpr std::pair<std::string_view, std::uint8_t> child_flag_names[] = {
    {"receiving_support", registers::receiving_support}, {"birth_registered", registers::birth_registered},
    {"health_insurance", registers::health_insurance},   {"disability", registers::disability},
    {"enrolled", registers::enrolled}};

inline std::uint8_t read_flags(io::table_reader& r, std::string_view key) {
  std::uint8_t out = 0;
  for (const auto& name : r.string_array(key)) {
    bool found = false;
    for (const auto& [n, bit] : child_flag_names) {
      if (n == name) out |= bit, found = true;
    }
    if (!found) {
      throw validation_error(r.where(key), r.field(key),
                             "unknown flag " + treem::quoted(name) + " (receiving_support, birth_registered, health_insurance, disability, enrolled)");
    }
  }
  return out;
}

inline std::optional<registers::sex> read_sex(io::table_reader& r) {
  const auto s = r.optional_string("sex");
  if (!s) return std::nullopt;
  if (*s == "male") return registers::sex::male;
  if (*s == "female") return registers::sex::female;
  throw validation_error(r.where("sex"), r.field("sex"), treem::quoted(*s) + " is not male or female");
}

inline void read_age(io::table_reader& r, row_filter& f) {
  const toml::array* a = r.optional_array("age");
  if (!a) return;
  const auto lo = a->size() == 2 ? (*a)[0].value<std::int64_t>() : std::nullopt;
  const auto hi = a->size() == 2 ? (*a)[1].value<std::int64_t>() : std::nullopt;
  if (!lo || !hi || *lo < 0 || *hi < *lo || *hi >= child_age_limit) {
    throw validation_error(r.where("age"), r.field("age"), "expected [first, last] completed years with 0 <= first <= last <= 15");
  }
  f.age_min = static_cast<int>(*lo);
  f.age_max = static_cast<int>(*hi);
}

inline std::uint16_t read_groups(io::table_reader& r) {
  std::uint16_t out = 0;
  for (const auto& g : r.string_array("special_groups")) {
    if (g == "any") {
      out = static_cast<std::uint16_t>((1u << registers::special_group_letters.size()) - 1);
      continue;
    }
    bool found = false;
    for (std::size_t i = 0; i < registers::special_group_letters.size(); ++i) {
      if (registers::special_group_letters[i] == g) out |= static_cast<std::uint16_t>(1u << i), found = true;
    }
    if (!found) throw validation_error(r.where("special_groups"), r.field("special_groups"), treem::quoted(g) + " is not 'any' or a letter a-o of Law on Children Art. 10(1)");
  }
  return out;
}

inline std::uint16_t read_kinds(io::table_reader& r) {
  const auto names = r.string_array("kinds");
  if (names.empty()) return all_kinds;
  std::uint16_t out = 0;
  for (const auto& name : names) {
    if (name == "abuse" || name == "injury") {
      for (std::size_t i = 0; i < incident_kind_count; ++i) {
        if (registers::is_abuse(static_cast<registers::incident_kind>(i)) == (name == "abuse")) out |= static_cast<std::uint16_t>(1u << i);
      }
    } else if (auto k = registers::incident_kind_from_string(name)) {
      for (std::size_t i = 0; i < incident_kind_count; ++i) {
        if (registers::covers(*k, static_cast<registers::incident_kind>(i))) out |= static_cast<std::uint16_t>(1u << i);  // sexual_abuse: and its forms
      }
    } else {
      throw validation_error(r.where("kinds"), r.field("kinds"), treem::quoted(name) + " is not 'abuse', 'injury' or an incident kind");
    }
  }
  return out;
}

inline std::uint8_t read_environments(io::table_reader& r) {
  const auto names = r.string_array("environments");
  if (names.empty()) return all_environments;
  std::uint8_t out = 0;
  for (const auto& name : names) {
    bool found = false;
    for (std::size_t i = 0; i < environment_count; ++i) {
      if (registers::environment_names[i] == name) out |= static_cast<std::uint8_t>(1u << i), found = true;
    }
    if (!found) throw validation_error(r.where("environments"), r.field("environments"), treem::quoted(name) + " is not an environment (unknown, family, school, community, online)");
  }
  return out;
}

inline row_filter read_filter(io::table_reader& parent, std::string_view key) {
  const toml::table* t = parent.optional_table(key);
  if (!t) parent.fail_missing(key, "a table such as { register = \"children\" }");
  io::table_reader r(*t, parent.field(key), parent.source_name());
  row_filter f;
  const std::string reg = r.required_string("register");
  if (reg == "children") f.source = register_kind::children;
  else if (reg == "incidents") f.source = register_kind::incidents;
  else throw validation_error(r.where("register"), r.field("register"), treem::quoted(reg) + " is not children or incidents");
  read_age(r, f);
  f.sex = read_sex(r);
  if (f.source == register_kind::children) {
    f.flags_all = read_flags(r, "flags");
    f.flags_none = read_flags(r, "not_flags");
    if (f.flags_all & f.flags_none) throw validation_error(r.where("not_flags"), r.field("not_flags"), "a flag cannot be both required and excluded");
    f.groups_any = read_groups(r);
    f.ethnicities = r.string_array("ethnicities");
  } else {
    f.kinds = read_kinds(r);
    f.fatal = r.optional_bool("fatal");
    f.environments = read_environments(r);
    if (const auto plan = r.optional_string("plan")) {
      if (*plan == "in_time") f.plan = plan_condition::in_time;
      else if (*plan == "late") f.plan = plan_condition::late;
      else if (*plan == "known") f.plan = plan_condition::known;
      else throw validation_error(r.where("plan"), r.field("plan"), treem::quoted(*plan) + " is not in_time, late or known");
    }
  }
  r.finish();  // a children-only key on an incident filter (or the reverse) is reported as unknown here
  return f;
}

inline indicator_definition read_indicator(io::table_reader& r) {
  indicator_definition d;
  d.where = r.where();
  d.key = r.required_string("key");
  if (d.key.empty() || d.key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") != std::string::npos) {
    throw validation_error(r.where("key"), r.field("key"), "a key uses lower-case ASCII letters, digits, '_' and '.'");
  }
  d.instrument = r.optional_string("instrument").value_or("");
  d.appendix = r.optional_string("appendix").value_or("");
  d.code = r.optional_string("code").value_or("");
  if (!d.code.empty() && (d.code.size() != 4 || d.code.find_first_not_of("0123456789") != std::string::npos)) {
    throw validation_error(r.where("code"), r.field("code"), "a Circular 13/2021 code has four digits GGNN (leave it out when unknown)");
  }
  d.group = r.optional_string("group").value_or("");
  d.name_vi = r.required_string("name_vi");
  d.name_en = r.required_string("name_en");
  d.numerator = read_filter(r, "numerator");
  if (r.has("denominator")) d.denominator = read_filter(r, "denominator");
  if (const toml::node* f = r.node("factor")) {
    const auto v = f->value<double>();
    if (!v || !(*v == 1 || *v == 100 || *v == 1000 || *v == 100000)) r.fail_type("factor", *f, "1, 100, 1000 or 100000");
    d.factor = *v;
  }
  if (!d.denominator && d.factor != 1) throw validation_error(r.where("factor"), r.field("factor"), "a count (no denominator) has factor 1");
  if (d.denominator && d.denominator->source == register_kind::children && d.numerator.source == register_kind::children) {
    // fine: a share of children
  } else if (d.denominator && d.denominator->source == register_kind::incidents && d.numerator.source == register_kind::children) {
    throw validation_error(r.where("denominator"), r.field("denominator"), "children cannot be counted per incident");
  }
  d.unit = r.required_string("unit");
  for (const auto& name : r.string_array("disaggregations")) {
    const auto dim = dimension_from_string(name);
    if (!dim) throw validation_error(r.where("disaggregations"), r.field("disaggregations"), treem::quoted(name) + " is not sex, age_group, ethnicity, kind or environment");
    if (!has_dimension(d.numerator.source, *dim)) {
      throw validation_error(r.where("disaggregations"), r.field("disaggregations"),
                             treem::quoted(name) + " is not a column of the " + std::string(to_string(d.numerator.source)) + " register");
    }
    if (d.supports(*dim)) throw validation_error(r.where("disaggregations"), r.field("disaggregations"), treem::quoted(name) + " is listed twice");
    d.disaggregations.push_back(*dim);
  }
  d.period = r.optional_string("period").value_or("year");
  if (d.period != "year" && d.period != "six_month") throw validation_error(r.where("period"), r.field("period"), treem::quoted(d.period) + " is not year or six_month");
  const std::string method = r.optional_string("interval").value_or("none");
  const auto m = interval_method_from_string(method);
  if (!m) throw validation_error(r.where("interval"), r.field("interval"), treem::quoted(method) + " is not none, garwood, clopper_pearson or wilson");
  d.interval = *m;
  const bool binomial = *m == interval_method::clopper_pearson || *m == interval_method::wilson;
  if (binomial && !d.is_proportion()) {
    throw validation_error(r.where("interval"), r.field("interval"), method + " is for proportions (numerator and denominator from the same register)");
  }
  if (*m == interval_method::garwood && d.is_proportion()) {
    throw validation_error(r.where("interval"), r.field("interval"), "garwood is for counts and rates of events, not for proportions");
  }
  d.evidence = r.required_evidence("status");
  d.source = r.required_string("source");
  r.finish();
  return d;
}

}  // namespace detail
#endif

/// Reads a catalogue. Throws parse_error / validation_error naming file, line, column and field.
[[nodiscard]] TREEM_FUNC catalogue load_catalogue(std::string_view text, const std::string& source);

#if TREEM_DEFINITIONS
TREEM_FUNC catalogue load_catalogue(std::string_view text, const std::string& source) {
  const toml::table doc = io::parse_toml(text, source);
  io::table_reader root(doc, "", source);
  io::require_schema(root, "treem.indicators/1");
  catalogue c;
  c.id = root.required_string("id");
  c.version = root.required_string("version");
  c.title = root.optional_string("title").value_or("");
  if (const auto groups = root.optional_string("age_groups")) c.age_groups = age_groups::parse(*groups, root.where("age_groups"));
  std::set<std::string> keys;
  std::size_t i = 0;
  for (const toml::table* t : root.tables("indicator")) {
    io::table_reader r(*t, "indicator[" + std::to_string(i++) + "]", source);
    indicator_definition d = detail::read_indicator(r);
    if (!keys.insert(d.key).second) throw validation_error(r.where("key"), r.field("key"), "indicator " + treem::quoted(d.key) + " is defined twice");
    c.indicators.push_back(std::move(d));
  }
  root.finish();
  if (c.indicators.empty()) throw validation_error(root.where(), "indicator", "a catalogue needs at least one [[indicator]]");
  return c;
}
#endif

/// The indicators of `base` followed by those of `extra` (a user's own catalogue). A key defined in
/// both is an error rather than a silent override. The age groups are those of `base`.
[[nodiscard]] TREEM_FUNC catalogue extend(const catalogue& base, const catalogue& extra);

#if TREEM_DEFINITIONS
TREEM_FUNC catalogue extend(const catalogue& base, const catalogue& extra) {
  catalogue out = base;
  for (const auto& d : extra.indicators) {
    if (out.find(d.key)) throw validation_error(d.where, "key", "indicator " + treem::quoted(d.key) + " is already defined in catalogue " + base.id);
    out.indicators.push_back(d);
  }
  out.id = base.id + "+" + extra.id;
  return out;
}
#endif

}  // namespace treem::indicators
