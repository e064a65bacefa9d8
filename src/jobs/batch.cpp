#include "credpath/jobs/batch.hpp"

#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "credpath/model/diagnostic.hpp"

namespace credpath {

namespace {
std::optional<std::size_t> parse_count(std::string_view text) {
    std::size_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
    return value;
}
}  // namespace

std::optional<Shard> parse_shard(std::string_view text) {
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto index = parse_count(text.substr(0, slash));
    const auto count = parse_count(text.substr(slash + 1));
    if (!index || !count || *count == 0 || *index >= *count) return std::nullopt;
    return Shard{*index, *count};
}

BatchAnswer answer_request(const CheckedCatalog& catalog, const RequestLine& line, const Request& defaults,
                           const ResolveContext& context) {
    BatchAnswer answer;
    answer.request = line;
    const auto fail = [&](std::vector<std::string> problems) {
        answer.resolved.reset();
        answer.status = BatchStatus::Error;
        answer.problems = std::move(problems);
        answer.error = fmt::format("{}", fmt::join(answer.problems, "; "));
    };
    if (!line.ok()) {
        fail(line.problems.empty() ? std::vector<std::string>{line.error} : line.problems);
        return answer;
    }
    try {
        Resolution resolution = resolve(catalog.catalog, layer_requests(line.request, defaults), context);
        if (std::vector<std::string> problems = resolution_problems(resolution); !problems.empty()) {
            fail(std::move(problems));
            return answer;
        }
        answer.resolved = std::move(resolution.request);
        answer.result = answer_plan(catalog.catalog, catalog.graph, *answer.resolved);
        answer.status = answer.result.plan.feasible ? BatchStatus::Planned : BatchStatus::Infeasible;
    } catch (const InputError& error) {
        fail({error.message.empty() ? std::string("the request cannot be planned") : error.message});
    } catch (const std::exception& error) {
        // A bug or an exhausted resource in this request only: the run goes on.
        fail({fmt::format("internal error: {}", error.what())});
    }
    return answer;
}

const Request& answer_goal(const BatchAnswer& answer) {
    return answer.resolved ? answer.resolved->asked : answer.request.request;
}

Request written_goal(const CheckedCatalog& catalog, const RequestLine& line, BatchStatus written,
                     const Request& defaults, const ResolveContext& context) {
    if (written == BatchStatus::Error || !line.ok()) return line.request;
    try {
        return resolve_request_line(catalog.catalog, layer_requests(line.request, defaults), context).asked;
    } catch (const std::exception&) {
        return line.request;
    }
}

std::vector<OutputLine> answers_to_keep(std::string_view text, std::string_view name,
                                        const std::vector<const RequestLine*>& lines) {
    // Writes are whole lines, so only the last can have been cut short.
    const std::size_t end = text.rfind('\n');
    text = end == std::string_view::npos ? std::string_view() : text.substr(0, end + 1);
    std::vector<OutputLine> kept = read_batch_output(text, name);
    if (kept.size() > lines.size())
        throw InputError{fmt::format("{}: holds {} answers, more than the {} requests to answer: is it the output "
                                     "of another requests file or --shard?",
                                     name, kept.size(), lines.size()),
                         {}};
    for (std::size_t i = 0; i < kept.size(); ++i) {
        const RequestLine& asked = *lines[i];
        const std::optional<std::string> due = asked.id.empty() ? std::nullopt : std::optional<std::string>(asked.id);
        if (kept[i].line == asked.line && kept[i].id == due) continue;
        const auto said = [](std::size_t line, const std::optional<std::string>& id) {
            return id ? fmt::format("line {} ('{}')", line, *id) : fmt::format("line {} (no id)", line);
        };
        throw InputError{fmt::format("{}: answer {} is for {}, but the request to answer there is {}: is it the "
                                     "output of another requests file or --shard?",
                                     name, i + 1, said(kept[i].line, kept[i].id), said(asked.line, due)),
                         {}};
    }
    return kept;
}

ExitCode batch_exit_code(std::size_t errors, std::size_t infeasible, FailOn fail_on) {
    if (fail_on == FailOn::Never) return ExitCode::Success;
    if (errors > 0) return ExitCode::CannotAnswer;
    if (fail_on == FailOn::Infeasible && infeasible > 0) return ExitCode::NoAnswer;
    return ExitCode::Success;
}

void BatchTally::count(BatchStatus status) {
    ++requests;
    switch (status) {
    case BatchStatus::Planned: ++planned; break;
    case BatchStatus::Infeasible: ++infeasible; break;
    case BatchStatus::Error: ++errors; break;
    }
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    p = std::isnan(p) ? 0 : std::clamp(p, 0.0, 1.0);
    std::sort(values.begin(), values.end());
    const double rank = p * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(rank));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (rank - static_cast<double>(below)) * (values[above] - values[below]);
}

std::string goal_label(const Request& request) {
    // A goal is a set: the same targets in another order, or one given twice,
    // are the same row.
    auto as_set = [](std::vector<std::string> names) {
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        return names;
    };
    std::vector<std::string> parts;
    if (!request.targets.empty()) parts.push_back(fmt::format("{}", fmt::join(as_set(request.targets), " + ")));
    if (!request.skills.empty()) parts.push_back(fmt::format("skills: {}", fmt::join(as_set(request.skills), ", ")));
    if (parts.empty()) return "(unreadable requests)";
    return fmt::format("{}", fmt::join(parts, " + "));
}

void SummaryBuilder::add(const Request& asked, const OutputLine& written) {
    const std::string label = goal_label(asked);
    Group& group = groups_[label];
    group.row.goal = label;
    ++group.row.asked;
    ++totals_.requests;
    switch (written.status) {
    case BatchStatus::Planned:
        ++group.row.feasible;
        ++totals_.planned;
        group.costs.push_back(written.cost);
        group.weeks.push_back(written.weeks);
        // Missing: what the learner must still earn on the way; the targets
        // themselves always are.
        for (const std::string& id : written.steps)
            if (std::find(asked.targets.begin(), asked.targets.end(), id) == asked.targets.end()) ++group.missing[id];
        break;
    case BatchStatus::Infeasible:
        ++group.row.infeasible;
        ++totals_.infeasible;
        break;
    case BatchStatus::Error:
        ++group.row.errors;
        ++totals_.errors;
        break;
    }
}

BatchSummary SummaryBuilder::summary() const {
    BatchSummary out = totals_;
    for (const auto& [label, group] : groups_) {
        SummaryRow row = group.row;
        if (!group.costs.empty()) {
            row.median_cost = percentile(group.costs, 0.5);
            row.p90_cost = percentile(group.costs, 0.9);
            row.median_weeks = percentile(group.weeks, 0.5);
            row.p90_weeks = percentile(group.weeks, 0.9);
        }
        std::vector<std::pair<std::string, std::size_t>> missing(group.missing.begin(), group.missing.end());
        // Most frequent first, ties by id (the map's order, kept by a stable sort).
        std::stable_sort(missing.begin(), missing.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        if (missing.size() > top_) missing.resize(top_);
        row.most_missing = std::move(missing);
        out.rows.push_back(std::move(row));
    }
    return out;
}

}  // namespace credpath
