// Inputs that would make treem use unbounded memory, time or stack are refused with a message at a
// documented limit, never by the kernel.
#include <gtest/gtest.h>

#include "error_of.hpp"

#include <functional>
#include <string>

#include "treem/io/toml_reader.hpp"
#include "treem/units/units_toml.hpp"

namespace {

using treem::testing::error_of;

TEST(Limits, ATomlFileLargerThanTheLimitIsRefusedUnread) {
  const std::string big(treem::io::max_toml_bytes + 1, '#');
  EXPECT_EQ(error_of([&] { (void)treem::io::parse_toml(big, "big.toml"); }), "big.toml:1:1: the file is larger than 16 MiB (the limit for a TOML data file)");
}

TEST(Limits, DeeplyNestedKeysAndValuesAreRefusedWithTheirLine) {
  // Found by fuzz_toml: 100,000 dotted levels overflowed the stack inside toml++.
  std::string dotted = "schema = \"treem.units/1\"\na";
  for (int i = 0; i < 100000; ++i) dotted += ".a";
  dotted += " = 1\n";
  EXPECT_EQ(error_of([&] { (void)treem::load_units(dotted, "u.toml"); }), "u.toml:2:1: a key or table name nested more than 128 levels deep");
  std::string header = "\n\n[";
  for (int i = 0; i < 200; ++i) header += "t.";
  header += "t]\n";
  EXPECT_EQ(error_of([&] { (void)treem::io::parse_toml(header, "h.toml"); }), "h.toml:3:1: a key or table name nested more than 128 levels deep");
  // Nested arrays and inline tables: toml++'s own limit, reported at the place.
  const std::string arrays = "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  const std::string message = error_of([&] { (void)treem::io::parse_toml(arrays, "a.toml"); });
  EXPECT_EQ(message.rfind("a.toml:1:", 0), 0u) << message;
  EXPECT_NE(message.find("TOML syntax"), std::string::npos) << message;
  // A key with dots in its value is not a deep key.
  EXPECT_NO_THROW((void)treem::io::parse_toml("x = \"" + std::string(1000, '.') + "\"\n", "v.toml"));
}

}  // namespace
