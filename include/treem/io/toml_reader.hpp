// Reading treem's TOML data files (units, holidays; later plans and rule sets) with errors that
// name the file, line, column and field. Readers are strict: a key that the schema does not know
// is an error, because a misspelt key silently ignored is how wrong legal data gets published.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "treem/core/error.hpp"
#include "treem/core/evidence.hpp"
#include "treem/core/unicode.hpp"
#include "treem/time/date.hpp"

namespace treem::io {

/// The largest TOML document treem reads. The largest it ships is 60 KB and a national unit list
/// about 2 MB; a parsed document takes many times its text in memory, so a bound on the text
/// bounds the memory (nesting is bounded by toml++ itself, at 256 levels).
inline constexpr std::size_t max_toml_bytes = 16u << 20;

/// The most dots a key (a dotted key, or a [table] header) may have. toml++ bounds nested values
/// at 256 levels but not tables made by dotted keys, which it walks recursively: 100,000 levels
/// overflow the stack (found by fuzz_toml).
inline constexpr std::size_t max_key_dots = 128;

namespace toml_detail {

/// Refuses a line whose key part (before '=', or a whole [header] line) has more than
/// max_key_dots dots. Dots in a quoted key count too: stricter, never looser.
inline void check_key_depth(std::string_view text, const std::string& source_name) {
  std::size_t line = 1, dots = 0;
  bool in_key = true;
  for (const char c : text) {
    if (c == '\n') {
      ++line, dots = 0, in_key = true;
    } else if (in_key && c == '=') {
      in_key = false;
    } else if (in_key && c == '.' && ++dots > max_key_dots) {
      throw parse_error({source_name, line, 1}, "a key or table name nested more than " + std::to_string(max_key_dots) + " levels deep");
    }
  }
}

}  // namespace toml_detail

/// Parses a TOML document; syntax errors become treem::parse_error at the reported position.
[[nodiscard]] inline toml::table parse_toml(std::string_view text, const std::string& source_name) {
  if (text.size() > max_toml_bytes) {
    throw parse_error({source_name, 1, 1}, "the file is larger than " + std::to_string(max_toml_bytes >> 20) + " MiB (the limit for a TOML data file)");
  }
  toml_detail::check_key_depth(text, source_name);
  if (const auto bad = unicode::first_invalid_utf8(text); bad != std::string_view::npos) {
    // Count lines so the error points at the bad byte, not at the start of the file.
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < bad; ++i) {  // columns count code points, as editors (and toml++) do
      if (text[i] == '\n') ++line, column = 1;
      else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    }
    throw parse_error({source_name, line, column}, "the file is not valid UTF-8");
  }
  try {
    return toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    throw parse_error({source_name, begin.line, begin.column}, "TOML syntax: " + std::string(e.description()));
  }
}

[[nodiscard]] inline source_location location_of(const toml::node& node, const std::string& source_name) {
  const auto& begin = node.source().begin;
  return {source_name, begin.line, begin.column};
}

/// Reads the fields of one TOML table, checking types and remembering which keys were used so
/// that finish() can reject the rest.
class table_reader {
 public:
  /// `path` names the table in messages, e.g. "unit[3]" or "holiday[2]".
  table_reader(const toml::table& table, std::string path, std::string source_name)
      : table_(table), path_(std::move(path)), source_(std::move(source_name)) {}

  [[nodiscard]] const std::string& source_name() const noexcept { return source_; }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] source_location where() const { return location_of(table_, source_); }
  [[nodiscard]] source_location where(std::string_view key) const {
    const toml::node* n = table_.get(key);
    return n ? location_of(*n, source_) : where();
  }
  [[nodiscard]] std::string field(std::string_view key) const { return path_.empty() ? std::string(key) : path_ + "." + std::string(key); }
  [[nodiscard]] bool has(std::string_view key) const { return table_.contains(key); }

  [[nodiscard]] const toml::node* node(std::string_view key) {
    used_.insert(std::string(key));
    return table_.get(key);
  }

  [[nodiscard]] std::optional<std::string> optional_string(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const auto* s = n->as_string();
    if (!s) fail_type(key, *n, "a string");
    // Text is kept in NFC so that names compare exactly whatever the editor produced.
    return unicode::nfc(s->get());
  }
  [[nodiscard]] std::string required_string(std::string_view key) {
    auto v = optional_string(key);
    if (!v) fail_missing(key, "a string");
    if (detail::trim(*v).empty()) throw validation_error(where(key), field(key), "must not be empty or blank");
    return *v;
  }

  [[nodiscard]] std::optional<std::int64_t> optional_int(std::string_view key, std::int64_t min, std::int64_t max) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const auto* i = n->as_integer();
    if (!i) fail_type(key, *n, "an integer");
    const std::int64_t v = i->get();
    if (v < min || v > max) {
      throw validation_error(location_of(*n, source_), field(key),
                             std::to_string(v) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
    }
    return v;
  }
  [[nodiscard]] std::int64_t required_int(std::string_view key, std::int64_t min, std::int64_t max) {
    auto v = optional_int(key, min, max);
    if (!v) fail_missing(key, "an integer");
    return *v;
  }

  [[nodiscard]] std::optional<bool> optional_bool(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const auto* b = n->as_boolean();
    if (!b) fail_type(key, *n, "true or false");
    return b->get();
  }

  /// A date written as a TOML local date (2024-05-31) or as a string in dd/mm/yyyy or ISO form.
  [[nodiscard]] std::optional<date> optional_date(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    return date_value(*n, field(key));
  }
  [[nodiscard]] date required_date(std::string_view key) {
    auto v = optional_date(key);
    if (!v) fail_missing(key, "a date");
    return *v;
  }

  [[nodiscard]] date date_value(const toml::node& n, const std::string& field_name) const {
    const source_location at = location_of(n, source_);
    if (const auto* d = n.as_date()) {
      const auto& v = d->get();
      try {
        return make_date(v.year, v.month, v.day);
      } catch (const validation_error& e) {
        throw validation_error(at, field_name, e.rule());
      }
    }
    if (const auto* s = n.as_string()) {
      // The string starts one column after the opening quote.
      return parse_date_field(s->get(), at.shifted(1), field_name);
    }
    throw validation_error(at, field_name, "expected a date (2024-05-31 or \"31/05/2024\"), found " + type_name(n));
  }

  /// evidence from a "status" key: confirmed, unconfirmed or inferred.
  [[nodiscard]] evidence required_evidence(std::string_view key = "status") {
    const std::string s = required_string(key);
    const auto e = evidence_from_string(s);
    if (!e) throw validation_error(where(key), field(key), treem::quoted(s) + " is not one of confirmed, unconfirmed, inferred");
    return *e;
  }
  [[nodiscard]] std::optional<evidence> optional_evidence(std::string_view key) {
    if (!has(key)) {
      used_.insert(std::string(key));
      return std::nullopt;
    }
    return required_evidence(key);
  }

  /// An array of tables (TOML [[key]]); empty when the key is absent.
  [[nodiscard]] std::vector<const toml::table*> tables(std::string_view key) {
    std::vector<const toml::table*> out;
    const toml::node* n = node(key);
    if (!n) return out;
    const auto* arr = n->as_array();
    if (!arr) fail_type(key, *n, "an array of tables ([[" + std::string(key) + "]])");
    for (const auto& item : *arr) {
      const auto* t = item.as_table();
      if (!t) throw validation_error(location_of(item, source_), field(key), "every entry must be a table");
      out.push_back(t);
    }
    return out;
  }
  [[nodiscard]] const toml::table* optional_table(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return nullptr;
    const auto* t = n->as_table();
    if (!t) fail_type(key, *n, "a table");
    return t;
  }
  [[nodiscard]] const toml::array* optional_array(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return nullptr;
    const auto* a = n->as_array();
    if (!a) fail_type(key, *n, "an array");
    return a;
  }

  /// An array of strings (NFC-normalised); empty when the key is absent.
  [[nodiscard]] std::vector<std::string> string_array(std::string_view key) {
    std::vector<std::string> out;
    const toml::array* arr = optional_array(key);
    if (!arr) return out;
    for (const auto& item : *arr) {
      const auto* s = item.as_string();
      if (!s) throw validation_error(location_of(item, source_), field(key), "expected strings, found " + type_name(item));
      out.push_back(unicode::nfc(s->get()));
    }
    return out;
  }

  /// Rejects keys that were never asked for.
  void finish() const {
    for (const auto& [key, value] : table_) {
      if (!used_.contains(std::string(key.str()))) {
        throw validation_error(location_of(value, source_), field(key.str()), "unknown key (not in the schema)");
      }
    }
  }

  [[noreturn]] void fail_missing(std::string_view key, const std::string& expected) const {
    throw validation_error(where(), field(key), "required key is missing (expected " + expected + ")");
  }
  [[noreturn]] void fail_type(std::string_view key, const toml::node& n, const std::string& expected) const {
    throw validation_error(location_of(n, source_), field(key), "expected " + expected + ", found " + type_name(n));
  }

  [[nodiscard]] static std::string type_name(const toml::node& n) {
    switch (n.type()) {
      case toml::node_type::string: return "a string";
      case toml::node_type::integer: return "an integer";
      case toml::node_type::floating_point: return "a number";
      case toml::node_type::boolean: return "a boolean";
      case toml::node_type::date: return "a date";
      case toml::node_type::time: return "a time";
      case toml::node_type::date_time: return "a date-time";
      case toml::node_type::array: return "an array";
      case toml::node_type::table: return "a table";
      default: return "nothing";
    }
  }

 private:
  const toml::table& table_;
  std::string path_;
  std::string source_;
  std::set<std::string> used_;
};

/// Checks the `schema` key of a data file against the one the reader understands.
inline void require_schema(table_reader& root, std::string_view expected) {
  const std::string schema = root.required_string("schema");
  if (schema != expected) {
    throw validation_error(root.where("schema"), "schema",
                           treem::quoted(schema) + " is not supported (expected '" + std::string(expected) + "')");
  }
}

}  // namespace treem::io
