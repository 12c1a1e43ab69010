#include "cli/certify_csv.hpp"

#include <charconv>
#include <cmath>
#include <cctype>
#include <set>

#include "cli/csv_table.hpp"
#include "treem/certify/evaluate.hpp"
#include "treem/core/unicode.hpp"

namespace treem::cli {

namespace {

/// A number as written in a cell: "98.5", or "98,5" with a Vietnamese decimal comma.
double number(std::string cell, const source_location& where, const std::string& field) {
  if (std::count(cell.begin(), cell.end(), ',') == 1 && cell.find('.') == std::string::npos) cell[cell.find(',')] = '.';
  double v = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || end != cell.data() + cell.size()) throw validation_error(where, field, "'" + cell + "' is not a number");
  if (!std::isfinite(v)) throw validation_error(where, field, "'" + cell + "' is not a finite number");
  return v;
}

/// Yes / no as a spreadsheet may write it.
bool yes_no(const std::string& cell, const source_location& where, const std::string& field, bool echo = true) {
  const std::string v = unicode::to_lower(cell);
  if (v == "1" || v == "true" || v == "yes" || v == "có" || v == "x") return true;
  if (v == "0" || v == "false" || v == "no" || v == "không") return false;
  throw validation_error(where, field, (echo ? "'" + cell + "' is not" : std::string("not")) + " yes or no (1/0, true/false, có/không)");
}

/// "c1" ... "c99": a criterion column; its number, or 0.
int criterion_column(const std::string& h) {
  if (h.size() < 2 || h.size() > 3 || h[0] != 'c' || h[1] == '0') return 0;  // "c01" is not "c1"
  if (!std::all_of(h.begin() + 1, h.end(), [](char x) { return x >= '0' && x <= '9'; })) return 0;
  return std::stoi(h.substr(1));
}

}  // namespace

std::vector<certify::unit_assessment> read_assessments_csv(const std::string& text, const std::string& file, const certify::rule_set& rules) {
  const csv_table t = read_csv(text, file);
  const int unit = t.require("unit");
  const int per = t.require("period");
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    const std::string& h = t.header[c];
    const bool known = criterion_column(h) > 0 || h == "unit" || h == "period" || h == "category" || h == "category_reason" || h == "note" ||
                       h == certify::abuse_cases_fact || h == certify::injury_cases_fact || rules.find_fact(h);
    if (!known) {
      throw parse_error({file, 1, c + 1}, "CSV header: unknown column '" + h + "' (expected unit, period, c1-c" +
                                              std::to_string(rules.criteria.size()) + ", facts of the rules, category, category_reason, note)");
    }
  }
  if (t.rows.empty()) throw parse_error({file, 1, 0}, "there is no assessment: the file has a header but no rows");
  std::vector<certify::unit_assessment> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    certify::unit_assessment a;
    a.where = t.where(r);
    a.unit = row[unit];
    a.period = row[per];
    if (a.unit.empty()) throw validation_error(t.where(r, unit), "unit", "is empty");
    if (a.period.empty()) throw validation_error(t.where(r, per), "period", "is empty");
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      const std::string& h = t.header[c];
      const std::string& cell = row[c];
      const auto at = t.where(r, static_cast<int>(c));
      if (cell.empty() || h == "unit" || h == "period" || h == "note") continue;
      if (h == "category") {
        a.category = certify::unit_category_from_string(cell);
        if (!a.category) throw validation_error(at, "category", "'" + cell + "' is not a unit category");
      } else if (h == "category_reason") {
        a.category_reason = cell;
      } else if (const int c_id = criterion_column(h); c_id > 0) {
        // An unknown criterion number is reported by the evaluation, with the rule set's count.
        a.points[c_id] = number(cell, at, h);
      } else if (const auto* f = rules.find_fact(h); f && f->kind == certify::fact_kind::boolean) {
        a.facts[h] = yes_no(cell, at, h) ? 1 : 0;
      } else {
        a.facts[h] = number(cell, at, h);
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<certify::incident> read_incidents_csv(const std::string& text, const std::string& file) {
  const csv_table t = read_csv(text, file);
  const int unit = t.require("unit");
  const int day = t.require("date");
  const int kind = t.require("kind");
  const int fatal = t.column("fatal");
  const int plan = t.column("plan_approved_in_time");
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    static const std::set<std::string> allowed{"unit", "date", "kind", "fatal", "plan_approved_in_time", "sex", "age", "environment", "note"};
    if (!allowed.contains(t.header[c])) {
      // Registers may carry names or ids of children: they are refused, and never echoed back.
      throw parse_error({file, 1, c + 1}, "CSV header: column " + std::to_string(c + 1) +
                                              " is not one of unit, date, kind, fatal, plan_approved_in_time, sex, age, environment, note");
    }
  }
  std::vector<certify::incident> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    certify::incident i;
    i.where = t.where(r);
    i.unit = row[unit];
    if (i.unit.empty()) throw validation_error(t.where(r, unit), "unit", "is empty");
    if (i.unit.size() > 16 || !std::all_of(i.unit.begin(), i.unit.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)); })) {
      throw validation_error(t.where(r, unit), "unit", "not a unit code (letters and digits)");
    }
    // Cells of an incident register are not repeated in messages: a mistyped cell may hold a name.
    try {
      i.day = parse_date(row[day], t.where(r, day));
    } catch (const parse_error&) {
      throw validation_error(t.where(r, day), "date", "not a calendar date in the form dd/mm/yyyy or yyyy-mm-dd");
    }
    const auto k = certify::incident_kind_from_string(row[kind]);
    if (!k) {
      std::string kinds;
      for (auto n : certify::incident_kind_names) kinds += (kinds.empty() ? "" : ", ") + std::string(n);
      throw validation_error(t.where(r, kind), "kind", "not one of " + kinds);
    }
    i.kind = *k;
    if (fatal >= 0 && !row[fatal].empty()) i.fatal = yes_no(row[fatal], t.where(r, fatal), "fatal", false);
    if (plan >= 0 && !row[plan].empty()) i.plan_approved_in_time = yes_no(row[plan], t.where(r, plan), "plan_approved_in_time", false);
    out.push_back(std::move(i));
  }
  return out;
}

}  // namespace treem::cli
