// Plan requests as JSON Lines, one request per line: the input of `credpath
// batch` and `credpath diff --requests`. The reader only reads and checks the
// lines into Requests; the plan layer's resolve_request turns one into a
// question against a catalog. Nothing here prints.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/model/request.hpp"

namespace credpath {

// One non-blank line of a requests file (JSON Lines), e.g.
//   {"id": "ana", "targets": ["dai-cert-ml"], "skills": ["sql"], "have": [...],
//    "exclude": [...], "profile": "ana.yaml", "minimize": "weeks",
//    "max_cost": 2000, "max_weeks": 20, "as_of": "2027-01-01",
//    "hours_per_week": 10, "start": "2027-01-04"}
// Every key is optional, but a request names targets, skills or both. The
// lists take an array of strings or one comma-separated string. When the line
// cannot be used, `error` says why, each fault starting with "NAME:LINE:COL: "
// (NAME as given to read_requests), and the line holds whatever id could be
// read. The names of a usable line keep where they were written
// (request.origins, each entry's origin) for the resolver's messages.
struct RequestLine {
    std::string id;        // "" when the line gives none (see request_label)
    std::size_t line = 0;  // 1-based line of the text
    Request request;       // the line's own fields
    // Each fault of the line, "NAME:LINE:COL: message", and all of them
    // joined by "; " in `error`.
    std::vector<std::string> problems;
    std::string error;
    bool ok() const { return error.empty(); }
};

// Reads every line of `text` that is not blank (a trailing \r is dropped), in
// order. A line fails when it is not a JSON object, has a key twice, an unknown
// key (with "did you mean"), a value of the wrong type, a bad `minimize`, a
// negative or non-finite limit, a bad date, no targets and no skills, or an id
// an earlier line already used. Every fault of a line is named, separated by
// "; ". Never throws for the content.
std::vector<RequestLine> read_requests(std::string_view text, std::string_view name);
// A whole input file (or pipe) as text; throws InputError ("cannot read PATH:
// why") when it cannot be read or holds more than `max_bytes`.
std::string read_input_file(const std::string& path, std::uint64_t max_bytes);
// Standard input, whole, bounded the same way ("cannot read standard input:
// ...").
std::string read_standard_input(std::uint64_t max_bytes);

// Reads a file the same way (errors are named by `path`); throws InputError
// when the file cannot be read or is larger than `max_bytes`.
std::vector<RequestLine> read_requests_file(const std::string& path, std::uint64_t max_bytes = 1ull << 30);

// The file a request's `profile` names: a relative one beside `profile_dir`
// ("" = the working directory). "" when the request names none.
std::string request_profile_path(const Request& request, const std::string& profile_dir);
// `path` read from `dir` when it is relative and dir is not "".
std::string relative_to(const std::string& path, const std::string& dir);
// Whether a request names files for its learner: a profile or wallets.
bool reads_learner_files(const Request& request);

// The id, or "line N" when the request has none.
std::string request_label(const RequestLine& line);

// ---- batch outputs, read back (batch-merge)

// What became of one request.
enum class BatchStatus {
    Planned,     // a feasible plan
    Infeasible,  // a well-formed request with no plan (the reason says why)
    Error,       // the request could not be answered (bad line, unknown id, profile)
};

// One line of a batch output, as batch-merge and a resumed batch read it back.
struct OutputLine {
    std::size_t line = 0;  // the request's input line
    std::optional<std::string> id;  // the request's id; none when it had none (null)
    BatchStatus status = BatchStatus::Error;
    std::string text;  // the line as written, with its "\n"
    // What a summary counts of a feasible plan: its totals and the ids of its
    // steps, in order.
    double cost = 0;
    double weeks = 0;
    std::vector<std::string> steps;
};
// Every non-blank line of a batch output: a JSON object with a positive integer
// "line", an "id" (a string or null) when it has one, and a "plan" (feasible or
// not) or an "error"; a feasible plan's totals and step ids are read when they
// are there. Throws InputError naming NAME:LINE of the first line that is not.
std::vector<OutputLine> read_batch_output(std::string_view text, std::string_view name);

}  // namespace credpath
