// treem: command-line front end. Exit codes: 0 success, 2 invalid input or usage (the located
// error on stderr), and 1 from `certify` when not every unit is recognised.
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "treem/core/error.hpp"
#include "treem/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"treem: child-work plans, child-friendly commune certification and child statistics for Vietnam"};
  app.name("treem");
  app.set_version_flag("--version", std::string("treem ") + treem::version_string);
  app.require_subcommand(1);

  // Commands write into a buffer that is printed only on success, so a failing command never
  // leaves half its output behind.
  std::ostringstream out;
  treem::cli::register_demo_command(app, out);
  treem::cli::register_plan_commands(app, out);
  treem::cli::register_certify_command(app, out);
  treem::cli::register_rules_commands(app, out);
  treem::cli::register_generate_command(app, out);
  treem::cli::register_register_commands(app, out);
  treem::cli::register_indicators_command(app, out);
  treem::cli::register_report_command(app, out);
  treem::cli::register_cases_command(app, out);
  treem::cli::register_unit_commands(app, out);
  treem::cli::register_calendar_commands(app, out);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const treem::error& e) {
    std::cerr << "treem: error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "treem: internal error: " << e.what() << '\n';
    return 3;
  }
  std::cout << out.str();
  return treem::cli::command_status;
}
