#include "credpath/plan/explain.hpp"

#include <algorithm>
#include <unordered_map>

#include "planner_internal.hpp"

namespace credpath {

namespace {

// Credits count as reached with the planner's tolerance, so that 0.1 + 0.2
// credits meet a rule of 0.3.
bool reaches_amount(double sum, double amount) { return sum >= amount - 1e-9 * std::max(1.0, amount); }

class Explainer {
public:
    Explainer(const Catalog& catalog, const DependencyGraph& graph, const ExplainRequest& request)
        : catalog_(catalog), graph_(graph), request_(request), held_(catalog.credentials.size(), 0),
          expanded_(catalog.credentials.size(), 0) {
        for (std::uint32_t index : request.held) held_[index] = 1;
        for (std::uint32_t index : request.waived) held_[index] = 1;
        for (const SubstitutedCredential& s : request.substituted) {
            held_[s.credential] = 1;
            substituted_.emplace(s.credential, s.by);
        }
        for (std::uint32_t index = 0; index < held_.size(); ++index)
            if (held_[index]) met_.push_back(index);
        for (const ExpiredCredential& gone : request.expired) expired_.emplace(gone.credential, gone.expired_on);
    }

    // `gap`: the node stands in the way of its target (no met rule above it
    // covers it); only gaps are expanded and get remedies.
    ExplainNode credential_node(std::uint32_t index, std::uint32_t depth, bool gap = true) {
        ExplainNode node;
        node.type = ExplainNode::Type::Credential;
        node.credential = index;
        node.excluded = std::binary_search(request_.excluded.begin(), request_.excluded.end(), index);
        node.in_progress =
            std::find(request_.in_progress.begin(), request_.in_progress.end(), index) != request_.in_progress.end();
        if (held_[index]) {
            node.status = HeldStatus::Held;
            if (std::binary_search(request_.held.begin(), request_.held.end(), index)) {
                // held: the exception is not needed
            } else if (std::binary_search(request_.waived.begin(), request_.waived.end(), index)) {
                node.status = HeldStatus::Waived;
            } else if (auto by = substituted_.find(index); by != substituted_.end()) {
                node.status = HeldStatus::Substituted;
                node.substituted_by = by->second;
            }
            node.met = true;
            return node;
        }
        if (auto found = expired_.find(index); found != expired_.end()) {
            node.status = HeldStatus::Expired;
            node.expired_on = found->second;
        }
        for (std::uint32_t other : graph_.excluded_with(index))
            if (held_[other]) {
                node.shut_out_by = other;
                break;
            }
        const Credential& credential = catalog_.credentials[index];
        node.ready = !node.shut_out_by && startable(index);
        node.intake = next_intake_of(credential, request_.first_day);
        if (!gap || node.shut_out_by) return node;  // shut out: never a step, so no way to show
        if (expanded_[index]) {
            node.repeated = true;
            return node;
        }
        expanded_[index] = 1;
        if (credential.rule && depth < request_.max_depth)
            node.children.push_back(rule_node(*credential.rule, index, depth, true));
        if (credential.corequisite && depth < request_.max_depth) {
            node.children.push_back(rule_node(*credential.corequisite, index, depth, true));
            node.children.back().corequisite = true;
        }
        PlanRequest plan_request = base_request();
        plan_request.targets = {index};
        node.remedy = remedy(plan_request);
        return node;
    }

    std::uint32_t plans() const { return plans_; }

    // The overlap limits of `target` whose other side is a target or in its
    // cone, neither side held (what is held was counted before any plan).
    std::vector<ExplainOverlap> overlaps(std::uint32_t target) const {
        std::vector<ExplainOverlap> out;
        if (!graph_.has_overlap_limits() || held_[target]) return out;
        const std::vector<std::uint32_t> cone = graph_.cone({target});
        const std::vector<std::uint32_t>& targets = request_.targets;
        for (const auto& [other, limit] : graph_.overlap_limits(target)) {
            if (held_[other]) continue;
            const auto at = std::find(targets.begin(), targets.end(), other);
            const bool other_is_target = at != targets.end();
            // A pair of targets is shown once, under the first.
            if (other_is_target && at < std::find(targets.begin(), targets.end(), target)) continue;
            if (!other_is_target && !std::binary_search(cone.begin(), cone.end(), other)) continue;
            ExplainOverlap overlap{target, other, limit, other_is_target, {}};
            const std::vector<std::uint32_t> of_target = counted_toward(catalog_, target);
            const std::vector<std::uint32_t> of_other = counted_toward(catalog_, other);
            std::set_intersection(of_target.begin(), of_target.end(), of_other.begin(), of_other.end(),
                                  std::back_inserter(overlap.held_shared));
            std::erase_if(overlap.held_shared, [&](std::uint32_t d) { return !held_[d]; });
            out.push_back(std::move(overlap));
        }
        return out;
    }

private:
    PlanRequest base_request() const {
        PlanRequest plan_request;
        plan_request.held = met_;
        plan_request.excluded = request_.excluded;
        plan_request.objective = request_.objective;
        plan_request.time_limit_seconds = request_.time_limit_seconds;
        plan_request.first_day = request_.first_day;
        return plan_request;
    }

    Remedy remedy(const PlanRequest& plan_request) {
        ++plans_;
        const Plan plan = make_plan(catalog_, graph_, plan_request);
        Remedy out;
        out.feasible = plan.feasible;
        out.optimal = plan.optimal;
        out.reason = plan.reason;
        out.totals = plan.totals;
        for (const PlanStep& step : plan.steps) out.steps.push_back(step.credential);
        return out;
    }

    Remedy rule_remedy(const Rule& rule, std::uint32_t owner) {
        PlanRequest plan_request = base_request();
        plan_request.goals.push_back({&rule, owner});
        return remedy(plan_request);
    }

    // Can be started now: held, or its rule met by what is held and its
    // co-requisites by what is held or can start now with it (never one
    // excluded, or shut out by what is held).
    bool startable(std::uint32_t index) {
        if (held_[index]) return true;
        if (startable_.empty()) startable_.assign(held_.size(), -1);
        if (startable_[index] >= 0) return startable_[index] == 1;
        const auto together = graph_.taken_together(index);
        if (together.empty()) {
            startable_[index] = startable_alone(index) ? 1 : 0;
            return startable_[index] == 1;
        }
        // Credentials taken together start now when all of them can: from all,
        // drop those that cannot until none drops (a member's answer is "yes"
        // while the others are in question).
        for (std::uint32_t member : together) startable_[member] = 1;
        for (bool dropped = true; dropped;) {
            dropped = false;
            for (std::uint32_t member : together)
                if (startable_[member] == 1 && !held_[member] && !startable_alone(member)) {
                    startable_[member] = 0;
                    dropped = true;
                }
        }
        return startable_[index] == 1;
    }

    bool startable_alone(std::uint32_t index) {
        bool can = !std::binary_search(request_.excluded.begin(), request_.excluded.end(), index);
        for (std::uint32_t other : graph_.excluded_with(index)) can = can && !held_[other];
        if (can) {
            const auto finish = [&](std::uint32_t d) { return held_[d] ? 0.0 : planner_detail::kInf; };
            const auto start = [&](std::uint32_t d) { return startable(d) ? 0.0 : planner_detail::kInf; };
            can = planner_detail::ready_week(catalog_, index, finish, start) != planner_detail::kInf;
        }
        return can;
    }

    // Met by the held credentials alone.
    bool rule_met(const Rule& rule, std::uint32_t owner) const {
        switch (rule.kind) {
        case RuleKind::Ref: {
            auto index = catalog_.find(rule.ref);
            return index && held_[*index];
        }
        case RuleKind::All:
            return std::all_of(rule.children.begin(), rule.children.end(),
                               [&](const Rule& child) { return rule_met(child, owner); });
        case RuleKind::Any:
            return std::any_of(rule.children.begin(), rule.children.end(),
                               [&](const Rule& child) { return rule_met(child, owner); });
        case RuleKind::AtLeast: {
            std::uint32_t met = 0;
            for (const Rule& child : rule.children) met += rule_met(child, owner) ? 1 : 0;
            return met >= rule.at_least;
        }
        case RuleKind::CreditsFrom:
        case RuleKind::CreditsTagged: return reaches_amount(held_credits(rule, owner, nullptr), rule.credits);
        case RuleKind::Skills:
            return std::all_of(rule.names.begin(), rule.names.end(),
                               [&](const std::string& skill) { return !skill_teachers(skill, owner).empty(); });
        }
        return false;
    }

    // Credits of the held sources of a credits rule, under its caps; lists
    // them in `counted`.
    double held_credits(const Rule& rule, std::uint32_t owner, std::vector<std::uint32_t>* counted) const {
        std::vector<std::uint32_t> sources;
        for_each_source(catalog_, rule, owner, [&](std::uint32_t index) { sources.push_back(index); });
        std::sort(sources.begin(), sources.end());
        sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
        std::vector<std::pair<std::uint32_t, double>> held;
        for (std::uint32_t index : sources) {
            if (!held_[index] || catalog_.credentials[index].credits <= 0) continue;
            held.emplace_back(index, catalog_.credentials[index].credits);
            if (counted) counted->push_back(index);
        }
        return CreditCaps(catalog_, rule, owner).counted(held);
    }

    // Held credentials other than `owner` that teach `skill`.
    std::vector<std::uint32_t> skill_teachers(const std::string& skill, std::uint32_t owner) const {
        std::vector<std::uint32_t> teachers;
        if (auto found = catalog_.by_skill.find(skill); found != catalog_.by_skill.end())
            for (std::uint32_t index : found->second)
                if (index != owner && held_[index]) teachers.push_back(index);
        std::sort(teachers.begin(), teachers.end());
        return teachers;
    }

    ExplainNode rule_node(const Rule& rule, std::uint32_t owner, std::uint32_t depth, bool whole, bool gap = true) {
        if (rule.kind == RuleKind::Ref) {
            if (auto index = catalog_.find(rule.ref)) return credential_node(*index, depth + 1, gap);
            return {};  // a validated catalog has no unknown references
        }
        // Below a met rule nothing is missing: its parts are listed, not expanded.
        const bool parts_gap = gap && !rule_met(rule, owner);
        ExplainNode node;
        switch (rule.kind) {
        case RuleKind::Ref: break;
        case RuleKind::All:
        case RuleKind::Any:
        case RuleKind::AtLeast: {
            node.type = rule.kind == RuleKind::All   ? ExplainNode::Type::All
                        : rule.kind == RuleKind::Any ? ExplainNode::Type::Any
                                                     : ExplainNode::Type::AtLeast;
            for (const Rule& child : rule.children) {
                node.children.push_back(rule_node(child, owner, depth, false, parts_gap));
                if (node.children.back().met) node.have += 1;
            }
            node.need = rule.kind == RuleKind::All   ? static_cast<double>(rule.children.size())
                        : rule.kind == RuleKind::Any ? (rule.children.empty() ? 0 : 1)
                                                     : rule.at_least;
            node.met = node.have >= node.need;
            break;
        }
        case RuleKind::CreditsFrom:
            node.type = ExplainNode::Type::CreditsFrom;
            for (const std::string& id : rule.names)
                if (auto index = catalog_.find(id))
                    node.children.push_back(credential_node(*index, depth + 1, parts_gap));
            node.have = held_credits(rule, owner, &node.counted);
            node.need = rule.credits;
            node.met = reaches_amount(node.have, node.need);
            node.caps = rule.caps;
            break;
        case RuleKind::CreditsTagged:
            node.type = ExplainNode::Type::CreditsTagged;
            node.names = rule.names;
            node.have = held_credits(rule, owner, &node.counted);
            node.need = rule.credits;
            node.met = reaches_amount(node.have, node.need);
            node.caps = rule.caps;
            break;
        case RuleKind::Skills:
            node.type = ExplainNode::Type::Skills;
            for (const std::string& skill : rule.names) {
                ExplainNode leaf;
                leaf.type = ExplainNode::Type::Skill;
                leaf.names = {skill};
                leaf.counted = skill_teachers(skill, owner);
                leaf.met = !leaf.counted.empty();
                leaf.have = leaf.met ? 1 : 0;
                leaf.need = 1;
                if (!leaf.met && parts_gap) {
                    Rule one;
                    one.kind = RuleKind::Skills;
                    one.names = {skill};
                    leaf.remedy = rule_remedy(one, owner);
                }
                node.have += leaf.have;
                node.children.push_back(std::move(leaf));
            }
            node.need = static_cast<double>(rule.names.size());
            node.met = node.have >= node.need;
            break;
        }
        if (!node.met && !whole && gap) node.remedy = rule_remedy(rule, owner);
        return node;
    }

    const Catalog& catalog_;
    const DependencyGraph& graph_;
    const ExplainRequest& request_;
    std::vector<std::uint8_t> held_;
    std::vector<std::uint8_t> expanded_;
    std::vector<std::int8_t> startable_;  // memo of startable(): -1 not known yet
    std::unordered_map<std::uint32_t, Date> expired_;
    std::unordered_map<std::uint32_t, std::uint32_t> substituted_;  // credential -> the held one behind it
    std::vector<std::uint32_t> met_;                                // held, waived or substituted; sorted
    std::uint32_t plans_ = 0;
};

}  // namespace

Explanation explain(const Catalog& catalog, const DependencyGraph& graph, const ExplainRequest& request) {
    Explainer explainer(catalog, graph, request);
    Explanation out;
    for (std::uint32_t target : request.targets) {
        out.targets.push_back(explainer.credential_node(target, 0));
        for (ExplainOverlap& overlap : explainer.overlaps(target)) out.overlaps.push_back(std::move(overlap));
    }
    out.solver_plans = explainer.plans();
    return out;
}

}  // namespace credpath
