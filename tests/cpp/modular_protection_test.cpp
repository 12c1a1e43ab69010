// The modular method for tables beyond one atom programme: the units as a hierarchy, the
// sub-tables cut from it, and protection sub-table by sub-table, checked against the programme of
// the whole table. Expectations are worked out by hand in each comment.
#include <gtest/gtest.h>

#include "treem/indicators/modular_protection.hpp"
#include "treem/indicators/protection_warnings.hpp"

#include "count_sets.hpp"

namespace {

using namespace treem::indicators;
using treem::test::children, treem::test::male, treem::test::female, treem::test::both;
using units = std::vector<std::vector<std::uint32_t>>;

TEST(ModularProtection, UnitsFormAHierarchyOrNone) {
  // Communes 0..3, districts {0, 1} and {2, 3}, the province of all four (unit sets 0..6).
  const units hierarchy{{0}, {1}, {2}, {3}, {0, 1}, {2, 3}, {0, 1, 2, 3}};
  const auto parent = detail::unit_parents(hierarchy);
  ASSERT_TRUE(parent);
  EXPECT_EQ(*parent, (std::vector<std::uint32_t>{4, 4, 5, 5, 6, 6, detail::no_unit}));
  // {0, 1} and {1, 2} overlap and neither holds the other, inside {0, 1, 2} or alone.
  EXPECT_FALSE(detail::unit_parents(units{{0, 1}, {1, 2}, {0, 1, 2}}));
  EXPECT_FALSE(detail::unit_parents(units{{0, 1}, {1, 2}}));
}

TEST(ModularProtection, SubTablesRunFromTheTopDownWithOneBlockPerUnitInside) {
  // The province {0, 1, 2} holds the district {0, 1} and commune 2 is not published: the province's
  // sub-table has the district as block 0 and commune 2 as a block of its own (1); the district's
  // has communes 0 and 1.
  const units u{{0}, {1}, {0, 1}, {0, 1, 2}};
  const auto parent = detail::unit_parents(u);
  ASSERT_TRUE(parent);
  const auto subs = detail::sub_tables(u, *parent);
  ASSERT_EQ(subs.size(), 2u);
  EXPECT_EQ(subs[0].units, (std::vector<std::uint32_t>{3, 2}));
  EXPECT_EQ(subs[0].blocks, (units{{0, 1}, {0}}));
  EXPECT_EQ(subs[1].units, (std::vector<std::uint32_t>{2, 0, 1}));
  EXPECT_EQ(subs[1].blocks, (units{{0, 1}, {0}, {1}}));
}

/// Four communes in two districts of one province, each publishing five counts: 0-9, 0-4 boys,
/// 5-9 girls, 0-4 girls, 5-9 boys (cell = unit * 5 + count). Commune 0 holds the disjoint pair: 7 =
/// 2 boys 0-4 (protected, withheld) + 5 girls 5-9, with no girls 0-4 nor boys 5-9; the others have 6
/// of each. Units 0..3 the communes, 4 and 5 the districts, 6 the province.
struct province_table {
  std::vector<count_set> sets{children(0, 9, both), children(0, 4, male), children(5, 9, female), children(0, 4, female), children(5, 9, male)};
  units communes{{0}, {1}, {2}, {3}, {0, 1}, {2, 3}, {0, 1, 2, 3}};
  std::vector<std::uint32_t> set_of, unit_of;
  std::vector<double> value;
  std::vector<std::uint8_t> withheld;
  std::vector<protected_count> counts{{1, no_cell}};

  province_table() {
    const std::vector<std::vector<double>> by_unit{{7, 2, 5, 0, 0},     {24, 6, 6, 6, 6},    {24, 6, 6, 6, 6},    {24, 6, 6, 6, 6},
                                                   {31, 8, 11, 6, 6},   {48, 12, 12, 12, 12}, {79, 20, 23, 18, 18}};
    for (std::uint32_t u = 0; u < by_unit.size(); ++u) {
      for (std::uint32_t s = 0; s < 5; ++s) set_of.push_back(s), unit_of.push_back(u), value.push_back(by_unit[u][s]);
    }
    withheld.assign(value.size(), 0);
    withheld[1] = 1;
  }
  [[nodiscard]] cell_space space() const { return {sets, set_of, unit_of, communes}; }
};

TEST(ModularProtection, ATableTooLargeForOneProgrammeIsProtectedInSubTables) {
  // The whole table's programme has 14 unknowns (4 atoms in each commune, less commune 0's two
  // zeros); the sub-tables have 8 (the province: two district blocks), 6 and 8. With room for 10,
  // only the sub-tables are read. In the district's, boys 0-4 of commune 0 = 8 - 6 (the district's
  // boys less commune 1's) and = 7 - 5: both are widened there, and the whole table's programme,
  // solved afterwards, leaves the 2 anywhere in [0, 5] or wider.
  province_table t;
  modular_options o;
  o.atoms.upper = 5;
  o.atoms.limits.max_unknowns = 10;
  protection_report whole;
  std::vector<std::uint8_t> untouched = t.withheld;
  EXPECT_FALSE(protect_over_atoms(t.space(), t.value, {}, t.counts, untouched, {}, {}, o.atoms, whole));
  const auto before = build_atom_programme(t.space(), t.value, t.withheld);
  ASSERT_TRUE(before);
  EXPECT_NEAR(linear_programme(before->system).maximise(before->terms(1, no_cell)).objective, 2, 1e-6);  // as published: exactly 2
  protection_report r;
  ASSERT_TRUE(protect_in_sub_tables(t.space(), t.value, {}, t.counts, t.withheld, {}, {}, o, r));
  // Which cells: commune 0's girls 5-9 (the 5, cell 2: 7 - 5), commune 1's boys 0-4 (the 6, cell 6:
  // 8 - 6), and, since commune 1's 24 less its three other counts gives that 6 back, its girls 5-9
  // (cell 7). Then boys 0-4 of commune 0 = 7 - its girls 5-9, anywhere in [0, 7].
  EXPECT_EQ(t.withheld, [] {
    std::vector<std::uint8_t> w(35, 0);
    w[1] = w[2] = w[6] = w[7] = 1;
    return w;
  }());
  EXPECT_EQ(r.sub_tables, 3u);
  EXPECT_GT(r.atom_columns, 0u);
  EXPECT_LE(r.atom_columns, 10u);
  EXPECT_EQ(r.unprotected, 0u);
  EXPECT_GE(r.added, 1u);
  const auto p = build_atom_programme(t.space(), t.value, t.withheld);
  ASSERT_TRUE(p);
  linear_programme lp(p->system);
  const auto terms = p->terms(1, no_cell);
  EXPECT_GE(lp.maximise(terms).objective, 5 - 1e-6);
  EXPECT_LE(lp.minimise(terms).objective, 1e-6);
}

TEST(ModularProtection, UnitsThatAreNoHierarchyKeepTheCellLevelVerdict) {
  // Two overlapping unit sets: no sub-tables, nothing changed.
  const std::vector<count_set> sets{children(0, 9, both)};
  const std::vector<std::uint32_t> set_of{0, 0}, unit_of{0, 1};
  const units communes{{0, 1}, {1, 2}};
  const std::vector<double> value{3, 9};
  std::vector<std::uint8_t> withheld{1, 0};
  protection_report r;
  EXPECT_FALSE(protect_in_sub_tables({sets, set_of, unit_of, communes}, value, {}, std::vector<protected_count>{{0, no_cell}}, withheld, {}, {},
                                     {}, r));
  EXPECT_EQ(withheld, (std::vector<std::uint8_t>{1, 0}));
  EXPECT_EQ(r.sub_tables, 0u);
}

TEST(ModularProtection, WarningsSayHowTheTableWasRead) {
  protection_report whole;
  whole.atom_columns = 10290;
  EXPECT_TRUE(protection_warnings(whole, 5, true).empty());
  protection_report in_parts = whole;
  in_parts.sub_tables = 13;
  const auto parts = protection_warnings(in_parts, 5, true);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_NE(parts[0].find("read in 13 sub-tables"), std::string::npos);
  EXPECT_NE(parts[0].find("a reader who combines them"), std::string::npos);
  protection_report unread;  // atom_columns 0: too large even in parts, or not a hierarchy
  EXPECT_NE(protection_warnings(unread, 5, true).at(0).find("checked against the sums and containments between counts only"), std::string::npos);
  EXPECT_TRUE(protection_warnings(unread, 5, false).empty());  // nothing withheld: nothing to protect
  unread.sub_tables = 55, unread.unprotected = 2;
  const auto two = protection_warnings(unread, 9, true);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].rfind("2 small counts keep an interval narrower than 0..9", 0), 0u);
  EXPECT_NE(two[1].find("55 sub-tables (each unit with the units inside it), some of them too large as well"), std::string::npos);
}

}  // namespace
