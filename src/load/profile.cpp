#include "credpath/load/profile.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "credpath/load/wallet.hpp"
#include "loader_support.hpp"
#include "yaml_reader.hpp"

namespace credpath {

using yaml::Node;

namespace {

constexpr std::string_view profile_format = "credpath-profile/1";
const std::vector<std::string_view> profile_keys{
    "format", "learner", "holds", "exclude", "targets", "skills", "objective", "budget", "max_weeks",
    "hours_per_week", "start", "in_progress", "waive", "substitute", "include", "wallets"};
const std::vector<std::string_view> held_keys{"id", "earned"};
const std::vector<std::string_view> in_progress_keys{"id", "done", "hours_done", "paid"};
const std::vector<std::string_view> substitute_keys{"held", "for"};

std::string origin_of(const std::string& file, const Node& node) {
    return fmt::format("{}:{}:{}", file, node.line, node.column);
}

// True when the value of `key` is a list; else says what it is.
bool is_list(Reporter& reporter, const Node& list, std::string_view key) {
    if (list.is_sequence()) return true;
    reporter.error(reporter.loc(0, list), "type",
                   fmt::format("{}: expected a list, found {}", key, yaml::type_name(list)));
    return false;
}

// A list of names (targets, skills, waive), each with where it was written.
void read_names(Reporter& reporter, const Node& list, std::string_view key, const std::string& file,
                std::vector<std::string>& names, std::vector<std::string>& origins) {
    if (!is_list(reporter, list, key)) return;
    const std::string item_key = fmt::format("an item of {}", key);
    for (const Node& item : list.children)
        if (auto text = reporter.string(0, item, item_key)) {
            names.push_back(*text);
            origins.push_back(origin_of(file, item));
        }
}

std::optional<Date> read_date(Reporter& reporter, const Node& node, std::string_view what) {
    auto text = reporter.string(0, node, what);
    if (!text) return std::nullopt;
    std::optional<Date> date = parse_date(*text);
    if (!date)
        reporter.error(reporter.loc(0, node), "bad-date",
                       fmt::format("{} '{}' {}", what, printable(*text), date_problem(*text)));
    return date;
}

// A number at least `low` (above it when `strict`), located when it is not.
std::optional<double> read_bounded(Reporter& reporter, const Node& node, std::string_view key, double low,
                                   bool strict, double high = 1e12) {
    auto value = reporter.number(0, node, high, key);
    if (!value) return std::nullopt;
    if (strict ? *value <= low : *value < low) {
        reporter.error(reporter.loc(0, node), "range",
                       fmt::format("{} is {}; it must be {} {}", key, *value, strict ? "above" : "at least", low));
        return std::nullopt;
    }
    if (*value > high) {
        reporter.error(reporter.loc(0, node), "range", fmt::format("{} is {}; it must be at most {}", key, *value, high));
        return std::nullopt;
    }
    return value;
}

void read_in_progress(Reporter& reporter, const Node& list, const std::string& file,
                      std::vector<InProgressEntry>& out) {
    if (!is_list(reporter, list, "in_progress")) return;
    for (const Node& item : list.children) {
        if (!item.is_map()) {
            reporter.error(reporter.loc(0, item), "type",
                           fmt::format("an in_progress entry is a mapping such as {{id: X, done: 0.5}}; found {}",
                                       yaml::type_name(item)));
            continue;
        }
        check_keys(reporter, 0, item, in_progress_keys);
        const Node* id = find_key(item, "id");
        if (!id) {
            reporter.error(reporter.loc(0, item), "missing-key", "an in_progress entry needs an `id`");
            continue;
        }
        InProgressEntry entry;
        auto text = reporter.string(0, *id, "id");
        if (!text) continue;
        entry.id = *text;
        entry.origin = origin_of(file, *id);
        const Node* done = find_key(item, "done");
        const Node* hours_done = find_key(item, "hours_done");
        if (done && hours_done) {
            reporter.error(reporter.loc(0, *hours_done), "conflict",
                           "an in_progress entry gives `done` (a share) or `hours_done`, not both");
            continue;
        }
        if (!done && !hours_done) {
            reporter.error(reporter.loc(0, item), "missing-key",
                           "an in_progress entry needs `done` (share done, 0 to 1) or `hours_done`");
            continue;
        }
        if (done) entry.done = read_bounded(reporter, *done, "done", 0, false, 1);
        if (hours_done) entry.hours_done = read_bounded(reporter, *hours_done, "hours_done", 0, false, 1e9);
        if (const Node* paid = find_key(item, "paid"))
            if (auto value = reporter.choice(0, *paid, "value of paid", {"true", "false"})) entry.paid = *value == "true";
        if (entry.done || entry.hours_done) out.push_back(std::move(entry));
    }
}

void read_substitutes(Reporter& reporter, const Node& list, const std::string& file, std::vector<Substitution>& out) {
    if (!is_list(reporter, list, "substitute")) return;
    for (const Node& item : list.children) {
        if (!item.is_map()) {
            reporter.error(reporter.loc(0, item), "type",
                           fmt::format("a substitution is a mapping such as {{held: A, for: B}}; found {}",
                                       yaml::type_name(item)));
            continue;
        }
        check_keys(reporter, 0, item, substitute_keys);
        const Node* held = find_key(item, "held");
        const Node* for_id = find_key(item, "for");
        if (!held || !for_id) {
            reporter.error(reporter.loc(0, item), "missing-key",
                           fmt::format("a substitution needs `{}`", held ? "for" : "held"));
            continue;
        }
        auto held_text = reporter.string(0, *held, "held");
        auto for_text = reporter.string(0, *for_id, "for");
        if (held_text && for_text) out.push_back({*held_text, *for_text, origin_of(file, item)});
    }
}

// The planning question a profile brings: goal, objective, limits, calendar,
// work in progress and an advisor's exceptions.
void read_asks(Reporter& reporter, const Node& root, const std::string& file, Profile& profile) {
    Request& asks = profile.asks;
    if (const Node* node = find_key(root, "targets")) read_names(reporter, *node, "targets", file, asks.targets, profile.target_origins);
    if (const Node* node = find_key(root, "skills")) read_names(reporter, *node, "skills", file, asks.skills, profile.skill_origins);
    if (const Node* node = find_key(root, "include"))
        read_names(reporter, *node, "include", file, asks.include, profile.include_origins);
    if (const Node* node = find_key(root, "objective"))
        if (auto name = reporter.choice(0, *node, "objective", names_in(kObjectives)))
            asks.objective = value_in(kObjectives, *name);
    if (const Node* node = find_key(root, "budget")) asks.max_cost = read_bounded(reporter, *node, "budget", 0, false);
    if (const Node* node = find_key(root, "max_weeks"))
        asks.max_weeks = read_bounded(reporter, *node, "max_weeks", 0, false);
    if (const Node* node = find_key(root, "hours_per_week"))
        asks.hours_per_week = read_bounded(reporter, *node, "hours_per_week", 0, true, 168);
    if (const Node* node = find_key(root, "start")) asks.start = read_date(reporter, *node, "start");
    if (const Node* node = find_key(root, "in_progress")) read_in_progress(reporter, *node, file, asks.in_progress);
    if (const Node* node = find_key(root, "waive")) {
        std::vector<std::string> ids;
        std::vector<std::string> origins;
        read_names(reporter, *node, "waive", file, ids, origins);
        for (std::size_t i = 0; i < ids.size(); ++i) asks.waive.push_back({ids[i], origins[i]});
    }
    if (const Node* node = find_key(root, "substitute")) read_substitutes(reporter, *node, file, asks.substitute);
}

Profile read_profile(std::string_view bytes, const std::string& name) {
    Profile profile;
    profile.file = name;
    std::vector<std::string> files{name};
    std::vector<Diagnostic> diagnostics;
    Reporter reporter{files, diagnostics};
    yaml::ReadResult read;
    if (const Node* document =
            read_document(reporter, read, bytes, {"profile", profile_format, "format and holds"}, profile_keys)) {
        const Node& root = *document;
        if (const Node* learner = find_key(root, "learner"))
            if (auto text = reporter.string(0, *learner, "learner")) profile.learner = *text;
        auto read_ids = [&](const Node& list, std::string_view key, bool with_dates, std::vector<HeldEntry>& out) {
            if (!is_list(reporter, list, key)) return;
            const std::string item_key = fmt::format("an item of {}", key);
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
                        auto text = reporter.string(0, *earned, "earned");
                        if (text) entry.earned = parse_date(*text);
                        if (text && !entry.earned)
                            reporter.error(reporter.loc(0, *earned), "bad-date",
                                           fmt::format("earned '{}' {}", printable(*text), date_problem(*text)));
                    }
                }
                auto text = reporter.string(0, *id, id == &item ? std::string_view(item_key) : "id");
                if (!text) continue;
                entry.id = *text;
                entry.origin = origin_of(name, *id);
                out.push_back(std::move(entry));
            }
        };
        if (const Node* holds = find_key(root, "holds")) read_ids(*holds, "holds", true, profile.holds);
        if (const Node* exclude = find_key(root, "exclude")) read_ids(*exclude, "exclude", false, profile.exclude);
        if (const Node* wallets = find_key(root, "wallets"))
            read_names(reporter, *wallets, "wallets", name, profile.wallets, profile.wallet_origins);
        read_asks(reporter, root, name, profile);
    }
    if (count_errors(diagnostics) > 0) {
        sort_diagnostics(diagnostics);
        throw InputError{fmt::format("invalid profile {}", name), std::move(diagnostics)};
    }
    return profile;
}

}  // namespace

namespace {
// A wallet's holds, notes and learner added to what a profile (or the
// wallets before it) holds.
void add_wallet(Profile& into, Profile wallet) {
    for (HeldEntry& entry : wallet.holds) into.holds.push_back(std::move(entry));
    for (std::string& note : wallet.notes) into.notes.push_back(std::move(note));
    if (into.learner.empty()) into.learner = std::move(wallet.learner);
}

Profile load_one_wallet(const std::string& path, std::uint64_t max_bytes, const WalletTrust& trust,
                        const std::string& named_at) {
    return load_wallet_text(read_whole_file(path, max_bytes, named_at.empty() ? "" : named_at + ": wallet "), path,
                            trust);
}

// Reads each wallet and adds it; every wallet's faults are reported together.
void add_wallets(Profile& into, const std::vector<std::string>& paths, const std::vector<std::string>& named_at,
                 std::uint64_t max_bytes, const WalletTrust& trust) {
    std::vector<InputError> faults;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        try {
            add_wallet(into, load_one_wallet(paths[i], max_bytes, trust, i < named_at.size() ? named_at[i] : ""));
        } catch (const InputError& error) {
            faults.push_back(error);
        }
    }
    if (faults.size() == 1) throw faults.front();
    if (faults.empty()) return;
    InputError all{fmt::format("{} badge wallets could not be read", faults.size()), {}};
    for (const InputError& fault : faults) {
        if (fault.diagnostics.empty())
            all.diagnostics.push_back(Diagnostic{Severity::Error, "", 0, 0, "unreadable", fault.message});
        all.diagnostics.insert(all.diagnostics.end(), fault.diagnostics.begin(), fault.diagnostics.end());
    }
    throw all;
}
}  // namespace

Profile load_profile(const std::string& path, std::uint64_t max_bytes, const WalletTrust& trust) {
    Profile profile = load_profile_text(read_whole_file(path, max_bytes), path, trust);
    // A profile's wallets are named relative to the profile.
    std::vector<std::string> paths;
    for (const std::string& wallet : profile.wallets) {
        std::filesystem::path wallet_path = wallet;
        if (wallet_path.is_relative()) wallet_path = std::filesystem::path(path).parent_path() / wallet_path;
        paths.push_back(wallet_path.string());
    }
    add_wallets(profile, paths, profile.wallet_origins, max_bytes, trust);
    return profile;
}

Profile load_profile_text(std::string_view text, std::string name, const WalletTrust& trust) {
    // Badges in a form of their own (a PNG or SVG badge, a VC-JWT) are
    // wallets; any other binary file is neither: say what it is rather than
    // how it fails as YAML.
    if (looks_like_badge_file(text)) return load_wallet_text(text, std::move(name), trust);
    if (const std::optional<FileKind> kind = binary_kind(text))
        throw InputError{fmt::format("invalid profile {}", name),
                         {Diagnostic{Severity::Error, name, 1, 1, "not-a-profile",
                                     fmt::format("this is {}: credpath reads profiles (YAML) and badge wallets "
                                                 "(JSON, VC-JWT, PNG or SVG badges)",
                                                 describe(*kind))}}};
    // Told apart by content, not by file name. A profile written in YAML flow
    // style or as JSON (JSON is YAML) starts with `{` too, but it names its
    // format, which no badge wallet does.
    const bool names_profile_format = text.find("credpath-profile/") != std::string_view::npos;
    if (looks_like_json(text) && !names_profile_format) return load_wallet_text(text, std::move(name), trust);
    return read_profile(text, name);
}

std::string unknown_id_message(const Catalog& catalog, std::string_view id) {
    std::vector<std::string_view> ids;
    ids.reserve(catalog.credentials.size());
    for (const Credential& c : catalog.credentials) ids.push_back(c.id);
    std::string hint = nearest(id, ids);
    return hint.empty() ? fmt::format("unknown credential '{}'", printable(id))
                        : fmt::format("unknown credential '{}' (did you mean '{}'?)", printable(id), hint);
}

std::string unmatched_badge_message(const UnmatchedBadge& badge) {
    const std::size_t limit = 200;  // ids are URLs: keep them whole
    return fmt::format("{}: badge '{}' (id {}) matches no catalog credential", badge.origin,
                       printable(badge.name, limit), printable(badge.id, limit));
}

namespace {
// Catalog credentials by every name a badge may use: id and same_as.
StringMap<std::vector<std::uint32_t>> badge_index(const Catalog& catalog) {
    StringMap<std::vector<std::uint32_t>> index;
    for (std::uint32_t i = 0; i < catalog.credentials.size(); ++i) {
        const Credential& credential = catalog.credentials[i];
        index[credential.id].push_back(i);
        for (const std::string& other : credential.same_as) index[other].push_back(i);
    }
    return index;
}

// Every credential a badge is: through its id or any alignment target.
std::vector<std::uint32_t> match_badge(const StringMap<std::vector<std::uint32_t>>& index, const HeldEntry& entry) {
    std::vector<std::uint32_t> matched;
    auto add_matches = [&](const std::string& name) {
        if (auto found = index.find(name); found != index.end())
            matched.insert(matched.end(), found->second.begin(), found->second.end());
    };
    add_matches(entry.id);
    for (const std::string& target : entry.badge->alignments) add_matches(target);
    std::sort(matched.begin(), matched.end());
    matched.erase(std::unique(matched.begin(), matched.end()), matched.end());
    return matched;
}
}  // namespace

std::vector<std::uint32_t> Holdings::met() const {
    std::vector<std::uint32_t> out = held;
    out.insert(out.end(), waived.begin(), waived.end());
    for (const SubstitutedCredential& s : substituted) out.push_back(s.credential);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

namespace {
// A loop among the substitutions (A for B, B for A): the credentials on it,
// the first repeated at the end; empty when there is none.
std::vector<std::uint32_t> substitution_loop(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges) {
    std::map<std::uint32_t, std::vector<std::uint32_t>> next;
    for (const auto& [from, to] : edges) next[from].push_back(to);
    std::map<std::uint32_t, int> state;  // 1: on the path, 2: done
    std::vector<std::uint32_t> path;
    std::vector<std::uint32_t> found;
    std::function<void(std::uint32_t)> visit = [&](std::uint32_t v) {
        state[v] = 1;
        path.push_back(v);
        for (std::uint32_t w : next[v]) {
            if (!found.empty()) break;
            if (state[w] == 1) {
                found.assign(std::find(path.begin(), path.end(), w), path.end());
                found.push_back(w);
            } else if (state[w] == 0) {
                visit(w);
            }
        }
        path.pop_back();
        state[v] = 2;
    };
    for (const auto& [from, to] : edges)
        if (found.empty() && state[from] == 0) visit(from);
    return found;
}
}  // namespace

namespace {
// Why a badge read is not held at `at` (nullopt: it is, or it expired, which
// the expiry rules say).
std::optional<SetAsideBadge::Reason> set_aside_reason(const Badge& badge, Instant at, bool require_verified) {
    if (badge.status == StatusState::Revoked) return SetAsideBadge::Reason::Revoked;
    if (badge.proof == ProofState::Failed) return SetAsideBadge::Reason::BadSignature;
    if (require_verified && !badge.verified()) return SetAsideBadge::Reason::Unverified;
    if (badge.valid_from && at < *badge.valid_from) return SetAsideBadge::Reason::NotYetValid;
    return std::nullopt;
}

std::string set_aside_detail(const Badge& badge, SetAsideBadge::Reason reason) {
    switch (reason) {
    case SetAsideBadge::Reason::Revoked: return badge.status_detail;
    case SetAsideBadge::Reason::BadSignature: return badge.proof_detail;
    case SetAsideBadge::Reason::Unverified: {
        std::vector<std::string> why;
        if (badge.proof != ProofState::Verified)
            why.push_back(badge.proof == ProofState::None ? "not signed" : badge.proof_detail);
        if (badge.status == StatusState::NotChecked) why.push_back(badge.status_detail);
        return fmt::format("not verified: {}", fmt::join(why, "; "));
    }
    case SetAsideBadge::Reason::NotYetValid:
        return fmt::format("not yet valid: valid from {}", to_string(*badge.valid_from));
    }
    return "";
}

// Of the awards of one achievement, the one that counts: the latest (by
// validFrom, else earned) of those held at `at`, else the latest of all.
std::size_t award_that_counts(const std::vector<const HeldEntry*>& awards, Instant at, bool require_verified) {
    auto later = [](const HeldEntry* a, const HeldEntry* b) {
        const auto from = [](const HeldEntry* e) {
            return e->badge->valid_from ? *e->badge->valid_from
                                        : e->earned ? start_of_day(*e->earned) : Instant{INT64_MIN};
        };
        return from(a) > from(b);
    };
    auto counts = [&](const HeldEntry* e) {
        return !set_aside_reason(*e->badge, at, require_verified) &&
               !(e->badge->valid_until && at > *e->badge->valid_until);
    };
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < awards.size(); ++i) {
        if (!best) {
            best = i;
            continue;
        }
        const bool now = counts(awards[i]);
        const bool then = counts(awards[*best]);
        if ((now && !then) || (now == then && later(awards[i], awards[*best]))) best = i;
    }
    return *best;
}
}  // namespace

Holdings resolve_holdings(const Catalog& catalog, const std::vector<HeldEntry>& holds,
                          const std::vector<HeldEntry>& excluded, const Date& as_of, const Exceptions& exceptions,
                          const BadgeRules& rules) {
    Holdings holdings;
    const Instant at = rules.at.value_or(start_of_day(as_of));  // the moment badges count at
    std::vector<std::string> problems;
    std::map<std::uint32_t, std::vector<std::optional<HeldUntil>>> ends_of;  // each current holding's end
    auto resolve = [&](const HeldEntry& entry) -> std::optional<std::uint32_t> {
        auto index = catalog.find(entry.id);
        if (!index) problems.push_back(fmt::format("{}: {}", entry.origin, unknown_id_message(catalog, entry.id)));
        return index;
    };
    auto hold = [&](const HeldEntry& entry, std::uint32_t index) {
        const Credential& credential = catalog.credentials[index];
        if (entry.valid_until) {
            // The holding's own end date replaces the catalog's valid_for. A
            // wallet always gives the earned date with it, and its moment.
            const bool ended = entry.badge && entry.badge->valid_until ? at > *entry.badge->valid_until
                                                                      : *entry.valid_until <= as_of;
            if (ended) {
                holdings.expired.push_back({index, entry.earned.value_or(*entry.valid_until), *entry.valid_until});
                return;
            }
        } else if (entry.earned && credential.valid_for) {
            const Date until = add(*entry.earned, *credential.valid_for);
            if (until < as_of) {
                holdings.expired.push_back({index, *entry.earned, until});
                return;
            }
        }
        holdings.held.push_back(index);
        if (entry.valid_until) {
            ends_of[index].push_back(HeldUntil{index, *entry.valid_until, *entry.valid_until});
        } else if (entry.earned && credential.valid_for) {
            const Date last = add(*entry.earned, *credential.valid_for);
            ends_of[index].push_back(HeldUntil{index, last, add(last, Duration{1, 'd'})});
        } else {
            ends_of[index].push_back(std::nullopt);  // held with no end
        }
    };
    std::optional<StringMap<std::vector<std::uint32_t>>> badges;  // built for the first badge
    std::set<std::string_view> unmatched;                         // ids listed in unmatched_badges
    // The same achievement from several wallets (a CLR and a loose badge, a
    // renewal) is one holding: the award that counts.
    std::map<std::string_view, std::vector<const HeldEntry*>> awards;
    for (const HeldEntry& entry : holds)
        if (entry.badge) awards[entry.id].push_back(&entry);
    for (const HeldEntry& entry : holds) {
        if (entry.badge) {
            const std::vector<const HeldEntry*>& same = awards[entry.id];
            if (!badges) badges = badge_index(catalog);
            const std::vector<std::uint32_t> matched = match_badge(*badges, entry);
            if (same[award_that_counts(same, at, rules.require_verified)] != &entry) {
                // Another award counts; a forged or revoked one is still worth saying.
                const auto reason = set_aside_reason(*entry.badge, at, false);
                if (reason == SetAsideBadge::Reason::Revoked || reason == SetAsideBadge::Reason::BadSignature)
                    holdings.set_aside.push_back(SetAsideBadge{*reason, matched, entry.id, entry.badge->name,
                                                               entry.origin, set_aside_detail(*entry.badge, *reason)});
                continue;
            }
            if (matched.empty() && unmatched.insert(entry.id).second)
                holdings.unmatched_badges.push_back({entry.id, entry.badge->name, entry.origin});
            if (const auto reason = set_aside_reason(*entry.badge, at, rules.require_verified)) {
                holdings.set_aside.push_back(SetAsideBadge{*reason, matched, entry.id, entry.badge->name,
                                                           entry.origin, set_aside_detail(*entry.badge, *reason)});
                continue;
            }
            for (std::uint32_t index : matched) {
                const std::size_t held_before = holdings.held.size();
                hold(entry, index);
                if (holdings.held.size() != held_before) holdings.badges.push_back(BadgeHolding{index, entry});
            }
            continue;
        }
        if (auto index = resolve(entry)) hold(entry, *index);
    }
    for (const HeldEntry& entry : excluded)
        if (auto index = resolve(entry)) holdings.excluded.push_back(*index);
    auto find_named = [&](const std::string& id, const std::string& origin) {
        auto index = catalog.find(id);
        if (!index) problems.push_back(fmt::format("{}: {}", origin, unknown_id_message(catalog, id)));
        return index;
    };
    for (const Waiver& waiver : exceptions.waive)
        if (auto index = find_named(waiver.id, waiver.origin)) holdings.waived.push_back(*index);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;  // held -> for
    std::vector<std::string> edge_origins;
    for (const Substitution& substitution : exceptions.substitute) {
        auto held = find_named(substitution.held, substitution.origin);
        auto for_id = find_named(substitution.for_id, substitution.origin);
        if (held && for_id) {
            edges.emplace_back(*held, *for_id);
            edge_origins.push_back(substitution.origin);
        }
    }
    if (!problems.empty()) throw InputError{fmt::format("{}", fmt::join(problems, "\n")), {}};
    if (const std::vector<std::uint32_t> loop = substitution_loop(edges); !loop.empty()) {
        std::vector<std::string> ids;
        for (std::uint32_t credential : loop) ids.push_back(catalog.credentials[credential].id);
        const std::pair<std::uint32_t, std::uint32_t> first{loop[0], loop[1]};
        const std::size_t edge = static_cast<std::size_t>(std::find(edges.begin(), edges.end(), first) - edges.begin());
        throw InputError{fmt::format("{}: substitutions loop: {}", edge_origins[edge], fmt::join(ids, " -> ")), {}};
    }
    auto tidy = [](std::vector<std::uint32_t>& list) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    };
    tidy(holdings.held);
    tidy(holdings.excluded);
    tidy(holdings.waived);
    // Substitutions: each held credential stands for another, and what it
    // stands for may stand for a third (the loop check above ends the chain).
    std::map<std::uint32_t, std::uint32_t> stands_for;  // credential -> the held one behind it
    auto counts_as_held = [&](std::uint32_t credential) {
        return std::binary_search(holdings.held.begin(), holdings.held.end(), credential) ||
               stands_for.count(credential) > 0;
    };
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& [from, to] : edges) {
            if (!counts_as_held(from) || counts_as_held(to)) continue;
            const auto behind = stands_for.find(from);
            stands_for[to] = behind == stands_for.end() ? from : behind->second;
            grew = true;
        }
    }
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const std::uint32_t from = edges[i].first;
        const std::uint32_t to = edges[i].second;
        if (counts_as_held(from)) continue;
        const auto lapsed = std::find_if(holdings.expired.begin(), holdings.expired.end(),
                                         [&](const ExpiredCredential& e) { return e.credential == from; });
        problems.push_back(fmt::format("{}: '{}' cannot stand for '{}': it is not held{}", edge_origins[i],
                                       catalog.credentials[from].id, catalog.credentials[to].id,
                                       lapsed == holdings.expired.end()
                                           ? ""
                                           : fmt::format(" (expired on {})", to_string(lapsed->expired_on))));
    }
    if (!problems.empty()) throw InputError{fmt::format("{}", fmt::join(problems, "\n")), {}};
    for (const auto& [credential, by] : stands_for) holdings.substituted.push_back({credential, by});
    // Held more than once: the latest end counts, and a holding without one never ends.
    for (const auto& [credential, ends] : ends_of) {
        if (std::any_of(ends.begin(), ends.end(), [](const std::optional<HeldUntil>& end) { return !end; })) continue;
        holdings.expiring.push_back(**std::max_element(ends.begin(), ends.end(), [](const auto& a, const auto& b) {
            return a->invalid_from < b->invalid_from;
        }));
    }
    // Held twice, once expired and once current: current wins.
    std::erase_if(holdings.expired, [&](const ExpiredCredential& e) {
        return std::binary_search(holdings.held.begin(), holdings.held.end(), e.credential);
    });
    // Expired twice (a badge renewed, then lapsed): the latest expiry is the one shown.
    std::sort(holdings.expired.begin(), holdings.expired.end(),
              [](const ExpiredCredential& a, const ExpiredCredential& b) {
                  if (a.credential != b.credential) return a.credential < b.credential;
                  if (a.expired_on != b.expired_on) return a.expired_on > b.expired_on;
                  return a.earned > b.earned;
              });
    holdings.expired.erase(std::unique(holdings.expired.begin(), holdings.expired.end(),
                                       [](const ExpiredCredential& a, const ExpiredCredential& b) {
                                           return a.credential == b.credential;
                                       }),
                           holdings.expired.end());
    return holdings;
}

ProfileRead read_profile(const std::string& path, std::uint64_t max_bytes, const WalletTrust& trust) {
    return read_learner(path, {}, max_bytes, trust);
}

ProfileRead read_learner(const std::string& profile_path, const std::vector<std::string>& wallets,
                         std::uint64_t max_bytes, const WalletTrust& trust) {
    ProfileRead read;
    read.path = profile_path.empty() && !wallets.empty() ? wallets.front() : profile_path;
    try {
        Profile profile;
        if (!profile_path.empty()) {
            profile = load_profile(profile_path, max_bytes, trust);
        } else {
            profile.file = read.path;
        }
        add_wallets(profile, wallets, {}, max_bytes, trust);
        read.profile = std::move(profile);
    } catch (const InputError& error) {
        read.fault = error;
    }
    return read;
}

}  // namespace credpath
