// Reading a case register out of any table source and cleaning it, like the incident register:
// Vietnamese or English column names and kinds, communes by code or exact name on the day the
// report was received, steps as dates with an optional time of day. A step cannot come before the
// report, nor an approval before its plan; a case id appears once. Cases received after the as-of
// date are left out and counted. Problems name the place and the rule, never a cell's value.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/registers/case_register.hpp"
#include "treem/registers/pseudonym.hpp"
#include "treem/registers/register_reader.hpp"

namespace treem::registers {

struct case_register_result {
  case_register cases;
  std::vector<register_problem> problems;
  std::vector<row_exclusion> excluded;  ///< cases left out without being wrong
  std::size_t rows_read = 0;
  std::size_t rows_rejected = 0;
};

/// "dd/mm/yyyy", "yyyy-mm-dd", either followed by " hh:mm" (or "Thh:mm", seconds allowed).
[[nodiscard]] inline std::optional<case_time> parse_case_time(std::string_view text) noexcept {
  text = treem::detail::trim(text);
  const auto cut = text.find_first_of(" T");
  const auto day = parse_epoch_days(text.substr(0, cut));
  if (!day) return std::nullopt;
  case_time t{*day, -1};
  if (cut == std::string_view::npos) return t;
  const std::string_view clock = treem::detail::trim(text.substr(cut + 1));
  // h:mm or hh:mm, then :ss optionally (seconds are dropped: no limit counts them).
  std::size_t pos = 0;
  auto number = [&](std::size_t min_len, std::size_t max_len, int max) -> int {
    int v = 0;
    std::size_t len = 0;
    while (pos < clock.size() && len < max_len && treem::detail::is_digit(clock[pos])) v = v * 10 + (clock[pos++] - '0'), ++len;
    return len >= min_len && v <= max ? v : -1;
  };
  auto colon = [&] { return pos < clock.size() && clock[pos] == ':' ? (++pos, true) : false; };
  const int h = number(1, 2, 23);
  const int m = h >= 0 && colon() ? number(2, 2, 59) : -1;
  if (m < 0) return std::nullopt;
  if (pos < clock.size() && !(colon() && number(2, 2, 59) >= 0 && pos == clock.size())) return std::nullopt;
  t.minute = static_cast<std::int16_t>(h * 60 + m);
  return t;
}

namespace detail {

enum case_field : std::uint8_t { k_id, k_unit, k_kind, k_serious, k_first_step };

struct case_block {
  case_register part;  ///< accepted rows; `units`: this block's dictionary; `line`: row in the block
  std::vector<row_problem> problems;
  std::size_t excluded = 0;  ///< received after the as-of date
  std::size_t rows = 0;
};

class case_block_cleaner {
 public:
  case_block_cleaner(const unit_registry& units, const date& as_of, const std::vector<int>& columns, const read_options& options)
      : units_(units), as_of_day_(static_cast<std::int32_t>(to_epoch_days(as_of))), col_(columns), options_(options) {}

  case_block operator()(const io::cell_block& b) {
    return clean_rows(b, options_.mode, case_block{}, [&](std::uint32_t r, case_block& o) { return row(b, r, o); });
  }

 private:
  std::string_view cell(const io::cell_block& b, std::uint32_t r, std::size_t f) const { return field_cell(b, r, col_, f); }

  bool row(const io::cell_block& b, std::uint32_t r, case_block& out) {
    const std::size_t before = out.problems.size();
    auto problem = [&](std::size_t f, std::string_view field, std::string rule) {
      out.problems.push_back({r, static_cast<std::uint8_t>(f), col_[f], std::string(field), std::move(rule)});
    };
    const std::string_view id = treem::detail::trim(cell(b, r, k_id));
    if (id.empty()) problem(k_id, "case_id", "empty: every case needs its id");
    std::array<case_time, case_step_count> steps{};
    for (std::size_t s = 0; s < case_step_count; ++s) {
      const std::size_t f = k_first_step + s;
      const std::string_view text = treem::detail::trim(cell(b, r, f));
      if (text.empty()) continue;
      if (const auto t = parse_case_time(text)) steps[s] = *t;
      else problem(f, case_step_names[s], "not a date (dd/mm/yyyy or yyyy-mm-dd) with an optional time of day hh:mm");
    }
    const case_time& received = steps[0];
    std::optional<std::uint32_t> unit;
    if (!received.happened()) {
      if (out.problems.size() == before) problem(k_first_step, "received", "empty: the day the report was received starts every deadline");
    } else {
      unit = find_unit(nfc_(cell(b, r, k_unit)), received.day, out.part);
      if (!unit) problem(k_unit, "unit", "not a commune code or commune name on the day the report was received");
      check_order(steps, [&](std::size_t s, std::string rule) { problem(k_first_step + s, case_step_names[s], std::move(rule)); });
    }
    const auto kind = incident_kind_from_string(key_(cell(b, r, k_kind)));
    if (!kind || !is_abuse(*kind)) problem(k_kind, "kind", "not a kind of abuse (Law on Children, Art. 4(8)): one of " + abuse_kind_list());
    bool serious = false;
    if (const auto text = cell(b, r, k_serious); !treem::detail::trim(text).empty()) {
      const auto v = yes_no_from_key(key_(text));
      if (!v) problem(k_serious, "serious_harm", "not yes or no (1/0, true/false, có/không)");
      else serious = *v;
    }
    if (out.problems.size() != before) return false;
    if (received.day > as_of_day_) {
      ++out.excluded;
      return true;
    }
    auto& c = out.part;
    c.ids.push_back(options_.key ? (*options_.key)(id) : std::string(id));
    c.unit.push_back(*unit);
    c.kind.push_back(*kind);
    c.serious_harm.push_back(serious ? 1 : 0);
    for (std::size_t s = 0; s < case_step_count; ++s) c.steps[s].push_back(steps[s]);
    c.line.push_back(r);
    return true;
  }

  // No step before the report; no approval before the plan it approves.
  template <class Problem>
  static void check_order(const std::array<case_time, case_step_count>& steps, Problem&& problem) {
    const case_time& received = steps[0];
    for (std::size_t s = 1; s < case_step_count; ++s) {
      if (steps[s].happened() && steps[s].latest() < received.earliest()) problem(s, "before the report was received");
    }
    const auto drafted = static_cast<std::size_t>(case_step::plan_drafted), approved = static_cast<std::size_t>(case_step::plan_approved);
    if (steps[approved].happened() && steps[drafted].happened() && steps[approved].latest() < steps[drafted].earliest()) {
      problem(approved, "before the plan was drafted");
    }
  }

  static std::string abuse_kind_list() {
    std::string out;
    for (std::size_t i = 0; i < incident_kind_count; ++i) {
      if (is_abuse(static_cast<incident_kind>(i))) out += (out.empty() ? "" : ", ") + std::string(incident_kind_names[i]);
    }
    return out;
  }

  std::optional<std::uint32_t> find_unit(std::string_view text, std::int32_t day, case_register& c) {
    std::string why;
    const auto code = commune_code(units_, text, from_epoch_days(day), why);
    if (!code) return std::nullopt;
    const auto pos = std::find(c.units.begin(), c.units.end(), *code);
    if (pos != c.units.end()) return static_cast<std::uint32_t>(pos - c.units.begin());
    c.units.push_back(*code);
    return static_cast<std::uint32_t>(c.units.size() - 1);
  }

  const unit_registry& units_;
  std::int32_t as_of_day_;
  const std::vector<int>& col_;
  const read_options& options_;
  cell_key key_;
  nfc_cell nfc_;
};

/// Appends a cleaned block to the register: units onto the register's dictionary, lines made
/// absolute, and a case id seen before refused at its second line.
class case_merger {
 public:
  case_merger(case_register_result& out, const std::string& source, read_mode mode) : out_(out), source_(source), mode_(mode) {}

  void operator()(case_block&& blk, const io::cell_block& b, std::size_t first_line, int id_column) {
    auto& c = out_.cases;
    for (std::size_t i = 0; i < blk.part.size(); ++i) {
      const std::uint64_t line = first_line + b.line[blk.part.line[i]];
      const auto [it, fresh] = first_line_of_.try_emplace(blk.part.ids[i], line);
      if (!fresh) {
        register_problem p{{source_, line, static_cast<std::size_t>(id_column) + 1}, "case_id",
                           "the same case id as line " + std::to_string(it->second) + ": a case is one row"};
        if (mode_ == read_mode::strict) throw validation_error(p.where, p.field, p.rule);
        ++out_.rows_rejected;
        out_.problems.push_back(std::move(p));
        continue;
      }
      append(c, blk.part, i, line);
    }
  }

 private:
  void append(case_register& c, const case_register& part, std::size_t i, std::uint64_t line) {
    const std::string& code = part.units[part.unit[i]];
    auto [u, inserted] = unit_index_.try_emplace(code, static_cast<std::uint32_t>(c.units.size()));
    if (inserted) c.units.push_back(code);
    c.ids.push_back(part.ids[i]);
    c.unit.push_back(u->second);
    c.kind.push_back(part.kind[i]);
    c.serious_harm.push_back(part.serious_harm[i]);
    for (std::size_t s = 0; s < case_step_count; ++s) c.steps[s].push_back(part.steps[s][i]);
    c.line.push_back(line);
  }

  case_register_result& out_;
  const std::string& source_;
  read_mode mode_;
  std::unordered_map<std::string, std::uint64_t> first_line_of_;
  std::unordered_map<std::string, std::uint32_t> unit_index_;
};

}  // namespace detail

/// Reads and cleans a case register from any table source. Units are looked up on the day each
/// report was received; cases received after `as_of` are left out and counted. Strict: the first
/// problem is a validation_error.
[[nodiscard]] TREEM_FUNC case_register_result read_case_register(io::table_source& source, const unit_registry& units, const date& as_of,
                                                                 const read_options& options = {});

#if TREEM_DEFINITIONS
TREEM_FUNC case_register_result read_case_register(io::table_source& source, const unit_registry& units, const date& as_of,
                                                   const read_options& options) {
  case_register_result out;
  const bool strict = options.mode == read_mode::strict;
  const std::vector<int> columns =
      detail::map_columns(source.header(), case_register_schema(), source.name(), detail::header_problems(options.mode, out.problems));
  detail::case_merger merge(out, source.name(), options.mode);
  const std::string after = "received after the as-of date " + format_vn(as_of);
  io::read_blocks(
      source, options.threads, [&](const io::cell_block& b) { return detail::case_block_cleaner(units, as_of, columns, options)(b); },
      [&](detail::case_block&& blk, const io::cell_block& b, std::size_t first_line) {
        detail::take_problems(blk.problems, b, first_line, source.name(), strict, out.problems, out.rows_rejected);
        out.rows_read += blk.rows;
        if (blk.excluded) detail::count_exclusion(out.excluded, "received", after, blk.excluded);
        merge(std::move(blk), b, first_line, columns[detail::k_id]);
      },
      options.progress);
  return out;
}
#endif

/// Reads and cleans a case register held in one table.
[[nodiscard]] inline case_register_result read_case_register(const io::string_table& t, const unit_registry& units, const date& as_of,
                                                             read_mode mode) {
  io::string_table_source source(t);
  return read_case_register(source, units, as_of, read_options{.mode = mode, .threads = 1});
}

}  // namespace treem::registers
