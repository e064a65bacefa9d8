// What a learner holds, as profiles and badge wallets state it: plain values,
// before any catalog resolves them (load/profile.hpp reads them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "credpath/model/date.hpp"
#include "credpath/model/names.hpp"

namespace credpath {

// An achievement from a badge wallet. It is not named by a catalog id: it is
// held as every catalog credential whose id or `same_as` equals its id or one
// of its alignment targets, and matching none is a note, never an error.
// What was checked of a badge's proof (its signature).
enum class ProofState {
    None,        // not signed
    Verified,    // a VC-JWT whose signature holds with a key at hand
    Failed,      // a VC-JWT whose signature does not hold: not held
    NotChecked,  // signed, but not checkable offline (a Data Integrity proof, a JWT without a key)
};
// Their names in JSON output.
inline constexpr Named<ProofState> kProofStates[] = {
    {ProofState::None, "none"},
    {ProofState::Verified, "verified"},
    {ProofState::Failed, "failed"},
    {ProofState::NotChecked, "not-checked"},
};
// What was checked of a badge's credentialStatus (revocation).
enum class StatusState {
    None,        // no credentialStatus
    NotChecked,  // no status list given for it
    Current,     // a status list given says it is not revoked
    Revoked,     // a status list given says it is: not held
};
inline constexpr Named<StatusState> kStatusStates[] = {
    {StatusState::None, "none"},
    {StatusState::NotChecked, "not-checked"},
    {StatusState::Current, "current"},
    {StatusState::Revoked, "revoked"},
};

struct Badge {
    std::string name;                     // the achievement's name ("" when it has none)
    std::vector<std::string> alignments;  // alignment[].targetUrl
    std::string issuer;                   // the issuer's name, else its id ("" when neither)
    std::string credential_id;            // the credential's own id ("" when none)
    std::string form;                     // as held: "JSON", "VC-JWT", "PNG" or "SVG" (baked)
    // Valid from and until these moments (validFrom / issuanceDate,
    // validUntil / expirationDate), to the second.
    std::optional<Instant> valid_from{};
    std::optional<Instant> valid_until{};
    ProofState proof = ProofState::None;
    std::string proof_detail;  // "RS256, key in the JWT's header", "DataIntegrityProof (eddsa-rdfc-2022)"
    StatusState status = StatusState::None;
    std::string status_detail;  // the list and, when revoked, the reason given
    // What was verified: the signature holds, and a status it has was checked.
    bool verified() const {
        return proof == ProofState::Verified && (status == StatusState::None || status == StatusState::Current);
    }
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
