// Plan requests as JSON Lines, one request per line: the input of
// `credpath diff --requests` (and of any command that plans many requests).
// The reader only reads and checks the lines; resolve_request turns one
// request into a PlanRequest against a catalog. Nothing here prints.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/date.hpp"
#include "credpath/model.hpp"
#include "credpath/planner.hpp"
#include "credpath/profile.hpp"

namespace credpath {

// One request, as written on its line:
//   {"id": "ana", "targets": ["dai-cert-ml"], "skills": ["sql"], "have": [...],
//    "exclude": [...], "profile": "ana.yaml", "minimize": "weeks",
//    "max_cost": 2000, "max_weeks": 20, "as_of": "2027-01-01"}
// Every key is optional, but a request names targets, skills or both. The
// lists take an array of strings or one comma-separated string.
struct BatchRequest {
    std::string id;        // "" when the line gives none (see request_label)
    std::size_t line = 0;  // 1-based line of the text
    std::vector<std::string> targets;
    std::vector<std::string> skills;
    std::vector<std::string> have;
    std::vector<std::string> exclude;
    std::string profile;                  // a profile file as written; "" for none
    std::optional<std::string> minimize;  // cost, hours, count or weeks (checked)
    std::optional<double> max_cost;       // finite, >= 0 (checked)
    std::optional<double> max_weeks;      // finite, >= 0 (checked)
    std::optional<std::string> as_of;     // YYYY-MM-DD (checked)
};

// One non-blank line. When the line cannot be used, `error` says why, starting
// with "NAME:LINE: " (NAME as given to read_requests), and `request` holds the
// line number and whatever id could be read.
struct RequestLine {
    BatchRequest request;
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

// Reads a file the same way (errors are named by `path`); throws InputError
// when the file cannot be read or is larger than `max_bytes`.
std::vector<RequestLine> read_requests_file(const std::string& path, std::uint64_t max_bytes = 1ull << 30);

// The file a request's `profile` names: a relative one beside `profile_dir`
// ("" = the working directory). "" when the request names none.
std::string request_profile_path(const BatchRequest& request, const std::string& profile_dir);

// The id, or "line N" when the request has none.
std::string request_label(const BatchRequest& request);

// A request resolved against one catalog. The goal rule for the skills lives
// here, so plan_request() is valid while this object is.
struct ResolvedRequest {
    PlanRequest request;             // targets, held, excluded, objective, limits; no goals
    std::optional<Rule> skills_goal; // a `skills` rule of no credential, when skills were asked for
    Holdings holdings;
    Date as_of;
    std::string learner;  // from the profile; may be empty

    // `request` with the skills goal added.
    PlanRequest plan_request() const;
};

struct ResolveOptions {
    Date as_of;                  // for requests without their own as_of
    std::string profile_dir;     // a relative `profile` is read from here ("" = the working directory)
    double time_limit_seconds = 300;
    std::uint64_t max_file_bytes = 1ull << 30;  // for profile files
};

// Resolves ids, skills and the profile against `catalog` (minimize defaults to
// cost). Throws InputError naming every unknown id ("targets: unknown
// credential 'x' (did you mean 'y'?)"), every skill no credential teaches, and
// profile faults.
ResolvedRequest resolve_request(const Catalog& catalog, const BatchRequest& request, const ResolveOptions& options);

}  // namespace credpath
