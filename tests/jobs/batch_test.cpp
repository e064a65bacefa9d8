// Batch planning: shards, answering one request, running work in order across
// threads, reading batch outputs back, resuming, the exit code of --fail-on,
// percentiles and the per-goal summary. The batch renderings (answer lines,
// summaries, the tally) are tested in tests/report/render_batch_test.cpp.
#include <cmath>
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "credpath/jobs/batch.hpp"
#include "credpath/report/render_batch.hpp"
#include "batch_fixtures.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {
using test::kSummaryRequests;
using test::resolve_options;
using test::small_catalog;


// The answers to every line of `text` (as "r.jsonl"), in order.
std::vector<BatchAnswer> answers(const CheckedCatalog& catalog, const std::string& text) {
    std::vector<BatchAnswer> out;
    for (const RequestLine& line : read_requests(text, "r.jsonl"))
        out.push_back(answer_request(catalog, line, Request{}, resolve_options()));
    return out;
}

BatchAnswer only_answer(const CheckedCatalog& catalog, const std::string& text) {
    std::vector<BatchAnswer> all = answers(catalog, text);
    REQUIRE(all.size() == 1);
    return std::move(all[0]);
}

std::vector<std::string> step_ids(const CheckedCatalog& catalog, const Plan& plan) {
    std::vector<std::string> ids;
    for (const PlanStep& step : plan.steps) ids.push_back(catalog.catalog.credentials[step.credential].id);
    return ids;
}

Request request_for(std::vector<std::string> targets, std::vector<std::string> skills) {
    Request request;
    request.targets = std::move(targets);
    request.skills = std::move(skills);
    return request;
}

// A few microseconds to a millisecond, different for every index, so that
// threads finish out of order.
void sleep_a_little(std::size_t index) {
    std::mt19937 generator(static_cast<std::mt19937::result_type>(index * 7919 + 17));
    std::uniform_int_distribution<int> micros(0, 1000);
    std::this_thread::sleep_for(std::chrono::microseconds(micros(generator)));
}


// Adds an answer to a summary as a run does: its line written and read back.
void add_written(SummaryBuilder& builder, const CheckedCatalog& catalog, const BatchAnswer& answer) {
    builder.add(answer_goal(answer), read_batch_output(render_batch_answer(catalog, answer), "out.jsonl").at(0));
}

std::string input_error(const std::string& text) {
    try {
        read_batch_output(text, "out.jsonl");
    } catch (const InputError& error) {
        return error.message;
    }
    return "no error";
}

}  // namespace

// ---- shards

TEST_CASE("batch: parse_shard reads K/N with 0 <= K < N") {
    const std::optional<Shard> first = parse_shard("0/1");
    REQUIRE(first);
    CHECK(first->index == 0);
    CHECK(first->count == 1);
    const std::optional<Shard> last = parse_shard("2/3");
    REQUIRE(last);
    CHECK(last->index == 2);
    CHECK(last->count == 3);
    const std::optional<Shard> padded = parse_shard("01/010");
    REQUIRE(padded);
    CHECK(padded->index == 1);
    CHECK(padded->count == 10);
}

TEST_CASE("batch: parse_shard rejects anything but two plain decimal counts with K < N") {
    for (const char* text : {"3/3", "4/3", "a/2", "1/b", "1/0", "0/0", "", "/", "1/", "/2", "1", "1/2/3", "-1/2",
                             "1/-2", "+1/2", " 1/2", "1/2 ", "1 /2", "1/ 2", "0x1/2", "1.0/2",
                             "99999999999999999999999/99999999999999999999999"}) {
        CAPTURE(text);
        CHECK_FALSE(parse_shard(text));
    }
}

TEST_CASE("batch: Shard::takes the lines whose 0-based index is K modulo N") {
    const Shard whole{};  // 0/1
    for (std::size_t line = 1; line <= 5; ++line) CHECK(whole.takes(line));

    const Shard second{1, 3};
    std::vector<std::size_t> taken;
    for (std::size_t line = 1; line <= 10; ++line)
        if (second.takes(line)) taken.push_back(line);
    CHECK(taken == std::vector<std::size_t>{2, 5, 8});

    // Every line goes to exactly one of the N shards.
    for (std::size_t line = 1; line <= 20; ++line) {
        int owners = 0;
        for (std::size_t k = 0; k < 4; ++k) owners += Shard{k, 4}.takes(line) ? 1 : 0;
        CHECK(owners == 1);
    }
}

// ---- percentile

TEST_CASE("batch: percentile interpolates linearly between closest ranks, like numpy") {
    CHECK(percentile({42}, 0) == 42);
    CHECK(percentile({42}, 0.5) == 42);
    CHECK(percentile({42}, 0.9) == 42);
    CHECK(percentile({42}, 1) == 42);
    // p = 0 and p = 1 are the minimum and the maximum.
    CHECK(percentile({5, 1, 9, 3}, 0) == 1);
    CHECK(percentile({5, 1, 9, 3}, 1) == 9);
    // An even count: the median is halfway between the middle two.
    CHECK(percentile({1, 2, 3, 4}, 0.5) == 2.5);
    CHECK(percentile({10, 20}, 0.5) == 15);
    // An odd count: the middle value.
    CHECK(percentile({80, 150, 180}, 0.5) == 150);
    // p90 of 1..10: rank 0.9 * 9 = 8.1, so 9 + 0.1 * (10 - 9) (numpy: 9.1).
    CHECK(percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9) == doctest::Approx(9.1));
    // p90 of three: rank 1.8, so 150 + 0.8 * (180 - 150).
    CHECK(percentile({80, 150, 180}, 0.9) == doctest::Approx(174));
    // p25 of 0, 10, 20, 30, 40: rank 1, exactly the second value.
    CHECK(percentile({0, 10, 20, 30, 40}, 0.25) == 10);
}

TEST_CASE("batch: percentile clamps p to [0, 1]") {
    CHECK(percentile({5, 1, 9}, -0.5) == 1);
    CHECK(percentile({5, 1, 9}, 7) == 9);
    CHECK(percentile({5, 1, 9}, std::nan("")) == 1);
}

TEST_CASE("batch: percentile sorts its input first") {
    CHECK(percentile({10, 1, 7, 4, 2, 9, 3, 8, 6, 5}, 0.9) == doctest::Approx(9.1));
    CHECK(percentile({180, 80, 150}, 0.5) == 150);
    CHECK(percentile({4, 3, 2, 1}, 0.5) == 2.5);
    CHECK(percentile({3, 1, 3, 1}, 0.5) == 2);
    CHECK(percentile({-2, 6, 0}, 0.75) == doctest::Approx(3));
}

TEST_CASE("batch: percentile of no values is 0") { CHECK(percentile({}, 0.5) == 0); }

// ---- goal labels

TEST_CASE("batch: goal_label joins targets with +, skills after 'skills:'") {
    CHECK(goal_label(request_for({"dai-cert-ml"}, {})) == "dai-cert-ml");
    CHECK(goal_label(request_for({"a", "b", "c"}, {})) == "a + b + c");
    CHECK(goal_label(request_for({}, {"python", "sql"})) == "skills: python, sql");
    CHECK(goal_label(request_for({}, {"sql"})) == "skills: sql");
    CHECK(goal_label(request_for({"a", "b"}, {"python", "sql"})) == "a + b + skills: python, sql");
    // A goal is a set: order and repeats do not make another row.
    CHECK(goal_label(request_for({"b", "a"}, {})) == "a + b");
    CHECK(goal_label(request_for({"a", "a"}, {})) == "a");
    CHECK(goal_label(request_for({}, {"sql", "python", "sql"})) == "skills: python, sql");
}

TEST_CASE("batch: goal_label of a request with neither targets nor skills is '(unreadable requests)'") {
    CHECK(goal_label(Request{}) == "(unreadable requests)");
    Request only_id;
    only_id.have = {"x"};
    CHECK(goal_label(only_id) == "(unreadable requests)");
    // A line that is not JSON keeps no targets.
    const std::vector<RequestLine> lines = read_requests("not json\n", "r.jsonl");
    REQUIRE(lines.size() == 1);
    CHECK(goal_label(lines[0].request) == "(unreadable requests)");
}

// ---- run_in_order

TEST_CASE("batch: run_in_order emits every result in index order on the calling thread") {
    for (const unsigned jobs : {1u, 2u, 8u}) {
        CAPTURE(jobs);
        const std::size_t count = 200;
        const std::thread::id caller = std::this_thread::get_id();
        std::vector<std::size_t> emitted;
        std::vector<std::string> results;
        bool emitted_elsewhere = false;
        std::atomic<std::size_t> work_calls{0};
        run_in_order<std::string>(
            count, jobs,
            [&](std::size_t i) {
                ++work_calls;
                sleep_a_little(i);
                return "result " + std::to_string(i);
            },
            [&](std::size_t i, std::string&& result) {
                if (std::this_thread::get_id() != caller) emitted_elsewhere = true;
                emitted.push_back(i);
                results.push_back(std::move(result));
            },
            [] { return false; });
        CHECK(work_calls.load() == count);
        REQUIRE(emitted.size() == count);
        REQUIRE(results.size() == count);
        bool in_order = true;
        for (std::size_t i = 0; i < count; ++i)
            if (emitted[i] != i || results[i] != "result " + std::to_string(i)) in_order = false;
        CHECK(in_order);
        CHECK_FALSE(emitted_elsewhere);
    }
}

TEST_CASE("batch: run_in_order works at most 8 * jobs indexes ahead of the one it waits for") {
    // While work(0) is slow nothing is emitted, so the other thread may start
    // indexes 1..15 (a window of 8 * 2) and no more.
    std::atomic<bool> first_done{false};
    std::atomic<std::size_t> furthest_while_waiting{0};
    std::vector<std::size_t> emitted;
    run_in_order<std::size_t>(
        100, 2,
        [&](std::size_t i) {
            if (i == 0) {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                first_done = true;
            } else if (!first_done) {
                std::size_t seen = furthest_while_waiting.load();
                while (i > seen && !furthest_while_waiting.compare_exchange_weak(seen, i)) {
                }
            }
            return i * i;
        },
        [&](std::size_t i, std::size_t&& square) {
            CHECK(square == i * i);
            emitted.push_back(i);
        },
        [] { return false; });
    CHECK(furthest_while_waiting.load() <= 15);
    CHECK(emitted.size() == 100);
}

TEST_CASE("batch: run_in_order of no work calls nothing") {
    for (const unsigned jobs : {0u, 1u, 4u}) {
        CAPTURE(jobs);
        int work_calls = 0, emit_calls = 0, stop_calls = 0;
        run_in_order<int>(
            0, jobs,
            [&](std::size_t) {
                ++work_calls;
                return 0;
            },
            [&](std::size_t, int&&) { ++emit_calls; },
            [&] {
                ++stop_calls;
                return false;
            });
        CHECK(work_calls == 0);
        CHECK(emit_calls == 0);
        CHECK(stop_calls == 0);
    }
}

TEST_CASE("batch: run_in_order with 0 jobs still runs on one thread") {
    std::vector<std::size_t> emitted;
    run_in_order<int>(
        5, 0, [](std::size_t i) { return static_cast<int>(i) * 10; },
        [&](std::size_t i, int&& value) {
            CHECK(value == static_cast<int>(i) * 10);
            emitted.push_back(i);
        },
        [] { return false; });
    CHECK(emitted == std::vector<std::size_t>{0, 1, 2, 3, 4});
}

TEST_CASE("batch: run_in_order rethrows an exception from work after the threads are joined") {
    for (const unsigned jobs : {1u, 2u, 8u}) {
        CAPTURE(jobs);
        std::vector<std::size_t> emitted;
        CHECK_THROWS_WITH_AS(run_in_order<int>(
                                 50, jobs,
                                 [](std::size_t i) {
                                     sleep_a_little(i);
                                     if (i == 7) throw std::runtime_error("work 7 failed");
                                     return static_cast<int>(i);
                                 },
                                 [&](std::size_t i, int&&) { emitted.push_back(i); }, [] { return false; }),
                             "work 7 failed", std::runtime_error);
        // What was emitted is a prefix of the order and stops before the failed index.
        CHECK(emitted.size() <= 7);
        bool prefix = true;
        for (std::size_t i = 0; i < emitted.size(); ++i)
            if (emitted[i] != i) prefix = false;
        CHECK(prefix);
    }
}

TEST_CASE("batch: run_in_order rethrows an exception from emit and emits nothing after it") {
    for (const unsigned jobs : {1u, 2u, 8u}) {
        CAPTURE(jobs);
        std::vector<std::size_t> emitted;
        std::atomic<std::size_t> work_calls{0};
        CHECK_THROWS_WITH_AS(run_in_order<int>(
                                 100, jobs,
                                 [&](std::size_t i) {
                                     ++work_calls;
                                     sleep_a_little(i);
                                     return static_cast<int>(i);
                                 },
                                 [&](std::size_t i, int&&) {
                                     emitted.push_back(i);
                                     if (i == 3) throw std::logic_error("emit 3 failed");
                                 },
                                 [] { return false; }),
                             "emit 3 failed", std::logic_error);
        CHECK(emitted == std::vector<std::size_t>{0, 1, 2, 3});
        // The workers stop within the window: 8 * jobs past the last emitted.
        CHECK(work_calls.load() <= 4 + 8 * jobs);
    }
}

TEST_CASE("batch: run_in_order asks stop() after every emit and ends after the emit it says true to") {
    for (const unsigned jobs : {1u, 2u, 8u}) {
        CAPTURE(jobs);
        for (const std::size_t k : {std::size_t{1}, std::size_t{3}, std::size_t{20}}) {
            CAPTURE(k);
            std::vector<std::size_t> emitted;
            std::size_t stop_calls = 0;
            run_in_order<int>(
                20, jobs,
                [](std::size_t i) {
                    sleep_a_little(i);
                    return static_cast<int>(i);
                },
                [&](std::size_t i, int&&) { emitted.push_back(i); },
                [&] {
                    ++stop_calls;
                    return emitted.size() >= k;
                });
            // stop() returning true after the k-th emit: exactly k emitted, no throw.
            REQUIRE(emitted.size() == k);
            for (std::size_t i = 0; i < k; ++i) CHECK(emitted[i] == i);
            CHECK(stop_calls == k);
        }
    }
}

TEST_CASE("batch: run_in_order with a stop() that is always true emits exactly one result") {
    std::vector<std::size_t> emitted;
    run_in_order<int>(
        10, 4, [](std::size_t i) { return static_cast<int>(i); },
        [&](std::size_t i, int&&) { emitted.push_back(i); }, [] { return true; });
    CHECK(emitted == std::vector<std::size_t>{0});
}

// ---- answer_request

TEST_CASE("batch: answer_request plans a well-formed request") {
    const CheckedCatalog catalog = small_catalog();
    const BatchAnswer answer = only_answer(catalog, R"({"id": "ana", "targets": ["cert"]})");
    CHECK(answer.status == BatchStatus::Planned);
    CHECK(answer.request.id == "ana");
    CHECK(answer.request.line == 1);
    CHECK(answer.error.empty());
    REQUIRE(answer.resolved);
    CHECK(answer.resolved->learner.as_of == Date{2027, 1, 4});
    CHECK(answer.result.plan.feasible);
    CHECK(answer.result.plan.totals.cost == 180);
    CHECK(answer.result.plan.totals.weeks == 7);
    CHECK(answer.result.plan.totals.count == 3);
    CHECK(step_ids(catalog, answer.result.plan) == std::vector<std::string>{"py-fund", "sql-badge", "cert"});
}

TEST_CASE("batch: answer_request uses the have and skills of the request") {
    const CheckedCatalog catalog = small_catalog();
    const std::vector<BatchAnswer> all = answers(catalog,
                                                 "{\"id\": \"ben\", \"targets\": [\"cert\"], \"have\": [\"py-fund\"]}\n"
                                                 "{\"id\": \"fay\", \"skills\": \"sql\"}\n");
    REQUIRE(all.size() == 2);
    CHECK(all[0].status == BatchStatus::Planned);
    CHECK(all[0].result.plan.totals.cost == 80);
    CHECK(all[0].result.plan.totals.weeks == 4);
    CHECK(step_ids(catalog, all[0].result.plan) == std::vector<std::string>{"sql-badge", "cert"});
    CHECK(all[1].status == BatchStatus::Planned);
    CHECK(all[1].request.line == 2);
    CHECK(all[1].result.plan.totals.cost == 30);
    CHECK(step_ids(catalog, all[1].result.plan) == std::vector<std::string>{"sql-badge"});
}

TEST_CASE("batch: answer_request of a request over its limits is Infeasible with a reason") {
    const CheckedCatalog catalog = small_catalog();
    const BatchAnswer answer = only_answer(catalog, R"({"id": "dee", "targets": ["cert"], "max_cost": 100})");
    CHECK(answer.status == BatchStatus::Infeasible);
    CHECK(answer.error.empty());
    REQUIRE(answer.resolved);
    CHECK(answer.resolved->plan.max_cost == std::optional<double>(100));
    CHECK_FALSE(answer.result.plan.feasible);
    CHECK(answer.result.plan.steps.empty());
    CHECK(answer.result.plan.reason.find("180") != std::string::npos);
    CHECK(answer.result.plan.reason.find("max-cost 100") != std::string::npos);
}

TEST_CASE("batch: answer_request of an unknown id is an Error with did-you-mean") {
    const CheckedCatalog catalog = small_catalog();
    const BatchAnswer answer = only_answer(catalog, R"({"id": "eve", "targets": ["cret"], "have": ["py-fnd"]})");
    CHECK(answer.status == BatchStatus::Error);
    CHECK(answer.request.id == "eve");
    CHECK(answer.request.line == 1);
    CHECK_FALSE(answer.resolved);
    CHECK_FALSE(answer.result.plan.feasible);
    CHECK(answer.problems == std::vector<std::string>{"r.jsonl:1:27: unknown credential 'cret' (did you mean 'cert'?)",
                                                      "r.jsonl:1:45: unknown credential 'py-fnd' (did you mean 'py-fund'?)"});
    CHECK(answer.error == "r.jsonl:1:27: unknown credential 'cret' (did you mean 'cert'?); r.jsonl:1:45: unknown "
                          "credential 'py-fnd' (did you mean 'py-fund'?)");
}

TEST_CASE("batch: answer_request of a malformed line is an Error carrying the reader's message") {
    const CheckedCatalog catalog = small_catalog();
    const std::vector<BatchAnswer> all =
        answers(catalog, "{\"id\": \"ok\", \"targets\": [\"cert\"]}\n\n{\"id\": \"gus\", \"targest\": [\"cert\"]}\n");
    REQUIRE(all.size() == 2);
    CHECK(all[0].status == BatchStatus::Planned);
    const BatchAnswer& bad = all[1];
    CHECK(bad.status == BatchStatus::Error);
    CHECK(bad.request.line == 3);
    CHECK(bad.request.id == "gus");
    CHECK_FALSE(bad.resolved);
    CHECK(bad.error == "r.jsonl:3:15: unknown key 'targest' (did you mean 'targets'?); r.jsonl:3:1: a request needs "
                       "targets, skills or a profile that names them");
    CHECK(bad.problems.size() == 2);
}

// ---- reading rendered answers back

TEST_CASE("batch: read_batch_output reads rendered answers back with their line and status") {
    const CheckedCatalog catalog = small_catalog();
    const std::vector<BatchAnswer> all = answers(catalog,
                                                 "{\"id\": \"ana\", \"targets\": [\"cert\"]}\n"
                                                 "{\"id\": \"dee\", \"targets\": [\"cert\"], \"max_cost\": 1}\n"
                                                 "\n"
                                                 "{\"id\": \"eve\", \"targets\": [\"cret\"]}\n");
    REQUIRE(all.size() == 3);
    std::vector<std::string> rendered;
    for (const BatchAnswer& answer : all) rendered.push_back(render_batch_answer(catalog, answer));
    // Out of order (as shards are), with a blank line and a CRLF line end.
    std::string crlf = rendered[0];
    crlf.insert(crlf.size() - 1, "\r");
    const std::string text = rendered[2] + "\n  \t\n" + crlf + rendered[1];
    const std::vector<OutputLine> read = read_batch_output(text, "out.jsonl");
    REQUIRE(read.size() == 3);
    CHECK(read[0].line == 4);
    CHECK(read[0].status == BatchStatus::Error);
    CHECK(read[0].text == rendered[2]);
    CHECK(read[1].line == 1);
    CHECK(read[1].status == BatchStatus::Planned);
    CHECK(read[1].text == rendered[0]);  // without the \r
    CHECK(read[2].line == 2);
    CHECK(read[2].status == BatchStatus::Infeasible);
    CHECK(read[2].text == rendered[1]);
    // A last line without "\n" gets one.
    const std::vector<OutputLine> unterminated =
        read_batch_output(rendered[0].substr(0, rendered[0].size() - 1), "out.jsonl");
    REQUIRE(unterminated.size() == 1);
    CHECK(unterminated[0].text == rendered[0]);
    CHECK(read_batch_output("", "out.jsonl").empty());
}

TEST_CASE("batch: read_batch_output rejects a line that is not a batch output, naming NAME:LINE") {
    const std::string good = "{\"line\":1,\"id\":null,\"error\":{\"message\":\"x\"}}\n";
    CHECK(input_error(good + "\n{\"id\": \"ana\", \"targets\": [\"cert\"]}\n") ==
          "out.jsonl:3: no positive integer \"line\"");
    CHECK(input_error("not json\n") == "out.jsonl:1: not a JSON object (is this a batch output?)");
    CHECK(input_error("[1, 2]\n") == "out.jsonl:1: not a JSON object (is this a batch output?)");
    CHECK(input_error(good + "{\"line\":0,\"error\":{}}\n") == "out.jsonl:2: no positive integer \"line\"");
    CHECK(input_error("{\"line\":-3,\"error\":{}}\n") == "out.jsonl:1: no positive integer \"line\"");
    CHECK(input_error("{\"line\":1.5,\"error\":{}}\n") == "out.jsonl:1: no positive integer \"line\"");
    CHECK(input_error("{\"line\":\"1\",\"error\":{}}\n") == "out.jsonl:1: no positive integer \"line\"");
    CHECK(input_error("{\"line\":3}\n") == "out.jsonl:1: neither a \"plan\" nor an \"error\"");
    CHECK(input_error("{\"line\":3,\"plan\":null}\n") == "out.jsonl:1: neither a \"plan\" nor an \"error\"");
    // A plan object without "feasible": true is read as infeasible.
    const std::vector<OutputLine> odd = read_batch_output("{\"line\":9,\"plan\":{}}", "out.jsonl");
    REQUIRE(odd.size() == 1);
    CHECK(odd[0].status == BatchStatus::Infeasible);
    CHECK(odd[0].line == 9);
}

TEST_CASE("batch: read_batch_output reads the id and, of a feasible plan, its totals and step ids") {
    const CheckedCatalog catalog = small_catalog();
    std::string text;
    for (const BatchAnswer& answer : answers(catalog,
                                             "{\"id\": \"cy\", \"targets\": [\"cert\"], \"have\": [\"sql-fund\"]}\n"
                                             "{\"targets\": [\"cert\"], \"max_cost\": 1}\n"
                                             "{oops\n"))
        text += render_batch_answer(catalog, answer);
    const std::vector<OutputLine> read = read_batch_output(text, "out.jsonl");
    REQUIRE(read.size() == 3);
    CHECK(read[0].id == std::optional<std::string>("cy"));
    CHECK(read[0].cost == 150);
    CHECK(read[0].weeks == 7);
    CHECK(read[0].steps == std::vector<std::string>{"py-fund", "cert"});
    // No id (null); an infeasible plan has no totals or steps to read.
    CHECK_FALSE(read[1].id);
    CHECK(read[1].status == BatchStatus::Infeasible);
    CHECK(read[1].cost == 0);
    CHECK(read[1].steps.empty());
    CHECK_FALSE(read[2].id);
    CHECK(read[2].status == BatchStatus::Error);
}

// ---- resuming

namespace {
// Four requests: planned, planned, planned (with an id each) and an error.
const char* const kSummaryRequestsForResume =
    "{\"id\": \"ana\", \"targets\": [\"cert\"]}\n"
    "{\"id\": \"ben\", \"targets\": [\"cert\"], \"have\": [\"py-fund\"]}\n"
    "{\"id\": \"cy\", \"targets\": [\"cert\"], \"have\": [\"sql-fund\"]}\n"
    "{oops\n";

// Every request of `text` and the lines rendered for them, as a run writes them.
struct Run {
    std::vector<RequestLine> requests;
    std::vector<std::string> written;
    std::vector<const RequestLine*> lines() const {
        std::vector<const RequestLine*> out;
        for (const RequestLine& line : requests) out.push_back(&line);
        return out;
    }
};
Run full_run(const CheckedCatalog& catalog, const std::string& text) {
    Run run;
    run.requests = read_requests(text, "r.jsonl");
    for (const RequestLine& line : run.requests)
        run.written.push_back(render_batch_answer(catalog, answer_request(catalog, line, Request{}, resolve_options())));
    return run;
}

std::string keep_error(std::string_view text, const std::vector<const RequestLine*>& lines) {
    try {
        answers_to_keep(text, "out.jsonl.partial", lines);
    } catch (const InputError& error) {
        return error.message;
    }
    return "no error";
}
}  // namespace

TEST_CASE("batch: answers_to_keep keeps the complete lines of an interrupted run, drops one cut short") {
    const CheckedCatalog catalog = small_catalog();
    const Run run = full_run(catalog, kSummaryRequestsForResume);
    REQUIRE(run.written.size() == 4);
    const std::string two = run.written[0] + run.written[1];
    const std::vector<OutputLine> kept = answers_to_keep(two + run.written[2].substr(0, 20), "out.jsonl.partial", run.lines());
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].text + kept[1].text == two);
    CHECK(kept[1].line == 2);
    // Nothing, or only a line cut short: nothing to keep.
    CHECK(answers_to_keep("", "p", run.lines()).empty());
    CHECK(answers_to_keep(run.written[0].substr(0, run.written[0].size() - 1), "p", run.lines()).empty());
    // Every answer: all kept.
    std::string all;
    for (const std::string& line : run.written) all += line;
    CHECK(answers_to_keep(all, "p", run.lines()).size() == 4);
}

TEST_CASE("batch: answers_to_keep refuses answers that are not the first requests' in order") {
    const CheckedCatalog catalog = small_catalog();
    const Run run = full_run(catalog, kSummaryRequestsForResume);
    // The second answer missing: line 3 where line 2 was due.
    CHECK(keep_error(run.written[0] + run.written[2], run.lines()) ==
          "out.jsonl.partial: answer 2 is for line 3 ('cy'), but the request to answer there is line 2 ('ben'): is "
          "it the output of another requests file or --shard?");
    // Another file's answer for the same line: its id differs.
    const Run other = full_run(catalog, "{\"id\": \"zed\", \"targets\": [\"cert\"]}\n");
    CHECK(keep_error(other.written[0], run.lines()) ==
          "out.jsonl.partial: answer 1 is for line 1 ('zed'), but the request to answer there is line 1 ('ana'): is "
          "it the output of another requests file or --shard?");
    // A request without an id is answered with none.
    const Run no_id = full_run(catalog, "{\"targets\": [\"cert\"]}\n");
    CHECK(keep_error(no_id.written[0], run.lines()) ==
          "out.jsonl.partial: answer 1 is for line 1 (no id), but the request to answer there is line 1 ('ana'): is "
          "it the output of another requests file or --shard?");
    // More answers than requests.
    std::string all;
    for (const std::string& line : run.written) all += line;
    const std::vector<const RequestLine*> every = run.lines();
    const std::vector<const RequestLine*> fewer(every.begin(), every.begin() + 2);
    CHECK(keep_error(all, fewer) ==
          "out.jsonl.partial: holds 4 answers, more than the 2 requests to answer: is it the output of another "
          "requests file or --shard?");
    // A line that is no answer at all is named with its place.
    CHECK(keep_error(run.written[0] + "garbage\n" + run.written[1], run.lines()) ==
          "out.jsonl.partial:2: not a JSON object (is this a batch output?)");
}

TEST_CASE("batch: written_goal files a kept answer where answer_goal filed it when it was answered") {
    const CheckedCatalog catalog = small_catalog();
    const std::vector<RequestLine> requests = read_requests(kSummaryRequests, "r.jsonl");
    for (const RequestLine& line : requests) {
        const BatchAnswer answer = answer_request(catalog, line, Request{}, resolve_options());
        const Request goal = written_goal(catalog, line, answer.status, Request{}, resolve_options());
        CHECK(goal_label(goal) == goal_label(answer_goal(answer)));
        CHECK(goal.targets == answer_goal(answer).targets);
    }
}

TEST_CASE("batch: a summary over kept answers and new ones is the summary of one run") {
    const CheckedCatalog catalog = small_catalog();
    const std::vector<RequestLine> requests = read_requests(kSummaryRequests, "r.jsonl");
    SummaryBuilder whole;
    SummaryBuilder resumed;
    std::string kept_text;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const BatchAnswer answer = answer_request(catalog, requests[i], Request{}, resolve_options());
        add_written(whole, catalog, answer);
        if (i < 5) kept_text += render_batch_answer(catalog, answer);
        else add_written(resumed, catalog, answer);
    }
    std::vector<const RequestLine*> lines;
    for (const RequestLine& line : requests) lines.push_back(&line);
    const std::vector<OutputLine> kept = answers_to_keep(kept_text, "p", lines);
    REQUIRE(kept.size() == 5);
    for (std::size_t i = 0; i < kept.size(); ++i)
        resumed.add(written_goal(catalog, *lines[i], kept[i].status, Request{}, resolve_options()), kept[i]);
    for (const Format format : {Format::Json, Format::Csv, Format::Markdown})
        CHECK(render_batch_summary(resumed.summary(), format, "EUR") ==
              render_batch_summary(whole.summary(), format, "EUR"));
}

// ---- how a run ends

TEST_CASE("batch: --fail-on decides the exit code of a completed run") {
    CHECK(batch_exit_code(0, 0, FailOn::Error) == ExitCode::Success);
    CHECK(batch_exit_code(0, 3, FailOn::Error) == ExitCode::Success);
    CHECK(batch_exit_code(1, 3, FailOn::Error) == ExitCode::CannotAnswer);
    CHECK(batch_exit_code(0, 0, FailOn::Infeasible) == ExitCode::Success);
    CHECK(batch_exit_code(0, 3, FailOn::Infeasible) == ExitCode::NoAnswer);
    CHECK(batch_exit_code(1, 3, FailOn::Infeasible) == ExitCode::CannotAnswer);  // 2 wins over 1
    CHECK(batch_exit_code(1, 3, FailOn::Never) == ExitCode::Success);
    CHECK(value_in(kFailOn, "infeasible") == FailOn::Infeasible);
    CHECK(name_in(kFailOn, FailOn::Error) == "error");
}

TEST_CASE("batch: BatchTally counts each answer under its status") {
    BatchTally tally;
    for (BatchStatus status : {BatchStatus::Planned, BatchStatus::Planned, BatchStatus::Infeasible, BatchStatus::Error})
        tally.count(status);
    CHECK(tally.requests == 4);
    CHECK(tally.planned == 2);
    CHECK(tally.infeasible == 1);
    CHECK(tally.errors == 1);
    CHECK(tally.resumed == 0);
}

// ---- summaries

namespace {

BatchSummary summarize(const CheckedCatalog& catalog, std::size_t top = 5) {
    SummaryBuilder builder(top);
    for (const BatchAnswer& answer : answers(catalog, kSummaryRequests)) add_written(builder, catalog, answer);
    return builder.summary();
}

using Missing = std::vector<std::pair<std::string, std::size_t>>;

}  // namespace

TEST_CASE("batch: the answers the summary tests rely on") {
    const CheckedCatalog catalog = small_catalog();
    const std::vector<BatchAnswer> all = answers(catalog, kSummaryRequests);
    REQUIRE(all.size() == 8);
    std::vector<BatchStatus> statuses;
    for (const BatchAnswer& answer : all) statuses.push_back(answer.status);
    CHECK(statuses == std::vector<BatchStatus>{BatchStatus::Planned, BatchStatus::Planned, BatchStatus::Planned,
                                               BatchStatus::Infeasible, BatchStatus::Error, BatchStatus::Planned,
                                               BatchStatus::Planned, BatchStatus::Error});
    CHECK(all[1].result.plan.totals.cost == 80);
    CHECK(all[2].result.plan.totals.cost == 150);
    CHECK(all[2].result.plan.totals.weeks == 7);
    CHECK(step_ids(catalog, all[2].result.plan) == std::vector<std::string>{"py-fund", "cert"});
    CHECK(step_ids(catalog, all[6].result.plan) == std::vector<std::string>{"py-fund", "sql-badge", "cert"});
}

TEST_CASE("batch: SummaryBuilder counts per goal and in total, rows ordered by goal") {
    const CheckedCatalog catalog = small_catalog();
    const BatchSummary summary = summarize(catalog);
    CHECK(summary.requests == 8);
    CHECK(summary.planned == 5);
    CHECK(summary.infeasible == 1);
    CHECK(summary.errors == 2);
    REQUIRE(summary.rows.size() == 4);
    CHECK(summary.rows[0].goal == "(unreadable requests)");
    CHECK(summary.rows[1].goal == "cert");
    CHECK(summary.rows[2].goal == "cert + py-fund");
    CHECK(summary.rows[3].goal == "skills: sql");

    const SummaryRow& unreadable = summary.rows[0];
    CHECK(unreadable.asked == 1);
    CHECK(unreadable.feasible == 0);
    CHECK(unreadable.errors == 1);
    CHECK_FALSE(unreadable.median_cost);
    CHECK_FALSE(unreadable.p90_cost);
    CHECK_FALSE(unreadable.median_weeks);
    CHECK_FALSE(unreadable.p90_weeks);
    CHECK(unreadable.most_missing.empty());

    const SummaryRow& cert = summary.rows[1];
    CHECK(cert.asked == 5);
    CHECK(cert.feasible == 3);
    CHECK(cert.infeasible == 1);
    CHECK(cert.errors == 1);
}

TEST_CASE("batch: SummaryBuilder medians and p90s are over the feasible plans only") {
    const CheckedCatalog catalog = small_catalog();
    const BatchSummary summary = summarize(catalog);
    REQUIRE(summary.rows.size() == 4);
    const SummaryRow& cert = summary.rows[1];
    // Costs 180, 80, 150 -> sorted 80, 150, 180: median 150, p90 at rank 1.8 = 150 + 0.8 * 30.
    REQUIRE(cert.median_cost);
    CHECK(*cert.median_cost == 150);
    REQUIRE(cert.p90_cost);
    CHECK(*cert.p90_cost == doctest::Approx(174));
    // Weeks 7, 4, 7 -> sorted 4, 7, 7: median 7, p90 7.
    REQUIRE(cert.median_weeks);
    CHECK(*cert.median_weeks == 7);
    REQUIRE(cert.p90_weeks);
    CHECK(*cert.p90_weeks == 7);

    const SummaryRow& skills = summary.rows[3];
    CHECK(skills.asked == 1);
    CHECK(skills.feasible == 1);
    CHECK(skills.median_cost == std::optional<double>(30));
    CHECK(skills.p90_cost == std::optional<double>(30));
    CHECK(skills.median_weeks == std::optional<double>(1));
    CHECK(skills.p90_weeks == std::optional<double>(1));
}

TEST_CASE("batch: SummaryBuilder's most_missing counts steps, most frequent first, never the request's targets") {
    const CheckedCatalog catalog = small_catalog();
    const BatchSummary summary = summarize(catalog);
    REQUIRE(summary.rows.size() == 4);
    // cert: py-fund in ana's and cy's plans, sql-badge in ana's and ben's; ties by id.
    CHECK(summary.rows[1].most_missing == Missing{{"py-fund", 2}, {"sql-badge", 2}});
    // cert + py-fund: py-fund is a target of the request, so only sql-badge is missing.
    CHECK(summary.rows[2].most_missing == Missing{{"sql-badge", 1}});
    // skills: there is no target, so the step itself is what is missing.
    CHECK(summary.rows[3].most_missing == Missing{{"sql-badge", 1}});
}

TEST_CASE("batch: SummaryBuilder lists the top N missing, the most frequent first") {
    const CheckedCatalog catalog = small_catalog();
    SummaryBuilder builder(1);
    // sql-badge in three plans, py-fund in one: sql-badge leads despite its id.
    for (const BatchAnswer& answer : answers(catalog,
                                             "{\"id\": \"a\", \"targets\": [\"cert\"]}\n"
                                             "{\"id\": \"b\", \"targets\": [\"cert\"], \"have\": [\"py-fund\"]}\n"
                                             "{\"id\": \"c\", \"targets\": [\"cert\"], \"have\": [\"py-fund\"]}\n"))
        add_written(builder, catalog, answer);
    const BatchSummary summary = builder.summary();
    REQUIRE(summary.rows.size() == 1);
    CHECK(summary.rows[0].most_missing == Missing{{"sql-badge", 3}});
    CHECK(summary.rows[0].median_cost == std::optional<double>(80));
    // 80, 80, 180: rank 1.8 -> 80 + 0.8 * 100.
    REQUIRE(summary.rows[0].p90_cost);
    CHECK(*summary.rows[0].p90_cost == doctest::Approx(160));

    CHECK(summarize(catalog, 0).rows[1].most_missing.empty());
    CHECK(summarize(catalog, 1).rows[1].most_missing == Missing{{"py-fund", 2}});
}

TEST_CASE("batch: an empty SummaryBuilder sums to nothing") {
    const BatchSummary summary = SummaryBuilder().summary();
    CHECK(summary.requests == 0);
    CHECK(summary.planned == 0);
    CHECK(summary.infeasible == 0);
    CHECK(summary.errors == 0);
    CHECK(summary.rows.empty());
}

}  // namespace credpath
