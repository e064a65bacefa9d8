// Learner profiles: what a learner holds and when it was earned, what never to
// plan; and the held set after expiry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/date.hpp"
#include "credpath/diagnostic.hpp"
#include "credpath/model.hpp"

namespace credpath {

struct HeldEntry {
    std::string id;
    std::optional<Date> earned;
    std::string origin;  // "file:line:col" or "--have", for messages
};

struct Profile {
    std::string file;
    std::string learner;
    std::vector<HeldEntry> holds;
    std::vector<HeldEntry> exclude;  // `earned` unused
};

// Throw InputError (with diagnostics) when the profile is unreadable or invalid.
Profile load_profile(const std::string& path);
Profile load_profile_text(std::string_view text, std::string name = "profile.yaml");

struct ExpiredCredential {
    std::uint32_t credential = 0;
    Date earned;
    Date expired_on;  // earned + valid_for
};

struct Holdings {
    std::vector<std::uint32_t> held;  // sorted, not expired
    std::vector<ExpiredCredential> expired;
    std::vector<std::uint32_t> excluded;  // sorted
};

// Resolves ids against the catalog and applies expiry at `as_of`. Throws
// InputError naming every unknown id, with the nearest known id.
Holdings resolve_holdings(const Catalog& catalog, const std::vector<HeldEntry>& holds,
                          const std::vector<HeldEntry>& excluded, const Date& as_of);

// Every id of `ids` that the catalog does not know, as a message with a
// suggestion, e.g. "unknown credential 'py-fnd' (did you mean 'py-fund'?)".
std::string unknown_id_message(const Catalog& catalog, std::string_view id);

}  // namespace credpath
