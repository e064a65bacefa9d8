#include <doctest/doctest.h>

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "credpath/load/jose.hpp"

namespace credpath::jose {

namespace {

// The payload of RFC 7515's examples A.1 to A.3, CR LF and all.
constexpr std::string_view kRfcPayloadJson =
    "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
constexpr std::string_view kRfcPayload =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

// RFC 7515 Appendix A.2: RS256 and its 2048-bit key.
Jwk rfc7515_rsa_key() {
    Jwk key;
    key.kty = "RSA";
    key.n =
        "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4Ql"
        "L-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUs"
        "LA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoud"
        "F8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
    key.e = "AQAB";
    key.d =
        "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe"
        "46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9J"
        "YanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuh"
        "LhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ";
    return key;
}

constexpr std::string_view kRfc7515RsaJws =
    "eyJhbGciOiJSUzI1NiJ9."
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
    "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujG"
    "bds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K"
    "0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6"
    "LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

// RFC 7515 Appendix A.3: ES256 (its r||s signature, which has a high s).
Jwk rfc7515_ec_key() {
    Jwk key;
    key.kty = "EC";
    key.crv = "P-256";
    key.x = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    key.y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
    key.d = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
    return key;
}

constexpr std::string_view kRfc7515EcJws =
    "eyJhbGciOiJFUzI1NiJ9."
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
    "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

// RFC 8037 Appendix A: Ed25519, a payload that is not JSON.
Jwk rfc8037_key() {
    Jwk key;
    key.kty = "OKP";
    key.crv = "Ed25519";
    key.x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    key.d = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    return key;
}

constexpr std::string_view kRfc8037Jws =
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

std::string from_hex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return out;
}

// RFC 8032 §7.4 "Blank": an Ed448 key pair.
Jwk rfc8032_ed448_key() {
    Jwk key;
    key.kty = "OKP";
    key.crv = "Ed448";
    key.x =
        base64url_encode(from_hex("5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6"
                                  "783df1e50f6cd1fa1abeafe8256180"));
    key.d =
        base64url_encode(from_hex("6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3"
                                  "fc5b94492f8f032e7549a20098f95b"));
    return key;
}

Jwk public_part(Jwk key) {
    key.d.clear();
    return key;
}

Verification verify_text(std::string_view alg, std::string_view text, const Jwk& key) {
    std::optional<CompactJws> jws = split_compact(text);
    REQUIRE(jws);
    return verify(alg, *jws, key);
}

// The JWS with one byte of its decoded signature changed.
std::string with_flipped_signature_byte(std::string_view text, std::size_t index) {
    std::optional<CompactJws> jws = split_compact(text);
    REQUIRE(jws);
    std::optional<std::string> signature = base64url_decode(jws->signature);
    REQUIRE(signature);
    REQUIRE(index < signature->size());
    (*signature)[index] = static_cast<char>((*signature)[index] ^ 0x01);
    return std::string(jws->signing_input) + "." + base64url_encode(*signature);
}

// A key of `bits` bits whose top bit is set and which is odd.
std::string modulus_of_bits(std::size_t bits) {
    std::string bytes((bits + 7) / 8, '\x5a');
    bytes.front() = static_cast<char>(0x80 >> ((8 - bits % 8) % 8));
    bytes.back() = '\x5b';
    return base64url_encode(bytes);
}

}  // namespace

TEST_CASE("jose base64url: the RFC 4648 vectors, in the URL alphabet, padding optional") {
    const std::vector<std::pair<std::string_view, std::string_view>> vectors = {
        {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},         {"foo", "Zm9v"},
        {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
    for (const auto& vector : vectors) {
        CAPTURE(vector.first);
        CHECK(base64url_encode(vector.first) == vector.second);
        CHECK(base64url_decode(vector.second) == std::string(vector.first));
    }
    CHECK(base64url_decode("Zg==") == "f");
    CHECK(base64url_decode("Zm8=") == "fo");
    // 0xfb 0xff is "+/8" in standard base64.
    CHECK(base64url_encode("\xfb\xff") == "-_8");
    CHECK(base64url_decode("-_8") == "\xfb\xff");
}

TEST_CASE("jose base64url: every byte value and length comes back") {
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
    for (std::size_t length = 0; length <= bytes.size(); length += 1) {
        std::string part = bytes.substr(bytes.size() - length);
        CAPTURE(length);
        REQUIRE(base64url_decode(base64url_encode(part)) == part);
    }
}

TEST_CASE("jose base64url: text no encoder writes is refused") {
    for (std::string_view text : {
             "Zm9v+A",    // standard alphabet
             "Zm9v/w",    // standard alphabet
             "Z",         // one character is not a byte
             "Zm9vY",     // 4k+1 characters
             "Zg=",       // padding short of a group of four
             "Zg===",     // three "="
             "Zm8==",     // padding past the group
             "====",      // padding alone
             "Z=g=",      // "=" inside
             "Zg==Zg==",  // padding inside
             " Zg",       // white space
             "Zg\n",      // white space
             "Zh",        // unused bits not zero: "Zg" is the one spelling of "f"
             "Zm9",       // unused bits not zero
         }) {
        CAPTURE(text);
        CHECK_FALSE(base64url_decode(text));
    }
    CHECK_FALSE(base64url_decode(std::string_view("Zm\0v", 4)));
    CHECK_FALSE(base64url_decode("Zm9v\xc3\xa9"));
}

TEST_CASE("jose split_compact: exactly three parts, the signing input the first two") {
    std::optional<CompactJws> jws = split_compact("aGVhZA.cGF5.c2ln");
    REQUIRE(jws);
    CHECK(jws->header == "aGVhZA");
    CHECK(jws->payload == "cGF5");
    CHECK(jws->signature == "c2ln");
    CHECK(jws->signing_input == "aGVhZA.cGF5");

    std::optional<CompactJws> empty = split_compact("..");
    REQUIRE(empty);
    CHECK(empty->header.empty());
    CHECK(empty->payload.empty());
    CHECK(empty->signature.empty());
    CHECK(empty->signing_input == ".");

    CHECK_FALSE(split_compact(""));
    CHECK_FALSE(split_compact("a.b"));
    CHECK_FALSE(split_compact("a.b.c.d"));
    CHECK_FALSE(split_compact("a.b.c.d.e"));  // a JWE has five
}

TEST_CASE("jose verify: RFC 7515 A.2 (RS256) verifies with its published key, and sign writes it byte for byte") {
    CHECK(base64url_encode(kRfcPayloadJson) == kRfcPayload);
    Verification v = verify_text("RS256", kRfc7515RsaJws, public_part(rfc7515_rsa_key()));
    CHECK(v.verdict == Verdict::Verified);
    CHECK(v.detail == "");
    // PKCS #1 v1.5 is deterministic, so this is a known answer for sign too
    // (with n, e and d only, as sign takes an RSA key).
    CHECK(sign("RS256", "{\"alg\":\"RS256\"}", kRfcPayloadJson, rfc7515_rsa_key()) == kRfc7515RsaJws);
}

TEST_CASE("jose verify: RFC 7515 A.3 (ES256, raw r||s) verifies with its published key") {
    CHECK(verify_text("ES256", kRfc7515EcJws, public_part(rfc7515_ec_key())).verdict == Verdict::Verified);
    CHECK(verify_text("ES256", with_flipped_signature_byte(kRfc7515EcJws, 5), rfc7515_ec_key()).verdict ==
          Verdict::BadSignature);
    CHECK(verify_text("ES256", with_flipped_signature_byte(kRfc7515EcJws, 40), rfc7515_ec_key()).verdict ==
          Verdict::BadSignature);
}

TEST_CASE("jose verify: RFC 8037 A.4/A.5 (EdDSA, Ed25519) verifies, and sign writes it byte for byte") {
    CHECK(verify_text("EdDSA", kRfc8037Jws, public_part(rfc8037_key())).verdict == Verdict::Verified);
    CHECK(sign("EdDSA", "{\"alg\":\"EdDSA\"}", "Example of Ed25519 signing", rfc8037_key()) == kRfc8037Jws);
}

TEST_CASE("jose verify: Ed448 (RFC 8032 §7.4 key) signs and verifies") {
    std::string text = sign("EdDSA", "{\"alg\":\"EdDSA\"}", "{}", rfc8032_ed448_key());
    CHECK(verify_text("EdDSA", text, public_part(rfc8032_ed448_key())).verdict == Verdict::Verified);
    CHECK(verify_text("EdDSA", with_flipped_signature_byte(text, 100), public_part(rfc8032_ed448_key())).verdict ==
          Verdict::BadSignature);
}

TEST_CASE("jose verify: RFC 7515 A.1 (HS256) and alg none are unsupported, and so is an alg not known here") {
    constexpr std::string_view hs256 =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
        "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    Jwk oct;
    oct.kty = "oct";
    oct.n = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
    Verification v = verify_text("HS256", hs256, oct);
    CHECK(v.verdict == Verdict::Unsupported);
    CHECK(v.detail == "alg HS256 is not supported (a shared secret is not a public key)");

    Verification none = verify_text("none", "eyJhbGciOiJub25lIn0.e30.", public_part(rfc7515_rsa_key()));
    CHECK(none.verdict == Verdict::Unsupported);
    CHECK(none.detail == "alg none is not supported (an unsigned JWS proves nothing)");

    CHECK(verify_text("", kRfc7515RsaJws, rfc7515_rsa_key()).detail == "the JWS names no alg");
    Verification other = verify_text("ES256K", kRfc7515EcJws, rfc7515_ec_key());
    CHECK(other.verdict == Verdict::Unsupported);
    CHECK(other.detail == "alg ES256K is not supported");
    CHECK(verify_text("rs256", kRfc7515RsaJws, rfc7515_rsa_key()).verdict == Verdict::Unsupported);
    CHECK(verify_text("RS256\n\x1b[2J", kRfc7515RsaJws, rfc7515_rsa_key()).detail == "alg RS256??[2J is not supported");
}

TEST_CASE("jose sign/verify: a fresh key of every alg round-trips; a changed signature or payload does not") {
    // RSA keys take long to make: the RS and PS algs share one (and the RFC's as the other key).
    const Jwk rsa = generate_key("RS256");
    for (std::string_view alg :
         {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}) {
        CAPTURE(alg);
        const bool is_rsa = alg[0] == 'R' || alg[0] == 'P';
        Jwk key = is_rsa ? rsa : generate_key(alg);
        key.alg = alg;
        std::string header = "{\"alg\":\"" + std::string(alg) + "\",\"typ\":\"JWT\"}";
        std::string text = sign(alg, header, "{\"sub\":\"did:example:learner\"}", key);
        Jwk public_key = public_part(key);

        Verification good = verify_text(alg, text, public_key);
        CHECK(good.verdict == Verdict::Verified);
        CHECK(good.detail == "");

        Verification flipped = verify_text(alg, with_flipped_signature_byte(text, 0), public_key);
        CHECK(flipped.verdict == Verdict::BadSignature);
        CHECK(flipped.detail == "the " + std::string(alg) + " signature is not the key's over this header and payload");
        CHECK(verify_text(alg, with_flipped_signature_byte(text, 31), public_key).verdict == Verdict::BadSignature);

        std::optional<CompactJws> jws = split_compact(text);
        REQUIRE(jws);
        std::string changed = std::string(jws->header) + "." + base64url_encode("{\"sub\":\"did:example:mallory\"}") +
                              "." + std::string(jws->signature);
        CHECK(verify_text(alg, changed, public_key).verdict == Verdict::BadSignature);

        // Another key of the same kind did not sign it.
        Jwk other = is_rsa ? rfc7515_rsa_key() : generate_key(alg);
        other.alg.clear();
        CHECK(verify_text(alg, text, public_part(other)).verdict == Verdict::BadSignature);
    }
}

TEST_CASE("jose verify: RSA-PSS and PKCS #1 v1.5 signatures are not each other's") {
    const Jwk key = rfc7515_rsa_key();
    std::string pkcs1 = sign("RS256", "{\"alg\":\"RS256\"}", "{}", key);
    std::string pss = sign("PS256", "{\"alg\":\"PS256\"}", "{}", key);
    CHECK(verify_text("PS256", pkcs1, key).verdict == Verdict::BadSignature);
    CHECK(verify_text("RS256", pss, key).verdict == Verdict::BadSignature);
    CHECK(verify_text("PS384", pss, key).verdict == Verdict::BadSignature);
}

TEST_CASE("jose verify: a key of another type, curve or alg is a bad key") {
    Verification v = verify_text("ES256", kRfc7515EcJws, public_part(rfc7515_rsa_key()));
    CHECK(v.verdict == Verdict::BadKey);
    CHECK(v.detail == "the key is RSA but alg is ES256");
    CHECK(verify_text("RS256", kRfc7515RsaJws, rfc7515_ec_key()).detail == "the key is EC but alg is RS256");
    CHECK(verify_text("EdDSA", kRfc8037Jws, rfc7515_ec_key()).detail == "the key is EC but alg is EdDSA");
    CHECK(verify_text("ES256", kRfc7515EcJws, rfc8037_key()).detail == "the key is OKP but alg is ES256");

    Jwk no_kty = rfc7515_rsa_key();
    no_kty.kty.clear();
    CHECK(verify_text("RS256", kRfc7515RsaJws, no_kty).detail == "the key has no kty");

    Jwk pinned = rfc7515_rsa_key();
    pinned.alg = "PS256";
    Verification p = verify_text("RS256", kRfc7515RsaJws, pinned);
    CHECK(p.verdict == Verdict::BadKey);
    CHECK(p.detail == "the key is for alg PS256 but alg is RS256");
    pinned.alg = "RS256";
    CHECK(verify_text("RS256", kRfc7515RsaJws, pinned).verdict == Verdict::Verified);

    Jwk p384 = rfc7515_ec_key();
    p384.crv = "P-384";
    CHECK(verify_text("ES256", kRfc7515EcJws, p384).detail == "the key's curve is P-384 but ES256 needs P-256");
    CHECK(verify_text("ES384", kRfc7515EcJws, rfc7515_ec_key()).detail ==
          "the key's curve is P-256 but ES384 needs P-384");
    Jwk no_crv = rfc7515_ec_key();
    no_crv.crv.clear();
    CHECK(verify_text("ES256", kRfc7515EcJws, no_crv).detail == "the EC key has no crv");

    Jwk x25519 = rfc8037_key();
    x25519.crv = "X25519";
    CHECK(verify_text("EdDSA", kRfc8037Jws, x25519).detail == "curve X25519 is for key agreement, not signatures");
    x25519.crv = "Ed2551";
    CHECK(verify_text("EdDSA", kRfc8037Jws, x25519).detail == "curve Ed2551 is not supported for EdDSA");
}

TEST_CASE("jose verify: RSA members that are not a usable key") {
    auto detail = [](const std::string& n, const std::string& e) {
        Jwk key = public_part(rfc7515_rsa_key());
        key.n = n;
        key.e = e;
        Verification v = verify_text("RS256", kRfc7515RsaJws, key);
        CHECK(v.verdict == Verdict::BadKey);
        return v.detail;
    };
    const std::string n = rfc7515_rsa_key().n;
    CHECK(detail("", "AQAB") == "RSA modulus is missing");
    CHECK(detail("not base64url!", "AQAB") == "RSA modulus is not base64url");
    CHECK(detail(n + "=", "AQAB") == "RSA modulus is not base64url");
    CHECK(detail(n, "") == "RSA exponent is missing");
    CHECK(detail(n, "AQ+B") == "RSA exponent is not base64url");
    CHECK(detail(modulus_of_bits(1024), "AQAB") == "RSA modulus has 1024 bits; RFC 7518 asks for at least 2048");
    CHECK(detail(modulus_of_bits(2047), "AQAB") == "RSA modulus has 2047 bits; RFC 7518 asks for at least 2048");
    CHECK(detail(base64url_encode(std::string(8, '\0')), "AQAB") ==
          "RSA modulus has 0 bits; RFC 7518 asks for at least 2048");
    CHECK(detail(modulus_of_bits(16385), "AQAB") == "RSA modulus has over 16384 bits");
    CHECK(detail(modulus_of_bits(1'000'000), "AQAB") == "RSA modulus has over 16384 bits");
    std::string even = *base64url_decode(n);
    even.back() = static_cast<char>(even.back() & ~1);
    CHECK(detail(base64url_encode(even), "AQAB") == "RSA modulus is even, so not a product of two odd primes");
    CHECK(detail(n, "AA") == "RSA exponent is not an odd number above 1");
    CHECK(detail(n, "AQ") == "RSA exponent is not an odd number above 1");
    CHECK(detail(n, "Ag") == "RSA exponent is not an odd number above 1");
    CHECK(detail(n, base64url_encode(std::string("\x01\x00\x00\x00\x00\x00\x00\x00\x01", 9))) ==
          "RSA exponent has over 64 bits");

    // Leading zero bytes are tolerated: the number is the same.
    Jwk padded = public_part(rfc7515_rsa_key());
    padded.n = base64url_encode(std::string(3, '\0') + *base64url_decode(n));
    padded.e = "AAEAAQ";
    CHECK(verify_text("RS256", kRfc7515RsaJws, padded).verdict == Verdict::Verified);

    // A 16384-bit modulus is allowed (and the signature is not its).
    Jwk largest = public_part(rfc7515_rsa_key());
    largest.n = modulus_of_bits(16384);
    CHECK(verify_text("RS256", kRfc7515RsaJws, largest).verdict == Verdict::BadSignature);
}

TEST_CASE("jose verify: EC and OKP members that are not a usable key") {
    auto ec_detail = [](const std::string& x, const std::string& y) {
        Jwk key = public_part(rfc7515_ec_key());
        key.x = x;
        key.y = y;
        Verification v = verify_text("ES256", kRfc7515EcJws, key);
        CHECK(v.verdict == Verdict::BadKey);
        return v.detail;
    };
    const Jwk ec = rfc7515_ec_key();
    CHECK(ec_detail("", ec.y) == "EC x coordinate is missing");
    CHECK(ec_detail(ec.x, "") == "EC y coordinate is missing");
    CHECK(ec_detail("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVE+", ec.y) == "EC x coordinate is not base64url");
    CHECK(ec_detail(ec.x, "x/FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0") == "EC y coordinate is not base64url");
    CHECK(ec_detail(base64url_encode(std::string(31, '\x01')), ec.y) ==
          "EC coordinates on P-256 have 32 bytes each, not 31 and 32");
    CHECK(ec_detail(ec.x, base64url_encode(std::string(33, '\x01'))) ==
          "EC coordinates on P-256 have 32 bytes each, not 32 and 33");
    std::string y = *base64url_decode(ec.y);
    y.back() = static_cast<char>(y.back() ^ 1);
    CHECK(ec_detail(ec.x, base64url_encode(y)) == "the EC key's x and y are not a point on P-256");
    CHECK(ec_detail(base64url_encode(std::string(32, '\0')), base64url_encode(std::string(32, '\0'))) ==
          "the EC key's x and y are not a point on P-256");
    CHECK(ec_detail(base64url_encode(std::string(32, '\xff')), base64url_encode(std::string(32, '\xff'))) ==
          "the EC key's x and y are not a point on P-256");

    auto okp_detail = [](const std::string& x) {
        Jwk key = public_part(rfc8037_key());
        key.x = x;
        Verification v = verify_text("EdDSA", kRfc8037Jws, key);
        CHECK(v.verdict == Verdict::BadKey);
        return v.detail;
    };
    CHECK(okp_detail("") == "Ed25519 public key is missing");
    CHECK(okp_detail("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR+") == "Ed25519 public key is not base64url");
    CHECK(okp_detail(base64url_encode(std::string(31, '\x01'))) == "Ed25519 public key has 31 bytes, not 32");
    CHECK(okp_detail(base64url_encode(std::string(57, '\x01'))) == "Ed25519 public key has 57 bytes, not 32");
    Jwk no_crv = rfc8037_key();
    no_crv.crv.clear();
    CHECK(verify_text("EdDSA", kRfc8037Jws, no_crv).detail == "the OKP key has no crv");
}

TEST_CASE("jose verify: signatures of the wrong shape are bad signatures, never a crash") {
    const std::string_view input = split_compact(kRfc7515EcJws)->signing_input;
    auto ec = [&](const std::string& signature) {
        return verify_text("ES256", std::string(input) + "." + signature, rfc7515_ec_key());
    };
    Verification not_text = ec("DtEhU3ljbEg8L38VWAfUAqOyKAM6+Xx");
    CHECK(not_text.verdict == Verdict::BadSignature);
    CHECK(not_text.detail == "the signature is not base64url");
    Verification short_sig = ec(base64url_encode(std::string(63, '\x01')));
    CHECK(short_sig.verdict == Verdict::BadSignature);
    CHECK(short_sig.detail == "an ES256 signature has 64 bytes (r and s of 32 each), not 63");
    CHECK(ec("").detail == "an ES256 signature has 64 bytes (r and s of 32 each), not 0");
    // DER where JWS writes r||s.
    CHECK(ec(base64url_encode(std::string("\x30\x06\x02\x01\x01\x02\x01\x01", 8))).verdict == Verdict::BadSignature);
    // r and s zero, and r and s past the group order.
    CHECK(ec(base64url_encode(std::string(64, '\0'))).verdict == Verdict::BadSignature);
    CHECK(ec(base64url_encode(std::string(64, '\xff'))).verdict == Verdict::BadSignature);

    const std::string_view rsa_input = split_compact(kRfc7515RsaJws)->signing_input;
    auto rsa = [&](const std::string& signature) {
        return verify_text("RS256", std::string(rsa_input) + "." + signature, rfc7515_rsa_key()).verdict;
    };
    CHECK(rsa("") == Verdict::BadSignature);
    CHECK(rsa(base64url_encode(std::string(255, '\x01'))) == Verdict::BadSignature);
    CHECK(rsa(base64url_encode(std::string(257, '\x01'))) == Verdict::BadSignature);
    CHECK(rsa(base64url_encode(std::string(256, '\xff'))) == Verdict::BadSignature);  // above the modulus
    CHECK(rsa(base64url_encode(std::string(1 << 20, '\x01'))) == Verdict::BadSignature);
    // The RFC's signature with a zero byte in front is not the same signature.
    CHECK(rsa(base64url_encode('\0' + *base64url_decode(split_compact(kRfc7515RsaJws)->signature))) ==
          Verdict::BadSignature);

    const std::string_view ed_input = split_compact(kRfc8037Jws)->signing_input;
    for (std::size_t size : {0, 1, 63, 65, 114}) {
        CAPTURE(size);
        CHECK(verify_text("EdDSA", std::string(ed_input) + "." + base64url_encode(std::string(size, '\x01')),
                          rfc8037_key())
                  .verdict == Verdict::BadSignature);
    }
}

TEST_CASE("jose verify: a truncated member of any key is refused or fails, never a crash") {
    for (const Jwk& whole : {rfc7515_rsa_key(), rfc7515_ec_key(), rfc8037_key()}) {
        const std::string_view text = whole.kty == "RSA"  ? kRfc7515RsaJws
                                      : whole.kty == "EC" ? kRfc7515EcJws
                                                          : kRfc8037Jws;
        const std::string_view alg = whole.kty == "RSA" ? "RS256" : whole.kty == "EC" ? "ES256" : "EdDSA";
        for (std::string Jwk::*member : {&Jwk::n, &Jwk::e, &Jwk::x, &Jwk::y}) {
            for (std::size_t length = 0; length < (whole.*member).size(); ++length) {
                Jwk key = whole;
                (key.*member).resize(length);
                CAPTURE(length);
                CHECK(verify_text(alg, text, key).verdict != Verdict::Verified);
            }
        }
    }
}

TEST_CASE("jose sign: refuses an alg it cannot sign with and a key without its private part") {
    CHECK_THROWS_AS(sign("HS256", "{}", "{}", rfc7515_rsa_key()), std::invalid_argument);
    CHECK_THROWS_AS(sign("none", "{}", "{}", rfc7515_rsa_key()), std::invalid_argument);
    CHECK_THROWS_WITH_AS(sign("RS256", "{}", "{}", public_part(rfc7515_rsa_key())), "RSA private exponent is missing",
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(sign("ES256", "{}", "{}", public_part(rfc7515_ec_key())), "EC private key is missing",
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(sign("EdDSA", "{}", "{}", public_part(rfc8037_key())), "Ed25519 private key is missing",
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(sign("ES256", "{}", "{}", rfc7515_rsa_key()), "the key is RSA but alg is ES256",
                         std::invalid_argument);

    // A d that is not the public key's would sign what nobody can verify.
    Jwk ec = rfc7515_ec_key();
    ec.d = generate_key("ES256").d;
    CHECK_THROWS_WITH_AS(sign("ES256", "{}", "{}", ec), "the EC private key (d) does not belong to x and y",
                         std::invalid_argument);
    Jwk ed = rfc8037_key();
    ed.d = generate_key("EdDSA").d;
    CHECK_THROWS_WITH_AS(sign("EdDSA", "{}", "{}", ed), "the Ed25519 private key (d) does not belong to x",
                         std::invalid_argument);
    Jwk short_d = rfc7515_ec_key();
    short_d.d = base64url_encode(std::string(31, '\x01'));
    CHECK_THROWS_WITH_AS(sign("ES256", "{}", "{}", short_d), "EC private key on P-256 has 32 bytes, not 31",
                         std::invalid_argument);

    CHECK_THROWS_AS(generate_key("HS256"), std::invalid_argument);
    CHECK_THROWS_AS(generate_key("none"), std::invalid_argument);
    CHECK_THROWS_AS(generate_key(""), std::invalid_argument);
}

TEST_CASE("jose generate_key: members as RFC 7518 and 8037 state them") {
    Jwk rsa = generate_key("PS384");
    CHECK(rsa.alg == "PS384");
    CHECK(rsa.kty == "RSA");
    CHECK(rsa.e == "AQAB");
    CHECK(base64url_decode(rsa.n)->size() == 256);
    CHECK(rsa.x.empty());

    Jwk es = generate_key("ES512");
    CHECK(es.alg == "ES512");
    CHECK(es.kty == "EC");
    CHECK(es.crv == "P-521");
    CHECK(base64url_decode(es.x)->size() == 66);
    CHECK(base64url_decode(es.y)->size() == 66);
    CHECK(base64url_decode(es.d)->size() == 66);

    Jwk ed = generate_key("EdDSA");
    CHECK(ed.alg == "EdDSA");
    CHECK(ed.kty == "OKP");
    CHECK(ed.crv == "Ed25519");
    CHECK(base64url_decode(ed.x)->size() == 32);
    CHECK(base64url_decode(ed.d)->size() == 32);
    CHECK(ed.y.empty());
}

}  // namespace credpath::jose
