// What an assessment says about one unit for one period: the points of each criterion, as the
// commune scored itself or as the appraisal team scored it, and facts treem can score from.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "treem/certify/rule_set.hpp"
#include "treem/core/source_location.hpp"

namespace treem::certify {

struct unit_assessment {
  std::string unit;    ///< commune-level unit code
  std::string period;  ///< DHIS2 period the assessment covers, e.g. "2024"
  std::map<int, double> points;          ///< claimed points per criterion id
  std::map<std::string, double> facts;   ///< boolean facts as 0/1, percent facts as 0-100
  std::optional<unit_category> category; ///< overrides the category derived from the unit's data
  std::string category_reason;           ///< why (required with an override)
  source_location where;                 ///< where the assessment came from (file and row)
};

}  // namespace treem::certify
