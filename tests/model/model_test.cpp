// The catalog model: the kinds' table and names, rule kind names, the
// catalog's indexes and for_each_source.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/model/model.hpp"

namespace credpath {

namespace {
Credential credential(std::string id, std::vector<std::string> tags = {}, std::vector<std::string> skills = {}) {
    Credential c;
    c.id = std::move(id);
    c.title = c.id;
    c.tags = std::move(tags);
    c.skills = std::move(skills);
    return c;
}

Rule ref(std::string id) {
    Rule r;
    r.kind = RuleKind::Ref;
    r.ref = std::move(id);
    return r;
}

Rule group(RuleKind kind, std::vector<Rule> children) {
    Rule r;
    r.kind = kind;
    r.children = std::move(children);
    return r;
}

Rule named(RuleKind kind, std::vector<std::string> names) {
    Rule r;
    r.kind = kind;
    r.names = std::move(names);
    return r;
}

// a, b, c, d: a and b tagged data, b and c teaching sql, d teaching sql and tagged data twice.
Catalog sample() {
    Catalog catalog;
    catalog.credentials = {credential("a", {"data"}), credential("b", {"data", "ops"}, {"sql"}),
                           credential("c", {}, {"sql", "python"}), credential("d", {"data", "data"}, {"sql"})};
    catalog.build_index();
    return catalog;
}

// What for_each_source visits, in order.
std::vector<std::uint32_t> sources(const Catalog& catalog, const Rule& rule, std::uint32_t owner) {
    std::vector<std::uint32_t> out;
    for_each_source(catalog, rule, owner, [&](std::uint32_t index) { out.push_back(index); });
    return out;
}

using Indexes = std::vector<std::uint32_t>;
}  // namespace

TEST_CASE("model: kKinds lists the seven kinds in order with their names") {
    REQUIRE(std::size(kKinds) == 7);
    CHECK(kKinds[0].value == Kind::Microcredential);
    CHECK(kKinds[0].name == "microcredential");
    CHECK(kKinds[1].value == Kind::Certificate);
    CHECK(kKinds[1].name == "certificate");
    CHECK(kKinds[2].value == Kind::Diploma);
    CHECK(kKinds[2].name == "diploma");
    CHECK(kKinds[3].value == Kind::Degree);
    CHECK(kKinds[3].name == "degree");
    CHECK(kKinds[4].value == Kind::Badge);
    CHECK(kKinds[4].name == "badge");
    CHECK(kKinds[5].value == Kind::License);
    CHECK(kKinds[5].name == "license");
    CHECK(kKinds[6].value == Kind::Course);
    CHECK(kKinds[6].name == "course");
    CHECK(names_in(kKinds) == std::vector<std::string_view>{"microcredential", "certificate", "diploma", "degree",
                                                            "badge", "license", "course"});
}

TEST_CASE("model: to_string(Kind) names each kind; an unknown value has no name") {
    CHECK(to_string(Kind::Microcredential) == "microcredential");
    CHECK(to_string(Kind::Certificate) == "certificate");
    CHECK(to_string(Kind::Diploma) == "diploma");
    CHECK(to_string(Kind::Degree) == "degree");
    CHECK(to_string(Kind::Badge) == "badge");
    CHECK(to_string(Kind::License) == "license");
    CHECK(to_string(Kind::Course) == "course");
    CHECK(to_string(static_cast<Kind>(99)) == "");
}

TEST_CASE("model: kind_from_string reads exactly the names of kKinds") {
    for (const Named<Kind>& entry : kKinds) {
        INFO(entry.name);
        CHECK(kind_from_string(entry.name) == entry.value);
        CHECK(to_string(*kind_from_string(entry.name)) == entry.name);
    }
    for (const char* text : {"", "Degree", "DEGREE", " degree", "degree ", "degrees", "licence", "micro-credential",
                             "cert"}) {
        INFO(text);
        CHECK_FALSE(kind_from_string(text).has_value());
    }
}

TEST_CASE("model: to_string(RuleKind) gives the name of each rule kind") {
    CHECK(to_string(RuleKind::Ref) == "ref");
    CHECK(to_string(RuleKind::All) == "all");
    CHECK(to_string(RuleKind::Any) == "any");
    CHECK(to_string(RuleKind::AtLeast) == "at_least");
    CHECK(to_string(RuleKind::CreditsFrom) == "credits-from");
    CHECK(to_string(RuleKind::CreditsTagged) == "credits-tagged");
    CHECK(to_string(RuleKind::Skills) == "skills");
    // A value out of the enumeration falls back to "ref".
    CHECK(to_string(static_cast<RuleKind>(42)) == "ref");
}

TEST_CASE("model: the defaults of the value types") {
    const Catalog catalog;
    CHECK(catalog.name == "");
    CHECK(catalog.currency == "USD");
    CHECK(catalog.credit_unit == "credits");
    CHECK(catalog.files.empty());
    CHECK(catalog.credentials.empty());
    CHECK_FALSE(catalog.find("anything").has_value());

    const Credential c;
    CHECK(c.kind == Kind::Microcredential);
    CHECK(c.cost == 0);
    CHECK(c.hours == 0);
    CHECK(c.weeks == 0);
    CHECK(c.credits == 0);
    CHECK_FALSE(c.level.has_value());
    CHECK_FALSE(c.valid_for.has_value());
    CHECK_FALSE(c.rule.has_value());
    CHECK(c.modality == "");
    CHECK(c.loc.file == 0u);
    CHECK(c.loc.line == 0u);
    CHECK(c.loc.column == 0u);

    const Rule r;
    CHECK(r.kind == RuleKind::Ref);
    CHECK(r.at_least == 0u);
    CHECK(r.credits == 0);
    CHECK(r.children.empty());
    CHECK(r.names.empty());

    const Duration duration;
    CHECK(duration.count == 0u);
    CHECK(duration.unit == 'd');
}

TEST_CASE("model: build_index maps ids, tags and skills to credential indexes") {
    const Catalog catalog = sample();
    CHECK(catalog.by_id.size() == 4);
    CHECK(catalog.find("a") == 0u);
    CHECK(catalog.find("b") == 1u);
    CHECK(catalog.find("c") == 2u);
    CHECK(catalog.find("d") == 3u);
    CHECK(catalog.by_tag.size() == 2);
    CHECK(catalog.by_tag.at("data") == Indexes{0, 1, 3});  // d's repeated tag counts once
    CHECK(catalog.by_tag.at("ops") == Indexes{1});
    CHECK(catalog.by_skill.size() == 2);
    CHECK(catalog.by_skill.at("sql") == Indexes{1, 2, 3});
    CHECK(catalog.by_skill.at("python") == Indexes{2});
}

TEST_CASE("model: find is exact and takes a string_view") {
    const Catalog catalog = sample();
    CHECK_FALSE(catalog.find("").has_value());
    CHECK_FALSE(catalog.find("A").has_value());
    CHECK_FALSE(catalog.find("a ").has_value());
    CHECK_FALSE(catalog.find("e").has_value());
    const std::string text = "xbx";
    CHECK(catalog.find(std::string_view(text).substr(1, 1)) == 1u);
}

TEST_CASE("model: of duplicate ids the first wins") {
    Catalog catalog;
    catalog.credentials = {credential("x", {"one"}), credential("y"), credential("x", {"two"})};
    catalog.build_index();
    CHECK(catalog.by_id.size() == 2);
    CHECK(catalog.find("x") == 0u);
    CHECK(catalog.find("y") == 1u);
    // Both are indexed by their tags all the same.
    CHECK(catalog.by_tag.at("one") == Indexes{0});
    CHECK(catalog.by_tag.at("two") == Indexes{2});
}

TEST_CASE("model: build_index again starts over") {
    Catalog catalog = sample();
    catalog.credentials.erase(catalog.credentials.begin());  // a goes; b, c, d move up
    catalog.credentials[0].tags = {"fresh"};
    catalog.build_index();
    CHECK(catalog.by_id.size() == 3);
    CHECK_FALSE(catalog.find("a").has_value());
    CHECK(catalog.find("b") == 0u);
    CHECK(catalog.find("d") == 2u);
    CHECK(catalog.by_tag.count("ops") == 0);
    CHECK(catalog.by_tag.at("fresh") == Indexes{0});
    CHECK(catalog.by_tag.at("data") == Indexes{2});
    CHECK(catalog.by_skill.at("sql") == Indexes{0, 1, 2});
    catalog.credentials.clear();
    catalog.build_index();
    CHECK(catalog.by_id.empty());
    CHECK(catalog.by_tag.empty());
    CHECK(catalog.by_skill.empty());
}

TEST_CASE("model: StringMap finds by string_view, hashing as std::hash<string_view> does") {
    StringMap<int> map;
    map.emplace("key", 7);
    const std::string_view view = "a key!";
    const auto found = map.find(view.substr(2, 3));
    REQUIRE(found != map.end());
    CHECK(found->second == 7);
    CHECK(map.find(std::string_view("ke")) == map.end());
    CHECK(StringHash{}("abc") == std::hash<std::string_view>{}("abc"));
    CHECK(StringHash{}(std::string("abc")) == StringHash{}(std::string_view("abc")));
}

TEST_CASE("model: for_each_source visits a reference, or nothing for an unknown id") {
    const Catalog catalog = sample();
    CHECK(sources(catalog, ref("c"), 0) == Indexes{2});
    CHECK(sources(catalog, ref("nope"), 0).empty());
    // A self-reference counts: it is a cycle.
    CHECK(sources(catalog, ref("a"), 0) == Indexes{0});
}

TEST_CASE("model: for_each_source walks all, any and at_least children in order, repeats included") {
    const Catalog catalog = sample();
    const Rule nested = group(RuleKind::All, {ref("b"), group(RuleKind::Any, {ref("d"), ref("zz"), ref("a")}),
                                              group(RuleKind::AtLeast, {ref("b"), ref("c")})});
    CHECK(sources(catalog, nested, 3) == Indexes{1, 3, 0, 1, 2});
    CHECK(sources(catalog, group(RuleKind::Any, {}), 0).empty());
}

TEST_CASE("model: for_each_source visits the ids of a credits-from rule, the owner too") {
    const Catalog catalog = sample();
    CHECK(sources(catalog, named(RuleKind::CreditsFrom, {"d", "missing", "a", "d"}), 0) == Indexes{3, 0, 3});
}

TEST_CASE("model: for_each_source visits the credentials tagged, never the owner") {
    const Catalog catalog = sample();
    const Rule tagged = named(RuleKind::CreditsTagged, {"data", "unknown-tag", "ops"});
    CHECK(sources(catalog, tagged, 2) == Indexes{0, 1, 3, 1});
    CHECK(sources(catalog, tagged, 1) == Indexes{0, 3});
    // Tags are looked up as tags, not as skills.
    CHECK(sources(catalog, named(RuleKind::CreditsTagged, {"sql"}), 0).empty());
}

TEST_CASE("model: for_each_source visits the credentials teaching a skill, never the owner") {
    const Catalog catalog = sample();
    CHECK(sources(catalog, named(RuleKind::Skills, {"sql"}), 0) == Indexes{1, 2, 3});
    CHECK(sources(catalog, named(RuleKind::Skills, {"sql", "python"}), 2) == Indexes{1, 3});
    CHECK(sources(catalog, named(RuleKind::Skills, {"data"}), 0).empty());
    CHECK(sources(catalog, named(RuleKind::Skills, {}), 0).empty());
}

TEST_CASE("model: build_index resolves Ref rules; a stale or missing resolution falls back to the id") {
    Catalog catalog;
    catalog.credentials = {credential("a"), credential("b"), credential("c")};
    catalog.credentials[2].rule = ref("b");
    catalog.build_index();
    const Rule& resolved = *catalog.credentials[2].rule;
    CHECK(resolved.ref_index == 1);
    CHECK(catalog.find(resolved) == std::optional<std::uint32_t>{1});

    Rule stale = resolved;  // a hint from elsewhere: index 0 holds "a", not "b"
    stale.ref_index = 0;
    CHECK(catalog.find(stale) == std::optional<std::uint32_t>{1});
    Rule unresolved = ref("c");
    CHECK(catalog.find(unresolved) == std::optional<std::uint32_t>{2});
    Rule unknown = ref("z");
    unknown.ref_index = 7;
    CHECK_FALSE(catalog.find(unknown).has_value());
}

}  // namespace credpath
