// The subcommands of the treem program. Each registers itself on the CLI11 app; errors are thrown
// as treem exceptions and turned into one message and exit code 2 by main().
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "treem/certify/decision.hpp"
#include "treem/core/language.hpp"
#include "treem/certify/rule_set.hpp"

namespace treem::cli {

/// The exit status a command asks for when it succeeds (certify: 1 when not all are recognised).
inline int command_status = 0;

void register_calendar_commands(CLI::App& app, std::ostream& out);
void register_unit_commands(CLI::App& app, std::ostream& out);
void register_demo_command(CLI::App& app, std::ostream& out);
void register_plan_commands(CLI::App& app, std::ostream& out);
void register_certify_command(CLI::App& app, std::ostream& out);
void register_generate_command(CLI::App& app, std::ostream& out);
void register_register_commands(CLI::App& app, std::ostream& out);
void register_indicators_command(CLI::App& app, std::ostream& out);
void register_cases_command(CLI::App& app, std::ostream& out);
void register_rules_commands(CLI::App& app, std::ostream& out);
void register_report_command(CLI::App& app, std::ostream& out);

void print_decisions(std::ostream& out, const certify::decision_set& decisions, language lang);

}  // namespace treem::cli
