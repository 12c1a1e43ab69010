#include <gtest/gtest.h>

#include "treem/core/unicode.hpp"

namespace {

// "Sơn Hạ" written two ways: precomposed U+01A1 U+1EA1, and decomposed o + U+031B, a + U+0323.
const std::string son_ha_dot_composed = "S\xC6\xA1n H\xE1\xBA\xA1";
const std::string son_ha_dot_decomposed = "So\xCC\x9Bn Ha\xCC\xA3";

TEST(Unicode, NfcComposesDecomposedText) {
  EXPECT_NE(son_ha_dot_composed, son_ha_dot_decomposed);
  EXPECT_EQ(treem::unicode::nfc(son_ha_dot_decomposed), son_ha_dot_composed);
  EXPECT_TRUE(treem::unicode::is_nfc(son_ha_dot_composed));
  EXPECT_FALSE(treem::unicode::is_nfc(son_ha_dot_decomposed));
}

TEST(Unicode, SameNameIgnoresEncodingButNotToneMarks) {
  EXPECT_TRUE(treem::unicode::same_name(son_ha_dot_decomposed, "Sơn Hạ"));
  EXPECT_FALSE(treem::unicode::same_name("Sơn Hà", "Sơn Hạ"));
  EXPECT_FALSE(treem::unicode::same_name("Sơn Hà", "Son Ha"));
}

TEST(Unicode, InvalidUtf8IsAParseErrorNamingTheByte) {
  EXPECT_FALSE(treem::unicode::is_valid_utf8("ab\xC3"));
  EXPECT_EQ(treem::unicode::first_invalid_utf8("ab\xFFz"), 2u);
  try {
    (void)treem::unicode::nfc("ab\xFFz");
    FAIL() << "expected a parse_error";
  } catch (const treem::parse_error& e) {
    EXPECT_EQ(e.where().column, 3u);
  }
}

TEST(Unicode, LowerCaseFollowsUnicode) {
  EXPECT_EQ(treem::unicode::to_lower("NGÀY Tháng NĂM"), "ngày tháng năm");
}

}  // namespace
