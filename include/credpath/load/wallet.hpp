// Badge wallets as learner profiles: Open Badges 3.0 and CLR 2.0 credentials
// read into a Profile whose holds are the achievements, to be matched against
// a catalog by resolve_holdings. Every form a learner holds them in: JSON
// (VC 2.0 and 1.1), Verifiable Presentations, arrays mixing them, VC-JWT
// compact form, and badges baked into PNG and SVG images. Signatures of
// VC-JWTs are verified with the keys at hand; credentialStatus is checked
// against the status lists given. Loader layer; nothing here prints.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/load/jose.hpp"
#include "credpath/model/learner.hpp"
#include "credpath/model/request.hpp"

namespace credpath {

// Whether a profile file is JSON: its first character other than white space
// (after a UTF-8 byte order mark) is `{` or `[`. Block-style YAML profiles
// start otherwise (load_profile_text also keeps flow-style ones apart).
bool looks_like_json(std::string_view text);

// Whether a file is a badge wallet in a form other than a JSON document: a
// PNG, an XML (SVG) document or a compact JWS (VC-JWT).
bool looks_like_badge_file(std::string_view bytes);

// An issuer's key, from a --trusted-keys file (a JWK Set).
struct TrustedKey {
    jose::Jwk key;
    std::string origin;  // "file:line:col" of the key
};

// A status list credential (--status-list): a BitstringStatusListCredential
// (or StatusList2021Credential), whose encodedList is a gzip bitstring, or a
// 1EdTech revocation list naming the revoked credentials.
struct StatusList {
    enum class Kind { Bitstring, RevocationList };
    Kind kind = Kind::Bitstring;
    std::string id;       // what credentials name it by (statusListCredential, or credentialStatus.id)
    std::string purpose;  // a bitstring's statusPurpose: "revocation", "suspension"
    std::string bits;     // a bitstring's bytes, index 0 the first byte's highest bit
    std::map<std::string, std::string> revoked;  // a revocation list's credential ids and reasons
    std::string file;
};

// What a wallet's credentials are checked against.
struct WalletTrust {
    std::vector<TrustedKey> keys;
    std::vector<StatusList> lists;
};

// Reads --trusted-keys files (JWK Sets, {"keys": [...]}, or one JWK) and
// --status-list files (a status list credential in JSON or VC-JWT form).
// Throws InputError with located diagnostics.
std::vector<TrustedKey> load_trusted_keys_text(std::string_view text, const std::string& name);
StatusList load_status_list_text(std::string_view text, const std::string& name);
WalletTrust load_wallet_trust(const std::vector<std::string>& key_files, const std::vector<std::string>& list_files,
                              std::uint64_t max_bytes);

// Reads a wallet in any of its forms (see the top of this file), told apart
// by content:
//   - an OpenBadgeCredential or AchievementCredential;
//   - a ClrCredential, whose credentialSubject.verifiableCredential lists them;
//   - a VerifiablePresentation of any of these;
//   - a JSON array of any of these; each may be a VC-JWT string instead;
//   - a VC-JWT file, or a PNG or SVG with one of the above baked in.
// Each credential's credentialSubject.achievement becomes a HeldEntry with
// `badge` set: the achievement's id, name and alignment[].targetUrl, the
// issuer, the validity moments, what was verified; earned is the date of
// validFrom, else awardedDate, else issuanceDate (VC 1.1, or a JWT's nbf).
// Other verifiable credentials (endorsements) are notes. The learner is the
// first credentialSubject.name.
// Throws InputError with a diagnostic per fault at file:line:col (the first
// 100, the rest counted).
Profile load_wallet_text(std::string_view bytes, std::string name = "wallet.json", const WalletTrust& trust = {});

}  // namespace credpath
