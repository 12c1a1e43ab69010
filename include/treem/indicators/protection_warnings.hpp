// What a user is told when suppression's promise does not hold everywhere: the same sentences on
// the program's stderr and as Python warnings. Counts only, never which cells: they may stand for
// children.
#pragma once

#include <string>
#include <vector>

#include "treem/indicators/protection_report.hpp"

namespace treem::indicators {

/// The warnings for a table whose protection stage reported `r`; `upper` is the interval's upper
/// end kept (k + 1 unless asked wider), `any_withheld` whether the table withholds anything.
[[nodiscard]] inline std::vector<std::string> protection_warnings(const protection_report& r, int upper, bool any_withheld) {
  std::vector<std::string> out;
  if (r.unprotected || r.skipped) {
    out.push_back(std::to_string(r.unprotected) + " small counts keep an interval narrower than 0.." + std::to_string(upper) +
                  " with nothing left to withhold beside them, and " + std::to_string(r.skipped) +
                  " withheld cells lie in groups too large to check");
  }
  const std::string sub_tables =
      std::to_string(r.sub_tables) + (r.sub_tables == 1 ? " sub-table" : " sub-tables") + " (each unit with the units inside it)";
  if (any_withheld && r.atom_columns == 0 && r.sub_tables == 0) {
    out.emplace_back("the table is too large for the atom programme; its withheld cells were checked against the sums and containments "
                     "between counts only");
  } else if (any_withheld && r.atom_columns == 0) {
    out.push_back("the table is beyond the whole-table limit and was read in " + sub_tables +
                  ", some of them too large as well: their withheld cells were checked against the sums and containments between counts "
                  "only");
  } else if (r.sub_tables && !r.read_whole && r.parts_read_whole) {
    const std::string parts = "the table is beyond the whole-table limit and was read in " + sub_tables + ", then in " +
                              std::to_string(r.parts_read_whole) + (r.parts_read_whole == 1 ? " part" : " parts") +
                              " read whole (each unit with every unit inside it)";
    // Certified with none left: two whole tables publishing the same numbers put every small count
    // at 0 and at `upper` (part_certificate.hpp), so no reader narrows one: nothing to warn of.
    if (!r.certified) {
      out.push_back(parts + ": a reader who combines a part with the sub-tables above it may narrow a withheld count further (certifying "
                            "the table tells how many)");
    } else if (r.uncertified) {
      out.push_back(parts + ": for " + std::to_string(r.uncertified) +
                    " small counts no two tables of every commune publishing the same numbers were found that put them at 0 and at " +
                    std::to_string(upper) + ", so a reader who combines a part with the sub-tables above it may narrow those");
    }
  } else if (r.sub_tables && !r.read_whole) {
    out.push_back("the table is beyond the whole-table limit and was read in " + sub_tables +
                  ": a reader who combines them may narrow a withheld count further");
  }
  return out;
}

}  // namespace treem::indicators
