// treem report: the district's report workbook (.xlsx) from the plan, the registers, the assessment
// sheet and the submissions, in Vietnamese (default) or English.
#include <ctime>
#include <memory>
#include <ostream>
#include <string>

#include "cli/commands.hpp"
#include "report/district_report.hpp"
#include "report/xlsx_writer.hpp"

namespace treem::cli {

void register_report_command(CLI::App& app, std::ostream& out) {
  struct options {
    report::report_request request;
    std::string as_of, made_on, lang = "vi", out_file;
  };
  auto o = std::make_shared<options>();
  auto& r = o->request;
  auto* cmd = app.add_subcommand("report", "Write the report workbook (.xlsx): indicators, certification, report submissions, incidents, charts");
  cmd->add_option("--plan", r.plan, "plan file (TOML); default: the bundled Sơn Hà 2024 plan");
  cmd->add_option("--units", r.units, "administrative units file (TOML); default: the bundled units");
  cmd->add_option("--children", r.children, "child register (CSV)")->required();
  cmd->add_option("--incidents", r.incidents, "incident register (CSV)");
  cmd->add_option("--assessments", r.assessments, "assessment sheet (CSV): the certification sheet");
  cmd->add_option("--submissions", r.submissions, "reports received (CSV: submitter, report, date)");
  cmd->add_option("--rules", r.rules, "rule set files or bundled ids (vn-06-qd-ttg-2019, son-ha-2024-overlay)");
  cmd->add_option("--period", r.period, "period: 2024S1 (six months), 2024, ...")->capture_default_str();
  cmd->add_option("--as-of", o->as_of, "date of the submission status (default: the period's last day)");
  cmd->add_option("--made-on", o->made_on, "date the report is made, on its cover (default: today in Vietnam)");
  cmd->add_option("--lang", o->lang, "language of the workbook: vi or en")->check(CLI::IsMember({"vi", "en"}))->capture_default_str();
  cmd->add_option("--k", r.threshold, "small-cell threshold: counts 1..k are withheld")->capture_default_str();
  cmd->add_option("--protection-upper", r.protection_upper,
                  "every withheld count of 1..k keeps, for any reader, an interval holding [0, N]; default and least: k + 1");
  cmd->add_option("--out", o->out_file, "the workbook to write (replaced whole, never half-written)")->required();
  cmd->callback([&out, o] {
    auto& req = o->request;
    req.lang = o->lang == "en" ? language::en : language::vi;
    if (!o->as_of.empty()) req.as_of = parse_date(o->as_of, {"<argument --as-of>", 1, 1});
    // Today in Vietnam (UTC+7) unless given: the date printed on the cover.
    const std::time_t now = std::time(nullptr);
    req.made_on = o->made_on.empty() ? from_epoch_days((now + 7 * 3600) / 86400) : parse_date(o->made_on, {"<argument --made-on>", 1, 1});
    const report::workbook book = report::build_report(req);
    report::write_xlsx(book, o->out_file, static_cast<std::time_t>(to_epoch_days(req.made_on) * 86400));
    out << o->out_file << ": " << book.sheets.size() << (req.lang == language::vi ? " trang tính\n" : " sheets\n");
  });
}

}  // namespace treem::cli
