// Badge wallets as learner profiles: Open Badges 3.0 and CLR 2.0 credentials
// (JSON) read into a Profile whose holds are the achievements, to be matched
// against a catalog by resolve_holdings. Loader layer; nothing here prints.
#pragma once

#include <string>
#include <string_view>

#include "credpath/model/learner.hpp"
#include "credpath/model/request.hpp"

namespace credpath {

// Whether a profile file is JSON: its first character other than white space
// (after a UTF-8 byte order mark) is `{` or `[`. Block-style YAML profiles
// start otherwise (load_profile_text also keeps flow-style ones apart).
bool looks_like_json(std::string_view text);

// Reads one of three shapes:
//   - an OpenBadgeCredential or AchievementCredential (`type` names one);
//   - a JSON array of those (possibly empty);
//   - a ClrCredential, whose credentialSubject.verifiableCredential lists them.
// Each credential's credentialSubject.achievement becomes a HeldEntry with
// `badge` set: id, name and alignment[].targetUrl of the achievement; earned
// is the date part of validFrom, else awardedDate (of the credential or its
// subject), else issuanceDate (VC 1.1); valid_until is that of validUntil,
// else expirationDate. The learner is the first credentialSubject.name. Names
// are only shown, so one that is not a string is passed over.
// Throws InputError with a diagnostic per fault at file:line:col: JSON that
// does not parse, another shape, a missing or mistyped field it reads, a
// credential without any date.
Profile load_wallet_text(std::string_view text, std::string name = "wallet.json");

}  // namespace credpath
