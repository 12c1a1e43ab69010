#include "cli/csv_table.hpp"

#include "io/csv_stream.hpp"

namespace treem::cli {

int csv_table::require(std::string_view name) const {
  const int i = column(name);
  if (i < 0) throw parse_error({source, 1, 0}, "CSV header: the column '" + std::string(name) + "' is missing");
  return i;
}

csv_table read_csv(std::string_view text, const std::string& file) {
  csv_table t;
  static_cast<io::string_table&>(t) = io::read_csv(text, file);
  return t;
}

}  // namespace treem::cli
