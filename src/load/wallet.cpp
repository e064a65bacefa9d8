#include "credpath/load/wallet.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <streambuf>
#include <string>
#include <vector>

#include "baked.hpp"
#include "json_reader.hpp"
#include "loader_support.hpp"
#include "status_list.hpp"

namespace credpath {

namespace {

using json_reader::json;
using json_reader::item_pointer;
using json_reader::member_pointer;
using json_reader::type_name;

using json_reader::kByteOrderMark;
// Achievement ids are URLs or URNs, often longer than printable()'s default.
constexpr std::size_t kQuoteLimit = 200;

std::string quoted(std::string_view text) {
    return fmt::format("'{}'", printable(text, kQuoteLimit));
}

// Three dot-separated parts of base64url text: a compact JWS.
bool looks_like_jwt(std::string_view text) {
    if (std::count(text.begin(), text.end(), '.') != 2) return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.' || c == '=';
    });
}

// A JWK's members (the caller checked it is an object).
jose::Jwk jwk_of(const json& object) {
    auto member = [&](const char* key) {
        const auto found = object.find(key);
        return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
    };
    jose::Jwk key;
    key.kty = member("kty");
    key.crv = member("crv");
    key.n = member("n");
    key.e = member("e");
    key.x = member("x");
    key.y = member("y");
    key.kid = member("kid");
    key.alg = member("alg");
    return key;  // never `d`: a private key is not wanted here
}

// The faults of one wallet shown at most: past that many a wallet is not
// one (400,000 empty objects), and the rest are counted.
constexpr std::size_t kFaultLimit = 100;

// Faults of the parsed document, placed later by their JSON pointer.
struct Fault {
    std::string pointer;
    std::string code;
    std::string message;
};

// Badge and Clr are read; Presentation wraps credentials; Skipped is a
// verifiable credential of another kind (an EndorsementCredential, say),
// passed over with a note; Other is a fault already reported.
enum class CredentialKind { Badge, Clr, Presentation, Skipped, Other };

// Walks a parsed wallet: collects its badges and every fault.
class WalletReader {
public:
    WalletReader(const WalletTrust& trust_, std::string form_) : trust(trust_), form(std::move(form_)) {}

    struct FoundBadge {
        HeldEntry entry;
        std::string pointer;  // of the achievement
    };
    std::vector<FoundBadge> badges;
    std::vector<Fault> faults;
    std::size_t faults_dropped = 0;  // past kFaultLimit
    std::vector<Fault> notes;        // credentials passed over (`code` unused)
    std::string learner;
    const WalletTrust& trust;
    std::string form;  // "JSON", "PNG", "SVG": how the wallet file holds its credentials

    // A whole document that is one compact JWS.
    void read_jwt(const std::string& compact) { jwt(compact, "", false); }

    void read(const json& root) {
        if (root.is_array()) {
            for (std::size_t i = 0; i < root.size(); ++i) item(root[i], item_pointer("", i), false);
        } else if (root.is_string() && looks_like_jwt(root.get_ref<const std::string&>())) {
            jwt(root.get_ref<const std::string&>(), "", false);  // a JWT saved as a JSON string
        } else if (root.is_object() && !root.contains("type") && !root.contains("@type") && root.contains("vc") &&
                   root["vc"].is_object()) {
            // A VC-JWT's payload saved decoded: its vc claim, with the claims
            // standing for what it leaves out.
            item(credential_of_payload(root), "/vc", false);
        } else if (root.is_object()) {
            if (!root.contains("type") && !root.contains("@type")) {
                fault("", "shape",
                      "not a badge credential (no `type`): a badge wallet is an OpenBadgeCredential or "
                      "AchievementCredential, a ClrCredential, a VerifiablePresentation of them, or a JSON "
                      "array of any of these");
                return;
            }
            item(root, "", false);
        } else {
            fault("", "shape",
                  fmt::format("a badge wallet is a credential (a JSON object) or an array of them, not {}",
                              type_name(root)));
        }
    }

private:
    // One credential, CLR or presentation of a wallet, an array or a
    // presentation (`inside_clr`: listed by a ClrCredential).
    void item(const json& value, const std::string& at, bool inside_clr) {
        if (value.is_string() && looks_like_jwt(value.get_ref<const std::string&>())) {
            jwt(value.get_ref<const std::string&>(), at, inside_clr);
            return;
        }
        if (!value.is_object()) {
            fault(at, "type", fmt::format("expected a credential (a JSON object), found {}", type_name(value)));
            return;
        }
        switch (kind_of(value, at)) {
        case CredentialKind::Badge: credential(value, at); break;
        case CredentialKind::Clr:
            if (inside_clr) fault(at, "shape", "a ClrCredential inside a ClrCredential");
            else clr(value, at);
            break;
        case CredentialKind::Presentation:
            if (inside_clr) fault(at, "shape", "a VerifiablePresentation inside a ClrCredential");
            else listed(value, at, "verifiableCredential", false);
            break;
        case CredentialKind::Skipped:
        case CredentialKind::Other: break;
        }
    }

    // A credential in VC-JWT form (a compact JWS): its payload is the
    // credential, or holds it as the `vc` claim (VC 1.1), whose nbf, exp,
    // iss and jti stand for dates and ids the credential leaves out. Read
    // like any other credential, its faults placed at the JWT; the
    // signature is checked with the key in its header or a trusted key.
    void jwt(const std::string& compact, const std::string& at, bool inside_clr) {
        const std::optional<jose::CompactJws> parts = jose::split_compact(compact);
        auto refuse = [&](std::string message) { fault(at, "jwt", "a VC-JWT " + message); };
        const std::optional<std::string> header_text = parts ? jose::base64url_decode(parts->header) : std::nullopt;
        const std::optional<std::string> payload_text = parts ? jose::base64url_decode(parts->payload) : std::nullopt;
        if (!header_text || !payload_text) return refuse("whose header or payload is not base64url");
        json_reader::Parsed header = json_reader::parse(*header_text);
        json_reader::Parsed payload = json_reader::parse(*payload_text);
        if (header.fault || !header.value.is_object()) return refuse("whose header is not a JSON object");
        if (payload.fault || !payload.value.is_object()) return refuse("whose payload is not a JSON object");
        const bool vc_claim = payload.value.contains("vc") && payload.value["vc"].is_object();
        const json credential = credential_of_payload(payload.value);

        WalletReader inner(trust, form == "JSON" ? "VC-JWT" : form + " (VC-JWT)");
        inner.item(credential, "", inside_clr);
        const auto [proof, proof_detail] = check_signature(header.value, *parts);
        const std::string prefix = vc_claim ? "/vc" : "";
        for (Fault& inner_fault : inner.faults)
            fault(at, inner_fault.code,
                  fmt::format("in the VC-JWT's payload{}: {}",
                              inner_fault.pointer.empty() && !vc_claim ? "" : " at " + prefix + inner_fault.pointer,
                              inner_fault.message));
        faults_dropped += inner.faults_dropped;
        for (Fault& note : inner.notes) notes.push_back(Fault{at, "", "in a VC-JWT: " + note.message});
        if (learner.empty()) learner = inner.learner;
        for (FoundBadge& found : inner.badges) {
            Badge& badge = *found.entry.badge;
            // A credential inside a signed CLR is covered by the CLR's signature.
            if (badge.proof == ProofState::None || badge.proof == ProofState::NotChecked) {
                badge.proof = proof;
                badge.proof_detail = proof_detail;
            }
            badges.push_back(FoundBadge{std::move(found.entry), at});
        }
    }

    // The credential a JWT payload carries: the payload, or its `vc` claim
    // (VC 1.1), with nbf, exp, iss and jti standing for the dates and ids the
    // credential leaves out.
    static json credential_of_payload(const json& payload) {
        const bool vc_claim = payload.contains("vc") && payload["vc"].is_object();
        json credential = vc_claim ? payload["vc"] : payload;
        auto claim_as = [&](const char* claim, std::initializer_list<const char*> absent, const char* key, bool time) {
            const json* value = find(payload, claim);
            if (!value) return;
            for (const char* other : absent)
                if (credential.contains(other)) return;
            // Seconds from year 1 to 9999 only: others are no date (and would overflow).
            constexpr std::int64_t kFirst = -62135596800;
            constexpr std::int64_t kLast = 253402300799;
            if (time && value->is_number_integer() && value->get<std::int64_t>() >= kFirst &&
                value->get<std::int64_t>() <= kLast && !(value->is_number_unsigned() && value->get<std::uint64_t>() > kLast))
                credential[key] = to_string(Instant{value->get<std::int64_t>()});
            if (!time && value->is_string()) credential[key] = *value;
        };
        claim_as("nbf", {"validFrom", "issuanceDate"}, vc_claim ? "issuanceDate" : "validFrom", true);
        claim_as("exp", {"validUntil", "expirationDate"}, vc_claim ? "expirationDate" : "validUntil", true);
        claim_as("iss", {"issuer"}, "issuer", false);
        claim_as("jti", {"id"}, "id", false);
        return credential;
    }

    // The JWS signature checked with the key in its header (`jwk`) or a
    // trusted key (see the list of keys to try below).
    std::pair<ProofState, std::string> check_signature(const json& header, const jose::CompactJws& parts) const {
        const json* alg_value = find(header, "alg");
        const std::string alg = alg_value && alg_value->is_string() ? alg_value->get<std::string>() : "";
        if (alg.empty()) return {ProofState::Failed, "the JWT's header names no `alg`"};
        std::string kid;
        if (const json* value = find(header, "kid"); value && value->is_string()) kid = value->get<std::string>();
        // The keys to try: the header's own, then the trusted keys its kid
        // names; without a kid, those of the header key's type, or (no
        // header key either) every trusted key, guessing at the signer.
        std::optional<jose::Jwk> header_key;
        if (const json* jwk = find(header, "jwk"); jwk && jwk->is_object()) header_key = jwk_of(*jwk);
        std::vector<std::pair<const jose::Jwk*, std::string>> keys;  // key, where it came from
        if (header_key) keys.emplace_back(&*header_key, "the key in the JWT's header");
        for (const TrustedKey& trusted : trust.keys)
            if (!kid.empty() ? trusted.key.kid == kid : !header_key || trusted.key.kty == header_key->kty)
                keys.emplace_back(&trusted.key, trusted_name(trusted));
        const bool guessing = kid.empty() && !header_key;
        if (keys.empty())
            return {ProofState::NotChecked,
                    fmt::format("{} signature not checked: no key at hand{}", printable(alg),
                                kid.empty() ? "" : fmt::format(" for kid {}", printable(kid, kQuoteLimit)))};
        std::string failure;
        for (const auto& [key, source] : keys) {
            const jose::Verification verification = jose::verify(alg, parts, *key);
            if (verification.verdict == jose::Verdict::Verified) {
                // A header key proves the JWT is whole, a trusted one who signed it.
                std::string by = source;
                if (header_key && key == &*header_key)
                    for (const TrustedKey& trusted : trust.keys)
                        if (same_key(trusted.key, *header_key)) by = trusted_name(trusted);
                return {ProofState::Verified, fmt::format("{} signature verified with {}", printable(alg), by)};
            }
            if (failure.empty()) failure = verification.detail;
        }
        // Keys tried on a guess that all fail say nothing of the JWT: its
        // signer is not among them.
        if (guessing)
            return {ProofState::NotChecked,
                    fmt::format("{} signature not checked: no trusted key verifies it", printable(alg))};
        return {ProofState::Failed, fmt::format("{} signature does not verify: {}", printable(alg), failure)};
    }

    static std::string trusted_name(const TrustedKey& trusted) {
        return "trusted key " + (trusted.key.kid.empty() ? trusted.origin : trusted.key.kid);
    }

    static bool same_key(const jose::Jwk& a, const jose::Jwk& b) {
        return a.kty == b.kty && a.crv == b.crv && a.n == b.n && a.e == b.e && a.x == b.x && a.y == b.y;
    }

    // The credentials a CLR's subject or a presentation lists under `key`
    // (a list, or one without the list).
    void listed(const json& holder, const std::string& at, const char* key, bool inside_clr) {
        const json* list = find(holder, key);
        const std::string list_at = member_pointer(at, key);
        if (!list) {
            if (inside_clr) fault(at, "missing-key", "a ClrCredential lists its credentials in `verifiableCredential`");
            return;  // a presentation of nothing
        }
        if (list->is_array()) {
            for (std::size_t i = 0; i < list->size(); ++i) item((*list)[i], item_pointer(list_at, i), inside_clr);
        } else {
            item(*list, list_at, inside_clr);
        }
    }

    void fault(std::string pointer, std::string code, std::string message) {
        if (faults.size() >= kFaultLimit) {
            ++faults_dropped;
            return;
        }
        faults.push_back(Fault{std::move(pointer), std::move(code), std::move(message)});
    }

    // The member `key`; nullptr when absent or null.
    static const json* find(const json& object, const char* key) {
        const auto found = object.find(key);
        return found == object.end() || found->is_null() ? nullptr : &*found;
    }

    // A string member: nullopt when absent, or (with a fault) of another type.
    std::optional<std::string> text(const json& object, const std::string& at, const char* key) {
        const json* value = find(object, key);
        if (!value) return std::nullopt;
        if (!value->is_string()) {
            fault(member_pointer(at, key), "type", fmt::format("`{}` is a string, found {}", key, type_name(*value)));
            return std::nullopt;
        }
        return value->get<std::string>();
    }

    // A date-time member (RFC 3339, checked whole; a plain YYYY-MM-DD is
    // taken as its 00:00 UTC).
    std::optional<Instant> moment(const json& object, const std::string& at, const char* key) {
        auto value = text(object, at, key);
        if (!value) return std::nullopt;
        const std::string_view written = *value;
        if (written.size() == 10)
            if (std::optional<Date> day = parse_date(written)) return start_of_day(*day);
        if (std::optional<Instant> parsed = parse_date_time(written)) return parsed;
        fault(member_pointer(at, key), "bad-date",
              fmt::format("`{}` {} {}", key, quoted(written), date_time_problem(written)));
        return std::nullopt;
    }

    // What `type` says the credential is (a string or a list of strings);
    // anything but a badge or a CLR has its fault reported.
    CredentialKind kind_of(const json& vc, const std::string& at) {
        // JSON-LD may write `@type`, and types as IRIs or prefixed names.
        const char* type_key = find(vc, "type") || !find(vc, "@type") ? "type" : "@type";
        const json* type = find(vc, type_key);
        const std::string type_at = member_pointer(at, type_key);
        if (!type) {
            fault(at, "missing-key", "a credential needs a `type`");
            return CredentialKind::Other;
        }
        std::vector<std::string> types;
        if (type->is_string()) types.push_back(type->get<std::string>());
        if (type->is_array())
            for (const json& item : *type)
                if (item.is_string()) types.push_back(item.get<std::string>());
        if (types.empty() || (type->is_array() && types.size() != type->size())) {
            fault(type_at, "type", "`type` is a string or a list of strings");
            return CredentialKind::Other;
        }
        auto term = [](std::string_view type_name_written) {
            const std::size_t hash = type_name_written.rfind('#');
            if (hash != std::string_view::npos) return type_name_written.substr(hash + 1);
            if (type_name_written.find("://") != std::string_view::npos)
                return type_name_written.substr(type_name_written.rfind('/') + 1);
            const std::size_t colon = type_name_written.rfind(':');
            return colon == std::string_view::npos ? type_name_written : type_name_written.substr(colon + 1);
        };
        auto has = [&](std::string_view name) {
            return std::any_of(types.begin(), types.end(), [&](const std::string& t) { return term(t) == name; });
        };
        if (has("ClrCredential")) return CredentialKind::Clr;
        if (has("OpenBadgeCredential") || has("AchievementCredential")) return CredentialKind::Badge;
        if (has("VerifiablePresentation")) return CredentialKind::Presentation;
        std::vector<std::string> named;
        for (const std::string& name : types) named.push_back(printable(name));
        if (has("VerifiableCredential") && !has("Assertion")) {
            // Another kind of credential a wallet may carry (an endorsement,
            // an ID card): not an achievement, so nothing to hold.
            notes.push_back(Fault{at, "",
                                  fmt::format("a credential of type [{}] is not an achievement: passed over",
                                              fmt::join(named, ", "))});
            return CredentialKind::Skipped;
        }
        std::string hint;
        if (has("Assertion")) hint = " (this is an Open Badges 2.0 assertion; Open Badges 3.0 is read)";
        fault(type_at, "shape",
              fmt::format("type is [{}]: credpath reads OpenBadgeCredential, AchievementCredential and "
                          "ClrCredential{}",
                          fmt::join(named, ", "), hint));
        return CredentialKind::Other;
    }

    // The credentialSubject object, or nullptr with its fault reported.
    const json* subject_of(const json& vc, const std::string& at, std::string_view kind) {
        const json* subject = find(vc, "credentialSubject");
        if (!subject) {
            fault(at, "missing-key", fmt::format("a {} needs a `credentialSubject`", kind));
            return nullptr;
        }
        if (!subject->is_object()) {
            fault(member_pointer(at, "credentialSubject"), "type",
                  fmt::format("`credentialSubject` is an object, found {}", type_name(*subject)));
            return nullptr;
        }
        return subject;
    }

    // The first subject's name is the learner's. It is only shown, so one
    // that is not a plain string (a language map, say) is passed over rather
    // than refused.
    void note_learner(const json& subject) {
        if (const json* name = find(subject, "name"); learner.empty() && name && name->is_string())
            learner = name->get<std::string>();
    }

    // An OpenBadgeCredential or AchievementCredential: one badge, or one per
    // subject when credentialSubject is a list (as the VC data model allows).
    void credential(const json& vc, const std::string& at) {
        const json* subjects = find(vc, "credentialSubject");
        if (subjects && subjects->is_array() && !subjects->empty()) {
            const std::string list_at = member_pointer(at, "credentialSubject");
            for (std::size_t i = 0; i < subjects->size(); ++i) {
                const json& one = (*subjects)[i];
                if (!one.is_object()) {
                    fault(item_pointer(list_at, i), "type",
                          fmt::format("a credentialSubject is an object, found {}", type_name(one)));
                    continue;
                }
                credential_subject(vc, at, one, item_pointer(list_at, i));
            }
            return;
        }
        const json* subject = subject_of(vc, at, "badge credential");
        if (!subject) return;
        credential_subject(vc, at, *subject, member_pointer(at, "credentialSubject"));
    }

    // The badge of one subject of a credential.
    void credential_subject(const json& vc, const std::string& at, const json& subject_value,
                            const std::string& subject_at) {
        const std::size_t faults_before = faults.size();
        const json* subject = &subject_value;
        note_learner(*subject);
        const json* achievement = find(*subject, "achievement");
        const std::string achievement_at = member_pointer(subject_at, "achievement");
        if (!achievement) {
            fault(subject_at, "missing-key", "the credentialSubject has no `achievement`");
            return;
        }
        if (!achievement->is_object()) {
            fault(achievement_at, "type",
                  fmt::format("`achievement` is an object (an Achievement), found {}", type_name(*achievement)));
            return;
        }
        HeldEntry entry;
        Badge badge;
        if (auto id = text(*achievement, achievement_at, "id")) {
            entry.id = *id;
            if (id->empty()) fault(member_pointer(achievement_at, "id"), "value", "the achievement's `id` is empty");
        } else if (!find(*achievement, "id")) {
            fault(achievement_at, "missing-key", "the achievement has no `id`");
        }
        if (const json* name = find(*achievement, "name"); name && name->is_string())
            badge.name = name->get<std::string>();
        if (const json* alignments = find(*achievement, "alignment")) {
            const std::string alignments_at = member_pointer(achievement_at, "alignment");
            // One alignment may be written without the list, as JSON-LD allows.
            auto read_alignment = [&](const json& alignment, const std::string& alignment_at) {
                if (!alignment.is_object()) {
                    fault(alignment_at, "type",
                          fmt::format("an alignment is an object, found {}", type_name(alignment)));
                } else if (auto url = text(alignment, alignment_at, "targetUrl")) {
                    badge.alignments.push_back(*url);
                } else if (!find(alignment, "targetUrl")) {
                    fault(alignment_at, "missing-key", "an alignment needs a `targetUrl`");
                }
            };
            if (alignments->is_array()) {
                for (std::size_t i = 0; i < alignments->size(); ++i)
                    read_alignment((*alignments)[i], item_pointer(alignments_at, i));
            } else {
                read_alignment(*alignments, alignments_at);
            }
        }
        // Valid from validFrom (VC 2.0), else issuanceDate (VC 1.1); earned
        // on validFrom, else awardedDate, else issuanceDate. Each is read
        // and checked when present.
        std::optional<Instant> valid_from = moment(vc, at, "validFrom");
        const std::optional<Instant> issued = moment(vc, at, "issuanceDate");
        std::optional<Instant> awarded = moment(vc, at, "awardedDate");
        if (!awarded) awarded = moment(*subject, subject_at, "awardedDate");
        const std::optional<Instant> earned = valid_from ? valid_from : awarded ? awarded : issued;
        if (!valid_from) valid_from = issued;
        if (earned) {
            entry.earned = utc_date(*earned);
        } else if (!find(vc, "validFrom") && !find(vc, "issuanceDate") && !find(vc, "awardedDate") &&
                   !find(*subject, "awardedDate")) {
            fault(at, "missing-date",
                  "the credential has no `validFrom` (nor awardedDate or issuanceDate): the date it was earned "
                  "decides expiry");
        }
        if (find(vc, "validUntil"))
            badge.valid_until = moment(vc, at, "validUntil");
        else if (find(vc, "expirationDate"))
            badge.valid_until = moment(vc, at, "expirationDate");
        badge.valid_from = valid_from;
        if (badge.valid_until) entry.valid_until = utc_date(*badge.valid_until);
        badge.issuer = issuer_of(vc);
        if (const json* id = find(vc, "id"); id && id->is_string()) badge.credential_id = id->get<std::string>();
        badge.form = form;
        if (const json* proof = find(vc, "proof")) {
            badge.proof = ProofState::NotChecked;
            badge.proof_detail = fmt::format("{}: not checked offline", proof_kind(*proof));
        }
        if (const json* status = find(vc, "credentialStatus")) {
            const StatusAnswer answer = check_status(*status, badge.credential_id, trust.lists);
            badge.status = answer.state;
            badge.status_detail = answer.detail;
        }
        if (faults.size() != faults_before) return;
        entry.badge = std::move(badge);
        badges.push_back(FoundBadge{std::move(entry), achievement_at});
    }

    // The issuer's name, else its id: `issuer` is an IRI or a Profile.
    static std::string issuer_of(const json& vc) {
        const json* issuer = find(vc, "issuer");
        if (!issuer) return "";
        if (issuer->is_string()) return issuer->get<std::string>();
        if (!issuer->is_object()) return "";
        if (const json* name = find(*issuer, "name"); name && name->is_string()) return name->get<std::string>();
        if (const json* id = find(*issuer, "id"); id && id->is_string()) return id->get<std::string>();
        return "";
    }

    // "DataIntegrityProof (eddsa-rdfc-2022)", "Ed25519Signature2020": a
    // proof by its type and cryptosuite (the first of several).
    static std::string proof_kind(const json& proof) {
        const json& first = proof.is_array() && !proof.empty() ? proof[0] : proof;
        std::string type = "a proof";
        if (const json* value = first.is_object() ? find(first, "type") : nullptr; value && value->is_string())
            type = printable(value->get<std::string>());
        if (const json* suite = first.is_object() ? find(first, "cryptosuite") : nullptr; suite && suite->is_string())
            type += fmt::format(" ({})", printable(suite->get<std::string>()));
        return type;
    }

    // A ClrCredential: the badges of its credentialSubject.verifiableCredential.
    void clr(const json& vc, const std::string& at) {
        const json* subject = subject_of(vc, at, "ClrCredential");
        if (!subject) return;
        note_learner(*subject);
        listed(*subject, member_pointer(at, "credentialSubject"), "verifiableCredential", true);
    }
};

}  // namespace

namespace {

// The text without a UTF-8 byte order mark and white space around it.
std::string_view trimmed(std::string_view text) {
    if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) text.remove_prefix(kByteOrderMark.size());
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const std::size_t last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

}  // namespace

bool looks_like_json(std::string_view text) {
    const std::string_view content = trimmed(text);
    return !content.empty() && (content.front() == '{' || content.front() == '[');
}

namespace {

bool looks_like_xml(std::string_view text) {
    const std::string_view start = trimmed(text);
    return !start.empty() && start.front() == '<';
}

// One document of a wallet file read: its badges and notes, its faults as
// diagnostics. Where the document sits in the file: `to_file` maps a place in
// the document's text to one in the file, `context` starts each message.
struct DocumentRead {
    std::vector<HeldEntry> badges;
    std::vector<std::string> notes;
    std::vector<Diagnostic> faults;
    std::string learner;
};

struct Placement {
    std::function<SourceLoc(SourceLoc)> to_file = [](SourceLoc where) { return where; };
    std::string context;  // "" or e.g. "in the PNG's openbadgecredential chunk: "
    // False when the document is not text in the file (a PNG chunk): places
    // are named in the message, the file gets no line.
    bool file_has_lines = true;
};

// Reads a JSON document or a compact JWS (the text of a file, a PNG chunk, an
// SVG element).
DocumentRead read_document(std::string_view text, const std::string& name, const std::string& form,
                           const WalletTrust& trust, const Placement& placement) {
    DocumentRead out;
    auto diagnostic = [&](SourceLoc where, std::string code, std::string message) {
        where = placement.to_file(where);
        if (!placement.file_has_lines) {
            message = fmt::format("line {}, column {}: {}", where.line, where.column, message);
            where = SourceLoc{0, 0, 0};
        }
        out.faults.push_back(Diagnostic{Severity::Error, name, where.line, where.column, std::move(code),
                                        placement.context + std::move(message)});
    };
    auto origin = [&](SourceLoc where) {
        where = placement.to_file(where);
        return placement.file_has_lines ? fmt::format("{}:{}:{}", name, where.line, where.column) : name;
    };
    const std::string_view content = trimmed(text);
    const bool jws = looks_like_jwt(content);
    // JSON text never holds a NUL byte; the parser would stop there and
    // drop the rest unread.
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        diagnostic(json_reader::locate(text, nul), "encoding",
                   "the file holds a NUL byte: it is binary, not JSON text");
        return out;
    }
    json root;
    if (jws) {
        root = std::string(content);
    } else {
        json_reader::Parsed parsed = json_reader::parse(text);
        if (parsed.fault) {
            diagnostic(parsed.fault->where, std::move(parsed.fault->code), std::move(parsed.fault->message));
            return out;
        }
        root = std::move(parsed.value);
    }
    WalletReader reader(trust, form);
    if (jws)
        reader.read_jwt(root.get_ref<const std::string&>());
    else
        reader.read(root);

    // Place the faults and the badges: a second pass over the text (a JWS
    // is one place, where it starts).
    std::vector<std::string> pointers;
    for (const Fault& fault : reader.faults) pointers.push_back(fault.pointer);
    for (const WalletReader::FoundBadge& found : reader.badges) pointers.push_back(found.pointer);
    for (const Fault& note : reader.notes) pointers.push_back(note.pointer);
    const SourceLoc start = json_reader::locate(text, static_cast<std::size_t>(content.data() - text.data()));
    const std::map<std::string, SourceLoc> places =
        jws ? std::map<std::string, SourceLoc>{} : json_reader::place(text, pointers);
    auto place = [&](const std::string& pointer) { return jws ? start : places.at(pointer); };

    for (const Fault& fault : reader.faults) diagnostic(place(fault.pointer), fault.code, fault.message);
    if (!out.faults.empty()) {
        sort_diagnostics(out.faults);
        if (reader.faults_dropped > 0) {  // last, at the last one shown
            const Diagnostic& last = out.faults.back();
            out.faults.push_back(Diagnostic{
                Severity::Error, name, last.line, last.column, "too-many-faults",
                fmt::format("{} more faults after these {} (not shown)", reader.faults_dropped, kFaultLimit)});
        }
        return out;
    }
    out.learner = reader.learner;
    for (const Fault& note : reader.notes)
        out.notes.push_back(fmt::format("{}: {}{}", origin(place(note.pointer)), placement.context, note.message));
    for (WalletReader::FoundBadge& found : reader.badges) {
        found.entry.origin = origin(place(found.pointer));
        out.badges.push_back(std::move(found.entry));
    }
    return out;
}

// The credential baked into an image, read as a document of its own placed
// in the file: an SVG's text at its lines, a PNG chunk's with its context.
DocumentRead read_baked(const BakedRead& baked, std::string_view kind, const std::string& name,
                        const WalletTrust& trust) {
    if (!baked.credential) {
        DocumentRead out;
        out.faults.push_back(Diagnostic{Severity::Error, name, baked.where.line, baked.where.column, "not-a-badge",
                                        std::string(baked.problem)});
        return out;
    }
    const BakedCredential& credential = *baked.credential;
    Placement placement;
    if (kind == "SVG" && credential.starts_at) {
        const SourceLoc base = *credential.starts_at;
        placement.to_file = [base](SourceLoc where) {
            return where.line == 1 ? SourceLoc{0, base.line, base.column + where.column - 1}
                                   : SourceLoc{0, base.line + where.line - 1, where.column};
        };
    } else {
        const SourceLoc element = credential.element;
        placement.to_file = [element](SourceLoc) { return element; };
        placement.context = kind == "PNG" ? "in the PNG's openbadgecredential chunk: "
                                          : "in the SVG's openbadges:credential element: ";
        if (kind == "PNG") {
            placement.to_file = [](SourceLoc where) { return where; };
            placement.file_has_lines = false;
        }
    }
    return read_document(credential.text, name, std::string(kind), trust, placement);
}

}  // namespace

std::vector<TrustedKey> load_trusted_keys_text(std::string_view text, const std::string& name) {
    json_reader::Parsed parsed = json_reader::parse(text);
    auto refuse = [&](SourceLoc where, std::string code, std::string message) -> InputError {
        return InputError{fmt::format("invalid trusted keys {}", name),
                          {Diagnostic{Severity::Error, name, where.line, where.column, std::move(code),
                                      std::move(message)}}};
    };
    if (parsed.fault) throw refuse(parsed.fault->where, parsed.fault->code, parsed.fault->message);
    const json& root = parsed.value;
    // A JWK Set ({"keys": [...]}) or a single JWK.
    std::vector<std::pair<const json*, std::string>> listed;
    if (root.is_object() && root.contains("keys") && root["keys"].is_array()) {
        for (std::size_t i = 0; i < root["keys"].size(); ++i)
            listed.emplace_back(&root["keys"][i], item_pointer("/keys", i));
    } else if (root.is_object() && root.contains("kty")) {
        listed.emplace_back(&root, "");
    } else {
        throw refuse({0, 1, 1}, "shape", "trusted keys are a JWK Set ({\"keys\": [...]}) or one JWK");
    }
    std::vector<std::string> pointers;
    for (const auto& [key, pointer] : listed) pointers.push_back(pointer);
    const std::map<std::string, SourceLoc> places = json_reader::place(text, pointers);
    std::vector<TrustedKey> keys;
    for (const auto& [key, pointer] : listed) {
        const SourceLoc where = places.at(pointer);
        if (!key->is_object() || !key->contains("kty"))
            throw refuse(where, "shape", "a key is a JWK: an object with `kty`");
        if (key->contains("d"))
            throw refuse(where, "private-key",
                         "this JWK holds a private key (`d`): give issuers' public keys only");
        keys.push_back(TrustedKey{jwk_of(*key), fmt::format("{}:{}:{}", name, where.line, where.column)});
    }
    return keys;
}

StatusList load_status_list_text(std::string_view bytes, const std::string& name) {
    auto refuse = [&](SourceLoc where, std::string code, std::string message) -> InputError {
        return InputError{fmt::format("invalid status list {}", name),
                          {Diagnostic{Severity::Error, name, where.line, where.column, std::move(code),
                                      std::move(message)}}};
    };
    const std::string_view content = trimmed(bytes);
    json credential;
    SourceLoc start{0, 1, 1};
    std::string text;  // the JSON, placed when it is the file itself
    if (looks_like_jwt(content)) {
        // The list as a VC-JWT: its payload (or `vc` claim) is the list.
        const std::optional<jose::CompactJws> parts = jose::split_compact(content);
        const std::optional<std::string> payload = parts ? jose::base64url_decode(parts->payload) : std::nullopt;
        json_reader::Parsed parsed = payload ? json_reader::parse(*payload) : json_reader::Parsed{};
        if (!payload || parsed.fault || !parsed.value.is_object())
            throw refuse(start, "jwt", "a VC-JWT whose payload is not a JSON object");
        credential = parsed.value.contains("vc") ? parsed.value["vc"] : parsed.value;
    } else {
        json_reader::Parsed parsed = json_reader::parse(bytes);
        if (parsed.fault) throw refuse(parsed.fault->where, parsed.fault->code, parsed.fault->message);
        credential = std::move(parsed.value);
        text = std::string(bytes);
    }
    StatusListRead read = read_status_list(credential);
    if (!read.list) {
        const SourceLoc where = text.empty() ? start : json_reader::place(text, {read.pointer}).at(read.pointer);
        throw refuse(where, "status-list", read.problem);
    }
    read.list->file = name;
    return std::move(*read.list);
}

WalletTrust load_wallet_trust(const std::vector<std::string>& key_files, const std::vector<std::string>& list_files,
                              std::uint64_t max_bytes) {
    WalletTrust trust;
    for (const std::string& path : key_files)
        for (TrustedKey& key : load_trusted_keys_text(read_whole_file(path, max_bytes), path))
            trust.keys.push_back(std::move(key));
    for (const std::string& path : list_files)
        trust.lists.push_back(load_status_list_text(read_whole_file(path, max_bytes), path));
    return trust;
}

bool looks_like_badge_file(std::string_view bytes) {
    return binary_kind(bytes) == FileKind::Png || looks_like_xml(bytes) || looks_like_jwt(trimmed(bytes));
}

Profile load_wallet_text(std::string_view bytes, std::string name, const WalletTrust& trust) {
    DocumentRead read;
    if (const std::optional<FileKind> kind = binary_kind(bytes); kind == FileKind::Png) {
        read = read_baked(read_baked_png(bytes), "PNG", name, trust);
    } else if (kind) {
        read.faults.push_back(Diagnostic{
            Severity::Error, name, 1, 1, "not-a-profile",
            fmt::format("this is {}: a badge wallet is JSON, a VC-JWT, or a PNG or SVG badge", describe(*kind))});
    } else if (looks_like_xml(bytes)) {
        read = read_baked(read_baked_svg(bytes), "SVG", name, trust);
    } else {
        read = read_document(bytes, name, "JSON", trust, Placement{});
    }
    if (!read.faults.empty()) throw InputError{fmt::format("invalid badge wallet {}", name), std::move(read.faults)};
    Profile profile;
    profile.file = name;
    profile.learner = std::move(read.learner);
    profile.notes = std::move(read.notes);
    profile.holds = std::move(read.badges);
    return profile;
}

}  // namespace credpath
