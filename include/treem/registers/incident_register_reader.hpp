// Reading an incident register out of any table source and cleaning it, like the child register:
// Vietnamese or English column names and kinds, communes by code or exact name on the incident's
// date, dates in three forms, the child's sex and age, the environment, yes/no flags. Incidents
// after the reference date or before the period are left out and counted (a register exported
// later serves a past period). Problems name the place and the rule, never a cell's value (a
// mistyped cell may hold a name).
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/registers/incident_register.hpp"
#include "treem/registers/pseudonym.hpp"
#include "treem/registers/register_reader.hpp"

namespace treem::registers {

struct incident_register_result {
  incident_register incidents;
  std::vector<register_problem> problems;
  std::vector<row_exclusion> excluded;  ///< incidents left out without being wrong
  std::size_t rows_read = 0;
  std::size_t rows_rejected = 0;
};

namespace detail {

enum incident_field : std::uint8_t { i_unit, i_date, i_kind, i_fatal, i_sex, i_age, i_environment, i_plan, i_case };

struct incident_block {
  incident_register part;  ///< accepted rows; `units`: this block's dictionary
  std::vector<row_problem> problems;
  std::vector<std::uint8_t> excluded;  ///< per excluded row: 0 after the reference date, 1 before the period
  std::size_t rows = 0;
};

class incident_block_cleaner {
 public:
  incident_block_cleaner(const unit_registry& units, const date& reference, const std::vector<int>& columns, const read_options& options)
      : units_(units), reference_day_(static_cast<std::int32_t>(to_epoch_days(reference))), col_(columns), options_(options) {
    if (options.period_start) period_start_day_ = static_cast<std::int32_t>(to_epoch_days(*options.period_start));
  }

  incident_block operator()(const io::cell_block& b) {
    return clean_rows(b, options_.mode, incident_block{}, [&](std::uint32_t r, incident_block& o) { return row(b, r, o); });
  }

 private:
  std::string_view cell(const io::cell_block& b, std::uint32_t r, incident_field f) const { return field_cell(b, r, col_, f); }

  bool row(const io::cell_block& b, std::uint32_t r, incident_block& out) {
    const std::size_t before = out.problems.size();
    auto problem = [&](incident_field f, const char* field, std::string rule) {
      out.problems.push_back({r, static_cast<std::uint8_t>(f), col_[f], field, std::move(rule)});
    };
    std::optional<std::uint32_t> unit;
    const auto day = parse_epoch_days(cell(b, r, i_date));
    if (!day) {
      problem(i_date, "date", "not a calendar date in the form dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd");
    } else {
      // The reason names no date: the cells of an incident register are not repeated in messages.
      unit = find_unit(nfc_(cell(b, r, i_unit)), *day, out.part);
      if (!unit) problem(i_unit, "unit", "not a commune code or commune name on the incident's date");
    }
    const auto kind = incident_kind_from_string(key_(cell(b, r, i_kind)));
    if (!kind) problem(i_kind, "kind", "not one of " + incident_kind_list());
    bool fatal = false;
    if (const auto text = cell(b, r, i_fatal); !treem::detail::trim(text).empty()) {
      const auto v = yes_no_from_key(key_(text));
      if (!v) problem(i_fatal, "fatal", "not yes or no (1/0, true/false, có/không)");
      else fatal = *v;
    }
    sex child_sex = sex::unknown;
    if (const auto text = cell(b, r, i_sex); !treem::detail::trim(text).empty()) {
      const auto v = sex_from_key(key_(text));
      if (!v) problem(i_sex, "sex", "not one of Nam, Nữ, M, F");
      else child_sex = *v;
    }
    std::uint8_t age = 255;  // unknown
    if (const auto text = treem::detail::trim(cell(b, r, i_age)); !text.empty()) {
      const bool digits = text.size() <= 2 && std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      const int v = digits ? std::stoi(std::string(text)) : -1;
      if (v < 0 || v > 15) problem(i_age, "age", "not an age of a child, 0-15 (Law on Children, Art. 1)");
      else age = static_cast<std::uint8_t>(v);
    }
    environment env = environment::unknown;
    if (const auto text = key_(cell(b, r, i_environment)); !text.empty()) {
      const auto v = environment_from_string(text);
      if (!v) problem(i_environment, "environment", "not one of family, school, community, online, unknown");
      else env = *v;
    }
    std::int8_t plan = -1;
    if (const auto text = cell(b, r, i_plan); !treem::detail::trim(text).empty()) {
      const auto v = yes_no_from_key(key_(text));
      if (!v) problem(i_plan, "plan_approved_in_time", "not yes or no (1/0, true/false, có/không)");
      else plan = *v ? 1 : 0;
    }
    if (out.problems.size() != before) return false;
    if (*day > reference_day_ || (period_start_day_ && *day < *period_start_day_)) {
      out.excluded.push_back(*day > reference_day_ ? 0 : 1);
      return true;
    }
    auto& inc = out.part;
    inc.unit.push_back(*unit);
    inc.day.push_back(*day);
    inc.kind.push_back(*kind);
    inc.fatal.push_back(fatal ? 1 : 0);
    inc.child_sex.push_back(child_sex);
    inc.child_age.push_back(age);
    inc.where.push_back(env);
    inc.plan_in_time.push_back(plan);
    if (col_[i_case] >= 0) {
      // Pseudonymised with the key the case register is read with, so that the two still match.
      const std::string_view id = treem::detail::trim(cell(b, r, i_case));
      inc.case_id.push_back(id.empty() || !options_.key ? std::string(id) : (*options_.key)(id));
    }
    return true;
  }

  std::optional<std::uint32_t> find_unit(std::string_view text, std::int32_t day, incident_register& inc) {
    std::string why;
    const auto code = commune_code(units_, text, from_epoch_days(day), why);
    if (!code) return std::nullopt;
    const auto pos = std::find(inc.units.begin(), inc.units.end(), *code);
    if (pos != inc.units.end()) return static_cast<std::uint32_t>(pos - inc.units.begin());
    inc.units.push_back(*code);
    return static_cast<std::uint32_t>(inc.units.size() - 1);
  }

  const unit_registry& units_;
  std::int32_t reference_day_;
  std::optional<std::int32_t> period_start_day_;
  const std::vector<int>& col_;
  const read_options& options_;
  cell_key key_;
  nfc_cell nfc_;
};

}  // namespace detail

/// Reads and cleans an incident register from any table source. Units are looked up on each
/// incident's date; incidents after `reference` (and before `options.period_start`) are left out
/// and counted. Strict: the first problem is a validation_error.
[[nodiscard]] TREEM_FUNC incident_register_result read_incident_register(io::table_source& source, const unit_registry& units, const date& reference,
                                                                         const read_options& options = {});

#if TREEM_DEFINITIONS
TREEM_FUNC incident_register_result read_incident_register(io::table_source& source, const unit_registry& units, const date& reference,
                                                           const read_options& options) {
  incident_register_result out;
  const bool strict = options.mode == read_mode::strict;
  const std::vector<int> columns =
      detail::map_columns(source.header(), incident_register_schema(), source.name(), detail::header_problems(options.mode, out.problems));
  std::unordered_map<std::string, std::uint32_t> unit_index;
  const std::string after = "after the reference date " + format_vn(reference);
  const std::string before = options.period_start ? "before the period, which starts on " + format_vn(*options.period_start) : "";
  io::read_blocks(
      source, options.threads, [&](const io::cell_block& b) { return detail::incident_block_cleaner(units, reference, columns, options)(b); },
      [&](detail::incident_block&& blk, const io::cell_block& b, std::size_t first_line) {
        detail::take_problems(blk.problems, b, first_line, source.name(), strict, out.problems, out.rows_rejected);
        out.rows_read += blk.rows;
        for (const auto reason : blk.excluded) detail::count_exclusion(out.excluded, "date", reason == 0 ? after : before);
        auto& inc = out.incidents;
        std::vector<std::uint32_t> map(blk.part.units.size());
        for (std::size_t i = 0; i < map.size(); ++i) {
          auto [it, inserted] = unit_index.try_emplace(blk.part.units[i], static_cast<std::uint32_t>(inc.units.size()));
          if (inserted) inc.units.push_back(blk.part.units[i]);
          map[i] = it->second;
        }
        for (const auto u : blk.part.unit) inc.unit.push_back(map[u]);
        auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
        append(inc.day, blk.part.day);
        append(inc.kind, blk.part.kind);
        append(inc.fatal, blk.part.fatal);
        append(inc.child_sex, blk.part.child_sex);
        append(inc.child_age, blk.part.child_age);
        append(inc.where, blk.part.where);
        append(inc.plan_in_time, blk.part.plan_in_time);
        for (auto& id : blk.part.case_id) inc.case_id.push_back(std::move(id));
      },
      options.progress);
  return out;
}
#endif

/// Reads and cleans an incident register held in one table.
[[nodiscard]] inline incident_register_result read_incident_register(const io::string_table& t, const unit_registry& units, const date& reference,
                                                                     read_mode mode) {
  io::string_table_source source(t);
  return read_incident_register(source, units, reference, read_options{.mode = mode, .threads = 1});
}

}  // namespace treem::registers
