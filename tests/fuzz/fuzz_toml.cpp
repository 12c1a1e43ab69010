// Every TOML loader under fuzzing (chosen by the first byte): plans, rule sets (alone and composed
// over the national standard as an overlay), indicator catalogues, targets, unit lists, holiday
// calendars, generator parameters, case deadlines. Held to: refused only with a located treem error; and a plan
// that loads saves to text that loads to the same plan.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "treem/cases/deadlines_toml.hpp"
#include "treem/certify/rules_toml.hpp"
#include "treem/data/bundled.hpp"
#include "treem/indicators/catalogue_toml.hpp"
#include "treem/indicators/targets_toml.hpp"
#include "treem/plan/plan_toml.hpp"
#include "treem/registers/generator.hpp"
#include "treem/time/holidays_toml.hpp"
#include "treem/units/units_toml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string name = "t.toml";
  using treem::fuzz::refusal;
  switch (static_cast<unsigned>(data[0] + 256 - '0') % 8) {  // seeds start with '0' to '7'
    case 0:
      refusal([&] {
        const auto p = treem::plan::load_plan(text, name);
        const std::string saved = treem::plan::save_plan(p);
        const std::string again = refusal([&] {
          if (!(treem::plan::load_plan(saved, "saved.toml") == p)) treem::fuzz::finding("a saved plan loads to another plan");
        }, "saved.toml", saved);
        if (!again.empty()) treem::fuzz::finding("a saved plan does not load: " + again);
      }, name, text);
      break;
    case 1:
      refusal([&] {
        const auto overlay = treem::certify::load_rule_set(text, name);
        (void)treem::certify::compose({treem::data::national_cfc_rules(), overlay});
      }, name, text);
      break;
    case 2: refusal([&] { (void)treem::indicators::load_catalogue(text, name); }, name, text); break;
    case 3: refusal([&] { (void)treem::indicators::load_targets(text, name); }, name, text); break;
    case 4: refusal([&] { (void)treem::load_units(text, name); }, name, text); break;
    case 5: refusal([&] { (void)treem::load_holiday_calendar(text, name); }, name, text); break;
    case 6: refusal([&] { (void)treem::registers::load_generator_parameters(text, name); }, name, text); break;
    default: refusal([&] { (void)treem::cases::load_case_deadlines(text, name); }, name, text);
  }
  return 0;
}
