// Reading certification rule sets (schema treem.rules/1) and composing a base with its overlays.
#pragma once

#include <cmath>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/certify/rule_set.hpp"
#include "treem/time/date.hpp"
#if TREEM_DEFINITIONS  // toml++ stays out of the headers of a compiled-mode user
#include "treem/io/toml_reader.hpp"
#endif

namespace treem::certify {

#if TREEM_DEFINITIONS
namespace detail {

using io::table_reader;

/// A number for a message, as a person writes it: 100, not 100.000000.
inline std::string number_text(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

/// A finite number (integer or float) at `key`, or empty; NaN and infinities are refused.
inline std::optional<double> finite(table_reader& r, std::string_view key) {
  const toml::node* n = r.node(key);
  if (!n) return std::nullopt;
  const auto v = n->value<double>();
  if (!v) r.fail_type(key, *n, "a number");
  if (!std::isfinite(*v)) throw validation_error(r.where(key), r.field(key), "must be a finite number");
  return v;
}

inline fact_kind read_fact_kind(table_reader& r) {
  const std::string k = r.required_string("kind");
  if (k == "boolean") return fact_kind::boolean;
  if (k == "percent") return fact_kind::percent;
  throw validation_error(r.where("kind"), r.field("kind"), treem::quoted(k) + " is not 'boolean' or 'percent'");
}

/// A band table, refused unless whole: a province fills it in by hand from the scoring table, and a
/// band half written (a threshold without its points, two bands at one threshold, a band worth more
/// than the criterion) would otherwise score communes with a table that the Decision never had.
/// Each error names the offending band's line and column, its field and the rule it breaks.
inline std::vector<band> read_bands(table_reader& r, const toml::array& bands, std::optional<double> criterion_max) {
  if (bands.empty()) {
    throw validation_error(r.where("bands"), r.field("bands"),
                           "an empty band table: list the bands of the scoring table, or leave 'bands' out while they are unknown");
  }
  std::vector<band> out;
  std::size_t i = 0;
  for (const auto& b : bands) {
    const auto* t = b.as_table();
    if (!t) throw validation_error(io::location_of(b, r.source_name()), r.field("bands"), "expected { min_percent, points, status, source }");
    table_reader br(*t, r.field("bands") + "[" + std::to_string(i++) + "]", r.source_name());
    band bd;
    const auto mp = finite(br, "min_percent");
    const auto pt = finite(br, "points");
    if (!mp) br.fail_missing("min_percent", "the lowest rate in percent that earns the band's points");
    if (!pt) br.fail_missing("points", "the points the band gives");
    if (*mp < 0 || *mp > 100) throw validation_error(br.where("min_percent"), br.field("min_percent"), "expected a percentage 0-100");
    if (*pt < 0) throw validation_error(br.where("points"), br.field("points"), "expected a number of points >= 0");
    if (criterion_max && *pt > *criterion_max) {
      throw validation_error(br.where("points"), br.field("points"), "a band cannot give more than the criterion's maximum of " + number_text(*criterion_max) + " points");
    }
    bd.min_percent = *mp;
    bd.points = *pt;
    bd.evidence = br.required_evidence("status");
    bd.source = br.required_string("source");
    br.finish();
    if (!out.empty() && bd.min_percent == out.back().min_percent) {
      throw validation_error(br.where("min_percent"), br.field("min_percent"), "a second band at " + number_text(bd.min_percent) + "%: each threshold appears once");
    }
    if (!out.empty() && bd.min_percent > out.back().min_percent) {
      throw validation_error(br.where("min_percent"), br.field("min_percent"), "bands must be listed from the highest rate down (" +
                                                                                   number_text(bd.min_percent) + "% comes after " +
                                                                                   number_text(out.back().min_percent) + "%)");
    }
    out.push_back(std::move(bd));
  }
  return out;
}

/// `criterion_max` is the criterion's confirmed maximum, if known: no item or band may exceed it.
inline scored_item read_item(table_reader& r, const rule_set& rs, std::optional<double> criterion_max) {
  scored_item it;
  it.id = r.required_string("id");
  it.name_vi = r.required_string("name_vi");
  it.fact = r.required_string("fact");
  const fact_definition* f = rs.find_fact(it.fact);
  if (!f) throw validation_error(r.where("fact"), r.field("fact"), "unknown fact " + treem::quoted(it.fact) + " (declare it with [[fact]])");
  it.kind = f->kind;
  if (const auto v = finite(r, "points")) {
    if (*v < 0) throw validation_error(r.where("points"), r.field("points"), "expected a number of points >= 0");
    if (it.kind != fact_kind::boolean) throw validation_error(r.where("points"), r.field("points"), "points go with a boolean fact; a percent fact has bands");
    if (criterion_max && *v > *criterion_max) {
      throw validation_error(r.where("points"), r.field("points"), "an item cannot give more than the criterion's maximum of " + number_text(*criterion_max) + " points");
    }
    it.points = *v;
  }
  if (const toml::array* bands = r.optional_array("bands")) {
    if (it.kind != fact_kind::percent) throw validation_error(r.where("bands"), r.field("bands"), "bands go with a percent fact");
    it.bands = read_bands(r, *bands, criterion_max);
  }
  it.evidence = r.required_evidence("status");
  it.source = r.required_string("source");
  r.finish();
  return it;
}

inline criterion read_criterion(table_reader& r, const rule_set& rs) {
  criterion c;
  c.id = static_cast<int>(r.required_int("id", 1, 99));
  c.name_vi = r.required_string("name_vi");
  c.name_en = r.optional_string("name_en").value_or("");
  if (const toml::node* n = r.node("max_points")) {
    const auto* t = n->as_table();
    if (!t) r.fail_type("max_points", *n, "{ value = ..., status = ..., source = ... }");
    table_reader m(*t, r.field("max_points"), r.source_name());
    const auto v = finite(m, "value");
    if (!v || *v <= 0) m.fail_missing("value", "a maximum > 0");
    c.max_points.value = *v;
    c.max_points.evidence = m.required_evidence("status");
    c.max_points.source = m.required_string("source");
    m.finish();
  }
  c.items_complete = r.optional_bool("items_complete").value_or(false);
  c.source = r.required_string("source");
  std::size_t i = 0;
  double known_sum = 0;
  for (const toml::table* t : r.tables("item")) {
    table_reader ir(*t, r.field("item") + "[" + std::to_string(i++) + "]", r.source_name());
    scored_item item = read_item(ir, rs, c.max_points.value);
    for (const auto& other : c.items) {
      if (other.id == item.id) throw validation_error(ir.where("id"), ir.field("id"), "duplicate item " + treem::quoted(item.id));
    }
    known_sum += item.points.value_or(item.bands.empty() ? 0.0 : item.bands.front().points);
    c.items.push_back(std::move(item));
  }
  if (c.max_points.value && known_sum > *c.max_points.value + 1e-9) {
    throw validation_error(r.where("max_points"), r.field("max_points"), "its items can give " + number_text(known_sum) +
                                                                                 " points, more than the maximum");
  }
  if (c.items_complete && c.items.empty()) throw validation_error(r.where("items_complete"), r.field("items_complete"), "no items are listed");
  r.finish();
  return c;
}

inline void check_no_criteria_in_overlay(table_reader& root, const rule_set& rs) {
  if (rs.extends && !rs.criteria.empty()) {
    throw validation_error(root.where("criterion"), "criterion", "an overlay cannot add criteria to the standard it extends");
  }
}

}  // namespace detail
#endif

#if TREEM_DEFINITIONS
namespace detail {

/// What every rule carries besides its own fields: its evidence mark, its source and the rule set
/// that made it; then the table must hold nothing else.
template <class Rule>
Rule with_provenance(table_reader& r, Rule rule, const rule_set& rs) {
  rule.evidence = r.required_evidence("status");
  rule.source = r.required_string("source");
  rule.rule_set = rs.id;
  r.finish();
  return rule;
}

/// One [[gate]]: a condition every recognised unit meets whatever its points.
inline gate read_gate(table_reader& r, const rule_set& rs) {
  gate g;
  g.id = r.required_string("id");
  const std::string kind = r.required_string("kind");
  const auto k = gate_kind_from_string(kind);
  if (!k) throw validation_error(r.where("kind"), r.field("kind"), "unknown gate kind " + treem::quoted(kind));
  g.kind = *k;
  if (g.kind == gate_kind::criterion_at_least) {
    g.criterion = static_cast<int>(r.required_int("criterion", 1, 99));
    const auto mp = finite(r, "min_points");
    if (!mp || *mp < 0) r.fail_missing("min_points", "a number of points >= 0");
    g.min_points = *mp;
  }
  if (g.kind == gate_kind::fact_true) g.fact = r.required_string("fact");
  g.text_vi = r.required_string("text_vi");
  g.text_en = r.optional_string("text_en").value_or(g.text_vi);
  return with_provenance(r, std::move(g), rs);
}

/// One [[pass_mark]]: the total a kind of unit needs.
inline pass_mark read_pass_mark(table_reader& r, const rule_set& rs) {
  pass_mark p;
  const std::string cat = r.required_string("category");
  const auto c = unit_category_from_string(cat);
  if (!c) throw validation_error(r.where("category"), r.field("category"), "unknown category " + treem::quoted(cat));
  p.category = *c;
  const auto mt = finite(r, "min_total");
  if (!mt || *mt < 0) r.fail_missing("min_total", "a number of points >= 0");
  p.min_total = *mt;
  return with_provenance(r, std::move(p), rs);
}

/// One [[disqualifier]]: incident kinds that keep a unit from recognition.
inline disqualifier read_disqualifier(table_reader& r, const rule_set& rs) {
  disqualifier d;
  d.id = r.required_string("id");
  for (const auto& k : r.string_array("kinds")) {
    const auto kind = incident_kind_from_string(k);
    if (!kind) throw validation_error(r.where("kinds"), r.field("kinds"), "unknown incident kind " + treem::quoted(k));
    d.kinds.push_back(*kind);
  }
  if (d.kinds.empty()) r.fail_missing("kinds", "the incident kinds that disqualify");
  d.fatal_only = r.optional_bool("fatal_only").value_or(false);
  d.text_vi = r.required_string("text_vi");
  d.text_en = r.optional_string("text_en").value_or(d.text_vi);
  return with_provenance(r, std::move(d), rs);
}

/// The [cycle]: the plan's years with an assessment, and its month.
inline assessment_cycle read_cycle(table_reader& r, const std::string& source_name) {
  assessment_cycle cy;
  cy.plan_start = static_cast<int>(r.required_int("plan_start", 1900, 2199));
  cy.plan_length = static_cast<int>(r.required_int("plan_length", 1, 20));
  cy.plan_years.clear();
  const toml::array* years = r.optional_array("plan_years");
  if (!years || years->empty()) r.fail_missing("plan_years", "the years of the plan with an assessment");
  for (const auto& y : *years) {
    const auto v = y.value<std::int64_t>();
    if (!v || *v < 1 || *v > cy.plan_length) throw validation_error(io::location_of(y, source_name), "cycle.plan_years", "each year must be 1.." + std::to_string(cy.plan_length));
    cy.plan_years.push_back(static_cast<int>(*v));
  }
  cy.month = static_cast<int>(r.required_int("month", 1, 12));
  cy.evidence = r.required_evidence("status");
  cy.source = r.required_string("source");
  r.finish();
  return cy;
}

}  // namespace detail

#endif

/// Parses one rule set (a base standard or an overlay). `source_name` names it in errors.
[[nodiscard]] TREEM_FUNC rule_set load_rule_set(std::string_view toml_text, const std::string& source_name);

#if TREEM_DEFINITIONS
TREEM_FUNC rule_set load_rule_set(std::string_view toml_text, const std::string& source_name) {
  using detail::table_reader;
  const toml::table doc = io::parse_toml(toml_text, source_name);
  table_reader root(doc, "", source_name);
  io::require_schema(root, "treem.rules/1");
  rule_set rs;
  rs.source_name = source_name;
  rs.id = root.required_string("id");
  rs.version = root.required_string("version");
  rs.title = root.required_string("title");
  rs.instrument = root.required_string("instrument");
  rs.extends = root.optional_string("extends");
  if (rs.extends && *rs.extends == rs.id) throw validation_error(root.where("extends"), "extends", "a rule set cannot extend itself");
  std::size_t i = 0;
  for (const toml::table* t : root.tables("fact")) {
    table_reader r(*t, "fact[" + std::to_string(i++) + "]", source_name);
    fact_definition f{r.required_string("id"), detail::read_fact_kind(r), r.optional_string("name_vi").value_or("")};
    if (rs.find_fact(f.id)) throw validation_error(r.where("id"), r.field("id"), "duplicate fact " + treem::quoted(f.id));
    r.finish();
    rs.facts.push_back(std::move(f));
  }
  i = 0;
  for (const toml::table* t : root.tables("criterion")) {
    table_reader r(*t, "criterion[" + std::to_string(i++) + "]", source_name);
    criterion c = detail::read_criterion(r, rs);
    if (rs.find_criterion(c.id)) throw validation_error(r.where("id"), r.field("id"), "duplicate criterion " + std::to_string(c.id));
    rs.criteria.push_back(std::move(c));
  }
  detail::check_no_criteria_in_overlay(root, rs);
  if (!rs.extends && rs.criteria.empty()) throw validation_error(root.where(), "criterion", "a base rule set needs its criteria");
  i = 0;
  for (const toml::table* t : root.tables("gate")) {
    table_reader r(*t, "gate[" + std::to_string(i++) + "]", source_name);
    gate g = detail::read_gate(r, rs);
    for (const auto& other : rs.gates) {
      if (other.id == g.id) throw validation_error(r.where("id"), r.field("id"), "duplicate gate " + treem::quoted(g.id));
    }
    rs.gates.push_back(std::move(g));
  }
  i = 0;
  for (const toml::table* t : root.tables("pass_mark")) {
    table_reader r(*t, "pass_mark[" + std::to_string(i++) + "]", source_name);
    pass_mark p = detail::read_pass_mark(r, rs);
    if (rs.find_pass_mark(p.category)) {
      throw validation_error(r.where("category"), r.field("category"), "a second pass mark for " + treem::quoted(std::string(to_string(p.category))));
    }
    rs.pass_marks.push_back(std::move(p));
  }
  i = 0;
  for (const toml::table* t : root.tables("disqualifier")) {
    table_reader r(*t, "disqualifier[" + std::to_string(i++) + "]", source_name);
    rs.disqualifiers.push_back(detail::read_disqualifier(r, rs));
  }
  if (const toml::table* c = root.optional_table("cycle")) {
    table_reader r(*c, "cycle", source_name);
    rs.cycle = detail::read_cycle(r, source_name);
  }
  root.finish();
  return rs;
}
#endif

/// The rules in force: the one base rule set among `sets` with every overlay applied, each after
/// the rule set it extends. Overlays add gates and disqualifiers, may raise (never lower) pass
/// marks, and may replace the assessment cycle. Throws validation_error for a missing base, two
/// bases, an overlay whose base is absent, or a cycle of overlays.
[[nodiscard]] TREEM_FUNC composed_rules compose(const std::vector<rule_set>& sets);

#if TREEM_DEFINITIONS
TREEM_FUNC composed_rules compose(const std::vector<rule_set>& sets) {
  composed_rules out;
  const rule_set* base = nullptr;
  for (const auto& s : sets) {
    if (s.extends) continue;
    if (base) throw validation_error({s.source_name}, "extends", "two base rule sets: " + treem::quoted(base->id) + " and " + treem::quoted(s.id));
    base = &s;
  }
  if (!base) {
    throw validation_error({sets.empty() ? std::string("<rules>") : sets.front().source_name}, "extends",
                           "no base rule set (every rule set given extends another)");
  }
  out.rules = *base;
  out.layers.emplace_back(base->id, base->version);
  std::set<std::string> applied{base->id};
  std::vector<const rule_set*> pending;
  for (const auto& s : sets) {
    if (s.extends) pending.push_back(&s);
  }
  while (!pending.empty()) {
    bool progress = false;
    for (auto it = pending.begin(); it != pending.end();) {
      const rule_set& o = **it;
      if (!applied.contains(*o.extends)) {
        ++it;
        continue;
      }
      if (applied.contains(o.id)) throw validation_error({o.source_name}, "id", "rule set " + treem::quoted(o.id) + " is given twice");
      for (const auto& f : o.facts) {
        const fact_definition* existing = out.rules.find_fact(f.id);
        if (existing && existing->kind != f.kind) {
          throw validation_error({o.source_name}, "fact", "fact " + treem::quoted(f.id) + " is declared with another kind in the rule set it extends");
        }
        if (!existing) out.rules.facts.push_back(f);
      }
      for (const auto& g : o.gates) {
        for (const auto& existing : out.rules.gates) {
          if (existing.id == g.id) throw validation_error({o.source_name}, "gate", "gate " + treem::quoted(g.id) + " is already defined by " + treem::quoted(existing.rule_set));
        }
        out.rules.gates.push_back(g);
      }
      for (const auto& d : o.disqualifiers) out.rules.disqualifiers.push_back(d);
      for (const auto& p : o.pass_marks) {
        bool replaced = false;
        for (auto& existing : out.rules.pass_marks) {
          if (existing.category != p.category) continue;
          if (p.min_total < existing.min_total) {
            throw validation_error({o.source_name}, "pass_mark", "overlay " + treem::quoted(o.id) + " lowers the pass mark for '" +
                                                          std::string(to_string(p.category)) + "' (overlays may only raise it)");
          }
          existing = p;
          replaced = true;
        }
        if (!replaced) out.rules.pass_marks.push_back(p);
      }
      if (o.cycle) out.rules.cycle = o.cycle;
      out.layers.emplace_back(o.id, o.version);
      applied.insert(o.id);
      it = pending.erase(it);
      progress = true;
    }
    if (!progress) {
      std::string names;
      for (const auto* p : pending) names += (names.empty() ? "" : ", ") + p->id + " (extends " + *p->extends + ")";
      // Named at the first such overlay: the file a user has to fix.
      throw validation_error({pending.front()->source_name}, "extends", "overlays whose base is missing or that extend each other in a cycle: " + names);
    }
  }
  // Every gate must name what exists, or it could never be decided.
  for (const auto& g : out.rules.gates) {
    if (g.kind == gate_kind::criterion_at_least && !out.rules.find_criterion(g.criterion)) {
      throw validation_error({g.rule_set}, "gate " + g.id, "criterion " + std::to_string(g.criterion) + " is not a criterion of the standard");
    }
    if (g.kind == gate_kind::fact_true && !out.rules.find_fact(g.fact)) {
      throw validation_error({g.rule_set}, "gate " + g.id, "fact " + treem::quoted(g.fact) + " is not declared by the rule sets");
    }
  }
  return out;
}
#endif

/// Assessment dates of the cycle between two years: the first day of its month in each plan year.
[[nodiscard]] inline std::vector<date> assessment_dates(const assessment_cycle& c, int from_year, int to_year) {
  std::vector<date> out;
  for (int y = from_year; y <= to_year; ++y) {
    const int offset = ((y - c.plan_start) % c.plan_length + c.plan_length) % c.plan_length;  // 0-based year in its plan
    if (std::find(c.plan_years.begin(), c.plan_years.end(), offset + 1) != c.plan_years.end()) out.push_back(make_date(y, c.month, 1));
  }
  return out;
}

}  // namespace treem::certify
