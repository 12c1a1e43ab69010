// The distinct (numerator, denominator) pairs of a table's proportions, numbered, so that an exact
// interval (a microsecond of inverse incomplete beta function per bound) is computed once per pair
// rather than once per row. At national scale about two rows in three repeat a pair: small
// communes' cells by sex and age group have small counts, and small counts meet often.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace treem::indicators::detail {

/// Numbers the pairs (x, n) with 0 <= x <= n < limit that are marked: one bit per possible pair,
/// laid out as a triangle (n(n+1)/2 + x), and the count of set bits before each 64-bit word, so a
/// pair's number is found in constant time, with neither hashing nor sorting. At the largest limit
/// the bits take 4 MB; pairs with larger denominators are rare and are not numbered.
class pair_numbering {
 public:
  static constexpr std::uint32_t largest_limit = 8192;

  /// Numbering for denominators below `limit` (at most largest_limit).
  explicit pair_numbering(std::uint32_t limit) : limit_(std::min(limit, largest_limit)), bits_(words_for(limit_), 0) {}

  [[nodiscard]] bool covers(std::uint32_t n) const noexcept { return n < limit_; }
  void mark(std::uint32_t x, std::uint32_t n) noexcept {
    const std::size_t s = slot(x, n);
    bits_[s >> 6] |= std::uint64_t{1} << (s & 63);
  }

  /// Numbers the marked pairs in order of n, then x; call once, after every mark.
  void number() {
    before_.resize(bits_.size());
    std::uint32_t count = 0;
    for (std::size_t w = 0; w < bits_.size(); ++w) {
      before_[w] = count;
      count += static_cast<std::uint32_t>(std::popcount(bits_[w]));
    }
    pairs_.reserve(count);
    for (std::size_t w = 0; w < bits_.size(); ++w) {
      for (std::uint64_t word = bits_[w]; word != 0; word &= word - 1) pairs_.push_back(unslot(w * 64 + static_cast<std::size_t>(std::countr_zero(word))));
    }
  }

  /// The number of a marked pair.
  [[nodiscard]] std::uint32_t index(std::uint32_t x, std::uint32_t n) const noexcept {
    const std::size_t s = slot(x, n);
    const std::uint64_t below = bits_[s >> 6] & ((std::uint64_t{1} << (s & 63)) - 1);
    return before_[s >> 6] + static_cast<std::uint32_t>(std::popcount(below));
  }

  struct pair {
    std::uint32_t x, n;
  };
  /// The marked pairs by number.
  [[nodiscard]] const std::vector<pair>& pairs() const noexcept { return pairs_; }

 private:
  static std::size_t slot(std::uint32_t x, std::uint32_t n) noexcept { return std::size_t{n} * (n + 1) / 2 + x; }
  static pair unslot(std::size_t s) noexcept {
    auto n = static_cast<std::uint32_t>((std::sqrt(8.0 * static_cast<double>(s) + 1) - 1) / 2);
    while (slot(0, n) > s) --n;  // the square root's rounding, either way
    while (slot(0, n + 1) <= s) ++n;
    return {static_cast<std::uint32_t>(s - slot(0, n)), n};
  }
  static std::size_t words_for(std::uint32_t limit) noexcept { return (std::size_t{limit} * (limit + 1) / 2 + 63) / 64; }

  std::uint32_t limit_;
  std::vector<std::uint64_t> bits_;
  std::vector<std::uint32_t> before_;
  std::vector<pair> pairs_;
};

}  // namespace treem::indicators::detail
