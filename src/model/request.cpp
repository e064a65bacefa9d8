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

std::vector<std::string> joined(const std::vector<std::string>& specific, const std::vector<std::string>& general) {
    std::vector<std::string> out = specific;
    out.insert(out.end(), general.begin(), general.end());
    return out;
}
}  // namespace

Request layer_requests(const Request& specific, const Request& general) {
    Request out;
    out.targets = joined(specific.targets, general.targets);
    out.skills = joined(specific.skills, general.skills);
    out.have = joined(specific.have, general.have);
    out.exclude = joined(specific.exclude, general.exclude);
    out.profile = specific.profile.empty() ? general.profile : specific.profile;
    out.as_of = first_set(specific.as_of, general.as_of);
    out.objective = first_set(specific.objective, general.objective);
    out.max_cost = first_set(specific.max_cost, general.max_cost);
    out.max_weeks = first_set(specific.max_weeks, general.max_weeks);
    out.hours_per_week = first_set(specific.hours_per_week, general.hours_per_week);
    out.start = first_set(specific.start, general.start);
    out.time_limit_seconds = first_set(specific.time_limit_seconds, general.time_limit_seconds);
    return out;
}

}  // namespace credpath
