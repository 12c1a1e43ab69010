// Confidence intervals against published reference values (R 4.x: epitools::pois.exact,
// binom.test, prop.test(correct = FALSE)), including the zero counts where naive formulas fail.
#include <cmath>

#include <gtest/gtest.h>

#include "treem/indicators/intervals.hpp"

namespace {

using namespace treem::indicators;

TEST(Garwood, MatchesEpitoolsPoisExact) {
  auto zero = garwood(0);
  EXPECT_EQ(zero.lower, 0.0);
  EXPECT_NEAR(zero.upper, 3.688879, 1e-6);
  auto five = garwood(5);
  EXPECT_NEAR(five.lower, 1.623486, 1e-6);
  EXPECT_NEAR(five.upper, 11.668332, 1e-6);
  auto ninety = garwood(1, 0.90);  // chi-square form: qchisq(0.05, 2)/2 and qchisq(0.95, 4)/2
  EXPECT_NEAR(ninety.lower, 0.051293294, 1e-8);
  EXPECT_NEAR(ninety.upper, 4.743864518, 1e-8);
}

TEST(ClopperPearson, MatchesBinomTest) {
  auto half = clopper_pearson(5, 10);
  EXPECT_NEAR(half.lower, 0.1870860, 1e-7);
  EXPECT_NEAR(half.upper, 0.8129140, 1e-7);
  auto none = clopper_pearson(0, 10);
  EXPECT_EQ(none.lower, 0.0);
  EXPECT_NEAR(none.upper, 0.3084971, 1e-7);
  auto all = clopper_pearson(10, 10);
  EXPECT_NEAR(all.lower, 0.6915029, 1e-7);
  EXPECT_EQ(all.upper, 1.0);
  EXPECT_TRUE(std::isnan(clopper_pearson(0, 0).lower));
}

TEST(Wilson, MatchesPropTestWithoutCorrection) {
  auto half = wilson(5, 10);
  EXPECT_NEAR(half.lower, 0.2365931, 1e-7);
  EXPECT_NEAR(half.upper, 0.7634069, 1e-7);
  auto none = wilson(0, 10);
  EXPECT_EQ(none.lower, 0.0);
  EXPECT_NEAR(none.upper, 0.2775328, 1e-7);
}

TEST(Intervals, RejectImpossibleInput) {
  EXPECT_THROW((void)garwood(-1), treem::validation_error);
  EXPECT_THROW((void)garwood(1.5), treem::validation_error);
  EXPECT_THROW((void)clopper_pearson(11, 10), treem::validation_error);
  EXPECT_THROW((void)wilson(1, 10, 1.0), treem::validation_error);
}

TEST(Intervals, ContainThePointEstimate) {
  for (double n : {1.0, 7.0, 50.0, 1000.0}) {
    for (double x = 0; x <= n; x += std::max(1.0, std::floor(n / 13))) {
      for (auto ci : {clopper_pearson(x, n), wilson(x, n)}) {
        EXPECT_LE(ci.lower, x / n);
        EXPECT_GE(ci.upper, x / n);
      }
      const auto g = garwood(x);
      EXPECT_LE(g.lower, x);
      EXPECT_GE(g.upper, x);
    }
  }
}

}  // namespace
