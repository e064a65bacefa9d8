#include "credpath/model/request.hpp"

#include <fmt/format.h>

namespace credpath {

std::string_view to_string(Objective objective) { return name_in(kObjectives, objective); }

std::optional<Objective> objective_from_string(std::string_view text) { return value_in(kObjectives, text); }

namespace {
template <class T>
std::optional<T> first_set(const std::optional<T>& specific, const std::optional<T>& general) {
    return specific ? specific : general;
}

template <class T>
std::vector<T> joined(const std::vector<T>& specific, const std::vector<T>& general) {
    std::vector<T> out = specific;
    out.insert(out.end(), general.begin(), general.end());
    return out;
}
// The origins of `specific`'s items, one per item ("" where unknown), then `general`'s.
std::vector<std::string> joined_origins(const std::vector<std::string>& specific, std::size_t items,
                                        const std::vector<std::string>& general) {
    std::vector<std::string> out = specific;
    out.resize(items);
    out.insert(out.end(), general.begin(), general.end());
    return out;
}
}  // namespace

const std::string& Request::origin_of(const std::vector<std::string>& origins, std::size_t index,
                                      const std::string& otherwise) {
    return index < origins.size() && !origins[index].empty() ? origins[index] : otherwise;
}

Request layer_requests(const Request& specific, const Request& general) {
    Request out;
    out.targets = joined(specific.targets, general.targets);
    out.skills = joined(specific.skills, general.skills);
    out.have = joined(specific.have, general.have);
    out.exclude = joined(specific.exclude, general.exclude);
    out.include = joined(specific.include, general.include);
    out.apply = joined(specific.apply, general.apply);
    out.max_overlap = first_set(specific.max_overlap, general.max_overlap);
    out.profile = specific.profile.empty() ? general.profile : specific.profile;
    out.wallets = specific.wallets.empty() ? general.wallets : specific.wallets;
    out.as_of = first_set(specific.as_of, general.as_of);
    // The moment goes with the date it was given with.
    out.as_of_moment = specific.as_of ? specific.as_of_moment : general.as_of_moment;
    out.require_verified = first_set(specific.require_verified, general.require_verified);
    out.objective = first_set(specific.objective, general.objective);
    out.max_cost = first_set(specific.max_cost, general.max_cost);
    out.max_weeks = first_set(specific.max_weeks, general.max_weeks);
    out.hours_per_week = first_set(specific.hours_per_week, general.hours_per_week);
    out.start = first_set(specific.start, general.start);
    out.time_limit_seconds = first_set(specific.time_limit_seconds, general.time_limit_seconds);
    out.renew = first_set(specific.renew, general.renew);
    out.learner = specific.learner.empty() ? general.learner : specific.learner;
    out.holds = joined(specific.holds, general.holds);
    out.in_progress = joined(specific.in_progress, general.in_progress);
    out.waive = joined(specific.waive, general.waive);
    out.substitute = joined(specific.substitute, general.substitute);
    const Request::Origins& a = specific.origins;
    const Request::Origins& b = general.origins;
    out.origins.targets = joined_origins(a.targets, specific.targets.size(), b.targets);
    out.origins.skills = joined_origins(a.skills, specific.skills.size(), b.skills);
    out.origins.have = joined_origins(a.have, specific.have.size(), b.have);
    out.origins.exclude = joined_origins(a.exclude, specific.exclude.size(), b.exclude);
    out.origins.include = joined_origins(a.include, specific.include.size(), b.include);
    out.origins.apply = joined_origins(a.apply, specific.apply.size(), b.apply);
    return out;
}

Request over_profile(const Request& request, const Request& profile_asks) {
    Request out = layer_requests(request, profile_asks);
    // The goal is one question: a request that names one does not add the
    // profile's to it.
    if (!request.targets.empty() || !request.skills.empty()) {
        out.targets = request.targets;
        out.skills = request.skills;
        out.origins.targets = request.origins.targets;
        out.origins.skills = request.origins.skills;
    }
    return out;
}

}  // namespace credpath
