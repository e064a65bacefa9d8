// A Request (what a learner asks, by names) resolved against one catalog:
// ids to credentials, skills checked, the profile read and expiry applied at
// the as-of date. The one resolver for flags, profiles and batch lines.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "credpath/graph/graph.hpp"
#include "credpath/load/profile.hpp"
#include "credpath/model/request.hpp"
#include "credpath/plan/planner.hpp"

namespace credpath {

// A credential the learner has begun, as the plan counts it: what is left of
// it (its catalog entry scaled down), due from the plan's first day.
struct InProgressStep {
    std::uint32_t credential = 0;
    double done = 0;        // share done, 0 to 1 (hours_done / hours when given in hours)
    double hours_left = 0;  // hours x (1 - done), or hours - hours_done, not below 0
    double weeks_left = 0;  // weeks scaled the same way, rounded up to whole days
    double cost_left = 0;   // 0 when paid
    bool paid = true;
};

// Who asks: what they hold after expiry, and when.
struct Learner {
    Holdings holdings;
    Date as_of;
    std::string name;    // from the profile; may be empty
    bool given = false;  // the request stated holdings (have or a profile): say what is held
    std::vector<InProgressStep> in_progress{};  // sorted by credential
};

// The catalog a request with work in progress is planned against: the begun
// credentials cost, last and weigh only what is left of them, and their own
// requirements count as met (they were begun), with the graph to match.
struct AdjustedCatalog {
    Catalog catalog;
    DependencyGraph graph;
    explicit AdjustedCatalog(Catalog adjusted) : catalog(std::move(adjusted)), graph(catalog) {}
};

struct ResolvedRequest {
    Request asked;  // the request as resolved (after layering)
    Learner learner;
    PlanRequest plan;                 // targets, held, excluded, objective, limits; goals: see plan_request()
    std::vector<std::string> skills;  // the skills asked for, in order, without repeats
    // A `skills` rule of no credential, when skills were asked for; shared, so
    // that plan requests referring to it stay valid when this object moves.
    std::shared_ptr<const Rule> skills_goal;
    std::optional<Date> start;        // the calendar's first day: `start`, else as_of with a capacity
    // Set when the learner has work in progress: plan against it, not the catalog.
    std::shared_ptr<const AdjustedCatalog> adjusted;
    // What to plan and render against: the adjusted catalog when there is one.
    const Catalog& catalog_or(const Catalog& given) const { return adjusted ? adjusted->catalog : given; }
    const DependencyGraph& graph_or(const DependencyGraph& given) const { return adjusted ? adjusted->graph : given; }

    // `plan` with the skills goal added; valid while this object is.
    PlanRequest plan_request() const;
};

// How the place a request came from names its fields in messages: the
// command line by its options ("-t", "--have"), a batch line by its keys.
struct FieldNames {
    std::string targets = "targets";
    std::string skills = "skills";
    std::string have = "have";
    std::string exclude = "exclude";
    std::string include = "include";
    std::string apply = "apply";
};

struct ResolveContext {
    Date today;               // the as-of date of a request that gives none
    std::string profile_dir;  // a relative profile is read from here ("" = the working directory)
    std::uint64_t max_file_bytes = 1ull << 30;  // for profile files
    FieldNames names;
    // The request's profile and wallets, read already (read_learner), so
    // that they are read once; nullptr: read them here.
    const ProfileRead* profile = nullptr;
    // What badges are checked against (--trusted-keys, --status-list).
    const WalletTrust* trust = nullptr;
};

// Every fault of a request, stage by stage (targets, skills, profile,
// holdings, work in progress, include, in that order), with what could be resolved.
enum class ResolveStage { Targets, Skills, Profile, Holdings, InProgress, Include };
struct ResolveFault {
    ResolveStage stage;
    InputError error;
};
struct Resolution {
    ResolvedRequest request;
    std::vector<ResolveFault> faults;  // one per faulty stage; empty when resolved
    bool holdings_resolved = false;  // request.learner.holdings is meaningful
};
Resolution resolve(const Catalog& catalog, const Request& request, const ResolveContext& context);

// The command line's way: throws the first stage's fault as it is (a profile's
// diagnostics kept, one message line per unknown name).
ResolvedRequest resolve_request(const Catalog& catalog, const Request& request, const ResolveContext& context);
// A batch line's faults, one message each ("FILE:LINE:COL: unknown credential
// 'x' (did you mean 'y'?)" where the line wrote the name, "targets: ..." where
// a flag gave it, "profile: ..."), with "no targets or skills" first when the
// request and its profile name none; empty when it resolved.
std::vector<std::string> resolution_problems(const Resolution& resolution);
// A batch line's way: every fault in one InputError, joined by "; ".
ResolvedRequest resolve_request_line(const Catalog& catalog, const Request& request, const ResolveContext& context);

// The as-of date of a request: its own, else the context's.
Date as_of_date(const Request& request, const ResolveContext& context);

}  // namespace credpath
