// The atom programme: the finest pieces of a register that published counts tell apart, and the
// last stage of protection, which reads the table through them. Expectations are worked out by hand
// in each comment.
#include <limits>

#include <gtest/gtest.h>

#include "treem/indicators/atom_protection.hpp"

#include "count_sets.hpp"

namespace {

using namespace treem::indicators;
using treem::test::children, treem::test::male, treem::test::female, treem::test::both;

/// One commune: cell i counts sets[i] there.
struct one_commune {
  std::vector<count_set> sets;
  std::vector<std::uint32_t> set_of, unit_of;
  std::vector<std::vector<std::uint32_t>> communes{{0}};

  explicit one_commune(std::vector<count_set> s) : sets(std::move(s)), unit_of(sets.size(), 0) {
    for (std::uint32_t i = 0; i < sets.size(); ++i) set_of.push_back(i);
  }
  [[nodiscard]] cell_space space() const { return {sets, set_of, unit_of, communes}; }
};

/// One commune: 0-9 (7), 0-4 boys (2, withheld and protected), 5-9 girls (5), 0-4 girls (0) and
/// 5-9 boys (0).
struct disjoint_pair {
  one_commune t{{children(0, 9, both), children(0, 4, male), children(5, 9, female), children(0, 4, female), children(5, 9, male)}};
  std::vector<double> value{7, 2, 5, 0, 0};
  std::vector<std::uint8_t> withheld{0, 1, 0, 0, 0};
  std::vector<protected_count> counts{{1, no_cell}};
};

TEST(LinearProgramme, AFreedRowNoLongerBindsAndTheSolverGoesOnFromItsBasis) {
  // x + y = 3 with 0 <= x <= 10 and 0 <= y <= 1: x lies in [2, 3]. Freed (its count withheld),
  // the row allows x anywhere in [0, 10]; solved again and again, the same programme agrees.
  linear_system s;
  const auto x = s.add_unknown(0, 10), y = s.add_unknown(0, 1);
  const std::vector<std::pair<std::uint32_t, double>> row{{x, 1.0}, {y, 1.0}}, of_x{{x, 1.0}};
  s.add_row(row, 3, 3);
  linear_programme lp(s);
  EXPECT_NEAR(lp.maximise(of_x).objective, 3, 1e-9);
  EXPECT_NEAR(lp.minimise(of_x).objective, 2, 1e-9);
  lp.free_row(0);
  const lp_solution most = lp.maximise(of_x);
  ASSERT_EQ(most.status, lp_status::optimal);
  EXPECT_NEAR(most.objective, 10, 1e-9);
  EXPECT_NEAR(most.row_dual.at(0), 0, 1e-9);  // a free row holds no bound
  EXPECT_NEAR(lp.minimise(of_x).objective, 0, 1e-9);
  EXPECT_NEAR(lp.maximise(of_x).objective, 10, 1e-9);
}

TEST(AtomProgramme, AtomsAreTheClassesTheCountsTellApart) {
  // Ages 0-9, ages 0-4 and girls 0-15: ages split at 5 and at 10, sexes apart; the atoms in some
  // count are {0-4 boys, 0-4 girls, 5-9 boys, 5-9 girls, 10-15 girls}, and 0-4 girls and boys differ
  // (only girls are in the third count).
  const std::vector<count_set> sets{children(0, 9, both), children(0, 4, both), children(0, 15, female)};
  const auto atoms = detail::atoms_of_sets(sets, {});
  ASSERT_TRUE(atoms);
  EXPECT_EQ(atoms->atoms, 5u);
  EXPECT_EQ(atoms->of_set[0].size(), 4u);
  EXPECT_EQ(atoms->of_set[1].size(), 2u);
  EXPECT_EQ(atoms->of_set[2].size(), 3u);
}

TEST(AtomProgramme, GroupConditionsSplitByWhichConditionsAChildMeets) {
  // "in group a or b", "in group b", no condition (bits: a = 1, b = 2). A child meets neither
  // condition, only the first (group a), or both (group b, or a and b): three atoms.
  const std::vector<count_set> sets{children(0, 15, both, 0b11), children(0, 15, both, 0b10), children(0, 15, both)};
  const std::vector<std::uint32_t> members{0, 1, 2};
  const auto classes = detail::group_classes(sets, members, 14);
  ASSERT_TRUE(classes);
  EXPECT_EQ(classes->size(), 3u);
  // Every count holds both sexes and every age: the atoms are the three group classes.
  const auto atoms = detail::atoms_of_sets(sets, {});
  ASSERT_TRUE(atoms);
  EXPECT_EQ(atoms->atoms, 3u);
  EXPECT_EQ(atoms->of_set[0].size(), 2u);
  EXPECT_EQ(atoms->of_set[1].size(), 1u);
  EXPECT_EQ(atoms->of_set[2].size(), 3u);
}

TEST(AtomProgramme, PublishedZerosDropTheirColumnsAndAlikeColumnsMerge) {
  // Cells: 0-9 (7), 0-4 boys (2, withheld), 5-9 girls (5), 0-4 girls (0), 5-9 boys (0). The zeros
  // leave two columns, 0-4 boys and 5-9 girls; rows are the published cells that are not 0.
  const one_commune t({children(0, 9, both), children(0, 4, male), children(5, 9, female), children(0, 4, female), children(5, 9, male)});
  const std::vector<double> value{7, 2, 5, 0, 0};
  const std::vector<std::uint8_t> withheld{0, 1, 0, 0, 0};
  const auto p = build_atom_programme(t.space(), value, withheld);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->system.unknowns(), 2u);
  EXPECT_EQ(p->columns_of[0].size(), 2u);
  EXPECT_EQ(p->columns_of[1].size(), 1u);
  EXPECT_TRUE(p->columns_of[3].empty());
  EXPECT_EQ(p->row_cell, (std::vector<std::uint32_t>{0, 2}));
}

TEST(AtomProtection, ADisjointPairInsideACountIsWidenedThroughItsBindingCell) {
  // The union gap of the cell-level programme: 0-4 boys (2, protected) and 5-9 girls (5) are
  // disjoint counts inside 0-9 (7), and the published zeros 0-4 girls and 5-9 boys say they fill it,
  // so 0-4 boys = 7 - 5 = 2. No attribute splits 0-9 into the two, so the cells' sums do not see it:
  // the cell-level stage leaves only the 2 withheld. The atom programme's bound (max = 2 < 5) is
  // held by the rows of 7 and 5; of these, 5 is the smallest of at least the 3 missing, and is
  // withheld. Then 0-4 boys + 5-9 girls = 7 gives each [0, 7], and the 5 is not determined.
  disjoint_pair d;
  auto& [t, value, withheld, counts] = d;
  const std::vector<sum_constraint> sums;
  const containment_of containment = [](std::uint32_t cell, std::vector<std::uint32_t>& outer, std::vector<std::uint32_t>&) {
    if (cell == 1 || cell == 2) outer.push_back(0);
  };
  protection_report r = protect_counts(value, sums, containment, counts, withheld, {.upper = 5});
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{0, 1, 0, 0, 0}));
  EXPECT_EQ(r.unprotected, 0u);  // the cells' reader sees 0-4 boys in [0, 7]
  protect_over_atoms(t.space(), value, sums, counts, withheld, {}, {}, {.upper = 5}, r);
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{0, 1, 1, 0, 0}));
  EXPECT_EQ(r.added, 1u);
  EXPECT_EQ(r.unprotected, 0u);
  EXPECT_EQ(r.atom_columns, 2u);
}

TEST(AtomProtection, ACountIsSolvedAgainAfterTheCountsWidenedBeforeItInTheSameRound) {
  // One commune; ages 0 (2), 1 (1), 2-5 (10) and 0-5 (13), then 6 (2), 7 (1), 8 (5) and 2-8 (18).
  // Ages 0, 1, 6 and 7 are withheld and protected. Age 0 + age 1 = 13 - 10 = 3, and age 6 + age 7 =
  // 18 - 10 - 5 = 3: each of the four lies in [0, 3], 2 short of 5. Age 0's bound is held by the
  // 13 and the 10, and the 10 (the smallest of at least 2) is withheld. Solved again with the 10
  // withheld, age 1 lies in [0, 13], and ages 6 and 7 in [0, 13] (18 - 5): nothing more is needed.
  // Solving the four on the programme as the round began, ages 6 and 7 would also have withheld
  // the 5 (their own smallest binding cell), one cell more than the promise needs.
  one_commune t{{children(0, 0, both), children(1, 1, both), children(2, 5, both), children(0, 5, both), children(6, 6, both),
                 children(7, 7, both), children(8, 8, both), children(2, 8, both)}};
  const std::vector<double> value{2, 1, 10, 13, 2, 1, 5, 18};
  std::vector<std::uint8_t> withheld{1, 1, 0, 0, 1, 1, 0, 0};
  const std::vector<protected_count> counts{{0, no_cell}, {1, no_cell}, {4, no_cell}, {5, no_cell}};
  protection_report r;
  ASSERT_TRUE(protect_over_atoms(t.space(), value, {}, counts, withheld, {}, {}, {.upper = 5}, r));
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{1, 1, 1, 0, 1, 1, 0, 0}));
  EXPECT_EQ(r.added, 1u);
  EXPECT_EQ(r.unprotected, 0u);
  const auto p = build_atom_programme(t.space(), value, withheld);
  ASSERT_TRUE(p);
  linear_programme lp(p->system);
  for (const auto& [cell, most] : {std::pair{0u, 13.0}, std::pair{1u, 13.0}, std::pair{4u, 13.0}, std::pair{5u, 13.0}}) {
    EXPECT_NEAR(lp.maximise(p->terms(cell, no_cell)).objective, most, 1e-6) << cell;
    EXPECT_NEAR(lp.minimise(p->terms(cell, no_cell)).objective, 0, 1e-6) << cell;
  }
}

TEST(AtomProtection, AWiderUpperEndWithholdsTheCountThatStillHoldsTheBound) {
  // As above, with [0, 8] asked for: 6 are missing. Of the two rows that hold the bound, the 5
  // would leave 0-4 boys in [0, 7], still short; the 7 covers it and is withheld instead: then
  // nothing published bounds 0-4 boys from above, and the 5 stays published.
  disjoint_pair d;
  auto& [t, value, withheld, counts] = d;
  protection_report r;
  protect_over_atoms(t.space(), value, {}, counts, withheld, {}, {}, {.upper = 8}, r);
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{1, 1, 0, 0, 0}));
  EXPECT_EQ(r.added, 1u);
  EXPECT_EQ(r.unprotected, 0u);
}

TEST(AtomProtection, ACellReadersKnowIsNeverChosenAndTheCountStaysShort) {
  // As above, but the 5 was published by an earlier run (fixed) and the 7 too: nothing is left to
  // withhold, and the count is reported unprotected.
  disjoint_pair d;
  auto& [t, value, withheld, counts] = d;
  const std::vector<std::uint8_t> fixed{1, 0, 1, 0, 0};
  protection_report r;
  protect_over_atoms(t.space(), value, {}, counts, withheld, fixed, {}, {.upper = 5}, r);
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{0, 1, 0, 0, 0}));
  EXPECT_EQ(r.unprotected, 1u);
  EXPECT_EQ(r.added, 0u);
}

TEST(AtomProtection, AZeroThatHoldsABoundIsWithheldWhenNothingElseCan) {
  // 0-9 (8) and boys 5-15 (6) were published by an earlier run (fixed); 0-4 boys (2, protected) and
  // 5-9 boys (6) are withheld; girls 0-9 are a published 0. Then 0-4 boys = 8 - 5-9 boys >= 8 - 6
  // = 2: the least is 2, not 0 (the most is 8, with no boy of 5-9). The rows that hold the least are
  // the two fixed cells and the zero: the zero is withheld, girls may then hold what 0-4 boys do
  // not, and 0-4 boys lies in [0, 8].
  const one_commune t({children(0, 9, both), children(0, 4, male), children(5, 9, male), children(5, 15, male), children(0, 9, female)});
  const std::vector<double> value{8, 2, 6, 6, 0};
  std::vector<std::uint8_t> withheld{0, 1, 1, 0, 0};
  const std::vector<std::uint8_t> fixed{1, 0, 0, 1, 0};
  const std::vector<protected_count> counts{{1, no_cell}};
  protection_report r;
  protect_over_atoms(t.space(), value, {}, counts, withheld, fixed, {}, {.upper = 5}, r);
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{0, 1, 1, 0, 1}));
  EXPECT_EQ(r.added, 1u);
  EXPECT_EQ(r.unprotected, 0u);
}

TEST(AtomProtection, WithheldCellsEveryReaderWorksOutArePublished) {
  // 0-9 (7) published; 0-4 (7, withheld, not small) and 5-9 (0, withheld) inside it, with 5-9 girls
  // (0) and 5-9 boys (0) published: 5-9 is 0 in every solution, so 0-4 is 7: both are determined and
  // published. No count is protected.
  const one_commune t({children(0, 9, both), children(0, 4, both), children(5, 9, both), children(5, 9, female), children(5, 9, male)});
  const std::vector<double> value{7, 7, 0, 0, 0};
  std::vector<std::uint8_t> withheld{0, 1, 1, 0, 0};
  protection_report r;
  protect_over_atoms(t.space(), value, {}, {}, withheld, {}, {}, {.upper = 5}, r);
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{0, 0, 0, 0, 0}));
  EXPECT_EQ(r.released, 2u);
}

TEST(AtomProtection, ACountAnEarlierRunWithheldIsKeptFromBeingWorkedOut) {
  // An earlier run withheld girls 0-4 (0) and published 0-9 (5). This run would publish girls 0-9 as
  // 0, which says girls 0-4 are 0: the count the earlier run withheld. It cannot be published (the
  // log withholds it), so the zero that determines it is withheld too: girls 0-4 then lie in [0, 5].
  const one_commune t({children(0, 9, both), children(0, 4, female), children(0, 9, female)});
  const std::vector<double> value{5, 0, 0};
  std::vector<std::uint8_t> withheld{0, 1, 0};
  const std::vector<std::uint8_t> fixed{1, 0, 0}, kept{0, 1, 0};
  protection_report r;
  protect_over_atoms(t.space(), value, {}, {}, withheld, fixed, kept, {.upper = 5}, r);
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{0, 1, 1}));
  EXPECT_EQ(r.unprotected, 0u);
  EXPECT_EQ(r.released, 0u);
  // Without the log's word, girls 0-4 are simply published: every reader knows them.
  std::vector<std::uint8_t> alone{0, 1, 0};
  protection_report r2;
  protect_over_atoms(t.space(), value, {}, {}, alone, fixed, {}, {.upper = 5}, r2);
  EXPECT_EQ(alone, (std::vector<std::uint8_t>{0, 0, 0}));
  EXPECT_EQ(r2.released, 1u);
  // The log does not say what a withheld count was, and a count an earlier run withheld over
  // communes this table does not hold has no number here: the same zero is withheld for it.
  const std::vector<double> unknown{5, std::numeric_limits<double>::quiet_NaN(), 0};
  std::vector<std::uint8_t> logged{0, 1, 0};
  protection_report r3;
  protect_over_atoms(t.space(), unknown, {}, {}, logged, fixed, kept, {.upper = 5}, r3);
  EXPECT_EQ(logged, (std::vector<std::uint8_t>{0, 1, 1}));
  EXPECT_EQ(r3.unprotected, 0u);
}

TEST(AtomProtection, CommunesOfADistrictAreColumnsOfTheirOwn) {
  // Two communes; the district (both) publishes 0-9 = 9 and each commune 0-9 (commune 0: 3,
  // commune 1: 6). Commune 0's 3 is protected and withheld; with the district's 9 and commune 1's 6
  // published, 3 = 9 - 6: the 6 holds the bound (needs 2 more, 6 >= 2; the 9 is larger) and is withheld.
  std::vector<count_set> sets{children(0, 9, both)};
  const std::vector<std::uint32_t> set_of{0, 0, 0}, unit_of{0, 1, 2};
  const std::vector<std::vector<std::uint32_t>> communes{{0, 1}, {0}, {1}};
  const cell_space space{sets, set_of, unit_of, communes};
  const std::vector<double> value{9, 3, 6};
  std::vector<std::uint8_t> withheld{0, 1, 0};
  const std::vector<protected_count> counts{{1, no_cell}};
  protection_report r;
  protect_over_atoms(space, value, {}, counts, withheld, {}, {}, {.upper = 5}, r);
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{0, 1, 1}));
  EXPECT_EQ(r.atom_columns, 2u);
  EXPECT_EQ(r.unprotected, 0u);
}

TEST(AtomProtection, ATableBeyondTheLimitsKeepsTheCellLevelVerdict) {
  const one_commune t({children(0, 9, both), children(0, 4, male)});
  const std::vector<double> value{7, 2};
  std::vector<std::uint8_t> withheld{0, 1};
  protection_report r;
  r.unprotected = 3;
  atom_protection_options o{.upper = 5};
  o.limits.max_columns = 1;
  protect_over_atoms(t.space(), value, {}, std::vector<protected_count>{{1, no_cell}}, withheld, {}, {}, o, r);
  EXPECT_EQ(r.atom_columns, 0u);
  EXPECT_EQ(r.unprotected, 3u);
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{0, 1}));
}

}  // namespace
