// Dates, partial dates, periods and the lunar calendar under fuzzing. Held to: refused only with
// a located treem error; a date that parses prints (ISO and Vietnamese forms) to text that parses
// to the same day; the register's fast date reader agrees with parse_date on every text; a solar
// day in the lunar calendar's years converts to a lunar date and back to the same day; a period
// that parses contains its own start and end.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "treem/time/date.hpp"
#include "treem/time/lunar_calendar.hpp"
#include "treem/time/partial_date.hpp"
#include "treem/time/period.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string name = "<date>";
  using treem::fuzz::finding;
  using treem::fuzz::refusal;
  std::optional<treem::date> parsed;
  refusal([&] { parsed = treem::parse_date(text, {name, 1, 1}); }, name, text);
  const auto fast = treem::parse_epoch_days(text);
  if (fast.has_value() != parsed.has_value()) finding("parse_epoch_days and parse_date disagree on whether a text is a date");
  if (parsed) {
    if (*fast != treem::to_epoch_days(*parsed)) finding("parse_epoch_days and parse_date give different days");
    for (const std::string& printed : {treem::format_iso(*parsed), treem::format_vn(*parsed)}) {
      if (treem::parse_date(printed) != *parsed) finding("a printed date parses to another day");
    }
    if (parsed->year() >= treem::lunar::first_supported_year + 1 && parsed->year() <= treem::lunar::last_supported_year - 1) {
      const auto l = treem::lunar::to_lunar(*parsed);
      if (treem::lunar::from_lunar(l) != *parsed) finding("a day converted to the lunar calendar and back is another day");
    }
  }
  refusal([&] { (void)treem::partial_date::parse(text, {name, 1, 1}); }, name, text);
  refusal([&] {
    const auto p = treem::period::parse(text, {name, 1, 1});
    if (!p.contains(p.start()) || !p.contains(p.end()) || p.end() < p.start()) finding("a period does not contain its own days");
  }, name, text);
  return 0;
}
