// The gap analysis: status and progress on every node, remedies only on gaps.
#include <doctest/doctest.h>

#include "credpath/plan/explain.hpp"
#include "planner_fixtures.hpp"

using namespace credpath;
using namespace credpath::test;

namespace {

// Q needs all of: A, any of (B, C), 6 credits from (D, E, F), skills (sql, viz).
Fixture gap_catalog() {
    CatalogBuilder b;
    b.add("X").cost(100).weeks(4);
    b.add("A").cost(50).weeks(2).rule(ref("X"));
    b.add("B").cost(300).weeks(1);
    b.add("C").cost(80).weeks(6);
    b.add("D").cost(40).credits(2).weeks(1);
    b.add("E").cost(60).credits(4).weeks(1);
    b.add("F").cost(20).credits(2).weeks(1);
    b.add("S").cost(30).skills({"sql"});
    b.add("V").cost(70).skills({"viz"});
    b.add("V2").cost(45).skills({"viz"}).rule(ref("S"));
    b.add("Q").cost(10).rule(all_of({ref("A"), any_of(refs({"B", "C"})), credits_from(6, {"D", "E", "F"}),
                                     skills({"sql", "viz"})}));
    return Fixture(b);
}

ExplainRequest request_for(const Fixture& fx, const std::vector<std::string>& held) {
    ExplainRequest request;
    request.targets = {fx.index("Q")};
    request.held = fx.indices(held);
    std::sort(request.held.begin(), request.held.end());
    request.time_limit_seconds = 60;
    return request;
}

std::vector<std::string> remedy_ids(const Fixture& fx, const Remedy& remedy) {
    std::vector<std::string> ids;
    for (std::uint32_t index : remedy.steps) ids.push_back(fx.id(index));
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace

TEST_CASE("explain: status, progress and the cheapest way to each gap") {
    const Fixture fx = gap_catalog();
    const ExplainRequest request = request_for(fx, {"X", "D", "S"});
    const Explanation explanation = explain(fx.catalog, fx.graph, request);
    REQUIRE(explanation.targets.size() == 1);
    const ExplainNode& q = explanation.targets.front();
    CHECK(q.type == ExplainNode::Type::Credential);
    CHECK(q.status == HeldStatus::Missing);
    CHECK_FALSE(q.ready);
    REQUIRE(q.remedy);
    // A 50, C 80 (not B 300), E 60 (D's 2 credits + F's 2 fall short), V2 45 (S is held), Q 10.
    CHECK(remedy_ids(fx, *q.remedy) == std::vector<std::string>{"A", "C", "E", "Q", "V2"});
    CHECK(q.remedy->totals.cost == doctest::Approx(50 + 80 + 60 + 10 + 45));

    REQUIRE(q.children.size() == 1);
    const ExplainNode& all = q.children.front();
    CHECK(all.type == ExplainNode::Type::All);
    CHECK_FALSE(all.remedy);  // the whole rule's remedy is its owner's
    CHECK(all.have == 0);
    CHECK(all.need == 4);
    REQUIRE(all.children.size() == 4);

    const ExplainNode& a = all.children[0];
    CHECK(a.status == HeldStatus::Missing);
    CHECK(a.ready);  // X is held
    REQUIRE(a.remedy);
    CHECK(remedy_ids(fx, *a.remedy) == std::vector<std::string>{"A"});

    const ExplainNode& any = all.children[1];
    CHECK(any.type == ExplainNode::Type::Any);
    REQUIRE(any.remedy);
    CHECK(remedy_ids(fx, *any.remedy) == std::vector<std::string>{"C"});

    const ExplainNode& credits = all.children[2];
    CHECK(credits.type == ExplainNode::Type::CreditsFrom);
    CHECK(credits.have == 2);
    CHECK(credits.need == 6);
    CHECK(credits.counted == fx.indices({"D"}));
    REQUIRE(credits.remedy);
    CHECK(remedy_ids(fx, *credits.remedy) == std::vector<std::string>{"E"});

    const ExplainNode& skill_rule = all.children[3];
    CHECK(skill_rule.type == ExplainNode::Type::Skills);
    CHECK(skill_rule.have == 1);
    CHECK(skill_rule.need == 2);
    REQUIRE(skill_rule.children.size() == 2);
    CHECK(skill_rule.children[0].met);
    CHECK(skill_rule.children[0].counted == fx.indices({"S"}));
    CHECK_FALSE(skill_rule.children[1].met);
    REQUIRE(skill_rule.children[1].remedy);
    CHECK(remedy_ids(fx, *skill_rule.children[1].remedy) == std::vector<std::string>{"V2"});
}

TEST_CASE("explain: below a met rule nothing is a gap; repeats are not expanded") {
    CatalogBuilder b;
    b.add("P").cost(10).weeks(1);
    b.add("A").cost(5).rule(ref("P"));
    b.add("B").cost(5).rule(ref("P"));
    b.add("Q").rule(all_of({ref("A"), ref("B"), any_of(refs({"P", "A"}))}));
    const Fixture fx(b);
    ExplainRequest request;
    request.targets = {fx.index("Q")};
    request.held = fx.indices({"P"});
    const Explanation explanation = explain(fx.catalog, fx.graph, request);
    const ExplainNode& all = explanation.targets.front().children.front();
    REQUIRE(all.children.size() == 3);
    CHECK(all.children[0].remedy);
    const ExplainNode& any = all.children[2];
    CHECK(any.met);
    CHECK_FALSE(any.remedy);
    REQUIRE(any.children.size() == 2);
    CHECK(any.children[0].status == HeldStatus::Held);
    // A is missing but not needed here: listed, not expanded, no remedy.
    CHECK_FALSE(any.children[1].remedy);
    CHECK(any.children[1].children.empty());
}

TEST_CASE("explain: expired credentials carry their date and are planned again") {
    CatalogBuilder b;
    b.add("L").cost(90).weeks(1);
    b.add("Q").cost(10).rule(ref("L"));
    const Fixture fx(b);
    ExplainRequest request;
    request.targets = {fx.index("Q")};
    request.expired = {ExpiredCredential{fx.index("L"), *parse_date("2020-01-01"), *parse_date("2023-01-01")}};
    const Explanation explanation = explain(fx.catalog, fx.graph, request);
    const ExplainNode& l = explanation.targets.front().children.front();
    CHECK(l.status == HeldStatus::Expired);
    REQUIRE(l.expired_on);
    CHECK(to_string(*l.expired_on) == "2023-01-01");
    REQUIRE(l.remedy);
    CHECK(l.remedy->totals.cost == doctest::Approx(90));
}

TEST_CASE("explain: a held target needs nothing") {
    const Fixture fx = gap_catalog();
    ExplainRequest request = request_for(fx, {"Q"});
    const Explanation explanation = explain(fx.catalog, fx.graph, request);
    CHECK(explanation.targets.front().met);
    CHECK(explanation.targets.front().children.empty());
    CHECK(explanation.solver_plans == 0);
}

TEST_CASE("explain: the overlap limits of a target, with what is held toward both sides") {
    // D needs C and 2 of the modules; C needs 2 of them too, and at most one
    // may count toward both. T takes either of two modules and shares nothing
    // with D. U limits its overlap with D but is neither a target nor in D's cone.
    CatalogBuilder b;
    for (const char* module : {"M1", "M2", "M3"}) b.add(module).cost(100).weeks(2);
    b.add("C").cost(10).rule(at_least(2, refs({"M1", "M2", "M3"})));
    b.add("D").cost(10).rule(all_of({ref("C"), at_least(2, refs({"M1", "M2", "M3"}))}));
    b.add("T").cost(10).rule(any_of(refs({"M1", "M2"})));
    b.add("U").cost(10).rule(ref("M3"));
    Catalog catalog = b.build();
    catalog.credentials[*catalog.find("D")].overlap = {{"C", 1, {}}, {"T", 0, {}}};
    catalog.credentials[*catalog.find("U")].overlap = {{"D", 1, {}}};
    const Fixture fx(std::move(catalog));

    ExplainRequest request;
    request.targets = fx.indices({"D", "T"});
    request.held = fx.indices({"M1", "M2"});
    std::sort(request.held.begin(), request.held.end());
    request.time_limit_seconds = 60;
    const Explanation explanation = explain(fx.catalog, fx.graph, request);

    REQUIRE(explanation.overlaps.size() == 2);  // the pair of targets once, U not at all
    const ExplainOverlap& with_c = explanation.overlaps[0];
    CHECK(fx.id(with_c.target) == "D");
    CHECK(fx.id(with_c.other) == "C");
    CHECK(with_c.at_most == 1);
    CHECK_FALSE(with_c.other_is_target);
    CHECK(with_c.held_shared == fx.indices({"M1", "M2"}));
    const ExplainOverlap& with_t = explanation.overlaps[1];
    CHECK(fx.id(with_t.target) == "D");
    CHECK(fx.id(with_t.other) == "T");
    CHECK(with_t.at_most == 0);
    CHECK(with_t.other_is_target);
    CHECK(with_t.held_shared == fx.indices({"M1", "M2"}));
    // D's cheapest way keeps to the limit with C: the held modules count for
    // one of the two each, so a third module is taken.
    REQUIRE(explanation.targets[0].remedy);
    CHECK(remedy_ids(fx, *explanation.targets[0].remedy) == std::vector<std::string>{"C", "D", "M3"});
}

TEST_CASE("explain: an overlap limit with a held qualification is not in force") {
    CatalogBuilder b;
    for (const char* module : {"M1", "M2"}) b.add(module).cost(100);
    b.add("C").cost(10).rule(all_of(refs({"M1", "M2"})));
    b.add("D").cost(10).rule(all_of({ref("C"), ref("M1"), ref("M2")}));
    Catalog catalog = b.build();
    catalog.credentials[*catalog.find("D")].overlap = {{"C", 0, {}}};
    const Fixture fx(std::move(catalog));
    ExplainRequest request;
    request.targets = fx.indices({"D"});
    request.held = fx.indices({"M1", "M2", "C"});
    std::sort(request.held.begin(), request.held.end());
    const Explanation explanation = explain(fx.catalog, fx.graph, request);
    CHECK(explanation.overlaps.empty());
    REQUIRE(explanation.targets[0].remedy);
    CHECK(remedy_ids(fx, *explanation.targets[0].remedy) == std::vector<std::string>{"D"});
}
