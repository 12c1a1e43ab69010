// treem generate: synthetic child and incident registers as CSV (one row per child / incident).
#include <charconv>
#include <functional>
#include <unordered_map>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "treem/data/bundled.hpp"
#include "treem/registers/case_generator.hpp"

namespace treem::cli {

namespace {

// Writing is by hand, with std::to_chars and a cache of formatted dates: at national scale (25
// million rows) iostream formatting would dominate the run.
class date_cache {
 public:
  const std::string& operator()(std::int32_t days) {
    auto [it, inserted] = cache_.try_emplace(days);
    if (inserted) it->second = format_iso(from_epoch_days(days));
    return it->second;
  }

 private:
  std::unordered_map<std::int32_t, std::string> cache_;
};

void write_children(const std::filesystem::path& path, const registers::child_register& c) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw error(path.string() + ": cannot open the file for writing");
  out << "id,unit,sex,birth_date,ethnicity,special_groups,receiving_support,birth_registered,health_insurance,disability,enrolled\n";
  date_cache dates;
  std::string line;
  for (std::size_t i = 0; i < c.size(); ++i) {
    line.clear();
    line += c.id[i];
    line += ',';
    line += c.units[c.unit[i]];
    line += c.child_sex[i] == registers::sex::male ? ",M," : ",F,";
    line += dates(c.birth[i]);
    line += ',';
    line += c.ethnicities[c.ethnicity[i]];
    line += ',';
    bool first = true;
    for (std::size_t g = 0; g < 14; ++g) {
      if (c.special_groups[i] & (1u << g)) {
        if (!first) line += ';';
        line += registers::special_group_letters[g];
        first = false;
      }
    }
    for (auto flag : {registers::receiving_support, registers::birth_registered, registers::health_insurance, registers::disability,
                      registers::enrolled}) {
      line += (c.flags[i] & flag) ? ",1" : ",0";
    }
    line += '\n';
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
  }
  out.close();  // flush now: a failure on the last buffer must not pass unnoticed into the rename
  if (!out) throw error(path.string() + ": write error");
}

void write_incidents(const std::filesystem::path& path, const registers::incident_register& r, const std::vector<std::string>& case_id) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw error(path.string() + ": cannot open the file for writing");
  out << "unit,date,kind,fatal,sex,age,environment,plan_approved_in_time,case_id\n";
  date_cache dates;
  for (std::size_t i = 0; i < r.size(); ++i) {
    out << r.units[r.unit[i]] << ',' << dates(r.day[i]) << ',' << to_string(r.kind[i]) << ',' << int(r.fatal[i]) << ','
        << (r.child_sex[i] == registers::sex::male ? 'M' : 'F') << ',' << int(r.child_age[i]) << ','
        << registers::environment_names[static_cast<int>(r.where[i])] << ',' << (r.plan_in_time[i] < 0 ? "" : r.plan_in_time[i] ? "1" : "0")
        << ',' << case_id[i] << '\n';
  }
  out.close();  // flush now: a failure on the last buffer must not pass unnoticed into the rename
  if (!out) throw error(path.string() + ": write error");
}

void write_cases(const std::filesystem::path& path, const registers::case_register& c) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw error(path.string() + ": cannot open the file for writing");
  out << "case_id,unit,kind,serious_harm";
  for (const auto step : registers::case_step_names) out << ',' << step;
  out << '\n';
  for (std::size_t i = 0; i < c.size(); ++i) {
    out << c.ids[i] << ',' << c.unit_code(i) << ',' << to_string(c.kind[i]) << ',' << int(c.serious_harm[i]);
    for (const auto& step : c.steps) {
      out << ',';
      if (!step[i].happened()) continue;
      out << format_iso(from_epoch_days(step[i].day));
      if (step[i].timed()) {
        char buf[16];
        std::snprintf(buf, sizeof buf, " %02d:%02d", step[i].minute / 60, step[i].minute % 60);
        out << buf;
      }
    }
    out << '\n';
  }
  out.close();  // flush now: a failure on the last buffer must not pass unnoticed into the rename
  if (!out) throw error(path.string() + ": write error");
}

}  // namespace

void register_generate_command(CLI::App& app, std::ostream& out) {
  struct options {
    std::string units = "sonha", out_dir, reference = "31/12/2024";
    std::uint64_t seed = 1;
    std::size_t communes = 0;
  };
  auto o = std::make_shared<options>();
  auto* cmd = app.add_subcommand("generate", "Write synthetic child and incident registers (CSV) for sonha or national");
  cmd->add_option("--units", o->units, "sonha (14 units) or national (10,047 synthetic communes)")->capture_default_str();
  cmd->add_option("--seed", o->seed, "random seed: the same seed gives the same registers")->capture_default_str();
  cmd->add_option("--reference-date", o->reference, "children are under 16 on this date; incidents fall in its year up to it")->capture_default_str();
  cmd->add_option("--communes", o->communes, "national only: this many communes, spread evenly over the country's districts and provinces (0: all)")
      ->capture_default_str();
  cmd->add_option("--out", o->out_dir, "folder for children.csv, incidents.csv, cases.csv and units.toml")->required();
  cmd->callback([&out, o] {
    const date reference = parse_date(o->reference, {"<argument --reference-date>", 1, 1});
    auto units = data::generator_units(o->units, reference);
    if (o->communes != 0 && o->units == "national" && o->communes < units.size()) {
      // N communes spread evenly over the list: a register of the national shape (every province,
      // many districts) at a small size.
      std::vector<registers::generator_unit> sample;
      for (std::size_t i = 0; i < o->communes; ++i) sample.push_back(units[i * units.size() / o->communes]);
      units = std::move(sample);
    }
    const auto start = std::chrono::steady_clock::now();
    const auto regs = registers::generate_registers(units, data::synthetic_generator_parameters(), o->seed, reference);
    const auto generated = registers::generate_cases(regs.incidents, data::synthetic_generator_parameters(), data::vietnam_holidays(), o->seed, reference);
    namespace fs = std::filesystem;
    const fs::path dir(o->out_dir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw error(o->out_dir + ": cannot create the folder (" + ec.message() + ")");
    // Each file is written under a temporary name and renamed when complete.
    for (const auto& [name, write] : std::initializer_list<std::pair<const char*, std::function<void(const fs::path&)>>>{
             {"children.csv", [&](const fs::path& p) { write_children(p, regs.children); }},
             {"incidents.csv", [&](const fs::path& p) { write_incidents(p, regs.incidents, generated.incident_case_id); }},
             {"cases.csv", [&](const fs::path& p) { write_cases(p, generated.cases); }},
             {"units.toml", [&](const fs::path& p) {
                // The units the registers name, for `treem register check --units` and `certify --units`.
                std::ofstream f(p, std::ios::binary);
                f << (o->units == "sonha" ? std::string(data::embedded::units_quang_ngai_son_ha) : data::synthetic_units_toml(units));
                f.close();
                if (!f) throw error(p.string() + ": write error");
              }}}) {
      const fs::path tmp = dir / (std::string(name) + ".treem-tmp");
      try {
        write(tmp);
      } catch (...) {
        fs::remove(tmp, ec);
        throw;
      }
      fs::rename(tmp, dir / name, ec);
      if (ec) throw error((dir / name).string() + ": cannot replace the file (" + ec.message() + ")");
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out << "generated " << regs.children.size() << " children and " << regs.incidents.size() << " incidents (" << generated.cases.size() << " cases) in " << units.size()
        << " units (seed " << o->seed << ", reference date " << format_vn(reference) << ") into " << o->out_dir << " in "
        << static_cast<double>(static_cast<long>(seconds * 10)) / 10.0 << " s\n";
  });
}

}  // namespace treem::cli
