#include "credpath/report/render_analyze.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "render_support.hpp"

namespace credpath {

using namespace render_detail;

namespace {

std::string scope_text(const AnalyzeView& view) {
    return view.whole ? "the whole catalog" : "the cones of the targets";
}

// Most delaying first, then most blocking, then by id.
std::vector<const CredentialMeasures*> by_delay(const AnalyzeView& view) {
    std::vector<const CredentialMeasures*> out;
    for (const CredentialMeasures& m : view.analysis.credentials) out.push_back(&m);
    std::stable_sort(out.begin(), out.end(), [](const CredentialMeasures* a, const CredentialMeasures* b) {
        if (a->delay != b->delay) return a->delay > b->delay;
        return a->blocking > b->blocking;
    });
    return out;
}

std::string steps_text(const QualificationMeasures& m) {
    return m.fewest_steps ? std::to_string(*m.fewest_steps) : std::string("never");
}

std::string counts_line(const std::vector<Diagnostic>& findings) {
    const std::size_t errors = count_errors(findings);
    const std::size_t warnings = findings.size() - errors;
    return fmt::format("{}, {}", plural(errors, "error", "errors"), plural(warnings, "warning", "warnings"));
}

std::string render_text(const AnalyzeView& view, const Style& style) {
    const Catalog& catalog = view.catalog;
    const Analysis& a = view.analysis;
    std::string out = fmt::format("Analysis of {} ({})\n", plural(a.credentials.size(), "credential", "credentials"),
                                  scope_text(view));
    out += fmt::format("\nQualifications ({}): structural complexity (blocking + delay over the cone) and the fewest "
                       "steps one after another\n",
                       format_count(a.qualifications.size()));
    Table qualifications{{"id", "kind", "complexity", "steps", "cone", "title"},
                         {false, false, true, true, true, false},
                         {}};
    for (const QualificationMeasures& m : a.qualifications) {
        const Credential& c = catalog.credentials[m.credential];
        qualifications.rows.push_back({terminal_safe(c.id), std::string(to_string(c.kind)),
                                       format_count(m.complexity), steps_text(m), format_count(m.cone_size),
                                       terminal_safe(c.title)});
    }
    qualifications.wrap({"title"});
    out += qualifications.render(style);
    out += fmt::format("\nCredentials ({}), most delaying first\n", format_count(a.credentials.size()));
    Table credentials{{"id", "blocking", "delay", "centrality", "title"}, {false, true, true, true, false}, {}};
    for (const CredentialMeasures* m : by_delay(view)) {
        const Credential& c = catalog.credentials[m->credential];
        credentials.rows.push_back({terminal_safe(c.id), format_count(m->blocking), format_count(m->delay),
                                    format_count(m->centrality), terminal_safe(c.title)});
    }
    credentials.wrap({"title"});
    out += credentials.render(style);
    out += "\nblocking: credentials that need it, directly or not; delay: credentials on the longest chain through "
           "it; centrality: credentials summed over the chains through it.\n";
    out += fmt::format("\nFindings: {}\n", counts_line(a.findings));
    for (const Diagnostic& d : a.findings) out += terminal_safe(format_diagnostic(d)) + "\n";
    return out;
}

ordered_json render_json(const AnalyzeView& view) {
    const Catalog& catalog = view.catalog;
    const Analysis& a = view.analysis;
    ordered_json out;
    out["format"] = "credpath-analyze/1";
    out["scope"] = view.whole ? "catalog" : "targets";
    ordered_json qualifications = ordered_json::array();
    for (const QualificationMeasures& m : a.qualifications)
        qualifications.push_back({{"id", catalog.credentials[m.credential].id},
                                  {"kind", to_string(catalog.credentials[m.credential].kind)},
                                  {"complexity", m.complexity},
                                  {"fewest_steps", m.fewest_steps ? ordered_json(*m.fewest_steps) : ordered_json()},
                                  {"cone_size", m.cone_size}});
    out["qualifications"] = std::move(qualifications);
    ordered_json credentials = ordered_json::array();
    for (const CredentialMeasures& m : a.credentials)
        credentials.push_back({{"id", catalog.credentials[m.credential].id},
                               {"blocking", m.blocking},
                               {"delay", m.delay},
                               {"centrality", number(m.centrality)},
                               {"longest_chain", id_list(catalog, m.longest_chain)}});
    out["credentials"] = std::move(credentials);
    ordered_json findings = ordered_json::array();
    for (const Diagnostic& d : a.findings)
        findings.push_back({{"severity", to_string(d.severity)},
                            {"code", d.code},
                            {"file", d.file},
                            {"line", d.line},
                            {"column", d.column},
                            {"message", d.message}});
    out["findings"] = std::move(findings);
    return out;
}

std::string render_csv(const AnalyzeView& view) {
    const Catalog& catalog = view.catalog;
    std::vector<const QualificationMeasures*> of(catalog.credentials.size(), nullptr);
    for (const QualificationMeasures& m : view.analysis.qualifications) of[m.credential] = &m;
    std::string out = "id,kind,blocking,delay,centrality,complexity,fewest_steps\n";
    for (const CredentialMeasures& m : view.analysis.credentials) {
        const Credential& c = catalog.credentials[m.credential];
        const QualificationMeasures* q = of[m.credential];
        out += fmt::format("{},{},{},{},{},{},{}\n", csv_cell(c.id), to_string(c.kind), m.blocking, m.delay,
                           format_number(m.centrality), q ? std::to_string(q->complexity) : std::string(),
                           q ? steps_text(*q) : std::string());
    }
    return out;
}

std::string render_markdown(const AnalyzeView& view) {
    const Catalog& catalog = view.catalog;
    const Analysis& a = view.analysis;
    std::string out = fmt::format("## Curricular analysis of {}\n\n", scope_text(view));
    out += "| qualification | kind | complexity | fewest steps | cone |\n| --- | --- | ---: | ---: | ---: |\n";
    for (const QualificationMeasures& m : a.qualifications) {
        const Credential& c = catalog.credentials[m.credential];
        out += fmt::format("| {} | {} | {} | {} | {} |\n", markdown_cell(c.id), to_string(c.kind),
                           format_count(m.complexity), steps_text(m), format_count(m.cone_size));
    }
    out += "\n| credential | blocking | delay | centrality |\n| --- | ---: | ---: | ---: |\n";
    for (const CredentialMeasures* m : by_delay(view))
        out += fmt::format("| {} | {} | {} | {} |\n", markdown_cell(catalog.credentials[m->credential].id),
                           format_count(m->blocking), format_count(m->delay), format_count(m->centrality));
    out += fmt::format("\n**Findings:** {}\n", counts_line(a.findings));
    if (!a.findings.empty()) out += "\n";
    for (const Diagnostic& d : a.findings) out += fmt::format("- {}\n", markdown_cell(format_diagnostic(d)));
    return out;
}

}  // namespace

std::string render_analyze(const AnalyzeView& view, Format format, const Style& style) {
    switch (format) {
    case Format::Json: return dump(render_json(view));
    case Format::Csv: return render_csv(view);
    case Format::Markdown: return render_markdown(view);
    case Format::Github: return render_validation_github(view.analysis.findings);
    default: return render_text(view, style);
    }
}

}  // namespace credpath
