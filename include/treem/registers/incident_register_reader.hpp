// Reading an incident register out of a table and cleaning it, like the child register: Vietnamese
// or English column names, communes by code or exact name, dates in three forms, kinds of incident,
// the child's sex and age, the environment, yes/no flags. Problems name the place and the rule,
// never a cell's value (a mistyped cell may hold a name).
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "treem/registers/child_register_reader.hpp"
#include "treem/registers/incident_register.hpp"

namespace treem::registers {

struct incident_register_result {
  incident_register incidents;
  std::vector<register_problem> problems;
  std::size_t rows_read = 0;
  std::size_t rows_rejected = 0;
};

inline const std::vector<column_names>& incident_register_columns() {
  static const std::vector<column_names> columns{
      {"unit", {"unit", "commune", "ma_xa", "mã xã", "xa", "xã"}},
      {"date", {"date", "ngay", "ngày", "ngay_xay_ra", "ngày xảy ra"}},
      {"kind", {"kind", "loai", "loại", "loai_vu_viec", "loại vụ việc"}},
      {"fatal", {"fatal", "tu_vong", "tử vong"}},
      {"sex", {"sex", "gioi_tinh", "giới tính"}},
      {"age", {"age", "tuoi", "tuổi"}},
      {"environment", {"environment", "moi_truong", "môi trường"}},
      {"plan_approved_in_time", {"plan_approved_in_time", "ke_hoach_kip_thoi", "kế hoạch kịp thời"}},
  };
  return columns;
}

/// Reads and cleans an incident register. Units are looked up in `units` on each incident's date;
/// incidents after `reference` are refused. Strict: the first problem is a validation_error.
[[nodiscard]] inline incident_register_result read_incident_register(const io::string_table& t, const unit_registry& units, const date& reference,
                                                                     read_mode mode) {
  incident_register_result out;
  auto problem = [&](const source_location& where, const std::string& field, const std::string& rule) {
    if (mode == read_mode::strict) throw validation_error(where, field, rule);
    out.problems.push_back({where, field, rule});
  };
  const std::map<std::string, int> col = detail::map_columns(t, incident_register_columns(), {"unit", "date", "kind"}, "incident register", problem);
  std::unordered_map<std::string, std::uint32_t> unit_index;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    ++out.rows_read;
    const auto& row = t.rows[r];
    const std::size_t before = out.problems.size();
    auto cell = [&](const char* field) -> const std::string& {
      static const std::string empty;
      auto it = col.find(field);
      return it == col.end() ? empty : row[static_cast<std::size_t>(it->second)];
    };
    auto at = [&](const char* field) { return t.where(r, col.count(field) ? col.at(field) : -1); };

    std::optional<date> day;
    try {
      day = parse_date(cell("date"), {t.source, 0, 0});
    } catch (const parse_error&) {
      problem(at("date"), "date", "not a calendar date in the form dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd");
    }
    if (day && reference < *day) problem(at("date"), "date", "after the reference date " + format_vn(reference));

    std::optional<std::string> code;
    if (day) {
      std::string why;
      code = detail::commune_code(units, unicode::nfc(treem::detail::trim(cell("unit"))), *day, why);
      // The reason names no date: the cells of an incident register are not repeated in messages.
      if (!code) problem(at("unit"), "unit", "not a commune code or commune name on the incident's date");
    }

    const auto kind = certify::incident_kind_from_string(detail::key(cell("kind")));
    if (!kind) problem(at("kind"), "kind", "not one of " + certify::incident_kind_list());
    bool fatal = false;
    if (!treem::detail::trim(cell("fatal")).empty()) {
      const auto v = detail::read_yes_no(cell("fatal"));
      if (!v) problem(at("fatal"), "fatal", "not yes or no (1/0, true/false, có/không)");
      else fatal = *v;
    }
    std::optional<sex> child_sex;
    if (!treem::detail::trim(cell("sex")).empty()) {
      child_sex = detail::read_sex(cell("sex"));
      if (!child_sex) problem(at("sex"), "sex", "not one of Nam, Nữ, M, F");
    }
    std::uint8_t age = 255;  // unknown
    if (const auto text = treem::detail::trim(cell("age")); !text.empty()) {
      const bool digits = text.size() <= 3 && std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      const int v = digits ? std::stoi(std::string(text)) : -1;
      if (v < 0 || v > 15) problem(at("age"), "age", "not an age of a child, 0-15 (Law on Children, Art. 1)");
      else age = static_cast<std::uint8_t>(v);
    }
    environment env = environment::unknown;
    if (const std::string e = detail::key(cell("environment")); !e.empty()) {
      const auto it = std::find(std::begin(environment_names), std::end(environment_names), e);
      if (it == std::end(environment_names)) problem(at("environment"), "environment", "not one of family, school, community, online, unknown");
      else env = static_cast<environment>(it - std::begin(environment_names));
    }
    std::int8_t plan = -1;
    if (!treem::detail::trim(cell("plan_approved_in_time")).empty()) {
      const auto v = detail::read_yes_no(cell("plan_approved_in_time"));
      if (!v) problem(at("plan_approved_in_time"), "plan_approved_in_time", "not yes or no (1/0, true/false, có/không)");
      else plan = *v ? 1 : 0;
    }
    if (out.problems.size() != before) {
      ++out.rows_rejected;
      continue;
    }
    auto& inc = out.incidents;
    auto [it, inserted] = unit_index.try_emplace(*code, static_cast<std::uint32_t>(inc.units.size()));
    if (inserted) inc.units.push_back(*code);
    inc.unit.push_back(it->second);
    inc.day.push_back(static_cast<std::int32_t>(to_epoch_days(*day)));
    inc.kind.push_back(*kind);
    inc.fatal.push_back(fatal ? 1 : 0);
    inc.child_sex.push_back(child_sex.value_or(sex::unknown));
    inc.child_age.push_back(age);
    inc.where.push_back(env);
    inc.plan_in_time.push_back(plan);
  }
  return out;
}

}  // namespace treem::registers
