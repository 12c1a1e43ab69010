// The exception hierarchy of treem. Every error names where it happened and which rule was broken;
// none carries personal data of a child (names, ids): callers describe fields, not values, when
// the values are personal.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "treem/core/source_location.hpp"
#include "treem/core/utf8.hpp"

namespace treem {

/// Base of every exception that treem throws on purpose.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Text that cannot be read: a malformed date, period, TOML document, CSV row.
class parse_error : public error {
 public:
  parse_error(source_location where, std::string message)
      : error(where.to_string() + ": " + message), where_(std::move(where)), message_(std::move(message)) {}

  [[nodiscard]] const source_location& where() const noexcept { return where_; }
  /// The message without the location prefix.
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

 private:
  source_location where_;
  std::string message_;
};

/// Input that reads fine but breaks a rule: an unknown unit kind, a day that does not exist,
/// a parent unit that is missing, overlapping validity.
class validation_error : public error {
 public:
  validation_error(source_location where, std::string field, std::string rule)
      : error(where.to_string() + ": " + field + ": " + rule),
        where_(std::move(where)), field_(std::move(field)), rule_(std::move(rule)) {}

  [[nodiscard]] const source_location& where() const noexcept { return where_; }
  [[nodiscard]] const std::string& field() const noexcept { return field_; }
  [[nodiscard]] const std::string& rule() const noexcept { return rule_; }

 private:
  source_location where_;
  std::string field_;
  std::string rule_;
};

/// A lookup that found nothing: a unit code on a date, a holiday id, a bundled data set.
class not_found_error : public error {
 public:
  not_found_error(std::string what, std::string key, std::string context = {})
      : error(what + " " + treem::quoted(key) + " not found" + (context.empty() ? std::string{} : " " + context)),
        what_(std::move(what)), key_(std::move(key)) {}

  [[nodiscard]] const std::string& kind() const noexcept { return what_; }
  [[nodiscard]] const std::string& key() const noexcept { return key_; }

 private:
  std::string what_;
  std::string key_;
};

}  // namespace treem
