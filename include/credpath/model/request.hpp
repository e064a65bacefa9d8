// What a learner asks: one value type for every way a planning question
// reaches credpath (command-line flags, a profile file, a line of a batch
// file), by names, before any catalog is consulted. The plan layer's
// resolve_request() turns it into a question against a catalog.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "credpath/model/date.hpp"
#include "credpath/model/names.hpp"

namespace credpath {

enum class Objective { Cost, Hours, Count, Weeks };

// The objectives' names, as --minimize and a request's "minimize" take them.
inline constexpr Named<Objective> kObjectives[] = {
    {Objective::Cost, "cost"},
    {Objective::Hours, "hours"},
    {Objective::Count, "count"},
    {Objective::Weeks, "weeks"},
};
std::string_view to_string(Objective objective);
std::optional<Objective> objective_from_string(std::string_view text);

// A planning question as asked. Every field may be unset, so that the places
// a question comes from can be layered, the most specific first (see
// layer_requests): a batch line's own field, then a command-line flag, then
// the profile's field, then the default.
struct Request {
    std::vector<std::string> targets;  // credential ids, in order
    std::vector<std::string> skills;   // skills to learn: a goal met like a target
    std::vector<std::string> have;     // held credentials (no dates)
    std::vector<std::string> exclude;  // credentials never to add
    std::string profile;               // a profile file or badge wallet ("" for none)
    std::optional<Date> as_of;         // expiry date (default: today)
    std::optional<Objective> objective;        // default: cost
    std::optional<double> max_cost;            // hard limits
    std::optional<double> max_weeks;
    std::optional<double> hours_per_week;      // weekly capacity: schedule the plan within it
    std::optional<Date> start;                 // the first step's date (default: as_of, with a capacity)
    std::optional<double> time_limit_seconds;  // per solver call (default: 300)
};

// `specific` over `general`: each field set in `specific` wins; the lists
// (targets, skills, have, exclude) are joined, `specific`'s first, and a
// profile given in `specific` replaces the general one.
Request layer_requests(const Request& specific, const Request& general);

}  // namespace credpath
