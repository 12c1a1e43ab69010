// The child register, column by column: one row per child, small integer codes and bit sets so that
// indicator passes read few bytes. No names; the id is a pseudonym (see pseudonym.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "treem/core/string_column.hpp"
#include "treem/registers/vocabulary.hpp"

namespace treem::registers {

/// The 14 groups of children in special circumstances, Law on Children Art. 10(1), lettered a-o
/// (Vietnamese lettering: no f, j). Bit i of `special_groups` is group special_group_letters[i].
inline constexpr std::array<std::string_view, 14> special_group_letters{"a", "b", "c", "d", "đ", "e", "g",
                                                                        "h", "i", "k", "l", "m", "n", "o"};
inline constexpr std::array<std::string_view, 14> special_group_names_vi{
    "Trẻ em mồ côi cả cha và mẹ", "Trẻ em bị bỏ rơi", "Trẻ em không nơi nương tựa", "Trẻ em khuyết tật",
    "Trẻ em nhiễm HIV/AIDS", "Trẻ em vi phạm pháp luật", "Trẻ em nghiện ma túy",
    "Trẻ em phải bỏ học kiếm sống chưa hoàn thành phổ cập giáo dục trung học cơ sở",
    "Trẻ em bị tổn hại nghiêm trọng về thể chất và tinh thần do bị bạo lực", "Trẻ em bị bóc lột", "Trẻ em bị xâm hại tình dục",
    "Trẻ em bị mua bán", "Trẻ em mắc bệnh hiểm nghèo hoặc bệnh phải điều trị dài ngày thuộc hộ nghèo hoặc hộ cận nghèo",
    "Trẻ em di cư, trẻ em lánh nạn, tị nạn chưa xác định được cha mẹ hoặc không có người chăm sóc"};

/// Yes/no attributes of a child, one bit each.
enum child_flag : std::uint8_t {
  receiving_support = 1u << 0,  ///< a child in special circumstances who receives support
  birth_registered = 1u << 1,
  health_insurance = 1u << 2,   ///< holds a health-insurance card
  disability = 1u << 3,
  enrolled = 1u << 4,           ///< at school or preschool
};

/// The names of the flags, bit 0 first (also the register's column names in English).
inline constexpr std::string_view child_flag_names[] = {"receiving_support", "birth_registered", "health_insurance", "disability", "enrolled"};

struct child_register {
  std::vector<std::string> units;  ///< dictionary of commune codes; `unit` indexes it
  std::vector<std::string> ethnicities;  ///< dictionary of ethnic groups; `ethnicity` indexes it

  string_column id;                       ///< pseudonymous id
  std::vector<std::uint32_t> unit;
  std::vector<sex> child_sex;
  std::vector<std::int32_t> birth;        ///< days since 1970-01-01
  std::vector<std::uint16_t> ethnicity;
  std::vector<std::uint16_t> special_groups;  ///< bit set over special_group_letters
  std::vector<std::uint8_t> flags;            ///< child_flag bits

  friend bool operator==(const child_register&, const child_register&) = default;
  [[nodiscard]] std::size_t size() const noexcept { return id.size(); }
  void reserve(std::size_t n) {
    id.reserve(n, n * 16);
    unit.reserve(n);
    child_sex.reserve(n);
    birth.reserve(n);
    ethnicity.reserve(n);
    special_groups.reserve(n);
    flags.reserve(n);
  }
};

}  // namespace treem::registers
