#include "credpath/plan/resolve.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "credpath/load/requests.hpp"

namespace credpath {

namespace {
// "a\nb" -> {a, b}: a stage's fault names each unknown name on a line of its own.
std::vector<std::string> message_lines(const std::string& message) {
    std::vector<std::string> lines;
    std::size_t begin = 0;
    while (begin <= message.size()) {
        std::size_t end = message.find('\n', begin);
        if (end == std::string::npos) end = message.size();
        lines.push_back(message.substr(begin, end - begin));
        begin = end + 1;
    }
    return lines;
}

InputError fault_of(const std::vector<std::string>& problems) {
    return InputError{fmt::format("{}", fmt::join(problems, "\n")), {}};
}

// `origins`: where each target was written (a profile's), else the field's name.
void resolve_targets(const Catalog& catalog, const Request& request, const ResolveContext& context,
                     const std::vector<std::string>* origins, Resolution& out) {
    std::vector<std::string> problems;
    std::vector<std::uint32_t>& targets = out.request.plan.targets;
    for (std::size_t i = 0; i < request.targets.size(); ++i) {
        const std::string& id = request.targets[i];
        if (auto index = catalog.find(id)) {
            if (std::find(targets.begin(), targets.end(), *index) == targets.end()) targets.push_back(*index);
        } else {
            const std::string& label = origins && i < origins->size()
                                           ? (*origins)[i]
                                           : Request::origin_of(request.origins.targets, i, context.names.targets);
            problems.push_back(fmt::format("{}: {}", label, unknown_id_message(catalog, id)));
        }
    }
    if (!problems.empty()) out.faults.push_back({ResolveStage::Targets, fault_of(problems)});
}

void resolve_skills(const Catalog& catalog, const Request& request, const ResolveContext& context,
                    const std::vector<std::string>* origins, Resolution& out) {
    std::vector<std::string> problems;
    std::vector<std::string_view> known;
    for (const auto& [skill, teachers] : catalog.by_skill) known.push_back(skill);
    std::sort(known.begin(), known.end());
    std::vector<std::string>& skills = out.request.skills;
    for (std::size_t i = 0; i < request.skills.size(); ++i) {
        const std::string& skill = request.skills[i];
        const std::string& label = origins && i < origins->size()
                                       ? (*origins)[i]
                                       : Request::origin_of(request.origins.skills, i, context.names.skills);
        if (catalog.by_skill.count(skill)) {
            if (std::find(skills.begin(), skills.end(), skill) == skills.end()) skills.push_back(skill);
            continue;
        }
        const std::string hint = nearest(skill, known);
        problems.push_back(hint.empty() ? fmt::format("{}: no credential teaches '{}'", label, skill)
                                        : fmt::format("{}: no credential teaches '{}' (did you mean '{}'?)", label,
                                                      skill, hint));
    }
    if (!problems.empty()) out.faults.push_back({ResolveStage::Skills, fault_of(problems)});
    if (!skills.empty()) {
        Rule goal;
        goal.kind = RuleKind::Skills;
        goal.names = skills;
        goal.name_locs.resize(goal.names.size());
        out.request.skills_goal = std::make_shared<const Rule>(std::move(goal));
    }
}

// The profile's holdings and exclusions, then the request's own (a batch
// line's holds, --have, --exclude).
void resolve_holdings_of(const Catalog& catalog, const Request& request, const Profile* profile,
                         const ResolveContext& context, Resolution& out) {
    std::vector<HeldEntry> holds;
    std::vector<HeldEntry> excluded;
    if (profile) {
        holds = profile->holds;
        excluded = profile->exclude;
    }
    holds.insert(holds.end(), request.holds.begin(), request.holds.end());
    for (std::size_t i = 0; i < request.have.size(); ++i)
        holds.push_back({request.have[i], std::nullopt, Request::origin_of(request.origins.have, i, context.names.have)});
    for (std::size_t i = 0; i < request.exclude.size(); ++i)
        excluded.push_back(
            {request.exclude[i], std::nullopt, Request::origin_of(request.origins.exclude, i, context.names.exclude)});
    try {
        out.request.learner.holdings =
            resolve_holdings(catalog, holds, excluded, out.request.learner.as_of,
                             Exceptions{request.waive, request.substitute},
                             BadgeRules{request.as_of_moment, request.require_verified.value_or(false)});
        out.holdings_resolved = true;
    } catch (const InputError& error) {
        out.faults.push_back({ResolveStage::Holdings, error});
    }
}
// Work in progress: what is left of each begun credential, in a copy of the
// catalog (made only when there is some).
void resolve_in_progress(const Catalog& catalog, const Request& request, Resolution& out) {
    if (request.in_progress.empty()) return;
    std::vector<std::string> problems;
    Catalog adjusted = catalog;
    std::vector<InProgressStep>& steps = out.request.learner.in_progress;
    const Holdings& holdings = out.request.learner.holdings;
    for (const InProgressEntry& entry : request.in_progress) {
        const auto index = catalog.find(entry.id);
        if (!index) {
            problems.push_back(fmt::format("{}: {}", entry.origin, unknown_id_message(catalog, entry.id)));
            continue;
        }
        if (out.holdings_resolved && std::binary_search(holdings.held.begin(), holdings.held.end(), *index)) {
            problems.push_back(fmt::format("{}: '{}' is held and in progress: give it in one place", entry.origin,
                                           entry.id));
            continue;
        }
        if (std::any_of(steps.begin(), steps.end(), [&](const InProgressStep& s) { return s.credential == *index; })) {
            problems.push_back(fmt::format("{}: '{}' is in progress twice", entry.origin, entry.id));
            continue;
        }
        Credential& credential = adjusted.credentials[*index];
        InProgressStep step;
        step.credential = *index;
        step.paid = entry.paid;
        if (entry.done) {
            step.done = std::clamp(*entry.done, 0.0, 1.0);
            step.hours_left = credential.hours * (1 - step.done);
        } else {
            step.hours_left = std::max(0.0, credential.hours - entry.hours_done.value_or(0));
            step.done = credential.hours > 0 ? 1 - step.hours_left / credential.hours : 0;
        }
        // Whole days left, rounded up (a tolerance keeps 7 x 0.5 weeks at 3.5 -> 4 days, not 5).
        const double days = std::ceil(credential.weeks * 7 * (1 - step.done) - 1e-9);
        step.weeks_left = std::max(0.0, days) / 7;
        step.cost_left = entry.paid ? 0 : credential.cost;
        credential.hours = step.hours_left;
        credential.weeks = step.weeks_left;
        credential.cost = step.cost_left;
        credential.rule.reset();
        credential.starts.reset();  // begun already: no intake to wait for
        steps.push_back(step);
    }
    std::sort(steps.begin(), steps.end(),
              [](const InProgressStep& a, const InProgressStep& b) { return a.credential < b.credential; });
    if (!problems.empty()) {
        out.faults.push_back({ResolveStage::InProgress, fault_of(problems)});
        return;
    }
    out.request.adjusted = std::make_shared<const AdjustedCatalog>(std::move(adjusted));
}

// Pinned assignments (`apply`, "ID=QUALIFICATION"): both ids of the catalog,
// the first one that the second's `requires` counts, the second not held.
// The planner adds both (a held first one needs no step).
void resolve_apply(const Catalog& catalog, const Request& request, const ResolveContext& context, Resolution& out,
                   std::vector<std::string>& problems) {
    PlanRequest& plan = out.request.plan;
    const Holdings& holdings = out.request.learner.holdings;
    const auto held = [&](std::uint32_t index) {
        const auto met = holdings.met();
        return std::find(met.begin(), met.end(), index) != met.end();
    };
    const auto excluded = [&](std::uint32_t index) {
        return out.holdings_resolved && std::binary_search(holdings.excluded.begin(), holdings.excluded.end(), index);
    };
    for (std::size_t i = 0; i < request.apply.size(); ++i) {
        const std::string& entry = request.apply[i];
        const std::string& label = Request::origin_of(request.origins.apply, i, context.names.apply);
        const auto equals = entry.find('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == entry.size()) {
            problems.push_back(fmt::format("{}: '{}' is not ID=QUALIFICATION, such as dai-sql-badge=dai-cert-data",
                                           label, entry));
            continue;
        }
        const std::string id = entry.substr(0, equals);
        const std::string qualification = entry.substr(equals + 1);
        const auto index = catalog.find(id);
        const auto target = catalog.find(qualification);
        if (!index || !target) {
            problems.push_back(fmt::format("{}: {}", label, unknown_id_message(catalog, index ? qualification : id)));
            continue;
        }
        const std::vector<std::uint32_t> counted = counted_toward(catalog, *target);
        if (!std::binary_search(counted.begin(), counted.end(), *index)) {
            problems.push_back(fmt::format("{}: '{}' cannot count toward '{}': its requires does not use it", label,
                                           id, qualification));
            continue;
        }
        if (out.holdings_resolved && held(*target)) {
            problems.push_back(
                fmt::format("{}: '{}' is held already: nothing more counts toward it", label, qualification));
            continue;
        }
        bool ok = true;
        for (const auto& [index_of, name] : {std::pair{*index, &id}, std::pair{*target, &qualification}})
            if (excluded(index_of)) {
                problems.push_back(
                    fmt::format("{}: '{}' is both applied and excluded: give it in one place", label, *name));
                ok = false;
            }
        if (!ok) continue;
        if (std::find(plan.applied.begin(), plan.applied.end(), std::pair{*index, *target}) == plan.applied.end())
            plan.applied.emplace_back(*index, *target);
    }
}

// Pins (`include`): ids of the catalog, neither excluded nor named twice;
// held ones need no step and are dropped. The request's own come first, then
// the profile's (`origins`: where each of those was written).
void resolve_include(const Catalog& catalog, const Request& request, std::size_t own,
                     const std::vector<std::string>* origins, const ResolveContext& context, Resolution& out) {
    std::vector<std::string> problems;
    std::vector<std::uint32_t>& included = out.request.plan.included;
    const Holdings& holdings = out.request.learner.holdings;
    for (std::size_t i = 0; i < request.include.size(); ++i) {
        const std::string& id = request.include[i];
        const std::string& label = i >= own && origins && i - own < origins->size()
                                       ? (*origins)[i - own]
                                       : Request::origin_of(request.origins.include, i, context.names.include);
        const auto index = catalog.find(id);
        if (!index) {
            problems.push_back(fmt::format("{}: {}", label, unknown_id_message(catalog, id)));
        } else if (out.holdings_resolved &&
                   std::binary_search(holdings.excluded.begin(), holdings.excluded.end(), *index)) {
            problems.push_back(fmt::format("{}: '{}' is both included and excluded: give it in one place", label, id));
        } else if (std::find(included.begin(), included.end(), *index) == included.end()) {
            included.push_back(*index);
        }
    }
    resolve_apply(catalog, request, context, out, problems);
    if (!problems.empty()) out.faults.push_back({ResolveStage::Include, fault_of(problems)});
}
}  // namespace

PlanRequest ResolvedRequest::plan_request() const {
    PlanRequest out = plan;
    if (skills_goal) out.goals.push_back({skills_goal.get(), std::nullopt});
    return out;
}

Date as_of_date(const Request& request, const ResolveContext& context) { return request.as_of.value_or(context.today); }

Resolution resolve(const Catalog& catalog, const Request& request, const ResolveContext& context) {
    Resolution out;
    ResolvedRequest& resolved = out.request;
    // The profile first: it may bring the question itself. Read once: a
    // command hands in the profile it read before the catalog.
    std::optional<ProfileRead> own_read;
    const ProfileRead* read = context.profile;
    const bool files = reads_learner_files(request);
    if (files && !read) {
        std::vector<std::string> wallets;
        for (const std::string& wallet : request.wallets)
            wallets.push_back(relative_to(wallet, context.profile_dir));
        own_read = read_learner(request_profile_path(request, context.profile_dir), wallets, context.max_file_bytes,
                                context.trust ? *context.trust : WalletTrust{});
        read = &*own_read;
    }
    const Profile* profile = files && read->profile ? &*read->profile : nullptr;
    const Request effective = profile ? over_profile(request, profile->asks) : request;
    const bool goal_from_profile = profile && request.targets.empty() && request.skills.empty();

    resolved.asked = effective;
    resolved.learner.as_of = as_of_date(effective, context);
    resolved.learner.given = !effective.have.empty() || !effective.holds.empty() || files ||
                             !effective.in_progress.empty();
    resolved.learner.name = !effective.learner.empty() ? effective.learner : profile ? profile->learner : "";
    resolve_targets(catalog, effective, context, goal_from_profile ? &profile->target_origins : nullptr, out);
    resolve_skills(catalog, effective, context, goal_from_profile ? &profile->skill_origins : nullptr, out);
    if (files && read->fault) out.faults.push_back({ResolveStage::Profile, *read->fault});
    resolve_holdings_of(catalog, effective, profile, context, out);
    resolve_in_progress(catalog, effective, out);
    resolve_include(catalog, effective, request.include.size(), profile ? &profile->include_origins : nullptr, context,
                    out);

    PlanRequest& plan = resolved.plan;
    plan.held = resolved.learner.holdings.met();
    plan.excluded = resolved.learner.holdings.excluded;
    plan.objective = effective.objective.value_or(Objective::Cost);
    plan.max_cost = effective.max_cost;
    plan.max_weeks = effective.max_weeks;
    plan.max_overlap = effective.max_overlap;
    plan.time_limit_seconds = effective.time_limit_seconds.value_or(300);
    // The calendar intakes count from; dates are shown when one is asked for
    // (a start, a capacity) or a step has intakes (answer_plan).
    plan.first_day = effective.start.value_or(resolved.learner.as_of);
    if (effective.start || effective.hours_per_week) resolved.start = plan.first_day;
    return out;
}

ResolvedRequest resolve_request(const Catalog& catalog, const Request& request, const ResolveContext& context) {
    Resolution resolution = resolve(catalog, request, context);
    if (!resolution.faults.empty()) throw resolution.faults.front().error;
    return std::move(resolution.request);
}

std::vector<std::string> resolution_problems(const Resolution& resolution) {
    std::vector<std::string> problems;
    const ResolvedRequest& resolved = resolution.request;
    if (resolved.asked.targets.empty() && resolved.asked.skills.empty() &&
        std::none_of(resolution.faults.begin(), resolution.faults.end(),
                     [](const ResolveFault& fault) { return fault.stage == ResolveStage::Profile; }))
        problems.push_back("no targets or skills: the request and its profile name none");
    for (const ResolveFault& fault : resolution.faults) {
        if (fault.stage != ResolveStage::Profile) {
            for (std::string& line : message_lines(fault.error.message)) problems.push_back(std::move(line));
            continue;
        }
        std::vector<std::string> located;
        for (const Diagnostic& d : fault.error.diagnostics)
            if (d.severity == Severity::Error) located.push_back(format_diagnostic(d));
        problems.push_back(located.empty() ? fmt::format("profile: {}", fault.error.message)
                                           : fmt::format("profile: {}", fmt::join(located, "; ")));
    }
    return problems;
}

ResolvedRequest resolve_request_line(const Catalog& catalog, const Request& request, const ResolveContext& context) {
    Resolution resolution = resolve(catalog, request, context);
    const std::vector<std::string> problems = resolution_problems(resolution);
    if (problems.empty()) return std::move(resolution.request);
    throw InputError{fmt::format("{}", fmt::join(problems, "; ")), {}};
}

}  // namespace credpath
