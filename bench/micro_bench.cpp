// In-process micro-benchmarks of the core library (Google Benchmark), on one
// catalog chosen at run time, through the public headers only.
//
//   CREDPATH_BENCH_CATALOG=PATH [CREDPATH_BENCH_TARGET=ID] credpath_bench [--benchmark_...]
//   credpath_bench [--benchmark_...] [PATH...]
//
// PATH is a catalog file or directory (as `credpath -c`); arguments win over
// the variable, and without either the bundled catalogs are used. The target of
// the cone and plan benchmarks is CREDPATH_BENCH_TARGET, else `cone-target`
// (scripts/gen-catalog --cone-size K), else the credential with the largest
// cone (searched in catalogs of at most 20,000 credentials).
//
// earliest_finish is the planner's exact weeks recursion over the whole
// catalog (nothing held); evaluate_plan/cone schedules the target's whole cone
// (the same recursion on the cone, plus the step list and totals).
//
// The catalog is loaded and checked once before any benchmark runs; every
// benchmark reads that copy, except load_catalog and check_catalog, which redo
// their step each iteration. Destroying a catalog or graph is not timed. bench/run runs
// this with --benchmark_format=json and reports medians and means.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "credpath/load/check.hpp"
#include "credpath/model/diagnostic.hpp"
#include "credpath/graph/graph.hpp"
#include "credpath/load/loader.hpp"
#include "credpath/model/model.hpp"
#include "credpath/plan/planner.hpp"

#ifndef CREDPATH_SOURCE_CATALOGS
#define CREDPATH_SOURCE_CATALOGS "catalogs"
#endif

namespace {

using namespace credpath;

struct Setup {
    std::vector<std::string> paths;
    std::uint64_t bytes = 0;
    LoadResult loaded;                       // as load_catalog returned it, for check_catalog
    std::unique_ptr<CheckedCatalog> checked;  // loaded and checked once
    std::uint32_t target = 0;
    std::vector<std::uint32_t> cone;
};

Setup* setup = nullptr;

const char* env(const char* name) {
    const char* value = std::getenv(name);
    return value && *value ? value : nullptr;
}

void counters_of(benchmark::State& state, const Plan& plan) {
    state.counters["cone"] = plan.stats.cone_size;
    state.counters["relevant"] = plan.stats.relevant;
    state.counters["solver_calls"] = plan.stats.solver_calls;
    state.counters["steps"] = static_cast<double>(plan.steps.size());
    state.counters["optimal"] = plan.optimal ? 1 : 0;
}

void bm_load_catalog(benchmark::State& state) {
    std::size_t credentials = 0;
    for (auto _ : state) {
        auto result = std::make_unique<LoadResult>(load_catalog(setup->paths));
        benchmark::DoNotOptimize(result->catalog.credentials.data());
        credentials = result->catalog.credentials.size();
        state.PauseTiming();
        result.reset();
        state.ResumeTiming();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * setup->bytes));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * credentials));
    state.counters["credentials"] = static_cast<double>(credentials);
}

void bm_check_catalog(benchmark::State& state) {
    for (auto _ : state) {
        state.PauseTiming();
        auto copy = std::make_unique<LoadResult>(setup->loaded);
        state.ResumeTiming();
        auto checked = std::make_unique<CheckedCatalog>(check_catalog(std::move(*copy)));
        benchmark::DoNotOptimize(checked->diagnostics.data());
        state.PauseTiming();
        if (!checked->ok()) state.SkipWithError("the catalog has faults");
        checked.reset();
        copy.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(
        static_cast<std::int64_t>(state.iterations() * setup->checked->catalog.credentials.size()));
}

void bm_graph_build(benchmark::State& state) {
    const Catalog& catalog = setup->checked->catalog;
    for (auto _ : state) {
        auto graph = std::make_unique<DependencyGraph>(catalog);
        benchmark::DoNotOptimize(graph->size());
        state.PauseTiming();  // destruction untimed, as for load and check
        graph.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * catalog.credentials.size()));
}

void bm_graph_cycles(benchmark::State& state) {
    const DependencyGraph& graph = setup->checked->graph;
    for (auto _ : state) {
        auto cycles = graph.cycles();
        benchmark::DoNotOptimize(cycles.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * graph.size()));
}

void bm_topological_order(benchmark::State& state) {
    const DependencyGraph& graph = setup->checked->graph;
    for (auto _ : state) {
        auto order = graph.topological_order();
        benchmark::DoNotOptimize(order.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * graph.size()));
}

void bm_cone(benchmark::State& state) {
    const DependencyGraph& graph = setup->checked->graph;
    const std::vector<std::uint32_t> targets{setup->target};
    std::size_t size = 0;
    for (auto _ : state) {
        auto cone = graph.cone(targets);
        size = cone.size();
        benchmark::DoNotOptimize(cone.data());
    }
    state.counters["cone"] = static_cast<double>(size);
}

void bm_plan(benchmark::State& state, Objective objective) {
    PlanRequest request;
    request.targets = {setup->target};
    request.objective = objective;
    Plan plan;
    for (auto _ : state) {
        plan = make_plan(setup->checked->catalog, setup->checked->graph, request);
        benchmark::DoNotOptimize(plan.steps.data());
    }
    if (!plan.feasible) state.SkipWithError(("no plan: " + plan.reason).c_str());
    counters_of(state, plan);
}

void bm_earliest_finish(benchmark::State& state) {
    const std::vector<std::uint32_t> none;
    std::vector<double> finish;
    for (auto _ : state) {
        finish = earliest_finish(setup->checked->catalog, setup->checked->graph, none, none, std::nullopt);
        benchmark::DoNotOptimize(finish.data());
    }
    double weeks = 0;
    for (double week : finish)
        if (std::isfinite(week)) weeks = std::max(weeks, week);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * finish.size()));
    state.counters["weeks"] = weeks;  // the latest earliest finish
}

void bm_evaluate_cone(benchmark::State& state) {
    Plan plan;
    for (auto _ : state) {
        plan = evaluate_plan(setup->checked->catalog, setup->checked->graph, {}, setup->cone, std::nullopt);
        benchmark::DoNotOptimize(plan.steps.data());
    }
    if (!plan.feasible) state.SkipWithError(("not schedulable: " + plan.reason).c_str());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * setup->cone.size()));
    state.counters["cone"] = static_cast<double>(setup->cone.size());
    state.counters["weeks"] = plan.totals.weeks;
}

std::optional<std::uint32_t> pick_target(const Catalog& catalog, const DependencyGraph& graph) {
    if (const char* id = env("CREDPATH_BENCH_TARGET")) {
        auto found = catalog.find(id);
        if (!found) std::fprintf(stderr, "credpath_bench: CREDPATH_BENCH_TARGET: no credential %s\n", id);
        return found;
    }
    if (auto found = catalog.find("cone-target")) return found;
    if (catalog.credentials.size() > 20000) {
        std::fprintf(stderr, "credpath_bench: no cone-target in this catalog; set CREDPATH_BENCH_TARGET\n");
        return std::nullopt;
    }
    std::optional<std::uint32_t> best;
    std::size_t best_size = 0;
    for (std::uint32_t c = 0; c < catalog.credentials.size(); ++c) {
        const std::size_t size = graph.cone({c}).size();
        if (size > best_size ||
            (size == best_size && best && catalog.credentials[c].id < catalog.credentials[*best].id)) {
            best = c;
            best_size = size;
        }
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);  // takes the --benchmark_* flags out
    Setup data;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg.starts_with("-")) {  // Google Benchmark took its own flags (and --help) already
            std::fprintf(stderr,
                         "usage: credpath_bench [--benchmark_...] [CATALOG...]\n"
                         "  or CREDPATH_BENCH_CATALOG=CATALOG credpath_bench; CREDPATH_BENCH_TARGET=ID picks the\n"
                         "  target (default cone-target); see --help of Google Benchmark for its flags\n");
            return arg == "-h" ? 0 : 2;
        }
        data.paths.emplace_back(arg);
    }
    if (data.paths.empty()) data.paths.emplace_back(env("CREDPATH_BENCH_CATALOG") ? env("CREDPATH_BENCH_CATALOG")
                                                                                 : CREDPATH_SOURCE_CATALOGS);

    std::vector<Diagnostic> faults;
    for (const std::string& file : expand_catalog_paths(data.paths, faults)) {
        std::error_code error;
        const auto size = std::filesystem::file_size(file, error);
        if (!error) data.bytes += size;
    }
    const auto start = std::chrono::steady_clock::now();
    data.loaded = load_catalog(data.paths);
    data.checked = std::make_unique<CheckedCatalog>(check_catalog(data.loaded));
    const double setup_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!faults.empty() || !data.checked->ok()) {
        std::fprintf(stderr, "credpath_bench: the catalog has faults (run credpath validate on it)\n");
        return 1;
    }
    const Catalog& catalog = data.checked->catalog;
    const auto target = pick_target(catalog, data.checked->graph);
    if (!target) return 2;
    data.target = *target;
    data.cone = data.checked->graph.cone({data.target});
    setup = &data;

    std::string paths;
    for (const std::string& path : data.paths) paths += (paths.empty() ? "" : " ") + path;
    benchmark::AddCustomContext("catalog", paths);
    benchmark::AddCustomContext("catalog_bytes", std::to_string(data.bytes));
    benchmark::AddCustomContext("credentials", std::to_string(catalog.credentials.size()));
    benchmark::AddCustomContext("target", catalog.credentials[data.target].id);
    benchmark::AddCustomContext("cone", std::to_string(data.cone.size()));
    benchmark::AddCustomContext("setup_seconds", std::to_string(setup_seconds));

    const auto unit = catalog.credentials.size() >= 100000 ? benchmark::kSecond : benchmark::kMillisecond;
    benchmark::RegisterBenchmark("load_catalog", bm_load_catalog)->Unit(unit)->UseRealTime();
    benchmark::RegisterBenchmark("check_catalog", bm_check_catalog)->Unit(unit)->UseRealTime();
    benchmark::RegisterBenchmark("graph/build", bm_graph_build)->Unit(benchmark::kMillisecond)->UseRealTime();
    benchmark::RegisterBenchmark("graph/cycles", bm_graph_cycles)->Unit(benchmark::kMillisecond)->UseRealTime();
    benchmark::RegisterBenchmark("graph/topological_order", bm_topological_order)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark("graph/cone", bm_cone)->Unit(benchmark::kMicrosecond)->UseRealTime();
    for (Objective objective : {Objective::Cost, Objective::Hours, Objective::Count, Objective::Weeks})
        benchmark::RegisterBenchmark(("plan/" + std::string(to_string(objective))).c_str(), bm_plan, objective)
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime();
    benchmark::RegisterBenchmark("earliest_finish", bm_earliest_finish)->Unit(benchmark::kMillisecond)->UseRealTime();
    benchmark::RegisterBenchmark("evaluate_plan/cone", bm_evaluate_cone)->Unit(benchmark::kMillisecond)->UseRealTime();

    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    setup = nullptr;
    return 0;
}
