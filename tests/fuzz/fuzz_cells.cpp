// The text written for a cell that arrives as a number, a date or a time (from an Arrow table, or
// from a spreadsheet through pandas): whatever the value, the text fits the reserved room and
// reads back. Whole numbers print without decimals; a day prints as a date the register's date
// reader gives back as the same day; a time at midnight prints as that date.
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "fuzz_check.hpp"
#include "treem/io/arrow_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 9) return 0;
  using treem::fuzz::finding;
  namespace ad = treem::io::arrow_detail;
  std::int64_t bits;
  std::memcpy(&bits, data + 1, 8);
  char out[ad::max_written + 8];
  std::memset(out, 0x7f, sizeof out);
  std::size_t n = 0;
  switch (data[0] % 4) {
    case 0: {
      double v;
      std::memcpy(&v, &bits, 8);
      n = ad::write_number(out, v);
      if (std::isnan(v) != (n == 0)) finding("a number printed as nothing, or NaN printed as something");
      if (!std::isnan(v)) {
        double back = 0;
        const auto r = std::from_chars(out, out + n, back);
        if (r.ec != std::errc() || r.ptr != out + n) finding("a printed number does not read back");
        if (std::isfinite(v) && back != v) finding("a printed number reads back as another");
      }
      break;
    }
    case 1: {
      const auto day = static_cast<std::int32_t>(bits);
      n = ad::write_day(out, day);
      const auto c = treem::civil_from_days(day);
      if (c.year >= treem::min_year && c.year <= treem::max_year && treem::parse_epoch_days(std::string_view(out, n)) != day) {
        finding("a printed day reads back as another day");
      }
      break;
    }
    default: {
      static constexpr long long per_second[] = {1, 1000, 1000000, 1000000000};
      const long long unit = per_second[(data[0] >> 2) % 4];
      n = ad::write_time(out, bits, unit);
      const long long per_day = 86400 * unit;
      if (bits % per_day == 0) {
        const long long day = bits / per_day;
        const auto c = treem::civil_from_days(day);
        if (c.year >= treem::min_year && c.year <= treem::max_year && treem::parse_epoch_days(std::string_view(out, n)) != day) {
          finding("a time at midnight does not read back as its day");
        }
      } else if (treem::parse_epoch_days(std::string_view(out, n))) {
        finding("a time of day reads as a date");
      }
    }
  }
  if (n > ad::max_written) finding("a cell's text overflows the room reserved for it");
  return 0;
}
