// The protection stage of suppression: linear programmes give each protected count the interval a
// reader can still work out, and more cells are withheld until it holds [0, k + 1] (or the wider
// [0, upper] a user asks for). Every
// expectation below is worked out by hand from the sums in its comment.
#include <gtest/gtest.h>

#include "treem/indicators/linear_programme.hpp"
#include "treem/indicators/protection.hpp"

namespace {

using namespace treem::indicators;
using term = std::pair<std::uint32_t, double>;
using pairs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;  // (inner, outer)

TEST(LinearProgramme, BoundsOfTwoCountsUnderAPublishedTotal) {
  // x + y = 13 - 9: each of x, y lies in [0, 4].
  linear_system s;
  const auto x = s.add_unknown(), y = s.add_unknown();
  const std::vector<term> row{{x, 1.0}, {y, 1.0}};
  s.add_row(row, 4, 4);
  linear_programme lp(s);
  const std::vector<term> just_x{{x, 1.0}};
  const lp_solution hi = lp.maximise(just_x), lo = lp.minimise(just_x);
  ASSERT_EQ(hi.status, lp_status::optimal);
  EXPECT_NEAR(hi.objective, 4, 1e-9);
  EXPECT_NEAR(hi.x[y], 0, 1e-9);
  EXPECT_NEAR(lo.objective, 0, 1e-9);
  // An unknown named twice counts twice: max 2x = 8.
  const std::vector<term> twice{{x, 1.0}, {x, 1.0}};
  EXPECT_NEAR(lp.maximise(twice).objective, 8, 1e-9);
  // and the previous objective does not linger: max y = 4.
  const std::vector<term> just_y{{y, 1.0}};
  EXPECT_NEAR(lp.maximise(just_y).objective, 4, 1e-9);
}

TEST(LinearProgramme, AnUnknownAddedAfterASolveWidensTheNextOne) {
  // x + y = 4, x <= 1 (row 1) and z = 2. An unknown w in [0, 2] added with -1 in row 1 makes it
  // x - w <= 1: max x goes from 1 to 3, min y to 1, z stays 2, and w = 0 is still feasible.
  linear_system s;
  const auto x = s.add_unknown(), y = s.add_unknown(), z = s.add_unknown();
  const std::vector<term> sum{{x, 1.0}, {y, 1.0}}, cap{{x, 1.0}}, fixed{{z, 1.0}};
  s.add_row(sum, 4, 4);
  s.add_row(cap, 0, 1);
  s.add_row(fixed, 2, 2);
  linear_programme lp(s);
  const std::vector<term> just_x{{x, 1.0}}, just_y{{y, 1.0}};
  EXPECT_NEAR(lp.maximise(just_x).objective, 1, 1e-9);
  const std::vector<term> in_cap{{1, -1.0}};
  const auto w = lp.add_unknown(in_cap, 0, 2);
  EXPECT_EQ(w, 3u);
  const lp_solution hi = lp.maximise(just_x);
  ASSERT_EQ(hi.status, lp_status::optimal);
  EXPECT_NEAR(hi.objective, 3, 1e-9);
  ASSERT_EQ(hi.x.size(), 4u);
  EXPECT_NEAR(hi.x[w], 2, 1e-9);
  EXPECT_NEAR(hi.x[z], 2, 1e-9);
  EXPECT_NEAR(lp.minimise(just_y).objective, 1, 1e-9);
  const std::vector<term> just_w{{w, 1.0}};
  EXPECT_NEAR(lp.minimise(just_w).objective, 0, 1e-9);
}

TEST(LinearProgramme, ReportsUnboundedAndInfeasibleSystems) {
  linear_system free_system;
  const auto x = free_system.add_unknown();
  const std::vector<term> just_x{{x, 1.0}};
  EXPECT_EQ(linear_programme(free_system).maximise(just_x).status, lp_status::unbounded);
  linear_system impossible;
  const auto a = impossible.add_unknown(), b = impossible.add_unknown();
  const std::vector<term> row{{a, 1.0}, {b, 1.0}};
  impossible.add_row(row, -1, -1);  // counts are never negative
  EXPECT_EQ(linear_programme(impossible).minimise(row).status, lp_status::infeasible);
}

containment_of containment(pairs p) {
  return [p = std::move(p)](std::uint32_t cell, std::vector<std::uint32_t>& outer, std::vector<std::uint32_t>& inner) {
    for (const auto& [in, out] : p) {
      if (in == cell) outer.push_back(out);
      if (out == cell) inner.push_back(in);
    }
  };
}

TEST(Protection, AMarginThatLeavesTooLittleGetsOneMoreCell) {
  // 13 = 3 + 1 + 9 with 3 and 1 withheld: they add up to 4, so each is at most 4 and a reader
  // knows neither is 5 or more. Withholding the 9 (the smallest published part that widens enough)
  // leaves each anywhere in [0, 13].
  const std::vector<double> v{13, 3, 1, 9};
  const std::vector<sum_constraint> sums{{0, {1, 2, 3}}};
  std::vector<std::uint8_t> withheld{0, 1, 1, 0};
  const std::vector<protected_count> counts{{1, no_cell}, {2, no_cell}};
  const protection_report r = protect_counts(v, sums, containment({}), counts, withheld, {.upper = 5});
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{0, 1, 1, 1}));
  EXPECT_EQ(r.added, 1u);
  EXPECT_EQ(r.unprotected, 0u);
  EXPECT_EQ(r.released, 0u);
  // With k = 3 the two withheld cells already reach k + 1 = 4: nothing more.
  std::vector<std::uint8_t> k3{0, 1, 1, 0};
  EXPECT_EQ(protect_counts(v, sums, containment({}), counts, k3, {.upper = 4}).added, 0u);
  EXPECT_EQ(k3, (std::vector<std::uint8_t>{0, 1, 1, 0}));
}

TEST(Protection, AWiderUpperEndAsksForMore) {
  // 30 = 3 + 1 + 9 + 17 with 3 and 1 withheld: each is at most 4. For [0, 5] the 9 is enough
  // (each then at most 13); for [0, 20] the 3 and the 1 must reach 20, which 9 cannot give
  // (3 + 1 + 9 = 13) and the 17 can (3 + 1 + 17 = 21): the smallest count that covers the 16
  // missing, so the 9 stays published.
  const std::vector<double> v{30, 3, 1, 9, 17};
  const std::vector<sum_constraint> sums{{0, {1, 2, 3, 4}}};
  const std::vector<protected_count> counts{{1, no_cell}, {2, no_cell}};
  std::vector<std::uint8_t> to_five{0, 1, 1, 0, 0}, to_twenty{0, 1, 1, 0, 0};
  EXPECT_EQ(protect_counts(v, sums, containment({}), counts, to_five, {.upper = 5}).unprotected, 0u);
  EXPECT_EQ(to_five, (std::vector<std::uint8_t>{0, 1, 1, 1, 0}));
  EXPECT_EQ(protect_counts(v, sums, containment({}), counts, to_twenty, {.upper = 20}).unprotected, 0u);
  EXPECT_EQ(to_twenty, (std::vector<std::uint8_t>{0, 1, 1, 0, 1}));
  // [0, 31] is more than the parts hold (3 + 1 + 9 + 17 = 30): only the total, withheld, frees them.
  std::vector<std::uint8_t> to_all{0, 1, 1, 0, 0};
  EXPECT_EQ(protect_counts(v, sums, containment({}), counts, to_all, {.upper = 31}).unprotected, 0u);
  EXPECT_EQ(to_all, (std::vector<std::uint8_t>{1, 1, 1, 0, 0}));
}

TEST(Protection, AComplementNeedsRoomBelowItsDenominator) {
  // 7 of 9 children registered (the 2 who are not are protected): the 7 is withheld, and so are
  // the 2 registered girls, but the 5 registered boys are published. Registered = 5 + girls and
  // registered <= 9 leave the complement 9 - registered in [0, 4]. Withholding the 5 lets the
  // registered count be anything from 0 to 9.
  const std::vector<double> v{9, 7, 5, 2};  // all children, registered, registered boys, registered girls
  const std::vector<sum_constraint> sums{{1, {2, 3}}};
  const pairs within{{1, 0}, {2, 1}, {3, 1}, {2, 0}, {3, 0}};
  std::vector<std::uint8_t> withheld{0, 1, 0, 1};
  const std::vector<protected_count> counts{{0, 1}, {3, no_cell}};
  const protection_report r = protect_counts(v, sums, containment(within), counts, withheld, {.upper = 5});
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{0, 1, 1, 1}));
  EXPECT_EQ(r.unprotected, 0u);
}

TEST(Protection, AFloorUnderASmallCountIsLifted) {
  // 20 = a + c with a = 3 and c = 17 withheld, but c lies within a published 17 (the same girls
  // counted by another indicator): c <= 17 makes a >= 3, so a reader knows a is not 0. The one
  // published cell beside a is the 20; withholding it leaves a free down to 0.
  const std::vector<double> v{20, 3, 17, 17};
  const std::vector<sum_constraint> sums{{0, {1, 2}}};
  std::vector<std::uint8_t> withheld{0, 1, 1, 0};
  const std::vector<protected_count> counts{{1, no_cell}};
  const protection_report r = protect_counts(v, sums, containment({{2, 3}}), counts, withheld, {.upper = 5});
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{1, 1, 1, 0}));
  EXPECT_EQ(r.unprotected, 0u);
}

TEST(Protection, DeterminedCellsThatProtectNothingArePublished) {
  // 10 = 2 + 8 + 0 with all three parts withheld, but the 0 lies within a published 0: it is 0 in
  // every solution, hides nothing, and is published. The 2 and the 8 stay withheld (each in [0, 10]).
  const std::vector<double> v{10, 2, 8, 0, 0};
  const std::vector<sum_constraint> sums{{0, {1, 2, 3}}};
  std::vector<std::uint8_t> withheld{0, 1, 1, 1, 0};
  const std::vector<protected_count> counts{{1, no_cell}};
  const protection_report r = protect_counts(v, sums, containment({{3, 4}}), counts, withheld, {.upper = 5});
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{0, 1, 1, 0, 0}));
  EXPECT_EQ(r.released, 1u);
  EXPECT_EQ(r.added, 0u);
}

TEST(Protection, TheTotalIsWithheldWhenNothingElseCanWiden) {
  // 3 = a + b, the 3 published and nothing else beside them: a and b lie in [0, 3], and only the 3
  // can widen that. Withheld, it leaves nothing published and both free.
  const std::vector<double> v{3, 2, 1};
  const std::vector<sum_constraint> sums{{0, {1, 2}}};
  std::vector<std::uint8_t> withheld{0, 1, 1};
  const std::vector<protected_count> counts{{1, no_cell}, {2, no_cell}};
  EXPECT_EQ(protect_counts(v, sums, containment({}), counts, withheld, {.upper = 5}).unprotected, 0u);
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{1, 1, 1}));
}

}  // namespace
