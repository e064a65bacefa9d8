// Randomized check of the exact planner against brute force: small random
// catalogs (every rule kind, nesting, sharing, held and excluded credentials,
// small integer attributes with deliberate ties), every subset enumerated and
// scored with an independent implementation of the rule semantics, then the
// planner must agree exactly (feasibility, key tuple, chosen set, schedule) for
// every objective under no limit, --max-cost, --max-weeks and both. Some
// requests carry goal rules (skills, rules of their own, parts of a
// credential's rule owned by it), with or instead of targets. The same brute
// force checks the k best alternatives (best first, supersets of taken routes
// dropped) and the cost-time frontier (the non-dominated cost/weeks pairs).
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "credpath/load/catalog_writer.hpp"
#include "credpath/load/loader.hpp"
#include "credpath/load/rates.hpp"
#include "credpath/plan/browse.hpp"
#include "planner_fixtures.hpp"

using namespace credpath;
using namespace credpath::test;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The contract's comparison: equal within 1e-9 relative.
double tol(double a, double b) { return 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}); }
int cmp(double a, double b) {
    if (a < b - tol(a, b)) return -1;
    if (b < a - tol(a, b)) return 1;
    return 0;
}

// ---- random catalogs ----

constexpr std::uint32_t kNoOwner = std::numeric_limits<std::uint32_t>::max();

struct Instance {
    Catalog catalog;
    std::vector<std::uint32_t> targets, held, excluded;
    // Goal rules: rules of their own (no owner), and parts of credentials'
    // rules owned by the credential: (credential, child index or kWhole).
    static constexpr std::size_t kWhole = std::numeric_limits<std::size_t>::max();
    std::vector<Rule> free_goals;
    std::vector<std::pair<std::uint32_t, std::size_t>> owned_goals;

    const Rule& owned_rule(std::size_t i) const {
        const auto [owner, child] = owned_goals[i];
        const Rule& whole = *catalog.credentials[owner].rule;
        return child == kWhole ? whole : whole.children[child];
    }
    // As the planner takes them; points into this instance.
    std::vector<GoalRule> goals() const {
        std::vector<GoalRule> result;
        for (const Rule& rule : free_goals) result.push_back({&rule, std::nullopt});
        for (std::size_t i = 0; i < owned_goals.size(); ++i)
            result.push_back({&owned_rule(i), owned_goals[i].first});
        return result;
    }
    // (rule, owner or kNoOwner) for the brute force.
    std::vector<std::pair<const Rule*, std::uint32_t>> goal_list() const {
        std::vector<std::pair<const Rule*, std::uint32_t>> result;
        for (const GoalRule& goal : goals()) result.emplace_back(goal.rule, goal.owner.value_or(kNoOwner));
        return result;
    }
    // With intakes: the plan's first day, and per credential the days (from
    // the first day, ascending, past ones included) it can start on, expanded
    // by the generator itself; nullopt: self-paced.
    std::optional<Date> first_day;
    std::vector<std::optional<std::vector<long>>> intake_days;

    // Overlap limits of the request: any two targets, and pinned assignments
    // (credential, qualification), both of which are also targets here.
    std::optional<std::uint32_t> max_overlap;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> applied;

    PlanRequest request(Objective objective) const {
        PlanRequest request;
        request.first_day = first_day;
        request.max_overlap = max_overlap;
        request.applied = applied;
        request.targets = targets;
        request.goals = goals();
        request.held = held;
        request.excluded = excluded;
        request.objective = objective;
        request.time_limit_seconds = 60;
        return request;
    }
};

class Generator {
public:
    explicit Generator(std::uint32_t seed) : rng_(seed) {}

    Instance make() {
        Instance in;
        const int n = pick(6, 11);
        static const std::vector<std::string> pool{"ash",   "birch",  "cedar", "dogwood", "elm",   "fir",  "gum",
                                                   "hazel", "ivy",    "juniper", "kapok", "larch", "maple", "oak",
                                                   "pine",  "quince", "rowan", "spruce", "teak",  "willow"};
        std::vector<std::string> names(pool);
        std::shuffle(names.begin(), names.end(), rng_);
        std::vector<Credential>& creds = in.catalog.credentials;
        creds.resize(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            Credential& c = creds[static_cast<std::size_t>(i)];
            c.id = names[static_cast<std::size_t>(i)];
            c.title = c.id;
            // Small integers, zero now and then: ties on purpose. Cost and
            // weeks pull against each other (fast and dear, or slow and cheap).
            c.weeks = chance(0.1) ? 0 : pick(1, 5);
            c.cost = chance(0.15) ? 0 : std::max(0, 6 - static_cast<int>(c.weeks) + pick(-1, 2));
            if (routes_) c.cost = std::max(0, 12 - 2 * static_cast<int>(c.weeks) + pick(-1, 1));
            c.hours = pick(0, 4);
            c.credits = pick(0, 3);
            const double tag_p = i < n / 2 ? 0.45 : 0.15;
            for (std::string tag : {"t1", "t2", "t3"})
                if (chance(tag_p)) c.tags.push_back(tag);
            for (std::string skill : {"s1", "s2", "s3"})
                if (chance(tag_p * 0.8)) c.skills.push_back(skill);
        }
        // Rules only draw on lower indices (tags and skills included), so the
        // index order is a dependency order and the catalog is acyclic.
        // The targets are the last one or two credentials, with a choice at the
        // top of their rule (any / at_least / credits), so plans differ.
        // The first credentials are plain courses (leaves): many alternative sources.
        const int targets = overlaps_ || chance(0.35) ? 2 : 1;
        const int leaves = std::max(3, n * 2 / 5);
        for (int i = leaves; i < n; ++i) {
            const bool target = i >= n - targets;
            used_.clear();
            if (target || chance(0.85)) creds[static_cast<std::size_t>(i)].rule = rule(in.catalog, i, 0, target);
        }
        in.catalog.build_index();
        for (int t = n - targets; t < n; ++t) in.targets.push_back(static_cast<std::uint32_t>(t));
        for (std::uint32_t c = 0; c < static_cast<std::uint32_t>(n); ++c) {
            const bool target = std::find(in.targets.begin(), in.targets.end(), c) != in.targets.end();
            const double scale = routes_ ? 0.3 : 1.0;
            if (chance(target ? 0.03 : 0.15 * scale)) in.held.push_back(c);
            else if (chance(target ? 0.03 : 0.12 * scale)) in.excluded.push_back(c);
        }
        if (chance(goal_chance_)) add_goals(in, n, leaves);
        if (intakes_) add_intakes(in);
        if (exclusions_) add_exclusions(in);
        if (corequisites_) add_corequisites(in, n, leaves);
        if (overlaps_) add_overlaps(in, n, leaves);
        return in;
    }

    // Two to four pairs that exclude each other (`excludes` on either side),
    // a target now and then, so that some plans change, some lose every way,
    // and a held credential shuts its partner out.
    void set_exclusions(bool on) { exclusions_ = on; }
    // Caps on about half the credits rules: on part of a `from` list, or on
    // the credentials of one tag of a tagged rule.
    void set_caps(bool on) { caps_ = on; }
    // Co-requisites on about a third of the credentials above the leaves (a
    // credential below, or one of two), and now and then on a leaf.
    void set_corequisites(bool on) { corequisites_ = on; }
    // Co-requisites named back as well (credentials taken together).
    void set_mutual(bool on) { mutual_ = on; }
    // Overlap limits (0 to 2) between the two targets in most catalogs, and
    // now and then between two other credentials with rules.
    void set_overlaps(bool on) { overlaps_ = on; }

    // Intakes on about half the credentials: a few dates (now and then all
    // past), or every few days or weeks from a day (maybe past) until a day or
    // without end.
    void set_intakes(bool on) { intakes_ = on; }

    // Goal rules in this share of the catalogs (0 by default: the stream of
    // catalogs without goals stays as it was).
    void set_goal_chance(double p) { goal_chance_ = p; }
    // More routes that trade cost against weeks: cost falls steeply with
    // weeks, wider choices at the top, fewer held and excluded credentials.
    void set_routes(bool on) { routes_ = on; }

private:
    void add_corequisites(Instance& in, int n, int leaves) {
        auto& creds = in.catalog.credentials;
        const auto id = [&](int j) { return creds[static_cast<std::size_t>(j)].id; };
        for (int i = 1; i < n; ++i) {
            if (!chance(i >= leaves ? 0.35 : 0.1)) continue;
            const int a = pick(0, i - 1);
            if (chance(0.6) || i < 2) {
                creds[static_cast<std::size_t>(i)].corequisite = ref(id(a));
            } else {
                int b = pick(0, i - 1);
                if (b == a) b = (a + 1) % i;
                std::vector<Rule> both;
                both.push_back(ref(id(a)));
                both.push_back(ref(id(b)));
                creds[static_cast<std::size_t>(i)].corequisite = any_of(std::move(both));
            }
        }
        in.catalog.build_index();
        if (!mutual_) return;
        // Some co-requisites named back: taken together, unless a `requires`
        // would close the loop (a contradiction, not a catalog).
        for (int i = 1; i < n; ++i) {
            auto& coreq = creds[static_cast<std::size_t>(i)].corequisite;
            if (!coreq || coreq->kind != RuleKind::Ref || !chance(0.5)) continue;
            Credential& back = creds[static_cast<std::size_t>(*in.catalog.find(coreq->ref))];
            if (back.corequisite) continue;
            back.corequisite = ref(id(i));
            if (!DependencyGraph(in.catalog).acyclic()) back.corequisite.reset();
        }
    }

    void add_overlaps(Instance& in, int n, int leaves) {
        auto& creds = in.catalog.credentials;
        const auto limit = [&](int a, int b) {
            creds[static_cast<std::size_t>(a)].overlap.push_back(
                {creds[static_cast<std::size_t>(b)].id, static_cast<std::uint32_t>(pick(0, 2)), {}});
        };
        if (chance(0.75) && in.targets.size() == 2) limit(static_cast<int>(in.targets[0]), static_cast<int>(in.targets[1]));
        if (chance(0.5) && n - leaves >= 2) {
            const int a = pick(leaves, n - 1);
            const int b = pick(leaves, n - 1);
            if (a != b && creds[static_cast<std::size_t>(a)].rule && creds[static_cast<std::size_t>(b)].rule &&
                creds[static_cast<std::size_t>(a)].overlap.empty())
                limit(a, b);
        }
    }

    void add_exclusions(Instance& in) {
        auto& creds = in.catalog.credentials;
        const int n = static_cast<int>(creds.size());
        const int pairs = pick(2, 4);
        for (int k = 0; k < pairs; ++k) {
            int a = pick(0, n - 1), b = pick(0, n - 1);
            const auto is_target = [&](int c) {
                return std::find(in.targets.begin(), in.targets.end(), static_cast<std::uint32_t>(c)) != in.targets.end();
            };
            for (int attempt = 0; attempt < 4 && (is_target(a) || is_target(b)) && !chance(0.1); ++attempt) {
                a = pick(0, n - 1);
                b = pick(0, n - 1);
            }
            if (a == b) continue;
            auto& owner = creds[static_cast<std::size_t>(chance(0.5) ? a : b)];
            const std::string& other = creds[static_cast<std::size_t>(&owner == &creds[static_cast<std::size_t>(a)] ? b : a)].id;
            if (std::find(owner.excludes.begin(), owner.excludes.end(), other) == owner.excludes.end())
                owner.excludes.push_back(other);
        }
    }

    void add_intakes(Instance& in) {
        constexpr long kLead = 40;  // days between the anchor and the first day
        constexpr long kHorizon = 2000;
        const Date anchor{2026, 11, 25};
        const auto day = [&](long offset) { return add(anchor, Duration{static_cast<std::uint32_t>(offset + kLead), 'd'}); };
        in.first_day = day(0);
        in.intake_days.assign(in.catalog.credentials.size(), std::nullopt);
        for (std::size_t c = 0; c < in.catalog.credentials.size(); ++c) {
            if (!chance(0.5)) continue;
            Intakes intakes;
            std::vector<long> days;
            if (chance(0.5)) {
                std::set<long> picked;
                const int count = pick(1, 3);
                for (int k = 0; k < count; ++k) picked.insert(pick(-12, 60));
                for (long offset : picked) {
                    intakes.dates.push_back(day(offset));
                    days.push_back(offset);
                }
            } else {
                const bool weekly = chance(0.6);
                const int count = weekly ? pick(1, 3) : pick(3, 12);
                const long period = weekly ? 7L * count : count;
                intakes.every = Duration{static_cast<std::uint32_t>(count), weekly ? 'w' : 'd'};
                const long from = pick(-30, 20);
                intakes.from = day(from);
                long until = kHorizon;
                if (chance(0.4)) {
                    until = from + pick(0, 70);
                    intakes.until = day(until);
                }
                for (long at = from; at <= until; at += period) days.push_back(at);
            }
            in.catalog.credentials[c].starts = intakes;
            in.intake_days[c] = days;
        }
    }

    // One or two goal rules, with the targets or instead of them: skills (now
    // and then one nobody teaches), a rule of its own over the whole catalog,
    // or part of a non-target credential's rule owned by it.
    void add_goals(Instance& in, int n, int leaves) {
        if (chance(0.45)) in.targets.clear();
        const int count = in.targets.empty() && chance(0.3) ? 2 : 1;
        for (int k = 0; k < count; ++k) {
            std::vector<int> owners;
            for (int i = leaves; i < n; ++i) {
                const auto c = static_cast<std::uint32_t>(i);
                if (in.catalog.credentials[c].rule &&
                    std::find(in.targets.begin(), in.targets.end(), c) == in.targets.end())
                    owners.push_back(i);
            }
            const double kind = std::uniform_real_distribution<double>(0, 1)(rng_);
            if (kind < 0.3) {
                std::vector<std::string> names;
                for (std::string skill : {"s1", "s2", "s3"})
                    if (chance(0.5)) names.push_back(skill);
                if (names.empty() || chance(0.08)) names.push_back("s9");
                in.free_goals.push_back(skills(names));
            } else if (kind < 0.65 || owners.empty()) {
                used_.clear();
                in.free_goals.push_back(rule(in.catalog, n, 0, true));
            } else {
                const auto owner = static_cast<std::uint32_t>(owners[static_cast<std::size_t>(
                    pick(0, static_cast<int>(owners.size()) - 1))]);
                const Rule& whole = *in.catalog.credentials[owner].rule;
                const std::size_t child = whole.children.empty() || chance(0.3)
                                              ? Instance::kWhole
                                              : static_cast<std::size_t>(pick(0, static_cast<int>(whole.children.size()) - 1));
                in.owned_goals.emplace_back(owner, child);
            }
        }
    }

public:

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

    // Ids/tags/skills whose every carrier other than `owner` is below `owner`.
    std::vector<std::string> closed(const Catalog& catalog, int owner, bool skills) {
        std::vector<std::string> result;
        for (std::string name : {skills ? "s1" : "t1", skills ? "s2" : "t2", skills ? "s3" : "t3"}) {
            bool any = false, ok = true;
            for (int j = 0; j < static_cast<int>(catalog.credentials.size()); ++j) {
                const auto& list = skills ? catalog.credentials[static_cast<std::size_t>(j)].skills
                                          : catalog.credentials[static_cast<std::size_t>(j)].tags;
                if (j == owner || std::find(list.begin(), list.end(), name) == list.end()) continue;
                if (j > owner) ok = false;
                else any = true;
            }
            if (ok && any) result.push_back(name);
        }
        return result;
    }

    Rule rule(const Catalog& catalog, int owner, int depth, bool choice = false) {
        const auto id = [&](int j) { return catalog.credentials[static_cast<std::size_t>(j)].id; };
        // Choice nodes near the top, plain references deeper down.
        static constexpr std::array<int, 8> target{0, 0, 2, 1, 0, 3, 3, 0};  // weights of the kinds below
        static constexpr std::array<int, 8> top{1, 1, 2, 2, 2, 2, 2, 1};
        static constexpr std::array<int, 8> deep{6, 0, 2, 1, 1, 1, 1, 1};
        static constexpr std::array<int, 8> routes{0, 0, 1, 1, 0, 4, 3, 0};  // any / at_least first
        const auto& weights = choice ? (routes_ ? routes : target) : depth == 0 ? top : deep;
        std::discrete_distribution<int> kinds(weights.begin(), depth < 2 ? weights.end() : weights.begin() + 5);
        const int kind = kinds(rng_);
        switch (kind) {
        case 0:
        case 1: {  // a credential not used yet by this rule when there is one
            int j = pick(0, owner - 1);
            for (int attempt = 0; attempt < 4 && used_.count(j); ++attempt) j = pick(0, owner - 1);
            used_.insert(j);
            return ref(id(j));
        }
        case 2: {  // credits from a list
            std::vector<std::string> ids;
            double total = 0;
            const int size = pick(1, std::min(4, owner));
            std::set<int> used;
            for (int k = 0; k < size; ++k) used.insert(pick(0, owner - 1));
            for (int j : used) {
                ids.push_back(id(j));
                total += catalog.credentials[static_cast<std::size_t>(j)].credits;
            }
            if (chance(0.2)) ids.push_back(ids.front());  // a repeated id counts once
            if (total <= 0) return ref(id(pick(0, owner - 1)));
            if (caps_ && chance(0.9)) {  // a cap on some of the ids
                std::vector<std::string> capped;
                double capped_total = 0;
                for (int j : used)
                    if (chance(0.5)) {
                        capped.push_back(id(j));
                        capped_total += catalog.credentials[static_cast<std::size_t>(j)].credits;
                    }
                if (!capped.empty() && capped_total > 0) {
                    // A cap below what its members hold, and an amount that
                    // needs most of what the cap leaves: the cap binds.
                    const int cap = pick(0, static_cast<int>(capped_total) - 1);
                    const double counted = total - capped_total + cap;
                    if (counted >= 1) {
                        Rule capped_rule = credits_from(
                            pick(std::max(1, static_cast<int>(counted) / 2), static_cast<int>(counted)), ids);
                        capped_rule.caps.push_back(credits_from(cap, capped));
                        return capped_rule;
                    }
                }
            }
            return credits_from(pick(1, static_cast<int>(routes_ ? std::ceil(total / 2) : total)), ids);
        }
        case 3: {  // credits from tags
            std::vector<std::string> tags = closed(catalog, owner, false);
            if (tags.empty()) return ref(id(pick(0, owner - 1)));
            if (tags.size() > 1 && chance(0.5)) tags.resize(1);
            double total = 0;
            for (int j = 0; j < owner; ++j) {
                const auto& mine = catalog.credentials[static_cast<std::size_t>(j)].tags;
                if (std::any_of(tags.begin(), tags.end(), [&](const std::string& t) {
                        return std::find(mine.begin(), mine.end(), t) != mine.end();
                    }))
                    total += catalog.credentials[static_cast<std::size_t>(j)].credits;
            }
            if (total <= 0) return ref(id(pick(0, owner - 1)));
            if (caps_ && tags.size() > 1 && chance(0.9)) {  // a cap on the second tag (not also the first)
                double capped_total = 0;
                for (int j = 0; j < owner; ++j) {
                    const auto& mine = catalog.credentials[static_cast<std::size_t>(j)].tags;
                    const auto has = [&](const std::string& t) { return std::find(mine.begin(), mine.end(), t) != mine.end(); };
                    if (has(tags[1]) && !has(tags[0])) capped_total += catalog.credentials[static_cast<std::size_t>(j)].credits;
                }
                const int cap = pick(0, std::max(0, static_cast<int>(capped_total) - 1));
                const double counted = total - capped_total + cap;
                // Only a cap whose members all carry tags[1] and not tags[0]
                // is exact for the generator's totals: cap tagged [tags[1]]
                // also names credentials with both tags, so keep it a from-list.
                std::vector<std::string> capped;
                for (int j = 0; j < owner; ++j) {
                    const auto& mine = catalog.credentials[static_cast<std::size_t>(j)].tags;
                    const auto has = [&](const std::string& t) { return std::find(mine.begin(), mine.end(), t) != mine.end(); };
                    if (has(tags[1]) && !has(tags[0])) capped.push_back(id(j));
                }
                if (!capped.empty() && counted >= 1) {
                    Rule capped_rule = credits_tagged(
                        pick(std::max(1, static_cast<int>(counted) / 2), static_cast<int>(counted)), tags);
                    if (chance(0.5)) capped_rule.caps.push_back(credits_from(cap, capped));
                    else capped_rule.caps.push_back(credits_tagged(cap, {tags[1]}));  // may cap more: totals are bounds only
                    return capped_rule;
                }
            }
            return credits_tagged(pick(1, static_cast<int>(routes_ ? std::ceil(total / 2) : total)), tags);
        }
        case 4: {  // skills
            std::vector<std::string> names = closed(catalog, owner, true);
            if (names.empty()) return ref(id(pick(0, owner - 1)));
            if (names.size() > 1 && chance(0.5)) names.resize(static_cast<std::size_t>(pick(1, 2)));
            return skills(names);
        }
        default: {  // all / any / at_least, nested
            std::vector<Rule> children;
            const int size = pick(2, routes_ && depth == 0 ? 4 : 3);
            for (int k = 0; k < size; ++k) children.push_back(rule(catalog, owner, depth + 1));
            if (kind == 7) return all_of(std::move(children));
            if (kind == 5) return any_of(std::move(children));
            return at_least(static_cast<std::uint32_t>(pick(1, size)), std::move(children));
        }
        }
    }

    std::mt19937 rng_;
    std::set<int> used_;  // references of the rule being generated
    double goal_chance_ = 0;
    bool routes_ = false;
    bool intakes_ = false;
    bool exclusions_ = false;
    bool caps_ = false;
    bool corequisites_ = false;
    bool mutual_ = false;
    bool overlaps_ = false;
};

// ---- brute force, written from the contract independently of the planner ----

struct Keys {
    double cost = 0, hours = 0, weeks = 0;
    std::uint32_t count = 0;
    std::uint64_t idkey = 0;
    std::vector<std::uint32_t> ranks;  // sorted
    std::vector<std::uint32_t> set;    // credential indices, sorted
    std::vector<double> start, finish;  // per credential (inf if not in the set)
    bool assigned = false;  // overlap limits were in force: starts depend on the assignment
};

class Brute {
public:
    explicit Brute(const Instance& in) : in_(in), c_(in.catalog.credentials) {
        const auto n = static_cast<std::uint32_t>(c_.size());
        // Sources, scanned directly (not through the catalog's indexes).
        sources_.resize(n);
        for (std::uint32_t i = 0; i < n; ++i) {
            if (c_[i].rule) collect(*c_[i].rule, i, sources_[i]);
            if (c_[i].corequisite) collect(*c_[i].corequisite, i, sources_[i]);
        }
        // Cone of the targets and of what the goal rules name, ranks by id.
        goals_ = in.goal_list();
        std::vector<std::uint8_t> in_cone(n, 0);
        std::vector<std::uint32_t> stack(in.targets);
        for (const auto& [rule, owner] : goals_) collect(*rule, owner, stack);
        for (std::uint32_t t : stack) in_cone[t] = 1;
        while (!stack.empty()) {
            const std::uint32_t v = stack.back();
            stack.pop_back();
            for (std::uint32_t w : sources_[v])
                if (!in_cone[w]) {
                    in_cone[w] = 1;
                    stack.push_back(w);
                }
        }
        std::vector<std::uint32_t> cone;
        for (std::uint32_t i = 0; i < n; ++i)
            if (in_cone[i]) cone.push_back(i);
        std::sort(cone.begin(), cone.end(), [&](std::uint32_t a, std::uint32_t b) { return c_[a].id < c_[b].id; });
        rank_.assign(n, 1000);
        for (std::uint32_t r = 0; r < cone.size(); ++r) rank_[cone[r]] = r;

        held_.assign(n, 0);
        for (std::uint32_t h : in.held) held_[h] = 1;
        // Overlap limits by pair (lower index first), the smaller of two;
        // what each credential's own rule counts.
        const auto limit = [&](std::uint32_t a, std::uint32_t b, std::uint32_t most) {
            if (a == b) return;
            const auto key = std::minmax(a, b);
            auto [it, inserted] = limits_.try_emplace({key.first, key.second}, most);
            if (!inserted) it->second = std::min(it->second, most);
        };
        for (std::uint32_t i = 0; i < n; ++i)
            for (const OverlapLimit& entry : c_[i].overlap) limit(i, find(entry.with), entry.at_most);
        if (in.max_overlap)
            for (std::size_t a = 0; a < in.targets.size(); ++a)
                for (std::size_t b = a + 1; b < in.targets.size(); ++b) limit(in.targets[a], in.targets[b], *in.max_overlap);
        own_.resize(n);
        for (std::uint32_t i = 0; i < n; ++i) {
            if (c_[i].rule) collect(*c_[i].rule, i, own_[i]);
            std::sort(own_[i].begin(), own_[i].end());
            own_[i].erase(std::unique(own_[i].begin(), own_[i].end()), own_[i].end());
        }
        std::vector<std::uint8_t> excluded(n, 0);
        for (std::uint32_t e : in.excluded) excluded[e] = 1;
        for (const auto& goal : goals_)
            if (goal.second != kNoOwner) excluded[goal.second] = 1;  // an owner is never added
        std::vector<std::uint32_t> free;
        for (std::uint32_t i = 0; i < n; ++i)
            if (!held_[i] && !excluded[i]) free.push_back(i);
        for (std::uint32_t bits = 0; bits < (1u << free.size()); ++bits) {
            std::vector<std::uint32_t> set;
            for (std::size_t k = 0; k < free.size(); ++k)
                if (bits & (1u << k)) set.push_back(free[k]);
            if (auto keys = evaluate(set)) valid_.push_back(std::move(*keys));
        }
    }

    const std::vector<Keys>& valid() const { return valid_; }

    // The best valid set under the limits, by the contract's keys.
    const Keys* best(Objective objective, std::optional<double> max_cost, std::optional<double> max_weeks) const {
        const Keys* winner = nullptr;
        for (const Keys& k : valid_) {
            if (max_cost && cmp(k.cost, *max_cost) > 0) continue;
            if (max_weeks && cmp(k.weeks, *max_weeks) > 0) continue;
            if (!winner || better(k, *winner, objective)) winner = &k;
        }
        return winner;
    }

    // Within the limits, best first by the contract's keys.
    std::vector<const Keys*> ranked(Objective objective, std::optional<double> max_cost,
                                    std::optional<double> max_weeks) const {
        std::vector<const Keys*> result;
        for (const Keys& k : valid_) {
            if (max_cost && cmp(k.cost, *max_cost) > 0) continue;
            if (max_weeks && cmp(k.weeks, *max_weeks) > 0) continue;
            result.push_back(&k);
        }
        std::sort(result.begin(), result.end(),
                  [&](const Keys* a, const Keys* b) { return better(*a, *b, objective); });
        return result;
    }

    // The k best different routes: repeatedly the best set left, then every
    // superset of it is dropped.
    std::vector<const Keys*> alternatives(Objective objective, std::optional<double> max_cost,
                                          std::optional<double> max_weeks, std::size_t k) const {
        std::vector<const Keys*> taken;
        for (const Keys* candidate : ranked(objective, max_cost, max_weeks)) {
            if (taken.size() == k) break;
            const bool superset = std::any_of(taken.begin(), taken.end(), [&](const Keys* t) {
                return std::includes(candidate->set.begin(), candidate->set.end(), t->set.begin(), t->set.end());
            });
            if (!superset) taken.push_back(candidate);
        }
        return taken;
    }

    // The non-dominated (cost, weeks) pairs within the limits, by cost, each
    // with the cost plan under max_weeks = its weeks.
    std::vector<const Keys*> frontier(std::optional<double> max_cost, std::optional<double> max_weeks) const {
        // In the cost order a set comes after every set dominating it or with
        // the same pair, so the points found so far are enough to compare
        // with, and the first set of each pair is its cost plan.
        std::vector<const Keys*> points;
        for (const Keys* k : ranked(Objective::Cost, max_cost, max_weeks)) {
            const bool covered = std::any_of(points.begin(), points.end(), [&](const Keys* p) {
                return cmp(p->cost, k->cost) <= 0 && cmp(p->weeks, k->weeks) <= 0;
            });
            if (!covered) points.push_back(k);
        }
        return points;
    }

    // Start week of a credential when only `available` (and held ones) count.
    // With intakes, the first intake day d with d / 7 >= the ready week (up
    // to a millionth of a day).
    double start_with(std::uint32_t c, const std::vector<double>& finish,
                      const std::set<std::pair<std::uint32_t, std::uint32_t>>& withheld = {}) const {
        std::vector<double> counted = finish;  // what c's own rule may count
        for (const auto& [toward, d] : withheld)
            if (toward == c) counted[d] = kInf;
        double ready = c_[c].rule ? sat(*c_[c].rule, c, counted) : 0.0;
        if (c_[c].corequisite && ready != kInf) {
            // Co-requisites count from their start: held ones long before.
            std::vector<double> started(finish.size(), kInf);
            for (std::size_t d = 0; d < finish.size(); ++d)
                if (finish[d] != kInf) started[d] = held_[d] ? -1.0 : finish[d] - c_[d].weeks;
            ready = std::max(ready, sat(*c_[c].corequisite, c, started));
        }
        if (!in_.first_day || in_.intake_days.empty() || !in_.intake_days[c] || ready == kInf) return ready;
        for (long day : *in_.intake_days[c])
            if (static_cast<double>(day) >= ready * 7 - 1e-6) return static_cast<double>(day) / 7;
        return kInf;
    }

private:
    static bool better(const Keys& a, const Keys& b, Objective objective) {
        std::array<double, 4> ka{}, kb{};
        const auto fill = [&](const Keys& k, std::array<double, 4>& out) {
            const double count = k.count;
            switch (objective) {
            case Objective::Cost: out = {k.cost, k.weeks, count, 0}; break;
            case Objective::Hours: out = {k.hours, k.cost, k.weeks, count}; break;
            case Objective::Count: out = {count, k.cost, k.weeks, 0}; break;
            case Objective::Weeks: out = {k.weeks, k.cost, count, 0}; break;
            }
        };
        fill(a, ka);
        fill(b, kb);
        for (std::size_t i = 0; i < 4; ++i)
            if (int order = cmp(ka[i], kb[i])) return order < 0;
        if (a.idkey != b.idkey) return a.idkey < b.idkey;
        // idlex: counts are equal here, so at the first differing position the
        // set with the smaller rank holds the earlier credential.
        return a.ranks < b.ranks;
    }

    bool teaches(std::uint32_t d, const std::string& skill) const {
        return std::find(c_[d].skills.begin(), c_[d].skills.end(), skill) != c_[d].skills.end();
    }
    bool tagged(std::uint32_t d, const std::vector<std::string>& tags) const {
        for (const std::string& tag : tags)
            if (std::find(c_[d].tags.begin(), c_[d].tags.end(), tag) != c_[d].tags.end()) return true;
        return false;
    }
    std::uint32_t find(const std::string& id) const {
        for (std::uint32_t d = 0; d < c_.size(); ++d)
            if (c_[d].id == id) return d;
        FAIL("unknown id " << id);
        return 0;
    }

    void collect(const Rule& rule, std::uint32_t owner, std::vector<std::uint32_t>& out) const {
        switch (rule.kind) {
        case RuleKind::Ref: out.push_back(find(rule.ref)); break;
        case RuleKind::All:
        case RuleKind::Any:
        case RuleKind::AtLeast:
            for (const Rule& child : rule.children) collect(child, owner, out);
            break;
        case RuleKind::CreditsFrom:
            for (const std::string& id : rule.names) out.push_back(find(id));
            break;
        case RuleKind::CreditsTagged:
            for (std::uint32_t d = 0; d < c_.size(); ++d)
                if (d != owner && tagged(d, rule.names)) out.push_back(d);
            break;
        case RuleKind::Skills:
            for (std::uint32_t d = 0; d < c_.size(); ++d)
                for (const std::string& skill : rule.names)
                    if (d != owner && teaches(d, skill)) out.push_back(d);
            break;
        }
    }

    // With caps: the first finish week T at which the sources finished by T
    // count enough, each cap's members together at most its amount.
    double capped_sat(const Rule& rule, std::uint32_t owner, const std::set<std::uint32_t>& from,
                      const std::vector<double>& finish) const {
        std::vector<std::set<std::uint32_t>> caps;
        for (const Rule& cap : rule.caps) {
            std::set<std::uint32_t> members;
            if (cap.kind == RuleKind::CreditsFrom) {
                for (const std::string& id : cap.names) members.insert(find(id));
            } else {
                for (std::uint32_t d = 0; d < c_.size(); ++d)
                    if (d != owner && tagged(d, cap.names)) members.insert(d);
            }
            caps.push_back(members);
        }
        std::set<double> weeks;
        for (std::uint32_t d : from)
            if (finish[d] < kInf) weeks.insert(finish[d]);
        for (double week : weeks) {
            double sum = 0;
            std::vector<double> in_cap(caps.size(), 0.0);
            for (std::uint32_t d : from) {
                if (!(finish[d] <= week)) continue;
                std::size_t k = 0;
                while (k < caps.size() && !caps[k].count(d)) ++k;
                if (k < caps.size()) in_cap[k] += c_[d].credits;
                else sum += c_[d].credits;
            }
            for (std::size_t k = 0; k < caps.size(); ++k) sum += std::min(in_cap[k], rule.caps[k].credits);
            if (sum >= rule.credits - tol(rule.credits, 0)) return week;
        }
        return kInf;
    }

    double sat(const Rule& rule, std::uint32_t owner, const std::vector<double>& finish) const {
        switch (rule.kind) {
        case RuleKind::Ref: return finish[find(rule.ref)];
        case RuleKind::All: {
            double t = 0;
            for (const Rule& child : rule.children) t = std::max(t, sat(child, owner, finish));
            return t;
        }
        case RuleKind::Any: {
            double t = kInf;
            for (const Rule& child : rule.children) t = std::min(t, sat(child, owner, finish));
            return t;
        }
        case RuleKind::AtLeast: {
            std::vector<double> times;
            for (const Rule& child : rule.children) times.push_back(sat(child, owner, finish));
            std::sort(times.begin(), times.end());
            if (rule.at_least == 0) return 0;
            return rule.at_least <= times.size() ? times[rule.at_least - 1] : kInf;
        }
        case RuleKind::CreditsFrom:
        case RuleKind::CreditsTagged: {
            std::set<std::uint32_t> from;
            if (rule.kind == RuleKind::CreditsFrom) {
                for (const std::string& id : rule.names) from.insert(find(id));
            } else {
                for (std::uint32_t d = 0; d < c_.size(); ++d)
                    if (d != owner && tagged(d, rule.names)) from.insert(d);
            }
            if (rule.credits <= 0) return 0;
            if (!rule.caps.empty()) return capped_sat(rule, owner, from, finish);
            // Shortest prefix of the sources by finish reaching the amount.
            std::vector<std::pair<double, double>> done;
            for (std::uint32_t d : from)
                if (finish[d] < kInf) done.emplace_back(finish[d], c_[d].credits);
            std::sort(done.begin(), done.end());
            double sum = 0;
            for (const auto& [at, credits] : done) {
                sum += credits;
                if (sum >= rule.credits - tol(rule.credits, 0)) return at;
            }
            return kInf;
        }
        case RuleKind::Skills: {
            double t = 0;
            for (const std::string& skill : rule.names) {
                double first = kInf;
                for (std::uint32_t d = 0; d < c_.size(); ++d)
                    if (d != owner && teaches(d, skill)) first = std::min(first, finish[d]);
                t = std::max(t, first);
            }
            return t;
        }
        }
        return kInf;
    }

    std::optional<Keys> evaluate(const std::vector<std::uint32_t>& set) const {
        const auto n = static_cast<std::uint32_t>(c_.size());
        std::vector<std::uint8_t> chosen(n, 0);
        for (std::uint32_t c : set) chosen[c] = 1;
        // Never two that exclude each other, held ones included.
        for (std::uint32_t i = 0; i < n; ++i)
            for (const std::string& id : c_[i].excludes) {
                const std::uint32_t j = find(id);
                if ((chosen[i] || held_[i]) && (chosen[j] || held_[j]) && (chosen[i] || chosen[j])) return std::nullopt;
            }
        for (std::uint32_t t : in_.targets)
            if (!held_[t] && !chosen[t]) return std::nullopt;
        // Overlap limits in force: both added. Every assignment of what both
        // sides of a pair could count (everything else counts), the fastest
        // valid one wins.
        std::vector<std::pair<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t>> force;
        for (const auto& [pair, most] : limits_)
            if (chosen[pair.first] && chosen[pair.second]) force.push_back({pair, most});
        if (force.empty()) return schedule_keys(set, chosen, {});
        // Only pairs over their limit when everything counts need a choice:
        // counting less never makes a rule met sooner.
        std::vector<std::pair<std::uint32_t, std::uint32_t>> open;  // (toward, d)
        for (const auto& [pair, most] : force) {
            std::vector<std::uint32_t> shared;
            for (std::uint32_t d : own_[pair.first])
                if ((chosen[d] || held_[d]) && std::binary_search(own_[pair.second].begin(), own_[pair.second].end(), d))
                    shared.push_back(d);
            if (shared.size() > most)
                for (std::uint32_t d : shared)
                    for (std::uint32_t toward : {pair.first, pair.second}) open.emplace_back(toward, d);
        }
        std::sort(open.begin(), open.end());
        open.erase(std::unique(open.begin(), open.end()), open.end());
        REQUIRE(open.size() <= 22);
        std::optional<Keys> best;
        for (std::uint32_t bits = 0; bits < (1u << open.size()); ++bits) {
            std::set<std::pair<std::uint32_t, std::uint32_t>> withheld;
            for (std::size_t k = 0; k < open.size(); ++k)
                if (!(bits & (1u << k))) withheld.insert(open[k]);
            const auto counts = [&](std::uint32_t toward, std::uint32_t d) { return !withheld.count({toward, d}); };
            bool ok = std::all_of(in_.applied.begin(), in_.applied.end(),
                                  [&](const auto& pin) { return counts(pin.second, pin.first); });
            for (const auto& [pair, most] : force) {
                std::uint32_t both = 0;
                for (std::uint32_t d : own_[pair.first])
                    if ((chosen[d] || held_[d]) &&
                        std::binary_search(own_[pair.second].begin(), own_[pair.second].end(), d) &&
                        counts(pair.first, d) && counts(pair.second, d))
                        ++both;
                ok = ok && both <= most;
            }
            if (!ok) continue;
            auto keys = schedule_keys(set, chosen, withheld);
            if (keys && (!best || cmp(keys->weeks, best->weeks) < 0)) best = std::move(keys);
        }
        if (best) best->assigned = true;
        return best;
    }

    std::optional<Keys> schedule_keys(const std::vector<std::uint32_t>& set, const std::vector<std::uint8_t>& chosen,
                                      const std::set<std::pair<std::uint32_t, std::uint32_t>>& withheld) const {
        const auto n = static_cast<std::uint32_t>(c_.size());
        Keys keys;
        keys.finish.assign(n, kInf);
        keys.start.assign(n, kInf);
        for (std::uint32_t i = 0; i < n; ++i)
            if (held_[i]) keys.finish[i] = 0;
        // Requires draw only on lower indices; a co-requisite may draw on a
        // higher one that co-requires it back (taken together). So: every
        // chosen credential from week 0, passes in index order until nothing
        // moves (times only grow: the least solution).
        for (std::uint32_t i = 0; i < n; ++i)
            if (chosen[i]) keys.finish[i] = c_[i].weeks;
        for (bool moved = true; moved;) {
            moved = false;
            for (std::uint32_t i = 0; i < n; ++i) {
                if (!chosen[i]) continue;
                const double start = start_with(i, keys.finish, withheld);
                if (start == kInf) return std::nullopt;
                moved = moved || start + c_[i].weeks != keys.finish[i];
                keys.start[i] = start;
                keys.finish[i] = start + c_[i].weeks;
            }
        }
        for (std::uint32_t i = 0; i < n; ++i) {
            if (!chosen[i]) continue;
            keys.cost += c_[i].cost;
            keys.hours += c_[i].hours;
            keys.weeks = std::max(keys.weeks, keys.finish[i]);
            keys.idkey += rank_[i];
            keys.ranks.push_back(rank_[i]);
        }
        for (const auto& [rule, owner] : goals_)
            if (sat(*rule, owner, keys.finish) == kInf) return std::nullopt;
        std::sort(keys.ranks.begin(), keys.ranks.end());
        keys.count = static_cast<std::uint32_t>(set.size());
        keys.set = set;
        return keys;
    }

    const Instance& in_;
    const std::vector<Credential>& c_;
    std::vector<std::vector<std::uint32_t>> sources_;
    std::vector<std::uint32_t> rank_;
    std::vector<std::uint8_t> held_;
    std::vector<std::pair<const Rule*, std::uint32_t>> goals_;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> limits_;
    std::vector<std::vector<std::uint32_t>> own_;  // what each credential's own rule counts
    std::vector<Keys> valid_;
};

std::string describe(const Rule& rule) {
    std::ostringstream out;
    const auto list = [&](const std::vector<std::string>& names) {
        std::string text;
        for (const std::string& name : names) text += (text.empty() ? "" : ",") + name;
        return text;
    };
    const auto children = [&] {
        std::string text;
        for (const Rule& child : rule.children) text += (text.empty() ? "" : ", ") + describe(child);
        return text;
    };
    switch (rule.kind) {
    case RuleKind::Ref: out << rule.ref; break;
    case RuleKind::All: out << "all(" << children() << ")"; break;
    case RuleKind::Any: out << "any(" << children() << ")"; break;
    case RuleKind::AtLeast: out << "at_least " << rule.at_least << "(" << children() << ")"; break;
    case RuleKind::CreditsFrom: out << rule.credits << " credits from [" << list(rule.names) << "]"; break;
    case RuleKind::CreditsTagged: out << rule.credits << " credits tagged [" << list(rule.names) << "]"; break;
    case RuleKind::Skills: out << "skills [" << list(rule.names) << "]"; break;
    }
    for (const Rule& cap : rule.caps) out << " cap " << describe(cap);
    return out.str();
}

std::string describe(const Instance& in) {
    std::ostringstream out;
    const auto ids = [&](const std::vector<std::uint32_t>& list) {
        std::string text;
        for (std::uint32_t c : list) text += (text.empty() ? "" : " ") + in.catalog.credentials[c].id;
        return text;
    };
    for (const Credential& c : in.catalog.credentials) {
        out << "  " << c.id << ": cost " << c.cost << " hours " << c.hours << " weeks " << c.weeks << " credits "
            << c.credits << " tags [";
        for (const auto& t : c.tags) out << t << " ";
        out << "] skills [";
        for (const auto& s : c.skills) out << s << " ";
        out << "]";
        if (c.rule) out << " requires " << describe(*c.rule);
        if (c.corequisite) out << " corequires " << describe(*c.corequisite);
        for (const auto& e : c.excludes) out << " excludes " << e;
        for (const auto& o : c.overlap) out << " overlap with " << o.with << " at most " << o.at_most;
        out << "\n";
    }
    out << "  targets: " << ids(in.targets) << "; held: " << ids(in.held) << "; excluded: " << ids(in.excluded);
    if (in.max_overlap) out << "; max overlap " << *in.max_overlap;
    for (const auto& [d, toward] : in.applied)
        out << "; apply " << in.catalog.credentials[d].id << " to " << in.catalog.credentials[toward].id;
    for (const GoalRule& goal : in.goals()) {
        out << "\n  goal: " << describe(*goal.rule);
        if (goal.owner) out << " (owned by " << in.catalog.credentials[*goal.owner].id << ")";
    }
    return out.str();
}

std::string set_ids(const Catalog& catalog, std::vector<std::uint32_t> set) {
    std::sort(set.begin(), set.end(), [&](std::uint32_t a, std::uint32_t b) {
        return catalog.credentials[a].id < catalog.credentials[b].id;
    });
    std::string text;
    for (std::uint32_t c : set) text += (text.empty() ? "" : " ") + catalog.credentials[c].id;
    return text;
}

// CREDPATH_PLANNER_ROUNDS / CREDPATH_PLANNER_SEED (and the like for the other
// property tests) run a longer or another search; the defaults keep the unit
// run short and reproducible.
long env_long(const char* name, long fallback) {
    const char* value = std::getenv(name);
    return value ? std::strtol(value, nullptr, 10) : fallback;
}

struct Limits {
    std::optional<double> cost, weeks;
};

// Limits taken from the valid plans so that they bind: between the cheapest
// and the fastest plan when they differ, else one of the three smallest
// values; now and then just below the smallest.
Limits binding_limits(const Brute& brute, std::uint32_t seed) {
    std::mt19937 rng(seed);
    const Keys* cheapest = brute.best(Objective::Cost, std::nullopt, std::nullopt);
    const Keys* fastest = brute.best(Objective::Weeks, std::nullopt, std::nullopt);
    const auto limit_from = [&](auto value, double low, double high) -> std::optional<double> {
        std::vector<double> values;
        for (const Keys& k : brute.valid()) values.push_back(value(k));
        if (values.empty()) return std::nullopt;
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        if (std::bernoulli_distribution(0.12)(rng)) return values.front() - 0.5;
        std::vector<double> between;
        for (double v : values)
            if (v >= low && v < high) between.push_back(v);
        if (between.empty()) between.assign(values.begin(), values.begin() + std::min<std::ptrdiff_t>(3, std::ssize(values)));
        return between[std::uniform_int_distribution<std::size_t>(0, between.size() - 1)(rng)];
    };
    Limits limits;
    limits.cost =
        limit_from([](const Keys& k) { return k.cost; }, cheapest ? cheapest->cost : 0, fastest ? fastest->cost : 0);
    limits.weeks = limit_from([](const Keys& k) { return k.weeks; }, fastest ? fastest->weeks : 0,
                              cheapest ? cheapest->weeks : 0);
    return limits;
}

// 0-3: no limit, --max-cost, --max-weeks, both.
void apply_limits(PlanRequest& request, const Limits& limits, int which) {
    if (which & 1) request.max_cost = limits.cost.value_or(3);
    if (which & 2) request.max_weeks = limits.weeks.value_or(3);
}

std::string limits_text(const PlanRequest& request) {
    return "relax_weeks " + std::to_string(request.relax_weeks) + ", max_cost " +
           (request.max_cost ? std::to_string(*request.max_cost) : "-") + ", max_weeks " +
           (request.max_weeks ? std::to_string(*request.max_weeks) : "-");
}

std::vector<std::uint32_t> chosen_set(const Plan& plan) {
    std::vector<std::uint32_t> chosen;
    for (const PlanStep& step : plan.steps) chosen.push_back(step.credential);
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

// The plan is exactly the brute-force set: keys, and steps in an order where
// each one's rule is met by the held credentials and the earlier steps, at the
// brute-force weeks.
void check_plan(const Instance& in, const Brute& brute, const Plan& plan, const Keys& expected) {
    const std::vector<std::uint32_t> chosen = chosen_set(plan);
    INFO("expected " << set_ids(in.catalog, expected.set) << ", planned " << set_ids(in.catalog, chosen));
    REQUIRE(plan.feasible);
    REQUIRE(chosen == expected.set);
    CHECK(cmp(plan.totals.cost, expected.cost) == 0);
    CHECK(cmp(plan.totals.hours, expected.hours) == 0);
    CHECK(cmp(plan.totals.weeks, expected.weeks) == 0);
    CHECK(plan.totals.count == expected.count);
    // Under overlap limits the steps' starts follow the assignment: the plan's
    // shared credentials keep within each limit in force.
    for (const PlanOverlap& overlap : plan.overlaps) CHECK(overlap.shared.size() <= overlap.at_most);
    if (expected.assigned) return;
    std::vector<double> finish(in.catalog.credentials.size(), kInf);
    for (std::uint32_t h : in.held) finish[h] = 0;
    // Each step starts as its rules allow given the plan's own times (steps
    // taken together see one another).
    for (const PlanStep& step : plan.steps) finish[step.credential] = step.finish_week;
    for (const PlanStep& step : plan.steps) {
        const double start = brute.start_with(step.credential, finish);
        CHECK(cmp(start, expected.start[step.credential]) == 0);
        CHECK(cmp(step.start_week, expected.start[step.credential]) == 0);
        CHECK(cmp(step.finish_week, expected.finish[step.credential]) == 0);
        for (std::uint32_t d : step.unlocks) CHECK(std::find(chosen.begin(), chosen.end(), d) != chosen.end());
    }
}

// Same steps, weeks and totals.
void check_same(const Plan& a, const Plan& b) {
    REQUIRE(a.feasible == b.feasible);
    CHECK(a.optimal == b.optimal);
    CHECK(a.reason == b.reason);
    REQUIRE(a.steps.size() == b.steps.size());
    for (std::size_t i = 0; i < a.steps.size(); ++i) {
        CHECK(a.steps[i].credential == b.steps[i].credential);
        CHECK(a.steps[i].start_week == b.steps[i].start_week);
        CHECK(a.steps[i].finish_week == b.steps[i].finish_week);
        CHECK(a.steps[i].unlocks == b.steps[i].unlocks);
    }
    CHECK(a.totals.cost == b.totals.cost);
    CHECK(a.totals.weeks == b.totals.weeks);
    CHECK(a.totals.count == b.totals.count);
}

// The 3 best alternatives and the whole frontier (no limits) are the brute
// force's, plan for plan.
void check_alternatives_and_frontier(const Instance& in, const DependencyGraph& graph, const Brute& brute,
                                     const PlanRequest& request) {
    const std::vector<Plan> alternatives = make_alternatives(in.catalog, graph, request, 3);
    const std::vector<const Keys*> best = brute.alternatives(request.objective, std::nullopt, std::nullopt, 3);
    if (best.empty()) {
        CHECK_FALSE(alternatives.front().feasible);
    } else {
        REQUIRE(alternatives.size() == best.size());
        for (std::size_t i = 0; i < best.size(); ++i) check_plan(in, brute, alternatives[i], *best[i]);
    }
    const std::vector<Plan> frontier = make_pareto(in.catalog, graph, request);
    const std::vector<const Keys*> points = brute.frontier(std::nullopt, std::nullopt);
    if (points.empty()) {
        CHECK_FALSE(frontier.front().feasible);
    } else {
        REQUIRE(frontier.size() == points.size());
        for (std::size_t i = 0; i < points.size(); ++i) {
            CHECK(frontier[i].optimal);
            check_plan(in, brute, frontier[i], *points[i]);
        }
    }
}

// A construct's count of plans: how many there were, how many had a plan,
// and how many the same catalog without the construct answers otherwise (a
// different set, or with `weeks` a different finish) or only it can answer.
struct Tally {
    int plans = 0, feasible = 0, changed = 0, ruled_out = 0;
};

// Every objective under every combination of limits: the planner's plan is
// the brute force's best (`checked`: the instance the plan is checked
// against, `in` by default), counted against `without`. `adjust` completes
// each request (pins).
void check_objectives(const Instance& in, const DependencyGraph& graph, const Brute& brute, const Brute& without,
                      const Limits& limit_values, bool relax_weeks, int round, Tally& tally, bool weeks = false,
                      const Instance* checked = nullptr,
                      const std::function<void(PlanRequest&)>& adjust = [](PlanRequest&) {}) {
    for (Objective objective : {Objective::Cost, Objective::Hours, Objective::Count, Objective::Weeks})
        for (int limits = 0; limits < 4; ++limits) {
            PlanRequest request = in.request(objective);
            adjust(request);
            request.relax_weeks = relax_weeks;
            apply_limits(request, limit_values, limits);
            const Keys* expected = brute.best(objective, request.max_cost, request.max_weeks);
            const Keys* other = without.best(objective, request.max_cost, request.max_weeks);
            if (other && !expected) ++tally.ruled_out;
            if (other && expected && (other->set != expected->set || (weeks && cmp(other->weeks, expected->weeks) != 0)))
                ++tally.changed;
            const Plan plan = make_plan(in.catalog, graph, request);
            ++tally.plans;
            INFO("round " << round << ", objective " << to_string(objective) << ", " << limits_text(request) << "\n"
                          << describe(in));
            REQUIRE(plan.feasible == (expected != nullptr));
            if (!expected) {
                CHECK_FALSE(plan.reason.empty());
                continue;
            }
            ++tally.feasible;
            CHECK(plan.optimal);
            check_plan(checked ? *checked : in, brute, plan, *expected);
        }
}

// One objective for the alternatives and the frontier, by round.
void check_routes(const Instance& in, const DependencyGraph& graph, const Brute& brute, int round) {
    PlanRequest request = in.request(std::array{Objective::Cost, Objective::Weeks}[static_cast<std::size_t>(round % 2)]);
    request.relax_weeks = round % 3 != 0;
    INFO("round " << round << " (alternatives and frontier)\n" << describe(in));
    check_alternatives_and_frontier(in, graph, brute, request);
}

double seconds_since(std::chrono::steady_clock::time_point started) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace

TEST_CASE("planner property: agrees with brute force on random catalogs") {
    const int kCatalogs = static_cast<int>(env_long("CREDPATH_PLANNER_ROUNDS", 300));
    const bool trace = env_long("CREDPATH_PLANNER_TRACE", 0) != 0;  // names each plan on stderr before it runs
    Generator generator(static_cast<std::uint32_t>(env_long("CREDPATH_PLANNER_SEED", 20240611)));
    generator.set_goal_chance(0.25);
    int goal_plans = 0, goal_feasible = 0;
    int plans = 0, feasible = 0, with_solver = 0, binding = 0, over_limits = 0, trade_offs = 0, untied = 0;
    std::uint64_t solver_calls = 0;
    std::uint32_t most_calls = 0;
    double planner_seconds = 0;
    const auto started = std::chrono::steady_clock::now();
    for (int round = 0; round < kCatalogs; ++round) {
        const Instance in = generator.make();
        const DependencyGraph graph(in.catalog);
        REQUIRE(graph.acyclic());
        const Brute brute(in);
        const Keys* cheapest = brute.best(Objective::Cost, std::nullopt, std::nullopt);
        const Keys* fastest = brute.best(Objective::Weeks, std::nullopt, std::nullopt);
        if (cheapest && cheapest->set != fastest->set) ++trade_offs;
        const Limits limit_values = binding_limits(brute, static_cast<std::uint32_t>(round) * 7919u + 1u);

        for (Objective objective : {Objective::Cost, Objective::Hours, Objective::Count, Objective::Weeks})
            for (int limits = 0; limits < 4; ++limits) {
                PlanRequest request = in.request(objective);
                // Every other catalog without relax-and-check: the full weeks
                // model decides every weeks-capped stage.
                request.relax_weeks = round % 2 == 0;
                apply_limits(request, limit_values, limits);
                const Keys* expected = brute.best(objective, request.max_cost, request.max_weeks);
                if (trace) std::fprintf(stderr, "round %d objective %d limits %d\n", round, static_cast<int>(objective), limits);
                const auto planning = std::chrono::steady_clock::now();
                const Plan plan = make_plan(in.catalog, graph, request);
                planner_seconds += seconds_since(planning);
                ++plans;
                if (!in.goals().empty()) ++goal_plans;
                if (!in.goals().empty() && plan.feasible) ++goal_feasible;
                if (plan.stats.solver_calls > 0) ++with_solver;
                solver_calls += plan.stats.solver_calls;
                most_calls = std::max(most_calls, plan.stats.solver_calls);
                const Keys* unlimited = brute.best(objective, std::nullopt, std::nullopt);
                if (limits && expected && unlimited->set != expected->set) ++binding;
                if (limits && !expected && unlimited) ++over_limits;

                INFO("round " << round << ", objective " << to_string(objective) << ", " << limits_text(request)
                              << "\n" << describe(in));
                REQUIRE(plan.feasible == (expected != nullptr));
                if (!expected) {
                    CHECK_FALSE(plan.reason.empty());
                    continue;
                }
                ++feasible;
                CHECK(plan.optimal);
                check_plan(in, brute, plan, *expected);
                if (objective == Objective::Weeks) {
                    // Without the id tie-breaks (options' fastest plans): the
                    // same weeks, cost and count, by one merged stage where
                    // the numbers allow it.
                    request.settle_ties = false;
                    const Plan loose = make_plan(in.catalog, graph, request);
                    REQUIRE(loose.feasible);
                    CHECK(loose.optimal);
                    CHECK(cmp(loose.totals.weeks, expected->weeks) == 0);
                    CHECK(cmp(loose.totals.cost, expected->cost) == 0);
                    CHECK(loose.totals.count == expected->count);
                    ++untied;
                }
            }
    }
    MESSAGE(untied << " fastest plans without the id tie-breaks");
    MESSAGE(plans << " plans on " << kCatalogs << " catalogs (" << trade_offs
                  << " where the cheapest and the fastest plan differ): " << feasible << " feasible, " << with_solver
                  << " used the solver (" << solver_calls << " calls, at most " << most_calls << " for one plan), " << binding << " changed by a limit, " << over_limits
                  << " infeasible only by a limit, " << goal_plans << " with goal rules (" << goal_feasible
                  << " feasible); " << seconds_since(started) << " s, " << planner_seconds << " s planning");
    // The generator must keep producing the interesting cases.
    CHECK(feasible > plans / 3);
    CHECK(with_solver > plans / 3);
    CHECK(trade_offs > kCatalogs / 10);
    CHECK(binding > plans / 40);
    CHECK(over_limits > plans / 20);
    CHECK(goal_plans > plans / 10);
    CHECK(goal_feasible > goal_plans / 4);
}

TEST_CASE("planner property: k best alternatives agree with brute force") {
    // Each catalog: one objective and one combination of limits in turn, the
    // first plans of the brute-force order with every superset of a taken
    // plan dropped.
    const int kCatalogs = static_cast<int>(env_long("CREDPATH_ALTERNATIVES_ROUNDS", 200));
    constexpr std::size_t kBest = 4;
    Generator generator(static_cast<std::uint32_t>(env_long("CREDPATH_ALTERNATIVES_SEED", 20240612)));
    generator.set_goal_chance(0.2);
    generator.set_routes(true);
    int lists = 0, feasible = 0, several = 0, full = 0, sharing = 0;
    std::size_t plans = 0, solver_calls = 0;
    double planner_seconds = 0;
    const auto started = std::chrono::steady_clock::now();
    for (int round = 0; round < kCatalogs; ++round) {
        const Instance in = generator.make();
        const DependencyGraph graph(in.catalog);
        const Brute brute(in);
        const Objective objective = std::array{Objective::Cost, Objective::Hours, Objective::Count,
                                               Objective::Weeks}[static_cast<std::size_t>(round % 4)];
        PlanRequest request = in.request(objective);
        request.relax_weeks = round % 3 != 0;
        // Limits in every other catalog (they often leave a single route).
        apply_limits(request, binding_limits(brute, static_cast<std::uint32_t>(round) * 104729u + 7u),
                     round % 2 ? 0 : 1 + (round / 2) % 3);
        const auto planning = std::chrono::steady_clock::now();
        const std::vector<Plan> alternatives = make_alternatives(in.catalog, graph, request, kBest);
        planner_seconds += seconds_since(planning);
        const std::vector<const Keys*> expected = brute.alternatives(objective, request.max_cost, request.max_weeks, kBest);
        ++lists;
        plans += alternatives.size();
        for (const Plan& plan : alternatives) solver_calls += plan.stats.solver_calls;
        INFO("round " << round << ", objective " << to_string(objective) << ", " << limits_text(request) << "\n"
                      << describe(in));
        REQUIRE_FALSE(alternatives.empty());
        check_same(alternatives.front(), make_plan(in.catalog, graph, request));
        if (expected.empty()) {
            CHECK(alternatives.size() == 1);
            CHECK_FALSE(alternatives.front().feasible);
            continue;
        }
        ++feasible;
        if (expected.size() > 1) ++several;
        if (expected.size() == kBest) ++full;
        REQUIRE(alternatives.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            INFO("alternative " << i);
            CHECK(alternatives[i].optimal);
            check_plan(in, brute, alternatives[i], *expected[i]);
        }
        // The second route shares a step with the first beyond the targets:
        // routes are not disjoint, only not supersets.
        if (expected.size() > 1) {
            std::vector<std::uint32_t> shared;
            std::set_intersection(expected[0]->set.begin(), expected[0]->set.end(), expected[1]->set.begin(),
                                  expected[1]->set.end(), std::back_inserter(shared));
            if (std::any_of(shared.begin(), shared.end(), [&](std::uint32_t c) {
                    return std::find(in.targets.begin(), in.targets.end(), c) == in.targets.end();
                }))
                ++sharing;
        }
    }
    MESSAGE(lists << " lists of up to " << kBest << " alternatives on " << kCatalogs << " catalogs: " << feasible
                  << " feasible, " << several << " with several plans (" << sharing
                  << " sharing a step), " << full << " full, " << plans
                  << " plans in all (" << solver_calls << " solver calls); " << seconds_since(started) << " s, " << planner_seconds << " s planning");
    CHECK(feasible > lists / 3);
    CHECK(several > feasible / 3);
    CHECK(full > feasible / 10);
    CHECK(sharing > several / 10);
}

TEST_CASE("planner property: the cost-time frontier agrees with brute force") {
    const int kCatalogs = static_cast<int>(env_long("CREDPATH_FRONTIER_ROUNDS", 200));
    Generator generator(static_cast<std::uint32_t>(env_long("CREDPATH_FRONTIER_SEED", 20240613)));
    generator.set_goal_chance(0.2);
    generator.set_routes(true);
    int frontiers = 0, feasible = 0, two = 0, three = 0;
    std::size_t points = 0, most = 0, solver_calls = 0;
    double planner_seconds = 0;
    const auto started = std::chrono::steady_clock::now();
    for (int round = 0; round < kCatalogs; ++round) {
        const Instance in = generator.make();
        const DependencyGraph graph(in.catalog);
        const Brute brute(in);
        // The objective must not matter.
        PlanRequest request = in.request(round % 2 ? Objective::Weeks : Objective::Hours);
        request.relax_weeks = round % 3 != 0;
        apply_limits(request, binding_limits(brute, static_cast<std::uint32_t>(round) * 15485863u + 3u),
                     round % 2 ? 0 : 1 + (round / 2) % 3);
        const auto planning = std::chrono::steady_clock::now();
        const std::vector<Plan> frontier = make_pareto(in.catalog, graph, request);
        planner_seconds += seconds_since(planning);
        const std::vector<const Keys*> expected = brute.frontier(request.max_cost, request.max_weeks);
        ++frontiers;
        for (const Plan& plan : frontier) solver_calls += plan.stats.solver_calls;
        INFO("round " << round << ", " << limits_text(request) << "\n" << describe(in));
        REQUIRE_FALSE(frontier.empty());
        PlanRequest cost_request = request;
        cost_request.objective = Objective::Cost;
        check_same(frontier.front(), make_plan(in.catalog, graph, cost_request));
        if (expected.empty()) {
            CHECK(frontier.size() == 1);
            CHECK_FALSE(frontier.front().feasible);
            continue;
        }
        ++feasible;
        points += expected.size();
        most = std::max(most, expected.size());
        if (expected.size() >= 2) ++two;
        if (expected.size() >= 3) ++three;
        REQUIRE(frontier.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            INFO("point " << i);
            CHECK(frontier[i].optimal);
            check_plan(in, brute, frontier[i], *expected[i]);
            if (i > 0) {
                CHECK(cmp(frontier[i - 1].totals.cost, frontier[i].totals.cost) < 0);
                CHECK(cmp(frontier[i].totals.weeks, frontier[i - 1].totals.weeks) < 0);
            }
        }
        // The last point is as fast as the weeks plan.
        CHECK(cmp(frontier.back().totals.weeks,
                  brute.best(Objective::Weeks, request.max_cost, request.max_weeks)->weeks) == 0);
    }
    MESSAGE(frontiers << " frontiers on " << kCatalogs << " catalogs: " << feasible << " feasible, " << two
                      << " with 2 points or more, " << three << " with 3 or more (at most " << most << "), " << points
                      << " points in all (" << solver_calls << " solver calls); " << seconds_since(started) << " s, " << planner_seconds << " s planning");
    CHECK(feasible > frontiers / 3);
    CHECK(two > feasible / 8);
    CHECK(three > 0);
}

TEST_CASE("planner property: intake dates agree with brute force") {
    // Each catalog with intakes on about half its credentials: every objective
    // and limit, then the alternatives and the frontier, against brute force;
    // the same catalog without intakes must often give another answer.
    const int kCatalogs = static_cast<int>(env_long("CREDPATH_INTAKES_ROUNDS", 120));
    Generator generator(static_cast<std::uint32_t>(env_long("CREDPATH_INTAKES_SEED", 20261205)));
    generator.set_goal_chance(0.15);
    generator.set_intakes(true);
    Tally tally;
    for (int round = 0; round < kCatalogs; ++round) {
        const Instance in = generator.make();
        const DependencyGraph graph(in.catalog);
        REQUIRE(graph.acyclic());
        const Brute brute(in);
        Instance self_paced = in;
        self_paced.first_day.reset();
        const Brute without(self_paced);
        check_objectives(in, graph, brute, without, binding_limits(brute, static_cast<std::uint32_t>(round) * 7919u + 5u),
                         round % 2 == 0, round, tally, true);
        check_routes(in, graph, brute, round);
    }
    MESSAGE(tally.plans << " plans on " << kCatalogs << " catalogs with intakes: " << tally.feasible << " feasible, "
                        << tally.changed << " answered otherwise without intakes, " << tally.ruled_out
                        << " infeasible only by intakes; " << kCatalogs << " alternative lists and frontiers");
    CHECK(tally.feasible > tally.plans / 4);
    CHECK(tally.changed > tally.plans / 10);
    CHECK(tally.ruled_out > tally.plans / 50);
}

TEST_CASE("planner property: exclusions agree with brute force") {
    // Catalogs with two to four pairs that exclude each other: every
    // objective and limit, then the alternatives and the frontier, against
    // brute force; the same catalog without them must often answer otherwise.
    const int kCatalogs = static_cast<int>(env_long("CREDPATH_EXCLUSIONS_ROUNDS", 150));
    Generator generator(static_cast<std::uint32_t>(env_long("CREDPATH_EXCLUSIONS_SEED", 20261206)));
    generator.set_goal_chance(0.15);
    generator.set_exclusions(true);
    generator.set_routes(true);
    Tally tally;
    int shut_out = 0;
    for (int round = 0; round < kCatalogs; ++round) {
        const Instance in = generator.make();
        const DependencyGraph graph(in.catalog);
        REQUIRE(graph.acyclic());
        const Brute brute(in);
        Instance free_of_them = in;
        for (Credential& c : free_of_them.catalog.credentials) c.excludes.clear();
        const Brute without(free_of_them);
        for (std::uint32_t h : in.held)
            if (!graph.excluded_with(h).empty()) ++shut_out;
        check_objectives(in, graph, brute, without, binding_limits(brute, static_cast<std::uint32_t>(round) * 7919u + 11u),
                         round % 2 == 0, round, tally);
        check_routes(in, graph, brute, round);
    }
    MESSAGE(tally.plans << " plans on " << kCatalogs << " catalogs with exclusions: " << tally.feasible << " feasible, "
                        << tally.changed << " answered otherwise without them, " << tally.ruled_out
                        << " infeasible only by them; " << shut_out << " held credentials shutting another out");
    CHECK(tally.feasible > tally.plans / 4);
    CHECK(tally.changed > tally.plans / 20);
    CHECK(tally.ruled_out > tally.plans / 50);
    CHECK(shut_out > kCatalogs / 20);
}

TEST_CASE("planner property: pins (include) agree with brute force") {
    // One or two credentials pinned into each plan: the planner must give the
    // brute force's best plan among the sets holding them (as if targets),
    // for every objective and limit, held and excluded ones among the pins.
    const int kCatalogs = static_cast<int>(env_long("CREDPATH_PINS_ROUNDS", 100));
    Generator generator(static_cast<std::uint32_t>(env_long("CREDPATH_PINS_SEED", 20261207)));
    generator.set_goal_chance(0.15);
    generator.set_routes(true);
    std::mt19937 rng(7);
    Tally tally;
    for (int round = 0; round < kCatalogs; ++round) {
        const Instance in = generator.make();
        const DependencyGraph graph(in.catalog);
        const auto n = static_cast<int>(in.catalog.credentials.size());
        std::vector<std::uint32_t> pins;
        const int count = std::uniform_int_distribution<int>(1, 2)(rng);
        for (int k = 0; k < count; ++k) {
            const auto pin = static_cast<std::uint32_t>(std::uniform_int_distribution<int>(0, n - 1)(rng));
            if (std::find(pins.begin(), pins.end(), pin) == pins.end()) pins.push_back(pin);
        }
        Instance pinned = in;  // the brute force's view: pins are targets
        for (std::uint32_t pin : pins)
            if (std::find(pinned.targets.begin(), pinned.targets.end(), pin) == pinned.targets.end())
                pinned.targets.push_back(pin);
        const Brute brute(pinned);
        const Brute free_of_pins(in);
        INFO("pins " << set_ids(in.catalog, pins));
        check_objectives(in, graph, brute, free_of_pins,
                         binding_limits(brute, static_cast<std::uint32_t>(round) * 7919u + 13u), round % 2 == 0, round,
                         tally, false, &pinned, [&](PlanRequest& request) { request.included = pins; });
    }
    MESSAGE(tally.plans << " plans on " << kCatalogs << " catalogs with pins: " << tally.feasible << " feasible, "
                        << tally.changed << " changed by the pins, " << tally.ruled_out << " infeasible only by them");
    CHECK(tally.feasible > tally.plans / 4);
    CHECK(tally.changed > tally.plans / 4);
    CHECK(tally.ruled_out > 0);
}

TEST_CASE("planner property: credit caps agree with brute force") {
    // Catalogs whose credits rules often cap part of their sources: every
    // objective and limit, then the alternatives and the frontier, against
    // brute force; the same catalog without the caps must often answer
    // otherwise.
    const int kCatalogs = static_cast<int>(env_long("CREDPATH_CAPS_ROUNDS", 150));
    Generator generator(static_cast<std::uint32_t>(env_long("CREDPATH_CAPS_SEED", 20261208)));
    generator.set_goal_chance(0.15);
    generator.set_caps(true);
    generator.set_routes(true);
    Tally tally;
    int capped = 0;
    const auto strip = [](Rule& rule, const auto& self) -> bool {
        bool had = !rule.caps.empty();
        rule.caps.clear();
        for (Rule& child : rule.children) had = self(child, self) || had;
        return had;
    };
    for (int round = 0; round < kCatalogs; ++round) {
        const Instance in = generator.make();
        const DependencyGraph graph(in.catalog);
        REQUIRE(graph.acyclic());
        const Brute brute(in);
        Instance uncapped = in;
        bool any_cap = false;
        for (Credential& c : uncapped.catalog.credentials)
            if (c.rule) any_cap = strip(*c.rule, strip) || any_cap;
        for (Rule& goal : uncapped.free_goals) any_cap = strip(goal, strip) || any_cap;
        if (any_cap) ++capped;
        const Brute without(uncapped);
        check_objectives(in, graph, brute, without, binding_limits(brute, static_cast<std::uint32_t>(round) * 7919u + 17u),
                         round % 2 == 0, round, tally);
        check_routes(in, graph, brute, round);
    }
    MESSAGE(tally.plans << " plans on " << kCatalogs << " catalogs (" << capped << " with caps): " << tally.feasible
                        << " feasible, " << tally.changed << " answered otherwise without the caps, "
                        << tally.ruled_out << " infeasible only by them");
    CHECK(capped > kCatalogs / 3);
    CHECK(tally.feasible > tally.plans / 4);
    CHECK(tally.changed > tally.plans / 20);
    CHECK(tally.ruled_out > tally.plans / 200);
}

TEST_CASE("planner property: co-requisites agree with brute force") {
    // Catalogs where a third of the credentials must be taken with (or
    // after the start of) another: every objective and limit, with intakes in
    // every other catalog, then the alternatives and the frontier.
    const int kCatalogs = static_cast<int>(env_long("CREDPATH_COREQUISITES_ROUNDS", 150));
    Generator generator(static_cast<std::uint32_t>(env_long("CREDPATH_COREQUISITES_SEED", 20261209)));
    generator.set_goal_chance(0.15);
    generator.set_corequisites(true);
    generator.set_mutual(true);
    generator.set_routes(true);
    Generator dated(static_cast<std::uint32_t>(env_long("CREDPATH_COREQUISITES_SEED", 20261209)) + 1);
    dated.set_corequisites(true);
    dated.set_mutual(true);
    dated.set_intakes(true);
    Tally tally;
    int together = 0;  // catalogs with credentials taken together
    for (int round = 0; round < kCatalogs; ++round) {
        const Instance in = round % 2 ? dated.make() : generator.make();
        const DependencyGraph graph(in.catalog);
        REQUIRE(graph.acyclic());
        if (graph.has_bundles()) ++together;
        const Brute brute(in);
        Instance free_of_them = in;
        for (Credential& c : free_of_them.catalog.credentials) c.corequisite.reset();
        const Brute without(free_of_them);
        check_objectives(in, graph, brute, without, binding_limits(brute, static_cast<std::uint32_t>(round) * 7919u + 19u),
                         round % 3 == 0, round, tally, true);
        check_routes(in, graph, brute, round);
    }
    MESSAGE(tally.plans << " plans on " << kCatalogs << " catalogs with co-requisites: " << tally.feasible
                        << " feasible, " << tally.changed << " answered otherwise without them, " << tally.ruled_out
                        << " infeasible only by them");
    CHECK(tally.feasible > tally.plans / 4);
    CHECK(tally.changed > tally.plans / 20);
    CHECK(tally.ruled_out > tally.plans / 100);
    MESSAGE(together << " of them with credentials taken together");
    CHECK(together > kCatalogs / 6);
}

TEST_CASE("planner property: overlap limits agree with brute force") {
    // Two targets whose rules share sources, most with an overlap limit
    // between them (and now and then two other credentials), every third
    // catalog with --max-overlap, every fourth with a pinned assignment:
    // every objective and limit, with intakes in every other catalog, then
    // the alternatives and the frontier. The brute force tries every
    // assignment of every set.
    const int kCatalogs = static_cast<int>(env_long("CREDPATH_OVERLAP_ROUNDS", 150));
    Generator generator(static_cast<std::uint32_t>(env_long("CREDPATH_OVERLAP_SEED", 20261210)));
    generator.set_goal_chance(0.1);
    generator.set_overlaps(true);
    generator.set_routes(true);
    Generator dated(static_cast<std::uint32_t>(env_long("CREDPATH_OVERLAP_SEED", 20261210)) + 1);
    dated.set_overlaps(true);
    dated.set_intakes(true);
    std::mt19937 rng(11);
    Tally tally;
    int pinned = 0;
    for (int round = 0; round < kCatalogs; ++round) {
        Instance in = round % 2 ? dated.make() : generator.make();
        if (round % 3 == 0) in.max_overlap = static_cast<std::uint32_t>(round % 2);
        if (round % 4 == 1 && round % 3 != 0 && in.targets.size() == 2) {
            // Pin one source of a target's own rule to it (both become targets).
            const std::uint32_t toward = in.targets[static_cast<std::size_t>(round % 8 == 1)];
            const std::vector<std::uint32_t> own = counted_toward(in.catalog, toward);
            if (!own.empty()) {
                const std::uint32_t d = own[std::uniform_int_distribution<std::size_t>(0, own.size() - 1)(rng)];
                if (std::find(in.excluded.begin(), in.excluded.end(), d) == in.excluded.end()) {
                    in.applied.emplace_back(d, toward);
                    ++pinned;
                }
            }
        }
        Instance checked = in;  // the brute force's view: pinned credentials are targets
        for (const auto& [d, toward] : in.applied)
            for (std::uint32_t pin : {d, toward})
                if (!std::count(checked.held.begin(), checked.held.end(), pin) &&
                    std::find(checked.targets.begin(), checked.targets.end(), pin) == checked.targets.end())
                    checked.targets.push_back(pin);
        const DependencyGraph graph(in.catalog);
        REQUIRE(graph.acyclic());
        const Brute brute(checked);
        Instance free_of_them = checked;
        for (Credential& c : free_of_them.catalog.credentials) c.overlap.clear();
        free_of_them.max_overlap.reset();
        free_of_them.applied.clear();
        const Brute without(free_of_them);
        check_objectives(in, graph, brute, without, binding_limits(brute, static_cast<std::uint32_t>(round) * 7919u + 23u),
                         round % 3 == 0, round, tally, true, &checked);
        if (in.applied.empty()) check_routes(in, graph, brute, round);
    }
    MESSAGE(tally.plans << " plans on " << kCatalogs << " catalogs with overlap limits (" << pinned
                        << " with a pinned assignment): " << tally.feasible << " feasible, " << tally.changed
                        << " answered otherwise without them, " << tally.ruled_out << " infeasible only by them");
    CHECK(tally.feasible > tally.plans / 4);
    CHECK(tally.changed > tally.plans / 20);
    CHECK(tally.ruled_out > tally.plans / 100);
}

TEST_CASE("planner property: catalogs in two currencies and credit units, converted, agree with brute force") {
    // Each random catalog split in two files: the first in USD and semester
    // hours, the second in EUR (1 EUR = 2 USD) and ECTS (1 ECTS = 1/2
    // semester hour), its prices halved and its credits and the amounts its
    // credits rules ask doubled. Loaded together with the rates, the
    // converted catalog must be the original to the cent and plan as the
    // brute force of the original says.
    const int kCatalogs = static_cast<int>(env_long("CREDPATH_CONVERSION_ROUNDS", 100));
    Generator generator(static_cast<std::uint32_t>(env_long("CREDPATH_CONVERSION_SEED", 20261207)));
    generator.set_caps(true);
    generator.set_routes(true);
    Conversion conversion;
    conversion.rates = load_rates_text("format: credpath-rates/1\n"
                                       "currencies: {date: 2026-12-01, base: EUR, rates: {USD: 2}}\n"
                                       "credit_units: [{from: ECTS, to: semester hours, factor: 1/2}]\n");
    const auto doubled = [](Rule& rule, const auto& self) -> void {
        if (rule.kind == RuleKind::CreditsFrom || rule.kind == RuleKind::CreditsTagged) rule.credits *= 2;
        for (Rule& child : rule.children) self(child, self);
        for (Rule& cap : rule.caps) self(cap, self);
    };
    Tally tally;
    int loaded_rounds = 0;
    for (int round = 0; round < kCatalogs; ++round) {
        const Instance in = generator.make();
        Catalog us, eu;
        us.currency = "USD";
        us.credit_unit = "semester hours";
        eu.currency = "EUR";
        eu.credit_unit = "ECTS";
        const std::size_t half = in.catalog.credentials.size() / 2;
        for (std::size_t i = 0; i < in.catalog.credentials.size(); ++i) {
            Credential c = in.catalog.credentials[i];
            if (i < half) {
                us.credentials.push_back(std::move(c));
                continue;
            }
            c.cost /= 2;
            c.credits *= 2;
            for (auto* rule : {&c.rule, &c.corequisite})
                if (*rule) doubled(**rule, doubled);
            eu.credentials.push_back(std::move(c));
        }
        const LoadResult loaded = load_catalog_sources(
            {{"us.yaml", catalog_to_yaml(us, {})}, {"eu.yaml", catalog_to_yaml(eu, {})}}, {}, conversion);
        // A generated rule the loader refuses (an amount its caps never
        // allow) is refused written in one file too.
        Catalog one = in.catalog;
        one.currency = "USD";
        one.credit_unit = "semester hours";
        const bool loads = load_catalog_sources({{"one.yaml", catalog_to_yaml(one, {})}}).ok();
        REQUIRE(loaded.ok() == loads);
        if (!loaded.ok()) continue;
        ++loaded_rounds;
        REQUIRE(loaded.catalog.conversion.has_value());
        REQUIRE(loaded.catalog.credentials.size() == in.catalog.credentials.size());
        CHECK(loaded.catalog.currency == "USD");
        CHECK(loaded.catalog.credit_unit == "semester hours");
        Instance converted = in;
        converted.catalog = loaded.catalog;
        for (std::size_t i = 0; i < in.catalog.credentials.size(); ++i) {
            CHECK(converted.catalog.credentials[i].id == in.catalog.credentials[i].id);
            CHECK(converted.catalog.credentials[i].cost == in.catalog.credentials[i].cost);
            CHECK(converted.catalog.credentials[i].credits == in.catalog.credentials[i].credits);
        }
        const DependencyGraph graph(converted.catalog);
        REQUIRE(graph.acyclic());
        const Brute brute(in);
        check_objectives(converted, graph, brute, brute, binding_limits(brute, static_cast<std::uint32_t>(round) * 7919u + 29u),
                         round % 2 == 0, round, tally, false, &in);
    }
    MESSAGE(tally.plans << " plans on " << loaded_rounds << " converted catalogs: " << tally.feasible << " feasible");
    CHECK(loaded_rounds > kCatalogs * 3 / 4);
    CHECK(tally.feasible > tally.plans / 4);
}

TEST_CASE("planner property: the reach-cost bound and list --max-cost agree with brute force") {
    // Every credential of each catalog as a target of its own: the bound is
    // never above the cheapest plan's cost (exclusions and co-requisites
    // included), and within_reach_cost keeps exactly the credentials whose
    // cheapest plan costs at most the limit, with that cost.
    const int kCatalogs = static_cast<int>(env_long("CREDPATH_REACH_ROUNDS", 80));
    Generator generator(static_cast<std::uint32_t>(env_long("CREDPATH_REACH_SEED", 20261207)));
    generator.set_exclusions(true);
    generator.set_corequisites(true);
    int bounded = 0, exact = 0, kept = 0, left_out = 0;
    for (int round = 0; round < kCatalogs; ++round) {
        Instance in = generator.make();
        in.free_goals.clear();
        in.owned_goals.clear();
        in.first_day.reset();
        const DependencyGraph graph(in.catalog);
        REQUIRE(graph.acyclic());
        std::vector<std::uint32_t> held = in.held, excluded = in.excluded;
        std::sort(held.begin(), held.end());
        std::sort(excluded.begin(), excluded.end());
        const std::vector<double> bound = reach_cost_bound(in.catalog, graph, held, excluded);
        const auto n = static_cast<std::uint32_t>(in.catalog.credentials.size());
        std::vector<double> cheapest(n, kInf);
        for (std::uint32_t c = 0; c < n; ++c) {
            Instance one = in;
            one.targets = {c};
            const Brute brute(one);
            const Keys* best = brute.best(Objective::Cost, std::nullopt, std::nullopt);
            if (best) cheapest[c] = best->cost;
            INFO("round " << round << ", credential " << in.catalog.credentials[c].id << "\n" << describe(one));
            CHECK(cmp(bound[c], cheapest[c]) <= 0);
            ++bounded;
            if (cheapest[c] != kInf && cmp(bound[c], cheapest[c]) == 0) ++exact;
        }
        std::vector<std::uint32_t> all;
        for (std::uint32_t c = 0; c < n; ++c) all.push_back(c);
        std::sort(all.begin(), all.end(), [&](std::uint32_t a, std::uint32_t b) {
            return in.catalog.credentials[a].id < in.catalog.credentials[b].id;
        });
        ReachFilter filter;
        filter.held = held;
        filter.excluded = excluded;
        filter.max_cost = static_cast<double>(round % 9);
        const ReachFiltered found = within_reach_cost(in.catalog, graph, all, filter);
        std::vector<std::uint32_t> expected;
        for (std::uint32_t c : all)
            if (cheapest[c] != kInf && cmp(cheapest[c], filter.max_cost) <= 0) expected.push_back(c);
        INFO("round " << round << ", max cost " << filter.max_cost << "\n" << describe(in));
        CHECK(found.within == expected);
        REQUIRE(found.cost.size() == found.within.size());
        for (std::size_t i = 0; i < found.within.size(); ++i) CHECK(cmp(found.cost[i], cheapest[found.within[i]]) == 0);
        CHECK(found.unproven == 0);
        kept += static_cast<int>(expected.size());
        left_out += static_cast<int>(n - expected.size());
    }
    MESSAGE(bounded << " bounds, " << exact << " of them exact; " << kept << " credentials kept by the filter, "
                    << left_out << " left out");
    CHECK(kept > kCatalogs);
    CHECK(left_out > kCatalogs);
    CHECK(exact > bounded / 4);
}

