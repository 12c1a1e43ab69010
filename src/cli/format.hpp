// Small text-table helpers shared by the commands.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "treem/time/date.hpp"

namespace treem::cli {

/// Display width of UTF-8 text: code points, not bytes (Vietnamese letters take 2-3 bytes).
/// Combining marks are not expected because treem keeps text in NFC.
inline std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

/// Prints rows as aligned columns, the first row being the header.
inline void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - display_width(row[i]) + 2, ' ');
    }
    out << "  " << line << '\n';
  }
}

inline const char* weekday_vi(const date& d) {
  static constexpr const char* names[] = {"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"};
  return names[d.day_of_week().as_number()];
}

}  // namespace treem::cli
