// The subcommands of the treem program. Each registers itself on the CLI11 app; errors are thrown
// as treem exceptions and turned into one message and exit code 2 by main().
#pragma once

#include <iosfwd>

#include <CLI/CLI.hpp>

namespace treem::cli {

void register_calendar_commands(CLI::App& app, std::ostream& out);
void register_unit_commands(CLI::App& app, std::ostream& out);
void register_demo_command(CLI::App& app, std::ostream& out);
void register_plan_commands(CLI::App& app, std::ostream& out);

}  // namespace treem::cli
