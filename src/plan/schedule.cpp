#include "credpath/plan/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "planner_internal.hpp"

namespace credpath {

using planner_detail::kInf;
using planner_detail::ready_week;

namespace {

constexpr double kSlack = 1e-9;

std::uint32_t whole_weeks(double value) {
    return value <= kSlack ? 0u : static_cast<std::uint32_t>(std::ceil(value - kSlack));
}

struct Job {
    std::uint32_t credential = 0;
    std::uint32_t duration = 0;  // whole weeks
    double load = 0;
    bool intakes = false;
};

// Days from the first day; calendar week k is days [7k, 7k + 7).
using Day = long;

Day whole_days(double days) { return days <= kSlack ? 0 : static_cast<Day>(std::ceil(days - 1e-6)); }

// Weekly study hours in use, by calendar week.
class Usage {
public:
    // The calendar weeks a step of `duration` weeks begun on `day` touches.
    static std::pair<Day, Day> weeks_of(Day day, std::uint32_t duration) {
        if (duration == 0) return {0, 0};
        return {day / 7, (day + 7 * static_cast<Day>(duration) - 1) / 7 + 1};
    }
    bool fits(Day day, const Job& job, double capacity) const {
        const auto [first, end] = weeks_of(day, job.duration);
        for (Day w = first; w < end; ++w)
            if (at(w) + job.load > capacity + kSlack) return false;
        return true;
    }
    void add(Day day, const Job& job) {
        const auto [first, end] = weeks_of(day, job.duration);
        if (end > static_cast<Day>(hours_.size())) hours_.resize(static_cast<std::size_t>(end), 0.0);
        for (Day w = first; w < end; ++w) hours_[static_cast<std::size_t>(w)] += job.load;
    }
    double at(Day w) const { return w < static_cast<Day>(hours_.size()) ? hours_[static_cast<std::size_t>(w)] : 0.0; }
    const std::vector<double>& hours() const { return hours_; }

private:
    std::vector<double> hours_;
};

class Scheduler {
public:
    Scheduler(const Catalog& catalog, const std::vector<std::uint32_t>& held, const Plan& plan, double capacity,
              const std::optional<Date>& first_day)
        : catalog_(catalog), held_(held.begin(), held.end()), plan_withheld_(plan.withheld), capacity_(capacity),
          first_day_(first_day) {
        for (std::size_t i = 0; i < plan.steps.size(); ++i) {
            const Credential& c = catalog.credentials[plan.steps[i].credential];
            Job job;
            job.credential = plan.steps[i].credential;
            job.duration = whole_weeks(c.weeks);
            if (job.duration == 0 && c.hours > kSlack) job.duration = whole_weeks(c.hours / capacity);
            job.load = job.duration > 0 ? c.hours / job.duration : 0;
            if (job.load > capacity + kSlack) {
                job.duration = whole_weeks(c.hours / capacity);
                job.load = c.hours / job.duration;
            }
            job.intakes = planner_detail::has_intakes(c, first_day);
            position_[job.credential] = i;
            jobs_.push_back(job);
        }
        // Steps taken together: each reaches the other through co-requisites
        // among the steps. Not the graph's bundles: a held member, or one
        // outside the plan, breaks the ring, and the others need not start
        // on one day.
        group_.resize(jobs_.size());
        std::vector<std::vector<std::size_t>> co(jobs_.size());
        for (std::size_t i = 0; i < jobs_.size(); ++i)
            if (const auto& rule = catalog.credentials[jobs_[i].credential].corequisite)
                for_each_source(catalog, *rule, jobs_[i].credential, [&](std::uint32_t d) {
                    if (auto found = position_.find(d); found != position_.end() && found->second != i)
                        co[i].push_back(found->second);
                });
        std::vector<std::vector<std::uint8_t>> reach(jobs_.size());
        for (std::size_t i = 0; i < jobs_.size(); ++i) {
            if (co[i].empty()) continue;
            reach[i].assign(jobs_.size(), 0);
            std::vector<std::size_t> stack(co[i]);
            while (!stack.empty()) {
                const std::size_t k = stack.back();
                stack.pop_back();
                if (reach[i][k]) continue;
                reach[i][k] = 1;
                stack.insert(stack.end(), co[k].begin(), co[k].end());
            }
        }
        for (std::size_t i = 0; i < jobs_.size(); ++i)
            for (std::size_t k = 0; k < jobs_.size(); ++k)
                if (!reach[i].empty() && !reach[k].empty() && reach[i][k] && reach[k][i]) group_[i].push_back(k);
        // Longest path to the end through what each step unlocks.
        tail_.assign(jobs_.size(), 0);
        for (std::size_t i = jobs_.size(); i-- > 0;) {
            std::uint32_t longest = 0;
            for (std::uint32_t next : plan.steps[i].unlocks)
                if (auto found = position_.find(next); found != position_.end())
                    longest = std::max(longest, tail_[found->second]);
            tail_[i] = jobs_[i].duration + longest;
        }
    }

    const std::vector<Job>& jobs() const { return jobs_; }

    // Day job i is ready given the finish days known so far (kInf: not yet).
    double ready_at(std::size_t i, const std::vector<double>& finish) const {
        const auto finish_of = [&](std::uint32_t d) {
            if (held_.count(d)) return 0.0;
            auto found = position_.find(d);
            return found == position_.end() ? kInf : finish[found->second];
        };
        // A placed step started its duration before it finishes; a step taken
        // together with job i starts with it (group_start places them so).
        const auto start_of = [&](std::uint32_t d) {
            if (held_.count(d)) return 0.0;
            auto found = position_.find(d);
            if (found == position_.end()) return kInf;
            if (finish[found->second] == kInf)
                return std::binary_search(group_[i].begin(), group_[i].end(), found->second) ? 0.0 : kInf;
            return finish[found->second] - 7 * jobs_[found->second].duration;
        };
        // What the plan's overlap assignment withholds from it does not count.
        const std::uint32_t c = jobs_[i].credential;
        const auto& withheld = plan_withheld_;
        const auto counted = [&](std::uint32_t d) {
            return std::binary_search(withheld.begin(), withheld.end(), std::pair{c, d}) ? kInf : finish_of(d);
        };
        return ready_week(catalog_, c, counted, start_of);
    }

    // The first day on or after `ready` job i may start on: its first intake
    // then, or the start of a calendar week when it is self-paced; -1: none.
    Day first_start(std::size_t i, double ready) const {
        if (!jobs_[i].intakes) return 7 * ((whole_days(ready) + 6) / 7);
        const double week = planner_detail::start_week(catalog_.credentials[jobs_[i].credential], ready / 7, first_day_);
        return week == kInf ? -1 : static_cast<Day>(std::llround(week * 7));
    }

    // The critical path in weeks (days / 7), with intakes; kInf when a step
    // has no intake left even without a capacity.
    double critical_path() const {
        std::vector<double> finish(jobs_.size(), kInf);
        double end = 0;
        // Plan order is a dependency order; steps taken together see one
        // another from below and settle in further rounds (times only grow).
        for (bool changed = true; changed;) {
            changed = false;
            for (std::size_t i = 0; i < jobs_.size(); ++i) {
                const Day start = group_[i].empty() ? first_start(i, ready_at(i, finish))
                                                    : common_start(group_[i], ready_at(i, finish));
                if (start < 0) return kInf;
                const double at = static_cast<double>(start + 7 * static_cast<Day>(jobs_[i].duration));
                changed = changed || at != finish[i];
                finish[i] = at;
                end = std::max(end, finish[i]);
            }
            if (!has_groups()) break;
        }
        return end / 7;
    }

    // Serial schedule generation: repeatedly place the most urgent step whose
    // rule can be met by what is placed, at the first start with room for it.
    // nullopt (with `blocked`) when a step runs out of intakes.
    std::optional<std::vector<ScheduledStep>> run(const std::function<bool(std::size_t, std::size_t)>& before,
                                                  std::size_t& blocked) const {
        const std::size_t n = jobs_.size();
        std::vector<double> finish(n, kInf);
        std::vector<std::uint8_t> placed(n, 0);
        Usage usage;
        std::vector<ScheduledStep> out(n);
        for (std::size_t round = 0; round < n; ++round) {
            if (std::all_of(placed.begin(), placed.end(), [](std::uint8_t p) { return p != 0; })) break;
            std::size_t pick = n;
            double pick_ready = 0;
            for (std::size_t i = 0; i < n; ++i) {
                if (placed[i]) continue;
                // A step taken with others is ready when all of them are.
                double ready = ready_at(i, finish);
                for (std::size_t k : group_[i]) ready = std::max(ready, ready_at(k, finish));
                if (ready == kInf) continue;
                if (pick == n || before(i, pick)) {
                    pick = i;
                    pick_ready = ready;
                }
            }
            if (pick == n) break;  // cannot happen for a feasible plan
            if (!group_[pick].empty()) {
                if (!place_group(group_[pick], finish, usage, placed, out, blocked)) return std::nullopt;
                continue;
            }
            const Job& job = jobs_[pick];
            Day start = first_start(pick, pick_ready);
            while (start >= 0 && !usage.fits(start, job, capacity_))
                start = job.intakes ? first_start(pick, static_cast<double>(start + 1)) : start + 7;
            if (start < 0) {
                blocked = pick;
                return std::nullopt;
            }
            usage.add(start, job);
            placed[pick] = 1;
            finish[pick] = static_cast<double>(start + 7 * static_cast<Day>(job.duration));
            out[pick] = step(pick, start);
        }
        return out;
    }

    // Parallel schedule generation: week by week, start every step that is
    // ready, most urgent first, while the week's hours allow; packs light steps
    // side by side where the serial scheme leaves gaps. A step with intakes
    // starts in the week of its intake.
    std::optional<std::vector<ScheduledStep>> run_parallel(
        const std::function<bool(std::size_t, std::size_t)>& before, std::size_t& blocked) const {
        if (has_groups()) return std::nullopt;  // the serial scheme places steps taken together
        const std::size_t n = jobs_.size();
        std::vector<double> finish(n, kInf);
        std::vector<std::uint8_t> placed(n, 0);
        Usage usage;
        std::vector<ScheduledStep> out(n);
        std::size_t left = n;
        for (Day week = 0; left > 0;) {
            std::vector<std::size_t> ready;
            std::vector<Day> starts(n, -1);
            for (std::size_t i = 0; i < n; ++i) {
                if (placed[i]) continue;
                const double at = ready_at(i, finish);
                if (at == kInf || at > static_cast<double>(7 * week + 6) + kSlack) continue;
                const Day start = first_start(i, std::max(at, static_cast<double>(7 * week)));
                if (start < 0) {
                    blocked = i;
                    return std::nullopt;
                }
                if (start >= 7 * week + 7) continue;  // its intake is in a later week
                starts[i] = start;
                ready.push_back(i);
            }
            std::stable_sort(ready.begin(), ready.end(), before);
            bool progress = false;
            for (std::size_t i : ready) {
                const Job& job = jobs_[i];
                if (!usage.fits(starts[i], job, capacity_)) continue;
                usage.add(starts[i], job);
                placed[i] = 1;
                finish[i] = static_cast<double>(starts[i] + 7 * static_cast<Day>(job.duration));
                out[i] = step(i, starts[i]);
                --left;
                progress = true;
            }
            // A zero-week step may have made others ready in this same week.
            bool again = false;
            if (progress)
                for (std::size_t i : ready)
                    if (placed[i] && jobs_[i].duration == 0) again = true;
            if (!again) ++week;
            if (week > 1000000) break;  // cannot happen for a feasible plan
        }
        return out;
    }

    std::uint32_t tail(std::size_t i) const { return tail_[i]; }

private:
    bool has_groups() const {
        return std::any_of(group_.begin(), group_.end(), [](const auto& g) { return !g.empty(); });
    }

    // The first day on or after `ready` that steps taken together can all
    // start on: an intake of each that has intakes (the self-paced ones start
    // that day too), else the start of a calendar week; -1: none.
    Day common_start(const std::vector<std::size_t>& group, double ready) const {
        if (ready == kInf) return -1;
        const bool intakes = std::any_of(group.begin(), group.end(), [&](std::size_t k) { return jobs_[k].intakes; });
        if (!intakes) return first_start(group.front(), ready);
        Day day = whole_days(ready);
        for (int round = 0; round < 100000; ++round) {
            Day latest = day;
            for (std::size_t k : group) {
                if (!jobs_[k].intakes) continue;
                const Day at = first_start(k, static_cast<double>(day));
                if (at < 0) return -1;
                latest = std::max(latest, at);
            }
            if (latest == day) return day;
            day = latest;
        }
        return -1;
    }

    // Places every step of `group` on one day, the first with room for all.
    bool place_group(const std::vector<std::size_t>& group, std::vector<double>& finish, Usage& usage,
                     std::vector<std::uint8_t>& placed, std::vector<ScheduledStep>& out, std::size_t& blocked) const {
        double ready = 0;
        for (std::size_t k : group) ready = std::max(ready, ready_at(k, finish));
        const bool intakes = std::any_of(group.begin(), group.end(), [&](std::size_t k) { return jobs_[k].intakes; });
        for (Day day = common_start(group, ready); day >= 0;) {
            Usage trial = usage;
            bool fits = true;
            for (std::size_t k : group) {
                fits = fits && trial.fits(day, jobs_[k], capacity_);
                trial.add(day, jobs_[k]);
            }
            if (fits) {
                usage = std::move(trial);
                for (std::size_t k : group) {
                    placed[k] = 1;
                    finish[k] = static_cast<double>(day + 7 * static_cast<Day>(jobs_[k].duration));
                    out[k] = step(k, day);
                }
                return true;
            }
            day = intakes ? common_start(group, static_cast<double>(day + 1)) : day + 7;
        }
        blocked = group.front();
        return false;
    }

    ScheduledStep step(std::size_t i, Day start) const {
        const Job& job = jobs_[i];
        const Day finish = start + 7 * static_cast<Day>(job.duration);
        return ScheduledStep{job.credential, static_cast<double>(start) / 7, static_cast<double>(finish) / 7,
                             job.duration, job.load};
    }

    const Catalog& catalog_;
    std::unordered_set<std::uint32_t> held_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> plan_withheld_;  // Plan::withheld
    std::unordered_map<std::uint32_t, std::size_t> position_;
    double capacity_;
    std::optional<Date> first_day_;
    std::vector<Job> jobs_;
    std::vector<std::uint32_t> tail_;
    std::vector<std::vector<std::size_t>> group_;  // by job: the jobs taken together with it, itself included
};

}  // namespace

CapacitySchedule schedule_with_capacity(const Catalog& catalog, const std::vector<std::uint32_t>& held,
                                        const Plan& plan, double hours_per_week,
                                        const std::optional<Date>& first_day) {
    Scheduler scheduler(catalog, held, plan, hours_per_week, first_day);
    CapacitySchedule best;
    best.hours_per_week = hours_per_week;
    const auto& jobs = scheduler.jobs();
    const std::vector<std::function<bool(std::size_t, std::size_t)>> rules = {
        [&](std::size_t a, std::size_t b) { return scheduler.tail(a) > scheduler.tail(b); },
        [&](std::size_t, std::size_t) { return false; },  // the plan's order
        [&](std::size_t a, std::size_t b) { return jobs[a].duration < jobs[b].duration; },
        [&](std::size_t a, std::size_t b) { return jobs[a].load > jobs[b].load + kSlack; },
        // Steps bound to intakes cannot wait for room as self-paced ones can.
        [&](std::size_t a, std::size_t b) {
            if (jobs[a].intakes != jobs[b].intakes) return jobs[a].intakes;
            return scheduler.tail(a) > scheduler.tail(b);
        },
    };
    bool found = false;
    std::size_t blocked = 0;
    for (std::size_t variant = 0; variant < 2 * rules.size(); ++variant) {
        const auto& rule = rules[variant % rules.size()];
        auto steps = variant < rules.size() ? scheduler.run(rule, blocked) : scheduler.run_parallel(rule, blocked);
        if (!steps) continue;
        double weeks = 0;
        for (const ScheduledStep& step : *steps) weeks = std::max(weeks, step.finish_week);
        if (!found || weeks < best.weeks - kSlack) {
            best.steps = std::move(*steps);
            best.weeks = weeks;
            found = true;
        }
    }
    if (!found) {
        const Credential& late = catalog.credentials[jobs[blocked].credential];
        const auto last = last_intake(*late.starts);
        best.feasible = false;
        best.reason = fmt::format("at {} hours a week, {} cannot start on any of its intakes{}",
                                  planner_detail::format_number(hours_per_week), late.id,
                                  last ? fmt::format(" (the last is {})", to_string(*last)) : "");
        return best;
    }
    double hours = 0;
    for (const Job& job : jobs) hours += job.load * job.duration;
    best.critical_path = scheduler.critical_path();
    best.hours_bound = whole_weeks(hours / hours_per_week);
    // Steps heavier than half the capacity can never overlap one another.
    std::uint32_t heavy = 0;
    for (const Job& job : jobs)
        if (job.load > hours_per_week / 2 + kSlack) heavy += job.duration;
    best.heavy_bound = heavy;
    best.lower_bound = std::max({best.critical_path, static_cast<double>(best.hours_bound),
                                 static_cast<double>(best.heavy_bound)});
    best.optimal = best.weeks <= best.lower_bound + kSlack;
    Usage usage;
    for (std::size_t i = 0; i < best.steps.size(); ++i)
        usage.add(static_cast<Day>(std::llround(best.steps[i].start_week * 7)), jobs[i]);
    for (double load : usage.hours()) best.peak_load = std::max(best.peak_load, load);
    return best;
}

}  // namespace credpath
