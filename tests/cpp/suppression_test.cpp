// Small-cell suppression: the primary rule, complementary cells, and the audit that no withheld
// count can be recovered from published totals by any combination of the sums.
#include <random>

#include <gtest/gtest.h>

#include "treem/indicators/suppression.hpp"

namespace {

using namespace treem::indicators;

std::vector<std::uint8_t> run(const std::vector<double>& x, const std::vector<sum_constraint>& sums, int k = 4,
                              std::vector<double> den = {}, std::vector<std::uint8_t> prop = {}) {
  if (den.empty()) den.assign(x.size(), std::nan(""));
  if (prop.empty()) prop.assign(x.size(), 0);
  std::vector<std::uint8_t> s(x.size(), 0);
  primary_suppression(x, den, prop, k, s);
  complete_suppression(x, sums, s);
  return s;
}

TEST(Suppression, PrimaryRuleWithholdsOneToK) {
  // cells: total 10 = 1 + 4 + 5
  const auto s = run({10, 1, 4, 5}, {{0, {1, 2, 3}}});
  EXPECT_EQ(s, (std::vector<std::uint8_t>{0, 1, 1, 0}));  // two withheld in the sum: nothing more needed
}

TEST(Suppression, ALoneCellGetsAComplement) {
  // total 10 = 3 + 7: 3 alone could be recovered as 10 - 7
  EXPECT_EQ(run({10, 3, 7}, {{0, {1, 2}}}), (std::vector<std::uint8_t>{0, 1, 1}));
  // total 10 = 2 + 0 + 8: the complement is the smallest positive cell, not a zero
  EXPECT_EQ(run({10, 2, 0, 8}, {{0, {1, 2, 3}}}), (std::vector<std::uint8_t>{0, 1, 0, 1}));
  // zeros are not small cells
  EXPECT_EQ(run({10, 0, 10}, {{0, {1, 2}}}), (std::vector<std::uint8_t>{0, 0, 0}));
}

TEST(Suppression, ComplementOfAProportion) {
  // 98 of 100 children registered: the 2 who are not would be revealed
  std::vector<std::uint8_t> s(1, 0);
  primary_suppression(std::vector<double>{98}, std::vector<double>{100}, std::vector<std::uint8_t>{1}, 4, s);
  EXPECT_EQ(s[0], 1);
}

TEST(Audit, FindsCellsDeterminedThroughSeveralSums) {
  // a + b, b + c and a + c all published: every sum has two withheld cells, yet three equations in
  // three unknowns give each of them.
  const std::vector<sum_constraint> sums{{0, {3, 4}}, {1, {4, 5}}, {2, {3, 5}}};
  std::vector<std::uint8_t> s{0, 0, 0, 1, 1, 1};
  EXPECT_EQ(audit_disclosure(sums, s).determined, (std::vector<std::size_t>{3, 4, 5}));
  const std::vector<double> x{5, 6, 7, 2, 3, 4};
  complete_suppression(x, sums, s);
  EXPECT_TRUE(audit_disclosure(sums, s).determined.empty());
}

// A table r x c with its margins and grand total, as cells and sums.
struct table {
  std::vector<double> x;
  std::vector<sum_constraint> sums;
};

table two_way(std::mt19937& rng, std::size_t rows, std::size_t cols) {
  std::uniform_int_distribution<int> v(0, 12);
  table t;
  const std::size_t inner = 0, row_margin = rows * cols, col_margin = row_margin + rows, grand = col_margin + cols;
  t.x.assign(grand + 1, 0);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) {
      const double n = v(rng);
      t.x[inner + i * cols + j] = n;
      t.x[row_margin + i] += n;
      t.x[col_margin + j] += n;
      t.x[grand] += n;
    }
  }
  for (std::size_t i = 0; i < rows; ++i) {
    sum_constraint s{row_margin + i, {}};
    for (std::size_t j = 0; j < cols; ++j) s.parts.push_back(i * cols + j);
    t.sums.push_back(s);
  }
  for (std::size_t j = 0; j < cols; ++j) {
    sum_constraint s{col_margin + j, {}};
    for (std::size_t i = 0; i < rows; ++i) s.parts.push_back(i * cols + j);
    t.sums.push_back(s);
  }
  sum_constraint rs{grand, {}}, cs{grand, {}};
  for (std::size_t i = 0; i < rows; ++i) rs.parts.push_back(row_margin + i);
  for (std::size_t j = 0; j < cols; ++j) cs.parts.push_back(col_margin + j);
  t.sums.push_back(rs);
  t.sums.push_back(cs);
  return t;
}

TEST(Suppression, RandomTwoWayTablesCannotBeUndone) {
  std::mt19937 rng(20241231);
  for (int trial = 0; trial < 300; ++trial) {
    const auto t = two_way(rng, 2 + trial % 4, 2 + trial % 5);
    const auto s = run(t.x, t.sums);
    for (std::size_t i = 0; i < t.x.size(); ++i) {
      if (t.x[i] >= 1 && t.x[i] <= 4) {
        ASSERT_TRUE(s[i]) << "primary cell published, trial " << trial;
      }
    }
    for (const auto& sum : t.sums) {
      int withheld = s[sum.total];
      for (auto p : sum.parts) withheld += s[p];
      ASSERT_NE(withheld, 1) << "a lone withheld cell, trial " << trial;
    }
    ASSERT_TRUE(audit_disclosure(t.sums, s).determined.empty()) << "trial " << trial;
  }
}

}  // namespace
