#include <gtest/gtest.h>

#include "treem/core/error.hpp"

namespace {

TEST(SourceLocation, FormatsOnlyKnownParts) {
  EXPECT_EQ((treem::source_location{"plan.toml", 12, 3}).to_string(), "plan.toml:12:3");
  EXPECT_EQ((treem::source_location{"plan.toml", 12, 0}).to_string(), "plan.toml:12");
  EXPECT_EQ((treem::source_location{"plan.toml", 0, 0}).to_string(), "plan.toml");
  EXPECT_EQ((treem::source_location{"", 0, 0}).to_string(), "<input>");
}

TEST(SourceLocation, ShiftMovesOnlyKnownColumns) {
  EXPECT_EQ((treem::source_location{"f", 2, 5}).shifted(3).column, 8u);
  EXPECT_EQ((treem::source_location{"f", 2, 0}).shifted(3).column, 0u);
}

TEST(Errors, MessagesNameLocationFieldAndRule) {
  const treem::validation_error v({"units.toml", 4, 8}, "unit[2].kind", "unknown kind 'xa2'");
  EXPECT_STREQ(v.what(), "units.toml:4:8: unit[2].kind: unknown kind 'xa2'");
  EXPECT_EQ(v.field(), "unit[2].kind");
  EXPECT_EQ(v.rule(), "unknown kind 'xa2'");
  const treem::parse_error p({"<date>", 1, 4}, "bad");
  EXPECT_STREQ(p.what(), "<date>:1:4: bad");
  EXPECT_EQ(p.message(), "bad");
  const treem::not_found_error n("unit", "99999", "on 01/01/2024");
  EXPECT_STREQ(n.what(), "unit '99999' not found on 01/01/2024");
}

TEST(Errors, AllDeriveFromTreemError) {
  EXPECT_THROW(throw treem::parse_error({}, "x"), treem::error);
  EXPECT_THROW(throw treem::validation_error({}, "f", "r"), treem::error);
  EXPECT_THROW(throw treem::not_found_error("a", "b"), treem::error);
}

}  // namespace
