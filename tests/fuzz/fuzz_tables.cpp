// The one reader under fuzzing: any bytes as a child register, an incident register, an assessment
// sheet or a list of submissions (chosen by the first byte). Held to: refused only with a located
// treem error; and the same answer (register or message) at one thread with whole blocks and at
// two threads with blocks of a few bytes, since blocks may be cut anywhere.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "treem/certify/assessment_reader.hpp"
#include "treem/data/bundled.hpp"
#include "treem/registers/case_register_reader.hpp"
#include "treem/io/csv_reader.hpp"
#include "treem/plan/submissions_reader.hpp"
#include "treem/registers/child_register_reader.hpp"
#include "treem/registers/incident_register_reader.hpp"

namespace {

const char* const name = "t.csv";
const treem::date reference = treem::make_date(2024, 12, 31);

template <class Read>
void same_at_any_block(std::string_view text, Read read) {
  using result = decltype(read(std::declval<treem::io::table_source&>(), 1u));
  result whole, cut;
  const std::string a = treem::fuzz::refusal([&] {
    auto s = treem::io::csv_source::from_text(text, name);
    whole = read(*s, 1u);
  }, name, text);
  treem::io::csv_options small;
  small.block_bytes = 7;
  const std::string b = treem::fuzz::refusal([&] {
    auto s = treem::io::csv_source::from_text(text, name, small);
    cut = read(*s, 2u);
  }, name, text);
  if (a != b) treem::fuzz::finding("blocks and threads change the answer: '" + a + "' against '" + b + "'");
  if (a.empty() && !(whole == cut)) treem::fuzz::finding("blocks and threads change the register");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto& units = treem::data::quang_ngai_son_ha_units();
  namespace reg = treem::registers;
  const unsigned table = static_cast<unsigned>(data[0] + 256 - '0') % 5;  // seeds start with '0' to '4'
  if (table == 2) {
    same_at_any_block(text, [&](treem::io::table_source& s, unsigned) { return treem::certify::read_assessments(s, treem::data::national_cfc_rules()).size(); });
    return 0;
  }
  if (table == 3) {
    same_at_any_block(text, [&](treem::io::table_source& s, unsigned) { return treem::plan::read_submissions(s).size(); });
    return 0;
  }
  for (const auto mode : {reg::read_mode::strict, reg::read_mode::lenient}) {
    reg::read_options options;
    options.mode = mode;
    if (table == 4) {
      same_at_any_block(text, [&](treem::io::table_source& s, unsigned threads) {
        options.threads = threads;
        auto r = reg::read_case_register(s, units, reference, options);
        return std::make_pair(std::move(r.cases), r.problems.size());
      });
    } else if (table == 0) {
      same_at_any_block(text, [&](treem::io::table_source& s, unsigned threads) {
        options.threads = threads;
        auto r = reg::read_child_register(s, units, reference, options);
        return std::make_pair(std::move(r.children), r.problems.size());
      });
    } else {
      same_at_any_block(text, [&](treem::io::table_source& s, unsigned threads) {
        options.threads = threads;
        auto r = reg::read_incident_register(s, units, reference, options);
        return std::make_pair(std::move(r.incidents), r.problems.size());
      });
    }
  }
  return 0;
}
