// Status lists (W3C Bitstring Status List, StatusList2021, 1EdTech Revocation
// List): what a list credential holds and what it says of one credential.
#include "status_list.hpp"

#include <zlib.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "credpath/load/jose.hpp"

namespace credpath {

namespace {
using json_reader::json;

const json* member(const json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    const auto found = object.find(key);
    return found == object.end() || found->is_null() ? nullptr : &*found;
}

std::string string_member(const json& object, const char* key) {
    const json* value = member(object, key);
    return value && value->is_string() ? value->get<std::string>() : std::string();
}

bool has_type(const json& object, std::string_view name) {
    const json* type = member(object, "type");
    if (!type) return false;
    if (type->is_string()) return type->get_ref<const std::string&>() == name;
    if (type->is_array())
        for (const json& item : *type)
            if (item.is_string() && item.get_ref<const std::string&>() == name) return true;
    return false;
}

// A 16 MB bitstring covers 134 million credentials, far past any issuer's.
constexpr std::size_t kMaxBitstringBytes = 16u << 20;
}  // namespace

std::optional<std::string> gunzip(std::string_view data, std::size_t limit) {
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return std::nullopt;  // 16: gzip framing only
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(std::min<std::size_t>(data.size(), UINT32_MAX));
    std::string out;
    char buffer[1 << 14];
    int result = Z_OK;
    while (result == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        result = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - stream.avail_out);
        if (out.size() > limit) result = Z_MEM_ERROR;
        if (result == Z_BUF_ERROR && stream.avail_in == 0) break;  // ends early
    }
    inflateEnd(&stream);
    if (result != Z_STREAM_END) return std::nullopt;
    return out;
}

StatusListRead read_status_list(const json& credential) {
    StatusListRead out;
    auto refuse = [&](std::string pointer, std::string problem) {
        out.pointer = std::move(pointer);
        out.problem = std::move(problem);
        return out;
    };
    if (!credential.is_object()) return refuse("", "a status list is a credential (a JSON object)");
    StatusList list;
    list.id = string_member(credential, "id");
    if (list.id.empty()) return refuse("", "the status list has no `id`: credentials name their list by it");
    const json* revoked = member(credential, "revokedCredentials");
    if (has_type(credential, "1EdTechRevocationList") || revoked) {
        list.kind = StatusList::Kind::RevocationList;
        if (!revoked || !revoked->is_array())
            return refuse("/revokedCredentials", "a 1EdTech revocation list lists `revokedCredentials`");
        for (std::size_t i = 0; i < revoked->size(); ++i) {
            const std::string id = string_member((*revoked)[i], "id");
            if (id.empty())
                return refuse(fmt::format("/revokedCredentials/{}", i), "a revoked credential needs its `id`");
            list.revoked[id] = string_member((*revoked)[i], "revocationReason");
        }
        return StatusListRead{std::move(list), "", ""};
    }
    const json* subject = member(credential, "credentialSubject");
    if (!subject || !subject->is_object())
        return refuse("", "a status list credential needs a `credentialSubject` with its `encodedList`");
    list.purpose = string_member(*subject, "statusPurpose");
    std::string encoded = string_member(*subject, "encodedList");
    if (encoded.empty()) return refuse("/credentialSubject", "the status list has no `encodedList`");
    // Bitstring Status List: multibase base64url ("u" prefix); StatusList2021: plain base64url.
    if (encoded.front() == 'u') encoded.erase(0, 1);
    const std::optional<std::string> packed = jose::base64url_decode(encoded);
    std::optional<std::string> bits = packed ? gunzip(*packed, kMaxBitstringBytes) : std::nullopt;
    if (!bits && packed && encoded.size() > 1) {  // StatusList2021 lists that happen to start with 'u'
        const std::optional<std::string> whole = jose::base64url_decode("u" + encoded);
        if (whole) bits = gunzip(*whole, kMaxBitstringBytes);
    }
    if (!bits)
        return refuse("/credentialSubject/encodedList",
                      "`encodedList` is not a base64url, gzip-compressed bitstring (at most 16 MB)");
    list.bits = std::move(*bits);
    return StatusListRead{std::move(list), "", ""};
}

StatusAnswer check_status(const json& status, const std::string& credential_id, const std::vector<StatusList>& lists) {
    // One entry or several (a credential may carry a revocation and a
    // suspension entry): any that says revoked or suspended wins.
    std::vector<const json*> entries;
    if (status.is_array()) {
        for (const json& entry : status) entries.push_back(&entry);
    } else {
        entries.push_back(&status);
    }
    StatusAnswer answer;
    std::vector<std::string> checked;
    std::vector<std::string> unchecked;
    for (const json* entry : entries) {
        const std::string type = string_member(*entry, "type");
        if (type == "1EdTechRevocationList") {
            const std::string list_id = string_member(*entry, "id");
            const StatusList* list = nullptr;
            for (const StatusList& candidate : lists)
                if (candidate.kind == StatusList::Kind::RevocationList && candidate.id == list_id) list = &candidate;
            if (!list) {
                unchecked.push_back(fmt::format("1EdTechRevocationList {}", list_id));
                continue;
            }
            if (auto found = list->revoked.find(credential_id); found != list->revoked.end()) {
                return {StatusState::Revoked,
                        fmt::format("revoked by {}{}", list->file,
                                    found->second.empty() ? "" : fmt::format(": \"{}\"", found->second))};
            }
            checked.push_back(list->file);
            continue;
        }
        const std::string list_id = string_member(*entry, "statusListCredential");
        const std::string purpose = string_member(*entry, "statusPurpose");
        const json* index_value = member(*entry, "statusListIndex");
        std::optional<std::uint64_t> index;
        if (index_value && index_value->is_number_unsigned()) index = index_value->get<std::uint64_t>();
        if (index_value && index_value->is_string()) {
            const std::string& text = index_value->get_ref<const std::string&>();
            if (!text.empty() && text.size() < 19 && text.find_first_not_of("0123456789") == std::string::npos)
                index = std::stoull(text);
        }
        if (list_id.empty() || !index) {
            unchecked.push_back(fmt::format("{} (no statusListCredential or statusListIndex)",
                                            type.empty() ? "an entry" : type));
            continue;
        }
        const StatusList* list = nullptr;
        for (const StatusList& candidate : lists)
            if (candidate.kind == StatusList::Kind::Bitstring && candidate.id == list_id &&
                (candidate.purpose.empty() || purpose.empty() || candidate.purpose == purpose))
                list = &candidate;
        if (!list) {
            unchecked.push_back(fmt::format("{} {} index {}", type, list_id, *index));
            continue;
        }
        if (*index / 8 >= list->bits.size()) {
            unchecked.push_back(fmt::format("{} index {} is past the end of {}", type, *index, list->file));
            continue;
        }
        const auto byte = static_cast<unsigned char>(list->bits[*index / 8]);
        if (byte & (0x80u >> (*index % 8)))
            return {StatusState::Revoked,
                    fmt::format("{} by {} (index {})", purpose == "suspension" ? "suspended" : "revoked", list->file,
                                *index)};
        checked.push_back(list->file);
    }
    if (!unchecked.empty()) {
        answer.state = StatusState::NotChecked;
        answer.detail = fmt::format("revocation status not checked ({})", fmt::join(unchecked, "; "));
    } else {
        answer.state = StatusState::Current;
        answer.detail = fmt::format("not revoked ({})", fmt::join(checked, ", "));
    }
    return answer;
}

}  // namespace credpath
