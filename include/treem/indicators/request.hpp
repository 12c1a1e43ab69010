// What a user asks the indicator engine for: the period, the levels, the indicators, the
// breakdowns, the intervals' confidence and the suppression, with the one reading of the text a
// user writes them in (`treem indicators`' options and treem.indicators.compute()'s keywords), so
// that the program and Python take the same words and refuse the same mistakes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/indicators/age_groups.hpp"
#include "treem/indicators/catalogue.hpp"
#include "treem/indicators/publish_log.hpp"
#include "treem/indicators/suppression.hpp"
#include "treem/time/period.hpp"

namespace treem::indicators {

/// Levels a table can be published at. `nation` is the sum over every unit in the registers.
enum class level : std::uint8_t { commune, district, province, nation };
inline constexpr std::string_view level_names[] = {"commune", "district", "province", "nation"};

[[nodiscard]] inline level level_from_string(std::string_view s, const source_location& where = {"<arguments>"}) {
  for (std::size_t i = 0; i < std::size(level_names); ++i) {
    if (level_names[i] == s) return static_cast<level>(i);
  }
  throw validation_error(where, "level", quoted(s) + " is not commune, district, province or nation");
}

/// What to do with a rate or proportion whose denominator is 0.
enum class zero_denominator_policy : std::uint8_t { nan, error };

struct indicator_request {
  treem::period period{period_type::year, 2024};
  std::optional<date> reference_date;         ///< ages are counted on it; default: the period's last day
  std::vector<level> levels{level::commune};  ///< finest first or any order; each is published
  std::optional<indicators::age_groups> age_groups;  ///< default: the catalogue's
  std::vector<std::string> indicators;        ///< keys; empty: every indicator the given registers can feed
  std::vector<std::vector<dimension>> extra_breakdowns;  ///< e.g. {sex, ethnicity}; applied where supported
  double confidence_level = 0.95;
  zero_denominator_policy zero_denominator = zero_denominator_policy::nan;
  suppression_options suppression;
  std::string merger;      ///< id of a merger: counts of the old units are reported on the new ones
  std::size_t threads = 0;  ///< 0: all cores
  /// What earlier runs over the same registers published and withheld (publish_log.hpp): taken into
  /// account by suppression, for this period and reference date. Null: none.
  std::shared_ptr<const indicators::publish_log> earlier_log;
  bool record_publish_log = false;  ///< fill indicator_table::published_log with this run's entries
};

/// A request as a user writes it. `command_line` names the arguments as the program's options
/// (`--level`) in errors, else as Python's keywords (`level`).
struct request_text {
  std::string period = "2024";
  std::optional<date> reference_date;
  std::vector<std::string> levels{"commune"};
  std::vector<std::string> indicators;
  std::optional<std::string> age_groups;
  std::vector<std::vector<std::string>> breakdowns;
  double confidence = 0.95;
  std::string zero_denominator = "nan";
  bool suppress = true;
  int k = 4;
  int protection_upper = 0;  ///< 0: k + 1
  std::int64_t sub_tables_above = static_cast<std::int64_t>(suppression_options{}.sub_tables_above);  ///< unknowns
  std::int64_t whole_table_limit = static_cast<std::int64_t>(suppression_options{}.whole_table_limit);
  bool certify = false;  ///< a table read in parts is certified against a reader of the whole table
  std::string merger;
  std::size_t threads = 0;
  bool command_line = false;
};

/// The request `text` describes; a word it does not know is refused, naming the argument. (The
/// engine checks the numbers: a confidence level in (0, 1), a threshold of at least 1.)
[[nodiscard]] inline indicator_request parse_request(const request_text& text) {
  const auto argument = [&](std::string_view option, std::string_view keyword) {
    return source_location{"<argument " + std::string(text.command_line ? option : keyword) + ">", 1, 1};
  };
  indicator_request req;
  req.period = treem::period::parse(text.period, argument("--period", "period"));
  req.reference_date = text.reference_date;
  req.levels.clear();
  for (const auto& l : text.levels) req.levels.push_back(level_from_string(l, argument("--level", "level")));
  req.indicators = text.indicators;
  if (text.age_groups) req.age_groups = age_groups::parse(*text.age_groups, argument("--age-groups", "age_groups"));
  for (const auto& b : text.breakdowns) {
    std::vector<dimension> dims;
    for (const auto& name : b) {
      const auto d = dimension_from_string(name);
      if (!d) throw validation_error(argument("--breakdown", "breakdowns"), "breakdowns", treem::quoted(name) + " is not sex, age_group, ethnicity, kind or environment");
      dims.push_back(*d);
    }
    req.extra_breakdowns.push_back(dims);
  }
  req.confidence_level = text.confidence;
  if (text.zero_denominator != "nan" && text.zero_denominator != "error") {
    throw validation_error(argument("--zero-denominator", "zero_denominator"), "zero_denominator", treem::quoted(text.zero_denominator) + " is not nan or error");
  }
  req.zero_denominator = text.zero_denominator == "error" ? zero_denominator_policy::error : zero_denominator_policy::nan;
  req.suppression.enabled = text.suppress;
  req.suppression.threshold = text.k;
  req.suppression.upper = text.protection_upper;
  const auto unknowns = [&](std::int64_t n, std::string_view option, std::string_view keyword) {
    if (n < 0) throw validation_error(argument(option, keyword), std::string(keyword), "a number of unknowns is 0 or more, not " + std::to_string(n));
    return static_cast<std::size_t>(n);
  };
  req.suppression.sub_tables_above = unknowns(text.sub_tables_above, "--sub-tables-above", "sub_tables_above");
  req.suppression.whole_table_limit = unknowns(text.whole_table_limit, "--whole-table-limit", "whole_table_limit");
  req.suppression.certify = text.certify;
  req.merger = text.merger;
  req.threads = text.threads;
  return req;
}

}  // namespace treem::indicators
