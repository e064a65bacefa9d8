#include "credpath/profile.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "loader_support.hpp"
#include "yaml_reader.hpp"

namespace credpath {

using yaml::Node;

namespace {

constexpr std::string_view profile_format = "credpath-profile/1";
const std::vector<std::string_view> profile_keys{"format", "learner", "holds", "exclude"};
const std::vector<std::string_view> held_keys{"id", "earned"};

std::string origin_of(const std::string& file, const Node& node) {
    return fmt::format("{}:{}:{}", file, node.line, node.column);
}

Profile read_profile(std::string_view bytes, const std::string& name) {
    Profile profile;
    profile.file = name;
    std::vector<std::string> files{name};
    std::vector<Diagnostic> diagnostics;
    Reporter reporter{files, diagnostics};
    yaml::ReadResult read = yaml::read(bytes, {});
    for (const yaml::ReadError& error : read.errors)
        reporter.error(SourceLoc{0, std::max(error.line, 1u), std::max(error.column, 1u)}, error.code, error.message);
    const Node& root = read.root;
    if (read.errors.empty()) {
        if (!read.has_document || root.type == Node::Type::Null)
            reporter.error(SourceLoc{0, 1, 1}, "format", "empty profile: it needs `format: credpath-profile/1`");
        else if (!root.is_map())
            reporter.error(reporter.loc(0, root), "type",
                           fmt::format("a profile is a mapping with format and holds; found {}",
                                       yaml::type_name(root)));
    }
    if (read.errors.empty() && root.is_map()) {
        check_keys(reporter, 0, root, profile_keys);
        const Node* format = find_key(root, "format");
        if (!format)
            reporter.error(SourceLoc{0, 1, 1}, "format", "missing `format: credpath-profile/1`");
        else if (!format->is_scalar() || format->text != profile_format)
            reporter.error(reporter.loc(0, *format), "format",
                           fmt::format("format is '{}'; a profile has `format: {}`",
                                       format->is_scalar() ? printable(format->text) : "not a string",
                                       profile_format));
        if (const Node* learner = find_key(root, "learner"))
            if (auto text = reporter.string(0, *learner)) profile.learner = *text;
        auto read_ids = [&](const Node& list, bool with_dates, std::vector<HeldEntry>& out) {
            if (!list.is_sequence()) {
                reporter.error(reporter.loc(0, list), "type",
                               fmt::format("expected a list, found {}", yaml::type_name(list)));
                return;
            }
            for (const Node& item : list.children) {
                HeldEntry entry;
                const Node* id = &item;
                if (item.is_map() && with_dates) {
                    check_keys(reporter, 0, item, held_keys);
                    id = find_key(item, "id");
                    if (!id) {
                        reporter.error(reporter.loc(0, item), "missing-key", "a held entry needs an `id`");
                        continue;
                    }
                    if (const Node* earned = find_key(item, "earned")) {
                        auto text = reporter.string(0, *earned);
                        if (text) entry.earned = parse_date(*text);
                        if (text && !entry.earned)
                            reporter.error(reporter.loc(0, *earned), "bad-date",
                                           fmt::format("earned '{}' is not a date of the form YYYY-MM-DD",
                                                       printable(*text)));
                    }
                }
                auto text = reporter.string(0, *id);
                if (!text) continue;
                entry.id = *text;
                entry.origin = origin_of(name, *id);
                out.push_back(std::move(entry));
            }
        };
        if (const Node* holds = find_key(root, "holds")) read_ids(*holds, true, profile.holds);
        if (const Node* exclude = find_key(root, "exclude")) read_ids(*exclude, false, profile.exclude);
    }
    if (count_errors(diagnostics) > 0) {
        sort_diagnostics(diagnostics);
        throw InputError{fmt::format("invalid profile {}", name), std::move(diagnostics)};
    }
    return profile;
}

}  // namespace

Profile load_profile(const std::string& path) {
    std::string bytes;
    if (auto problem = read_file_bytes(path, 64u << 20, bytes))
        throw InputError{fmt::format("{}: {}", path, problem->second), {}};
    return read_profile(bytes, path);
}

Profile load_profile_text(std::string_view text, std::string name) { return read_profile(text, name); }

std::string unknown_id_message(const Catalog& catalog, std::string_view id) {
    std::vector<std::string_view> ids;
    ids.reserve(catalog.credentials.size());
    for (const Credential& c : catalog.credentials) ids.push_back(c.id);
    std::string hint = nearest(id, ids);
    return hint.empty() ? fmt::format("unknown credential '{}'", printable(id))
                        : fmt::format("unknown credential '{}' (did you mean '{}'?)", printable(id), hint);
}

Holdings resolve_holdings(const Catalog& catalog, const std::vector<HeldEntry>& holds,
                          const std::vector<HeldEntry>& excluded, const Date& as_of) {
    Holdings holdings;
    std::vector<std::string> problems;
    auto resolve = [&](const HeldEntry& entry) -> std::optional<std::uint32_t> {
        auto index = catalog.find(entry.id);
        if (!index) problems.push_back(fmt::format("{}: {}", entry.origin, unknown_id_message(catalog, entry.id)));
        return index;
    };
    for (const HeldEntry& entry : holds) {
        auto index = resolve(entry);
        if (!index) continue;
        const Credential& credential = catalog.credentials[*index];
        if (entry.earned && credential.valid_for) {
            const Date until = add(*entry.earned, *credential.valid_for);
            if (until < as_of) {
                holdings.expired.push_back({*index, *entry.earned, until});
                continue;
            }
        }
        holdings.held.push_back(*index);
    }
    for (const HeldEntry& entry : excluded)
        if (auto index = resolve(entry)) holdings.excluded.push_back(*index);
    if (!problems.empty()) throw InputError{fmt::format("{}", fmt::join(problems, "\n")), {}};
    auto tidy = [](std::vector<std::uint32_t>& list) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    };
    tidy(holdings.held);
    tidy(holdings.excluded);
    // Held twice, once expired and once current: current wins.
    std::erase_if(holdings.expired, [&](const ExpiredCredential& e) {
        return std::binary_search(holdings.held.begin(), holdings.held.end(), e.credential);
    });
    std::sort(holdings.expired.begin(), holdings.expired.end(),
              [](const ExpiredCredential& a, const ExpiredCredential& b) { return a.credential < b.credential; });
    holdings.expired.erase(std::unique(holdings.expired.begin(), holdings.expired.end(),
                                       [](const ExpiredCredential& a, const ExpiredCredential& b) {
                                           return a.credential == b.credential;
                                       }),
                           holdings.expired.end());
    return holdings;
}

}  // namespace credpath
