// Catalog browsing: the queries behind `show`, `list`, `stats` and `graph`.
// Every function returns values; nothing here prints (see render_catalog.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "credpath/model/date.hpp"
#include "credpath/graph/graph.hpp"
#include "credpath/model/model.hpp"
#include "credpath/load/profile.hpp"
#include "credpath/model/progress.hpp"

namespace credpath {

// Sorts credential indices by id (catalog order is file order, not id order).
void sort_by_id(const Catalog& catalog, std::vector<std::uint32_t>& indices);

// ---------------------------------------------------------------- learner

enum class Standing { NotHeld, Held, Expired };
std::string_view to_string(Standing standing);  // "not held", "held", "expired"

// A learner's standing on one credential.
struct CredentialStanding {
    Standing standing = Standing::NotHeld;
    std::optional<Date> earned;      // Expired only
    std::optional<Date> expired_on;  // Expired only
};
CredentialStanding standing_of(const Holdings& holdings, std::uint32_t credential);

// ---------------------------------------------------------------- show

struct SkillTeachers {
    std::string skill;
    std::vector<std::uint32_t> others;  // other credentials teaching it, by id
};

struct CredentialDetails {
    std::uint32_t credential = 0;
    std::vector<std::uint32_t> draws_on;         // what its rule can draw on, by id
    std::vector<std::uint32_t> stacks_into;      // credentials whose rule draws on it, by id
    std::vector<std::uint32_t> stacks_into_all;  // the same, transitively, by id
    std::vector<SkillTeachers> skills;           // one per skill, in the credential's order
    std::vector<std::uint32_t> excludes;         // never held together with it (either side's `excludes`), by id
    // Overlap limits (either side's `overlap`): (other, at most), by the other's id.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> overlap;
};

// Everything `show` tells about a credential beyond its own fields. "Draws on"
// and "stacks into" count every source of a rule: references, `from` ids and
// credentials reached through `tagged` and `skills`.
CredentialDetails credential_details(const Catalog& catalog, const DependencyGraph& graph, std::uint32_t credential);

// Every credential that draws on `credential`, directly or not, by id.
std::vector<std::uint32_t> transitive_dependents(const Catalog& catalog, const DependencyGraph& graph,
                                                 std::uint32_t credential);

// ---------------------------------------------------------------- list

// EQF levels, both ends included.
struct LevelRange {
    int low = 1;
    int high = 8;
};
// "5" or "5-7", within 1..8; nullopt otherwise.
std::optional<LevelRange> parse_level_range(std::string_view text);

// Every kind, in the order of the catalog format.
std::vector<Kind> all_kinds();
// Kind names (already split) to kinds, without repeats. Throws InputError
// naming each unknown one, with the nearest kind and the list of kinds.
std::vector<Kind> kinds_from_names(const std::vector<std::string>& names, std::string_view option = "--kind");

struct ListFilter {
    std::vector<Kind> kinds;          // any of these; empty: every kind
    std::vector<std::string> tags;    // carries every one
    std::vector<std::string> skills;  // teaches every one
    std::string provider;             // case-insensitive substring of the provider
    std::optional<LevelRange> level;  // a credential without a level never matches
    std::optional<double> max_fee;   // the credential's own cost
    std::vector<std::string> words;  // each, case-insensitively, in the id, title, a tag or a skill
};

// Throws InputError naming each tag or skill of the filter that no credential
// carries, with the nearest known one ("did you mean").
void check_filter_names(const Catalog& catalog, const ListFilter& filter);
bool matches(const Credential& credential, const ListFilter& filter);
// The matching credentials, by id.
std::vector<std::uint32_t> filter_credentials(const Catalog& catalog, const ListFilter& filter);

// Of `candidates` (by id), those a learner holding `held` reaches for at most
// `max_cost` (held ones cost 0): each one whose cost bound (reach_cost_bound)
// allows it is planned exactly (make_plan's cheapest plan under the limit).
// `progress` hears each plan of those. `unproven` counts candidates left out
// because a solve reached its time limit without a plan.
struct ReachFilter {
    std::vector<std::uint32_t> held;      // sorted
    std::vector<std::uint32_t> excluded;  // sorted
    double max_cost = 0;
    std::optional<Date> first_day;
    double time_limit_seconds = 300;
    ProgressCallback progress;
};
struct ReachFiltered {
    std::vector<std::uint32_t> within;
    std::vector<double> cost;  // of each of `within`: its cheapest plan's cost
    std::uint32_t solver_plans = 0;
    std::uint32_t unproven = 0;
};
ReachFiltered within_reach_cost(const Catalog& catalog, const DependencyGraph& graph,
                                const std::vector<std::uint32_t>& candidates, const ReachFilter& filter);

// ---------------------------------------------------------------- stats

template <class Key>
using Counts = std::vector<std::pair<Key, std::size_t>>;

struct CatalogStats {
    std::size_t credentials = 0;
    std::size_t files = 0;
    std::size_t providers = 0;  // distinct, not counting credentials without one
    std::size_t skills = 0;     // distinct
    std::size_t tags = 0;       // distinct
    std::size_t with_rule = 0;  // credentials with a `requires`
    Counts<std::string> by_file;          // every file, in load order
    Counts<Kind> by_kind;                 // every kind, in the format's order (zeros too)
    Counts<std::string> by_provider;      // most first, then by name; "" for none
    Counts<RuleKind> rule_kinds;          // every rule kind: credentials whose rule has such a node
    std::vector<std::uint32_t> longest_chain;  // foundation first; each stacks into the next
    Counts<std::uint32_t> most_required;  // by direct dependents, most first, then by id; none with 0
};

// Requires an acyclic graph.
CatalogStats catalog_stats(const Catalog& catalog, const DependencyGraph& graph, std::size_t top = 10);

// One longest chain of dependencies, foundation first, as many credentials as
// graph.longest_chain(). Among equally long chains: the top credential with
// the smallest id, then at each step down the source with the smallest id.
// Requires an acyclic graph.
std::vector<std::uint32_t> longest_chain_path(const Catalog& catalog, const DependencyGraph& graph);

// Whether a rule tree has a node of this kind.
bool uses_rule_kind(const Rule& rule, RuleKind kind);

// ---------------------------------------------------------------- graph

// The rules of a set of credentials as a graph whose rule operators are nodes
// of their own ("junctions"): sources run into a junction, a junction into
// its parent junction or its owner. A rule that is a single reference needs no
// junction: its source runs straight into the owner.
struct RuleDiagram {
    struct Junction {
        std::uint32_t owner = 0;     // the credential whose rule this node is part of
        const Rule* rule = nullptr;  // All, Any, AtLeast, CreditsFrom, CreditsTagged or Skills
        std::string path;            // position in the owner's rule: "0", "0.2" (1-based children);
                                     // "co", "co.1" in its `corequires`
    };
    struct End {
        bool junction = false;
        std::uint32_t index = 0;  // a credential index, or an index into `junctions`
        friend bool operator==(const End&, const End&) = default;
    };
    struct Edge {
        End from;
        End to;
        bool corequisite = false;  // into a credential from its `corequires` (drawn dashed)
    };
    std::vector<std::uint32_t> credentials;  // by id
    std::vector<Junction> junctions;         // owners by id, each rule in pre-order
    std::vector<Edge> edges;                 // grouped by owner (by id), in rule pre-order
};

// The whole catalog when `targets` is empty, else the targets' cone. Points
// into `catalog`, which must outlive the result.
RuleDiagram rule_diagram(const Catalog& catalog, const DependencyGraph& graph,
                         const std::vector<std::uint32_t>& targets);

}  // namespace credpath
