// Status lists for badges' credentialStatus: reading a status list
// credential, and answering for one credential. Private to the loader; zlib
// stays in status_list.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/load/wallet.hpp"
#include "json_reader.hpp"

namespace credpath {

// The bytes gzip data inflates to, at most `limit` of them; nullopt when it
// is not gzip or inflates to more.
std::optional<std::string> gunzip(std::string_view data, std::size_t limit);

// What a credential's credentialStatus says once looked up in the lists.
struct StatusAnswer {
    StatusState state = StatusState::NotChecked;
    std::string detail;
};
StatusAnswer check_status(const json_reader::json& status, const std::string& credential_id,
                          const std::vector<StatusList>& lists);

// A status list credential, parsed (a JSON object); the fault when it is
// not one, as (JSON pointer, message).
struct StatusListRead {
    std::optional<StatusList> list;
    std::string pointer;
    std::string problem;
};
StatusListRead read_status_list(const json_reader::json& credential);

}  // namespace credpath
