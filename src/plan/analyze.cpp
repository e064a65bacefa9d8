#include "credpath/plan/analyze.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <set>

#include "credpath/plan/browse.hpp"
#include "credpath/plan/planner.hpp"
#include "planner_internal.hpp"

namespace credpath {

namespace {

using planner_detail::kInf;

// Past this many credentials in scope, the blocking sets (a bit per pair)
// would not fit comfortably in memory.
constexpr std::size_t kMaxScope = 20000;

bool is_qualification(Kind kind) { return kind == Kind::Certificate || kind == Kind::Diploma || kind == Kind::Degree; }

// Blocking, delay and centrality of each member of a subgraph (`nodes`, in
// dependency order: prerequisites first), counted within it.
struct SubgraphMeasures {
    std::vector<std::uint32_t> blocking, down, up;
    std::vector<double> centrality;
};

class Subgraph {
public:
    Subgraph(const Catalog& catalog, const DependencyGraph& graph, std::vector<std::uint32_t> members)
        : catalog_(catalog), graph_(graph), nodes_(graph.topological_order(members)),
          at_(catalog.credentials.size(), -1) {
        for (std::size_t i = 0; i < nodes_.size(); ++i) at_[nodes_[i]] = static_cast<std::int64_t>(i);
    }

    const std::vector<std::uint32_t>& nodes() const { return nodes_; }
    std::int64_t at(std::uint32_t c) const { return at_[c]; }

    // What v draws on, and what draws on v, within the subgraph (credentials
    // taken together are side by side, not one above the other).
    template <class Visit>
    void below(std::size_t v, Visit&& visit) const {
        for (std::uint32_t w : graph_.sources(nodes_[v]))
            if (at_[w] >= 0 && !graph_.taken_together(nodes_[v], w)) visit(static_cast<std::size_t>(at_[w]));
    }
    template <class Visit>
    void above(std::size_t v, Visit&& visit) const {
        for (std::uint32_t u : graph_.dependents(nodes_[v]))
            if (at_[u] >= 0 && !graph_.taken_together(nodes_[v], u)) visit(static_cast<std::size_t>(at_[u]));
    }

    SubgraphMeasures measure(bool with_centrality) const {
        const std::size_t n = nodes_.size();
        SubgraphMeasures m;
        m.down.assign(n, 1);
        m.up.assign(n, 1);
        for (std::size_t v = 0; v < n; ++v) below(v, [&](std::size_t w) { m.down[v] = std::max(m.down[v], m.down[w] + 1); });
        for (std::size_t v = n; v-- > 0;) above(v, [&](std::size_t u) { m.up[v] = std::max(m.up[v], m.up[u] + 1); });
        // Blocking: what draws on v, transitively, as bit sets built from the top.
        const std::size_t words = (n + 63) / 64;
        std::vector<std::uint64_t> reach(n * words, 0);
        m.blocking.assign(n, 0);
        for (std::size_t v = n; v-- > 0;) {
            std::uint64_t* mine = &reach[v * words];
            above(v, [&](std::size_t u) {
                const std::uint64_t* theirs = &reach[u * words];
                for (std::size_t k = 0; k < words; ++k) mine[k] |= theirs[k];
                mine[u / 64] |= std::uint64_t{1} << (u % 64);
            });
            std::uint32_t count = 0;
            for (std::size_t k = 0; k < words; ++k) count += static_cast<std::uint32_t>(__builtin_popcountll(mine[k]));
            m.blocking[v] = count;
        }
        if (!with_centrality) return m;
        // Chains from a credential that draws on nothing (a source) to v:
        // how many, and their credentials summed; likewise from v up to one
        // that nothing draws on (a sink).
        std::vector<double> in_paths(n, 0), in_sum(n, 0), out_paths(n, 0), out_sum(n, 0);
        std::vector<std::uint8_t> source(n, 1), sink(n, 1);
        for (std::size_t v = 0; v < n; ++v) {
            below(v, [&](std::size_t w) {
                source[v] = 0;
                in_paths[v] += in_paths[w];
                in_sum[v] += in_sum[w] + in_paths[w];
            });
            if (source[v]) {
                in_paths[v] = 1;
                in_sum[v] = 1;
            }
        }
        for (std::size_t v = n; v-- > 0;) {
            above(v, [&](std::size_t u) {
                sink[v] = 0;
                out_paths[v] += out_paths[u];
                out_sum[v] += out_sum[u] + out_paths[u];
            });
            if (sink[v]) {
                out_paths[v] = 1;
                out_sum[v] = 1;
            }
        }
        // Each chain through v is a chain up to v and one on from v, sharing v.
        m.centrality.assign(n, 0);
        for (std::size_t v = 0; v < n; ++v)
            if (!source[v] && !sink[v])
                m.centrality[v] = in_sum[v] * out_paths[v] + in_paths[v] * out_sum[v] - in_paths[v] * out_paths[v];
        return m;
    }

    // A longest chain through v: down the longest way to a source, then up.
    std::vector<std::uint32_t> longest_chain(std::size_t v, const SubgraphMeasures& m) const {
        const auto by_id = [&](std::size_t a, std::size_t b) {
            return catalog_.credentials[nodes_[a]].id < catalog_.credentials[nodes_[b]].id;
        };
        std::vector<std::uint32_t> chain;
        for (std::size_t at = v;;) {
            chain.push_back(nodes_[at]);
            std::optional<std::size_t> next;
            below(at, [&](std::size_t w) {
                if (m.down[w] + 1 == m.down[at] && (!next || by_id(w, *next))) next = w;
            });
            if (!next) break;
            at = *next;
        }
        std::reverse(chain.begin(), chain.end());
        for (std::size_t at = v;;) {
            std::optional<std::size_t> next;
            above(at, [&](std::size_t u) {
                if (m.up[u] + 1 == m.up[at] && (!next || by_id(u, *next))) next = u;
            });
            if (!next) break;
            at = *next;
            chain.push_back(nodes_[at]);
        }
        return chain;
    }

private:
    const Catalog& catalog_;
    const DependencyGraph& graph_;
    std::vector<std::uint32_t> nodes_;
    std::vector<std::int64_t> at_;
};

Diagnostic finding(const Catalog& catalog, Severity severity, const SourceLoc& loc, std::string code,
                   std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.file = loc.file < catalog.files.size() ? catalog.files[loc.file] : std::string();
    d.line = loc.line;
    d.column = loc.column;
    d.code = std::move(code);
    d.message = std::move(message);
    return d;
}

std::string chain_text(const Catalog& catalog, const std::vector<std::uint32_t>& chain) {
    std::vector<std::string> ids;
    for (std::uint32_t c : chain) ids.push_back(catalog.credentials[c].id);
    return fmt::format("{}", fmt::join(ids, " -> "));
}

// What a credential cannot be earned without, whatever is chosen: through
// references, `all`, and `at_least` or `any` that leave no choice.
class Necessary {
public:
    explicit Necessary(const Catalog& catalog) : catalog_(catalog) {}

    const std::set<std::uint32_t>& of(std::uint32_t c) {
        if (auto found = memo_.find(c); found != memo_.end()) return found->second;
        std::set<std::uint32_t> out;
        if (const auto& rule = catalog_.credentials[c].rule) collect(*rule, out);
        return memo_[c] = std::move(out);
    }

private:
    void collect(const Rule& rule, std::set<std::uint32_t>& out) {
        switch (rule.kind) {
        case RuleKind::Ref:
            if (auto index = catalog_.find(rule.ref)) {
                out.insert(*index);
                const std::set<std::uint32_t> below = of(*index);
                out.insert(below.begin(), below.end());
            }
            return;
        case RuleKind::All:
            for (const Rule& child : rule.children) collect(child, out);
            return;
        case RuleKind::Any:
        case RuleKind::AtLeast: {
            const std::size_t needed = rule.kind == RuleKind::Any ? 1 : rule.at_least;
            if (needed == rule.children.size())
                for (const Rule& child : rule.children) collect(child, out);
            return;
        }
        default: return;  // credits and skills leave a choice
        }
    }

    const Catalog& catalog_;
    std::map<std::uint32_t, std::set<std::uint32_t>> memo_;
};

// `all` rules that name a credential another of their references already
// needs.
void find_redundant(const Catalog& catalog, std::uint32_t owner, const Rule& rule, Necessary& necessary,
                    std::vector<Diagnostic>& out) {
    for (const Rule& child : rule.children) find_redundant(catalog, owner, child, necessary, out);
    if (rule.kind != RuleKind::All) return;
    for (const Rule& child : rule.children) {
        if (child.kind != RuleKind::Ref) continue;
        const auto index = catalog.find(child.ref);
        if (!index) continue;
        for (const Rule& other : rule.children) {
            if (&other == &child || other.kind != RuleKind::Ref) continue;
            const auto by = catalog.find(other.ref);
            if (!by || *by == *index || !necessary.of(*by).count(*index)) continue;
            out.push_back(finding(catalog, Severity::Warning, child.loc, "redundant-requirement",
                                  fmt::format("'{}' requires '{}' and '{}', and '{}' already needs '{}': the first is "
                                              "redundant",
                                              catalog.credentials[owner].id, child.ref, other.ref, other.ref,
                                              child.ref)));
            break;
        }
    }
}

// The fewest credentials one after another to earn each member of `order`
// (prerequisites first): the rule semantics with every credential one step.
std::vector<double> fewest_steps(const Catalog& catalog, const DependencyGraph& graph,
                                 const std::vector<std::uint32_t>& order) {
    std::vector<double> steps(catalog.credentials.size(), kInf);
    const auto steps_of = [&](std::uint32_t d) { return steps[d]; };
    // A co-requisite may be taken in the same step (credentials taken
    // together: all in one step).
    const auto started = [&](std::uint32_t d) { return steps[d] == kInf ? kInf : steps[d] - 1; };
    const auto begin = [&](std::uint32_t c) { steps[c] = 1; };
    const auto settle = [&](std::uint32_t c) {
        const double was = steps[c];
        const double ready = planner_detail::ready_week(catalog, c, steps_of, started);
        steps[c] = ready == kInf ? kInf : ready + 1;
        return steps[c] != was;
    };
    planner_detail::settle_in_order(graph, order, begin, settle);
    return steps;
}

}  // namespace

Analysis analyze(const Catalog& catalog, const DependencyGraph& graph, const AnalyzeRequest& request) {
    Analysis out;
    std::vector<std::uint32_t> qualifications = request.targets;
    std::vector<std::uint32_t> scope;
    if (request.targets.empty()) {
        for (std::uint32_t c = 0; c < catalog.credentials.size(); ++c) {
            scope.push_back(c);
            if (is_qualification(catalog.credentials[c].kind)) qualifications.push_back(c);
        }
    } else {
        scope = graph.cone(request.targets);
    }
    if (scope.size() > kMaxScope)
        throw InputError{fmt::format("analyze: {} credentials are more than {} to analyse at once; name the "
                                     "qualifications to analyse with -t",
                                     scope.size(), kMaxScope),
                         {}};
    sort_by_id(catalog, qualifications);
    qualifications.erase(std::unique(qualifications.begin(), qualifications.end()), qualifications.end());

    // Per credential, within the scope.
    const Subgraph whole(catalog, graph, scope);
    const SubgraphMeasures measures = whole.measure(true);
    for (std::size_t v = 0; v < whole.nodes().size(); ++v) {
        CredentialMeasures m;
        m.credential = whole.nodes()[v];
        m.blocking = measures.blocking[v];
        m.delay = measures.down[v] + measures.up[v] - 1;
        m.centrality = measures.centrality[v];
        m.longest_chain = whole.longest_chain(v, measures);
        out.credentials.push_back(std::move(m));
    }
    std::sort(out.credentials.begin(), out.credentials.end(), [&](const auto& a, const auto& b) {
        return catalog.credentials[a.credential].id < catalog.credentials[b.credential].id;
    });

    // Per qualification, within its cone.
    const std::vector<double> steps = fewest_steps(catalog, graph, whole.nodes());
    for (std::uint32_t q : qualifications) {
        const Subgraph cone(catalog, graph, graph.cone({q}));
        const SubgraphMeasures inside = cone.measure(false);
        QualificationMeasures m;
        m.credential = q;
        m.cone_size = static_cast<std::uint32_t>(cone.nodes().size());
        for (std::size_t v = 0; v < cone.nodes().size(); ++v)
            m.complexity += inside.blocking[v] + inside.down[v] + inside.up[v] - 1;
        if (steps[q] != kInf) m.fewest_steps = static_cast<std::uint32_t>(steps[q]);
        out.qualifications.push_back(m);
    }

    // Lint: what can never be earned, dead ends, redundant requirements.
    const std::vector<double> earliest = earliest_finish(catalog, graph, {}, {}, std::nullopt);
    const auto never = [&](std::uint32_t c) {
        PlanRequest plan_request;
        plan_request.targets = {c};
        plan_request.time_limit_seconds = request.time_limit_seconds;
        const Plan plan = make_plan(catalog, graph, plan_request);
        if (plan.feasible) return false;
        const Credential& credential = catalog.credentials[c];
        out.findings.push_back(finding(catalog, Severity::Warning, credential.loc, "never-earned",
                                       fmt::format("'{}' can never be earned: {}", credential.id, plan.reason)));
        return true;
    };
    // The options of c's choices (any, at_least) that can never be met
    // although c can: each solved as a goal of its own.
    const auto dead_options = [&](std::uint32_t c, const Rule& rule, const auto& self) -> void {
        if (rule.kind != RuleKind::Any && rule.kind != RuleKind::AtLeast) {
            for (const Rule& child : rule.children) self(c, child, self);
            return;
        }
        for (const Rule& option : rule.children) {
            PlanRequest plan_request;
            plan_request.goals.push_back({&option, c});
            plan_request.time_limit_seconds = request.time_limit_seconds;
            const Plan plan = make_plan(catalog, graph, plan_request);
            if (plan.feasible) {
                self(c, option, self);
                continue;
            }
            out.findings.push_back(finding(catalog, Severity::Warning, option.loc, "never-met",
                                           fmt::format("in '{}', this option can never be met ({}); another one "
                                                       "still leads to it",
                                                       catalog.credentials[c].id, plan.reason)));
        }
    };
    // What draws on a credential that excludes another, directly or not: its
    // cone may hold a pair it needs both of.
    std::vector<std::uint8_t> near_pair(catalog.credentials.size(), 0);
    if (graph.has_exclusions()) {
        std::vector<std::uint32_t> stack;
        for (std::uint32_t c = 0; c < catalog.credentials.size(); ++c)
            if (!graph.excluded_with(c).empty()) {
                near_pair[c] = 1;
                stack.push_back(c);
            }
        while (!stack.empty()) {
            const std::uint32_t c = stack.back();
            stack.pop_back();
            for (std::uint32_t up : graph.dependents(c))
                if (!near_pair[up]) {
                    near_pair[up] = 1;
                    stack.push_back(up);
                }
        }
    }
    for (std::uint32_t c : whole.nodes()) {
        if (earliest[c] == kInf) {
            never(c);
            continue;
        }
        // A credential whose cone holds two that exclude each other may need
        // both: only a solve can tell.
        if (!near_pair[c] || (!catalog.credentials[c].rule && !catalog.credentials[c].corequisite)) continue;
        const std::vector<std::uint32_t> cone = graph.cone({c});
        const bool pair = std::any_of(cone.begin(), cone.end(), [&](std::uint32_t member) {
            for (std::uint32_t other : graph.excluded_with(member))
                if (std::binary_search(cone.begin(), cone.end(), other)) return true;
            return false;
        });
        if (pair && !never(c))
            for (const auto* rule : {&catalog.credentials[c].rule, &catalog.credentials[c].corequisite})
                if (*rule) dead_options(c, **rule, dead_options);
    }
    Necessary necessary(catalog);
    for (std::uint32_t c : whole.nodes()) {
        const Credential& credential = catalog.credentials[c];
        if (graph.dependents(c).empty() && !is_qualification(credential.kind))
            out.findings.push_back(finding(catalog, Severity::Warning, credential.loc, "dead-end",
                                           fmt::format("nothing requires '{}', and it is no qualification "
                                                       "(certificate, diploma or degree): a dead end",
                                                       credential.id)));
        if (credential.rule) find_redundant(catalog, c, *credential.rule, necessary, out.findings);
    }

    // Gates.
    if (request.max_delay)
        for (const CredentialMeasures& m : out.credentials)
            if (m.delay > *request.max_delay)
                out.findings.push_back(finding(
                    catalog, Severity::Error, catalog.credentials[m.credential].loc, "delay-over",
                    fmt::format("'{}' has a delay factor of {}, over --max-delay {}: {}",
                                catalog.credentials[m.credential].id, m.delay, *request.max_delay,
                                chain_text(catalog, m.longest_chain))));
    if (request.max_complexity)
        for (const QualificationMeasures& m : out.qualifications)
            if (m.complexity > *request.max_complexity)
                out.findings.push_back(finding(catalog, Severity::Error, catalog.credentials[m.credential].loc,
                                               "complexity-over",
                                               fmt::format("'{}' has a structural complexity of {}, over "
                                                           "--max-complexity {} ({} credentials in its cone)",
                                                           catalog.credentials[m.credential].id, m.complexity,
                                                           *request.max_complexity, m.cone_size)));
    sort_diagnostics(out.findings);
    return out;
}

}  // namespace credpath
