#include "credpath/report/render_advisor.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <set>

#include "plan_parts.hpp"

namespace credpath {

using namespace render_detail;

namespace {

// "a, b, c" with at most `shown` ids, then "and N more".
std::string short_list(const Catalog& catalog, const std::vector<std::uint32_t>& indices, std::size_t shown = 6) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < indices.size() && i < shown; ++i)
        ids.push_back(terminal_safe(catalog.credentials[indices[i]].id));
    std::string out = fmt::format("{}", fmt::join(ids, ", "));
    if (indices.size() > shown) out += fmt::format(" and {} more", format_count(indices.size() - shown));
    return out;
}

std::string money(const Catalog& catalog, double value) {
    return fmt::format("{} {}", format_money(value), terminal_safe(catalog.currency));
}

std::string weeks_text(double weeks) { return plural(weeks, "week", "weeks"); }

std::string steps_text(std::size_t count) { return plural(count, "step", "steps"); }

// A bound credential's next intake in JSON: the date, or null when none is left.
ordered_json next_intake_json(const NextIntake& intake) {
    return intake.next ? ordered_json(to_string(*intake.next)) : ordered_json();
}

ordered_json totals_json(const PlanTotals& totals) {
    return {{"cost", number(totals.cost)},
            {"hours", number(totals.hours)},
            {"weeks", number(totals.weeks)},
            {"credits", number(totals.credits)},
            {"count", totals.count}};
}

void learner_json(ordered_json& out, const Catalog& catalog, const Learner& learner) {
    out["as_of"] = to_string(learner.as_of);
    if (!learner.name.empty()) out["learner"] = learner.name;
    out["currency"] = catalog.currency;
    out["credit_unit"] = catalog.credit_unit;
    out["held"] = sorted_ids(catalog, learner.holdings.held);
    ordered_json expired = ordered_json::array();
    for (const ExpiredCredential& e : learner.holdings.expired)
        expired.push_back({{"id", catalog.credentials[e.credential].id},
                           {"earned", to_string(e.earned)},
                           {"expired_on", to_string(e.expired_on)}});
    out["expired"] = std::move(expired);
    add_exceptions_json(out, catalog, learner.holdings);
    add_in_progress_json(out, catalog, learner.in_progress);
    add_unmatched_badges_json(out, learner.holdings);
    add_badges_json(out, catalog, learner.holdings);
}

std::string learner_line(const Catalog& catalog, const Learner& learner) {
    std::string out;
    if (!learner.name.empty()) out += fmt::format("Learner: {}\n", terminal_safe(learner.name));
    if (!learner.holdings.held.empty()) {
        std::vector<std::string> ids = sorted_ids(catalog, learner.holdings.held);
        for (std::string& id : ids) id = terminal_safe(id);
        out += fmt::format("Held: {}\n", fmt::join(ids, ", "));
    }
    for (const ExpiredCredential& e : learner.holdings.expired)
        out += fmt::format("Expired: {} (earned {}, expired {})\n", terminal_safe(catalog.credentials[e.credential].id),
                           to_string(e.earned), to_string(e.expired_on));
    for (const std::string& line : badge_lines(catalog, learner.holdings))
        out += fmt::format("Badge: {}\n", terminal_safe(line));
    for (const std::string& line : set_aside_lines(learner.holdings))
        out += fmt::format("Not held: {}\n", terminal_safe(line));
    for (const std::string& line : exception_lines(catalog, learner.holdings))
        out += fmt::format("Exception: {}\n", terminal_safe(line));
    for (const std::string& line : in_progress_lines(catalog, learner.in_progress))
        out += fmt::format("In progress: {}\n", terminal_safe(line));
    return out;
}

// ---------------------------------------------------------------- explain

std::string_view node_name(ExplainNode::Type type) {
    switch (type) {
    case ExplainNode::Type::Credential: return "credential";
    case ExplainNode::Type::All: return "all";
    case ExplainNode::Type::Any: return "any";
    case ExplainNode::Type::AtLeast: return "at_least";
    case ExplainNode::Type::CreditsFrom: return "credits_from";
    case ExplainNode::Type::CreditsTagged: return "credits_tagged";
    case ExplainNode::Type::Skills: return "skills";
    case ExplainNode::Type::Skill: return "skill";
    }
    return "credential";
}

std::string_view status_name(HeldStatus status) {
    switch (status) {
    case HeldStatus::Held: return "held";
    case HeldStatus::Expired: return "expired";
    case HeldStatus::Missing: return "missing";
    case HeldStatus::Waived: return "waived";
    case HeldStatus::Substituted: return "substituted";
    }
    return "missing";
}

std::string remedy_text(const Catalog& catalog, const Remedy& remedy, const Style& style) {
    if (!remedy.feasible) return paint(style, fmt::fg(fmt::terminal_color::red), "no way: ") + terminal_safe(remedy.reason);
    // Through an external credential the totals are lower bounds.
    const bool external = std::any_of(remedy.steps.begin(), remedy.steps.end(),
                                      [&](std::uint32_t c) { return catalog.credentials[c].external; });
    std::string out = fmt::format("{} ({}), {}{}, {}", steps_text(remedy.steps.size()), short_list(catalog, remedy.steps),
                                  external ? "at least " : "", money(catalog, remedy.totals.cost),
                                  weeks_text(remedy.totals.weeks));
    if (!remedy.optimal) out += " (not proven optimal)";
    return out;
}

class ExplainText {
public:
    ExplainText(const ExplainView& view, const Style& style) : view_(view), style_(style) {}

    std::string node(const ExplainNode& node, const std::string& lead, const std::string& indent) {
        std::string out = lead + (node.corequisite ? "co-requisite (before or alongside): " : "") + label(node) + "\n";
        const std::string under = indent + (node.children.empty() ? "   " : "│  ");
        if (node.remedy) {
            const std::string word = objective_word();
            out += under + paint(style_, fmt::emphasis::faint, fmt::format("↳ {} way: ", word)) +
                   remedy_text(view_.catalog, *node.remedy, style_) + "\n";
        }
        // What no plan can check, on a credential not held (a repeat was said above).
        if (node.type == ExplainNode::Type::Credential && !node.met && !node.repeated)
            for (const std::string& text : view_.catalog.credentials[node.credential].also_required)
                out += under + "also required: " + terminal_safe(text) + "\n";
        if (node.type == ExplainNode::Type::Credential && !node.met && !node.repeated &&
            view_.catalog.credentials[node.credential].external)
            out += under + "external: known only by reference, cost and weeks unknown\n";
        if (!node.counted.empty() && node.type != ExplainNode::Type::Skill &&
            node.type != ExplainNode::Type::CreditsFrom) {
            std::vector<std::string> parts;
            for (std::uint32_t index : node.counted)
                parts.push_back(fmt::format("{} ({})", terminal_safe(view_.catalog.credentials[index].id),
                                            format_count(view_.catalog.credentials[index].credits)));
            out += under + "counted: " + fmt::format("{}", fmt::join(parts, ", ")) + "\n";
        }
        for (std::size_t i = 0; i < node.children.size(); ++i) {
            const bool last = i + 1 == node.children.size();
            out += this->node(node.children[i], indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "));
        }
        return out;
    }

private:
    std::string objective_word() const {
        switch (view_.request.objective) {
        case Objective::Cost: return "cheapest";
        case Objective::Hours: return "least-hours";
        case Objective::Count: return "fewest-steps";
        case Objective::Weeks: return "fastest";
        }
        return "cheapest";
    }

    std::string mark(bool met) const {
        return met ? paint(style_, fmt::fg(fmt::terminal_color::green), "[met]")
                   : paint(style_, fmt::fg(fmt::terminal_color::red), "[unmet]");
    }

    // " (at most 3 ECTS from a, b)" for each cap of a credits node.
    std::string caps_text(const ExplainNode& node) const {
        std::string out;
        for (const Rule& cap : node.caps)
            out += " (" + terminal_safe(cap_text(cap, view_.catalog.credit_unit)) + ")";
        return out;
    }

    std::string label(const ExplainNode& node) const {
        const Catalog& catalog = view_.catalog;
        const std::string unit = terminal_safe(catalog.credit_unit);
        switch (node.type) {
        case ExplainNode::Type::Credential: {
            const Credential& c = catalog.credentials[node.credential];
            std::string status;
            switch (node.status) {
            case HeldStatus::Held: status = paint(style_, fmt::fg(fmt::terminal_color::green), "[held]"); break;
            case HeldStatus::Expired:
                status = paint(style_, fmt::fg(fmt::terminal_color::yellow),
                               fmt::format("[expired {}]", node.expired_on ? to_string(*node.expired_on) : ""));
                break;
            case HeldStatus::Missing: status = paint(style_, fmt::fg(fmt::terminal_color::red), "[missing]"); break;
            case HeldStatus::Waived: status = paint(style_, fmt::fg(fmt::terminal_color::green), "[waived]"); break;
            case HeldStatus::Substituted:
                status = paint(style_, fmt::fg(fmt::terminal_color::green),
                               fmt::format("[met by substitution of {}]",
                                           terminal_safe(catalog.credentials[*node.substituted_by].id)));
                break;
            }
            std::string extra;
            if (node.in_progress && !node.met)
                status = paint(style_, fmt::fg(fmt::terminal_color::yellow), "[in progress]");
            else if (!node.met && node.ready && node.intake.bound)
                extra += node.intake.next ? fmt::format(" (can start on its next intake, {})", to_string(*node.intake.next))
                                          : std::string(" (no intake left)");
            else if (!node.met && node.ready)
                extra += " (can start now)";
            if (node.excluded) extra += " (excluded)";
            if (node.shut_out_by && !node.met)
                extra += fmt::format(" (excluded: the learner holds {}, and they exclude each other)",
                                     terminal_safe(catalog.credentials[*node.shut_out_by].id));
            if (node.repeated) extra += " (see above)";
            return fmt::format("{} {} — {}{}{}", status, paint(style_, fmt::emphasis::bold, terminal_safe(c.id)),
                               terminal_safe(c.title),
                               c.kind == Kind::Microcredential ? "" : fmt::format(" ({})", to_string(c.kind)), extra);
        }
        case ExplainNode::Type::All:
            return fmt::format("{} all of: {} of {} met", mark(node.met), format_count(node.have),
                               format_count(node.need));
        case ExplainNode::Type::Any:
            return fmt::format("{} any of: {} of {} met", mark(node.met), format_count(node.have),
                               plural(node.children.size(), "option", "options"));
        case ExplainNode::Type::AtLeast:
            return fmt::format("{} at least {} of {}: {} met", mark(node.met), format_count(node.need),
                               format_count(node.children.size()), format_count(node.have));
        case ExplainNode::Type::CreditsFrom:
            return fmt::format("{} {} {} from the list: {} of {} {}{}", mark(node.met), format_count(node.need), unit,
                               format_count(node.have), format_count(node.need), unit, caps_text(node));
        case ExplainNode::Type::CreditsTagged: {
            std::vector<std::string> tags;
            for (const std::string& tag : node.names) tags.push_back(terminal_safe(tag));
            return fmt::format("{} {} {} tagged {}: {} of {} {}{}", mark(node.met), format_count(node.need), unit,
                               fmt::join(tags, ", "), format_count(node.have), format_count(node.need), unit,
                               caps_text(node));
        }
        case ExplainNode::Type::Skills:
            return fmt::format("{} skills: {} of {}", mark(node.met), format_count(node.have), format_count(node.need));
        case ExplainNode::Type::Skill: {
            const std::string skill = node.names.empty() ? "" : terminal_safe(node.names.front());
            if (node.met) return fmt::format("{} {}: taught by {}", mark(true), skill, short_list(catalog, node.counted, 3));
            return fmt::format("{} {}", mark(false), skill);
        }
        }
        return {};
    }

    const ExplainView& view_;
    const Style& style_;
};

ordered_json remedy_json(const Catalog& catalog, const Remedy& remedy) {
    ordered_json out;
    out["feasible"] = remedy.feasible;
    if (!remedy.feasible) {
        out["reason"] = remedy.reason;
        return out;
    }
    out["optimal"] = remedy.optimal;
    out["totals"] = totals_json(remedy.totals);
    out["steps"] = id_list(catalog, remedy.steps);
    return out;
}

ordered_json explain_node_json(const Catalog& catalog, const ExplainNode& node) {
    ordered_json out;
    out["node"] = node_name(node.type);
    out["met"] = node.met;
    if (node.type == ExplainNode::Type::Credential) {
        const Credential& c = catalog.credentials[node.credential];
        out["id"] = c.id;
        out["title"] = c.title;
        out["kind"] = to_string(c.kind);
        out["status"] = status_name(node.status);
        if (node.expired_on) out["expired_on"] = to_string(*node.expired_on);
        if (node.substituted_by) out["substituted_by"] = catalog.credentials[*node.substituted_by].id;
        if (!node.met) out["ready"] = node.ready;
        if (!node.met && node.intake.bound) out["next_intake"] = next_intake_json(node.intake);
        if (node.in_progress) out["in_progress"] = true;
        if (node.excluded) out["excluded"] = true;
        if (node.shut_out_by && !node.met) out["excluded_by"] = catalog.credentials[*node.shut_out_by].id;
        if (node.repeated) out["repeated"] = true;
        if (!c.also_required.empty()) out["also_required"] = c.also_required;
        if (c.external) out["external"] = true;
        for (const ExplainNode& child : node.children)
            out[child.corequisite ? "corequires" : "requires"] = explain_node_json(catalog, child);
    } else {
        out["have"] = number(node.have);
        out["need"] = number(node.need);
        switch (node.type) {
        case ExplainNode::Type::CreditsFrom:
        case ExplainNode::Type::CreditsTagged: out["unit"] = catalog.credit_unit; break;
        case ExplainNode::Type::Skills: out["unit"] = "skills"; break;
        default: out["unit"] = "parts"; break;
        }
        if (node.type == ExplainNode::Type::CreditsTagged) out["tags"] = node.names;
        if (!node.caps.empty()) {
            ordered_json caps = ordered_json::array();
            for (const Rule& cap : node.caps) caps.push_back(rule_as_json(cap));
            out["cap"] = std::move(caps);
        }
        if (node.type == ExplainNode::Type::Skill) out["skill"] = node.names.empty() ? "" : node.names.front();
        if (node.type == ExplainNode::Type::CreditsFrom || node.type == ExplainNode::Type::CreditsTagged)
            out["counted"] = id_list(catalog, node.counted);
        if (node.type == ExplainNode::Type::Skill) out["taught_by"] = id_list(catalog, node.counted);
        if (node.type != ExplainNode::Type::Skill && node.type != ExplainNode::Type::CreditsTagged) {
            ordered_json children = ordered_json::array();
            for (const ExplainNode& child : node.children) children.push_back(explain_node_json(catalog, child));
            out["children"] = std::move(children);
        }
    }
    if (node.remedy) out["remedy"] = remedy_json(catalog, *node.remedy);
    return out;
}

// What an overlap limit means for the explained target, in words.
std::vector<std::string> overlap_text(const Catalog& catalog, const ExplainOverlap& overlap) {
    const std::string& target = catalog.credentials[overlap.target].id;
    const std::string& other = catalog.credentials[overlap.other].id;
    std::vector<std::string> lines;
    lines.push_back(fmt::format("Overlap: at most {} may count toward both {} and {} in one plan.",
                                plural(overlap.at_most, "credential", "credentials"), target, other));
    lines.push_back(overlap.other_is_target
                        ? fmt::format("  Each cheapest way above is for one of them alone; "
                                      "credpath plan -t {} -t {} keeps to the limit.",
                                      target, other)
                        : fmt::format("  {} is a requirement of {}: the cheapest way to {} keeps to the limit.", other,
                                      target, target));
    if (!overlap.held_shared.empty()) {
        lines.push_back(fmt::format("  Held, counted by both: {}.", ids_of(catalog, overlap.held_shared, ", ")));
        if (overlap.held_shared.size() > overlap.at_most) {
            const std::size_t over = overlap.held_shared.size() - overlap.at_most;
            lines.push_back(fmt::format("  That is {} over the limit: in one plan {} of them {} toward one side only, "
                                        "so a rule shown met may need more.",
                                        over, over, over == 1 ? "counts" : "count"));
        }
    }
    return lines;
}

}  // namespace

std::string render_explain_text(const ExplainView& view, const Style& style) {
    std::string out;
    ExplainText text(view, style);
    for (const ExplainNode& target : view.explanation.targets) {
        const Credential& c = view.catalog.credentials[target.credential];
        out += fmt::format("Requirements of {} ({}) as of {}\n", terminal_safe(c.id), terminal_safe(c.title),
                           to_string(view.learner.as_of));
        out += learner_line(view.catalog, view.learner);
        out += '\n';  // not "\n" + string: GCC 12 warns falsely (-Wrestrict) on that
        out += text.node(target, "", "");
        for (const ExplainOverlap& overlap : view.explanation.overlaps)
            if (overlap.target == target.credential)
                for (const std::string& line : overlap_text(view.catalog, overlap))
                    out += terminal_safe(line) + '\n';
        out += '\n';
    }
    return out;
}

std::string render_explain_json(const ExplainView& view) {
    ordered_json out;
    out["format"] = "credpath-explain/1";
    out["objective"] = to_string(view.request.objective);
    learner_json(out, view.catalog, view.learner);
    ordered_json targets = ordered_json::array();
    for (const ExplainNode& target : view.explanation.targets) targets.push_back(explain_node_json(view.catalog, target));
    out["targets"] = std::move(targets);
    if (!view.explanation.overlaps.empty()) {
        ordered_json overlaps = ordered_json::array();
        for (const ExplainOverlap& overlap : view.explanation.overlaps)
            overlaps.push_back({{"between",
                                 {view.catalog.credentials[overlap.target].id, view.catalog.credentials[overlap.other].id}},
                                {"at_most", overlap.at_most},
                                {"both_targets", overlap.other_is_target},
                                {"held_shared", id_list(view.catalog, overlap.held_shared)}});
        out["overlaps"] = std::move(overlaps);
    }
    return dump(out);
}

// ---------------------------------------------------------------- options

namespace {

std::string_view sort_name(OptionSort sort) { return name_in(kOptionSorts, sort); }

std::string kinds_text(const std::vector<Kind>& kinds) {
    std::vector<std::string_view> names;
    for (Kind kind : kinds) names.push_back(to_string(kind));
    return fmt::format("{}", fmt::join(names, ", "));
}

std::string percent(double share) { return fmt::format("{}%", static_cast<int>(std::lround(share * 100))); }

ordered_json summary_json(const Catalog& catalog, const PlanSummary& summary) {
    return {{"optimal", summary.optimal}, {"totals", totals_json(summary.totals)}, {"steps", id_list(catalog, summary.steps)}};
}

std::string options_limits(const OptionsView& view) {
    std::vector<std::string> parts;
    if (view.request.max_cost) parts.push_back("max cost " + money(view.catalog, *view.request.max_cost));
    if (view.request.max_weeks) parts.push_back("max " + plural(*view.request.max_weeks, "week", "weeks"));
    return parts.empty() ? std::string() : fmt::format(" ({})", fmt::join(parts, ", "));
}

}  // namespace

std::string render_options_text(const OptionsView& view, const Style& style) {
    const Catalog& catalog = view.catalog;
    const OptionsResult& result = view.result;
    std::string out = paragraph(style, fmt::format("Reachable {}: {} of {}{}, as of {}, sorted by {}",
                                                   kinds_text(view.request.kinds), format_count(result.options.size()),
                                                   format_count(result.candidates), options_limits(view),
                                                   to_string(view.learner.as_of), sort_name(view.request.sort)));
    out += learner_line(catalog, view.learner);
    if (!result.optimal) out += paint(style, fmt::fg(fmt::terminal_color::yellow),
                                      "Some plans are NOT proven optimal (solver time limit reached).\n");
    if (!result.options.empty()) {
        Table table{{"id", "kind", "cheapest", "weeks", "steps", "fastest", "at cost", "done", "title"},
                    {false, false, true, true, true, true, true, true, false},
                    {}};
        const bool skills = !view.request.skills.empty();
        if (skills) {
            table.header.insert(table.header.begin() + 2, "skills");
            table.right.insert(table.right.begin() + 2, false);
        }
        for (const ReachableOption& option : result.options) {
            const Credential& c = catalog.credentials[option.credential];
            table.rows.push_back({terminal_safe(c.id), std::string(to_string(c.kind)),
                                  format_money(option.cheapest.totals.cost), format_count(option.cheapest.totals.weeks),
                                  format_count(option.cheapest.steps.size()),
                                  format_count(option.fastest.totals.weeks) + " wk",
                                  format_money(option.fastest.totals.cost), percent(option.progress),
                                  terminal_safe(c.title)});
            if (skills)
                table.rows.back().insert(table.rows.back().begin() + 2,
                                         fmt::format("{}/{}: {}", format_count(option.skills_covered.size()),
                                                     format_count(view.request.skills.size()),
                                                     terminal_safe(fmt::format("{}", fmt::join(option.skills_covered, ",")))));
        }
        table.wrap({"title", "skills"});
        table.droppable = {"kind", "steps", "done"};
        out += "\n" + table.render(style) + dropped_note(table, style);
        out += "\n" + paragraph(style, fmt::format("cheapest: total cost ({}) and weeks of the cheapest plan; fastest: "
                                                 "weeks and cost of the fastest plan; done: share of the cheapest "
                                                 "route already held.",
                                                 terminal_safe(catalog.currency)));
    }
    if (!result.start_now.empty()) {
        // A column of start dates only when some of them wait for an intake.
        const bool intakes = std::any_of(result.start_now.begin(), result.start_now.end(),
                                         [](const StartNow& start) { return start.intake.bound; });
        out += "\n" + paragraph(style, intakes ? "Start next (requirements met today; some wait for an intake), by how "
                                                "many of these it moves closer:"
                                              : "Start now (requirements met today), by how many of these it moves "
                                                "closer:");
        Table table{{"id", "advances", "title"}, {false, false, false}, {}};
        if (intakes) table = Table{{"id", "starts", "advances", "title"}, {false, false, false, false}, {}};
        for (const StartNow& start : result.start_now) {
            std::vector<std::string> row{terminal_safe(catalog.credentials[start.credential].id),
                                         fmt::format("{}: {}", format_count(start.advances.size()),
                                                     short_list(catalog, start.advances, 4)),
                                         terminal_safe(catalog.credentials[start.credential].title)};
            if (intakes)
                row.insert(row.begin() + 1, !start.intake.bound ? std::string("now")
                                            : start.intake.next ? to_string(*start.intake.next)
                                                                : std::string("no intake left"));
            table.rows.push_back(std::move(row));
        }
        table.wrap({"advances", "title", "starts"});
        table.droppable = {"title"};
        out += table.render(style) + dropped_note(table, style);
    }
    return out;
}

std::string render_options_json(const OptionsView& view) {
    const Catalog& catalog = view.catalog;
    ordered_json out;
    out["format"] = "credpath-options/1";
    std::vector<std::string_view> kinds;
    for (Kind kind : view.request.kinds) kinds.push_back(to_string(kind));
    out["kinds"] = kinds;
    out["sort"] = sort_name(view.request.sort);
    if (!view.request.skills.empty()) out["skills"] = view.request.skills;
    ordered_json limits = ordered_json::object();
    if (view.request.max_cost) limits["max_cost"] = number(*view.request.max_cost);
    if (view.request.max_weeks) limits["max_weeks"] = number(*view.request.max_weeks);
    out["limits"] = std::move(limits);
    learner_json(out, catalog, view.learner);
    out["candidates"] = view.result.candidates;
    out["unreachable"] = view.result.unreachable;
    out["optimal"] = view.result.optimal;
    ordered_json options = ordered_json::array();
    for (const ReachableOption& option : view.result.options) {
        const Credential& c = catalog.credentials[option.credential];
        options.push_back({{"id", c.id},
                           {"title", c.title},
                           {"kind", to_string(c.kind)},
                           {"progress", number(std::round(option.progress * 1000) / 1000)},
                           {"held_used", id_list(catalog, option.held_used)},
                           {"cheapest", summary_json(catalog, option.cheapest)},
                           {"fastest", summary_json(catalog, option.fastest)}});
    }
    if (!view.request.skills.empty())
        for (std::size_t i = 0; i < options.size(); ++i) options[i]["skills_covered"] = view.result.options[i].skills_covered;
    out["options"] = std::move(options);
    ordered_json start_now = ordered_json::array();
    for (const StartNow& start : view.result.start_now) {
        ordered_json item = {{"id", catalog.credentials[start.credential].id},
                             {"title", catalog.credentials[start.credential].title},
                             {"advances", id_list(catalog, start.advances)}};
        if (start.intake.bound) item["next_intake"] = next_intake_json(start.intake);
        start_now.push_back(std::move(item));
    }
    out["start_now"] = std::move(start_now);
    return dump(out);
}

std::string render_options_csv(const OptionsView& view) {
    const Catalog& catalog = view.catalog;
    std::string out = "id,title,kind,cheapest_cost,cheapest_weeks,cheapest_steps,fastest_weeks,fastest_cost,"
                      "fastest_steps,progress\n";
    for (const ReachableOption& option : view.result.options) {
        const Credential& c = catalog.credentials[option.credential];
        out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv_cell(c.id), csv_cell(c.title), to_string(c.kind),
                           format_number(option.cheapest.totals.cost), format_number(option.cheapest.totals.weeks),
                           option.cheapest.steps.size(), format_number(option.fastest.totals.weeks),
                           format_number(option.fastest.totals.cost), option.fastest.steps.size(),
                           format_number(std::round(option.progress * 1000) / 1000));
    }
    return out;
}

// ---------------------------------------------------------------- plan sets

namespace {

std::vector<std::uint32_t> step_set(const Plan& plan) {
    std::vector<std::uint32_t> set;
    for (const PlanStep& step : plan.steps) set.push_back(step.credential);
    std::sort(set.begin(), set.end());
    return set;
}

}  // namespace

namespace render_detail {

Swap swap_against(const Catalog& catalog, const Plan& plan, const Plan& reference) {
    const std::vector<std::uint32_t> mine = step_set(plan);
    const std::vector<std::uint32_t> theirs = step_set(reference);
    Swap swap;
    std::set_difference(mine.begin(), mine.end(), theirs.begin(), theirs.end(), std::back_inserter(swap.adds));
    std::set_difference(theirs.begin(), theirs.end(), mine.begin(), mine.end(), std::back_inserter(swap.drops));
    const auto by_id = [&](std::uint32_t a, std::uint32_t b) { return catalog.credentials[a].id < catalog.credentials[b].id; };
    std::sort(swap.adds.begin(), swap.adds.end(), by_id);
    std::sort(swap.drops.begin(), swap.drops.end(), by_id);
    return swap;
}

std::string signed_number(double value, bool money_value) {
    const std::string magnitude = money_value ? format_money(std::fabs(value)) : format_count(std::fabs(value));
    if (std::fabs(value) < 1e-9) return "±0";
    return (value < 0 ? "-" : "+") + magnitude;
}

PlanView plan_of_set(const PlanSetView& view, const Plan& plan) {
    PlanView out{view.catalog, view.graph, view.request, plan, view.learner, std::nullopt, nullptr, {}};
    // A held credential can be a step only as its renewal (--renew).
    const std::vector<std::uint32_t>& held = view.learner.holdings.held;
    for (const PlanStep& step : plan.steps)
        if (std::binary_search(held.begin(), held.end(), step.credential)) out.renewals.push_back(step.credential);
    std::sort(out.renewals.begin(), out.renewals.end());
    return out;
}

}  // namespace render_detail

namespace {

// "   renews a, b" under a plan of a set that renews held credentials.
std::string renews_line(const PlanSetView& view, const Plan& plan) {
    const PlanView one = plan_of_set(view, plan);
    if (one.renewals.empty()) return {};
    return fmt::format("   renews {}\n", terminal_safe(ids_of(view.catalog, one.renewals, ", ")));
}

std::string set_header(const PlanSetView& view, std::string_view what) {
    std::vector<std::string> ids;
    for (std::uint32_t t : view.request.targets) ids.push_back(terminal_safe(view.catalog.credentials[t].id));
    std::vector<std::string> limits;
    if (view.request.max_cost) limits.push_back("max cost " + money(view.catalog, *view.request.max_cost));
    if (view.request.max_weeks) limits.push_back("max " + plural(*view.request.max_weeks, "week", "weeks"));
    return fmt::format("{} for {}{}{}", what, fmt::join(ids, ", "),
                       view.learner.name.empty() ? "" : fmt::format(" for {}", terminal_safe(view.learner.name)),
                       limits.empty() ? "" : fmt::format(" ({})", fmt::join(limits, ", ")));
}

std::string held_lines(const PlanSetView& view) {
    Learner shown = view.learner;
    shown.name.clear();  // the title names the learner
    return learner_line(view.catalog, shown);
}

ordered_json plan_set_json(const PlanSetView& view, std::string_view format, bool swaps) {
    ordered_json out;
    out["format"] = format;
    std::vector<std::string> targets;
    for (std::uint32_t t : view.request.targets) targets.push_back(view.catalog.credentials[t].id);
    out["targets"] = targets;
    if (swaps) out["objective"] = to_string(view.request.objective);
    out["currency"] = view.catalog.currency;
    ordered_json plans = ordered_json::array();
    for (std::size_t i = 0; i < view.plans.size(); ++i) {
        ordered_json plan = plan_json(plan_of_set(view, view.plans[i]));
        ordered_json entry;
        entry["rank"] = i + 1;
        if (swaps && i > 0) {
            const Swap swap = swap_against(view.catalog, view.plans[i], view.plans.front());
            entry["vs_best"] = {{"adds", id_list(view.catalog, swap.adds)},
                                {"drops", id_list(view.catalog, swap.drops)},
                                {"cost", number(view.plans[i].totals.cost - view.plans.front().totals.cost)},
                                {"weeks", number(view.plans[i].totals.weeks - view.plans.front().totals.weeks)}};
        }
        for (auto& [key, value] : plan.items()) entry[key] = value;
        plans.push_back(std::move(entry));
    }
    out["plans"] = std::move(plans);
    return out;
}

}  // namespace

std::string render_alternatives_text(const PlanSetView& view, const Style& style) {
    std::string out = set_header(view, view.plans.size() == 1 ? std::string("The best plan")
                                                              : fmt::format("The {} best plans", format_count(view.plans.size()))) +
                      fmt::format(" (minimize {})\n", to_string(view.request.objective));
    out += held_lines(view);
    if (view.plans.empty()) return out + "No plan meets the limits.\n";
    for (std::size_t i = 0; i < view.plans.size(); ++i) {
        const Plan& plan = view.plans[i];
        const PlanTotals& t = plan.totals;
        if (!plan.feasible) {
            out += fmt::format("\n#{}: {}\n", i + 1, terminal_safe(plan.reason));
            continue;
        }
        out += '\n';
        out += paint(style, fmt::emphasis::bold, fmt::format("#{}", i + 1)) +
               fmt::format(": {}, {}, {}, {}", money(view.catalog, t.cost), weeks_text(t.weeks),
                           plural(t.hours, "hour", "hours"), steps_text(t.count));
        if (!plan.optimal) out += paint(style, fmt::fg(fmt::terminal_color::yellow), " (NOT proven optimal)");
        out += "\n";
        if (i > 0) {
            const Plan& best = view.plans.front();
            const Swap swap = swap_against(view.catalog, plan, best);
            const double weeks = t.weeks - best.totals.weeks;
            std::string versus = fmt::format("vs #1: {} {}, {} {}", signed_number(t.cost - best.totals.cost, true),
                                             terminal_safe(view.catalog.currency), signed_number(weeks, false),
                                             noun(weeks, "week", "weeks"));
            if (!swap.adds.empty()) versus += "; adds " + short_list(view.catalog, swap.adds, 8);
            if (!swap.drops.empty()) versus += "; drops " + short_list(view.catalog, swap.drops, 8);
            out += paragraph(style, versus, 3);
        }
        if (plan.steps.empty()) out += "   nothing to add: every target is held\n";
        else out += steps_table(plan_of_set(view, plan), style);
    }
    return out;
}

std::string render_alternatives_json(const PlanSetView& view) {
    return dump(plan_set_json(view, "credpath-alternatives/1", true));
}

std::string render_pareto_text(const PlanSetView& full, const Style& style) {
    std::string out = set_header(full, "Cost and time trade-offs") + "\n";
    out += held_lines(full);
    std::vector<Plan> feasible;
    std::string stopped;
    for (const Plan& plan : full.plans) {
        if (plan.feasible) feasible.push_back(plan);
        else stopped = plan.reason;
    }
    const PlanSetView view{full.catalog, full.graph, full.request, feasible, full.learner};
    if (view.plans.empty()) return out + terminal_safe(stopped.empty() ? "No plan meets the limits." : stopped) + "\n";
    if (!stopped.empty()) out += fmt::format("The frontier may be incomplete: {}\n", terminal_safe(stopped));
    out += fmt::format("{} on the frontier: no plan is both cheaper and faster than any of them.\n\n",
                       plural(view.plans.size(), "plan", "plans"));
    Table table{{"#", "cost", "weeks", "hours", "steps", "what changes from the previous"},
                {true, true, true, true, true, false},
                {}};
    for (std::size_t i = 0; i < view.plans.size(); ++i) {
        const Plan& plan = view.plans[i];
        std::string change = i == 0 ? "cheapest" : "";
        if (i > 0) {
            const Swap swap = swap_against(view.catalog, plan, view.plans[i - 1]);
            std::vector<std::string> parts;
            if (!swap.adds.empty()) parts.push_back("adds " + short_list(view.catalog, swap.adds, 3));
            if (!swap.drops.empty()) parts.push_back("drops " + short_list(view.catalog, swap.drops, 3));
            change = fmt::format("{}", fmt::join(parts, "; "));
        }
        if (i + 1 == view.plans.size()) change += change.empty() || i == 0 ? (i == 0 ? " and fastest" : "fastest")
                                                                           : " (fastest)";
        table.rows.push_back({format_count(i + 1), format_money(plan.totals.cost), format_count(plan.totals.weeks),
                              format_count(plan.totals.hours), format_count(plan.totals.count), change});
    }
    table.wrap({"what changes from the previous"});
    out += table.render(style);
    if (style.terminal && view.plans.size() > 1) out += "\n" + render_pareto_plot(view);
    for (std::size_t i = 0; i < view.plans.size(); ++i) {
        const Plan& plan = view.plans[i];
        out += '\n';
        out += paint(style, fmt::emphasis::bold, fmt::format("#{}", i + 1)) +
               fmt::format(": {}, {}{}\n", money(view.catalog, plan.totals.cost), weeks_text(plan.totals.weeks),
                           plan.optimal ? "" : " (NOT proven optimal)");
        out += renews_line(view, plan);
        if (plan.steps.empty()) out += "   nothing to add: every target is held\n";
        else out += steps_table(plan_of_set(view, plan), style);
    }
    return out;
}

std::string render_pareto_json(const PlanSetView& view) { return dump(plan_set_json(view, "credpath-pareto/1", false)); }

std::string render_pareto_plot(const PlanSetView& view, std::size_t width, std::size_t height) {
    if (view.plans.empty() || width < 10 || height < 3) return {};
    double min_cost = view.plans.front().totals.cost, max_cost = min_cost;
    double min_weeks = view.plans.front().totals.weeks, max_weeks = min_weeks;
    for (const Plan& plan : view.plans) {
        min_cost = std::min(min_cost, plan.totals.cost);
        max_cost = std::max(max_cost, plan.totals.cost);
        min_weeks = std::min(min_weeks, plan.totals.weeks);
        max_weeks = std::max(max_weeks, plan.totals.weeks);
    }
    const auto scale = [](double value, double low, double high, std::size_t cells) {
        if (high - low < 1e-12) return std::size_t{0};
        return static_cast<std::size_t>(std::lround((value - low) / (high - low) * static_cast<double>(cells - 1)));
    };
    std::vector<std::string> grid(height, std::string(width, ' '));
    for (std::size_t i = 0; i < view.plans.size(); ++i) {
        const std::size_t x = scale(view.plans[i].totals.weeks, min_weeks, max_weeks, width);
        const std::size_t y = scale(view.plans[i].totals.cost, min_cost, max_cost, height);
        const std::string label = std::to_string(i + 1);
        std::string& row = grid[height - 1 - y];
        for (std::size_t k = 0; k < label.size() && x + k < width; ++k) row[x + k] = label[k];
    }
    const std::string top = format_money(max_cost), bottom = format_money(min_cost);
    const std::size_t margin = std::max(top.size(), bottom.size());
    std::string out = fmt::format("{:>{}} cost ({})\n", "", margin, terminal_safe(view.catalog.currency));
    for (std::size_t r = 0; r < height; ++r) {
        const std::string axis = r == 0 ? top : r + 1 == height ? bottom : "";
        std::string row = grid[r];
        while (!row.empty() && row.back() == ' ') row.pop_back();
        out += fmt::format("{:>{}} |{}\n", axis, margin, row);
    }
    out += fmt::format("{:>{}} +{}\n", "", margin, std::string(width, '-'));
    const std::string left = format_count(min_weeks), right = plural(max_weeks, "week", "weeks");
    const std::size_t gap = width > left.size() + right.size() ? width - left.size() - right.size() : 1;
    out += fmt::format("{:>{}}  {}{}{}\n", "", margin, left, std::string(gap, ' '), right);
    return out;
}

}  // namespace credpath
