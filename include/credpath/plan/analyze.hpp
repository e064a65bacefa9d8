// Curricular analytics for catalog authors (`credpath analyze`), after
// Heileman et al.'s Curricular Analytics: how much each credential blocks and
// delays, how central it is, how complex each qualification's structure is,
// and what in the rules can never work or does nothing. Returns values;
// render_analyze.hpp prints them.
//
// The graph is the draw-on graph: an edge from each credential to every
// credential its rule can draw on (references, `from` ids, `tagged` and
// `skills` sources), read as "prerequisite of".
//   blocking(v)   credentials that draw on v, directly or not (they are
//                 blocked until v is held);
//   delay(v)      credentials on the longest chain of prerequisites through
//                 v, v included;
//   centrality(v) the sum, over every chain from a credential that draws on
//                 nothing to one nothing draws on that passes through v (not
//                 at either end), of the credentials on it;
//   complexity(q) of a qualification: the sum of blocking + delay over its
//                 cone (q and all it draws on), both counted within the cone;
//   fewest steps(q): the fewest credentials one after another to earn q,
//                 with every choice made for speed (each credential one step;
//                 exclusions are ignored).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "credpath/graph/graph.hpp"
#include "credpath/model/diagnostic.hpp"
#include "credpath/model/model.hpp"

namespace credpath {

struct AnalyzeRequest {
    std::vector<std::uint32_t> targets;  // qualifications to analyse; none: every certificate, diploma and degree
    std::optional<std::uint32_t> max_delay;       // gate: a credential whose delay is above it is an error
    std::optional<std::uint32_t> max_complexity;  // gate: a qualification whose complexity is above it is an error
    double time_limit_seconds = 300;              // per solve of the lint's exclusion check
};

struct CredentialMeasures {
    std::uint32_t credential = 0;
    std::uint32_t blocking = 0;
    std::uint32_t delay = 0;
    double centrality = 0;
    std::vector<std::uint32_t> longest_chain;  // a chain of `delay` credentials through it, prerequisites first
};

struct QualificationMeasures {
    std::uint32_t credential = 0;
    std::uint32_t cone_size = 0;
    std::uint64_t complexity = 0;
    std::optional<std::uint32_t> fewest_steps;  // none: it can never be earned
};

struct Analysis {
    std::vector<CredentialMeasures> credentials;        // the scope (the targets' cones, or all), by id
    std::vector<QualificationMeasures> qualifications;  // by id
    // Lint findings (warnings) and gate failures (errors), each at the
    // credential's place, sorted.
    std::vector<Diagnostic> findings;
    bool gate_failed() const { return count_errors(findings) > 0; }
};

// Requires a validated (acyclic) catalog.
Analysis analyze(const Catalog& catalog, const DependencyGraph& graph, const AnalyzeRequest& request);

}  // namespace credpath
