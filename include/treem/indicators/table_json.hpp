// An indicator table as JSON: what `treem indicators --json` prints and what Python's
// `IndicatorTable.to_json()` returns (a test compares the two, byte for byte). One row per line, so
// that a table of millions of rows is written in one pass into one string, and a reader can stream it.
#pragma once

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/indicators/catalogue.hpp"
#include "treem/indicators/indicator_table.hpp"
#include "treem/indicators/protection_warnings.hpp"
#include "treem/indicators/targets.hpp"
#include "treem/io/json_writer.hpp"

namespace treem::indicators {

namespace detail {

inline std::string json_strings(const std::vector<std::string>& v) {
  std::vector<std::string> items;
  items.reserve(v.size());
  for (const auto& s : v) items.push_back(io::json_string(s));
  return io::json_array(items, "");
}

/// Items of a key of the document, one per line under it: "[\n    a,\n    b\n  ]".
inline std::string listed(const std::vector<std::string>& items) {
  if (items.empty()) return "[]";
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ",\n    " : "\n    ") + items[i];
  return out + "\n  ]";
}

inline std::string protection_json(const protection_report& p) {
  const auto n = [](std::size_t x) { return static_cast<std::int64_t>(x); };
  return io::json_object{}
      .add("added", n(p.added))
      .add("released", n(p.released))
      .add("unprotected", n(p.unprotected))
      .add("skipped", n(p.skipped))
      .add("programmes", n(p.programmes))
      .add("logged", n(p.logged))
      .add("logged_outside", n(p.logged_outside))
      .add("atom_columns", n(p.atom_columns))
      .add("sub_tables", n(p.sub_tables))
      .add("read_whole", p.read_whole)
      .add("parts_read_whole", n(p.parts_read_whole))
      .add("certified", p.certified)
      .add("uncertified", n(p.uncertified))
      .str();
}

/// The definitions of the indicators the table holds, in the table's order.
inline std::string definitions_json(const indicator_table& t, const catalogue& cat) {
  std::vector<std::string> out;
  for (const auto& key : t.indicator_keys) {
    const indicator_definition& d = cat.get(key);
    out.push_back(io::json_object{}
                      .add("key", d.key)
                      .add("instrument", d.instrument)
                      .add("appendix", d.appendix)
                      .add("code", d.code)
                      .add("name_vi", d.name_vi)
                      .add("name_en", d.name_en)
                      .add("unit", d.unit)
                      .number("factor", d.factor)
                      .add("interval", to_string(d.interval))
                      .add("status", to_string(d.evidence))
                      .add("source", d.source)
                      .str());
  }
  return listed(out);
}

/// Which categories are sums of others (kinds: abuse, sexual_abuse, injury): the schema of the rows.
inline std::string hierarchy_json(const indicator_table& t) {
  io::json_object out;
  for (std::size_t d = 0; d < dimension_count; ++d) {
    const auto parts = t.hierarchy(d);
    if (parts.empty()) continue;
    io::json_object dim;
    for (const auto& [parent, children] : parts) dim.raw(parent, json_strings(children));
    out.raw(dimension_names[d], dim.str());
  }
  return out.str();
}

/// Writes rows straight into the document: every dictionary (levels, units, indicators, labels) is
/// escaped once, and numbers go through to_chars, so that millions of rows cost no temporary strings.
class row_writer {
 public:
  explicit row_writer(const indicator_table& t)
      : levels_(escaped(t.levels)), units_(escaped(t.unit_codes)), indicators_(escaped(t.indicator_keys)) {
    for (std::size_t d = 0; d < dimension_count; ++d) labels_[d] = escaped(t.labels[d]);
  }

  /// One row: a dimension at "all" is null (a missing value is its own category, `unknown`).
  void append(std::string& out, const indicator_table& t, std::size_t i) const {
    out += "{\"level\": ";
    out += levels_[t.level[i]];
    out += ", \"unit\": ";
    out += units_[t.unit[i]];
    out += ", \"indicator\": ";
    out += indicators_[t.indicator[i]];
    for (std::size_t d = 0; d < dimension_count; ++d) {
      out += ", \"";
      out += dimension_names[d];
      out += "\": ";
      const int c = t.category[d][i];
      out += c < 0 ? std::string_view("null") : std::string_view(labels_[d][static_cast<std::size_t>(c)]);
    }
    number(out, ", \"numerator\": ", t.numerator[i]);
    number(out, ", \"denominator\": ", t.denominator[i]);
    number(out, ", \"value\": ", t.value[i]);
    number(out, ", \"lower\": ", t.lower[i]);
    number(out, ", \"upper\": ", t.upper[i]);
    out += t.suppressed[i] ? ", \"suppressed\": true}" : ", \"suppressed\": false}";
  }

 private:
  static std::vector<std::string> escaped(const std::vector<std::string>& words) {
    std::vector<std::string> out;
    out.reserve(words.size());
    for (const auto& w : words) out.push_back(io::json_string(w));
    return out;
  }
  /// As io::json_number: the shortest text that reads back as `v`, null when not finite.
  static void number(std::string& out, std::string_view key, double v) {
    out += key;
    if (!std::isfinite(v)) {
      out += "null";
      return;
    }
    char buf[32];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  }

  std::vector<std::string> levels_, units_, indicators_;
  std::array<std::vector<std::string>, dimension_count> labels_;
};

inline std::string progress_json(const target_progress& p) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    io::json_object g;
    g.add("level", p.level[i]).add("unit", p.unit_code[i]).add("indicator", p.indicator[i]).add("year", std::int64_t{p.year[i]});
    g.add("comparator", p.comparator_text[i]).number("target", p.target_value[i]).number("value", p.value[i]);
    if (p.meets[i] < 0) g.null("meets");
    else g.add("meets", p.meets[i] == 1);
    g.number("gap", p.gap[i]).add("status", p.status[i]);
    out.push_back(g.str());
  }
  return listed(out);
}

}  // namespace detail

/// The table with its definitions, its suppression record and, when given, the progress against
/// targets. Every key of the document is on its own line; every row on its own line.
[[nodiscard]] TREEM_FUNC std::string to_json(const indicator_table& t, const catalogue& cat, const target_progress* progress = nullptr);

#if TREEM_DEFINITIONS
TREEM_FUNC std::string to_json(const indicator_table& t, const catalogue& cat, const target_progress* progress) {
  std::string out = "{\n";
  const auto key = [&](std::string_view name, const std::string& json) { out += "  " + io::json_string(name) + ": " + json + ",\n"; };
  key("period", io::json_string(t.period));
  key("reference_date", io::json_string(t.reference_date));
  key("confidence", io::json_number(t.confidence));
  key("suppression_threshold", std::to_string(t.suppression_threshold));
  key("protection_upper", std::to_string(t.protection_upper));
  key("protection", detail::protection_json(t.protection));
  key("warnings", detail::json_strings(protection_warnings(t.protection, t.protection_upper, t.any_withheld())));
  key("indicators", detail::definitions_json(t, cat));
  key("sum_of", detail::hierarchy_json(t));
  if (progress) key("targets", detail::progress_json(*progress));
  out.reserve(out.size() + t.size() * 260);
  out += "  \"rows\": [";
  const detail::row_writer rows(t);
  for (std::size_t i = 0; i < t.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    rows.append(out, t, i);
  }
  out += t.size() ? "\n  ]\n}\n" : "]\n}\n";
  return out;
}
#endif

}  // namespace treem::indicators
