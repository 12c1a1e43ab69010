// What the protection stage of suppression (protection.hpp) did to a table, kept with the table so
// that a user can see whether the promise holds everywhere (unprotected and skipped are 0).
#pragma once

#include <cstddef>

namespace treem::indicators {

/// Counts of cells, never which ones: they may stand for children.
struct protection_report {
  std::size_t rounds = 0;       ///< rounds of programmes
  std::size_t added = 0;        ///< cells withheld to widen an interval
  std::size_t released = 0;     ///< withheld cells published because they were determined anyway
  std::size_t unprotected = 0;  ///< counts of 1..k still narrower than [0, k + 1] (no cell left to withhold, or published by an earlier run)
  /// Withheld cells in groups too large to solve (protection_options::max_unknowns) that no atom
  /// programme read either: none when one read the table, at most those in its sub-tables not read.
  std::size_t skipped = 0;
  std::size_t programmes = 0;   ///< linear programmes solved
  /// Unknowns of the atom programme that checked the table last (atom_protection.hpp), the largest
  /// sub-table's when it was read in sub-tables; 0 when the table (or one of its sub-tables) was too
  /// large for it and the cell-level programmes alone checked it.
  std::size_t atom_columns = 0;
  /// Sub-tables the atom stage read the table in (modular_protection.hpp: each unit with the units
  /// inside it) when it was too large for one programme; 0 when one programme read it whole from
  /// the start (or its units are not a hierarchy).
  std::size_t sub_tables = 0;
  /// One atom programme read the whole table as its strongest reader would: directly, or after
  /// its sub-tables (then a reader who combines them is read too).
  bool read_whole = false;
  /// Parts read whole (whole_parts.hpp: a unit with every unit inside it, down to its communes)
  /// after the sub-tables of a table beyond the whole-table limit; 0 otherwise.
  std::size_t parts_read_whole = 0;
  /// Read in parts, whether the certificate (part_certificate.hpp) was asked for and made, and the
  /// protected counts for which it found no two whole tables, publishing the same numbers, that
  /// put it at 0 and at the upper end of its interval: a reader of the whole table may narrow those.
  bool certified = false;
  std::size_t uncertified = 0;
  std::size_t logged = 0;          ///< entries of the publish log taken in (this period and reference date)
  std::size_t logged_outside = 0;  ///< entries of this period over communes these registers do not have (left out)
};

}  // namespace treem::indicators
