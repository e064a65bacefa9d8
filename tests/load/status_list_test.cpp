#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "credpath/load/wallet.hpp"
#include "credpath/model/diagnostic.hpp"
#include "status_list.hpp"

namespace credpath {

namespace {
std::string read_source(const std::string& relative) {
    std::ifstream in(std::string(CREDPATH_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string list_error(const std::string& text) {
    try {
        load_status_list_text(text, "l.json");
    } catch (const InputError& error) {
        return format_diagnostic(error.diagnostics.at(0));
    }
    return "no error";
}

StatusAnswer answer(const std::string& status, const std::vector<StatusList>& lists, const std::string& id = "") {
    return check_status(json_reader::parse(status).value, id, lists);
}
}  // namespace

TEST_CASE("status lists: a bitstring list, read from its credential, answers by index") {
    const StatusList list = load_status_list_text(read_source("tests/data/badges/status-list.json"), "s.json");
    CHECK(list.kind == StatusList::Kind::Bitstring);
    CHECK(list.id == "https://badges.openskills.example/status/2026-1");
    CHECK(list.purpose == "revocation");
    CHECK(list.bits.size() == 16 * 1024);
    const std::string entry = R"({"type": "BitstringStatusListEntry", "statusPurpose": "revocation",
 "statusListCredential": "https://badges.openskills.example/status/2026-1", "statusListIndex": )";
    CHECK(answer(entry + "\"3\"}", {list}).state == StatusState::Revoked);
    CHECK(answer(entry + "\"3\"}", {list}).detail == "revoked by s.json (index 3)");
    const StatusAnswer current = answer(entry + "7}", {list});  // a number is taken too
    CHECK(current.state == StatusState::Current);
    CHECK(current.detail == "not revoked (s.json)");
    // Past the list's end, or no list for it: not checked, and said so.
    CHECK(answer(entry + "\"999999999\"}", {list}).state == StatusState::NotChecked);
    const StatusAnswer none = answer(entry + "3}", {});
    CHECK(none.state == StatusState::NotChecked);
    CHECK(none.detail == "revocation status not checked (BitstringStatusListEntry "
                         "https://badges.openskills.example/status/2026-1 index 3)");
    // A suspension list does not answer for revocation.
    StatusList suspension = list;
    suspension.purpose = "suspension";
    CHECK(answer(entry + "3}", {suspension}).state == StatusState::NotChecked);
}

TEST_CASE("status lists: a 1EdTech revocation list names revoked credentials and why") {
    const StatusList list = load_status_list_text(R"({"id": "https://issuer.example/revocations/1",
  "revokedCredentials": [{"id": "urn:uuid:bad", "revocationReason": "issued in error"}, {"id": "urn:uuid:other"}]})",
                                                  "r.json");
    CHECK(list.kind == StatusList::Kind::RevocationList);
    const std::string entry = R"({"id": "https://issuer.example/revocations/1", "type": "1EdTechRevocationList"})";
    CHECK(answer(entry, {list}, "urn:uuid:bad").detail == "revoked by r.json: \"issued in error\"");
    CHECK(answer(entry, {list}, "urn:uuid:other").detail == "revoked by r.json");
    CHECK(answer(entry, {list}, "urn:uuid:fine").state == StatusState::Current);
    CHECK(answer(entry, {}, "urn:uuid:bad").state == StatusState::NotChecked);
}

TEST_CASE("status lists: what is not one is refused at its place") {
    CHECK(list_error(R"({"type": "BitstringStatusListCredential"})") ==
          "l.json:1:1: error: the status list has no `id`: credentials name their list by it");
    CHECK(list_error(R"({"id": "x",
  "credentialSubject": {"encodedList": "uH4sI"}})") ==
          "l.json:2:40: error: `encodedList` is not a base64url, gzip-compressed bitstring (at most 16 MB)");
    CHECK(list_error(R"({"id": "x", "revokedCredentials": [{"revocationReason": "?"}]})") ==
          "l.json:1:36: error: a revoked credential needs its `id`");
    CHECK(list_error("[").rfind("l.json:1:2: error: not valid JSON", 0) == 0);
}

TEST_CASE("gunzip: gzip data only, and never past its limit") {
    CHECK_FALSE(gunzip("plain text", 100).has_value());
    // 1 KiB of zeros, gzipped by Python's gzip.compress(bytes(1024), mtime=0).
    const std::string zeros_gz("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x63\x60\x18\x05\xa3\x60\x14\x8c\x54\x00\x00"
                               "\x2e\xaf\xb5\xef\x00\x04\x00\x00",
                               29);
    const auto whole = gunzip(zeros_gz, 4096);
    REQUIRE(whole.has_value());
    CHECK(whole->size() == 1024);
    CHECK_FALSE(gunzip(zeros_gz, 1000).has_value());
    CHECK_FALSE(gunzip(zeros_gz.substr(0, 20), 4096).has_value());  // truncated
}

}  // namespace credpath
