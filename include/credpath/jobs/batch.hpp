// Many plan requests against one catalog: answering each, in parallel and in
// input order, sharding by line, and the aggregate a CI job shows. Nothing here
// prints; render_batch turns answers and summaries into text.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "credpath/load/check.hpp"
#include "credpath/load/requests.hpp"
#include "credpath/model/exit_code.hpp"
#include "credpath/model/names.hpp"
#include "credpath/plan/answer.hpp"
#include "credpath/plan/resolve.hpp"

namespace credpath {

// `--shard K/N`: the requests whose 0-based line index (line - 1) is K modulo N.
struct Shard {
    std::size_t index = 0;
    std::size_t count = 1;
    bool takes(std::size_t line) const { return (line - 1) % count == index; }
};
// "K/N" with 0 <= K < N; nullopt otherwise.
std::optional<Shard> parse_shard(std::string_view text);

struct BatchAnswer {
    RequestLine request;  // as read: line and id always set when the line had them
    BatchStatus status = BatchStatus::Error;
    std::optional<ResolvedRequest> resolved;  // unless Error
    PlanAnswer result;                        // unless Error
    std::string error;                        // when Error: `problems` joined by "; "
    std::vector<std::string> problems;        // when Error: each fault, located where it can be
};

// Reads nothing and throws nothing: every fault becomes an Error answer.
// `line`'s own fields over `defaults` (the command's flags), resolved as a
// batch line is (every fault in one message) and answered by answer_plan.
BatchAnswer answer_request(const CheckedCatalog& catalog, const RequestLine& line, const Request& defaults,
                           const ResolveContext& context);

// The request whose goal a summary files an answer under: as resolved (a
// profile may name the goal), or the line's own when it could not be answered.
const Request& answer_goal(const BatchAnswer& answer);
// The same for an answer written by an earlier run (status as written): the
// line resolved again, without planning. A line that no longer resolves (its
// profile changed) is filed under its own fields.
Request written_goal(const CheckedCatalog& catalog, const RequestLine& line, BatchStatus written,
                     const Request& defaults, const ResolveContext& context);

// ---- resuming an interrupted run

// What an interrupted run left (its output so far, `text`, read from `name`)
// and a resumed run keeps: every complete line; a last line without its "\n"
// was cut short and is dropped. They must answer the first of `lines` (the
// requests the run answers, in order): the same line numbers and ids, else
// InputError "NAME:N: ..." naming the first that does not.
std::vector<OutputLine> answers_to_keep(std::string_view text, std::string_view name,
                                        const std::vector<const RequestLine*>& lines);

// Calls work(i) for every i < count on `jobs` threads and emit(i, result) on
// the calling thread in index order, each as soon as it and all before it are
// done; at most a few results per thread wait for their turn. An exception
// from `work` or `emit` stops the run and is rethrown once the threads are
// joined. `stop()` returning true also ends the run early (after the results
// already emitted).
template <typename Result, typename Work, typename Emit, typename Stop>
void run_in_order(std::size_t count, unsigned jobs, Work work, Emit emit, Stop stop) {
    jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(count, 1))));
    std::mutex mutex;
    std::condition_variable ready;      // a result arrived (for the emitter)
    std::condition_variable has_room;  // the window moved (for the workers)
    std::map<std::size_t, Result> done;
    std::size_t next_job = 0;
    std::size_t next_emit = 0;
    bool failed = false;
    std::exception_ptr failure;
    // Bounds memory when one slow request holds up the ones after it.
    const std::size_t window = std::size_t{8} * jobs;

    auto worker = [&] {
        for (;;) {
            std::size_t index = 0;
            {
                std::unique_lock lock(mutex);
                has_room.wait(lock, [&] { return failed || next_job >= count || next_job < next_emit + window; });
                if (failed || next_job >= count) return;
                index = next_job++;
            }
            try {
                Result result = work(index);
                std::lock_guard lock(mutex);
                done.emplace(index, std::move(result));
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!failed) failure = std::current_exception();
                failed = true;
                has_room.notify_all();
            }
            ready.notify_one();
        }
    };
    std::vector<std::thread> threads;
    threads.reserve(jobs);
    for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);

    try {
        while (next_emit < count) {
            Result result;
            {
                std::unique_lock lock(mutex);
                ready.wait(lock, [&] { return failed || done.count(next_emit) > 0; });
                if (failed) break;
                auto it = done.find(next_emit);
                result = std::move(it->second);
                done.erase(it);
            }
            emit(next_emit, std::move(result));
            {
                std::lock_guard lock(mutex);
                ++next_emit;
            }
            has_room.notify_all();
            if (stop()) break;
        }
    } catch (...) {
        std::lock_guard lock(mutex);
        if (!failed) failure = std::current_exception();
        failed = true;
    }
    {
        std::lock_guard lock(mutex);
        failed = failed || next_emit < count;  // stopped early: workers quit
    }
    has_room.notify_all();
    for (std::thread& thread : threads) thread.join();
    if (failure) std::rethrow_exception(failure);
}

// ---- how a run ends

// --fail-on: the answers that fail a completed run. Error (the default): an
// answer that is an error (exit 2); Infeasible: also a request without a
// feasible plan (exit 1, unless there are errors); Never: none (exit 0).
enum class FailOn { Error, Infeasible, Never };
inline constexpr Named<FailOn> kFailOn[] = {
    {FailOn::Error, "error"}, {FailOn::Infeasible, "infeasible"}, {FailOn::Never, "never"}};
// The exit code of a run that answered every request it was given.
ExitCode batch_exit_code(std::size_t errors, std::size_t infeasible, FailOn fail_on);

// What a run's closing line says: what became of its requests, how many of
// those answers it took over from the run it resumed, and how long it took.
struct BatchTally {
    std::size_t requests = 0;
    std::size_t planned = 0;
    std::size_t infeasible = 0;
    std::size_t errors = 0;
    std::size_t resumed = 0;
    double seconds = 0;
    void count(BatchStatus status);
};

// ---- summaries

// A linear interpolation between closest ranks (as numpy's default and
// spreadsheets' PERCENTILE.INC): p in [0, 1]; `values` need not be sorted.
double percentile(std::vector<double> values, double p);

struct SummaryRow {
    std::string goal;  // "dai-cert-ml", "a + b", "skills: python, sql", or "(unreadable requests)"
    std::size_t asked = 0;
    std::size_t feasible = 0;
    std::size_t infeasible = 0;
    std::size_t errors = 0;
    std::optional<double> median_cost, p90_cost, median_weeks, p90_weeks;  // over feasible plans
    std::vector<std::pair<std::string, std::size_t>> most_missing;          // the plans' most frequent steps
};

struct BatchSummary {
    std::size_t requests = 0;
    std::size_t planned = 0;
    std::size_t infeasible = 0;
    std::size_t errors = 0;
    std::vector<SummaryRow> rows;  // by goal
};

// Collects answers; `summary()` aggregates them per goal (the request's targets,
// then its skills): a request with several targets counts once, under all of
// them together. `top` is how many missing credentials a row lists.
// An answer is counted as it was written (its line read back), so that a
// resumed run, which reads the answers of the run it continues, sums to the
// same bytes as one run: the written numbers are rounded.
class SummaryBuilder {
public:
    explicit SummaryBuilder(std::size_t top = 5) : top_(top) {}
    // `goal` is answer_goal() or written_goal() of the answer.
    void add(const Request& goal, const OutputLine& written);
    BatchSummary summary() const;

private:
    struct Group {
        SummaryRow row;
        std::vector<double> costs, weeks;
        std::map<std::string, std::size_t> missing;
    };
    std::size_t top_;
    BatchSummary totals_;
    std::map<std::string, Group> groups_;
};

// The goal label of a request, as the summary groups it.
std::string goal_label(const Request& request);

}  // namespace credpath
