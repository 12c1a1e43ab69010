// Reading recorded submissions from CSV (columns submitter, report, date; others ignored).
#pragma once

#include <string>
#include <vector>

#include "treem/plan/submissions.hpp"

namespace treem::cli {

/// Parses `text` (the content of `file_name`). Errors name the file, the line and the field.
std::vector<plan::submission> read_submissions_csv(const std::string& text, const std::string& file_name);

}  // namespace treem::cli
