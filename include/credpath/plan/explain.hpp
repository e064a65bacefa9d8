// Gap analysis: the requirement tree of a target with the learner's status on
// every node, and under each unmet node the cheapest way to meet it (a degree
// audit for stackable credentials).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "credpath/model/date.hpp"
#include "credpath/graph/graph.hpp"
#include "credpath/model/model.hpp"
#include "credpath/plan/planner.hpp"
#include "credpath/load/profile.hpp"

namespace credpath {

// Waived and Substituted: not held, but counted as met by an advisor's exception.
enum class HeldStatus { Held, Expired, Missing, Waived, Substituted };

// What it takes to meet one unmet node: an exact plan for it alone, given what
// the learner holds.
struct Remedy {
    bool feasible = false;
    bool optimal = false;
    std::string reason;                  // when infeasible
    std::vector<std::uint32_t> steps;    // credentials to add, in plan order
    PlanTotals totals;
};

struct ExplainNode {
    enum class Type { Credential, All, Any, AtLeast, CreditsFrom, CreditsTagged, Skills, Skill };
    Type type = Type::Credential;
    bool met = false;  // a credential: held; a rule: met by the held credentials

    // Type::Credential
    std::uint32_t credential = 0;
    HeldStatus status = HeldStatus::Missing;
    std::optional<Date> expired_on;
    std::optional<std::uint32_t> substituted_by;  // Substituted: the held credential standing for it
    bool ready = false;      // missing, but its own requirements are met: can start now
    NextIntake intake;       // missing: whether it waits for an intake, and which
    bool repeated = false;   // expanded earlier in the tree; not expanded again
    bool excluded = false;   // the learner excluded it
    // Missing and never a step: the learner holds this credential, and the
    // two exclude each other (`excludes`).
    std::optional<std::uint32_t> shut_out_by;
    bool in_progress = false;  // begun, not finished

    // Rules: progress towards the rule, e.g. 1 of 2, 8 of 12 (credits), 2 of 3 skills.
    double have = 0;
    double need = 0;
    std::vector<std::string> names;  // tags of a tagged rule; the skill of Type::Skill
    std::vector<Rule> caps;          // credits rules: their `cap`s (each counts at most its credits)
    // Held credentials counting towards a credits rule or teaching a skill.
    std::vector<std::uint32_t> counted;

    // The root of a credential's `corequires` (a rule, or the one credential
    // it names): taken before or alongside it.
    bool corequisite = false;

    std::vector<ExplainNode> children;
    // Set on unmet nodes: a missing credential, and each unmet part of a rule
    // (not on a credential's whole rule, whose remedy is its owner's minus it).
    std::optional<Remedy> remedy;
};

struct ExplainRequest {
    std::vector<std::uint32_t> targets;
    std::vector<std::uint32_t> held;      // sorted, not expired
    std::vector<ExpiredCredential> expired;
    std::vector<std::uint32_t> excluded;  // sorted
    std::vector<std::uint32_t> waived;    // sorted
    std::vector<SubstitutedCredential> substituted;
    std::vector<std::uint32_t> in_progress;  // begun: shown as such (the catalog holds what is left)
    Objective objective = Objective::Cost;  // what "cheapest" means for remedies
    std::optional<Date> first_day;          // intakes count from it (PlanRequest::first_day)
    double time_limit_seconds = 300;
    std::uint32_t max_depth = 64;  // credential levels expanded below a target
};

// An overlap limit that binds a plan for an explained target: its other side
// is another target (a plan of both keeps to it) or a requirement of the
// target (the target's cheapest way keeps to it).
struct ExplainOverlap {
    std::uint32_t target = 0;  // the explained target
    std::uint32_t other = 0;
    std::uint32_t at_most = 0;
    bool other_is_target = false;
    // Held (or waived, substituted) credentials whose rules count toward both;
    // past `at_most`, some of them count toward one side only.
    std::vector<std::uint32_t> held_shared;
};

struct Explanation {
    std::vector<ExplainNode> targets;  // one Type::Credential node per target
    std::vector<ExplainOverlap> overlaps;  // by target, then other (a pair of targets once)
    std::uint32_t solver_plans = 0;    // remedies computed
};

// Requires a validated (acyclic) catalog. Missing credentials are expanded into
// their requirements once; later occurrences are marked `repeated`.
Explanation explain(const Catalog& catalog, const DependencyGraph& graph, const ExplainRequest& request);

}  // namespace credpath
