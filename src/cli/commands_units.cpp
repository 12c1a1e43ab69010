// treem units: the bundled administrative units on a date, and the 2025 merger.
#include <memory>
#include <ostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/units_table.hpp"
#include "treem/data/bundled.hpp"

namespace treem::cli {

void register_unit_commands(CLI::App& app, std::ostream& out) {
  auto* units = app.add_subcommand("units", "List the bundled administrative units valid on a date");
  auto on_text = std::make_shared<std::string>("30/06/2025");
  auto tier_text = std::make_shared<std::string>();
  units->add_option("--on", *on_text, "date on which the units are valid (dd/mm/yyyy or ISO)")->capture_default_str();
  units->add_option("--tier", *tier_text, "only units of one tier: province, district, commune, village");
  units->callback([&out, on_text, tier_text] {
    const date on = parse_date(*on_text, {"<argument --on>", 1, 1});
    std::optional<unit_tier> tier;
    if (!tier_text->empty()) {
      tier = unit_tier_from_string(*tier_text);
      if (!tier) throw validation_error({"<argument --tier>", 1, 1}, "tier", "'" + *tier_text + "' is not province, district, commune or village");
    }
    const auto& registry = data::quang_ngai_son_ha_units();
    print_units(out, registry, registry.units_on(on, tier), on);
  });

  auto* merger_cmd = app.add_subcommand("merger", "Show the 2025 merger of Sơn Hà's units");
  merger_cmd->callback([&out] { print_merger(out, data::quang_ngai_son_ha_units(), "nq-1677-2025-son-ha"); });
}

}  // namespace treem::cli
