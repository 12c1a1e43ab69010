// Reading a child register CSV for the commands: in chunks of 65,536 rows, so a register larger
// than memory as text can be read, with the progress on stderr when it is a terminal.
#pragma once

#include <string>

#include "treem/registers/child_register_reader.hpp"

namespace treem::cli {

[[nodiscard]] registers::child_register_result read_child_register_csv(const std::string& path, registers::child_register_builder& builder);

}  // namespace treem::cli
