#include "credpath/load/wallet.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <istream>
#include <map>
#include <optional>
#include <streambuf>
#include <string>
#include <vector>

#include "json_reader.hpp"
#include "loader_support.hpp"

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
    struct FoundBadge {
        HeldEntry entry;
        std::string pointer;  // of the achievement
    };
    std::vector<FoundBadge> badges;
    std::vector<Fault> faults;
    std::size_t faults_dropped = 0;  // past kFaultLimit
    std::vector<Fault> notes;        // credentials passed over (`code` unused)
    std::string learner;

    void read(const json& root) {
        if (root.is_array()) {
            for (std::size_t i = 0; i < root.size(); ++i) item(root[i], item_pointer("", i), false);
        } else if (root.is_object()) {
            if (!root.contains("type")) {
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
            fault(at, "type",
                  "a credential in compact JWS (JWT) form: credpath reads credentials written as JSON objects");
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

    // The date part of a date (YYYY-MM-DD) or RFC 3339 date-time member;
    // the whole text is checked.
    std::optional<Date> date(const json& object, const std::string& at, const char* key) {
        auto value = text(object, at, key);
        if (!value) return std::nullopt;
        const std::string_view written = *value;
        std::optional<Date> parsed = parse_date(written.substr(0, 10));
        std::string problem;  // follows the quoted text
        if (!parsed)  // "is not a day: ..." or "is not a date of the form YYYY-MM-DD"
            problem = date_problem(written.substr(0, 10));
        else if (written.size() > 10)
            if (std::string time = time_problem(written.substr(10)); !time.empty())
                problem = "is not an RFC 3339 date-time: " + time;
        if (!problem.empty()) {
            fault(member_pointer(at, key), "bad-date", fmt::format("`{}` {} {}", key, quoted(written), problem));
            return std::nullopt;
        }
        return parsed;
    }

    // What is wrong with the part of an RFC 3339 date-time after its date
    // ("T10:00:00Z", "T10:00:00.5+02:00"); "" when nothing.
    static std::string time_problem(std::string_view rest) {
        const auto digits = [&](std::size_t from, std::size_t count) {
            if (rest.size() < from + count) return -1;
            int value = 0;
            for (std::size_t i = from; i < from + count; ++i) {
                if (rest[i] < '0' || rest[i] > '9') return -1;
                value = value * 10 + (rest[i] - '0');
            }
            return value;
        };
        if (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') return "the date is followed by neither T nor a time";
        const int hour = digits(1, 2);
        const int minute = digits(4, 2);
        const int second = digits(7, 2);
        if (hour < 0 || minute < 0 || second < 0 || rest[3] != ':' || rest[6] != ':')
            return "the time is not HH:MM:SS";
        if (hour > 23) return fmt::format("hour {} does not exist", hour);
        if (minute > 59) return fmt::format("minute {} does not exist", minute);
        if (second > 60) return fmt::format("second {} does not exist", second);  // 60: a leap second
        std::size_t at = 9;
        if (at < rest.size() && rest[at] == '.') {
            const std::size_t first = ++at;
            while (at < rest.size() && rest[at] >= '0' && rest[at] <= '9') ++at;
            if (at == first) return "a decimal point without digits after the seconds";
        }
        if (at == rest.size()) return "no time zone (Z or an offset such as +02:00)";
        if (rest[at] == 'Z' || rest[at] == 'z') {
            ++at;
        } else if (rest[at] == '+' || rest[at] == '-') {
            const int offset_hour = digits(at + 1, 2);
            const int offset_minute = digits(at + 4, 2);
            if (offset_hour < 0 || offset_minute < 0 || rest[at + 3] != ':')
                return "the time zone offset is not +HH:MM or -HH:MM";
            if (offset_hour > 23 || offset_minute > 59) return "the time zone offset is out of range";
            at += 6;
        } else {
            return "no time zone (Z or an offset such as +02:00)";
        }
        if (at != rest.size()) return "text after the time zone";
        return "";
    }

    // What `type` says the credential is (a string or a list of strings);
    // anything but a badge or a CLR has its fault reported.
    CredentialKind kind_of(const json& vc, const std::string& at) {
        const json* type = find(vc, "type");
        const std::string type_at = member_pointer(at, "type");
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
        auto has = [&](std::string_view name) { return std::find(types.begin(), types.end(), name) != types.end(); };
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
        // The name is only shown, so one that is not a plain string (a
        // language map, say) is passed over rather than refused.
        if (const json* name = find(*subject, "name"); learner.empty() && name && name->is_string())
            learner = name->get<std::string>();
        return subject;
    }

    // An OpenBadgeCredential or AchievementCredential: one badge.
    void credential(const json& vc, const std::string& at) {
        const std::size_t faults_before = faults.size();
        const json* subject = subject_of(vc, at, "badge credential");
        if (!subject) return;
        const std::string subject_at = member_pointer(at, "credentialSubject");
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
        // The date it was earned: validFrom (VC 2.0), else awardedDate, else
        // issuanceDate (VC 1.1). The first one present is the one read.
        struct DateField {
            const json* object;
            const std::string& object_at;
            const char* key;
        };
        bool dated = false;
        for (const DateField& field :
             {DateField{&vc, at, "validFrom"}, DateField{&vc, at, "awardedDate"},
              DateField{subject, subject_at, "awardedDate"}, DateField{&vc, at, "issuanceDate"}}) {
            if (!find(*field.object, field.key)) continue;
            entry.earned = date(*field.object, field.object_at, field.key);
            dated = true;
            break;
        }
        if (!dated)
            fault(at, "missing-date",
                  "the credential has no `validFrom` (nor awardedDate or issuanceDate): the date it was earned "
                  "decides expiry");
        if (find(vc, "validUntil"))
            entry.valid_until = date(vc, at, "validUntil");
        else if (find(vc, "expirationDate"))
            entry.valid_until = date(vc, at, "expirationDate");
        if (faults.size() != faults_before) return;
        entry.badge = std::move(badge);
        badges.push_back(FoundBadge{std::move(entry), achievement_at});
    }

    // A ClrCredential: the badges of its credentialSubject.verifiableCredential.
    void clr(const json& vc, const std::string& at) {
        const json* subject = subject_of(vc, at, "ClrCredential");
        if (!subject) return;
        listed(*subject, member_pointer(at, "credentialSubject"), "verifiableCredential", true);
    }
};

}  // namespace

bool looks_like_json(std::string_view text) {
    if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) text.remove_prefix(kByteOrderMark.size());
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

namespace {
// The wallet's JSON, or an InputError with the syntax fault placed at its
// line and column (nesting is limited to json_reader::kMaxDepth levels).
json parse_wallet_json(std::string_view text, const std::string& name) {
    json_reader::Parsed parsed = json_reader::parse(text);
    if (parsed.fault)
        throw InputError{fmt::format("invalid badge wallet {}", name),
                         {Diagnostic{Severity::Error, name, parsed.fault->where.line, parsed.fault->where.column,
                                     std::move(parsed.fault->code), std::move(parsed.fault->message)}}};
    return std::move(parsed.value);
}
}  // namespace

Profile load_wallet_text(std::string_view text, std::string name) {
    // JSON text never holds a NUL byte; the parser would stop there and
    // drop the rest unread.
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        const SourceLoc where = json_reader::locate(text, nul);
        throw InputError{fmt::format("invalid badge wallet {}", name),
                         {Diagnostic{Severity::Error, name, where.line, where.column, "encoding",
                                     "the file holds a NUL byte: it is binary, not JSON text"}}};
    }
    std::vector<Diagnostic> diagnostics;
    auto report = [&](SourceLoc where, std::string code, std::string message) {
        diagnostics.push_back(
            Diagnostic{Severity::Error, name, where.line, where.column, std::move(code), std::move(message)});
    };
    auto fail = [&]() -> InputError {
        sort_diagnostics(diagnostics);
        return InputError{fmt::format("invalid badge wallet {}", name), std::move(diagnostics)};
    };

    const json root = parse_wallet_json(text, name);
    WalletReader reader;
    reader.read(root);

    // Place the faults and the badges: a second pass over the text.
    std::vector<std::string> pointers;
    for (const Fault& fault : reader.faults) pointers.push_back(fault.pointer);
    for (const WalletReader::FoundBadge& found : reader.badges) pointers.push_back(found.pointer);
    for (const Fault& note : reader.notes) pointers.push_back(note.pointer);
    const std::map<std::string, SourceLoc> places = json_reader::place(text, pointers);
    auto place = [&](const std::string& pointer) { return places.at(pointer); };

    for (const Fault& fault : reader.faults) report(place(fault.pointer), fault.code, fault.message);
    if (!diagnostics.empty()) {
        InputError error = fail();
        if (reader.faults_dropped > 0) {  // last, at the last one shown
            const Diagnostic& last = error.diagnostics.back();
            error.diagnostics.push_back(Diagnostic{
                Severity::Error, name, last.line, last.column, "too-many-faults",
                fmt::format("{} more faults after these {} (not shown)", reader.faults_dropped, kFaultLimit)});
        }
        throw error;
    }

    Profile profile;
    profile.file = name;
    profile.learner = reader.learner;
    for (const Fault& note : reader.notes) {
        const SourceLoc where = place(note.pointer);
        profile.notes.push_back(fmt::format("{}:{}:{}: {}", name, where.line, where.column, note.message));
    }
    // The same achievement awarded more than once (a CLR and a loose badge,
    // a renewal): held once, from its latest award.
    std::map<std::string, std::size_t> award_of;  // achievement id -> index in holds
    for (WalletReader::FoundBadge& found : reader.badges) {
        const SourceLoc where = place(found.pointer);
        found.entry.origin = fmt::format("{}:{}:{}", name, where.line, where.column);
        const auto [it, first] = award_of.try_emplace(found.entry.id, profile.holds.size());
        if (first) {
            profile.holds.push_back(std::move(found.entry));
        } else if (found.entry.earned > profile.holds[it->second].earned) {
            profile.holds[it->second] = std::move(found.entry);
        }
    }
    return profile;
}

}  // namespace credpath
