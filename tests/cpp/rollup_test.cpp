#include <gtest/gtest.h>

#include <random>

#include <Eigen/Dense>

#include "treem/data/bundled.hpp"
#include "treem/units/rollup.hpp"

namespace {

using treem::make_date;

std::vector<std::string> codes_of(const std::vector<const treem::admin_unit*>& v) {
  std::vector<std::string> out;
  for (const auto* u : v) out.push_back(u->code);
  return out;
}

const auto& units() { return treem::data::quang_ngai_son_ha_units(); }
const treem::date in_2024 = make_date(2024, 12, 31);

TEST(Rollup, CommunesToDistrictAndProvince) {
  const auto communes = codes_of(units().descendants("529", in_2024));
  const auto m = treem::aggregation_matrix(units(), communes, {"529"}, in_2024);
  ASSERT_EQ(m.rows(), 1);
  ASSERT_EQ(m.cols(), 14);
  Eigen::VectorXd counts(14);
  for (int i = 0; i < 14; ++i) counts[i] = i + 1;  // 1 + 2 + ... + 14 = 105
  EXPECT_DOUBLE_EQ((m * counts)[0], 105.0);
  const auto to_province = treem::aggregation_matrix(units(), communes, {"51"}, in_2024);
  EXPECT_DOUBLE_EQ((to_province * counts)[0], 105.0);
}

TEST(Rollup, TargetsMustBeOneLevel) {
  const auto communes = codes_of(units().descendants("529", in_2024));
  // Both the district and the province contain every commune: each would be counted twice.
  EXPECT_THROW((void)treem::aggregation_matrix(units(), communes, {"529", "51"}, in_2024), treem::validation_error);
  EXPECT_THROW((void)treem::aggregation_matrix(units(), communes, {"21292"}, in_2024), treem::validation_error);
  EXPECT_THROW((void)treem::aggregation_matrix(units(), {"21292", "21292"}, {"529"}, in_2024), treem::validation_error);
}

TEST(Rollup, MergerCarries2024DataOntoTheNewCommunes) {
  const treem::merger& m = units().get_merger("nq-1677-2025-son-ha");
  const auto old_codes = codes_of(units().descendants("529", in_2024));
  const std::vector<std::string> new_codes{"21289", "21292", "21307", "21319", "21325"};
  const auto M = treem::merger_matrix(m, old_codes, new_codes);
  Eigen::VectorXd counts(14);
  for (int i = 0; i < 14; ++i) counts[i] = i + 1;  // code order: 21289 -> 1, 21292 -> 2, ... 21328 -> 14
  const Eigen::VectorXd by_new = M * counts;
  // Xã Sơn Hà = Di Lăng (21289: 1) + Sơn Bao (21301: 5) + Sơn Thượng (21313: 9) = 15.
  EXPECT_DOUBLE_EQ(by_new[0], 15.0);
  // Xã Sơn Hạ = Sơn Hạ (2) + Sơn Thành (3) + Sơn Nham (4) = 9.
  EXPECT_DOUBLE_EQ(by_new[1], 9.0);
  // Xã Sơn Linh = Sơn Linh (6) + Sơn Giang (7) + Sơn Cao (10) = 23.
  EXPECT_DOUBLE_EQ(by_new[2], 23.0);
  // Xã Sơn Thủy = Sơn Trung (8) + Sơn Hải (11) + Sơn Thủy (12) = 31.
  EXPECT_DOUBLE_EQ(by_new[3], 31.0);
  // Xã Sơn Kỳ = Sơn Kỳ (13) + Sơn Ba (14) = 27.
  EXPECT_DOUBLE_EQ(by_new[4], 27.0);
}

TEST(Rollup, TotalsArePreservedForAnyCounts) {
  // Property: the district total equals the sum over communes, before and after the merger.
  const treem::merger& m = units().get_merger("nq-1677-2025-son-ha");
  const auto old_codes = codes_of(units().descendants("529", in_2024));
  const std::vector<std::string> new_codes{"21289", "21292", "21307", "21319", "21325"};
  const auto M = treem::merger_matrix(m, old_codes, new_codes);
  const auto D = treem::aggregation_matrix(units(), old_codes, {"529"}, in_2024);
  std::mt19937 rng(2024);
  std::uniform_int_distribution<int> count(0, 5000);
  for (int trial = 0; trial < 200; ++trial) {
    Eigen::VectorXd v(14);
    for (int i = 0; i < 14; ++i) v[i] = count(rng);
    ASSERT_DOUBLE_EQ((M * v).sum(), v.sum());
    ASSERT_DOUBLE_EQ((D * v)[0], v.sum());
  }
}

TEST(Rollup, MergerMatrixRejectsUnknownUnits) {
  const treem::merger& m = units().get_merger("nq-1677-2025-son-ha");
  EXPECT_THROW((void)treem::merger_matrix(m, {"529"}, {"21289"}), treem::validation_error);
  EXPECT_THROW((void)treem::merger_matrix(m, {"21301"}, {"21292"}), treem::validation_error);
}

}  // namespace
