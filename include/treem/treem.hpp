// The whole of treem in one include. Each header below holds one concept and can be included alone.
#pragma once

#include "treem/version.hpp"

#include "treem/core/error.hpp"
#include "treem/core/evidence.hpp"
#include "treem/core/source_location.hpp"
#include "treem/core/unicode.hpp"

#include "treem/io/toml_reader.hpp"

#include "treem/time/date.hpp"
#include "treem/time/holiday_calendar.hpp"
#include "treem/time/holiday_rules.hpp"
#include "treem/time/holidays_toml.hpp"
#include "treem/time/lunar_calendar.hpp"
#include "treem/time/partial_date.hpp"
#include "treem/time/period.hpp"

#include "treem/units/admin_unit.hpp"
#include "treem/units/merger.hpp"
#include "treem/units/rollup.hpp"
#include "treem/units/unit_registry.hpp"
#include "treem/units/units_toml.hpp"

#include "treem/certify/assessment.hpp"
#include "treem/certify/decision.hpp"
#include "treem/certify/evaluate.hpp"
#include "treem/certify/incident.hpp"
#include "treem/certify/rule_set.hpp"
#include "treem/certify/rules_toml.hpp"

#include "treem/plan/agency.hpp"
#include "treem/plan/icalendar.hpp"
#include "treem/plan/plan.hpp"
#include "treem/plan/plan_calendar.hpp"
#include "treem/plan/plan_schedule.hpp"
#include "treem/plan/plan_section.hpp"
#include "treem/plan/plan_toml.hpp"
#include "treem/plan/responsibilities.hpp"
#include "treem/plan/submissions.hpp"

#include "treem/io/string_table.hpp"
#include "treem/registers/child_register.hpp"
#include "treem/registers/child_register_reader.hpp"
#include "treem/registers/generator.hpp"
#include "treem/registers/incident_register.hpp"
#include "treem/registers/incident_register_reader.hpp"
#include "treem/registers/pseudonym.hpp"

#include "treem/indicators/age_groups.hpp"
#include "treem/indicators/catalogue.hpp"
#include "treem/indicators/catalogue_toml.hpp"
#include "treem/indicators/compute.hpp"
#include "treem/indicators/count_cube.hpp"
#include "treem/indicators/filter.hpp"
#include "treem/indicators/indicator_table.hpp"
#include "treem/indicators/intervals.hpp"
#include "treem/indicators/register_view.hpp"
#include "treem/indicators/suppression.hpp"
#include "treem/indicators/targets.hpp"

#include "treem/data/bundled.hpp"
