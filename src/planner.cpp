#include "credpath/planner.hpp"

namespace credpath {
// Placeholder until the planner lands.
std::string_view to_string(Objective objective) {
    switch (objective) {
    case Objective::Cost: return "cost";
    case Objective::Hours: return "hours";
    case Objective::Count: return "count";
    case Objective::Weeks: return "weeks";
    }
    return "cost";
}
std::optional<Objective> objective_from_string(std::string_view text) {
    for (Objective o : {Objective::Cost, Objective::Hours, Objective::Count, Objective::Weeks})
        if (to_string(o) == text) return o;
    return std::nullopt;
}
Plan make_plan(const Catalog&, const DependencyGraph&, const PlanRequest&) { return {}; }
}  // namespace credpath
