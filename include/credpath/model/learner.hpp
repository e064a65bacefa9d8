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

struct Profile {
    std::string file;
    std::string learner;
    std::vector<HeldEntry> holds;
    std::vector<HeldEntry> exclude;  // `earned` unused
};

}  // namespace credpath
