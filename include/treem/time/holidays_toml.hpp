// Reads a holiday calendar from its TOML data file (schema treem.holidays/1).
#pragma once

#include <string>
#include <string_view>

#include "treem/core/linkage.hpp"
#if TREEM_DEFINITIONS  // toml++ stays out of the headers of a compiled-mode user
#include "treem/io/toml_reader.hpp"
#endif
#include "treem/time/holiday_calendar.hpp"

namespace treem {

#if TREEM_DEFINITIONS
namespace detail {

inline int weekday_number(const std::string& name) {
  static constexpr const char* names[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  for (int i = 0; i < 7; ++i) {
    if (name == names[i]) return i;
  }
  return -1;
}

inline holiday_rule read_holiday_rule(io::table_reader& r) {
  holiday_rule h;
  h.id = r.required_string("id");
  h.name_vi = r.required_string("name_vi");
  h.name_en = r.optional_string("name_en").value_or("");
  const std::string basis = r.required_string("calendar");
  if (basis == "solar") h.basis = holiday_basis::solar;
  else if (basis == "lunar") h.basis = holiday_basis::lunar;
  else throw validation_error(r.where("calendar"), r.field("calendar"), treem::quoted(basis) + " is not 'solar' or 'lunar'");
  h.month = static_cast<int>(r.required_int("month", 1, 12));
  h.day = static_cast<int>(r.required_int("day", 1, h.basis == holiday_basis::lunar ? 30 : 31));
  // A rule must give a day in every year: 29/02 and lunar day 30 do not exist in all years, so such
  // days belong in a year's [[year.set]], not in a rule.
  if (h.basis == holiday_basis::solar && h.day > detail::days_in_month(2001, h.month)) {
    throw validation_error(r.where("day"), r.field("day"), "day " + std::to_string(h.day) + " does not exist in month " +
                                                               std::to_string(h.month) + " of every year");
  }
  if (h.basis == holiday_basis::lunar && h.day == 30) {
    throw validation_error(r.where("day"), r.field("day"), "lunar day 30 does not exist in every lunar month");
  }
  h.length = static_cast<int>(r.optional_int("length", 1, 31).value_or(1));
  h.start_offset = static_cast<int>(r.optional_int("start_offset", -31, 31).value_or(0));
  h.valid_from = r.optional_date("valid_from");
  h.valid_to = r.optional_date("valid_to");
  if (h.valid_from && h.valid_to && *h.valid_to < *h.valid_from) {
    throw validation_error(r.where("valid_to"), r.field("valid_to"), "is before valid_from");
  }
  h.enabled = r.optional_bool("enabled").value_or(true);
  h.evidence = r.required_evidence("status");
  h.default_evidence = r.optional_evidence("default_status").value_or(h.evidence);
  h.in_lieu_evidence = r.optional_evidence("in_lieu_status").value_or(h.evidence);
  h.source = r.required_string("source");
  r.finish();
  return h;
}

inline std::vector<date> read_date_array(io::table_reader& r, std::string_view key) {
  const toml::array* arr = r.optional_array(key);
  if (!arr) r.fail_missing(key, "an array of dates");
  if (arr->empty()) throw validation_error(r.where(key), r.field(key), "must list at least one date");
  std::vector<date> out;
  std::size_t i = 0;
  for (const auto& item : *arr) out.push_back(r.date_value(item, r.field(key) + "[" + std::to_string(i++) + "]"));
  return out;
}

inline year_decisions read_year(io::table_reader& r, const holiday_rules& rules) {
  year_decisions y;
  y.year = static_cast<int>(r.required_int("year", rules.first_year, rules.last_year));
  auto check_year = [&](const date& d, const source_location& at, const std::string& field) {
    if (d.year() != y.year) {
      throw validation_error(at, field, format_iso(d) + " is not in the year " + std::to_string(y.year));
    }
  };
  std::size_t i = 0;
  for (const toml::table* t : r.tables("set")) {
    io::table_reader s(*t, r.field("set") + "[" + std::to_string(i++) + "]", r.source_name());
    holiday_decision d;
    d.holiday_id = s.required_string("holiday");
    const bool known = std::any_of(rules.holidays.begin(), rules.holidays.end(), [&](const auto& h) { return h.id == d.holiday_id; });
    if (!known) throw validation_error(s.where("holiday"), s.field("holiday"), "unknown holiday " + treem::quoted(d.holiday_id));
    for (const auto& other : y.holidays) {
      if (other.holiday_id == d.holiday_id) {
        throw validation_error(s.where("holiday"), s.field("holiday"), treem::quoted(d.holiday_id) + " is already set for " + std::to_string(y.year));
      }
    }
    d.days_off = read_date_array(s, "days_off");
    for (std::size_t k = 0; k < d.days_off.size(); ++k) {
      check_year(d.days_off[k], s.where("days_off"), s.field("days_off"));
      if (std::count(d.days_off.begin(), d.days_off.end(), d.days_off[k]) > 1) {
        throw validation_error(s.where("days_off"), s.field("days_off"), format_iso(d.days_off[k]) + " is listed twice");
      }
    }
    for (const auto& other : y.holidays) {
      for (const auto& day : d.days_off) {
        if (std::count(other.days_off.begin(), other.days_off.end(), day)) {
          throw validation_error(s.where("days_off"), s.field("days_off"), format_iso(day) + " is already a day off of " + treem::quoted(other.holiday_id));
        }
      }
    }
    d.evidence = s.required_evidence("status");
    d.source = s.required_string("source");
    s.finish();
    y.holidays.push_back(std::move(d));
  }
  i = 0;
  for (const toml::table* t : r.tables("swap")) {
    io::table_reader s(*t, r.field("swap") + "[" + std::to_string(i++) + "]", r.source_name());
    working_day_swap w{s.required_date("day_off"), s.required_date("work_day"), treem::evidence::confirmed, {}};
    check_year(w.day_off, s.where("day_off"), s.field("day_off"));
    check_year(w.work_day, s.where("work_day"), s.field("work_day"));
    const bool day_off_is_rest = rules.weekly_rest[w.day_off.day_of_week().as_number()];
    const bool work_day_is_rest = rules.weekly_rest[w.work_day.day_of_week().as_number()];
    if (day_off_is_rest) throw validation_error(s.where("day_off"), s.field("day_off"), format_iso(w.day_off) + " is already a weekly rest day");
    if (!work_day_is_rest) throw validation_error(s.where("work_day"), s.field("work_day"), format_iso(w.work_day) + " is already a working day");
    for (const auto& other : y.swaps) {
      if (other.day_off == w.day_off) throw validation_error(s.where("day_off"), s.field("day_off"), format_iso(w.day_off) + " is swapped twice");
      if (other.work_day == w.work_day) throw validation_error(s.where("work_day"), s.field("work_day"), format_iso(w.work_day) + " is swapped twice");
    }
    for (const auto& set : y.holidays) {
      if (std::count(set.days_off.begin(), set.days_off.end(), w.day_off)) {
        throw validation_error(s.where("day_off"), s.field("day_off"), format_iso(w.day_off) + " is already a day off of " + treem::quoted(set.holiday_id));
      }
    }
    w.evidence = s.required_evidence("status");
    w.source = s.required_string("source");
    s.finish();
    y.swaps.push_back(std::move(w));
  }
  r.finish();
  return y;
}

}  // namespace detail
#endif

/// Parses a holiday calendar. `source_name` is used in error messages (a file name).
[[nodiscard]] TREEM_FUNC holiday_calendar load_holiday_calendar(std::string_view toml_text, const std::string& source_name);

#if TREEM_DEFINITIONS
TREEM_FUNC holiday_calendar load_holiday_calendar(std::string_view toml_text, const std::string& source_name) {
  const toml::table doc = io::parse_toml(toml_text, source_name);
  io::table_reader root(doc, "", source_name);
  io::require_schema(root, "treem.holidays/1");
  holiday_rules rules;
  rules.id = root.required_string("id");
  rules.version = root.required_string("version");
  rules.title = root.optional_string("title").value_or("");
  rules.first_year = static_cast<int>(root.required_int("first_year", lunar::first_supported_year, lunar::last_supported_year));
  rules.last_year = static_cast<int>(root.required_int("last_year", rules.first_year, lunar::last_supported_year));

  if (const toml::table* w = root.optional_table("weekly_rest")) {
    io::table_reader r(*w, "weekly_rest", source_name);
    rules.weekly_rest.fill(false);
    const toml::array* days = r.optional_array("days");
    if (!days) r.fail_missing("days", "an array of weekday names");
    for (const auto& item : *days) {
      const auto* s = item.as_string();
      const int n = s ? detail::weekday_number(s->get()) : -1;
      if (n < 0) throw validation_error(io::location_of(item, source_name), "weekly_rest.days", "expected a weekday name such as \"saturday\"");
      rules.weekly_rest[n] = true;
    }
    if (std::all_of(rules.weekly_rest.begin(), rules.weekly_rest.end(), [](bool rest) { return rest; })) {
      throw validation_error(r.where("days"), "weekly_rest.days", "leaves no working day in the week");
    }
    (void)r.required_evidence("status");
    rules.weekly_rest_source = r.required_string("source");
    r.finish();
  }
  if (const toml::table* l = root.optional_table("in_lieu")) {
    io::table_reader r(*l, "in_lieu", source_name);
    const std::string rule = r.required_string("rule");
    if (rule != "next_working_day" && rule != "none") {
      throw validation_error(r.where("rule"), r.field("rule"), treem::quoted(rule) + " is not 'next_working_day' or 'none'");
    }
    rules.in_lieu = rule == "next_working_day";
    (void)r.required_evidence("status");
    rules.in_lieu_source = r.required_string("source");
    r.finish();
  } else {
    rules.in_lieu = false;
  }

  std::size_t i = 0;
  for (const toml::table* t : root.tables("holiday")) {
    io::table_reader r(*t, "holiday[" + std::to_string(i++) + "]", source_name);
    holiday_rule h = detail::read_holiday_rule(r);
    for (const auto& other : rules.holidays) {
      if (other.id == h.id) throw validation_error(r.where("id"), r.field("id"), "duplicate holiday id " + treem::quoted(h.id));
    }
    rules.holidays.push_back(std::move(h));
  }
  i = 0;
  for (const toml::table* t : root.tables("year")) {
    io::table_reader r(*t, "year[" + std::to_string(i++) + "]", source_name);
    year_decisions y = detail::read_year(r, rules);
    for (const auto& other : rules.years) {
      if (other.year == y.year) throw validation_error(r.where("year"), r.field("year"), "year " + std::to_string(y.year) + " appears twice");
    }
    rules.years.push_back(std::move(y));
  }
  root.finish();
  return holiday_calendar(std::move(rules));
}
#endif

}  // namespace treem
