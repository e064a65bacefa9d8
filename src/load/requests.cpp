#include "credpath/load/requests.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

#include "credpath/model/diagnostic.hpp"
#include "json_reader.hpp"

namespace credpath {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;  // keys in the order written, so faults come in line order

// A line's own keys, then every key a profile takes (objective and budget are
// the profile's names for minimize and max_cost).
constexpr std::array<std::string_view, 24> kKeys = {
    "id",        "targets", "skills", "have",           "exclude",   "profile",     "minimize",
    "max_cost",  "max_weeks", "as_of", "start",         "hours_per_week", "learner", "holds",
    "objective", "budget",  "in_progress", "waive",     "substitute", "format", "renew",
    "include",   "apply",   "max_overlap"};

// Names from a line in messages, in single quotes, with control characters,
// quotes and backslashes escaped as in JSON so nothing can hide.
std::string json_quoted(std::string_view text) {
    const std::string dumped = json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
    return fmt::format("'{}'", std::string_view(dumped).substr(1, dumped.size() - 2));
}

using json_reader::type_name;

// "a, b" -> {a, b}: trimmed, empty items dropped.
void split_into(const std::string& text, std::vector<std::string>& out) {
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        const std::string item = text.substr(start, end - start);
        const auto first = item.find_first_not_of(" \t");
        const auto last = item.find_last_not_of(" \t");
        if (first != std::string::npos) out.push_back(item.substr(first, last - first + 1));
        start = end + 1;
    }
}

struct LineReader {
    RequestLine& entry;
    Request& request;
    std::string origin;  // "FILE:LINE", where the line's entries were written
    std::vector<std::string> problems;

    void list(const std::string& key, const ordered_json& value, std::vector<std::string>& out) {
        if (value.is_string()) {
            split_into(value.get<std::string>(), out);
            return;
        }
        if (!value.is_array()) {
            problems.push_back(fmt::format("{} must be an array of strings, not {}", key, type_name(value)));
            return;
        }
        for (const ordered_json& item : value) {
            if (!item.is_string()) {
                problems.push_back(fmt::format("{} must be an array of strings; it holds {}", key, type_name(item)));
                return;
            }
            split_into(item.get<std::string>(), out);
        }
    }

    std::optional<std::string> text(const std::string& key, const ordered_json& value) {
        if (value.is_string()) return value.get<std::string>();
        problems.push_back(fmt::format("{} must be a string, not {}", key, type_name(value)));
        return std::nullopt;
    }

    std::optional<double> limit(const std::string& key, const ordered_json& value) {
        if (!value.is_number()) {
            problems.push_back(fmt::format("{} must be a number, not {}", key, type_name(value)));
            return std::nullopt;
        }
        const double number = value.get<double>();
        if (!std::isfinite(number) || number < 0) {
            problems.push_back(fmt::format("{} must be a finite number >= 0, not {}", key, value.dump()));
            return std::nullopt;
        }
        return number;
    }

    std::optional<Date> date(const std::string& key, const ordered_json& value) {
        auto written = text(key, value);
        if (!written) return std::nullopt;
        if (auto day = parse_date(*written)) return day;
        problems.push_back(fmt::format("{} {} {}", key, json_quoted(*written), date_problem(*written)));
        return std::nullopt;
    }

    // A list of objects: each through `item`, which returns false to stop.
    template <class Item>
    void objects(const std::string& key, const ordered_json& value, std::string_view example, Item item) {
        if (!value.is_array()) {
            problems.push_back(fmt::format("{} must be an array, not {}", key, type_name(value)));
            return;
        }
        for (const ordered_json& element : value) {
            if (!element.is_object()) {
                problems.push_back(
                    fmt::format("{} must be an array of objects such as {}; it holds {}", key, example, type_name(element)));
                return;
            }
            if (!item(element)) return;
        }
    }

    // Keys of one entry of a list: unknown ones named, with the nearest known.
    bool entry_keys(const std::string& key, const ordered_json& element, std::vector<std::string_view> allowed) {
        for (const auto& [name, unused] : element.items()) {
            if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
            const std::string hint = nearest(name, allowed);
            problems.push_back(fmt::format("{}: unknown key {}{}", key, json_quoted(name),
                                           hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
            return false;
        }
        return true;
    }

    std::optional<std::string> member_text(const std::string& key, const ordered_json& element, std::string_view name) {
        const auto found = element.find(std::string(name));
        if (found == element.end()) {
            problems.push_back(fmt::format("{}: an entry needs {}", key, json_quoted(name)));
            return std::nullopt;
        }
        return text(fmt::format("{}.{}", key, name), *found);
    }

    void holds(const std::string& key, const ordered_json& value) {
        if (!value.is_array()) {
            problems.push_back(fmt::format("{} must be an array, not {}", key, type_name(value)));
            return;
        }
        for (const ordered_json& element : value) {
            HeldEntry held;
            held.origin = origin;
            if (element.is_string()) {
                held.id = element.get<std::string>();
            } else if (element.is_object()) {
                if (!entry_keys(key, element, {"id", "earned"})) return;
                auto id = member_text(key, element, "id");
                if (!id) return;
                held.id = *id;
                if (const auto earned = element.find("earned"); earned != element.end()) {
                    held.earned = date(key + ".earned", *earned);
                    if (!held.earned) return;
                }
            } else {
                problems.push_back(fmt::format("{} must be an array of ids or {{\"id\", \"earned\"}} objects; it holds {}",
                                               key, type_name(element)));
                return;
            }
            request.holds.push_back(std::move(held));
        }
    }

    void in_progress(const std::string& key, const ordered_json& value) {
        objects(key, value, "{\"id\": \"X\", \"done\": 0.5}", [&](const ordered_json& element) {
            if (!entry_keys(key, element, {"id", "done", "hours_done", "paid"})) return false;
            InProgressEntry started;
            started.origin = origin;
            auto id = member_text(key, element, "id");
            if (!id) return false;
            started.id = *id;
            const auto done = element.find("done");
            const auto hours_done = element.find("hours_done");
            if ((done == element.end()) == (hours_done == element.end())) {
                problems.push_back(fmt::format("{}: {} needs done (a share, 0 to 1) or hours_done, one of them", key,
                                               json_quoted(started.id)));
                return false;
            }
            if (done != element.end()) {
                started.done = limit(key + ".done", *done);
                if (!started.done) return false;
                if (*started.done > 1) {
                    problems.push_back(fmt::format("{}.done is a share from 0 to 1, not {}", key, done->dump()));
                    return false;
                }
            } else {
                started.hours_done = limit(key + ".hours_done", *hours_done);
                if (!started.hours_done) return false;
            }
            if (const auto paid = element.find("paid"); paid != element.end()) {
                if (!paid->is_boolean()) {
                    problems.push_back(fmt::format("{}.paid must be true or false, not {}", key, type_name(*paid)));
                    return false;
                }
                started.paid = paid->get<bool>();
            }
            request.in_progress.push_back(std::move(started));
            return true;
        });
    }

    void substitute(const std::string& key, const ordered_json& value) {
        objects(key, value, "{\"held\": \"A\", \"for\": \"B\"}", [&](const ordered_json& element) {
            if (!entry_keys(key, element, {"held", "for"})) return false;
            auto held = member_text(key, element, "held");
            auto for_id = held ? member_text(key, element, "for") : std::nullopt;
            if (!held || !for_id) return false;
            request.substitute.push_back({*held, *for_id, origin});
            return true;
        });
    }

    void objective(const std::string& key, const ordered_json& value) {
        auto objective = text(key, value);
        if (!objective) return;
        if (auto known = objective_from_string(*objective)) {
            request.objective = *known;
            return;
        }
        const std::string hint = nearest(*objective, names_in(kObjectives));
        problems.push_back(fmt::format("{} {} is not {}{}", key, json_quoted(*objective), spoken_list(names_in(kObjectives)),
                                       hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
    }

    void read(const ordered_json& object) {
        if (object.contains("minimize") && object.contains("objective"))
            problems.push_back("minimize and objective name the same thing: give one");
        if (object.contains("max_cost") && object.contains("budget"))
            problems.push_back("max_cost and budget name the same thing: give one");
        for (const auto& [key, value] : object.items()) {
            if (key == "id") {
                if (auto id = text(key, value)) {
                    if (id->empty()) problems.push_back("id must not be empty");
                    else entry.id = *id;
                }
            } else if (key == "targets") {
                list(key, value, request.targets);
            } else if (key == "skills") {
                list(key, value, request.skills);
            } else if (key == "have") {
                list(key, value, request.have);
            } else if (key == "exclude") {
                list(key, value, request.exclude);
            } else if (key == "include") {
                list(key, value, request.include);
            } else if (key == "apply") {
                list(key, value, request.apply);
            } else if (key == "max_overlap") {
                if (const auto n = limit(key, value)) {
                    if (*n != std::floor(*n) || *n > 1e9) problems.push_back(fmt::format("max_overlap must be a whole number, not {}", value.dump()));
                    else request.max_overlap = static_cast<std::uint32_t>(*n);
                }
            } else if (key == "profile") {
                if (auto path = text(key, value)) {
                    if (path->empty()) problems.push_back("profile must not be empty");
                    else request.profile = *path;
                }
            } else if (key == "minimize" || key == "objective") {
                objective(key, value);
            } else if (key == "max_cost" || key == "budget") {
                request.max_cost = limit(key, value);
            } else if (key == "max_weeks") {
                request.max_weeks = limit(key, value);
            } else if (key == "as_of") {
                request.as_of = date(key, value);
            } else if (key == "start") {
                request.start = date(key, value);
            } else if (key == "hours_per_week") {
                request.hours_per_week = limit(key, value);
                if (request.hours_per_week && *request.hours_per_week == 0) {
                    problems.push_back("hours_per_week must be above 0");
                    request.hours_per_week.reset();
                }
            } else if (key == "renew") {
                if (!value.is_boolean()) problems.push_back(fmt::format("renew must be true or false, not {}", type_name(value)));
                else request.renew = value.get<bool>();
            } else if (key == "learner") {
                if (auto name = text(key, value)) request.learner = *name;
            } else if (key == "holds") {
                holds(key, value);
            } else if (key == "in_progress") {
                in_progress(key, value);
            } else if (key == "waive") {
                std::vector<std::string> ids;
                list(key, value, ids);
                for (std::string& id : ids) request.waive.push_back({std::move(id), origin});
            } else if (key == "substitute") {
                substitute(key, value);
            } else if (key == "format") {
                // A profile pasted as a line keeps its header.
                if (auto format = text(key, value); format && *format != "credpath-profile/1")
                    problems.push_back(fmt::format("format {} is not credpath-profile/1", json_quoted(*format)));
            } else {
                const std::string hint = nearest(key, std::vector<std::string_view>(kKeys.begin(), kKeys.end()));
                problems.push_back(hint.empty()
                                       ? fmt::format("unknown key {}", json_quoted(key))
                                       : fmt::format("unknown key {} (did you mean '{}'?)", json_quoted(key), hint));
            }
        }
        if (request.targets.empty() && request.skills.empty() && request.profile.empty())
            problems.push_back("a request needs targets, skills or a profile that names them");
    }
};

// "[json.exception.parse_error.101] parse error at line 1, column 7: ..." ->
// "parse error at column 7: ...": each request is one line.
std::string parse_message(const std::string& what) {
    std::string message = what;
    if (const auto close = message.find("] "); message.rfind("[json.exception.", 0) == 0 && close != std::string::npos)
        message.erase(0, close + 2);
    if (const auto at = message.find("at line 1, "); at != std::string::npos) message.erase(at, 11).insert(at, "at ");
    return message;
}

}  // namespace

std::vector<RequestLine> read_requests(std::string_view text, std::string_view name) {
    std::vector<RequestLine> lines;
    std::map<std::string, std::size_t, std::less<>> first_line;  // id -> line
    std::size_t number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;

        RequestLine entry;
        entry.line = number;
        LineReader reader{entry, entry.request, fmt::format("{}:{}", name, number), {}};
        // Keys of the top-level object, to find one given twice (the parser
        // keeps the last silently).
        std::vector<std::string> keys;
        std::vector<std::string> repeated;
        const ordered_json::parser_callback_t watch = [&](int depth, json::parse_event_t event, ordered_json& parsed) {
            if (depth == 1 && event == json::parse_event_t::key && parsed.is_string()) {
                const auto key = parsed.get<std::string>();
                if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
                    if (std::find(repeated.begin(), repeated.end(), key) == repeated.end()) repeated.push_back(key);
                } else {
                    keys.push_back(key);
                }
            }
            return true;
        };
        try {
            const ordered_json object = ordered_json::parse(line.begin(), line.end(), watch);
            if (!object.is_object()) {
                reader.problems.push_back(fmt::format("a request is a JSON object, not {}", type_name(object)));
            } else {
                for (const std::string& key : repeated)
                    reader.problems.push_back(fmt::format("key {} is given twice", json_quoted(key)));
                reader.read(object);
            }
        } catch (const json::exception& error) {
            reader.problems.push_back(fmt::format("not valid JSON: {}", parse_message(error.what())));
        }
        if (reader.problems.empty() && !entry.id.empty()) {
            const auto [it, inserted] = first_line.emplace(entry.id, number);
            if (!inserted)
                reader.problems.push_back(
                    fmt::format("id {} is used again (first at line {})", json_quoted(entry.id), it->second));
        }
        if (!reader.problems.empty())
            entry.error = fmt::format("{}:{}: {}", name, number, fmt::join(reader.problems, "; "));
        lines.push_back(std::move(entry));
    }
    return lines;
}

namespace {
InputError over_limit(std::string_view name, std::string_view what, std::uint64_t max_bytes) {
    return InputError{
        fmt::format("cannot read {}: {} is over the limit of {} bytes (--max-file-size raises it)", name, what, max_bytes),
        {}};
}
}  // namespace

std::string read_input_file(const std::string& path, std::uint64_t max_bytes) {
    // Streamed with a cap rather than sized first, so that pipes work too.
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError{fmt::format("cannot read {}: {}", path, std::strerror(errno)), {}};
    std::string text;
    std::array<char, 1 << 16> block;
    while (in.read(block.data(), block.size()) || in.gcount() > 0) {
        text.append(block.data(), static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_bytes) throw over_limit(path, "file", max_bytes);
    }
    if (in.bad()) throw InputError{fmt::format("cannot read {}: {}", path, std::strerror(errno)), {}};
    return text;
}

std::string read_standard_input(std::uint64_t max_bytes) {
    // Block by block with the cap, as a file: a pipe that never ends is stopped there.
    std::string text;
    std::array<char, 1 << 16> block;
    for (;;) {
        const ssize_t got = ::read(STDIN_FILENO, block.data(), block.size());
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) throw InputError{fmt::format("cannot read standard input: {}", std::strerror(errno)), {}};
        if (got == 0) return text;
        text.append(block.data(), static_cast<std::size_t>(got));
        if (text.size() > max_bytes) throw over_limit("standard input", "the input", max_bytes);
    }
}

std::vector<RequestLine> read_requests_file(const std::string& path, std::uint64_t max_bytes) {
    return read_requests(read_input_file(path, max_bytes), path);
}

std::string request_profile_path(const Request& request, const std::string& profile_dir) {
    if (request.profile.empty()) return {};
    std::filesystem::path path = request.profile;
    if (path.is_relative() && !profile_dir.empty()) path = std::filesystem::path(profile_dir) / path;
    return path.string();
}

std::string request_label(const RequestLine& line) {
    return line.id.empty() ? fmt::format("line {}", line.line) : line.id;
}

namespace {
// What a summary needs of a written plan; whatever is missing stays 0 or empty.
void read_plan_facts(const nlohmann::json& plan, OutputLine& out) {
    if (const auto totals = plan.find("totals"); totals != plan.end() && totals->is_object()) {
        if (const auto cost = totals->find("cost"); cost != totals->end() && cost->is_number())
            out.cost = cost->get<double>();
        if (const auto weeks = totals->find("weeks"); weeks != totals->end() && weeks->is_number())
            out.weeks = weeks->get<double>();
    }
    if (const auto steps = plan.find("steps"); steps != plan.end() && steps->is_array())
        for (const auto& step : *steps)
            if (const auto id = step.find("id"); step.is_object() && id != step.end() && id->is_string())
                out.steps.push_back(id->get<std::string>());
}
}  // namespace

std::vector<OutputLine> read_batch_output(std::string_view text, std::string_view name) {
    std::vector<OutputLine> out;
    std::size_t number = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(at, end - at);
        at = end + 1;
        ++number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        auto fail = [&](std::string_view why) {
            return InputError{fmt::format("{}:{}: {}", name, number, why), {}};
        };
        const nlohmann::json value = nlohmann::json::parse(line, nullptr, false);
        if (value.is_discarded() || !value.is_object()) throw fail("not a JSON object (is this a batch output?)");
        const auto found = value.find("line");
        if (found == value.end() || !found->is_number_unsigned() || found->get<std::size_t>() == 0)
            throw fail("no positive integer \"line\"");
        OutputLine result;
        result.line = found->get<std::size_t>();
        if (const auto id = value.find("id"); id != value.end() && id->is_string()) result.id = id->get<std::string>();
        if (const auto plan = value.find("plan"); plan != value.end() && plan->is_object()) {
            const auto feasible = plan->find("feasible");
            result.status = feasible != plan->end() && feasible->is_boolean() && feasible->get<bool>()
                                ? BatchStatus::Planned
                                : BatchStatus::Infeasible;
            read_plan_facts(*plan, result);
        } else if (value.contains("error")) {
            result.status = BatchStatus::Error;
        } else {
            throw fail("neither a \"plan\" nor an \"error\"");
        }
        result.text = std::string(line) + "\n";
        out.push_back(std::move(result));
    }
    return out;
}

}  // namespace credpath
