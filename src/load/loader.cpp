#include "credpath/load/loader.hpp"

#include "credpath/load/ctdl.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <functional>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_set>

#include "converter.hpp"
#include "loader_support.hpp"
#include "credpath/model/two_threads.hpp"
#include "yaml_reader.hpp"

namespace credpath {

namespace fs = std::filesystem;
using yaml::Node;

namespace {

constexpr std::string_view catalog_format = "credpath/1";

const std::vector<std::string_view> top_keys{"format", "catalog", "credentials"};
const std::vector<std::string_view> catalog_keys{"name", "currency", "credit_unit", "description"};
const std::vector<std::string_view> credential_keys{
    "id",      "title",    "kind",     "provider", "cost",     "hours",    "weeks",
    "credits", "level",    "tags",     "skills",   "modality", "assessment", "country",
    "language", "outcomes", "quality_assurance", "valid_for", "renewal", "starts", "url", "same_as", "description",
    "requires", "corequires", "excludes", "overlap", "also_required", "external"};
const std::vector<std::string_view> renewal_keys{"cost", "hours", "weeks"};
const std::vector<std::string_view> recurrence_keys{"every", "from", "until"};
const std::vector<std::string_view> rule_operators{"all", "any", "at_least", "credits", "skills"};
const std::vector<std::string_view> kind_names = names_in(kKinds);
const std::vector<std::string_view> modality_names{"online", "in-person", "blended"};
const std::vector<std::string_view> assessment_names{"exam", "project", "practical", "portfolio", "none"};

// Thrown by read_credential once there are more credentials than allowed; it
// stops the parser (see yaml::read).
struct LimitReached {};

// Operators and names in a rule: what its size costs the planner.
std::uint64_t rule_size(const Rule& rule) {
    std::uint64_t size = 1 + rule.names.size();
    for (const Rule& child : rule.children) size += rule_size(child);
    for (const Rule& cap : rule.caps) size += rule_size(cap);
    return size;
}

// Per-catalog state while files are read.
struct CatalogBuilder {
    const LoadLimits& limits;
    const Conversion& conversion;
    std::unique_ptr<Converter> converter;  // with conversion.rates
    LoadResult& result;
    Reporter reporter;
    struct FileMeta {
        std::string currency;
        SourceLoc currency_loc;
        std::string credit_unit;
        SourceLoc credit_unit_loc;
        bool parsed = false;  // false after a syntax fault: its metadata is unknown
    };
    std::vector<FileMeta> meta;
    // The credentials kept so far (ids unique), in blocks that are never
    // reallocated, so that growing never holds two copies of them; the id, tag
    // and skill indexes of the catalog are kept up to date with them.
    // finish() moves them into the catalog.
    std::vector<std::vector<Credential>> blocks;
    std::uint32_t kept = 0;
    // A hash of (provider, title) of each kept credential with a title, for
    // the duplicate-title check in finish().
    struct TitleKey {
        std::uint64_t hash;
        std::uint32_t index;
    };
    std::vector<TitleKey> titles;
    // Set once max_credentials is passed: the rest is not read, and the rules
    // are not walked (their references would be noise).
    bool limit_reached = false;

    CatalogBuilder(const LoadLimits& l, const Conversion& c, LoadResult& r)
        : limits(l),
          conversion(c),
          converter(c.rates ? std::make_unique<Converter>(*c.rates) : nullptr),
          result(r),
          reporter{r.catalog.files, r.diagnostics} {}

    std::optional<Rule> read_rule(const Node& node, std::uint32_t file, std::uint32_t depth);
    bool read_rule_children(const Node& list, std::uint32_t file, std::uint32_t depth, Rule& rule);
    bool read_credits_rule(const Node& node, std::uint32_t file, Rule& rule, bool capped);
    void read_credential(Node&& node, std::uint32_t file);
    void keep(Credential&& credential);
    const Credential& kept_at(std::uint32_t index) const;
    void drop_from(std::uint32_t index);
    void read_file(yaml::Input& input, const std::string& name);
    void read_catalog_block(const Node& info, std::uint32_t file);
    void add_imported(CtdlImport&& imported);
    void finish();

private:
    // The steps of finish(), in order.
    void settle_terms();
    void gather_credentials();
    void convert_credentials();
    void warn_duplicate_titles();
    void check_rules();
};

// Large catalogs have their rules walked in slices of this many credentials.
constexpr std::uint32_t walk_slice = 8192;

// Blocks grow from 1024 credentials up to 65,536 (some 40 MB: the C library
// maps blocks that large on their own, so each goes back to the system once
// moved out).
constexpr std::uint32_t first_block = 1024;
constexpr std::uint32_t last_block_log2 = 16;
constexpr std::uint32_t last_block = 1u << last_block_log2;
constexpr std::uint32_t first_block_log2 = 10;
static_assert(first_block == 1u << first_block_log2);

// (block, slot) of credential `index` with those block sizes: the first few
// blocks double, the rest are all last_block long.
std::pair<std::size_t, std::size_t> block_slot(std::uint32_t index) {
    constexpr std::uint32_t growing = last_block - first_block;  // credentials in the growing blocks
    if (index < growing) {
        const std::uint32_t shifted = index + first_block;
        const auto log2 = static_cast<std::uint32_t>(std::bit_width(shifted)) - 1;
        return {log2 - first_block_log2, shifted - (1u << log2)};
    }
    const std::uint32_t rest = index - growing;
    return {(last_block_log2 - first_block_log2) + rest / last_block, rest % last_block};
}

const Credential& CatalogBuilder::kept_at(std::uint32_t index) const {
    const auto [block, slot] = block_slot(index);
    return blocks[block][slot];
}

void CatalogBuilder::keep(Credential&& c) {
    Catalog& catalog = result.catalog;
    // Duplicate ids: both places are named; the first definition stays.
    auto [it, inserted] = catalog.by_id.try_emplace(c.id, kept);
    if (!inserted) {
        const Credential& first = kept_at(it->second);
        reporter.error(c.id_loc, "duplicate-id",
                       fmt::format("duplicate id '{}' (first defined at {}:{}:{})", c.id,
                                   catalog.files[first.id_loc.file], first.id_loc.line, first.id_loc.column));
        reporter.error(first.id_loc, "duplicate-id",
                       fmt::format("id '{}' is defined again at {}:{}:{}", c.id, catalog.files[c.id_loc.file],
                                   c.id_loc.line, c.id_loc.column));
        return;
    }
    // As Catalog::build_index() does.
    for (const std::string& tag : c.tags) {
        auto& list = catalog.by_tag[tag];
        if (list.empty() || list.back() != kept) list.push_back(kept);
    }
    for (const std::string& skill : c.skills) {
        auto& list = catalog.by_skill[skill];
        if (list.empty() || list.back() != kept) list.push_back(kept);
    }
    if (!c.title.empty()) {
        const std::hash<std::string_view> hash;
        const std::uint64_t h = hash(c.provider);
        titles.push_back({h ^ (hash(c.title) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2)), kept});
    }
    const auto [block, slot] = block_slot(kept);
    if (block == blocks.size()) {
        blocks.emplace_back();
        blocks.back().reserve(block < last_block_log2 - first_block_log2 ? std::size_t{first_block} << block
                                                                          : std::size_t{last_block});
    }
    blocks[block].push_back(std::move(c));
    ++kept;
}

// Forgets the credentials kept from `index` on (a file that turned out
// unreadable), indexes included.
void CatalogBuilder::drop_from(std::uint32_t index) {
    Catalog& catalog = result.catalog;
    auto unindex = [](StringMap<std::vector<std::uint32_t>>& table, const std::string& name, std::uint32_t i) {
        auto found = table.find(name);
        if (found == table.end()) return;
        if (!found->second.empty() && found->second.back() == i) found->second.pop_back();
        if (found->second.empty()) table.erase(found);
    };
    while (kept > index) {
        --kept;
        const auto [block, slot] = block_slot(kept);
        const Credential& c = blocks[block][slot];
        catalog.by_id.erase(c.id);
        for (const std::string& tag : c.tags) unindex(catalog.by_tag, tag, kept);
        for (const std::string& skill : c.skills) unindex(catalog.by_skill, skill, kept);
        blocks[block].pop_back();
        if (blocks[block].empty()) blocks.pop_back();
    }
    while (!titles.empty() && titles.back().index >= index) titles.pop_back();
}

// The one operator of a rule mapping (all, any, at_least, credits, skills),
// or nullopt once the fault is named. One given twice is one operator, and
// check_keys names the duplicate key.
std::optional<std::string_view> rule_operator(Reporter& reporter, std::uint32_t file, const Node& node,
                                              SourceLoc loc) {
    std::vector<std::string_view> operators;
    for (std::size_t i = 0; i < node.map_size(); ++i)
        if (node.key(i).is_scalar() &&
            std::find(rule_operators.begin(), rule_operators.end(), node.key(i).text) != rule_operators.end() &&
            std::find(operators.begin(), operators.end(), node.key(i).text) == operators.end())
            operators.push_back(node.key(i).text);
    if (operators.size() > 1) {
        reporter.error(loc, "rule-operators",
                       fmt::format("a rule has one operator; this one has {} ({})", operators.size(),
                                   fmt::join(operators, ", ")));
        return std::nullopt;
    }
    if (operators.empty()) {
        std::vector<std::string_view> all_keys = rule_operators;
        all_keys.insert(all_keys.end(), {"of", "from", "tagged"});
        check_keys(reporter, file, node, all_keys);
        reporter.error(loc, "rule-operators", "a rule mapping needs one of all, any, at_least, credits, skills");
        return std::nullopt;
    }
    return operators.front();
}

// The names of a credits or skills rule (credential ids when `ids`) into
// rule.names; false when any is wrong.
bool read_rule_names(Reporter& reporter, std::uint32_t file, const Node& list, bool ids, Rule& rule) {
    if (!list.is_sequence()) {
        reporter.error(reporter.loc(file, list), "type", fmt::format("expected a list, found {}", yaml::type_name(list)));
        return false;
    }
    bool ok = true;
    rule.names.reserve(list.children.size());
    rule.name_locs.reserve(list.children.size());
    for (const Node& item : list.children) {
        auto text = reporter.string(file, item);
        if (!text) {
            ok = false;
            continue;
        }
        if (ids && !valid_id(*text)) {
            reporter.error(reporter.loc(file, item), "bad-id",
                           fmt::format("'{}' is not a valid credential id", printable(*text)));
            ok = false;
            continue;
        }
        rule.names.push_back(std::move(*text));
        rule.name_locs.push_back(reporter.loc(file, item));
    }
    return ok;
}

// The sub-rules of an all, any or at_least rule into rule.children; false
// when any is wrong.
bool CatalogBuilder::read_rule_children(const Node& list, std::uint32_t file, std::uint32_t depth, Rule& rule) {
    if (!list.is_sequence()) {
        reporter.error(reporter.loc(file, list), "type",
                       fmt::format("expected a list of rules, found {}", yaml::type_name(list)));
        return false;
    }
    bool ok = true;
    rule.children.reserve(list.children.size());
    for (const Node& child : list.children) {
        if (auto sub = read_rule(child, file, depth + 1))
            rule.children.push_back(std::move(*sub));
        else
            ok = false;
    }
    return ok;
}

// `credits: N` with `from` (ids) or `tagged` (tags), and (`capped`) an
// optional `cap` list of such rules; false on any fault.
bool CatalogBuilder::read_credits_rule(const Node& node, std::uint32_t file, Rule& rule, bool capped) {
    bool ok = capped ? check_keys(reporter, file, node, {"credits", "from", "tagged", "cap"})
                     : check_keys(reporter, file, node, {"credits", "from", "tagged"});
    const Node* credits = find_key(node, "credits");
    if (!credits) {
        reporter.error(rule.loc, "missing-key", "a cap needs `credits`, such as {credits: 6, from: [...]}");
        ok = false;
    } else if (auto amount = reporter.number(file, *credits, limits.max_number, "credits")) {
        rule.credits = *amount;
    } else {
        ok = false;
    }
    if (const Node* caps = find_key(node, "cap"); caps && capped) {
        if (!caps->is_sequence()) {
            reporter.error(reporter.loc(file, *caps), "type",
                           fmt::format("cap is a list such as [{{credits: 6, tagged: [transfer]}}]; found {}",
                                       yaml::type_name(*caps)));
            ok = false;
        } else {
            for (const Node& item : caps->children) {
                Rule cap;
                cap.loc = reporter.loc(file, item);
                if (!item.is_map()) {
                    reporter.error(cap.loc, "type",
                                   fmt::format("a cap is a mapping such as {{credits: 6, from: [...]}}; found {}",
                                               yaml::type_name(item)));
                    ok = false;
                } else if (read_credits_rule(item, file, cap, false)) {
                    rule.caps.push_back(std::move(cap));
                } else {
                    ok = false;
                }
            }
        }
    }
    const Node* from = find_key(node, "from");
    const Node* tagged = find_key(node, "tagged");
    if (from && tagged) {
        reporter.error(rule.loc, "rule-operators",
                       fmt::format("a {} takes `from` or `tagged`, not both", capped ? "credits rule" : "cap"));
        return false;
    }
    if (from) {
        rule.kind = RuleKind::CreditsFrom;
        return read_rule_names(reporter, file, *from, true, rule) && ok;
    }
    if (tagged) {
        rule.kind = RuleKind::CreditsTagged;
        return read_rule_names(reporter, file, *tagged, false, rule) && ok;
    }
    reporter.error(rule.loc, "missing-key",
                   fmt::format("a {} needs `from` (ids) or `tagged` (tags)", capped ? "credits rule" : "cap"));
    return false;
}

std::optional<Rule> CatalogBuilder::read_rule(const Node& node, std::uint32_t file, std::uint32_t depth) {
    Rule rule;
    rule.loc = reporter.loc(file, node);
    if (depth > limits.max_depth) {
        reporter.error(rule.loc, "limit", fmt::format("rule nesting is deeper than {} levels", limits.max_depth));
        return std::nullopt;
    }
    if (node.is_scalar()) {
        rule.kind = RuleKind::Ref;
        rule.ref = node.text;
        if (!valid_id(rule.ref)) {
            reporter.error(rule.loc, "bad-id", fmt::format("'{}' is not a valid credential id", printable(node.text)));
            return std::nullopt;
        }
        return rule;
    }
    if (!node.is_map()) {
        reporter.error(rule.loc, "type",
                       fmt::format("a rule is a credential id or a mapping with one of all, any, at_least, "
                                   "credits, skills; found {}",
                                   yaml::type_name(node)));
        return std::nullopt;
    }
    const std::optional<std::string_view> op = rule_operator(reporter, file, node, rule.loc);
    if (!op) return std::nullopt;
    bool ok = true;
    if (*op == "all" || *op == "any") {
        if (!check_keys(reporter, file, node, {*op})) ok = false;
        rule.kind = *op == "all" ? RuleKind::All : RuleKind::Any;
        if (!read_rule_children(*find_key(node, *op), file, depth, rule)) ok = false;
    } else if (*op == "at_least") {
        if (!check_keys(reporter, file, node, {"at_least", "of"})) ok = false;
        rule.kind = RuleKind::AtLeast;
        if (auto n = reporter.count(file, *find_key(node, "at_least"), "at_least")) rule.at_least = *n; else ok = false;
        if (const Node* of = find_key(node, "of")) {
            if (!read_rule_children(*of, file, depth, rule)) ok = false;
        } else {
            reporter.error(rule.loc, "missing-key", "an at_least rule needs an `of` list");
            ok = false;
        }
    } else if (*op == "credits") {
        ok = read_credits_rule(node, file, rule, true);
    } else {  // skills
        if (!check_keys(reporter, file, node, {"skills"})) ok = false;
        rule.kind = RuleKind::Skills;
        if (!read_rule_names(reporter, file, *find_key(node, "skills"), false, rule)) ok = false;
    }
    if (!ok) return std::nullopt;
    return rule;
}

// Reads the optional fields of one credential mapping into their places,
// naming each fault; `ok` turns false at the first.
struct FieldReader {
    Reporter& reporter;
    std::uint32_t file;
    const Node& node;
    double max_number;
    bool ok = true;

    void text(std::string_view key, std::string& out) {
        if (const Node* value = find_key(node, key)) {
            if (auto text = reporter.string(file, *value, key)) out = std::move(*text); else ok = false;
        }
    }
    void number(std::string_view key, double& out) {
        if (const Node* value = find_key(node, key)) {
            if (auto number = reporter.number(file, *value, max_number, key)) out = *number; else ok = false;
        }
    }
    void list(std::string_view key, std::vector<std::string>& out) {
        if (const Node* value = find_key(node, key)) {
            if (auto list = reporter.string_list(file, *value, key)) out = std::move(*list); else ok = false;
        }
    }
    void choice(std::string_view key, const std::vector<std::string_view>& names, std::string& out) {
        if (const Node* value = find_key(node, key)) {
            if (auto text = reporter.choice(file, *value, key, names)) out = *text; else ok = false;
        }
    }
    // A text that `valid` accepts: "country 'x' is not <what>".
    void checked_text(std::string_view key, bool (*valid)(std::string_view), std::string_view what, std::string& out) {
        const Node* value = find_key(node, key);
        if (!value) return;
        auto text = reporter.string(file, *value, key);
        if (text && !valid(*text)) {
            reporter.error(reporter.loc(file, *value), "bad-value",
                           fmt::format("{} '{}' is not {}", key, printable(*text), what));
            ok = false;
        } else if (text) {
            out = std::move(*text);
        } else {
            ok = false;
        }
    }
    void level(std::optional<int>& out) {
        const Node* level = find_key(node, "level");
        if (!level) return;
        auto n = reporter.count(file, *level, "level");
        if (n && (*n < 1 || *n > 8)) {
            reporter.error(reporter.loc(file, *level), "level-range",
                           fmt::format("level {} is outside 1..8 (EQF levels)", *n));
            ok = false;
        } else if (n) {
            out = static_cast<int>(*n);
        } else {
            ok = false;
        }
    }
    // `renewal: {cost, hours, weeks}`, each optional (0 when left out).
    void renewal(std::optional<Renewal>& out) {
        const Node* value = find_key(node, "renewal");
        if (!value) return;
        if (!value->is_map()) {
            reporter.error(reporter.loc(file, *value), "type",
                           fmt::format("renewal is a mapping such as {{cost: 60, hours: 4, weeks: 1}}; found {}",
                                       yaml::type_name(*value)));
            ok = false;
            return;
        }
        if (!check_keys(reporter, file, *value, renewal_keys)) ok = false;
        FieldReader inner{reporter, file, *value, max_number};
        Renewal renewal;
        inner.number("cost", renewal.cost);
        inner.number("hours", renewal.hours);
        inner.number("weeks", renewal.weeks);
        if (!inner.ok) ok = false;
        else out = renewal;
    }
    std::optional<Date> date(const Node& value, std::string_view what) {
        auto text = reporter.string(file, value);
        if (!text) return std::nullopt;
        auto day = parse_date(*text);
        if (!day)
            reporter.error(reporter.loc(file, value), "bad-date",
                           fmt::format("{} '{}' {}", what, printable(*text), date_problem(*text)));
        return day;
    }
    // `starts: [DATE, ...]` (sorted, no repeats) or `starts: {every: 4w,
    // from: DATE, until: DATE}` (units d, w or m; until optional, not before from).
    void starts(std::optional<Intakes>& out) {
        const Node* value = find_key(node, "starts");
        if (!value) return;
        Intakes intakes;
        const std::size_t errors_before = reporter.diagnostics.size();  // starts reports errors only
        if (value->is_sequence()) {
            if (value->children.empty())
                reporter.error(reporter.loc(file, *value), "empty-starts",
                               "starts lists no date: leave it out for a credential that starts any day");
            for (const Node& item : value->children) {
                auto day = date(item, "start date");
                if (!day) continue;
                if (!intakes.dates.empty() && !(intakes.dates.back() < *day))
                    reporter.error(reporter.loc(file, item), *day == intakes.dates.back() ? "duplicate-date" : "unsorted-dates",
                                   *day == intakes.dates.back()
                                       ? fmt::format("start date {} is given twice", to_string(*day))
                                       : fmt::format("start date {} comes after {}: list the dates in order",
                                                     to_string(*day), to_string(intakes.dates.back())));
                else
                    intakes.dates.push_back(*day);
            }
        } else if (value->is_map()) {
            check_keys(reporter, file, *value, recurrence_keys);
            const Node* every = find_key(*value, "every");
            const Node* from = find_key(*value, "from");
            if (!every || !from)
                reporter.error(reporter.loc(file, *value), "missing-key",
                               fmt::format("a recurring start needs {}",
                                           every ? "`from`" : from ? "`every`" : "`every` and `from`"));
            if (every) {
                auto text = reporter.string(file, *every, "every");
                auto duration = text ? parse_duration(*text) : std::nullopt;
                if (text && (!duration || duration->unit == 'y'))
                    reporter.error(reporter.loc(file, *every), "bad-duration",
                                   fmt::format("every '{}' is not a period: write <N>d, <N>w or <N>m, N from 1 "
                                               "(e.g. 4w)",
                                               printable(*text)));
                else if (duration)
                    intakes.every = duration;
            }
            if (from)
                if (auto day = date(*from, "from")) intakes.from = *day;
            if (const Node* until = find_key(*value, "until")) {
                intakes.until = date(*until, "until");
                if (intakes.until && from && *intakes.until < intakes.from)
                    reporter.error(reporter.loc(file, *until), "bad-date",
                                   fmt::format("until {} is before from {}", to_string(*intakes.until),
                                               to_string(intakes.from)));
            }
        } else {
            reporter.error(reporter.loc(file, *value), "type",
                           fmt::format("starts is a list of dates or a mapping such as {{every: 4w, from: "
                                       "2027-01-04}}; found {}",
                                       yaml::type_name(*value)));
        }
        if (reporter.diagnostics.size() != errors_before) {
            ok = false;
            return;
        }
        out = std::move(intakes);
    }
    // A list of credential ids with the place of each; whether they name
    // credentials of the catalog is checked once all are read.
    void id_list(std::string_view key, std::string_view example, std::vector<std::string>& out,
                 std::vector<SourceLoc>& locs) {
        const Node* value = find_key(node, key);
        if (!value) return;
        if (!value->is_sequence()) {
            reporter.error(reporter.loc(file, *value), "type",
                           fmt::format("{} is a list of credential ids, such as [{}]; found {}", key, example,
                                       yaml::type_name(*value)));
            ok = false;
            return;
        }
        for (const Node& item : value->children) {
            auto text = reporter.string(file, item);
            if (!text) {
                ok = false;
                continue;
            }
            if (!valid_id(*text)) {
                reporter.error(reporter.loc(file, item), "bad-id",
                               fmt::format("'{}' is not a valid credential id", printable(*text)));
                ok = false;
            } else if (std::find(out.begin(), out.end(), *text) != out.end()) {
                reporter.warning(reporter.loc(file, item), "duplicate-entry",
                                 fmt::format("'{}' is listed twice", printable(*text)));
            } else {
                out.push_back(std::move(*text));
                locs.push_back(reporter.loc(file, item));
            }
        }
    }
    // `overlap: [{with: ID, at_most: N}]`; one entry per other credential.
    void overlap(std::vector<OverlapLimit>& out) {
        const Node* value = find_key(node, "overlap");
        if (!value) return;
        if (!value->is_sequence()) {
            reporter.error(reporter.loc(file, *value), "type",
                           fmt::format("overlap is a list such as [{{with: dai-diploma, at_most: 2}}]; found {}",
                                       yaml::type_name(*value)));
            ok = false;
            return;
        }
        for (const Node& item : value->children) {
            const SourceLoc where = reporter.loc(file, item);
            if (!item.is_map()) {
                reporter.error(where, "type",
                               fmt::format("an overlap limit is a mapping such as {{with: dai-diploma, at_most: 2}}; "
                                           "found {}",
                                           yaml::type_name(item)));
                ok = false;
                continue;
            }
            if (!check_keys(reporter, file, item, {"with", "at_most"})) ok = false;
            const Node* with = find_key(item, "with");
            const Node* at_most = find_key(item, "at_most");
            if (!with || !at_most) {
                reporter.error(where, "missing-key",
                               fmt::format("an overlap limit needs `{}`, such as {{with: dai-diploma, at_most: 2}}",
                                           with ? "at_most" : "with"));
                ok = false;
                continue;
            }
            OverlapLimit limit;
            limit.loc = reporter.loc(file, *with);
            auto id = reporter.string(file, *with, "with");
            auto count = reporter.count(file, *at_most, "at_most");
            if (!id || !count) {
                ok = false;
                continue;
            }
            if (!valid_id(*id)) {
                reporter.error(limit.loc, "bad-id", fmt::format("'{}' is not a valid credential id", printable(*id)));
                ok = false;
                continue;
            }
            if (std::any_of(out.begin(), out.end(), [&](const OverlapLimit& l) { return l.with == *id; })) {
                reporter.error(limit.loc, "duplicate-entry",
                               fmt::format("'{}' has two overlap limits: give one", printable(*id)));
                ok = false;
                continue;
            }
            limit.with = std::move(*id);
            limit.at_most = *count;
            out.push_back(std::move(limit));
        }
    }
    void valid_for(std::optional<Duration>& out) {
        const Node* value = find_key(node, "valid_for");
        if (!value) return;
        auto text = reporter.string(file, *value, "valid_for");
        auto duration = text ? parse_duration(*text) : std::nullopt;
        if (text && !duration) {
            reporter.error(reporter.loc(file, *value), "bad-duration",
                           fmt::format("valid_for '{}' is not a duration: write <N>d, <N>w, <N>m or <N>y, "
                                       "N from 1 to 100000 (e.g. 3y)",
                                       printable(*text)));
            ok = false;
        } else if (duration) {
            out = duration;
        } else {
            ok = false;
        }
    }
};

// The id, title and kind of a credential; false when any is missing or wrong.
bool read_identity(Reporter& reporter, std::uint32_t file, const Node& node, Credential& c) {
    bool ok = true;
    const Node* id = find_key(node, "id");
    if (!id) {
        reporter.error(c.loc, "missing-key", "a credential needs an `id`");
        ok = false;
    } else if (auto text = reporter.string(file, *id, "id")) {
        c.id = std::move(*text);
        c.id_loc = reporter.loc(file, *id);
        if (!valid_id(c.id)) {
            reporter.error(c.id_loc, "bad-id",
                           fmt::format("'{}' is not a valid id: use letters, digits and . _ : - (starting with a "
                                       "letter or digit), at most 128 characters",
                                       printable(c.id)));
            ok = false;
        }
    } else {
        ok = false;
    }
    if (const Node* title = find_key(node, "title")) {
        if (auto text = reporter.string(file, *title, "title")) c.title = std::move(*text); else ok = false;
    } else {
        reporter.error(c.loc, "missing-key",
                       fmt::format("credential '{}' needs a `title`", c.id.empty() ? "?" : printable(c.id)));
        ok = false;
    }
    if (const Node* kind = find_key(node, "kind")) {
        if (auto text = reporter.choice(file, *kind, "kind", kind_names)) c.kind = *kind_from_string(*text);
        else ok = false;
    }
    return ok;
}

void CatalogBuilder::read_credential(Node&& node, std::uint32_t file) {
    const SourceLoc where = reporter.loc(file, node);
    if (!node.is_map()) {
        reporter.error(where, "type", fmt::format("a credential is a mapping; found {}", yaml::type_name(node)));
        return;
    }
    check_keys(reporter, file, node, credential_keys);
    Credential c;
    c.loc = where;
    bool ok = read_identity(reporter, file, node, c);
    FieldReader fields{reporter, file, node, limits.max_number};
    fields.text("provider", c.provider);
    fields.number("cost", c.cost);
    fields.number("hours", c.hours);
    fields.number("weeks", c.weeks);
    fields.number("credits", c.credits);
    c.stated = {find_key(node, "cost") != nullptr, find_key(node, "hours") != nullptr,
                find_key(node, "weeks") != nullptr, find_key(node, "credits") != nullptr};
    fields.level(c.level);
    fields.list("tags", c.tags);
    fields.list("skills", c.skills);
    fields.choice("modality", modality_names, c.modality);
    fields.choice("assessment", assessment_names, c.assessment);
    fields.checked_text("country", valid_country, "an ISO 3166-1 alpha-2 code such as CA or DE", c.country);
    fields.checked_text("language", valid_language, "a BCP 47 tag such as en or fr-CA", c.language);
    fields.list("outcomes", c.outcomes);
    fields.text("quality_assurance", c.quality_assurance);
    fields.valid_for(c.valid_for);
    fields.renewal(c.renewal);
    fields.starts(c.starts);
    if (c.renewal && !c.valid_for)
        reporter.warning(reporter.loc(file, *find_key(node, "renewal")), "renewal-never-expires",
                         fmt::format("'{}' gives a renewal but no valid_for: it never expires, so the renewal is "
                                     "never planned",
                                     printable(c.id)));
    fields.text("url", c.url);
    fields.list("same_as", c.same_as);
    fields.text("description", c.description);
    fields.id_list("excludes", "dai-py-selfpaced", c.excludes, c.exclude_locs);
    fields.overlap(c.overlap);
    fields.list("also_required", c.also_required);
    if (const Node* value = find_key(node, "external")) {
        if (auto text = reporter.choice(file, *value, "external", {"true", "false"})) c.external = *text == "true";
        else ok = false;
    }
    ok = fields.ok && ok;
    for (const auto& [key, into] : {std::pair{"requires", &c.rule}, std::pair{"corequires", &c.corequisite}}) {
        const Node* value = find_key(node, key);
        if (!value) continue;
        if (auto rule = read_rule(*value, file, 1)) {
            if (const std::uint64_t parts = rule_size(*rule); parts > limits.max_rule_size) {
                reporter.error(rule->loc, "limit",
                               fmt::format("this rule has {} parts (operators and names), more than the limit of {} "
                                           "(--max-rule-size raises it)",
                                           parts, limits.max_rule_size));
                ok = false;
            } else {
                *into = std::move(*rule);
            }
        } else {
            ok = false;
        }
    }
    // A credential with faults is still kept when its id is usable, so that
    // references to it do not also turn into "unknown credential" errors.
    if (!ok && c.id.empty()) return;
    if (!valid_id(c.id)) return;
    if (kept >= limits.max_credentials) {
        reporter.error(c.loc, "limit",
                       fmt::format("more than {} credentials, the limit (--max-credentials raises it); the rest is "
                                   "not read",
                                   limits.max_credentials));
        throw LimitReached{};
    }
    keep(std::move(c));
}

// Moves a rule's places to the catalog's file numbering.
void shift_files(Rule& rule, std::uint32_t offset) {
    rule.loc.file += offset;
    for (SourceLoc& loc : rule.name_locs) loc.file += offset;
    for (Rule& child : rule.children) shift_files(child, offset);
    for (Rule& cap : rule.caps) shift_files(cap, offset);
}

// The credentials of CTDL files, read together (their references cross
// files), then kept and checked as a YAML file's are.
void CatalogBuilder::add_imported(CtdlImport&& imported) {
    const auto offset = static_cast<std::uint32_t>(result.catalog.files.size());
    // One currency and one unit for the whole import (the mapper settles
    // them), so each of its files is in those terms; none is `parsed`, so a
    // file without prices is in no currency at all.
    for (std::size_t i = 0; i < imported.files.size(); ++i) {
        result.catalog.files.push_back(imported.files[i]);
        FileMeta& m = meta.emplace_back();
        const SourceLoc start{offset + static_cast<std::uint32_t>(i), 1, 1};
        m.currency = imported.currency;
        m.currency_loc = start;
        m.credit_unit = imported.credit_unit;
        m.credit_unit_loc = start;
    }
    result.diagnostics.insert(result.diagnostics.end(), std::make_move_iterator(imported.diagnostics.begin()),
                              std::make_move_iterator(imported.diagnostics.end()));
    // Numbers as the YAML reader takes them: finite, not negative, within the limit.
    auto in_range = [&](double& value, const SourceLoc& at, std::string_view what, const std::string& id) {
        if (std::isfinite(value) && value >= 0 && value <= limits.max_number) return;
        reporter.error(at, "range",
                       fmt::format("the {} of '{}' ({}) is not a number from 0 to {}", what, printable(id), value,
                                   limits.max_number));
        value = 0;
    };
    const auto rule_amounts = [&](Rule& rule, const std::string& id, const auto& self) -> void {
        if (rule.kind == RuleKind::CreditsFrom || rule.kind == RuleKind::CreditsTagged)
            in_range(rule.credits, rule.loc, "credits a rule asks", id);
        for (Rule& child : rule.children) self(child, id, self);
        for (Rule& cap : rule.caps) self(cap, id, self);
    };
    for (Credential& c : imported.credentials) {
        c.loc.file += offset;
        c.id_loc.file += offset;
        for (auto* rule : {&c.rule, &c.corequisite})
            if (*rule) shift_files(**rule, offset);
        for (auto [value, what] : {std::pair{&c.cost, "cost"}, std::pair{&c.hours, "hours"}, std::pair{&c.weeks, "weeks"},
                                   std::pair{&c.credits, "credits"}})
            in_range(*value, c.loc, what, c.id);
        for (auto* rule : {&c.rule, &c.corequisite})
            if (*rule) rule_amounts(**rule, c.id, rule_amounts);
        if (kept >= limits.max_credentials) {
            reporter.error(c.loc, "limit",
                           fmt::format("more than {} credentials, the limit (--max-credentials raises it); the rest "
                                       "is not read",
                                       limits.max_credentials));
            limit_reached = true;
            return;
        }
        keep(std::move(c));
    }
}

// The `catalog:` block of a file: name, currency, credit unit.
void CatalogBuilder::read_catalog_block(const Node& info, std::uint32_t file) {
    if (!info.is_map()) {
        reporter.error(reporter.loc(file, info), "type",
                       fmt::format("`catalog` is a mapping; found {}", yaml::type_name(info)));
        return;
    }
    check_keys(reporter, file, info, catalog_keys);
    if (const Node* value = find_key(info, "name"))
        if (auto text = reporter.string(file, *value, "name"); text && result.catalog.name.empty()) result.catalog.name = *text;
    if (const Node* value = find_key(info, "currency")) {
        auto text = reporter.string(file, *value, "currency");
        if (text && !valid_currency(*text))
            reporter.error(reporter.loc(file, *value), "bad-value",
                           fmt::format("currency '{}' is not an ISO 4217 code such as USD or EUR", printable(*text)));
        else if (text) {
            meta.back().currency = *text;
            meta.back().currency_loc = reporter.loc(file, *value);
        }
    }
    if (const Node* value = find_key(info, "credit_unit")) {
        if (auto text = reporter.string(file, *value, "credit_unit")) {
            meta.back().credit_unit = *text;
            meta.back().credit_unit_loc = reporter.loc(file, *value);
        }
    }
}

void CatalogBuilder::read_file(yaml::Input& input, const std::string& name) {
    const auto file = static_cast<std::uint32_t>(result.catalog.files.size());
    result.catalog.files.push_back(name);
    meta.emplace_back();
    // Credentials are read, checked and kept while the file is parsed; what
    // the file added is taken back when it proves unreadable after all.
    const std::size_t diagnostics_before = result.diagnostics.size();
    const std::uint32_t kept_before = kept;
    auto take_back = [&] {
        result.diagnostics.erase(result.diagnostics.begin() + static_cast<std::ptrdiff_t>(diagnostics_before),
                                 result.diagnostics.end());
        drop_from(kept_before);
    };
    yaml::ReadOptions options;
    options.limits = {limits.max_depth, limits.max_alias_nodes, limits.max_scalar_bytes};
    options.stream_key = "credentials";
    options.on_item = [&](Node&& item) {
        read_credential(std::move(item), file);
    };
    yaml::ReadResult read;
    try {
        read = yaml::read(input, options);
    } catch (const LimitReached&) {
        // What was read stays, with the fault that says why the rest was not.
        limit_reached = true;
        return;
    } catch (...) {
        // Not read to its end: as if the file had not been given.
        take_back();
        result.catalog.files.pop_back();
        meta.pop_back();
        throw;
    }
    if (read.items_void) take_back();  // an encoding fault is the file's only fault
    for (const yaml::ReadError& error : read.errors)
        reporter.error(SourceLoc{file, std::max(error.line, 1u), std::max(error.column, 1u)}, error.code,
                       error.message);
    if (!read.errors.empty()) return;  // the tree is incomplete: no more checks
    meta.back().parsed = true;
    const SourceLoc start{file, 1, 1};
    if (!read.has_document || read.root.type == Node::Type::Null) {
        reporter.error(start, "format", "empty catalog file: it needs `format: credpath/1`");
        return;
    }
    const Node& root = read.root;
    if (!root.is_map()) {
        reporter.error(reporter.loc(file, root), "type",
                       fmt::format("a catalog file is a mapping with format, catalog and credentials; found {}",
                                   yaml::type_name(root)));
        return;
    }
    check_keys(reporter, file, root, top_keys);
    if (const Node* format = find_key(root, "format")) {
        if (!format->is_scalar() || format->text != catalog_format)
            reporter.error(reporter.loc(file, *format), "format",
                           fmt::format("format is '{}'; this tool reads `format: {}`",
                                       format->is_scalar() ? printable(format->text) : std::string(yaml::type_name(*format)),
                                       catalog_format));
    } else {
        reporter.error(start, "format", "missing `format: credpath/1` (required in every catalog file)");
    }
    if (const Node* info = find_key(root, "catalog")) read_catalog_block(*info, file);
    if (const Node* list = find_key(root, "credentials")) {
        // Streamed items leave an empty list behind; anything else is a type fault.
        if (!list->is_sequence() && list->type != Node::Type::Null)
            reporter.error(reporter.loc(file, *list), "type",
                           fmt::format("`credentials` is a list; found {}", yaml::type_name(*list)));
    }
}

// Checks across files: currency, ids, references, and what each rule can
// possibly reach.
void CatalogBuilder::finish() {
    settle_terms();
    gather_credentials();
    convert_credentials();
    if (limit_reached) {
        sort_diagnostics(result.diagnostics);
        return;
    }
    warn_duplicate_titles();
    check_rules();
    result.catalog.resolve_refs();
    sort_diagnostics(result.diagnostics);
}

// Settles the catalog's currency and credit unit (--currency and
// --credit-unit, else the first file's that names one) and what each file
// needs converted. A file that names no currency is in USD, the default; one
// that names no credit unit counts in the catalog's. Terms that differ with
// no conversion for them (--rates) are one error per file, naming the file
// that set the catalog's terms and the flag that fixes it.
void CatalogBuilder::settle_terms() {
    Catalog& catalog = result.catalog;
    const FileMeta* first_currency = nullptr;
    const FileMeta* first_unit = nullptr;
    for (const FileMeta& m : meta) {
        if (!first_currency && !m.currency.empty()) first_currency = &m;
        if (!first_unit && !m.credit_unit.empty()) first_unit = &m;
    }
    catalog.currency = !conversion.currency.empty() ? conversion.currency
                       : first_currency             ? first_currency->currency
                                                    : "USD";
    catalog.credit_unit = !conversion.credit_unit.empty() ? conversion.credit_unit
                          : first_unit                    ? first_unit->credit_unit
                                                          : "credits";
    // --credit-unit as the files or the rates spell it ("ects" is ECTS).
    if (!conversion.credit_unit.empty()) {
        std::vector<std::string_view> spellings;
        for (const FileMeta& m : meta) spellings.push_back(m.credit_unit);
        if (conversion.rates)
            for (const UnitFactor& factor : conversion.rates->units) {
                spellings.push_back(factor.from);
                spellings.push_back(factor.to);
            }
        for (std::string_view spelling : spellings)
            if (!spelling.empty() && same_unit(spelling, conversion.credit_unit)) {
                catalog.credit_unit = std::string(spelling);
                break;
            }
    }
    auto place = [&](const SourceLoc& loc) {
        return fmt::format("{}:{}:{}", catalog.files[loc.file], loc.line, loc.column);
    };
    // Where the catalog's terms come from, for the messages.
    const std::string currency_origin =
        !conversion.currency.empty() ? fmt::format("--currency {}", catalog.currency)
        : first_currency             ? fmt::format("{} set at {}", catalog.currency, place(first_currency->currency_loc))
                                     : "USD, the default";
    const std::string unit_origin =
        !conversion.credit_unit.empty()
            ? fmt::format("--credit-unit '{}'", printable(catalog.credit_unit))
        : first_unit ? fmt::format("'{}' set at {}", printable(catalog.credit_unit), place(first_unit->credit_unit_loc))
                     : "'credits', the default";
    const std::string rates_file = conversion.rates ? conversion.rates->file : "";
    std::vector<FileTerms> terms(meta.size());
    bool converted = false;
    for (std::uint32_t file = 0; file < meta.size(); ++file) {
        const FileMeta& m = meta[file];
        const std::string currency = !m.currency.empty() ? m.currency : m.parsed ? "USD" : "";
        if (!currency.empty() && currency != catalog.currency) {
            if (converter && converter->has_currency(currency) && converter->has_currency(catalog.currency)) {
                terms[file].currency = currency;
                converted = true;
            } else {
                const std::string here = m.currency.empty()
                                             ? "this file names no currency, so its prices are in USD, which differs"
                                             : fmt::format("currency {} differs", currency);
                std::string fix =
                    converter ? fmt::format("{} has no rate for {}", rates_file,
                                            converter->has_currency(currency) ? catalog.currency : currency)
                              : fmt::format("give --rates FILE with rates for {} and {} to convert between them",
                                            currency, catalog.currency);
                if (m.currency.empty())
                    fix = fmt::format("add `currency: {}` to its catalog block, or {}", catalog.currency, fix);
                reporter.error(m.currency.empty() ? SourceLoc{file, 1, 1} : m.currency_loc, "currency",
                               fmt::format("{} from {}; {}", here, currency_origin, fix));
            }
        }
        if (!m.credit_unit.empty() && !same_unit(m.credit_unit, catalog.credit_unit)) {
            if (converter && converter->links_units(m.credit_unit, catalog.credit_unit)) {
                terms[file].credit_unit = m.credit_unit;
                converted = true;
            } else {
                const std::string fix =
                    converter ? fmt::format("{} has no chain of credit_units factors between them", rates_file)
                              : "give --rates FILE with a credit_units factor between them to convert";
                reporter.error(m.credit_unit_loc, "credit-unit",
                               fmt::format("credit unit '{}' differs from {}; {}", printable(m.credit_unit),
                                           unit_origin, fix));
            }
        }
    }
    if (converted) catalog.conversion = CatalogConversion{rates_file, conversion.rates->date, std::move(terms)};
}

// Prices, credits and the credits rules ask of files in other terms, in the
// catalog's: converted once, exactly, and rounded (see converter.hpp).
void CatalogBuilder::convert_credentials() {
    Catalog& catalog = result.catalog;
    if (!catalog.conversion) return;
    const auto amounts = [&](Rule& rule, const std::string& unit, const auto& self) -> void {
        if (rule.kind == RuleKind::CreditsFrom || rule.kind == RuleKind::CreditsTagged)
            rule.credits = converter->credits(rule.credits, unit, catalog.credit_unit);
        for (Rule& child : rule.children) self(child, unit, self);
        for (Rule& cap : rule.caps) self(cap, unit, self);
    };
    for (Credential& c : catalog.credentials) {
        const FileTerms& terms = catalog.conversion->files[c.loc.file];
        if (!terms.currency.empty()) {
            c.written_cost = c.cost;
            c.cost = converter->money(c.cost, terms.currency, catalog.currency);
            if (c.renewal) c.renewal->cost = converter->money(c.renewal->cost, terms.currency, catalog.currency);
        }
        if (!terms.credit_unit.empty()) {
            c.written_credits = c.credits;
            c.credits = converter->credits(c.credits, terms.credit_unit, catalog.credit_unit);
            for (auto* rule : {&c.rule, &c.corequisite})
                if (*rule) amounts(**rule, terms.credit_unit, amounts);
        }
    }
}

// The credentials into one vector of the right size, each block given back
// once emptied. Ids are unique and indexed already (keep()).
void CatalogBuilder::gather_credentials() {
    Catalog& catalog = result.catalog;
    catalog.credentials.reserve(catalog.credentials.size() + kept);
    for (std::vector<Credential>& block : blocks) {
        for (Credential& c : block) catalog.credentials.push_back(std::move(c));
        std::vector<Credential>().swap(block);
    }
    blocks.clear();
    kept = 0;
}

// Warns about two credentials of one provider with the same title, naming the
// first of them: credentials grouped by a hash of (provider, title).
void CatalogBuilder::warn_duplicate_titles() {
    const Catalog& catalog = result.catalog;
    {
        std::sort(titles.begin(), titles.end(), [](const TitleKey& a, const TitleKey& b) {
            return a.hash != b.hash ? a.hash < b.hash : a.index < b.index;
        });
        std::vector<std::pair<std::uint32_t, std::uint32_t>> repeats;  // (credential, the first like it)
        for (std::size_t begin = 0, end = 0; begin < titles.size(); begin = end) {
            end = begin + 1;
            while (end < titles.size() && titles[end].hash == titles[begin].hash) ++end;
            for (std::size_t k = begin + 1; k < end; ++k) {
                const Credential& c = catalog.credentials[titles[k].index];
                for (std::size_t j = begin; j < k; ++j) {
                    const Credential& other = catalog.credentials[titles[j].index];
                    if (other.provider == c.provider && other.title == c.title) {
                        repeats.emplace_back(titles[k].index, titles[j].index);
                        break;
                    }
                }
            }
        }
        std::vector<TitleKey>().swap(titles);
        std::sort(repeats.begin(), repeats.end());
        for (const auto& [i, first] : repeats) {
            const Credential& c = catalog.credentials[i];
            const Credential& other = catalog.credentials[first];
            reporter.warning(c.id_loc, "duplicate-title",
                             fmt::format("'{}' has the same provider and title as '{}' ({}:{}:{})", c.id, other.id,
                                         catalog.files[other.id_loc.file], other.id_loc.line, other.id_loc.column));
        }
    }
}

// A slice of the rule walk: its faults in order, and where the unknown ids
// among them are (their messages end with a suggestion, added afterwards in
// order, as their number is capped).
struct RuleWalkSlice {
    std::vector<Diagnostic> diagnostics;
    std::vector<std::pair<std::size_t, std::string_view>> unknown_ids;  // (where in `diagnostics`, the id)
};

// " (did you mean 'x'?)" with the nearest key of `table`, or "".
std::string suggest_from(std::string_view name, const StringMap<std::vector<std::uint32_t>>& table) {
    std::vector<std::string_view> names;
    names.reserve(table.size());
    for (const auto& entry : table) names.push_back(entry.first);
    std::sort(names.begin(), names.end());
    std::string hint = nearest(name, names);
    return hint.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", hint);
}

// The faults of a credits rule's caps: unknown ids and tags, a credential in
// two caps, a capped credential the rule does not count. False when an id is
// unknown (the amount is then not checked). `sources`: the rule's, sorted.
bool check_caps(const Catalog& catalog, const Credential& credential, const Rule& rule, const CreditCaps& caps,
                const std::vector<std::uint32_t>& sources, Reporter& reporter, RuleWalkSlice& out) {
    bool known = true;
    std::vector<std::pair<std::uint32_t, std::size_t>> capped;  // (credential, cap)
    for (std::size_t k = 0; k < rule.caps.size(); ++k) {
        const Rule& cap = rule.caps[k];
        for (std::size_t i = 0; i < cap.names.size(); ++i) {
            const std::string& name = cap.names[i];
            if (cap.kind == RuleKind::CreditsFrom && !catalog.find(name)) {
                known = false;
                reporter.error(cap.name_locs[i], "unknown-id",
                               fmt::format("'{}' caps credits from unknown credential '{}'", credential.id, name));
                out.unknown_ids.emplace_back(out.diagnostics.size() - 1, name);
            } else if (cap.kind == RuleKind::CreditsTagged && !catalog.by_tag.count(name)) {
                reporter.warning(cap.name_locs[i], "unknown-tag",
                                 fmt::format("no credential is tagged '{}'{}", printable(name),
                                             suggest_from(name, catalog.by_tag)));
            }
        }
        std::vector<std::string> outside;
        for (std::uint32_t member : caps.members(k)) {
            if (!std::binary_search(sources.begin(), sources.end(), member))
                outside.push_back(catalog.credentials[member].id);
            for (const auto& [other, at] : capped)
                if (other == member) {
                    reporter.error(cap.loc, "cap-overlap",
                                   fmt::format("'{}' is in caps {} and {} of this rule: caps may not overlap",
                                               catalog.credentials[member].id, at + 1, k + 1));
                    break;
                }
            capped.emplace_back(member, k);
        }
        if (!outside.empty())
            reporter.warning(cap.loc, "cap-outside",
                             fmt::format("cap {} names {} that the rule does not count: it caps nothing there", k + 1,
                                         fmt::join(outside, ", ")));
    }
    return known;
}

// The faults of one credits rule: unknown sources, and an amount its sources
// cannot add up to. `sources` is scratch space.
void check_credits_rule(const Catalog& catalog, const Credential& credential, std::uint32_t owner, const Rule& rule,
                        Reporter& reporter, RuleWalkSlice& out, std::vector<std::uint32_t>& sources) {
    bool unknown = false;
    sources.clear();  // then sorted, without repeats
    for (std::size_t i = 0; i < rule.names.size(); ++i) {
        const std::string& name = rule.names[i];
        if (rule.kind == RuleKind::CreditsFrom) {
            if (auto index = catalog.find(name)) {
                sources.push_back(*index);
            } else {
                unknown = true;
                reporter.error(rule.name_locs[i], "unknown-id",
                               fmt::format("'{}' counts credits from unknown credential '{}'", credential.id, name));
                out.unknown_ids.emplace_back(out.diagnostics.size() - 1, name);
            }
        } else if (auto found = catalog.by_tag.find(name); found != catalog.by_tag.end()) {
            for (std::uint32_t index : found->second)
                if (index != owner) sources.push_back(index);
        } else {
            reporter.warning(rule.name_locs[i], "unknown-tag",
                             fmt::format("no credential is tagged '{}'{}", printable(name),
                                         suggest_from(name, catalog.by_tag)));
        }
    }
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    const CreditCaps caps(catalog, rule, owner);
    if (!caps.empty()) unknown = !check_caps(catalog, credential, rule, caps, sources, reporter, out) || unknown;
    std::vector<std::pair<std::uint32_t, double>> credited;
    for (std::uint32_t index : sources) credited.emplace_back(index, catalog.credentials[index].credits);
    const double reachable = caps.counted(credited);
    if (rule.credits == 0)
        reporter.warning(rule.loc, "credits-zero", "`credits: 0` is always met");
    else if (!unknown && reachable < rule.credits)
        reporter.error(rule.loc, "credits-unreachable",
                       fmt::format("'{}' needs {} {} from its sources, which add up to {} at most{}", credential.id,
                                   rule.credits, catalog.credit_unit, reachable,
                                   rule.caps.empty() ? "" : " under its caps"));
}

// The faults of one node of `credential`'s rule (not of its children).
void check_rule_node(const Catalog& catalog, const Credential& credential, std::uint32_t owner, const Rule& rule,
                     Reporter& reporter, RuleWalkSlice& out, std::vector<std::uint32_t>& sources,
                     std::string_view verb) {
    switch (rule.kind) {
    case RuleKind::Ref:
        if (!catalog.find(rule.ref)) {
            reporter.error(rule.loc, "unknown-id",
                           fmt::format("'{}' {} unknown credential '{}'", credential.id, verb, rule.ref));
            out.unknown_ids.emplace_back(out.diagnostics.size() - 1, rule.ref);
        }
        break;
    case RuleKind::All:
        if (rule.children.empty())
            reporter.warning(rule.loc, "empty-all", "`all: []` is always met; is something missing?");
        break;
    case RuleKind::Any:
        if (rule.children.empty())
            reporter.error(rule.loc, "empty-any", "`any: []` can never be met: list at least one rule");
        break;
    case RuleKind::AtLeast:
        if (rule.at_least > rule.children.size())
            reporter.error(rule.loc, "at-least-too-large",
                           fmt::format("at_least {} is larger than its `of` list of {}", rule.at_least,
                                       rule.children.size()));
        else if (rule.at_least == 0)
            reporter.warning(rule.loc, "at-least-zero", "`at_least: 0` is always met");
        break;
    case RuleKind::CreditsFrom:
    case RuleKind::CreditsTagged: check_credits_rule(catalog, credential, owner, rule, reporter, out, sources); break;
    case RuleKind::Skills:
        if (rule.names.empty()) reporter.warning(rule.loc, "empty-skills", "`skills: []` is always met");
        for (std::size_t i = 0; i < rule.names.size(); ++i) {
            const std::string& skill = rule.names[i];
            auto found = catalog.by_skill.find(skill);
            const bool taught = found != catalog.by_skill.end() &&
                                std::any_of(found->second.begin(), found->second.end(),
                                            [&](std::uint32_t index) { return index != owner; });
            if (!taught)
                reporter.error(rule.name_locs[i], "skill-untaught",
                               fmt::format("no other credential teaches skill '{}'{}", printable(skill),
                                           suggest_from(skill, catalog.by_skill)));
        }
        break;
    }
}

// The faults of a credential's `excludes` and `overlap`: unknown ids, and itself.
void check_excludes(const Catalog& catalog, const Credential& credential, Reporter& reporter, RuleWalkSlice& out) {
    for (std::size_t i = 0; i < credential.excludes.size(); ++i) {
        const std::string& id = credential.excludes[i];
        if (id == credential.id) {
            reporter.error(credential.exclude_locs[i], "self-exclusion",
                           fmt::format("'{}' excludes itself", credential.id));
        } else if (!catalog.find(id)) {
            reporter.error(credential.exclude_locs[i], "unknown-id",
                           fmt::format("'{}' excludes unknown credential '{}'", credential.id, id));
            out.unknown_ids.emplace_back(out.diagnostics.size() - 1, id);
        }
    }
    for (const OverlapLimit& limit : credential.overlap) {
        if (limit.with == credential.id) {
            reporter.error(limit.loc, "self-overlap",
                           fmt::format("'{}' limits its overlap with itself", credential.id));
        } else if (!catalog.find(limit.with)) {
            reporter.error(limit.loc, "unknown-id",
                           fmt::format("'{}' limits its overlap with unknown credential '{}'", credential.id,
                                       limit.with));
            out.unknown_ids.emplace_back(out.diagnostics.size() - 1, limit.with);
        }
    }
}

// The rules of credentials [begin, end), each node once.
void check_rule_slice(const Catalog& catalog, std::uint32_t begin, std::uint32_t end, RuleWalkSlice& out) {
    Reporter reporter{catalog.files, out.diagnostics};
    std::vector<const Rule*> stack;
    std::vector<std::uint32_t> sources;
    for (std::uint32_t owner = begin; owner < end; ++owner) {
        const Credential& credential = catalog.credentials[owner];
        check_excludes(catalog, credential, reporter, out);
        for (const auto& [rules, verb] : {std::pair{&credential.rule, "requires"},
                                          std::pair{&credential.corequisite, "co-requires"}}) {
            if (!*rules) continue;
            stack.assign(1, &**rules);
            while (!stack.empty()) {
                const Rule& rule = *stack.back();
                stack.pop_back();
                check_rule_node(catalog, credential, owner, rule, reporter, out, sources, verb);
                for (const Rule& child : rule.children) stack.push_back(&child);
            }
        }
    }
}

// Walks every rule once. Large catalogs are walked in slices by two threads
// (the catalog is only read); each slice's faults come in order, and the
// slices in order, as one walk would give them.
void CatalogBuilder::check_rules() {
    const Catalog& catalog = result.catalog;
    const auto count = static_cast<std::uint32_t>(catalog.credentials.size());
    const std::uint32_t slices =
        count >= 4 * walk_slice && std::thread::hardware_concurrency() > 1 ? (count + walk_slice - 1) / walk_slice : 1;
    std::vector<RuleWalkSlice> parts(slices);
    if (slices == 1) {
        check_rule_slice(catalog, 0, count, parts[0]);
    } else {
        for_each_slice_on_two_threads(slices, [&](std::uint32_t k) {
            check_rule_slice(catalog, k * walk_slice, std::min(count, (k + 1) * walk_slice), parts[k]);
        });
    }

    // Suggestions cost a scan of every id; past a few hundred unknown names a
    // catalog is broken wholesale and suggestions stop helping.
    std::size_t suggestions_left = 500;
    std::vector<std::string_view> all_ids;
    auto suggest_id = [&](std::string_view name) -> std::string {
        if (suggestions_left == 0) return {};
        --suggestions_left;
        if (all_ids.empty()) {
            all_ids.reserve(catalog.credentials.size());
            for (const Credential& c : catalog.credentials) all_ids.push_back(c.id);
        }
        std::string hint = nearest(name, all_ids);
        return hint.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", hint);
    };
    for (RuleWalkSlice& part : parts) {
        for (const auto& [at, id] : part.unknown_ids) part.diagnostics[at].message += suggest_id(id);
        result.diagnostics.insert(result.diagnostics.end(), std::make_move_iterator(part.diagnostics.begin()),
                                  std::make_move_iterator(part.diagnostics.end()));
    }
}

}  // namespace

namespace {
// The `format:` a YAML file gives at the top level within its first lines
// (value, line, column), when it gives one there.
std::optional<std::tuple<std::string, std::uint32_t, std::uint32_t>> declared_format(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    for (std::uint32_t number = 1; number <= 64 && std::getline(in, line); ++number) {
        if (line.rfind("format:", 0) != 0) continue;
        const std::size_t start = line.find_first_not_of(" \t\"'", 7);
        if (start == std::string::npos) return std::nullopt;
        const std::size_t end = line.find_first_of(" \t\"'#\r", start);
        return std::tuple{line.substr(start, end - start), number, static_cast<std::uint32_t>(start + 1)};
    }
    return std::nullopt;
}
}  // namespace

std::vector<std::string> expand_catalog_paths(const std::vector<std::string>& paths,
                                              std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        std::error_code error;
        const auto status = fs::status(path, error);
        if (error || !fs::exists(status)) {
            diagnostics.push_back({Severity::Error, path, 0, 0, "io", "no such file or directory"});
            continue;
        }
        if (!fs::is_directory(status)) {
            files.push_back(path);
            continue;
        }
        // YAML files; a folder with none is read as CTDL (*.json, *.jsonld).
        std::vector<std::string> found, ctdl;
        for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, error);
             !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
            const auto& entry = *it;
            const auto extension = entry.path().extension();
            if ((extension == ".yaml" || extension == ".yml") && entry.is_regular_file(error))
                found.push_back(entry.path().string());
            else if (is_ctdl_path(entry.path().string()) && entry.is_regular_file(error))
                ctdl.push_back(entry.path().string());
        }
        if (error)
            diagnostics.push_back({Severity::Error, path, 0, 0, "io", fmt::format("cannot list: {}", error.message())});
        if (found.empty()) found = std::move(ctdl);
        std::sort(found.begin(), found.end());
        // Another tool's file, or another kind of credpath file, kept in the folder.
        std::erase_if(found, [&](const std::string& file) {
            if (is_ctdl_path(file)) return false;
            const auto format = declared_format(file);
            // A catalog of another version (credpath/2) is still read, and refused.
            if (!format || std::get<0>(*format).rfind("credpath/", 0) == 0) return false;
            diagnostics.push_back({Severity::Warning, file, std::get<1>(*format), std::get<2>(*format), kSkippedFile,
                                   fmt::format("skipped: its format is '{}', not a catalog's ({})",
                                               printable(std::get<0>(*format)), catalog_format)});
            return true;
        });
        if (found.empty())
            diagnostics.push_back(
                {Severity::Error, path, 0, 0, "io", "directory holds no *.yaml or *.yml file (nor CTDL *.json, *.jsonld)"});
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

LoadResult load_catalog(const std::vector<std::string>& paths, const LoadLimits& limits,
                        const Conversion& conversion) {
    std::vector<Diagnostic> expansion_faults;
    const std::vector<std::string> files = expand_catalog_paths(paths, expansion_faults);
    return load_catalog_files(files, std::move(expansion_faults), limits, nullptr, conversion);
}

LoadResult load_catalog_files(const std::vector<std::string>& files, std::vector<Diagnostic> expansion_faults,
                              const LoadLimits& limits, std::vector<std::optional<std::uint64_t>>* hashes,
                              const Conversion& conversion, const ProgressCallback& progress) {
    LoadResult result;
    result.diagnostics = std::move(expansion_faults);
    CatalogBuilder builder(limits, conversion, result);
    if (hashes) hashes->assign(files.size(), std::nullopt);
    // Bytes are what a load's time follows, and the sizes are known ahead.
    std::size_t total_bytes = 0;
    std::size_t read_bytes = 0;
    if (progress) {
        for (const std::string& path : files) {
            std::error_code error;
            const auto size = is_ctdl_path(path) ? 0 : std::filesystem::file_size(path, error);
            if (!error) total_bytes += static_cast<std::size_t>(size);
        }
        if (total_bytes > 0) progress(0, total_bytes);
    }
    // CTDL files first, all in one import: their references cross files.
    std::vector<std::string> ctdl;
    std::copy_if(files.begin(), files.end(), std::back_inserter(ctdl), [](const std::string& path) { return is_ctdl_path(path); });
    if (!ctdl.empty()) {
        CtdlOptions options;
        options.rates = conversion.rates;
        builder.add_imported(import_ctdl_files(ctdl, options, limits));
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string& path = files[i];
        if (is_ctdl_path(path)) continue;
        // Read block by block: the file is never held whole.
        FileInput input;
        std::optional<ContentHash> hash;
        if (hashes) input.hash_into(&hash.emplace());
        if (progress && total_bytes > 0)
            input.on_read([&](std::size_t bytes) {
                read_bytes += bytes;
                progress(std::min(read_bytes, total_bytes - 1), total_bytes);  // done only at the end
            });
        if (auto problem = input.open(path, limits.max_file_bytes)) {
            result.diagnostics.push_back({Severity::Error, path, 0, 0, problem->first, problem->second});
            continue;
        }
        try {
            builder.read_file(input, path);
            if (hashes && input.read_to_end()) (*hashes)[i] = hash->digest();
        } catch (const FileReadError& error) {
            result.diagnostics.push_back({Severity::Error, path, 0, 0, error.problem.first, error.problem.second});
        }
        if (builder.limit_reached) break;
    }
    if (files.empty() && result.diagnostics.empty())
        result.diagnostics.push_back({Severity::Error, "", 0, 0, "io", "no catalog files given"});
    builder.finish();
    if (progress && total_bytes > 0) progress(total_bytes, total_bytes);
    return result;
}

LoadResult load_catalog_sources(const std::vector<SourceText>& sources, const LoadLimits& limits,
                                const Conversion& conversion) {
    LoadResult result;
    CatalogBuilder builder(limits, conversion, result);
    for (const SourceText& source : sources) {
        yaml::MemoryInput input(source.text);
        builder.read_file(input, source.name);
        if (builder.limit_reached) break;
    }
    builder.finish();
    return result;
}

LoadResult load_ctdl_import(CtdlImport imported, const LoadLimits& limits, const Conversion& conversion) {
    LoadResult result;
    CatalogBuilder builder(limits, conversion, result);
    builder.add_imported(std::move(imported));
    builder.finish();
    return result;
}

LoadResult load_catalog_text(std::string_view text, std::string name) {
    return load_catalog_sources({SourceText{std::move(name), std::string(text)}});
}

}  // namespace credpath
