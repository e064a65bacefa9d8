#include "credpath/report/render_batch.hpp"

#include <cmath>
#include <fmt/format.h>

#include "plan_parts.hpp"

namespace credpath {

using namespace render_detail;

namespace {
// One JSON Lines record. JSON allows U+2028, U+2029 and U+0085 raw in a
// string, but readers that split lines by Unicode's rules (Python's
// str.splitlines, some editors) would cut the record there: they are written
// as \u escapes, which read back the same.
std::string dump_line(const ordered_json& value) {
    const std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size() + 1);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\xe2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
            (text[i + 2] == '\xa8' || text[i + 2] == '\xa9')) {
            out += text[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else if (text[i] == '\xc2' && i + 1 < text.size() && text[i + 1] == '\x85') {
            out += "\\u0085";
            ++i;
        } else {
            out += text[i];
        }
    }
    return out + "\n";
}

ordered_json optional_number(const std::optional<double>& value) {
    return value ? number(*value) : ordered_json(nullptr);
}

// CSV's plain number, or Markdown's with separators (money with its cents).
std::string optional_text(const std::optional<double>& value, bool money, bool for_people = false) {
    if (!value) return "";
    return money ? format_money(*value) : for_people ? format_count(*value) : format_number(*value);
}

std::string missing_text(const SummaryRow& row, std::string_view separator, std::string_view pair) {
    std::string out;
    const bool for_people = pair == " (";  // Markdown's "id (3)", not CSV's "id:3"
    for (const auto& [id, count] : row.most_missing) {
        if (!out.empty()) out += separator;
        out += fmt::format("{}{}{}{}", id, pair, for_people ? format_count(count) : std::to_string(count),
                           for_people ? ")" : "");
    }
    return out;
}
}  // namespace

std::string render_batch_answer(const CheckedCatalog& catalog, const BatchAnswer& answer) {
    ordered_json out;
    out["line"] = answer.request.line;
    out["id"] = answer.request.id.empty() ? ordered_json(nullptr) : ordered_json(answer.request.id);
    if (answer.status == BatchStatus::Error || !answer.resolved) {
        out["error"] = {{"message", answer.error}};
        return dump_line(out);
    }
    const PlanView view = plan_view(catalog.catalog, catalog.graph, answer.result, answer.resolved->learner);
    out["plan"] = plan_json(view);
    return dump_line(out);
}

std::string render_batch_summary(const BatchSummary& summary, Format format, const std::string& currency) {
    switch (format) {
    case Format::Json: {
        ordered_json out;
        out["format"] = "credpath-batch-summary/1";
        out["currency"] = currency;
        out["requests"] = summary.requests;
        out["planned"] = summary.planned;
        out["infeasible"] = summary.infeasible;
        out["errors"] = summary.errors;
        ordered_json rows = ordered_json::array();
        for (const SummaryRow& row : summary.rows) {
            ordered_json missing = ordered_json::array();
            for (const auto& [id, count] : row.most_missing) missing.push_back({{"id", id}, {"plans", count}});
            rows.push_back({{"goal", row.goal},
                            {"asked", row.asked},
                            {"feasible", row.feasible},
                            {"infeasible", row.infeasible},
                            {"errors", row.errors},
                            {"median_cost", optional_number(row.median_cost)},
                            {"p90_cost", optional_number(row.p90_cost)},
                            {"median_weeks", optional_number(row.median_weeks)},
                            {"p90_weeks", optional_number(row.p90_weeks)},
                            {"most_missing", std::move(missing)}});
        }
        out["goals"] = std::move(rows);
        return dump(out);
    }
    case Format::Csv: {
        std::string out =
            "goal,asked,feasible,infeasible,errors,median_cost,p90_cost,median_weeks,p90_weeks,most_missing\n";
        for (const SummaryRow& row : summary.rows)
            out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv_cell(row.goal), row.asked, row.feasible,
                               row.infeasible, row.errors, optional_text(row.median_cost, false),
                               optional_text(row.p90_cost, false), optional_text(row.median_weeks, false),
                               optional_text(row.p90_weeks, false), csv_cell(missing_text(row, ";", ":")));
        return out;
    }
    default: break;
    }
    std::string out = "## credpath batch summary\n\n";
    out += fmt::format("{}: {} planned, {} infeasible, {} could not be answered.\n\n",
                       plural(summary.requests, "request", "requests"), format_count(summary.planned),
                       format_count(summary.infeasible), format_count(summary.errors));
    out += fmt::format(
        "| goal | asked | feasible | infeasible | errors | median cost ({0}) | p90 cost ({0}) | median weeks | p90 weeks "
        "| most often missing |\n",
        markdown_cell(currency));
    out += "|------|------:|---------:|-----------:|-------:|------:|------:|------:|------:|------|\n";
    for (const SummaryRow& row : summary.rows)
        out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", markdown_cell(row.goal),
                           format_count(row.asked), format_count(row.feasible), format_count(row.infeasible),
                           format_count(row.errors), optional_text(row.median_cost, true),
                           optional_text(row.p90_cost, true), optional_text(row.median_weeks, false, true),
                           optional_text(row.p90_weeks, false, true), markdown_cell(missing_text(row, ", ", " (")));
    return out;
}

namespace {
std::string duration_text(double seconds) {
    const auto total = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    if (total >= 3600) return fmt::format("{}h{:02}m", total / 3600, (total % 3600) / 60);
    if (total >= 60) return fmt::format("{}m{:02}s", total / 60, total % 60);
    return fmt::format("{}s", total);
}
}  // namespace

std::string render_batch_tally(const BatchTally& tally, std::string_view resumed_from) {
    const auto count = [](std::size_t n) { return format_money(static_cast<double>(n)); };
    const auto plural = [&](std::size_t n, std::string_view one, std::string_view many) {
        return fmt::format("{} {}", count(n), n == 1 ? one : many);
    };
    const std::string resumed =
        tally.resumed > 0 ? fmt::format(" ({} resumed from {})", count(tally.resumed), terminal_safe(resumed_from)) : "";
    const std::string time =
        tally.seconds < 59.995 ? fmt::format("{:.2f} s", std::max(0.0, tally.seconds)) : duration_text(tally.seconds);
    return fmt::format("credpath: {}: {} planned, {} infeasible, {}{} in {}\n", plural(tally.requests, "request", "requests"),
                       count(tally.planned), count(tally.infeasible), plural(tally.errors, "error", "errors"), resumed,
                       time);
}

}  // namespace credpath
