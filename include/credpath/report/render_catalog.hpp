// Printers of the catalog-browsing commands: show, list, stats and graph.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "credpath/plan/browse.hpp"
#include "credpath/model/date.hpp"
#include "credpath/model/model.hpp"
#include "credpath/load/profile.hpp"
#include "credpath/report/render.hpp"

namespace credpath {


// A rule as an indented outline, one node per line, each line starting with
// `indent` plus two spaces per level: "all of:", "any of: a, b", "2 of:",
// "12 ECTS from: a, b", "12 ECTS tagged 'x'", "skills: a, b". With a learner,
// held and expired references are marked.
std::string rule_outline(const Catalog& catalog, const Rule& rule, const Learner* learner = nullptr,
                         const std::string& indent = "");
// The rule in the catalog's own syntax as JSON: "id", {"all": [...]},
// {"at_least": 2, "of": [...]}, {"credits": 12, "from": [...]}, ...
std::string rule_json(const Rule& rule);

// ---- show
struct ShowView {
    const Catalog& catalog;
    const std::vector<CredentialDetails>& credentials;
    const Learner& learner;
};
std::string render_show_text(const ShowView& view, const Style& style);
std::string render_show_json(const ShowView& view);

// ---- list
struct ListView {
    const Catalog& catalog;
    const std::vector<std::uint32_t>& credentials;  // in order
    const Learner& learner;
    // With list --max-cost: what reaching each of `credentials` costs (its
    // cheapest plan), shown in a column of its own.
    const std::vector<double>* reach_cost = nullptr;
};
std::string render_list_text(const ListView& view, const Style& style);
std::string render_list_json(const ListView& view);
std::string render_list_csv(const ListView& view);
// The ids alone, one a line, for scripts and shell completion.
std::string render_list_ids(const ListView& view);

// ---- stats
struct StatsView {
    const Catalog& catalog;
    const CatalogStats& stats;
    const Learner& learner;
};
std::string render_stats_text(const StatsView& view, const Style& style);
std::string render_stats_json(const StatsView& view);

// ---- graph
struct GraphView {
    const Catalog& catalog;
    const RuleDiagram& diagram;
    const std::vector<std::uint32_t>& targets;
    const Learner& learner;
};
std::string render_graph_dot(const GraphView& view);
std::string render_graph_mermaid(const GraphView& view);
// A node id fit for Mermaid: "c_" and the id with every character other
// than a letter or digit as "_".
std::string mermaid_id(std::string_view id);
// Text for a quoted Mermaid label: quotes, brackets, braces, parentheses,
// angle brackets, '#', '&', '|', '`' and backslashes as entity codes; control characters
// dropped.
std::string mermaid_text(std::string_view text);

}  // namespace credpath
