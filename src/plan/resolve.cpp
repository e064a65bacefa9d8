#include "credpath/plan/resolve.hpp"

#include <algorithm>
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

void resolve_targets(const Catalog& catalog, const Request& request, const ResolveContext& context,
                     Resolution& out) {
    std::vector<std::string> problems;
    std::vector<std::uint32_t>& targets = out.request.plan.targets;
    for (const std::string& id : request.targets) {
        if (auto index = catalog.find(id)) {
            if (std::find(targets.begin(), targets.end(), *index) == targets.end()) targets.push_back(*index);
        } else {
            problems.push_back(fmt::format("{}: {}", context.names.targets, unknown_id_message(catalog, id)));
        }
    }
    if (!problems.empty()) out.faults.push_back({ResolveStage::Targets, fault_of(problems)});
}

void resolve_skills(const Catalog& catalog, const Request& request, const ResolveContext& context, Resolution& out) {
    std::vector<std::string> problems;
    std::vector<std::string_view> known;
    for (const auto& [skill, teachers] : catalog.by_skill) known.push_back(skill);
    std::sort(known.begin(), known.end());
    std::vector<std::string>& skills = out.request.skills;
    for (const std::string& skill : request.skills) {
        if (catalog.by_skill.count(skill)) {
            if (std::find(skills.begin(), skills.end(), skill) == skills.end()) skills.push_back(skill);
            continue;
        }
        const std::string hint = nearest(skill, known);
        problems.push_back(hint.empty() ? fmt::format("{}: no credential teaches '{}'", context.names.skills, skill)
                                        : fmt::format("{}: no credential teaches '{}' (did you mean '{}'?)",
                                                      context.names.skills, skill, hint));
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

// The profile's holdings and exclusions (read once: a command hands in the
// profile it read before the catalog), then the request's own.
void resolve_holdings_of(const Catalog& catalog, const Request& request, const ResolveContext& context,
                         Resolution& out) {
    std::vector<HeldEntry> holds;
    std::vector<HeldEntry> excluded;
    if (!request.profile.empty()) {
        const ProfileRead read =
            context.profile ? *context.profile
                            : read_profile(request_profile_path(request, context.profile_dir), context.max_file_bytes);
        if (read.fault) {
            out.faults.push_back({ResolveStage::Profile, *read.fault});
        } else {
            out.request.learner.name = read.profile->learner;
            holds = read.profile->holds;
            excluded = read.profile->exclude;
        }
    }
    for (const std::string& id : request.have) holds.push_back({id, std::nullopt, context.names.have});
    for (const std::string& id : request.exclude) excluded.push_back({id, std::nullopt, context.names.exclude});
    try {
        out.request.learner.holdings = resolve_holdings(catalog, holds, excluded, out.request.learner.as_of);
        out.holdings_resolved = true;
    } catch (const InputError& error) {
        out.faults.push_back({ResolveStage::Holdings, error});
    }
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
    resolved.asked = request;
    resolved.learner.as_of = as_of_date(request, context);
    resolved.learner.given = !request.have.empty() || !request.profile.empty();
    resolve_targets(catalog, request, context, out);
    resolve_skills(catalog, request, context, out);
    resolve_holdings_of(catalog, request, context, out);

    PlanRequest& plan = resolved.plan;
    plan.held = resolved.learner.holdings.held;
    plan.excluded = resolved.learner.holdings.excluded;
    plan.objective = request.objective.value_or(Objective::Cost);
    plan.max_cost = request.max_cost;
    plan.max_weeks = request.max_weeks;
    plan.time_limit_seconds = request.time_limit_seconds.value_or(300);
    if (request.start || request.hours_per_week) resolved.start = request.start.value_or(resolved.learner.as_of);
    return out;
}

ResolvedRequest resolve_request(const Catalog& catalog, const Request& request, const ResolveContext& context) {
    Resolution resolution = resolve(catalog, request, context);
    if (!resolution.faults.empty()) throw resolution.faults.front().error;
    return std::move(resolution.request);
}

ResolvedRequest resolve_request_line(const Catalog& catalog, const Request& request, const ResolveContext& context) {
    Resolution resolution = resolve(catalog, request, context);
    if (resolution.faults.empty()) return std::move(resolution.request);
    std::vector<std::string> problems;
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
    throw InputError{fmt::format("{}", fmt::join(problems, "; ")), {}};
}

}  // namespace credpath
