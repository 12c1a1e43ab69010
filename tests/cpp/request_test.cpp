// The one reading of an indicator request as a user writes it: the program's options and Python's
// keywords give the same request, and a wrong word names the argument in the user's own terms.
#include <gtest/gtest.h>

#include "treem/indicators/request.hpp"

namespace {

using namespace treem::indicators;

TEST(RequestText, ReadsEveryWord) {
  request_text text;
  text.period = "2024S1";
  text.levels = {"district", "commune"};
  text.age_groups = "0-4,5-15";
  text.breakdowns = {{"ethnicity", "sex"}};
  text.zero_denominator = "error";
  text.suppress = false;
  text.k = 9;
  const indicator_request req = parse_request(text);
  EXPECT_EQ(req.period.iso(), "2024S1");
  EXPECT_EQ(req.levels, (std::vector<level>{level::district, level::commune}));
  ASSERT_TRUE(req.age_groups.has_value());
  EXPECT_EQ(req.age_groups->size(), 2u);
  EXPECT_EQ(req.extra_breakdowns, (std::vector<std::vector<dimension>>{{dimension::ethnicity, dimension::sex}}));
  EXPECT_EQ(req.zero_denominator, zero_denominator_policy::error);
  EXPECT_FALSE(req.suppression.enabled);
  EXPECT_EQ(req.suppression.threshold, 9);
}

TEST(RequestText, ErrorsNameTheArgumentAsTheUserWroteIt) {
  request_text text;
  text.levels = {"hamlet"};
  const auto message = [](const request_text& t) {
    try {
      (void)parse_request(t);
    } catch (const treem::error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(text), "<argument level>:1:1: level: 'hamlet' is not commune, district, province or nation");
  text.command_line = true;
  EXPECT_EQ(message(text), "<argument --level>:1:1: level: 'hamlet' is not commune, district, province or nation");
  request_text zero;
  zero.zero_denominator = "skip";
  EXPECT_EQ(message(zero), "<argument zero_denominator>:1:1: zero_denominator: 'skip' is not nan or error");
  request_text breakdown;
  breakdown.breakdowns = {{"sex", "religion"}};
  EXPECT_EQ(message(breakdown), "<argument breakdowns>:1:1: breakdowns: 'religion' is not sex, age_group, ethnicity, kind or environment");
}

}  // namespace
