#include "credpath/model/diagnostic.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <tuple>

namespace credpath {

std::string_view to_string(Severity severity) {
    return severity == Severity::Error ? "error" : "warning";
}

std::string format_diagnostic(const Diagnostic& d) {
    if (d.file.empty()) return fmt::format("{}: {}", to_string(d.severity), d.message);
    if (d.line == 0) return fmt::format("{}: {}: {}", d.file, to_string(d.severity), d.message);
    return fmt::format("{}:{}:{}: {}: {}", d.file, d.line, d.column, to_string(d.severity), d.message);
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.line, a.column, a.message) < std::tie(b.file, b.line, b.column, b.message);
    });
    diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(),
                                  [](const Diagnostic& a, const Diagnostic& b) {
                                      return a.file == b.file && a.line == b.line && a.column == b.column &&
                                             a.message == b.message;
                                  }),
                      diagnostics.end());
}

std::size_t count_errors(const std::vector<Diagnostic>& diagnostics) {
    return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
        return d.severity == Severity::Error;
    }));
}

namespace {
// Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps),
// giving up once it exceeds `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
    for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        current[0] = i;
        std::size_t row_best = current[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
            row_best = std::min(row_best, current[j]);
        }
        if (row_best > limit) return limit + 1;
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[m];
}
}  // namespace

std::string nearest(std::string_view word, const std::vector<std::string_view>& candidates) {
    const auto lower = [](std::string_view text) {
        std::string out(text);
        for (char& ch : out)
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        return out;
    };
    const std::string folded = lower(word);
    // The same name in another case is the likeliest meaning of all.
    for (std::string_view candidate : candidates)
        if (candidate != word && candidate.size() == word.size() && lower(candidate) == folded)
            return std::string(candidate);
    // Close enough to be a typo: a third of the word's length, at least 1, at most 3.
    const std::size_t limit = std::clamp<std::size_t>((word.size() + 1) / 3, 1, 3);
    std::string_view best;
    std::size_t best_distance = limit + 1;
    std::string_view prefixed;  // the one candidate the word begins, if only one
    std::size_t prefix_count = 0;
    for (std::string_view candidate : candidates) {
        if (candidate == word) continue;  // suggesting the word itself helps nobody
        const std::string candidate_folded = lower(candidate);
        const std::size_t distance = edit_distance(folded, candidate_folded, limit);
        if (distance < best_distance || (distance == best_distance && !best.empty() && candidate < best)) {
            best = candidate;
            best_distance = distance;
        }
        if (folded.size() >= 3 && candidate_folded.size() > folded.size() &&
            candidate_folded.compare(0, folded.size(), folded) == 0) {
            prefixed = candidate;
            ++prefix_count;
        }
    }
    if (best_distance <= limit) return std::string(best);
    // An abbreviation of one name only ("cert" for certificate).
    return prefix_count == 1 ? std::string(prefixed) : std::string();
}

}  // namespace credpath
