// Writes a report workbook as an .xlsx file (libxlsxwriter), whole or not at all.
#pragma once

#include <ctime>
#include <string>

#include "report/workbook.hpp"

namespace treem::report {

/// Writes `book` to `path`: first to a temporary file beside it, renamed over `path` only once
/// complete, so that a failure leaves no partial workbook. `created` is the document's date
/// (recorded in its properties, so that the same inputs give the same file). Text cells are always
/// text, never formulas, and one that a spreadsheet would take for the start of a formula when
/// edited (=, +, -, @) gets a leading apostrophe, as treem's CSV does.
void write_xlsx(const workbook& book, const std::string& path, std::time_t created);

}  // namespace treem::report
