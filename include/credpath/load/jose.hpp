// Compact JWS (RFC 7515) as VC-JWT badges and Open Badges 3.0 sign them:
// base64url, the three parts of "H.P.S", and the signature checked against a
// JWK (RFC 7517/7518/8037). Loader layer. No JSON here: the caller parses the
// header and the key and hands over their members as strings.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace credpath::jose {

// Base64url (RFC 4648 §5) of arbitrary bytes, without padding.
std::string base64url_encode(std::string_view bytes);

// The bytes of base64url text, padding ("=") optional. nullopt for a character
// outside the alphabet, padding anywhere but at the end or of the wrong length,
// a length no encoding has (4k+1), or non-zero unused bits in the last
// character, which would let two texts carry the same bytes.
std::optional<std::string> base64url_decode(std::string_view text);

// The parts of a compact JWS, each still base64url text. The views point into
// the text given to split_compact, which must outlive them.
struct CompactJws {
    std::string_view header;
    std::string_view payload;
    std::string_view signature;
    std::string_view signing_input;  // "header.payload": what the signature covers
};

// Splits "H.P.S"; nullopt unless the text has exactly two dots. The parts are
// not decoded (an empty one is allowed: a detached payload, alg none).
std::optional<CompactJws> split_compact(std::string_view text);

// A key as a JWK states it: each member as its JSON string (the numbers
// base64url), "" when absent. d is the private part (RSA private exponent, EC
// scalar, OKP seed): only sign reads it.
struct Jwk {
    std::string kty;   // "RSA", "EC" or "OKP"
    std::string crv;   // EC: P-256, P-384, P-521; OKP: Ed25519, Ed448
    std::string n, e;  // RSA
    std::string x, y;  // EC point (x and y), OKP public key (x)
    std::string d;
    std::string kid;
    std::string alg;  // when set, the one alg the key may be used with
};

enum class Verdict {
    Verified,      // the signature is the key's over the signing input
    BadSignature,  // the key is usable but the signature is not its (or is malformed)
    Unsupported,   // the alg is none, a shared secret (HS*), or unknown here
    BadKey,        // the key does not suit the alg or its members are not a key
};

struct Verification {
    Verdict verdict;
    std::string detail;  // why, for a person; "" when Verified
};

// Checks the signature of a compact JWS with the alg its header names (the
// caller reads it) and a public key. Supported: RS256/384/512,
// PS256/384/512 (salt as long as the digest), ES256/384/512 on
// P-256/P-384/P-521 (the raw r||s JWS writes), EdDSA on Ed25519 and Ed448.
// RSA moduli must have 2048 to 16384 bits. Throws nothing but std::bad_alloc,
// whatever the input.
Verification verify(std::string_view alg, const CompactJws& jws, const Jwk& key);

// A fresh key pair for an alg that verify supports (RSA keys have 2048 bits,
// EdDSA keys are Ed25519), with public members, d and alg filled. For tests
// and tools. Throws std::invalid_argument for another alg, std::runtime_error
// when OpenSSL fails.
Jwk generate_key(std::string_view alg);

// Signs header_json and payload_json (taken as they are: the caller makes the
// header name the same alg) with a private key: "b64(header).b64(payload).b64(sig)".
// An RSA key needs n, e and d; an EC key x, y and d; an OKP key x and d.
// Throws std::invalid_argument when the alg is unsupported or the key does not
// suit it, std::runtime_error when OpenSSL fails to sign.
std::string sign(std::string_view alg, std::string_view header_json, std::string_view payload_json, const Jwk& key);

}  // namespace credpath::jose
