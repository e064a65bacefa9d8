// What a learner asks: one value type for every way a planning question
// reaches credpath (command-line flags, a profile file, a line of a batch
// file), by names, before any catalog is consulted. The plan layer's
// resolve_request() turns it into a question against a catalog.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "credpath/model/date.hpp"
#include "credpath/model/learner.hpp"
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
    std::vector<std::string> include;  // credentials to put into the plan (pins): the rest is optimal around them
    // Pinned assignments, "ID=QUALIFICATION": ID is in the plan and counts
    // toward QUALIFICATION (also in the plan) under the overlap limits.
    std::vector<std::string> apply;
    // At most this many credentials may count toward any two targets.
    std::optional<std::uint32_t> max_overlap;
    std::string profile;               // a profile file or badge wallet ("" for none)
    std::vector<std::string> wallets;  // badge wallets besides (--wallet, a batch line's `wallets`)
    // Badges count from this moment (--as-of with a time); else as_of at 00:00 UTC.
    std::optional<Instant> as_of_moment;
    std::optional<bool> require_verified;  // hold only badges whose signature (and status) was verified
    std::optional<Date> as_of;         // expiry date (default: today)
    std::optional<Objective> objective;        // default: cost
    std::optional<double> max_cost;            // hard limits
    std::optional<double> max_weeks;
    std::optional<double> hours_per_week;      // weekly capacity: schedule the plan within it
    std::optional<Date> start;                 // the first step's date (default: as_of, with a capacity)
    std::optional<double> time_limit_seconds;  // per solver call (default: 300)
    std::optional<bool> renew;                 // renew held credentials that would expire before completion
    // What a profile (or a batch line, which takes every profile key) adds.
    std::string learner;           // the learner's name ("" for none)
    std::vector<HeldEntry> holds;  // held, with dates and where they were written
    std::vector<InProgressEntry> in_progress;
    std::vector<Waiver> waive;
    std::vector<Substitution> substitute;
    // Where each item of the name lists above was written ("FILE:LINE:COL"),
    // when a file gave them (a batch line): a message about an item starts
    // there. Shorter than its list, or "" for an item, where not known.
    struct Origins {
        std::vector<std::string> targets, skills, have, exclude, include, apply;
    };
    Origins origins;
    // origins[index] when it is known, else `otherwise` (the field's name).
    static const std::string& origin_of(const std::vector<std::string>& origins, std::size_t index,
                                        const std::string& otherwise);
};

// A profile file: who the learner is, what they hold (with dates), what never
// to plan, and the planning question they bring (`asks`: targets, skills,
// objective, budget, limits, calendar, work in progress and exceptions).
struct Profile {
    std::string file;
    std::string learner;
    std::vector<HeldEntry> holds;
    std::vector<HeldEntry> exclude;  // `earned` unused
    Request asks;                        // holds, exclude and learner stay above
    std::vector<std::string> target_origins;  // "file:line:col" of each of asks.targets
    std::vector<std::string> skill_origins;   // and of asks.skills
    std::vector<std::string> include_origins;  // and of asks.include
    // Badge wallets the profile names (`wallets:`), as written, and where.
    std::vector<std::string> wallets;
    std::vector<std::string> wallet_origins;
    // What reading it passed over, "file:line:col: message" (a wallet's
    // endorsement credentials): shown as notes, never a fault.
    std::vector<std::string> notes;
};

// `specific` over `general`: each field set in `specific` wins; the lists
// (targets, skills, have, exclude, include, apply) are joined, `specific`'s first,
// their origins with them, and a profile given in `specific` replaces the general one.
Request layer_requests(const Request& specific, const Request& general);

// The request with its profile's question below it: the request's targets and
// skills replace the profile's when it gives any; every other field set in
// `request` wins; the profile's in_progress, waive and substitute come after
// the request's own.
Request over_profile(const Request& request, const Request& profile_asks);

}  // namespace credpath
