// Assessment sheets out of any table source: one row per unit with its period, the points of each
// criterion (c1 ... c13; an empty cell is "not assessed", never 0), the facts of the rule sets by
// id (yes/no or a percentage, "98,5" accepted), the incident counts the commune reports, and an
// override of the unit's category with its reason. Unknown columns are refused by position.
#pragma once

#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/certify/assessment.hpp"
#include "treem/certify/evaluate.hpp"
#include "treem/io/read_blocks.hpp"
#include "treem/registers/register_reader.hpp"

namespace treem::certify {

namespace detail {

/// A number as written in a cell: "98.5", or "98,5" with a Vietnamese decimal comma.
[[nodiscard]] inline double cell_number(std::string cell, const source_location& where, const std::string& field) {
  if (std::count(cell.begin(), cell.end(), ',') == 1 && cell.find('.') == std::string::npos) cell[cell.find(',')] = '.';
  double v = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || end != cell.data() + cell.size()) throw validation_error(where, field, "not a number");
  if (!std::isfinite(v)) throw validation_error(where, field, "not a finite number");
  return v;
}

/// "c1" ... "c99": a criterion column; its number, or 0 ("c01" is not "c1").
[[nodiscard]] inline int criterion_column(const std::string& h) {
  if (h.size() < 2 || h.size() > 3 || h[0] != 'c' || h[1] == '0') return 0;
  if (!std::all_of(h.begin() + 1, h.end(), [](char x) { return x >= '0' && x <= '9'; })) return 0;
  return std::stoi(h.substr(1));
}

}  // namespace detail

/// Reads the assessments of a sheet. Throws validation_error (or parse_error) at the first problem.
[[nodiscard]] TREEM_FUNC std::vector<unit_assessment> read_assessments(io::table_source& source, const rule_set& rules);

#if TREEM_DEFINITIONS
TREEM_FUNC std::vector<unit_assessment> read_assessments(io::table_source& source, const rule_set& rules) {
  const io::string_table t = io::read_table(source);
  const auto& schema = registers::assessment_schema();
  std::vector<int> kind(t.header.size(), -1);  // field of the schema, or -2 criterion, -3 fact, -4 dropped
  std::vector<std::string> name(t.header.size());
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    name[c] = unicode::to_lower(t.header[c]);
    if (registers::is_personal_data_column(name[c])) kind[c] = -4;
    else if (detail::criterion_column(name[c]) > 0) kind[c] = -2;
    else if (rules.find_fact(name[c])) kind[c] = -3;
    for (std::size_t f = 0; f < schema.columns.size() && kind[c] == -1; ++f) {
      const auto& acc = schema.columns[f].accepted;
      if (std::find(acc.begin(), acc.end(), name[c]) != acc.end()) kind[c] = static_cast<int>(f);
    }
    if (kind[c] == -1) {
      throw validation_error({t.source, 1, c + 1}, "header", "column " + std::to_string(c + 1) + " is not a column of an assessment sheet (unit, period, c1-c" +
                                                                 std::to_string(rules.criteria.size()) + ", facts of the rules, category, category_reason, note)");
    }
  }
  std::vector<int> field_column(schema.columns.size(), -1);
  for (std::size_t c = 0; c < kind.size(); ++c) {
    if (kind[c] < 0) continue;
    if (field_column[static_cast<std::size_t>(kind[c])] >= 0) throw validation_error({t.source, 1, c + 1}, std::string(schema.columns[static_cast<std::size_t>(kind[c])].field), "a second column for the same field");
    field_column[static_cast<std::size_t>(kind[c])] = static_cast<int>(c);
  }
  for (std::size_t f = 0; f < schema.columns.size(); ++f) {
    if (schema.columns[f].required && field_column[f] < 0) throw validation_error({t.source, 1, 0}, std::string(schema.columns[f].field), "the column is missing");
  }
  if (t.rows.empty()) throw validation_error({t.source, 1, 0}, "assessments", "there is no assessment: the sheet has a header but no rows");
  std::vector<unit_assessment> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    unit_assessment a;
    a.where = t.where(r);
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      const std::string& cell = t.rows[r][c];
      const auto at = t.where(r, static_cast<int>(c));
      if (cell.empty() || kind[c] == -4) continue;
      if (kind[c] == -2) {
        a.points[detail::criterion_column(name[c])] = detail::cell_number(cell, at, name[c]);  // unknown numbers: reported by the evaluation
      } else if (kind[c] == -3) {
        if (rules.find_fact(name[c])->kind == fact_kind::boolean) {
          const auto v = registers::yes_no_from_key(unicode::to_lower(cell));
          if (!v) throw validation_error(at, name[c], "not yes or no (1/0, true/false, có/không)");
          a.facts[name[c]] = *v ? 1 : 0;
        } else {
          a.facts[name[c]] = detail::cell_number(cell, at, name[c]);
        }
      } else {
        const std::string_view field = schema.columns[static_cast<std::size_t>(kind[c])].field;
        if (field == "unit") a.unit = cell;
        else if (field == "period") a.period = cell;
        else if (field == "category_reason") a.category_reason = cell;
        else if (field == "category") {
          a.category = unit_category_from_string(cell);
          if (!a.category) throw validation_error(at, "category", "not a unit category (ward_of_centrally_run_city, mountainous_island_or_disadvantaged, other)");
        } else {
          a.facts[std::string(field)] = detail::cell_number(cell, at, std::string(field));  // the incident counts reported
        }
      }
    }
    if (a.unit.empty()) throw validation_error(t.where(r, field_column[0]), "unit", "is empty");
    if (a.period.empty()) throw validation_error(t.where(r, field_column[1]), "period", "is empty");
    out.push_back(std::move(a));
  }
  return out;
}
#endif

}  // namespace treem::certify
