// What a learner holds, as profiles and badge wallets state it: plain values,
// before any catalog resolves them (load/profile.hpp reads them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "credpath/model/date.hpp"

namespace credpath {

// An achievement from a badge wallet. It is not named by a catalog id: it is
// held as every catalog credential whose id or `same_as` equals its id or one
// of its alignment targets, and matching none is a note, never an error.
struct Badge {
    std::string name;                     // the achievement's name ("" when it has none)
    std::vector<std::string> alignments;  // alignment[].targetUrl
};

struct HeldEntry {
    std::string id;  // for a badge: the achievement's id
    std::optional<Date> earned;
    std::string origin;  // "file:line:col" or "--have", for messages
    // Expires on this date whatever the catalog's valid_for says (a badge's
    // validUntil): not held from that day on.
    std::optional<Date> valid_until{};
    std::optional<Badge> badge{};  // set for an achievement read from a badge wallet
};

// A credential the learner has begun: still to be finished, with what is left.
struct InProgressEntry {
    std::string id;
    std::optional<double> done;        // share done, 0 to 1
    std::optional<double> hours_done;  // or hours done
    bool paid = true;                  // its cost counts as paid (0)
    std::string origin;
};

// An advisor's exception: `id` counts as met for every rule, never a step.
struct Waiver {
    std::string id;
    std::string origin;
};

// An advisor's exception: holding `held` counts as holding `for_id`.
struct Substitution {
    std::string held;
    std::string for_id;
    std::string origin;
};

}  // namespace credpath
