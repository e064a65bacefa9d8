// Batch planning: shards, answering one request, running work in order across
// threads, reading batch outputs back, percentiles and the per-goal summary,
// and the batch renderings (answer lines, summaries, the progress line).
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
#include "test_support.hpp"

namespace credpath {

namespace {

// A Python course, two ways to learn SQL (a course and a cheaper badge) and a
// certificate that needs Python and either of them. Plans add up by hand:
//   cert alone:          py-fund + sql-badge + cert = 100 + 30 + 50 = 180, weeks 4 + 3 = 7
//   cert holding py:     sql-badge + cert           =  30 + 50      =  80, weeks 1 + 3 = 4
//   cert holding sql:    py-fund + cert             = 100 + 50      = 150, weeks 4 + 3 = 7
//   skills [sql]:        sql-badge                  =  30,             weeks 1
CheckedCatalog small_catalog() {
    CheckedCatalog c = check_catalog(load_catalog_text(
        "format: credpath/1\ncatalog: {currency: EUR}\ncredentials:\n"
        R"(  - {id: py-fund, title: Python, cost: 100, weeks: 4, skills: [python]}
  - {id: sql-fund, title: SQL, cost: 80, weeks: 2, skills: [sql]}
  - {id: sql-badge, title: SQL badge, kind: badge, cost: 30, weeks: 1, skills: [sql]}
  - id: cert
    title: Certificate
    kind: certificate
    cost: 50
    weeks: 3
    requires: {all: [py-fund, {any: [sql-fund, sql-badge]}]}
)"));
    REQUIRE(c.ok());
    return c;
}

ResolveContext resolve_options() {
    ResolveContext options;
    options.today = Date{2027, 1, 4};
    return options;
}

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
    CHECK(answer.error ==
          "targets: unknown credential 'cret' (did you mean 'cert'?); have: unknown credential 'py-fnd' (did you mean "
          "'py-fund'?)");
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
    CHECK(bad.error ==
          "r.jsonl:3: unknown key 'targest' (did you mean 'targets'?); a request needs targets, skills or both");
}

// ---- rendering answers and reading them back

TEST_CASE("render_batch_answer: a planned answer is one line, line first, then id, then the plan") {
    const CheckedCatalog catalog = small_catalog();
    const BatchAnswer answer = only_answer(catalog, R"({"id": "ana", "targets": ["cert"]})");
    const std::string text = render_batch_answer(catalog, answer);
    CHECK(text.rfind(R"({"line":1,"id":"ana","plan":{)", 0) == 0);
    REQUIRE(text.back() == '\n');
    CHECK(text.find('\n') == text.size() - 1);
    const nlohmann::json parsed = nlohmann::json::parse(text);
    CHECK(parsed["plan"]["format"] == "credpath-plan/1");
    CHECK(parsed["plan"]["feasible"] == true);
    CHECK(parsed["plan"]["currency"] == "EUR");
    CHECK(parsed["plan"]["totals"]["cost"] == 180);
    CHECK(parsed["plan"]["totals"]["weeks"] == 7);
    CHECK(parsed["plan"]["as_of"] == "2027-01-04");
    REQUIRE(parsed["plan"]["steps"].size() == 3);
    CHECK(parsed["plan"]["steps"][2]["id"] == "cert");
}

TEST_CASE("render_batch_answer: id is null when the request has none; errors carry their message") {
    const CheckedCatalog catalog = small_catalog();
    const std::vector<BatchAnswer> all =
        answers(catalog, "{\"targets\": [\"cert\"], \"max_cost\": 10}\n{\"targets\": [\"cret\"]}\n[1]\n");
    REQUIRE(all.size() == 3);
    const std::string infeasible = render_batch_answer(catalog, all[0]);
    CHECK(infeasible.rfind(R"({"line":1,"id":null,"plan":{)", 0) == 0);
    CHECK(nlohmann::json::parse(infeasible)["plan"]["feasible"] == false);
    CHECK(render_batch_answer(catalog, all[1]) ==
          "{\"line\":2,\"id\":null,\"error\":{\"message\":\"targets: unknown credential 'cret' (did you mean "
          "'cert'?)\"}}\n");
    CHECK(render_batch_answer(catalog, all[2]) ==
          "{\"line\":3,\"id\":null,\"error\":{\"message\":\"r.jsonl:3: a request is a JSON object, not an array\"}}\n");
}

TEST_CASE("render_batch_answer: a record is one line even with U+2028, U+2029 or U+0085 in its strings") {
    const CheckedCatalog catalog = small_catalog();
    const BatchAnswer answer =
        only_answer(catalog, "{\"id\": \"a\\u2028b\\u2029c\\u0085d \\u001b[31m\", \"targets\": [\"cert\"]}");
    const std::string text = render_batch_answer(catalog, answer);
    CHECK(text.rfind(R"({"line":1,"id":"a\u2028b\u2029c\u0085d \u001b[31m","plan":{)", 0) == 0);
    CHECK(text.find('\n') == text.size() - 1);
    CHECK(text.find("\xe2\x80\xa8") == std::string::npos);
    CHECK(text.find("\xc2\x85") == std::string::npos);
    CHECK(nlohmann::json::parse(text)["id"] == "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\xc2\x85" "d \x1b[31m");
}

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

// ---- summaries

namespace {

// Requests with plans worked out above (see small_catalog):
//   cert: ana 180/7w, ben 80/4w, cy 150/7w planned; dee infeasible; eve error
//   cert + py-fund: hal 180/7w (py-fund is a target, so not "missing")
//   skills: sql: fay 30/1w
//   (unreadable requests): a line that is not JSON
const char* const kSummaryRequests =
    "{\"id\": \"ana\", \"targets\": [\"cert\"]}\n"
    "{\"id\": \"ben\", \"targets\": [\"cert\"], \"have\": [\"py-fund\"]}\n"
    "{\"id\": \"cy\", \"targets\": [\"cert\"], \"have\": [\"sql-fund\"]}\n"
    "{\"id\": \"dee\", \"targets\": [\"cert\"], \"max_cost\": 50}\n"
    "{\"id\": \"eve\", \"targets\": [\"cert\"], \"exclude\": [\"nope\"]}\n"
    "{\"id\": \"fay\", \"skills\": [\"sql\"]}\n"
    "{\"id\": \"hal\", \"targets\": [\"cert\", \"py-fund\"]}\n"
    "{oops\n";

BatchSummary summarize(const CheckedCatalog& catalog, std::size_t top = 5) {
    SummaryBuilder builder(top);
    for (const BatchAnswer& answer : answers(catalog, kSummaryRequests)) builder.add(catalog.catalog, answer);
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
        builder.add(catalog.catalog, answer);
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

// ---- rendering summaries and progress

TEST_CASE("render_batch_summary: CSV has a header and one row per goal") {
    const CheckedCatalog catalog = small_catalog();
    const std::string csv = render_batch_summary(summarize(catalog), Format::Csv, "EUR");
    CHECK(csv ==
          "goal,asked,feasible,infeasible,errors,median_cost,p90_cost,median_weeks,p90_weeks,most_missing\n"
          "(unreadable requests),1,0,0,1,,,,,\n"
          "cert,5,3,1,1,150,174,7,7,py-fund:2;sql-badge:2\n"
          "cert + py-fund,1,1,0,0,180,180,7,7,sql-badge:1\n"
          "skills: sql,1,1,0,0,30,30,1,1,sql-badge:1\n");
}

TEST_CASE("render_batch_summary: CSV quotes goals with commas and defuses formulas") {
    BatchSummary summary;
    SummaryRow row;
    row.goal = "skills: python, sql";
    row.asked = 2;
    row.feasible = 2;
    row.median_cost = 1234.5;
    row.p90_cost = 2000;
    row.median_weeks = 3.25;
    row.p90_weeks = 4;
    row.most_missing = {{"a", 2}, {"b", 1}};
    summary.rows.push_back(row);
    SummaryRow formula;
    formula.goal = "=cmd";
    formula.asked = 1;
    formula.errors = 1;
    summary.rows.push_back(formula);
    CHECK(render_batch_summary(summary, Format::Csv, "USD") ==
          "goal,asked,feasible,infeasible,errors,median_cost,p90_cost,median_weeks,p90_weeks,most_missing\n"
          "\"skills: python, sql\",2,2,0,0,1234.5,2000,3.25,4,a:2;b:1\n"
          "\"'=cmd\",1,0,0,1,,,,,\n");
}

TEST_CASE("render_batch_summary: JSON names its format, the totals and every goal") {
    const CheckedCatalog catalog = small_catalog();
    const std::string text = render_batch_summary(summarize(catalog), Format::Json, "EUR");
    CHECK(text.rfind("{\n  \"format\": \"credpath-batch-summary/1\",\n", 0) == 0);
    CHECK(text.back() == '\n');
    const nlohmann::json json = nlohmann::json::parse(text);
    CHECK(json["format"] == "credpath-batch-summary/1");
    CHECK(json["currency"] == "EUR");
    CHECK(json["requests"] == 8);
    CHECK(json["planned"] == 5);
    CHECK(json["infeasible"] == 1);
    CHECK(json["errors"] == 2);
    REQUIRE(json["goals"].size() == 4);
    const nlohmann::json& unreadable = json["goals"][0];
    CHECK(unreadable["goal"] == "(unreadable requests)");
    CHECK(unreadable["median_cost"].is_null());
    CHECK(unreadable["p90_weeks"].is_null());
    CHECK(unreadable["most_missing"] == nlohmann::json::array());
    const nlohmann::json& cert = json["goals"][1];
    CHECK(cert["goal"] == "cert");
    CHECK(cert["asked"] == 5);
    CHECK(cert["feasible"] == 3);
    CHECK(cert["infeasible"] == 1);
    CHECK(cert["errors"] == 1);
    CHECK(cert["median_cost"] == 150);
    CHECK(cert["p90_cost"] == 174);
    CHECK(cert["median_weeks"] == 7);
    CHECK(cert["p90_weeks"] == 7);
    CHECK(cert["most_missing"] ==
          nlohmann::json::parse(R"([{"id": "py-fund", "plans": 2}, {"id": "sql-badge", "plans": 2}])"));
}

TEST_CASE("render_batch_summary: Markdown has the totals, a table header in the currency and a row per goal") {
    const CheckedCatalog catalog = small_catalog();
    const std::string md = render_batch_summary(summarize(catalog), Format::Markdown, "EUR");
    CHECK(md ==
          "## credpath batch summary\n"
          "\n"
          "8 requests: 5 planned, 1 infeasible, 2 could not be answered.\n"
          "\n"
          "| goal | asked | feasible | infeasible | errors | median cost (EUR) | p90 cost (EUR) | median weeks | p90 "
          "weeks | most often missing |\n"
          "|------|------:|---------:|-----------:|-------:|------:|------:|------:|------:|------|\n"
          "| \\(unreadable requests\\) | 1 | 0 | 0 | 1 |  |  |  |  |  |\n"
          "| cert | 5 | 3 | 1 | 1 | 150 | 174 | 7 | 7 | py-fund \\(2\\), sql-badge \\(2\\) |\n"
          "| cert \\+ py-fund | 1 | 1 | 0 | 0 | 180 | 180 | 7 | 7 | sql-badge \\(1\\) |\n"
          "| skills: sql | 1 | 1 | 0 | 0 | 30 | 30 | 1 | 1 | sql-badge \\(1\\) |\n");
}

TEST_CASE("render_batch_summary: Markdown money is grouped, pipes in goals escaped") {
    BatchSummary summary;
    summary.requests = 1;
    summary.planned = 1;
    SummaryRow row;
    row.goal = "a|b";
    row.asked = 1;
    row.feasible = 1;
    row.median_cost = 12345.5;
    row.p90_cost = 1000000;
    row.median_weeks = 2.5;
    row.p90_weeks = 3;
    summary.rows.push_back(row);
    const std::string md = render_batch_summary(summary, Format::Markdown, "USD");
    CHECK(md.find("\n| a\\|b | 1 | 1 | 0 | 0 | 12,345.50 | 1,000,000 | 2.5 | 3 |  |\n") != std::string::npos);
}

TEST_CASE("render_batch_summary: hostile goals from a request file are text in CSV and Markdown") {
    BatchSummary summary;
    summary.requests = 4;
    summary.planned = 1;
    summary.errors = 3;
    auto error_row = [](std::string goal) {
        SummaryRow row;
        row.goal = std::move(goal);
        row.asked = 1;
        row.errors = 1;
        return row;
    };
    summary.rows.push_back(error_row("\x1b[31mred\r + h-link"));
    summary.rows.push_back(error_row("-2 | x + h-ansi"));
    summary.rows.push_back(error_row("=cmd|' /C calc'!A0"));
    SummaryRow planned;
    planned.goal = "skills: *stars*, <script>alert(1)</script>";
    planned.asked = 1;
    planned.feasible = 1;
    planned.median_cost = planned.p90_cost = 300;
    planned.median_weeks = planned.p90_weeks = 3;
    planned.most_missing = {{"h-formula", 1}, {"h-markup", 1}};
    summary.rows.push_back(planned);
    // Numbers are credpath's own: written bare, never guarded.
    CHECK(render_batch_summary(summary, Format::Csv, "USD") ==
          "goal,asked,feasible,infeasible,errors,median_cost,p90_cost,median_weeks,p90_weeks,most_missing\n"
          "\" [31mred\r + h-link\",1,0,0,1,,,,,\n"
          "\"'-2 | x + h-ansi\",1,0,0,1,,,,,\n"
          "\"'=cmd|' /C calc'!A0\",1,0,0,1,,,,,\n"
          "\"skills: *stars*, <script>alert(1)</script>\",1,1,0,0,300,300,3,3,h-formula:1;h-markup:1\n");
    const std::string md = render_batch_summary(summary, Format::Markdown, "USD");
    CHECK(md.substr(md.find("|------|")) ==
          "|------|------:|---------:|-----------:|-------:|------:|------:|------:|------:|------|\n"
          "|  \\[31mred  \\+ h-link | 1 | 0 | 0 | 1 |  |  |  |  |  |\n"
          "| \\-2 \\| x \\+ h-ansi | 1 | 0 | 0 | 1 |  |  |  |  |  |\n"
          "| =cmd\\|' /C calc'\\!A0 | 1 | 0 | 0 | 1 |  |  |  |  |  |\n"
          "| skills: \\*stars\\*, \\<script\\>alert\\(1\\)\\</script\\> | 1 | 1 | 0 | 0 | 300 | 300 | 3 | 3 | "
          "h-formula \\(1\\), h-markup \\(1\\) |\n");
}

TEST_CASE("render_batch: render_progress draws a bar, done/total, the rate and the time left, redrawn in place") {
    // 523 of 10,000 in 6 s: 87.2/s, 9,477 left at that rate = 108.7 s -> 1m49s.
    const std::string line = render_progress(523, 10000, 6.0, 80);
    CHECK(line.rfind("\r", 0) == 0);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find("  523/10,000  87.2/s  1m49s left") != std::string::npos);
    CHECK(line.size() >= 3);
    CHECK(line.substr(line.size() - 3) == "\x1b[K");
    // 80 columns: the bar is 40 wide (at most), 2 of 40 filled (40 * 523 / 10000 = 2).
    CHECK(line == "\r[##" + std::string(38, '.') + "]  523/10,000  87.2/s  1m49s left\x1b[K");
}

TEST_CASE("render_batch: render_progress when done, before any rate, and in narrow terminals") {
    CHECK(render_progress(10, 10, 3725, 80) ==
          "\r[" + std::string(40, '#') + "]  10/10  0.0/s  1h02m\x1b[K");
    CHECK(render_progress(5, 10, 2, 80) == "\r[" + std::string(20, '#') + std::string(20, '.') +
                                               "]  5/10  2.5/s  2s left\x1b[K");
    // Nothing done yet: no rate, no estimate.
    CHECK(render_progress(0, 10, 0, 80) == "\r[" + std::string(40, '.') + "]  0/10  0.0/s\x1b[K");
    // The bar takes what the numbers leave: 30 columns - 22 for the numbers - 3 = 5.
    CHECK(render_progress(5, 10, 2, 30) == "\r[##...]  5/10  2.5/s  2s left\x1b[K");
    // Under 5 columns left: no bar at all.
    CHECK(render_progress(5, 10, 2, 20) == "\r  5/10  2.5/s  2s left\x1b[K");
    CHECK(render_progress(0, 0, 0, 80) == "\r[" + std::string(40, '#') + "]  0/0  0.0/s  0s\x1b[K");
}

}  // namespace credpath
