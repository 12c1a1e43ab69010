// What every fuzz target holds a refused input to: it is refused with treem's own exception (never
// a crash, a std:: exception or toml++'s), and the exception names the input and a line inside it.
// A finding aborts, which both libFuzzer and the corpus replay report with the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <string>
#include <string_view>

#include "treem/core/error.hpp"
#include "treem/core/utf8.hpp"

namespace treem::fuzz {

[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "fuzz finding: %s\n", what.c_str());
  std::abort();
}

/// Lines of `text` as the readers count them (LF, CRLF and CR each end one).
[[nodiscard]] inline std::size_t line_count(std::string_view text) {
  std::size_t lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++lines;
  }
  return lines;
}

inline void check_location(const source_location& where, std::string_view name, std::string_view input) {
  if (where.source != name) finding("an error names '" + where.source + "' instead of the input");
  if (where.line > line_count(input) + 1) finding("an error at line " + std::to_string(where.line) + " of a " + std::to_string(line_count(input)) + "-line input");
}

/// A message must be text: a stray byte could not become a Python exception's text.
inline std::string checked_message(const char* what) {
  if (first_invalid_utf8(what) != std::string_view::npos) finding("an error message that is not UTF-8");
  return what;
}

/// Runs `f`; returns the message of the treem::error it threw ("" when it returned). Anything else is a finding.
inline std::string refusal(const std::function<void()>& f, std::string_view name, std::string_view input) {
  try {
    f();
    return {};
  } catch (const parse_error& e) {
    check_location(e.where(), name, input);
    if (e.message().find('\0') != std::string::npos) finding("a message with a NUL (cut short as a C string)");
    return checked_message(e.what());
  } catch (const validation_error& e) {
    check_location(e.where(), name, input);
    if (e.rule().find('\0') != std::string::npos || e.field().find('\0') != std::string::npos) finding("a message with a NUL (cut short as a C string)");
    return checked_message(e.what());
  } catch (const error& e) {
    if (std::string_view(e.what()).substr(0, name.size()) != name) finding(std::string("an error that does not name the input: ") + e.what());
    return checked_message(e.what());
  } catch (const std::exception& e) {
    finding(std::string("a non-treem exception: ") + e.what());
  }
}

}  // namespace treem::fuzz
