// The interval stage's memo: pairs of counts numbered without hashing, and every row's interval
// read from the memo equal to the interval computed for that row alone.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "treem/indicators/fill_intervals.hpp"

namespace {

using namespace treem::indicators;
using treem::indicators::detail::pair_numbering;

TEST(PairNumbering, NumbersTheMarkedPairsInOrderOfDenominatorThenNumerator) {
  pair_numbering p(100);
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> marked = {{3, 10}, {0, 0}, {10, 10}, {0, 1}, {3, 10}, {98, 99}, {1, 1}};
  for (auto [x, n] : marked) p.mark(x, n);
  p.number();
  // Distinct pairs sorted by (n, x): (0,0) (0,1) (1,1) (3,10) (10,10) (98,99).
  ASSERT_EQ(p.pairs().size(), 6u);
  EXPECT_EQ(p.index(0, 0), 0u);
  EXPECT_EQ(p.index(0, 1), 1u);
  EXPECT_EQ(p.index(1, 1), 2u);
  EXPECT_EQ(p.index(3, 10), 3u);
  EXPECT_EQ(p.index(10, 10), 4u);
  EXPECT_EQ(p.index(98, 99), 5u);
  EXPECT_EQ(p.pairs()[3].x, 3u);
  EXPECT_EQ(p.pairs()[3].n, 10u);
  EXPECT_TRUE(p.covers(99));
  EXPECT_FALSE(p.covers(100));
}

TEST(PairNumbering, EveryMarkedPairComesBackFromItsNumberAtTheLargestLimit) {
  pair_numbering p(pair_numbering::largest_limit);
  std::mt19937 rng(11);
  std::set<std::pair<std::uint32_t, std::uint32_t>> marked = {{0, 0}, {pair_numbering::largest_limit - 1, pair_numbering::largest_limit - 1}};
  while (marked.size() < 5000) {
    const std::uint32_t n = rng() % pair_numbering::largest_limit;
    marked.insert({n == 0 ? 0 : rng() % (n + 1), n});
  }
  for (auto [x, n] : marked) p.mark(x, n);
  p.number();
  ASSERT_EQ(p.pairs().size(), marked.size());
  std::uint32_t expected = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_n(marked.begin(), marked.end());
  std::sort(by_n.begin(), by_n.end(), [](auto a, auto b) { return std::pair(a.second, a.first) < std::pair(b.second, b.first); });
  for (auto [x, n] : by_n) {
    const std::uint32_t i = p.index(x, n);
    ASSERT_EQ(i, expected++);
    EXPECT_EQ(p.pairs()[i].x, x);
    EXPECT_EQ(p.pairs()[i].n, n);
  }
}

// Random rows of a proportion (Clopper-Pearson), a rate (Garwood over a denominator), a count
// (Garwood) and a Wilson proportion, with denominators on both sides of the memo's limit, repeated
// pairs, zeros and full proportions: every row's interval is the one computed for it alone.
TEST(IntervalMemo, EveryRowGetsTheIntervalComputedForItAlone) {
  indicator_definition cp, rate, count, score;
  cp.interval = interval_method::clopper_pearson, cp.factor = 100;
  rate.interval = interval_method::garwood, rate.factor = 100000;
  count.interval = interval_method::garwood;
  score.interval = interval_method::wilson, score.factor = 1;
  for (indicator_definition* d : {&cp, &rate, &score}) d->denominator.emplace();
  const std::vector<const indicator_definition*> defs = {&cp, &rate, &count, &score};
  std::mt19937 rng(2024);
  const auto draw = [&](std::uint32_t below) { return static_cast<double>(rng() % below); };
  indicator_table t;
  for (int i = 0; i < 20000; ++i) {
    const auto which = static_cast<std::uint32_t>(rng() % 4);
    const double n = rng() % 5 == 0 ? 8000 + draw(30000) : draw(60);  // some beyond the largest limit
    const double x = which == 2 ? draw(100000) : std::min(n, draw(static_cast<std::uint32_t>(n) + 2));
    t.indicator.push_back(which);
    t.numerator.push_back(x);
    t.denominator.push_back(which == 2 ? std::numeric_limits<double>::quiet_NaN() : n);
  }
  t.unit.assign(t.indicator.size(), 0);
  for (const std::size_t threads : {1u, 2u}) {
    indicator_table u = t;
    treem::indicators::detail::fill_intervals(u, defs, 0.95, threads);
    for (std::size_t i = 0; i < u.size(); ++i) {
      const indicator_definition& d = *defs[u.indicator[i]];
      const double x = u.numerator[i], n = u.denominator[i];
      interval alone;
      if (&d == &count) alone = garwood(x);
      else if (n > 0 && &d == &rate) alone = {garwood(x).lower / n * d.factor, garwood(x).upper / n * d.factor};
      else if (n > 0 && &d == &cp) alone = {clopper_pearson(x, n).lower * d.factor, clopper_pearson(x, n).upper * d.factor};
      else if (n > 0) alone = wilson(x, n);
      if (std::isnan(alone.lower)) {
        EXPECT_TRUE(std::isnan(u.lower[i]) && std::isnan(u.upper[i])) << "row " << i;
        continue;
      }
      ASSERT_EQ(u.lower[i], alone.lower) << "row " << i << " x " << x << " n " << n;
      ASSERT_EQ(u.upper[i], alone.upper) << "row " << i << " x " << x << " n " << n;
    }
  }
}

}  // namespace
