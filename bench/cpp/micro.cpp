// Google Benchmark micro-benchmarks of treem's hot loops, on the same synthetic registers as
// bench/harness.py (seed 7): the pass over the child register, the pass over the incident register,
// the whole indicator computation, the intervals, certification of every commune with reasons, and
// this machine's streaming memory bandwidth (the bound for the passes). `--size national|smoke`
// picks the registers (national: 25 million children; smoke: Sơn Hà's 37,000).
#include <benchmark/benchmark.h>

#include <cstring>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include "treem/certify/evaluate.hpp"
#include "treem/certify/explain.hpp"
#include "treem/data/bundled.hpp"
#include "treem/indicators/catalogue_toml.hpp"
#include "treem/indicators/compute.hpp"

namespace {

using namespace treem;

std::string size_name = "national";

struct fixture {
  registers::generated_registers regs;
  unit_registry units;
  indicators::catalogue catalogue;
  std::vector<indicators::side> child_sides, incident_sides;

  fixture()
      : regs(registers::generate_registers(data::generator_units(size_name == "smoke" ? "sonha" : "national"), data::synthetic_generator_parameters(),
                                           7, make_date(2024, 12, 31))),
        units(size_name == "smoke" ? data::quang_ngai_son_ha_units()
                                   : load_units(data::synthetic_units_toml(data::generator_units("national")), "<synthetic>")),
        catalogue(bench_catalogue()) {
    // The distinct numerators and denominators of the catalogue, split by sex and age group: the
    // same sides compute_indicators counts.
    const auto groups = catalogue.age_groups;
    for (const auto& d : catalogue.indicators) {
      for (const auto* f : {&d.numerator, d.denominator ? &*d.denominator : nullptr}) {
        if (!f) continue;
        auto& list = f->source == indicators::register_kind::children ? child_sides : incident_sides;
        bool known = false;
        for (const auto& s : list) known = known || s.filter == *f;
        if (known) continue;
        indicators::side s{*f, {}, {}, 1};
        s.has[static_cast<std::size_t>(indicators::dimension::sex)] = true;
        s.has[static_cast<std::size_t>(indicators::dimension::age_group)] = true;
        s.lay_out(indicators::sizes_of(f->source, groups, regs.children.ethnicities.size()));
        list.push_back(s);
      }
    }
  }

  // The bundled catalogue with every indicator broken down by sex and age group (as bench/peers.py).
  static indicators::catalogue bench_catalogue() {
    std::string text(data::embedded::indicators_vn_child_statistics);
    std::istringstream in(text);
    std::string line, out;
    while (std::getline(in, line)) out += (line.rfind("disaggregations = ", 0) == 0 ? std::string("disaggregations = [\"sex\", \"age_group\"]") : line) + "\n";
    return indicators::load_catalogue(out, "<bench catalogue>");
  }
};

fixture& data() {
  static fixture f;
  return f;
}

// Bytes of the child-register columns the pass reads: unit 4, sex 1, birth 4, ethnicity 2, groups 2, flags 1.
constexpr double child_row_bytes = 14;

void BM_ChildRegisterPass(benchmark::State& state) {
  auto& f = data();
  const auto c = indicators::view(f.regs.children);
  for (auto _ : state) {
    auto counts = indicators::count_children(c, f.child_sides, f.catalogue.age_groups, make_date(2024, 12, 31), static_cast<std::size_t>(state.range(0)));
    benchmark::DoNotOptimize(counts.data());
  }
  state.counters["rows"] = static_cast<double>(c.size());
  state.counters["sides"] = static_cast<double>(f.child_sides.size());
  state.SetBytesProcessed(static_cast<std::int64_t>(static_cast<double>(state.iterations()) * static_cast<double>(c.size()) * child_row_bytes));
}
BENCHMARK(BM_ChildRegisterPass)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_IncidentRegisterPass(benchmark::State& state) {
  auto& f = data();
  const auto r = indicators::view(f.regs.incidents);
  for (auto _ : state) {
    auto counts = indicators::count_incidents(r, f.incident_sides, f.catalogue.age_groups, make_date(2024, 1, 1), make_date(2024, 12, 31), 1);
    benchmark::DoNotOptimize(counts.data());
  }
  state.counters["rows"] = static_cast<double>(r.size());
}
BENCHMARK(BM_IncidentRegisterPass)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_AllIndicatorsAllLevels(benchmark::State& state) {
  auto& f = data();
  const auto c = indicators::view(f.regs.children);
  const auto r = indicators::view(f.regs.incidents);
  indicators::indicator_request req;
  req.levels = {indicators::level::commune, indicators::level::district, indicators::level::province, indicators::level::nation};
  if (size_name == "smoke") req.levels = {indicators::level::commune, indicators::level::district, indicators::level::nation};
  req.suppression.enabled = state.range(1) != 0;
  req.threads = static_cast<std::size_t>(state.range(0));
  std::size_t rows = 0;
  for (auto _ : state) rows = indicators::compute_indicators(f.catalogue, f.units, &c, &r, req).size();
  state.counters["table_rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_AllIndicatorsAllLevels)->Args({1, 0})->Args({2, 0})->Args({2, 1})->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_Garwood(benchmark::State& state) {
  double x = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(indicators::garwood(x));
    x = x < 500 ? x + 1 : 0;
  }
}
BENCHMARK(BM_Garwood);

void BM_ClopperPearson(benchmark::State& state) {
  double x = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(indicators::clopper_pearson(x, 2500));
    x = x + 7 <= 2500 ? x + 7 : 0;
  }
}
BENCHMARK(BM_ClopperPearson);

// Every commune certified: synthetic self-assessments (as `treem demo` makes them) and the year's
// incidents, under the national rules and Sơn Hà's overlay. Reasons are available on request;
// with argument 1 every decision's reasons are also rendered (in Vietnamese), as printing them all does.
void BM_CertifyAllCommunes(benchmark::State& state) {
  auto& f = data();
  const bool render = state.range(0) != 0;
  std::mt19937 rng(2024);
  std::uniform_real_distribution<double> points(54, 70), supported(93, 100), immunised(97, 100);
  std::vector<certify::unit_assessment> assessments;
  for (const auto& code : f.regs.children.units) {
    certify::unit_assessment a;
    a.unit = code;
    a.period = "2024";
    a.where = {"<bench>", assessments.size() + 2, 0};
    const double s = std::round(supported(rng) * 10) / 10, im = std::round(immunised(rng) * 10) / 10;
    a.facts = {{"cp_worker_assigned", 1}, {"village_collaborators", 1}, {"board_meets_regularly", 1}, {"child_protection_budget", 0},
               {"special_circumstances_supported_percent", s}, {"intervention_plan_in_time_percent", 100}, {"under1_fully_immunised_percent", im}};
    a.points = {{1, 80}, {6, s >= 95 ? 125 : 110}, {7, im >= 98 ? 50 : 45}};
    for (int k : {2, 3, 4, 5, 8, 9, 10, 11, 12, 13}) a.points[k] = std::round(points(rng));
    assessments.push_back(std::move(a));
  }
  const auto& incidents = f.regs.incidents;  // the columnar register, as the readers give it
  const auto rules = certify::compose({data::national_cfc_rules(), data::son_ha_2024_cfc_overlay()});
  std::size_t recognised = 0;
  for (auto _ : state) {
    const auto decisions = certify::evaluate_all(assessments, incidents, rules, f.units, "2024");
    recognised = 0;
    for (const auto& d : decisions.decisions) {
      recognised += d.result == certify::outcome::recognized;
      if (render) benchmark::DoNotOptimize(certify::reasons(d, treem::language::vi));
    }
  }
  state.counters["communes"] = static_cast<double>(assessments.size());
  state.counters["incidents"] = static_cast<double>(incidents.size());
  state.counters["recognized"] = static_cast<double>(recognised);
}
BENCHMARK(BM_CertifyAllCommunes)->Arg(0)->Arg(1)->UseRealTime()->Unit(benchmark::kMillisecond);

// Streaming read bandwidth: sum 1 GiB of 64-bit words, split between threads.
void BM_MemoryReadBandwidth(benchmark::State& state) {
  static std::vector<std::uint64_t> words = [] {
    std::vector<std::uint64_t> v(std::size_t{1} << 27);  // 1 GiB
    std::iota(v.begin(), v.end(), 0);
    return v;
  }();
  const auto threads = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    std::vector<std::uint64_t> sums(threads, 0);
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        const std::size_t begin = words.size() * t / threads, end = words.size() * (t + 1) / threads;
        std::uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (std::size_t i = begin; i + 3 < end; i += 4) s0 += words[i], s1 += words[i + 1], s2 += words[i + 2], s3 += words[i + 3];
        sums[t] = s0 + s1 + s2 + s3;
      });
    }
    for (auto& th : pool) th.join();
    benchmark::DoNotOptimize(sums.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * words.size() * sizeof(std::uint64_t)));
}
BENCHMARK(BM_MemoryReadBandwidth)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
      size_name = argv[++i];
    } else {
      rest.push_back(argv[i]);
    }
  }
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}
