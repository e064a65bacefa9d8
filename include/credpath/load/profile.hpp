// Learner profiles: what a learner holds and when it was earned, what never to
// plan; and the held set after expiry. A profile file is YAML, or a badge
// wallet in JSON (Open Badges 3.0 / CLR 2.0, see wallet.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/model/date.hpp"
#include "credpath/model/diagnostic.hpp"
#include "credpath/model/learner.hpp"
#include "credpath/model/request.hpp"
#include "credpath/model/model.hpp"
#include "credpath/load/wallet.hpp"

namespace credpath {

// Throw InputError (with diagnostics) when the profile is unreadable or invalid.
// Content that starts with `{` or `[` is read as a badge wallet
// (load_wallet_text) unless it names `credpath-profile/` (a profile in YAML
// flow style or JSON); so are VC-JWT files and PNG or SVG badges; anything
// else as a YAML profile. load_profile also reads the profile's `wallets`
// (relative to the profile) and adds their holds; load_profile_text only
// lists them. `max_bytes`: a larger file is refused (the CLI's
// --max-file-size), each wallet too.
Profile load_profile(const std::string& path, std::uint64_t max_bytes = 1ull << 30, const WalletTrust& trust = {});
Profile load_profile_text(std::string_view text, std::string name = "profile.yaml", const WalletTrust& trust = {});

// A profile read once: what it holds, or why it could not be read. A command
// reads its profile before the catalog (to know which part of a cached catalog
// it needs) and reports a fault only once the catalog has loaded.
struct ProfileRead {
    std::string path;
    std::optional<Profile> profile;
    std::optional<InputError> fault;
};
ProfileRead read_profile(const std::string& path, std::uint64_t max_bytes = 1ull << 30, const WalletTrust& trust = {});
// A profile (or none: "") and wallets (--wallet) read as one learner: the
// wallets' holds after the profile's; the faults of every file together.
ProfileRead read_learner(const std::string& profile_path, const std::vector<std::string>& wallets,
                         std::uint64_t max_bytes, const WalletTrust& trust);

struct ExpiredCredential {
    std::uint32_t credential = 0;
    Date earned;
    Date expired_on;  // earned + valid_for, or the holding's valid_until
};

// A wallet's badge that matches no catalog credential.
struct UnmatchedBadge {
    std::string id;
    std::string name;
    std::string origin;  // "file:line:col"
};

// A credential counted as held because the learner holds another (an
// advisor's substitution, perhaps through a chain: `by` is the one held).
struct SubstitutedCredential {
    std::uint32_t credential = 0;
    std::uint32_t by = 0;
};

// A held credential that expires later: `expires_on` as the Expired lines
// say it (earned + valid_for, or a badge's validUntil); `invalid_from` the
// first day it no longer counts (the day after earned + valid_for, or validUntil).
struct HeldUntil {
    std::uint32_t credential = 0;
    Date expires_on;
    Date invalid_from;
};

// A badge read but not held, and why (expired ones are `expired`).
struct SetAsideBadge {
    enum class Reason { NotYetValid, Revoked, BadSignature, Unverified };
    Reason reason = Reason::NotYetValid;
    std::vector<std::uint32_t> credentials;  // what it would have been held as (may be none)
    std::string id;                          // the achievement's
    std::string name;
    std::string origin;  // "file:line:col"
    std::string detail;  // "valid from 2031-01-01T00:00:00Z", "revoked by lists.json: ..."
};
// The reasons' names in JSON output.
inline constexpr Named<SetAsideBadge::Reason> kSetAsideReasons[] = {
    {SetAsideBadge::Reason::NotYetValid, "not-yet-valid"},
    {SetAsideBadge::Reason::Revoked, "revoked"},
    {SetAsideBadge::Reason::BadSignature, "bad-signature"},
    {SetAsideBadge::Reason::Unverified, "unverified"},
};

// A held credential and the badge award it is held by.
struct BadgeHolding {
    std::uint32_t credential = 0;
    HeldEntry award;  // `badge` set: name, issuer, what was verified; origin: where it was read
};

struct Holdings {
    std::vector<std::uint32_t> held;  // sorted, not expired
    std::vector<HeldUntil> expiring;  // the held ones with an end date, sorted by credential
    std::vector<ExpiredCredential> expired;
    std::vector<std::uint32_t> excluded;           // sorted
    std::vector<UnmatchedBadge> unmatched_badges;  // in the order read, each id once
    std::vector<SetAsideBadge> set_aside;          // in the order read
    std::vector<BadgeHolding> badges;              // held by a badge, in the order read
    // Advisor exceptions, neither of them held: every rule counts them as met.
    std::vector<std::uint32_t> waived;                 // sorted
    std::vector<SubstitutedCredential> substituted;    // sorted by credential

    // Every credential the rules count as met: held, waived or substituted (sorted).
    std::vector<std::uint32_t> met() const;
};

// An advisor's exceptions, as a profile or a request line writes them.
struct Exceptions {
    std::vector<Waiver> waive;
    std::vector<Substitution> substitute;
};

// Resolves ids against the catalog and applies expiry at `as_of`: a holding
// with valid_until is expired when valid_until <= as_of (a badge: when the
// moment is past its validUntil), any other when earned + valid_for < as_of.
// A badge not yet valid, revoked, with a signature that fails, or (with
// require_verified) not verified goes to `set_aside`. Awards of the same
// achievement count once: the latest that is held. Badges are matched through ids and `same_as`;
// those that match nothing go to `unmatched_badges`. Then the exceptions: a
// substitution needs its `held` credential held (or itself substituted: chains
// are followed). Throws InputError naming every unknown id (not badge), with
// the nearest known id, every substitution of a credential not held, and every
// substitution loop with its path.
// How badges count: at a moment (default: as_of at 00:00 UTC), and whether
// only verified ones do (--require-verified).
struct BadgeRules {
    std::optional<Instant> at;
    bool require_verified = false;
};

Holdings resolve_holdings(const Catalog& catalog, const std::vector<HeldEntry>& holds,
                          const std::vector<HeldEntry>& excluded, const Date& as_of,
                          const Exceptions& exceptions = {}, const BadgeRules& rules = {});

// Every id of `ids` that the catalog does not know, as a message with a
// suggestion, e.g. "unknown credential 'py-fnd' (did you mean 'py-fund'?)".
std::string unknown_id_message(const Catalog& catalog, std::string_view id);

// "FILE:L:C: badge 'Teamwork' (id https://...) matches no catalog credential",
// control characters escaped: the note the CLI prints for each.
std::string unmatched_badge_message(const UnmatchedBadge& badge);

}  // namespace credpath
