#include "credpath/plan/browse.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <set>

#include "credpath/model/diagnostic.hpp"
#include "credpath/plan/planner.hpp"

namespace credpath {

void sort_by_id(const Catalog& catalog, std::vector<std::uint32_t>& indices) {
    std::sort(indices.begin(), indices.end(), [&](std::uint32_t a, std::uint32_t b) {
        return catalog.credentials[a].id < catalog.credentials[b].id;
    });
}

namespace {
std::vector<std::uint32_t> by_id(const Catalog& catalog, std::vector<std::uint32_t> indices) {
    sort_by_id(catalog, indices);
    return indices;
}
std::vector<std::uint32_t> by_id(const Catalog& catalog, std::span<const std::uint32_t> indices) {
    return by_id(catalog, std::vector<std::uint32_t>(indices.begin(), indices.end()));
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool contains_folded(std::string_view haystack, std::string_view folded_needle) {
    return lower(haystack).find(folded_needle) != std::string::npos;
}
}  // namespace

// ---------------------------------------------------------------- learner

std::string_view to_string(Standing standing) {
    switch (standing) {
    case Standing::NotHeld: return "not held";
    case Standing::Held: return "held";
    case Standing::Expired: return "expired";
    }
    return "not held";
}

CredentialStanding standing_of(const Holdings& holdings, std::uint32_t credential) {
    if (std::binary_search(holdings.held.begin(), holdings.held.end(), credential)) return {Standing::Held, {}, {}};
    for (const ExpiredCredential& e : holdings.expired)
        if (e.credential == credential) return {Standing::Expired, e.earned, e.expired_on};
    return {};
}

// ---------------------------------------------------------------- show

std::vector<std::uint32_t> transitive_dependents(const Catalog& catalog, const DependencyGraph& graph,
                                                 std::uint32_t credential) {
    std::vector<bool> seen(graph.size(), false);
    std::vector<std::uint32_t> stack{credential};
    std::vector<std::uint32_t> result;
    seen[credential] = true;
    while (!stack.empty()) {
        const std::uint32_t v = stack.back();
        stack.pop_back();
        for (std::uint32_t d : graph.dependents(v))
            if (!seen[d]) {
                seen[d] = true;
                result.push_back(d);
                stack.push_back(d);
            }
    }
    return by_id(catalog, std::move(result));
}

CredentialDetails credential_details(const Catalog& catalog, const DependencyGraph& graph, std::uint32_t credential) {
    CredentialDetails details;
    details.credential = credential;
    details.draws_on = by_id(catalog, graph.sources(credential));
    details.excludes = by_id(catalog, graph.excluded_with(credential));
    const auto limits = graph.overlap_limits(credential);
    details.overlap.assign(limits.begin(), limits.end());
    std::sort(details.overlap.begin(), details.overlap.end(), [&](const auto& x, const auto& y) {
        return catalog.credentials[x.first].id < catalog.credentials[y.first].id;
    });
    details.stacks_into = by_id(catalog, graph.dependents(credential));
    details.stacks_into_all = transitive_dependents(catalog, graph, credential);
    for (const std::string& skill : catalog.credentials[credential].skills) {
        SkillTeachers teachers{skill, {}};
        if (auto found = catalog.by_skill.find(skill); found != catalog.by_skill.end())
            for (std::uint32_t other : found->second)
                if (other != credential) teachers.others.push_back(other);
        sort_by_id(catalog, teachers.others);
        details.skills.push_back(std::move(teachers));
    }
    return details;
}

// ---------------------------------------------------------------- list

std::optional<LevelRange> parse_level_range(std::string_view text) {
    auto digit = [](std::string_view part) -> std::optional<int> {
        if (part.size() != 1 || part[0] < '1' || part[0] > '8') return std::nullopt;
        return part[0] - '0';
    };
    const std::size_t dash = text.find('-');
    if (dash == std::string_view::npos) {
        auto level = digit(text);
        if (!level) return std::nullopt;
        return LevelRange{*level, *level};
    }
    auto low = digit(text.substr(0, dash));
    auto high = digit(text.substr(dash + 1));
    if (!low || !high || *low > *high) return std::nullopt;
    return LevelRange{*low, *high};
}

std::vector<Kind> all_kinds() {
    return {Kind::Microcredential, Kind::Certificate, Kind::Diploma, Kind::Degree,
            Kind::Badge,           Kind::License,     Kind::Course};
}

std::vector<Kind> kinds_from_names(const std::vector<std::string>& names, std::string_view option) {
    std::vector<Kind> kinds;
    std::vector<std::string_view> known;
    for (Kind kind : all_kinds()) known.push_back(to_string(kind));
    std::vector<std::string> problems;
    for (const std::string& name : names) {
        if (auto kind = kind_from_string(name)) {
            if (std::find(kinds.begin(), kinds.end(), *kind) == kinds.end()) kinds.push_back(*kind);
            continue;
        }
        const std::string hint = nearest(name, known);
        problems.push_back(fmt::format("{}: unknown kind '{}' ({}one of {})", option, name,
                                       hint.empty() ? "" : fmt::format("did you mean '{}'? ", hint),
                                       fmt::join(known, ", ")));
    }
    if (!problems.empty()) throw InputError{fmt::format("{}", fmt::join(problems, "\n")), {}};
    return kinds;
}

void check_filter_names(const Catalog& catalog, const ListFilter& filter) {
    std::vector<std::string> problems;
    auto check = [&](const std::vector<std::string>& names, const StringMap<std::vector<std::uint32_t>>& table,
                     std::string_view option, std::string_view what) {
        std::vector<std::string_view> known;
        for (const auto& entry : table) known.push_back(entry.first);
        for (const std::string& name : names) {
            if (table.count(name)) continue;
            const std::string hint = nearest(name, known);
            problems.push_back(hint.empty()
                                   ? fmt::format("{}: no credential has the {} '{}'", option, what, name)
                                   : fmt::format("{}: no credential has the {} '{}' (did you mean '{}'?)", option,
                                                 what, name, hint));
        }
    };
    check(filter.tags, catalog.by_tag, "--tag", "tag");
    check(filter.skills, catalog.by_skill, "--skill", "skill");
    if (!problems.empty()) throw InputError{fmt::format("{}", fmt::join(problems, "\n")), {}};
}

bool matches(const Credential& c, const ListFilter& filter) {
    if (!filter.kinds.empty() && std::find(filter.kinds.begin(), filter.kinds.end(), c.kind) == filter.kinds.end())
        return false;
    auto has = [](const std::vector<std::string>& list, const std::string& name) {
        return std::find(list.begin(), list.end(), name) != list.end();
    };
    for (const std::string& tag : filter.tags)
        if (!has(c.tags, tag)) return false;
    for (const std::string& skill : filter.skills)
        if (!has(c.skills, skill)) return false;
    if (!filter.provider.empty() && !contains_folded(c.provider, lower(filter.provider))) return false;
    if (filter.level && (!c.level || *c.level < filter.level->low || *c.level > filter.level->high)) return false;
    if (filter.max_fee && c.cost > *filter.max_fee) return false;
    for (const std::string& word : filter.words) {
        const std::string folded = lower(word);
        bool found = contains_folded(c.id, folded) || contains_folded(c.title, folded);
        for (const std::string& tag : c.tags) found = found || contains_folded(tag, folded);
        for (const std::string& skill : c.skills) found = found || contains_folded(skill, folded);
        if (!found) return false;
    }
    return true;
}

std::vector<std::uint32_t> filter_credentials(const Catalog& catalog, const ListFilter& filter) {
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < catalog.credentials.size(); ++i)
        if (matches(catalog.credentials[i], filter)) out.push_back(i);
    return by_id(catalog, std::move(out));
}

ReachFiltered within_reach_cost(const Catalog& catalog, const DependencyGraph& graph,
                                const std::vector<std::uint32_t>& candidates, const ReachFilter& filter) {
    ReachFiltered out;
    const std::vector<double> bound = reach_cost_bound(catalog, graph, filter.held, filter.excluded);
    const auto within = [&](double cost) { return cost <= filter.max_cost + 1e-9 * std::max(1.0, filter.max_cost); };
    std::vector<std::uint32_t> to_plan;
    for (std::uint32_t index : candidates)
        if (within(bound[index])) to_plan.push_back(index);
    for (std::size_t i = 0; i < to_plan.size(); ++i) {
        const std::uint32_t index = to_plan[i];
        if (filter.progress) filter.progress(i, to_plan.size());
        if (std::binary_search(filter.held.begin(), filter.held.end(), index)) {
            out.within.push_back(index);
            out.cost.push_back(0);
            continue;
        }
        PlanRequest request;
        request.targets = {index};
        request.held = filter.held;
        request.excluded = filter.excluded;
        request.max_cost = filter.max_cost;
        request.first_day = filter.first_day;
        request.time_limit_seconds = filter.time_limit_seconds;
        request.settle_ties = false;  // only the cost is shown
        const Plan plan = make_plan(catalog, graph, request);
        ++out.solver_plans;
        if (plan.feasible) {
            out.within.push_back(index);
            out.cost.push_back(plan.totals.cost);
        } else if (!plan.optimal && plan.stats.solver_calls > 0 && plan.reason.find("time limit") != std::string::npos) {
            ++out.unproven;
        }
    }
    if (filter.progress) filter.progress(to_plan.size(), to_plan.size());
    return out;
}

// ---------------------------------------------------------------- stats

bool uses_rule_kind(const Rule& rule, RuleKind kind) {
    if (rule.kind == kind) return true;
    return std::any_of(rule.children.begin(), rule.children.end(),
                       [&](const Rule& child) { return uses_rule_kind(child, kind); });
}

std::vector<std::uint32_t> longest_chain_path(const Catalog& catalog, const DependencyGraph& graph) {
    const std::uint32_t count = graph.size();
    if (count == 0) return {};
    std::vector<std::uint32_t> depth(count, 0);
    for (std::uint32_t v : graph.topological_order()) {
        std::uint32_t d = 1;
        for (std::uint32_t w : graph.sources(v))
            if (!graph.taken_together(v, w)) d = std::max(d, depth[w] + 1);
        depth[v] = d;
    }
    auto before = [&](std::uint32_t a, std::uint32_t b) { return catalog.credentials[a].id < catalog.credentials[b].id; };
    std::uint32_t top = 0;
    for (std::uint32_t v = 1; v < count; ++v)
        if (depth[v] > depth[top] || (depth[v] == depth[top] && before(v, top))) top = v;
    std::vector<std::uint32_t> chain{top};
    while (depth[chain.back()] > 1) {
        std::optional<std::uint32_t> next;
        for (std::uint32_t w : graph.sources(chain.back()))
            if (depth[w] + 1 == depth[chain.back()] && !graph.taken_together(chain.back(), w) &&
                (!next || before(w, *next)))
                next = w;
        chain.push_back(*next);
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
}

CatalogStats catalog_stats(const Catalog& catalog, const DependencyGraph& graph, std::size_t top) {
    CatalogStats stats;
    stats.credentials = catalog.credentials.size();
    stats.files = catalog.files.size();
    stats.skills = catalog.by_skill.size();
    stats.tags = catalog.by_tag.size();

    for (const std::string& file : catalog.files) stats.by_file.emplace_back(file, 0);
    for (Kind kind : all_kinds()) stats.by_kind.emplace_back(kind, 0);
    const std::vector<RuleKind> rule_kinds{RuleKind::Ref,         RuleKind::All,           RuleKind::Any,
                                           RuleKind::AtLeast,     RuleKind::CreditsFrom,   RuleKind::CreditsTagged,
                                           RuleKind::Skills};
    for (RuleKind kind : rule_kinds) stats.rule_kinds.emplace_back(kind, 0);
    std::map<std::string, std::size_t> providers;
    for (const Credential& c : catalog.credentials) {
        for (auto& [kind, n] : stats.by_kind)
            if (kind == c.kind) ++n;
        ++providers[c.provider];
        if (c.loc.file < stats.by_file.size()) ++stats.by_file[c.loc.file].second;
        if (!c.rule) continue;
        ++stats.with_rule;
        for (auto& [kind, n] : stats.rule_kinds)
            if (uses_rule_kind(*c.rule, kind)) ++n;
    }
    stats.providers = providers.size() - providers.count("");
    stats.by_provider.assign(providers.begin(), providers.end());
    std::stable_sort(stats.by_provider.begin(), stats.by_provider.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });

    stats.longest_chain = longest_chain_path(catalog, graph);

    for (std::uint32_t i = 0; i < catalog.credentials.size(); ++i)
        if (const std::size_t n = graph.dependents(i).size(); n > 0) stats.most_required.emplace_back(i, n);
    std::sort(stats.most_required.begin(), stats.most_required.end(), [&](const auto& a, const auto& b) {
        if (a.second != b.second) return a.second > b.second;
        return catalog.credentials[a.first].id < catalog.credentials[b.first].id;
    });
    if (stats.most_required.size() > top) stats.most_required.resize(top);
    return stats;
}

// ---------------------------------------------------------------- graph

namespace {
struct DiagramBuilder {
    const Catalog& catalog;
    RuleDiagram& diagram;

    using End = RuleDiagram::End;

    void edge(End from, End to, bool corequisite = false) { diagram.edges.push_back({from, to, corequisite}); }

    // Adds the junction of `rule` (not a Ref), its edge into `parent` and the
    // edges of everything it draws on.
    void junction(std::uint32_t owner, const Rule& rule, const std::string& path, End parent,
                  bool corequisite = false) {
        const End self{true, static_cast<std::uint32_t>(diagram.junctions.size())};
        diagram.junctions.push_back({owner, &rule, path});
        edge(self, parent, corequisite);
        switch (rule.kind) {
        case RuleKind::Ref: break;  // never called with a Ref
        case RuleKind::All:
        case RuleKind::Any:
        case RuleKind::AtLeast:
            for (std::size_t i = 0; i < rule.children.size(); ++i) {
                const Rule& child = rule.children[i];
                if (child.kind == RuleKind::Ref) {
                    if (auto source = catalog.find(child.ref)) edge({false, *source}, self);
                } else {
                    junction(owner, child, fmt::format("{}.{}", path, i + 1), self);
                }
            }
            break;
        case RuleKind::CreditsFrom:
        case RuleKind::CreditsTagged:
        case RuleKind::Skills: {
            std::vector<std::uint32_t> sources;
            for_each_source(catalog, rule, owner, [&](std::uint32_t source) { sources.push_back(source); });
            std::sort(sources.begin(), sources.end());
            sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
            sort_by_id(catalog, sources);
            for (std::uint32_t source : sources) edge({false, source}, self);
            break;
        }
        }
    }
};
}  // namespace

RuleDiagram rule_diagram(const Catalog& catalog, const DependencyGraph& graph,
                         const std::vector<std::uint32_t>& targets) {
    RuleDiagram diagram;
    if (targets.empty()) {
        diagram.credentials.resize(catalog.credentials.size());
        for (std::uint32_t i = 0; i < catalog.credentials.size(); ++i) diagram.credentials[i] = i;
    } else {
        diagram.credentials = graph.cone(targets);
    }
    sort_by_id(catalog, diagram.credentials);
    DiagramBuilder builder{catalog, diagram};
    for (std::uint32_t owner : diagram.credentials) {
        const Credential& c = catalog.credentials[owner];
        for (const auto& [rule, path] : {std::pair{&c.rule, "0"}, std::pair{&c.corequisite, "co"}}) {
            if (!*rule) continue;
            const bool corequisite = rule == &c.corequisite;
            if ((*rule)->kind == RuleKind::Ref) {
                if (auto source = catalog.find((*rule)->ref))
                    builder.edge({false, *source}, {false, owner}, corequisite);
                continue;
            }
            builder.junction(owner, **rule, path, {false, owner}, corequisite);
        }
    }
    return diagram;
}

}  // namespace credpath
