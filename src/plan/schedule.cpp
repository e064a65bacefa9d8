#include "credpath/plan/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "planner_internal.hpp"

namespace credpath {

using planner_detail::kInf;
using planner_detail::sat_time;

namespace {

constexpr double kSlack = 1e-9;

std::uint32_t whole_weeks(double value) {
    return value <= kSlack ? 0u : static_cast<std::uint32_t>(std::ceil(value - kSlack));
}

struct Job {
    std::uint32_t credential = 0;
    std::uint32_t duration = 0;
    double load = 0;
};

class Scheduler {
public:
    Scheduler(const Catalog& catalog, const std::vector<std::uint32_t>& held, const Plan& plan, double capacity)
        : catalog_(catalog), held_(held.begin(), held.end()), capacity_(capacity) {
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
            position_[job.credential] = i;
            jobs_.push_back(job);
        }
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

    // Earliest start of job i given the finish weeks known so far (kInf: not yet).
    double ready_at(std::size_t i, const std::vector<double>& finish) const {
        const Credential& c = catalog_.credentials[jobs_[i].credential];
        if (!c.rule) return 0;
        return sat_time(catalog_, *c.rule, jobs_[i].credential, [&](std::uint32_t d) {
            if (held_.count(d)) return 0.0;
            auto found = position_.find(d);
            return found == position_.end() ? kInf : finish[found->second];
        });
    }

    std::uint32_t critical_path() const {
        std::vector<double> finish(jobs_.size(), kInf);
        double end = 0;
        for (std::size_t i = 0; i < jobs_.size(); ++i) {  // plan order is a dependency order
            finish[i] = ready_at(i, finish) + jobs_[i].duration;
            end = std::max(end, finish[i]);
        }
        return whole_weeks(end);
    }

    // Serial schedule generation: repeatedly place the most urgent step whose
    // rule can be met by what is placed, at the first weeks with room for it.
    std::vector<ScheduledStep> run(const std::function<bool(std::size_t, std::size_t)>& before) const {
        const std::size_t n = jobs_.size();
        std::vector<double> finish(n, kInf);
        std::vector<std::uint8_t> placed(n, 0);
        std::vector<double> usage;
        std::vector<ScheduledStep> out(n);
        for (std::size_t round = 0; round < n; ++round) {
            std::size_t pick = n;
            double pick_ready = 0;
            for (std::size_t i = 0; i < n; ++i) {
                if (placed[i]) continue;
                const double ready = ready_at(i, finish);
                if (ready == kInf) continue;
                if (pick == n || before(i, pick)) {
                    pick = i;
                    pick_ready = ready;
                }
            }
            if (pick == n) break;  // cannot happen for a feasible plan
            const Job& job = jobs_[pick];
            std::uint32_t start = whole_weeks(pick_ready);
            if (job.duration > 0) {
                for (;; ++start) {
                    bool fits = true;
                    for (std::uint32_t w = start; w < start + job.duration && fits; ++w)
                        fits = (w < usage.size() ? usage[w] : 0.0) + job.load <= capacity_ + kSlack;
                    if (fits) break;
                }
                if (usage.size() < start + job.duration) usage.resize(start + job.duration, 0.0);
                for (std::uint32_t w = start; w < start + job.duration; ++w) usage[w] += job.load;
            }
            placed[pick] = 1;
            finish[pick] = start + job.duration;
            out[pick] = ScheduledStep{job.credential, start, start + job.duration, job.duration, job.load};
        }
        return out;
    }

    // Parallel schedule generation: week by week, start every step that is
    // ready, most urgent first, while the week's hours allow; packs light steps
    // side by side where the serial scheme leaves gaps.
    std::vector<ScheduledStep> run_parallel(const std::function<bool(std::size_t, std::size_t)>& before) const {
        const std::size_t n = jobs_.size();
        std::vector<double> finish(n, kInf);
        std::vector<std::uint8_t> placed(n, 0);
        std::vector<double> usage;
        std::vector<ScheduledStep> out(n);
        std::size_t left = n;
        for (std::uint32_t week = 0; left > 0;) {
            std::vector<std::size_t> ready;
            for (std::size_t i = 0; i < n; ++i)
                if (!placed[i] && ready_at(i, finish) <= week + kSlack) ready.push_back(i);
            std::stable_sort(ready.begin(), ready.end(), before);
            bool progress = false;
            for (std::size_t i : ready) {
                const Job& job = jobs_[i];
                bool fits = true;
                for (std::uint32_t w = week; w < week + job.duration && fits; ++w)
                    fits = (w < usage.size() ? usage[w] : 0.0) + job.load <= capacity_ + kSlack;
                if (!fits) continue;
                if (usage.size() < week + job.duration) usage.resize(week + job.duration, 0.0);
                for (std::uint32_t w = week; w < week + job.duration; ++w) usage[w] += job.load;
                placed[i] = 1;
                finish[i] = week + job.duration;
                out[i] = ScheduledStep{job.credential, week, week + job.duration, job.duration, job.load};
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
    const Catalog& catalog_;
    std::unordered_set<std::uint32_t> held_;
    std::unordered_map<std::uint32_t, std::size_t> position_;
    double capacity_;
    std::vector<Job> jobs_;
    std::vector<std::uint32_t> tail_;
};

}  // namespace

CapacitySchedule schedule_with_capacity(const Catalog& catalog, const std::vector<std::uint32_t>& held,
                                        const Plan& plan, double hours_per_week) {
    Scheduler scheduler(catalog, held, plan, hours_per_week);
    CapacitySchedule best;
    best.hours_per_week = hours_per_week;
    const auto& jobs = scheduler.jobs();
    const std::vector<std::function<bool(std::size_t, std::size_t)>> rules = {
        [&](std::size_t a, std::size_t b) { return scheduler.tail(a) > scheduler.tail(b); },
        [&](std::size_t, std::size_t) { return false; },  // the plan's order
        [&](std::size_t a, std::size_t b) { return jobs[a].duration < jobs[b].duration; },
        [&](std::size_t a, std::size_t b) { return jobs[a].load > jobs[b].load + kSlack; },
    };
    bool first = true;
    for (std::size_t variant = 0; variant < 2 * rules.size(); ++variant) {
        const auto& rule = rules[variant % rules.size()];
        std::vector<ScheduledStep> steps = variant < rules.size() ? scheduler.run(rule) : scheduler.run_parallel(rule);
        std::uint32_t weeks = 0;
        for (const ScheduledStep& step : steps) weeks = std::max(weeks, step.finish_week);
        if (first || weeks < best.weeks) {
            best.steps = std::move(steps);
            best.weeks = weeks;
            first = false;
        }
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
    best.lower_bound = std::max({best.critical_path, best.hours_bound, best.heavy_bound});
    best.optimal = best.weeks == best.lower_bound;
    std::vector<double> usage(best.weeks, 0.0);
    for (const ScheduledStep& step : best.steps)
        for (std::uint32_t w = step.start_week; w < step.finish_week; ++w) usage[w] += step.load;
    for (double load : usage) best.peak_load = std::max(best.peak_load, load);
    return best;
}

}  // namespace credpath
