// A small JSON writer for the library's own outputs, so that the program and Python print the
// same text from one function: objects and arrays in order, strings escaped as RFC 8259 asks.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace treem::io {

/// `s` as a JSON string literal (UTF-8 passes through; control characters are escaped).
[[nodiscard]] inline std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

/// A number as JSON: the shortest text that reads back as the same double; null when not finite
/// (JSON has no NaN or infinity).
[[nodiscard]] inline std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return std::string(buf, end);
}

/// Builds one JSON object: add() keys in order, then str().
class json_object {
 public:
  json_object& add(std::string_view key, std::string_view text) { return raw(key, json_string(text)); }
  json_object& add(std::string_view key, const char* text) { return raw(key, json_string(text)); }
  json_object& add(std::string_view key, std::int64_t n) { return raw(key, std::to_string(n)); }
  json_object& add(std::string_view key, bool b) { return raw(key, b ? "true" : "false"); }
  json_object& null(std::string_view key) { return raw(key, "null"); }
  /// A double (named apart from add(), which an int would make ambiguous).
  json_object& number(std::string_view key, double v) { return raw(key, json_number(v)); }
  json_object& number(std::string_view key, const std::optional<double>& v) { return raw(key, v ? json_number(*v) : "null"); }
  /// A value already written as JSON (an array, a nested object).
  json_object& raw(std::string_view key, std::string_view json) {
    body_ += (body_.empty() ? "" : ", ") + json_string(key) + ": " + std::string(json);
    return *this;
  }
  [[nodiscard]] std::string str() const { return "{" + body_ + "}"; }

 private:
  std::string body_;
};

/// Items already written as JSON, as an array: one per line under `indent`, or on one line when
/// `indent` is empty.
template <class Items>
[[nodiscard]] std::string json_array(const Items& items, std::string_view indent = "  ") {
  if (items.empty()) return "[]";
  if (indent.empty()) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
    return out + "]";
  }
  std::string out = "[\n";
  for (std::size_t i = 0; i < items.size(); ++i) out += std::string(indent) + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
  return out + "]";
}

}  // namespace treem::io
