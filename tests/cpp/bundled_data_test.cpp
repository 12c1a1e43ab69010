// The data compiled into the library is the data in data/: the embedded text is byte-identical
// to the file, so nothing can drift between the C++ build, the install and the Python package.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "treem/data/bundled.hpp"
#include "treem/data/embedded.hpp"

#ifndef TREEM_SOURCE_DIR
#error "TREEM_SOURCE_DIR must be defined by the build"
#endif

namespace {

std::string read(const std::string& relative) {
  std::ifstream in(std::string(TREEM_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(BundledData, EmbeddedTextEqualsTheDataFiles) {
  namespace e = treem::data::embedded;
  EXPECT_EQ(e::units_quang_ngai_son_ha, read(std::string(e::units_quang_ngai_son_ha_name)));
  EXPECT_EQ(e::holidays_vietnam, read(std::string(e::holidays_vietnam_name)));
  EXPECT_EQ(e::units_quang_ngai_son_ha_name, "data/units/quang-ngai-son-ha.toml");
}

TEST(BundledData, ParsesOnceAndIsShared) {
  EXPECT_EQ(&treem::data::quang_ngai_son_ha_units(), &treem::data::quang_ngai_son_ha_units());
  EXPECT_EQ(treem::data::vietnam_holidays().rules().id, "vn-public-holidays");
  EXPECT_EQ(treem::data::quang_ngai_son_ha_units().size(), 1u + 1u + 14u + 1u + 5u);
}

}  // namespace
