// The synthetic generator and pseudonyms.
#include <gtest/gtest.h>

#include <cmath>

#include "treem/data/bundled.hpp"
#include "treem/registers/pseudonym.hpp"

namespace {

using namespace treem::registers;

const treem::date reference = treem::make_date(2024, 12, 31);

generated_registers sonha(std::uint64_t seed) {
  return generate_registers(treem::data::generator_units("sonha"), treem::data::synthetic_generator_parameters(), seed, reference);
}

TEST(Generator, SameSeedSameRegistersOtherSeedOther) {
  const auto a = sonha(1), b = sonha(1), c = sonha(2);
  EXPECT_EQ(a.children.id, b.children.id);
  EXPECT_EQ(a.children.birth, b.children.birth);
  EXPECT_EQ(a.incidents.day, b.incidents.day);
  EXPECT_NE(a.children.birth, c.children.birth);
}

TEST(Generator, AUnitsRowsDoNotDependOnTheOtherUnits) {
  const auto all = treem::data::generator_units("sonha");
  const auto p = treem::data::synthetic_generator_parameters();
  const auto full = generate_registers(all, p, 5, reference);
  // Generate the 4th unit alone.
  const auto part = generate_registers({all[3]}, p, 5, reference);
  std::vector<std::int32_t> births_full, births_part;
  for (std::size_t i = 0; i < full.children.size(); ++i) if (full.children.unit[i] == 3) births_full.push_back(full.children.birth[i]);
  for (std::size_t i = 0; i < part.children.size(); ++i) births_part.push_back(part.children.birth[i]);
  EXPECT_FALSE(births_full.empty());
  EXPECT_EQ(births_full, births_part);
}

TEST(Generator, ChildrenAreUnder16AndIncidentsInTheYear) {
  const auto g = sonha(3);
  const auto ref = static_cast<std::int32_t>(treem::to_epoch_days(reference));
  const auto sixteen_years_before = static_cast<std::int32_t>(treem::to_epoch_days(treem::make_date(2008, 12, 31)));
  for (auto b : g.children.birth) {
    ASSERT_LE(b, ref);
    ASSERT_GT(b, sixteen_years_before);  // born after 31/12/2008: under 16 on 31/12/2024
  }
  const auto jan1 = static_cast<std::int32_t>(treem::to_epoch_days(treem::make_date(2024, 1, 1)));
  for (auto d : g.incidents.day) {
    ASSERT_GE(d, jan1);
    ASSERT_LE(d, ref);
  }
}

TEST(Generator, SharesFollowTheParameters) {
  // 14 units of ~2,488 children: about 35,000 draws per share. A share p is checked to within five
  // standard errors, sqrt(p (1 - p) / n): failing means a real error, not bad luck.
  const auto g = sonha(11);
  const double n = static_cast<double>(g.children.size());
  ASSERT_GT(n, 14 * 2488 * 0.6);
  auto within = [&](double observed, double p) { return std::abs(observed - p) <= 5 * std::sqrt(p * (1 - p) / n); };
  double boys = 0, registered = 0, special = 0;
  for (std::size_t i = 0; i < g.children.size(); ++i) {
    boys += g.children.child_sex[i] == sex::male;
    registered += (g.children.flags[i] & birth_registered) != 0;
    special += g.children.special_groups[i] != 0;
  }
  EXPECT_TRUE(within(boys / n, 0.51)) << boys / n;
  EXPECT_TRUE(within(registered / n, 0.985)) << registered / n;
  // In a special circumstance: disabled (1.5%), or one of the 14 groups (6%), or both.
  EXPECT_TRUE(within(special / n, 1 - (1 - 0.06) * (1 - 0.015))) << special / n;
  // Injuries: a Poisson count with mean n * 550 / 100,000; five standard deviations again.
  double injuries = 0;
  for (auto k : g.incidents.kind) injuries += !treem::certify::is_abuse(k);
  const double mean = n * 550e-5;
  EXPECT_LE(std::abs(injuries - mean), 5 * std::sqrt(mean)) << injuries;
}

TEST(Pseudonym, Rfc4231TestCase1) {
  // HMAC-SHA-256 with a key of twenty 0x0b bytes over "Hi There" (RFC 4231, section 4.2).
  const pseudonymiser p(std::string(20, '\x0b'));
  EXPECT_EQ(p("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_NE(p("Hi There"), pseudonymiser(std::string(20, '\x0c'))("Hi There"));
  EXPECT_THROW(pseudonymiser("short"), treem::validation_error);
}

}  // namespace

namespace {

// Incidents run from 1 January to the reference date, and the units are those of that date.
TEST(Generator, FollowsTheReferenceDate) {
  const auto mid = treem::registers::generate_registers(treem::data::generator_units("sonha", treem::make_date(2024, 6, 30)),
                                                        treem::data::synthetic_generator_parameters(), 3, treem::make_date(2024, 6, 30));
  const auto last = static_cast<std::int32_t>(treem::to_epoch_days(treem::make_date(2024, 6, 30)));
  ASSERT_FALSE(mid.incidents.day.empty());
  for (auto d : mid.incidents.day) EXPECT_LE(d, last);
  const auto after = treem::data::generator_units("sonha", treem::make_date(2025, 12, 31));
  ASSERT_EQ(after.size(), 5u);  // the communes of Nghị quyết 1677 from 01/07/2025
  EXPECT_EQ(after.front().code, "21289");
}

}  // namespace
