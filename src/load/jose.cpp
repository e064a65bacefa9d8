#include "credpath/load/jose.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include <fmt/format.h>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <utility>

namespace credpath::jose {

namespace {

// Each OpenSSL object is owned by one of these, so every early return frees it.
template <auto Free>
struct Freer {
    template <typename T>
    void operator()(T* p) const {
        Free(p);
    }
};
using Pkey = std::unique_ptr<EVP_PKEY, Freer<EVP_PKEY_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Freer<EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Freer<EVP_MD_CTX_free>>;
// Cleared on free: some hold private exponents.
using Bignum = std::unique_ptr<BIGNUM, Freer<BN_clear_free>>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, Freer<OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Freer<OSSL_PARAM_free>>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, Freer<ECDSA_SIG_free>>;

// OpenSSL queues the reasons for each refusal on the thread. This module says
// why in its own words, so it drops what it caused (and nothing queued before)
// rather than leave it for an unrelated caller to find.
class ErrorQueueMark {
public:
    ErrorQueueMark() { ERR_set_mark(); }
    ~ErrorQueueMark() { ERR_pop_to_mark(); }
    ErrorQueueMark(const ErrorQueueMark&) = delete;
    ErrorQueueMark& operator=(const ErrorQueueMark&) = delete;
};

const unsigned char* bytes_of(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}
unsigned char* bytes_of(std::string& text) {
    return reinterpret_cast<unsigned char*>(text.data());
}

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The value of one base64url character, -1 for any other.
int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

// A name from the input as a detail shows it: short, and with no byte that
// could upset a terminal.
std::string shown(std::string_view text) {
    constexpr std::size_t kLimit = 40;
    std::string out;
    for (char c : text.substr(0, kLimit)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
    if (text.size() > kLimit) out += "...";
    return out;
}

std::string_view without_leading_zeros(std::string_view bytes) {
    std::size_t first = bytes.find_first_not_of('\0');
    return first == std::string_view::npos ? std::string_view{} : bytes.substr(first);
}

// Callers bound the size first (a modulus, an exponent, a coordinate), so it fits an int.
Bignum bignum(std::string_view big_endian) {
    return Bignum(BN_bin2bn(bytes_of(big_endian), static_cast<int>(big_endian.size()), nullptr));
}

enum class Family { Rsa, RsaPss, Ecdsa, EdDsa };

struct Alg {
    std::string_view name;
    Family family;
    const EVP_MD* (*digest)();  // nullptr for EdDSA, which hashes inside the scheme
    std::string_view crv;       // ECDSA: the curve as a JWK names it
    const char* group;          // ECDSA: the curve as OpenSSL names it
    std::size_t field_bytes;    // ECDSA: bytes of a coordinate, of r and of s
};

constexpr std::array kAlgs{
    Alg{"RS256", Family::Rsa, EVP_sha256, "", nullptr, 0},
    Alg{"RS384", Family::Rsa, EVP_sha384, "", nullptr, 0},
    Alg{"RS512", Family::Rsa, EVP_sha512, "", nullptr, 0},
    Alg{"PS256", Family::RsaPss, EVP_sha256, "", nullptr, 0},
    Alg{"PS384", Family::RsaPss, EVP_sha384, "", nullptr, 0},
    Alg{"PS512", Family::RsaPss, EVP_sha512, "", nullptr, 0},
    Alg{"ES256", Family::Ecdsa, EVP_sha256, "P-256", "prime256v1", 32},
    Alg{"ES384", Family::Ecdsa, EVP_sha384, "P-384", "secp384r1", 48},
    Alg{"ES512", Family::Ecdsa, EVP_sha512, "P-521", "secp521r1", 66},
    Alg{"EdDSA", Family::EdDsa, nullptr, "", nullptr, 0},
};

struct OkpCurve {
    std::string_view crv;
    int type;
    std::size_t key_bytes;
};

constexpr std::array kOkpCurves{
    OkpCurve{"Ed25519", EVP_PKEY_ED25519, 32},
    OkpCurve{"Ed448", EVP_PKEY_ED448, 57},
};

// RFC 7518 §3.3 asks for 2048 bits; the ceiling keeps a hostile key from
// costing minutes and is OpenSSL's own (OPENSSL_RSA_MAX_MODULUS_BITS).
constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 16384;
// OpenSSL refuses larger public exponents with moduli over 3072 bits anyway.
constexpr std::size_t kMaxRsaExponentBytes = 8;
constexpr int kGeneratedRsaBits = 2048;

// The supported alg of that name, or nullptr and why not.
const Alg* find_alg(std::string_view name, std::string& why) {
    for (const Alg& alg : kAlgs) {
        if (alg.name == name) return &alg;
    }
    if (name.empty()) {
        why = "the JWS names no alg";
    } else if (name == "none") {
        why = "alg none is not supported (an unsigned JWS proves nothing)";
    } else if (name == "HS256" || name == "HS384" || name == "HS512") {
        why = fmt::format("alg {} is not supported (a shared secret is not a public key)", name);
    } else {
        why = fmt::format("alg {} is not supported", shown(name));
    }
    return nullptr;
}

struct BuiltKey {
    Pkey key;
    std::string fault;  // why there is no key
};

BuiltKey refused(std::string why) {
    return {nullptr, std::move(why)};
}

// The bytes of a JWK member, or nullopt with `fault` naming what is wrong.
std::optional<std::string> member_bytes(std::string_view value, std::string_view what, std::string& fault) {
    if (value.empty()) {
        fault = fmt::format("{} is missing", what);
        return std::nullopt;
    }
    std::optional<std::string> bytes = base64url_decode(value);
    if (!bytes) fault = fmt::format("{} is not base64url", what);
    return bytes;
}

// A key from OpenSSL parameters: `type` is "RSA" or "EC", `selection`
// EVP_PKEY_PUBLIC_KEY or EVP_PKEY_KEYPAIR.
Pkey from_params(const char* type, int selection, OSSL_PARAM_BLD* builder) {
    Params params(OSSL_PARAM_BLD_to_param(builder));
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) return nullptr;
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_fromdata(ctx.get(), &key, selection, params.get()) != 1) return nullptr;
    return Pkey(key);
}

BuiltKey rsa_key(const Jwk& jwk, bool with_private) {
    std::string fault;
    std::optional<std::string> n = member_bytes(jwk.n, "RSA modulus", fault);
    if (!n) return refused(fault);
    std::optional<std::string> e = member_bytes(jwk.e, "RSA exponent", fault);
    if (!e) return refused(fault);

    std::string_view modulus = without_leading_zeros(*n);
    // Refused before OpenSSL reads it: the byte count bounds the work.
    if (modulus.size() > kMaxRsaBits / 8) return refused(fmt::format("RSA modulus has over {} bits", kMaxRsaBits));
    Bignum n_bn = bignum(modulus);
    if (!n_bn) return refused("OpenSSL could not hold the RSA modulus");
    int bits = BN_num_bits(n_bn.get());
    if (bits < kMinRsaBits) {
        return refused(fmt::format("RSA modulus has {} bits; RFC 7518 asks for at least {}", bits, kMinRsaBits));
    }
    if (!BN_is_odd(n_bn.get())) return refused("RSA modulus is even, so not a product of two odd primes");

    std::string_view exponent = without_leading_zeros(*e);
    if (exponent.size() > kMaxRsaExponentBytes) {
        return refused(fmt::format("RSA exponent has over {} bits", kMaxRsaExponentBytes * 8));
    }
    Bignum e_bn = bignum(exponent);
    if (!e_bn) return refused("OpenSSL could not hold the RSA exponent");
    if (!BN_is_odd(e_bn.get()) || BN_is_one(e_bn.get())) return refused("RSA exponent is not an odd number above 1");

    Bignum d_bn;
    if (with_private) {
        std::optional<std::string> d = member_bytes(jwk.d, "RSA private exponent", fault);
        if (!d) return refused(fault);
        std::string_view private_exponent = without_leading_zeros(*d);
        if (private_exponent.empty() || private_exponent.size() > modulus.size()) {
            return refused("RSA private exponent is not between 0 and the modulus");
        }
        d_bn = bignum(private_exponent);
        if (!d_bn) return refused("OpenSSL could not hold the RSA private exponent");
    }

    ParamBuilder builder(OSSL_PARAM_BLD_new());
    if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n_bn.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e_bn.get()) != 1 ||
        (d_bn && OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_D, d_bn.get()) != 1)) {
        return refused("OpenSSL could not hold the RSA key");
    }
    // Without the primes OpenSSL signs with d alone (no CRT): slower, and all a JWK's n, e, d need.
    Pkey key = from_params("RSA", with_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, builder.get());
    if (!key) return refused("OpenSSL refused the RSA key");
    return {std::move(key), ""};
}

BuiltKey ec_key(const Alg& alg, const Jwk& jwk, bool with_private) {
    if (jwk.crv.empty()) return refused("the EC key has no crv");
    if (jwk.crv != alg.crv) {
        return refused(fmt::format("the key's curve is {} but {} needs {}", shown(jwk.crv), alg.name, alg.crv));
    }
    std::string fault;
    std::optional<std::string> x = member_bytes(jwk.x, "EC x coordinate", fault);
    if (!x) return refused(fault);
    std::optional<std::string> y = member_bytes(jwk.y, "EC y coordinate", fault);
    if (!y) return refused(fault);
    // RFC 7518 §6.2.1.2: each coordinate is the full size of the field, leading zeros kept.
    if (x->size() != alg.field_bytes || y->size() != alg.field_bytes) {
        return refused(fmt::format("EC coordinates on {} have {} bytes each, not {} and {}", alg.crv, alg.field_bytes,
                                   x->size(), y->size()));
    }
    std::string point = "\x04" + *x + *y;  // SEC 1 uncompressed point

    Bignum d_bn;
    if (with_private) {
        std::optional<std::string> d = member_bytes(jwk.d, "EC private key", fault);
        if (!d) return refused(fault);
        if (d->size() != alg.field_bytes) {
            return refused(
                fmt::format("EC private key on {} has {} bytes, not {}", alg.crv, alg.field_bytes, d->size()));
        }
        d_bn = bignum(*d);
        if (!d_bn) return refused("OpenSSL could not hold the EC private key");
    }

    ParamBuilder builder(OSSL_PARAM_BLD_new());
    if (!builder || OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, alg.group, 0) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1 ||
        (d_bn && OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, d_bn.get()) != 1)) {
        return refused("OpenSSL could not hold the EC key");
    }
    // OpenSSL checks the point is on the curve as it reads it.
    Pkey key = from_params("EC", with_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, builder.get());
    if (!key) return refused(fmt::format("the EC key's x and y are not a point on {}", alg.crv));
    if (with_private) {
        // A d that is not x and y's would sign what nobody can verify.
        PkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
        if (!check || EVP_PKEY_pairwise_check(check.get()) != 1) {
            return refused("the EC private key (d) does not belong to x and y");
        }
    }
    return {std::move(key), ""};
}

BuiltKey okp_key(const Jwk& jwk, bool with_private) {
    if (jwk.crv.empty()) return refused("the OKP key has no crv");
    if (jwk.crv == "X25519" || jwk.crv == "X448") {
        return refused(fmt::format("curve {} is for key agreement, not signatures", jwk.crv));
    }
    const OkpCurve* curve = nullptr;
    for (const OkpCurve& c : kOkpCurves) {
        if (c.crv == jwk.crv) curve = &c;
    }
    if (!curve) return refused(fmt::format("curve {} is not supported for EdDSA", shown(jwk.crv)));

    std::string fault;
    std::optional<std::string> x = member_bytes(jwk.x, fmt::format("{} public key", curve->crv), fault);
    if (!x) return refused(fault);
    if (x->size() != curve->key_bytes) {
        return refused(fmt::format("{} public key has {} bytes, not {}", curve->crv, x->size(), curve->key_bytes));
    }
    if (!with_private) {
        Pkey key(EVP_PKEY_new_raw_public_key(curve->type, nullptr, bytes_of(*x), x->size()));
        if (!key) return refused(fmt::format("OpenSSL refused the {} public key", curve->crv));
        return {std::move(key), ""};
    }

    std::optional<std::string> d = member_bytes(jwk.d, fmt::format("{} private key", curve->crv), fault);
    if (!d) return refused(fault);
    if (d->size() != curve->key_bytes) {
        return refused(fmt::format("{} private key has {} bytes, not {}", curve->crv, d->size(), curve->key_bytes));
    }
    Pkey key(EVP_PKEY_new_raw_private_key(curve->type, nullptr, bytes_of(*d), d->size()));
    if (!key) return refused(fmt::format("OpenSSL refused the {} private key", curve->crv));
    // The public key follows from d; one that is not x would sign what nobody can verify with x.
    std::string derived(curve->key_bytes, '\0');
    std::size_t derived_size = derived.size();
    if (EVP_PKEY_get_raw_public_key(key.get(), bytes_of(derived), &derived_size) != 1 || derived_size != x->size() ||
        derived != *x) {
        return refused(fmt::format("the {} private key (d) does not belong to x", curve->crv));
    }
    return {std::move(key), ""};
}

// The key as OpenSSL holds it, or why the JWK is not one for this alg.
BuiltKey key_for(const Alg& alg, const Jwk& jwk, bool with_private) {
    std::string_view kty = alg.family == Family::Ecdsa ? "EC" : alg.family == Family::EdDsa ? "OKP" : "RSA";
    if (jwk.kty.empty()) return refused("the key has no kty");
    if (jwk.kty != kty) return refused(fmt::format("the key is {} but alg is {}", shown(jwk.kty), alg.name));
    if (!jwk.alg.empty() && jwk.alg != alg.name) {
        return refused(fmt::format("the key is for alg {} but alg is {}", shown(jwk.alg), alg.name));
    }
    switch (alg.family) {
        case Family::Rsa:
        case Family::RsaPss:
            return rsa_key(jwk, with_private);
        case Family::Ecdsa:
            return ec_key(alg, jwk, with_private);
        case Family::EdDsa:
            return okp_key(jwk, with_private);
    }
    return refused("unknown key family");
}

// Prepares ctx to sign or verify with alg's digest and padding; false when OpenSSL refuses the key.
bool start(EVP_MD_CTX* ctx, const Alg& alg, EVP_PKEY* key, bool signing) {
    EVP_PKEY_CTX* pkey_ctx = nullptr;  // owned by ctx
    const EVP_MD* digest = alg.digest ? alg.digest() : nullptr;
    int started = signing ? EVP_DigestSignInit(ctx, &pkey_ctx, digest, nullptr, key)
                          : EVP_DigestVerifyInit(ctx, &pkey_ctx, digest, nullptr, key);
    if (started != 1) return false;
    if (alg.family != Family::RsaPss) return true;
    // RFC 7518 §3.5: MGF1 with the same hash, and a salt as long as the hash
    // (a verifier given AUTO would also take other salt lengths).
    return EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PSS_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(pkey_ctx, RSA_PSS_SALTLEN_DIGEST) == 1 &&
           EVP_PKEY_CTX_set_rsa_mgf1_md(pkey_ctx, digest) == 1;
}

// JWS writes an ECDSA signature as r||s, each `half` bytes (RFC 7518 §3.4);
// OpenSSL reads and writes DER.
std::optional<std::string> ecdsa_raw_to_der(std::string_view raw, std::size_t half) {
    EcdsaSig sig(ECDSA_SIG_new());
    Bignum r = bignum(raw.substr(0, half));
    Bignum s = bignum(raw.substr(half));
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return std::nullopt;
    r.release();  // now owned by sig
    s.release();
    int size = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (size <= 0) return std::nullopt;
    std::string der(static_cast<std::size_t>(size), '\0');
    unsigned char* out = bytes_of(der);
    if (i2d_ECDSA_SIG(sig.get(), &out) != size) return std::nullopt;
    return der;
}

std::optional<std::string> ecdsa_der_to_raw(std::string_view der, std::size_t half) {
    const unsigned char* in = bytes_of(der);
    EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())));
    if (!sig) return std::nullopt;
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    std::string raw(2 * half, '\0');
    int width = static_cast<int>(half);
    if (BN_bn2binpad(r, bytes_of(raw), width) != width || BN_bn2binpad(s, bytes_of(raw) + half, width) != width) {
        return std::nullopt;
    }
    return raw;
}

// A number a key holds, big-endian, left-padded to `width` bytes (0: as few as it takes).
std::string number_of(const EVP_PKEY* key, const char* name, std::size_t width = 0) {
    BIGNUM* got = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &got) != 1) {
        throw std::runtime_error(fmt::format("OpenSSL did not give the new key's {}", name));
    }
    Bignum number(got);
    std::size_t size = width != 0 ? width : static_cast<std::size_t>(BN_num_bytes(number.get()));
    std::string out(size, '\0');
    if (BN_bn2binpad(number.get(), bytes_of(out), static_cast<int>(size)) < 0) {
        throw std::runtime_error(fmt::format("the new key's {} is over {} bytes", name, size));
    }
    return out;
}

// A fresh key: `configure` sets the size or curve on the keygen context.
template <typename Configure>
Pkey generated(const char* type, Configure configure) {
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* key = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || !configure(ctx.get()) ||
        EVP_PKEY_generate(ctx.get(), &key) != 1) {
        throw std::runtime_error(fmt::format("OpenSSL could not generate a {} key", type));
    }
    return Pkey(key);
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
    auto put = [&](std::uint32_t group, int chars) {
        for (int k = 0; k < chars; ++k) out += kAlphabet[(group >> (18 - 6 * k)) & 63];
    };
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) put(byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2), 4);
    if (bytes.size() - i == 1) put(byte(i) << 16, 2);
    if (bytes.size() - i == 2) put(byte(i) << 16 | byte(i + 1) << 8, 3);
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    std::size_t padding = 0;
    while (padding < text.size() && text[text.size() - 1 - padding] == '=') ++padding;
    if (padding > 0) {
        // Padded text comes in whole groups of four, with at most two "=".
        if (padding > 2 || text.size() % 4 != 0) return std::nullopt;
        text.remove_suffix(padding);
    }
    // One character carries 6 bits, not a byte.
    if (text.size() % 4 == 1) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3 + 2);
    std::uint32_t pending = 0;  // bits read but not yet a byte, in the low `pending_bits`
    int pending_bits = 0;
    for (char c : text) {
        int value = sextet(c);
        if (value < 0) return std::nullopt;
        pending = (pending << 6 | static_cast<std::uint32_t>(value)) & 0xFFFFu;
        pending_bits += 6;
        if (pending_bits >= 8) {
            pending_bits -= 8;
            out += static_cast<char>((pending >> pending_bits) & 0xFFu);
        }
    }
    if ((pending & ((1u << pending_bits) - 1)) != 0) return std::nullopt;
    return out;
}

std::optional<CompactJws> split_compact(std::string_view text) {
    std::size_t first = text.find('.');
    if (first == std::string_view::npos) return std::nullopt;
    std::size_t second = text.find('.', first + 1);
    if (second == std::string_view::npos || text.find('.', second + 1) != std::string_view::npos) return std::nullopt;
    return CompactJws{text.substr(0, first), text.substr(first + 1, second - first - 1), text.substr(second + 1),
                      text.substr(0, second)};
}

Verification verify(std::string_view alg_name, const CompactJws& jws, const Jwk& key) {
    ErrorQueueMark mark;
    std::string why;
    const Alg* alg = find_alg(alg_name, why);
    if (!alg) return {Verdict::Unsupported, why};
    BuiltKey built = key_for(*alg, key, false);
    if (!built.key) return {Verdict::BadKey, built.fault};

    std::optional<std::string> signature = base64url_decode(jws.signature);
    if (!signature) return {Verdict::BadSignature, "the signature is not base64url"};
    if (alg->family == Family::Ecdsa) {
        std::size_t half = alg->field_bytes;
        if (signature->size() != 2 * half) {
            return {Verdict::BadSignature, fmt::format("an {} signature has {} bytes (r and s of {} each), not {}",
                                                       alg->name, 2 * half, half, signature->size())};
        }
        signature = ecdsa_raw_to_der(*signature, half);
        if (!signature) return {Verdict::BadSignature, "OpenSSL could not hold the ECDSA signature"};
    }

    MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || !start(ctx.get(), *alg, built.key.get(), false)) {
        return {Verdict::BadKey, fmt::format("OpenSSL refused the key for {}", alg->name)};
    }
    if (EVP_DigestVerify(ctx.get(), bytes_of(*signature), signature->size(), bytes_of(jws.signing_input),
                         jws.signing_input.size()) != 1) {
        return {Verdict::BadSignature,
                fmt::format("the {} signature is not the key's over this header and payload", alg->name)};
    }
    return {Verdict::Verified, ""};
}

Jwk generate_key(std::string_view alg_name) {
    ErrorQueueMark mark;
    std::string why;
    const Alg* alg = find_alg(alg_name, why);
    if (!alg) throw std::invalid_argument(why);
    Jwk jwk;
    jwk.alg = alg->name;
    switch (alg->family) {
        case Family::Rsa:
        case Family::RsaPss: {
            Pkey key = generated(
                "RSA", [](EVP_PKEY_CTX* ctx) { return EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, kGeneratedRsaBits) == 1; });
            jwk.kty = "RSA";
            jwk.n = base64url_encode(number_of(key.get(), OSSL_PKEY_PARAM_RSA_N));
            jwk.e = base64url_encode(number_of(key.get(), OSSL_PKEY_PARAM_RSA_E));
            jwk.d = base64url_encode(number_of(key.get(), OSSL_PKEY_PARAM_RSA_D));
            break;
        }
        case Family::Ecdsa: {
            Pkey key =
                generated("EC", [alg](EVP_PKEY_CTX* ctx) { return EVP_PKEY_CTX_set_group_name(ctx, alg->group) == 1; });
            jwk.kty = "EC";
            jwk.crv = alg->crv;
            jwk.x = base64url_encode(number_of(key.get(), OSSL_PKEY_PARAM_EC_PUB_X, alg->field_bytes));
            jwk.y = base64url_encode(number_of(key.get(), OSSL_PKEY_PARAM_EC_PUB_Y, alg->field_bytes));
            jwk.d = base64url_encode(number_of(key.get(), OSSL_PKEY_PARAM_PRIV_KEY, alg->field_bytes));
            break;
        }
        case Family::EdDsa: {
            Pkey key = generated("ED25519", [](EVP_PKEY_CTX*) { return true; });
            constexpr std::size_t kEd25519Bytes = 32;
            std::string x(kEd25519Bytes, '\0');
            std::string d(kEd25519Bytes, '\0');
            std::size_t x_size = x.size();
            std::size_t d_size = d.size();
            if (EVP_PKEY_get_raw_public_key(key.get(), bytes_of(x), &x_size) != 1 ||
                EVP_PKEY_get_raw_private_key(key.get(), bytes_of(d), &d_size) != 1 || x_size != kEd25519Bytes ||
                d_size != kEd25519Bytes) {
                throw std::runtime_error("OpenSSL did not give the new Ed25519 key");
            }
            jwk.kty = "OKP";
            jwk.crv = "Ed25519";
            jwk.x = base64url_encode(x);
            jwk.d = base64url_encode(d);
            break;
        }
    }
    return jwk;
}

std::string sign(std::string_view alg_name, std::string_view header_json, std::string_view payload_json,
                 const Jwk& key) {
    ErrorQueueMark mark;
    std::string why;
    const Alg* alg = find_alg(alg_name, why);
    if (!alg) throw std::invalid_argument(why);
    BuiltKey built = key_for(*alg, key, true);
    if (!built.key) throw std::invalid_argument(built.fault);

    std::string input = base64url_encode(header_json) + "." + base64url_encode(payload_json);
    MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || !start(ctx.get(), *alg, built.key.get(), true)) {
        throw std::runtime_error(fmt::format("OpenSSL could not start signing with the {} key", alg->name));
    }
    std::size_t size = 0;  // first the most a signature takes, then what this one took
    if (EVP_DigestSign(ctx.get(), nullptr, &size, bytes_of(input), input.size()) != 1) {
        throw std::runtime_error(fmt::format("OpenSSL could not sign with the {} key", alg->name));
    }
    std::string signature(size, '\0');
    if (EVP_DigestSign(ctx.get(), bytes_of(signature), &size, bytes_of(input), input.size()) != 1) {
        throw std::runtime_error(fmt::format("OpenSSL could not sign with the {} key", alg->name));
    }
    signature.resize(size);
    if (alg->family == Family::Ecdsa) {
        std::optional<std::string> raw = ecdsa_der_to_raw(signature, alg->field_bytes);
        if (!raw) throw std::runtime_error("OpenSSL wrote an ECDSA signature it cannot read");
        signature = std::move(*raw);
    }
    return input + "." + base64url_encode(signature);
}

}  // namespace credpath::jose
