// credpath graph, in-process: the catalog, or the cone of targets, as
// Graphviz DOT or a Mermaid flowchart.
#include "cli_support.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

using test::kOut;
using test::source_path;

test::CliRun graph(std::vector<std::string> more) {
    std::vector<std::string> words{"credpath", "graph", "-c", test::catalogs(), "--no-cache", "-o", kOut};
    words.insert(words.end(), more.begin(), more.end());
    return test::run_cli(words);
}

TEST_CASE("cli graph: the cone of a target as DOT, the profile's holdings marked: exit 0") {
    const test::CliRun run = graph({"-t", "hc-cert-health-info-tech", "--profile",
                                    source_path("tests/cli/fixtures/profile-health.yaml"), "--as-of", "2026-11-28"});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    CHECK(run.others().empty());
    const std::vector<std::string> lines = test::lines_of(run.output);
    REQUIRE(lines.size() == 44);
    CHECK(lines[0] == "digraph credentials {");
    CHECK(lines[1] == "  rankdir=LR;");
    CHECK(lines[4] == "  \"hc-cert-health-info-tech\" [label=\"hc-cert-health-info-tech\\nCertificate in Health "
                      "Information Technology\", style=\"rounded,bold,filled\", fillcolor=\"#fde9c4\", penwidth=2];");
    CHECK(lines.back() == "}");
    CHECK(test::read_text(source_path("tests/cli/cases/graph-dot-cone.stdout")) == run.output);
}

TEST_CASE("cli graph: Mermaid with --have") {
    const test::CliRun run = graph({"-t", "eu-cert-trustworthy-ai", "--have", "eu-ml", "--format", "mermaid"});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    const std::vector<std::string> lines = test::lines_of(run.output);
    REQUIRE(lines.size() > 10);
    CHECK(lines[0] == "flowchart LR");
    CHECK(run.output.find("  c_eu_ml[\"eu-ml<br/>Machine Learning Foundations\"]:::held\n") != std::string::npos);
    CHECK(run.output.find(":::target\n") != std::string::npos);
    CHECK(test::read_text(source_path("tests/cli/cases/graph-mermaid.stdout")) == run.output);
}

TEST_CASE("cli graph: the whole catalog as Mermaid warns past 500 edges on standard error") {
    const test::CliRun run = graph({"--format", "mermaid"});
    CHECK(run.code == 0);
    CHECK(run.err ==
          "credpath: warning: the flowchart has 636 edges; Mermaid draws at most 500 unless its maxEdges setting is "
          "raised: draw a part with -t ID\n");
    CHECK(run.output.find("flowchart LR\n") == 0);
}

TEST_CASE("cli graph: the whole of a small catalog as DOT, exactly") {
    const test::CliRun run = test::run_cli(
        {"credpath", "graph", "-c", source_path("tests/data/tree"), "--no-cache", "-o", kOut});
    CHECK(run.code == 0);
    CHECK(run.output ==
          "digraph credentials {\n"
          "  rankdir=LR;\n"
          "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n"
          "  edge [color=\"#666666\", arrowsize=0.7];\n"
          "  \"t-a\" [label=\"t-a\\nA\"];\n"
          "  \"t-c\" [label=\"t-c\\nC\"];\n"
          "  \"t-d\" [label=\"t-d\\nD\"];\n"
          "  \"t-a\" -> \"t-c\";\n"
          "  \"t-c\" -> \"t-d\";\n"
          "  subgraph cluster_legend {\n"
          "    label=\"Legend\";\n"
          "    fontname=\"Helvetica\";\n"
          "    fontsize=10;\n"
          "    color=\"#bbbbbb\";\n"
          "    \"#legend-credential\" [label=\"credential\"];\n"
          "  }\n"
          "}\n");
}

TEST_CASE("cli graph: an unknown target: exit 2, nothing written") {
    const test::CliRun run = graph({"-t", "hc-aass"});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: -t: unknown credential 'hc-aass' (did you mean 'hc-aas'?)\n");
    CHECK_FALSE(run.wrote);
    CHECK(run.files.empty());
}

TEST_CASE("cli graph: only dot and mermaid: a usage fault otherwise") {
    const test::CliRun run = graph({"--format", "json"});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: --format: unknown value 'json'; one of dot, mermaid\nRun with --help for more information.\n");
    CHECK_FALSE(run.wrote);
}

}  // namespace
}  // namespace credpath::cli
