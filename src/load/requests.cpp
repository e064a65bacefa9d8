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
constexpr std::array<std::string_view, 26> kKeys = {
    "id",        "targets", "skills", "have",           "exclude",   "profile",     "minimize",
    "max_cost",  "max_weeks", "as_of", "start",         "hours_per_week", "learner", "holds",
    "objective", "budget",  "in_progress", "waive",     "substitute", "format", "renew",
    "include",   "apply",   "max_overlap", "wallets", "require_verified"};

// Names from a line in messages, in single quotes, with control characters,
// quotes and backslashes escaped as in JSON so nothing can hide.
std::string json_quoted(std::string_view text) {
    const std::string dumped = json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
    return fmt::format("'{}'", std::string_view(dumped).substr(1, dumped.size() - 2));
}

using json_reader::item_pointer;
using json_reader::member_pointer;
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

// One fault of a line: the JSON pointer of the value it is about ("" = the
// whole line), placed at a column once the line is read.
struct Problem {
    std::string pointer;
    std::string message;
    bool at_key = false;  // at the member's key rather than its value (an unknown key)
};

// The character column of the key whose value starts at character `column`
// of `line` ("key": value): back over the colon to the key's opening quote.
std::uint32_t key_column(std::string_view line, std::uint32_t column) {
    std::size_t at = 0;  // the byte where character `column` starts
    for (std::uint32_t seen = 1; at < line.size() && seen < column; ++seen) {
        ++at;
        while (at < line.size() && (static_cast<unsigned char>(line[at]) & 0xC0) == 0x80) ++at;  // continuation bytes
    }
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    while (at > 0 && blank(line[at - 1])) --at;
    if (at == 0 || line[at - 1] != ':') return column;
    --at;
    while (at > 0 && blank(line[at - 1])) --at;
    if (at == 0 || line[at - 1] != '"') return column;
    return json_reader::locate(line, json_reader::opening_quote(line, at - 1)).column;
}

// Reads one line's object into a Request. Names are located by JSON pointer
// while reading (request.origins, each entry's origin, each problem) and turned
// into "FILE:LINE:COL" by `place_origins` afterwards: one pass over the line.
struct LineReader {
    RequestLine& entry;
    Request& request;
    std::vector<Problem> problems;

    void fault(const std::string& at, std::string message) { problems.push_back({at, std::move(message)}); }

    // Names: an array of strings or one "a, b" string; `origins` gets the
    // pointer each name was written at.
    void list(const std::string& key, const std::string& at, const ordered_json& value, std::vector<std::string>& out,
              std::vector<std::string>* origins = nullptr) {
        const auto add = [&](const std::string& text, const std::string& where) {
            split_into(text, out);
            if (origins) origins->resize(out.size(), where);
        };
        if (value.is_string()) {
            add(value.get<std::string>(), at);
            return;
        }
        if (!value.is_array()) {
            fault(at, fmt::format("{} must be an array of strings, not {}", key, type_name(value)));
            return;
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            const ordered_json& item = value[i];
            if (!item.is_string()) {
                fault(item_pointer(at, i),
                      fmt::format("{} must be an array of strings; it holds {}", key, type_name(item)));
                return;
            }
            add(item.get<std::string>(), item_pointer(at, i));
        }
    }

    std::optional<std::string> text(const std::string& key, const std::string& at, const ordered_json& value) {
        if (value.is_string()) return value.get<std::string>();
        fault(at, fmt::format("{} must be a string, not {}", key, type_name(value)));
        return std::nullopt;
    }

    std::optional<double> limit(const std::string& key, const std::string& at, const ordered_json& value) {
        if (!value.is_number()) {
            fault(at, fmt::format("{} must be a number, not {}", key, type_name(value)));
            return std::nullopt;
        }
        const double number = value.get<double>();
        if (!std::isfinite(number) || number < 0) {
            fault(at, fmt::format("{} must be a finite number >= 0, not {}", key, value.dump()));
            return std::nullopt;
        }
        return number;
    }

    std::optional<Date> date(const std::string& key, const std::string& at, const ordered_json& value) {
        auto written = text(key, at, value);
        if (!written) return std::nullopt;
        if (auto day = parse_date(*written)) return day;
        fault(at, fmt::format("{} {} {}", key, json_quoted(*written), date_problem(*written)));
        return std::nullopt;
    }

    // A list of objects: each through `item(element, pointer)`, which returns
    // false to stop.
    template <class Item>
    void objects(const std::string& key, const std::string& at, const ordered_json& value, std::string_view example,
                 Item item) {
        if (!value.is_array()) {
            fault(at, fmt::format("{} must be an array, not {}", key, type_name(value)));
            return;
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            const ordered_json& element = value[i];
            if (!element.is_object()) {
                fault(item_pointer(at, i), fmt::format("{} must be an array of objects such as {}; it holds {}", key,
                                                       example, type_name(element)));
                return;
            }
            if (!item(element, item_pointer(at, i))) return;
        }
    }

    // Keys of one entry of a list: unknown ones named, with the nearest known.
    bool entry_keys(const std::string& key, const std::string& at, const ordered_json& element,
                    std::vector<std::string_view> allowed) {
        for (const auto& [name, unused] : element.items()) {
            if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
            const std::string hint = nearest(name, allowed);
            fault(member_pointer(at, name), fmt::format("{}: unknown key {}{}", key, json_quoted(name),
                                                        hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
            problems.back().at_key = true;
            return false;
        }
        return true;
    }

    std::optional<std::string> member_text(const std::string& key, const std::string& at, const ordered_json& element,
                                           std::string_view name) {
        const auto found = element.find(std::string(name));
        if (found == element.end()) {
            fault(at, fmt::format("{}: an entry needs {}", key, json_quoted(name)));
            return std::nullopt;
        }
        return text(fmt::format("{}.{}", key, name), member_pointer(at, name), *found);
    }

    void holds(const std::string& key, const std::string& at, const ordered_json& value) {
        if (!value.is_array()) {
            fault(at, fmt::format("{} must be an array, not {}", key, type_name(value)));
            return;
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            const ordered_json& element = value[i];
            const std::string item = item_pointer(at, i);
            HeldEntry held;
            held.origin = item;
            if (element.is_string()) {
                held.id = element.get<std::string>();
            } else if (element.is_object()) {
                if (!entry_keys(key, item, element, {"id", "earned"})) return;
                auto id = member_text(key, item, element, "id");
                if (!id) return;
                held.id = *id;
                held.origin = member_pointer(item, "id");
                if (const auto earned = element.find("earned"); earned != element.end()) {
                    held.earned = date(key + ".earned", member_pointer(item, "earned"), *earned);
                    if (!held.earned) return;
                }
            } else {
                fault(item, fmt::format("{} must be an array of ids or {{\"id\", \"earned\"}} objects; it holds {}",
                                        key, type_name(element)));
                return;
            }
            request.holds.push_back(std::move(held));
        }
    }

    void in_progress(const std::string& key, const std::string& at, const ordered_json& value) {
        objects(key, at, value, "{\"id\": \"X\", \"done\": 0.5}", [&](const ordered_json& element, const std::string& item) {
            if (!entry_keys(key, item, element, {"id", "done", "hours_done", "paid"})) return false;
            InProgressEntry started;
            auto id = member_text(key, item, element, "id");
            if (!id) return false;
            started.id = *id;
            started.origin = member_pointer(item, "id");
            const auto done = element.find("done");
            const auto hours_done = element.find("hours_done");
            if ((done == element.end()) == (hours_done == element.end())) {
                fault(item, fmt::format("{}: {} needs done (a share, 0 to 1) or hours_done, one of them", key,
                                        json_quoted(started.id)));
                return false;
            }
            if (done != element.end()) {
                started.done = limit(key + ".done", member_pointer(item, "done"), *done);
                if (!started.done) return false;
                if (*started.done > 1) {
                    fault(member_pointer(item, "done"),
                          fmt::format("{}.done is a share from 0 to 1, not {}", key, done->dump()));
                    return false;
                }
            } else {
                started.hours_done = limit(key + ".hours_done", member_pointer(item, "hours_done"), *hours_done);
                if (!started.hours_done) return false;
            }
            if (const auto paid = element.find("paid"); paid != element.end()) {
                if (!paid->is_boolean()) {
                    fault(member_pointer(item, "paid"),
                          fmt::format("{}.paid must be true or false, not {}", key, type_name(*paid)));
                    return false;
                }
                started.paid = paid->get<bool>();
            }
            request.in_progress.push_back(std::move(started));
            return true;
        });
    }

    void substitute(const std::string& key, const std::string& at, const ordered_json& value) {
        objects(key, at, value, "{\"held\": \"A\", \"for\": \"B\"}", [&](const ordered_json& element, const std::string& item) {
            if (!entry_keys(key, item, element, {"held", "for"})) return false;
            auto held = member_text(key, item, element, "held");
            auto for_id = held ? member_text(key, item, element, "for") : std::nullopt;
            if (!held || !for_id) return false;
            request.substitute.push_back({*held, *for_id, member_pointer(item, "held")});
            return true;
        });
    }

    void objective(const std::string& key, const std::string& at, const ordered_json& value) {
        auto objective = text(key, at, value);
        if (!objective) return;
        if (auto known = objective_from_string(*objective)) {
            request.objective = *known;
            return;
        }
        const std::string hint = nearest(*objective, names_in(kObjectives));
        fault(at, fmt::format("{} {} is not {}{}", key, json_quoted(*objective), spoken_list(names_in(kObjectives)),
                              hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
    }

    void read(const ordered_json& object) {
        if (object.contains("minimize") && object.contains("objective"))
            fault("/objective", "minimize and objective name the same thing: give one");
        if (object.contains("max_cost") && object.contains("budget"))
            fault("/budget", "max_cost and budget name the same thing: give one");
        Request::Origins& origins = request.origins;
        for (const auto& [key, value] : object.items()) {
            const std::string at = member_pointer("", key);
            if (key == "id") {
                if (auto id = text(key, at, value)) {
                    if (id->empty()) fault(at, "id must not be empty");
                    else entry.id = *id;
                }
            } else if (key == "targets") {
                list(key, at, value, request.targets, &origins.targets);
            } else if (key == "skills") {
                list(key, at, value, request.skills, &origins.skills);
            } else if (key == "have") {
                list(key, at, value, request.have, &origins.have);
            } else if (key == "exclude") {
                list(key, at, value, request.exclude, &origins.exclude);
            } else if (key == "include") {
                list(key, at, value, request.include, &origins.include);
            } else if (key == "apply") {
                list(key, at, value, request.apply, &origins.apply);
            } else if (key == "max_overlap") {
                if (const auto n = limit(key, at, value)) {
                    if (*n != std::floor(*n) || *n > 1e9)
                        fault(at, fmt::format("max_overlap must be a whole number, not {}", value.dump()));
                    else request.max_overlap = static_cast<std::uint32_t>(*n);
                }
            } else if (key == "wallets") {
                list(key, at, value, request.wallets, nullptr);
            } else if (key == "profile") {
                if (auto path = text(key, at, value)) {
                    if (path->empty()) fault(at, "profile must not be empty");
                    else request.profile = *path;
                }
            } else if (key == "minimize" || key == "objective") {
                objective(key, at, value);
            } else if (key == "max_cost" || key == "budget") {
                request.max_cost = limit(key, at, value);
            } else if (key == "max_weeks") {
                request.max_weeks = limit(key, at, value);
            } else if (key == "as_of") {
                // A date, or a moment (badges count to the second).
                const auto written = value.is_string() ? value.get<std::string>() : std::string();
                if (written.size() > 10) {
                    if (const std::optional<Instant> moment = parse_date_time(written)) {
                        request.as_of = utc_date(*moment);
                        request.as_of_moment = moment;
                    } else {
                        fault(at, fmt::format("{} {} {}", key, json_quoted(written), date_time_problem(written)));
                    }
                } else {
                    request.as_of = date(key, at, value);
                }
            } else if (key == "start") {
                request.start = date(key, at, value);
            } else if (key == "hours_per_week") {
                request.hours_per_week = limit(key, at, value);
                if (request.hours_per_week && *request.hours_per_week == 0) {
                    fault(at, "hours_per_week must be above 0");
                    request.hours_per_week.reset();
                }
            } else if (key == "require_verified") {
                if (!value.is_boolean())
                    fault(at, fmt::format("require_verified must be true or false, not {}", type_name(value)));
                else request.require_verified = value.get<bool>();
            } else if (key == "renew") {
                if (!value.is_boolean()) fault(at, fmt::format("renew must be true or false, not {}", type_name(value)));
                else request.renew = value.get<bool>();
            } else if (key == "learner") {
                if (auto name = text(key, at, value)) request.learner = *name;
            } else if (key == "holds") {
                holds(key, at, value);
            } else if (key == "in_progress") {
                in_progress(key, at, value);
            } else if (key == "waive") {
                std::vector<std::string> ids;
                std::vector<std::string> where;
                list(key, at, value, ids, &where);
                for (std::size_t i = 0; i < ids.size(); ++i) request.waive.push_back({std::move(ids[i]), where[i]});
            } else if (key == "substitute") {
                substitute(key, at, value);
            } else if (key == "format") {
                // A profile pasted as a line keeps its header.
                if (auto format = text(key, at, value); format && *format != "credpath-profile/1")
                    fault(at, fmt::format("format {} is not credpath-profile/1", json_quoted(*format)));
            } else {
                // Located at the key itself, where the slip is.
                const std::string hint = nearest(key, std::vector<std::string_view>(kKeys.begin(), kKeys.end()));
                fault(at, hint.empty() ? fmt::format("unknown key {}", json_quoted(key))
                                       : fmt::format("unknown key {} (did you mean '{}'?)", json_quoted(key), hint));
                problems.back().at_key = true;
            }
        }
        if (request.targets.empty() && request.skills.empty() && request.profile.empty() && request.wallets.empty())
            fault("", "a request needs targets, skills or a profile that names them");
    }

    // Every pointer recorded while reading -> "NAME:LINE:COL".
    void place_origins(std::string_view line, std::string_view name, std::size_t number) {
        std::vector<std::string*> slots;
        const auto each = [&](std::vector<std::string>& pointers) {
            for (std::string& pointer : pointers) slots.push_back(&pointer);
        };
        Request::Origins& origins = request.origins;
        for (auto* list : {&origins.targets, &origins.skills, &origins.have, &origins.exclude, &origins.include,
                           &origins.apply})
            each(*list);
        for (HeldEntry& held : request.holds) slots.push_back(&held.origin);
        for (InProgressEntry& started : request.in_progress) slots.push_back(&started.origin);
        for (Waiver& waiver : request.waive) slots.push_back(&waiver.origin);
        for (Substitution& substitution : request.substitute) slots.push_back(&substitution.origin);
        for (Problem& problem : problems) slots.push_back(&problem.pointer);
        std::vector<std::string> pointers;
        for (const std::string* slot : slots) pointers.push_back(*slot);
        const std::map<std::string, SourceLoc> places = json_reader::place(line, pointers);
        for (std::size_t i = 0; i < slots.size(); ++i) {
            std::string* slot = slots[i];
            const auto found = places.find(*slot);
            std::uint32_t column = found != places.end() ? found->second.column : 1;
            const std::size_t problem = i + problems.size() - slots.size();  // problems come last
            if (i + problems.size() >= slots.size() && problems[problem].at_key) column = key_column(line, column);
            *slot = fmt::format("{}:{}:{}", name, number, column);
        }
    }
};

// `text` with each byte that is not UTF-8 replaced by U+FFFD (a parser's
// message quotes what it read), through the JSON library's own replacement.
std::string valid_utf8(const std::string& text) {
    return json::parse(json(text).dump(-1, ' ', false, json::error_handler_t::replace)).get<std::string>();
}

// "[json.exception.parse_error.101] parse error at line 1, column 7: ..." ->
// "parse error: ...": the message starts with the line and column already.
std::string parse_message(const std::string& what) {
    std::string message = what;
    if (const auto close = message.find("] "); message.rfind("[json.exception.", 0) == 0 && close != std::string::npos)
        message.erase(0, close + 2);
    if (const auto at = message.find(" at line 1, column "); at != std::string::npos) {
        const auto colon = message.find(':', at);
        if (colon != std::string::npos) message.erase(at, colon - at);
    }
    return valid_utf8(message);
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
        LineReader reader{entry, entry.request, {}};
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
        std::optional<std::uint32_t> syntax_column;
        try {
            const ordered_json object = ordered_json::parse(line.begin(), line.end(), watch);
            if (!object.is_object()) {
                reader.fault("", fmt::format("a request is a JSON object, not {}", type_name(object)));
            } else {
                for (const std::string& key : repeated)
                    reader.fault(member_pointer("", key), fmt::format("key {} is given twice", json_quoted(key)));
                reader.read(object);
            }
        } catch (const json::parse_error& error) {
            // `byte` counts from 1 and names the last character read.
            syntax_column = json_reader::locate(line, error.byte > 0 ? error.byte - 1 : 0).column;
            reader.fault("", fmt::format("not valid JSON: {}", parse_message(error.what())));
        } catch (const json::exception& error) {
            reader.fault("", fmt::format("not valid JSON: {}", parse_message(error.what())));
        }
        if (reader.problems.empty() && !entry.id.empty()) {
            const auto [it, inserted] = first_line.emplace(entry.id, number);
            if (!inserted)
                reader.fault("/id", fmt::format("id {} is used again (first at line {})", json_quoted(entry.id), it->second));
        }
        if (syntax_column) {
            entry.problems.push_back(fmt::format("{}:{}:{}: {}", name, number, *syntax_column, reader.problems.front().message));
        } else {
            reader.place_origins(line, name, number);
            for (const Problem& problem : reader.problems)
                entry.problems.push_back(fmt::format("{}: {}", problem.pointer, problem.message));
        }
        if (!entry.problems.empty()) entry.error = fmt::format("{}", fmt::join(entry.problems, "; "));
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

std::string relative_to(const std::string& path, const std::string& dir) {
    std::filesystem::path out = path;
    if (out.is_relative() && !dir.empty()) out = std::filesystem::path(dir) / out;
    return out.string();
}

std::string request_profile_path(const Request& request, const std::string& profile_dir) {
    if (request.profile.empty()) return {};
    return relative_to(request.profile, profile_dir);
}

bool reads_learner_files(const Request& request) { return !request.profile.empty() || !request.wallets.empty(); }

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
