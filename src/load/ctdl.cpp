#include "credpath/load/ctdl.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <archive.h>
#include <archive_entry.h>
#include <memory>

#include "converter.hpp"
#include "json_reader.hpp"
#include "loader_support.hpp"

namespace credpath {

namespace fs = std::filesystem;

namespace {

using json_reader::item_pointer;
using json_reader::json;
using json_reader::member_pointer;

// Free text kept as a manual check is cut to this many bytes.
constexpr std::size_t kManualText = 240;

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && lower(text.substr(0, prefix.size())) == lower(prefix);
}

// "ceterms:name", "https://purl.org/ctdl/terms/name" and "name" are one
// property: what follows the last ':', '/' or '#'. Keywords (@id) stay.
std::string_view local_name(std::string_view key) {
    if (key.empty() || key.front() == '@') return key;
    const std::size_t at = key.find_last_of("/#:");
    return at == std::string_view::npos ? key : key.substr(at + 1);
}

// The CTID inside a reference or an id ("ce-" and a UUID, in any case), lower case.
std::string ctid_in(std::string_view text) {
    const std::string low = lower(text);
    for (std::size_t at = low.find("ce-"); at != std::string::npos; at = low.find("ce-", at + 1)) {
        if (at + 3 + 36 > low.size()) break;
        const std::string_view uuid = std::string_view(low).substr(at + 3, 36);
        bool ok = true;
        for (std::size_t i = 0; i < uuid.size() && ok; ++i) {
            const char c = uuid[i];
            ok = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-' : std::isxdigit(static_cast<unsigned char>(c)) != 0;
        }
        if (ok) return low.substr(at, 39);
    }
    return {};
}

// A value found at a JSON pointer.
struct Located {
    const json* value = nullptr;
    std::string pointer;
};

// The first member of `node` whose local name is `name`.
Located member(const Located& node, std::string_view name) {
    if (!node.value || !node.value->is_object()) return {};
    for (auto it = node.value->begin(); it != node.value->end(); ++it)
        if (local_name(it.key()) == name) return {&it.value(), member_pointer(node.pointer, it.key())};
    return {};
}

// The items of a value: an array's elements (a @list's too), else the value
// itself (a scalar where an array is expected).
std::vector<Located> items(const Located& value) {
    std::vector<Located> out;
    if (!value.value) return out;
    if (value.value->is_object() && value.value->contains("@list"))
        return items({&(*value.value)["@list"], member_pointer(value.pointer, "@list")});
    if (!value.value->is_array()) {
        if (!value.value->is_null()) out.push_back(value);
        return out;
    }
    for (std::size_t i = 0; i < value.value->size(); ++i) {
        const Located item{&(*value.value)[i], item_pointer(value.pointer, i)};
        if (item.value->is_object() && item.value->contains("@list")) {
            for (Located& inner : items(item)) out.push_back(std::move(inner));
        } else if (!item.value->is_null()) {
            out.push_back(item);
        }
    }
    return out;
}

std::vector<Located> items(const Located& node, std::string_view name) { return items(member(node, name)); }

// Texts with their languages: a string, {"@value", "@language"}, a language
// map {"en-US": ...}, or arrays of them.
void collect_texts(const json& value, const std::string& language, std::vector<std::pair<std::string, std::string>>& out) {
    if (value.is_string()) {
        out.emplace_back(language, value.get<std::string>());
    } else if (value.is_number()) {
        out.emplace_back(language, value.dump());
    } else if (value.is_array()) {
        for (const json& item : value) collect_texts(item, language, out);
    } else if (value.is_object()) {
        if (const auto found = value.find("@value"); found != value.end()) {
            const auto tag = value.find("@language");
            collect_texts(*found, tag != value.end() && tag->is_string() ? tag->get<std::string>() : language, out);
        } else {
            for (auto it = value.begin(); it != value.end(); ++it)
                if (it.key().empty() || it.key().front() != '@') collect_texts(it.value(), it.key(), out);
        }
    }
}

// English first (en, then en-*), then text with no language, then the first.
std::string pick_text(const json* value) {
    if (!value) return {};
    std::vector<std::pair<std::string, std::string>> texts;
    collect_texts(*value, "", texts);
    if (texts.empty()) return {};
    for (const auto& [language, text] : texts)
        if (lower(language) == "en") return text;
    for (const auto& [language, text] : texts)
        if (starts_with_ci(language, "en-") || starts_with_ci(language, "en_")) return text;
    for (const auto& [language, text] : texts)
        if (language.empty()) return text;
    return texts.front().second;
}

std::string text_of(const Located& node, std::string_view name) {
    std::string text = pick_text(member(node, name).value);
    // Trim: registry text often carries stray spaces and line ends.
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    text.erase(0, first);
    text.erase(text.find_last_not_of(" \t\r\n") + 1);
    return text;
}

std::optional<double> number_in(const json& value) {
    if (value.is_number()) return value.get<double>();
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        char* end = nullptr;
        const double parsed = std::strtod(text.c_str(), &end);
        if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(parsed)) return parsed;
        return std::nullopt;
    }
    if (value.is_array()) return value.empty() ? std::nullopt : number_in(value.front());
    if (value.is_object())
        if (const auto found = value.find("@value"); found != value.end()) return number_in(*found);
    return std::nullopt;
}

std::optional<double> number_of(const Located& node, std::string_view name) {
    const Located value = member(node, name);
    return value.value ? number_in(*value.value) : std::nullopt;
}

// The local names of a node's @type.
std::vector<std::string> types_of(const Located& node) {
    std::vector<std::string> out;
    if (!node.value || !node.value->is_object()) return out;
    const auto found = node.value->find("@type");
    if (found == node.value->end()) return out;
    std::vector<std::pair<std::string, std::string>> texts;
    collect_texts(*found, "", texts);
    for (const auto& [language, text] : texts) out.emplace_back(local_name(text));
    return out;
}

std::string id_of(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_object())
        if (const auto found = value.find("@id"); found != value.end() && found->is_string())
            return found->get<std::string>();
    return {};
}

// A reference: a string, or an object with nothing but @id.
bool is_reference(const json& value) {
    return value.is_string() || (value.is_object() && value.size() == 1 && value.contains("@id"));
}

// ----------------------------------------------------------------- mapping

// The credpath kind of a CTDL class, or nullopt for a class that maps to no credential.
std::optional<Kind> kind_of_type(std::string_view type) {
    auto ends_with = [&](std::string_view tail) {
        return type.size() >= tail.size() && type.substr(type.size() - tail.size()) == tail;
    };
    if (type == "Course" || type == "LearningProgram" || type == "LearningOpportunityProfile" ||
        type == "LearningOpportunity" || type == "AssessmentProfile" || type == "Assessment")
        return Kind::Course;
    if (ends_with("Degree") || ends_with("Doctorate")) return Kind::Degree;
    if (type.find("Badge") != std::string_view::npos) return Kind::Badge;
    if (type == "License") return Kind::License;
    if (ends_with("Diploma") || type == "GeneralEducationDevelopment") return Kind::Diploma;
    if (type == "MicroCredential" || type == "Microcredential") return Kind::Microcredential;
    if (type.find("Certificat") != std::string_view::npos || type == "Credential" ||
        type == "QualityAssuranceCredential")
        return Kind::Certificate;
    return std::nullopt;
}

bool is_organization(std::string_view type) { return type.find("Organization") != std::string_view::npos; }

// A PathwayComponent class (CourseComponent, CredentialComponent, ...): the
// kind of the credential it stands for when it is a proxy for nothing in the input.
std::optional<Kind> component_kind(std::string_view type) {
    if (type.size() < 9 || type.substr(type.size() - 9) != "Component") return std::nullopt;
    if (type == "CourseComponent" || type == "AssessmentComponent") return Kind::Course;
    if (type == "CredentialComponent") return Kind::Certificate;
    return Kind::Microcredential;
}

// ISO 4217 from what registry records write ("US Dollar", "usd", "$").
std::optional<std::string> currency_code(std::string_view written) {
    static const std::map<std::string, std::string> names{
        {"us dollar", "USD"},        {"us dollars", "USD"},      {"u.s. dollar", "USD"},   {"dollar", "USD"},
        {"dollars", "USD"},          {"$", "USD"},               {"united states dollar", "USD"},
        {"euro", "EUR"},             {"euros", "EUR"},           {"€", "EUR"},
        {"canadian dollar", "CAD"},  {"canadian dollars", "CAD"}, {"pound sterling", "GBP"},
        {"british pound", "GBP"},    {"pound", "GBP"},           {"£", "GBP"},
        {"australian dollar", "AUD"}, {"new zealand dollar", "NZD"}, {"swiss franc", "CHF"},
        {"japanese yen", "JPY"},     {"yen", "JPY"},             {"indian rupee", "INR"},
        {"mexican peso", "MXN"},     {"south african rand", "ZAR"}, {"singapore dollar", "SGD"},
        {"hong kong dollar", "HKD"}, {"swedish krona", "SEK"},   {"norwegian krone", "NOK"},
        {"danish krone", "DKK"},     {"saudi riyal", "SAR"},     {"uae dirham", "AED"},
    };
    std::string text = lower(written);
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos) return std::nullopt;
    text = text.substr(first, text.find_last_not_of(' ') - first + 1);
    if (const auto found = names.find(text); found != names.end()) return found->second;
    std::string code;
    for (char c : text) code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (valid_currency(code)) return code;
    return std::nullopt;
}

// An ISO 8601 duration (P1Y2M3W4DT5H6M7S): its date part in weeks and its
// time part in hours.
struct IsoDuration {
    double weeks = 0;
    double hours = 0;
    bool has_date = false;
    bool has_time = false;
    // For valid_for: a whole count in one unit when the duration is that simple.
    std::optional<Duration> simple;
};

std::optional<IsoDuration> parse_iso_duration(std::string_view text) {
    if (text.size() < 3 || (text[0] != 'P' && text[0] != 'p')) return std::nullopt;
    IsoDuration out;
    bool time = false;
    int parts = 0;
    std::size_t at = 1;
    while (at < text.size()) {
        if (text[at] == 'T' || text[at] == 't') {
            if (time) return std::nullopt;
            time = true;
            ++at;
            continue;
        }
        const std::size_t start = at;
        while (at < text.size() && (std::isdigit(static_cast<unsigned char>(text[at])) || text[at] == '.' || text[at] == ','))
            ++at;
        if (at == start || at == text.size()) return std::nullopt;
        std::string number(text.substr(start, at - start));
        std::replace(number.begin(), number.end(), ',', '.');
        const double value = std::strtod(number.c_str(), nullptr);
        const char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(text[at++])));
        ++parts;
        const bool whole = std::floor(value) == value && value < 1e6;
        if (!time) {
            out.has_date = true;
            switch (unit) {
            case 'Y': out.weeks += value * 52; if (whole) out.simple = Duration{static_cast<std::uint32_t>(value), 'y'}; break;
            case 'M': out.weeks += value * 52 / 12; if (whole) out.simple = Duration{static_cast<std::uint32_t>(value), 'm'}; break;
            case 'W': out.weeks += value; if (whole) out.simple = Duration{static_cast<std::uint32_t>(value), 'w'}; break;
            case 'D': out.weeks += value / 7; if (whole) out.simple = Duration{static_cast<std::uint32_t>(value), 'd'}; break;
            default: return std::nullopt;
            }
        } else {
            out.has_time = true;
            switch (unit) {
            case 'H': out.hours += value; break;
            case 'M': out.hours += value / 60; break;
            case 'S': out.hours += value / 3600; break;
            default: return std::nullopt;
            }
        }
    }
    if (parts == 0) return std::nullopt;
    if (parts > 1 || out.has_time) out.simple.reset();
    return out;
}

// Weeks and hours to a millionth: 52/12 of a week reads as 4.333333, and a
// value credpath wrote comes back as it was.
double rounded(double value) { return std::round(value * 1e6) / 1e6; }

std::string slug(std::string_view text, std::size_t limit = 48) {
    std::string out;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80 && std::isalnum(c)) {
            out += static_cast<char>(std::tolower(c));
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    if (out.size() > limit) {
        out.resize(limit);
        if (const auto dash = out.find_last_of('-'); dash != std::string::npos && dash > limit / 2) out.resize(dash);
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

// A requirement as a ConditionProfile states it.
struct Condition {
    std::string pointer;
    SourceLoc loc;
    std::string label;  // its name, else its description: what a manual check says
    std::vector<std::pair<std::string, Kind>> targets;  // references, with the kind a missing one would have
    std::optional<double> credits;
    std::string credit_unit;
    std::vector<std::string> manual;  // what it asks that cannot be planned
    std::vector<Condition> alternatives;
    // A pathway's ComponentCondition: N of its targets and nested conditions
    // (all when not given).
    bool component = false;
    std::optional<std::uint32_t> required_number;
    std::vector<Condition> parts;
};

// One resource of the input, with what the mapping needs of it (the JSON is
// not kept).
struct Resource {
    std::uint32_t file = 0;
    std::string pointer;
    SourceLoc loc;
    std::string id;    // @id as written (blank nodes made unique per document)
    std::string ctid;  // lower case, "" when none
    std::string type;  // the first mapped local type name
    std::optional<Kind> kind;
    bool organization = false;
    std::string name, description, url, coded;
    std::string own_id;  // an identifier typed "credpath id" (what `export ctdl` writes)
    std::optional<double> cost;
    std::string currency;
    std::optional<double> weeks, hours;
    std::optional<double> credits;
    std::string credit_unit;
    std::vector<std::string> skills;
    std::optional<Duration> valid_for;
    std::vector<std::string> offered_by, owned_by;
    std::vector<Condition> prerequisites, corequisites;
    // Pathways: a component stands for the resource it is a proxy for (or
    // for itself); its ComponentConditions and prerequisites are rules.
    bool is_component = false;
    std::vector<std::string> proxy_for;
    std::vector<std::string> precedes;  // components this one comes before
};

struct Fault {
    Severity severity;
    std::string pointer;
    std::string code;
    std::string message;
};

// Reads the resources of one document.
class DocumentReader {
public:
    DocumentReader(std::uint32_t file, std::size_t document, std::vector<Resource>& resources, std::vector<Fault>& faults)
        : file_(file), document_(document), resources_(resources), faults_(faults) {}

    void read(const json& root) {
        Located top{&root, ""};
        // A Registry envelope: the resource is its decoded_resource.
        if (root.is_object() && root.contains("envelope_type")) {
            const Located decoded = {root.contains("decoded_resource") ? &root["decoded_resource"] : nullptr,
                                     "/decoded_resource"};
            if (!decoded.value || !decoded.value->is_object()) {
                fault(Severity::Error, "", "ctdl", "a Registry envelope without a decoded_resource object");
                return;
            }
            top = decoded;
        }
        std::vector<Located> found;
        if (top.value->is_array()) {
            found = items(top);
        } else if (top.value->is_object() && top.value->contains("@graph")) {
            found = items({&(*top.value)["@graph"], member_pointer(top.pointer, "@graph")});
        } else if (top.value->is_object()) {
            found.push_back(top);
        } else {
            fault(Severity::Error, top.pointer, "ctdl",
                  fmt::format("a CTDL document is a JSON object or array; found {}", json_reader::type_name(*top.value)));
            return;
        }
        // Profiles referenced by @id (expanded JSON-LD keeps them at the top).
        for (const Located& node : found)
            if (node.value->is_object())
                if (const std::string id = id_of(*node.value); !id.empty()) local_.emplace(id, node);
        for (const Located& node : found) {
            if (!node.value->is_object()) {
                fault(Severity::Error, node.pointer, "ctdl",
                      fmt::format("a resource is a JSON object; found {}", json_reader::type_name(*node.value)));
                continue;
            }
            read_resource(node);
        }
    }

    std::size_t nodes = 0;

private:
    void fault(Severity severity, std::string pointer, std::string code, std::string message) {
        faults_.push_back({severity, std::move(pointer), std::move(code), std::move(message)});
    }

    // A reference as the resource table keys it: blank nodes are the document's own.
    std::string scoped(const std::string& id) const {
        return id.rfind("_:", 0) == 0 ? fmt::format("{}#{}#{}", file_, document_, id) : id;
    }

    // A profile: embedded, or a reference to a node of this document.
    Located profile(const Located& value) const {
        if (value.value && is_reference(*value.value)) {
            const auto found = local_.find(id_of(*value.value));
            return found == local_.end() ? Located{} : found->second;
        }
        return value;
    }

    void read_resource(const Located& node) {
        ++nodes;
        Resource r;
        r.file = file_;
        r.pointer = node.pointer;
        r.id = scoped(id_of(*node.value));
        for (const std::string& type : types_of(node)) {
            if (auto kind = kind_of_type(type)) {
                r.kind = kind;
                r.type = type;
                break;
            }
            if (auto kind = component_kind(type)) {
                r.kind = kind;
                r.type = type;
                r.is_component = true;
                break;
            }
            if (is_organization(type)) {
                r.organization = true;
                r.type = type;
            }
        }
        if (!r.kind && !r.organization) {
            ++ignored;
            resources_.push_back(std::move(r));  // kept for its name: a reference to it is not "external"
            resources_.back().name = text_of(node, "name");
            return;
        }
        r.ctid = lower(text_of(node, "ctid"));
        if (r.ctid.empty()) r.ctid = ctid_in(r.id);
        r.name = text_of(node, "name");
        if (r.organization) {
            resources_.push_back(std::move(r));
            return;
        }
        r.description = text_of(node, "description");
        r.url = text_of(node, "subjectWebpage");
        r.coded = text_of(node, "codedNotation");
        for (const Located& identifier : items(node, "identifier"))
            if (identifier.value->is_object() && text_of(identifier, "identifierTypeName") == "credpath id")
                r.own_id = text_of(identifier, "identifierValueCode");
        read_cost(node, r);
        read_durations(node, r);
        read_credit_value(items(node, "creditValue"), r.credits, r.credit_unit);
        if (!r.credits)
            for (const char* name : {"creditHourValue", "creditUnitValue"})
                if (auto value = number_of(node, name)) {
                    r.credits = value;
                    break;
                }
        for (const char* name : {"teaches", "assesses", "targetCompetency", "occupationType"})
            for (const Located& item : items(node, name)) read_skill(item, r.skills);
        if (const std::string every = text_of(node, "renewalFrequency"); !every.empty()) {
            const auto duration = parse_iso_duration(every);
            // Up to a century: longer is as good as never expiring, and dates past it are not kept.
            const bool in_range = duration && duration->weeks <= 100 * 52 + 1e-9;
            if (duration && duration->has_date && !duration->has_time && duration->weeks <= 0) {
                fault(Severity::Warning, member(node, "renewalFrequency").pointer, "ctdl-value",
                      fmt::format("renewalFrequency '{}' is zero: left out (never expires)", printable(every)));
            } else if (duration && !in_range) {
                fault(Severity::Warning, member(node, "renewalFrequency").pointer, "ctdl-value",
                      fmt::format("renewalFrequency '{}' is longer than a century: left out (never expires)",
                                  printable(every)));
            } else if (duration && duration->simple) {
                r.valid_for = duration->simple;
            } else if (duration && duration->has_date && !duration->has_time) {
                r.valid_for = Duration{static_cast<std::uint32_t>(std::max(1L, std::lround(duration->weeks * 7))), 'd'};
            } else {
                fault(Severity::Warning, member(node, "renewalFrequency").pointer, "ctdl-value",
                      fmt::format("renewalFrequency '{}' is not an ISO 8601 duration such as P2Y: left out",
                                  printable(every)));
            }
        }
        for (const Located& item : items(node, "offeredBy"))
            if (const std::string id = id_of(*item.value); !id.empty()) r.offered_by.push_back(scoped(id));
        for (const Located& item : items(node, "ownedBy"))
            if (const std::string id = id_of(*item.value); !id.empty()) r.owned_by.push_back(scoped(id));
        for (const char* name : {"requires", "entryCondition"})
            for (const Located& item : items(node, name)) read_condition(item, r.prerequisites);
        for (const Located& item : items(node, "corequisite")) read_condition(item, r.corequisites);
        // Pathways: ComponentConditions, prerequisites and precedence.
        for (const Located& item : items(node, "hasCondition")) read_component_condition(item, r.prerequisites);
        for (const Located& item : items(node, "proxyFor"))
            if (const std::string id = id_of(*item.value); !id.empty()) r.proxy_for.push_back(scoped(id));
        if (std::vector<Located> before = items(node, "prerequisite"); !before.empty()) {
            Condition c;
            c.pointer = member(node, "prerequisite").pointer;
            for (const Located& item : before)
                if (const std::string id = id_of(*item.value); !id.empty()) c.targets.emplace_back(scoped(id), Kind::Course);
            if (!c.targets.empty()) r.prerequisites.push_back(std::move(c));
        }
        for (const Located& item : items(node, "precedes"))
            if (const std::string id = id_of(*item.value); !id.empty()) r.precedes.push_back(scoped(id));
        resources_.push_back(std::move(r));
    }

    // A pathway's ComponentCondition: requiredNumber of targetComponent and of
    // its nested conditions; a Sum of credit values (schema:value) at least N
    // is a credits rule; other constraints (grades, resits) are manual checks.
    void read_component_condition(const Located& item, std::vector<Condition>& out) {
        const Located node = condition_node(item, "ComponentCondition", true, out);
        if (!node.value) return;
        Condition c;
        c.component = true;
        c.pointer = node.pointer;
        c.label = text_of(node, "name");
        if (c.label.empty()) c.label = text_of(node, "description");
        for (const Located& target : items(node, "targetComponent"))
            if (const std::string id = id_of(*target.value); !id.empty()) c.targets.emplace_back(scoped(id), Kind::Course);
        if (auto number = number_of(node, "requiredNumber"); number && *number >= 0 && *number < 1e6)
            c.required_number = static_cast<std::uint32_t>(*number);
        for (const Located& nested : items(node, "hasCondition")) read_component_condition(nested, c.parts);
        bool other_constraint = false;
        for (const Located& item2 : items(node, "hasConstraint")) {
            const Located constraint = profile(item2);
            if (!constraint.value || !constraint.value->is_object()) continue;
            // Vocabulary terms come as IRIs ({"@id": ...}) or as text.
            auto term = [&](std::string_view name) {
                const Located value = member(constraint, name);
                if (!value.value) return std::string();
                const json& first = value.value->is_array() && !value.value->empty() ? value.value->front() : *value.value;
                std::string text = id_of(first);
                if (text.empty()) text = pick_text(&first);
                return lower(local_name(text));
            };
            const std::string action = term("leftAction");
            const std::string source = term("leftSource");
            const std::string comparator = term("comparator");
            const Located right = member(constraint, "rightSource");
            const auto amount = right.value ? number_in(*right.value) : std::nullopt;
            if (action == "sum" && source == "value" && (comparator == "gteq" || comparator == "eq") && amount) {
                c.credits = *amount;
            } else if (source == "credittype" || source == "creditunittype" || source == "creditleveltype") {
                // Which credits count: the unit and level are the catalog's own.
            } else {
                other_constraint = true;
            }
        }
        if (other_constraint)
            c.manual.push_back(c.label.empty() ? std::string("a constraint no plan can check (grades, resits)")
                                               : "a constraint no plan can check (grades, resits): " + c.label);
        out.push_back(std::move(c));
    }

    // estimatedCost: the prices of the profiles, summed; an aggregate cost
    // beside its parts is the total (never added to them).
    void read_cost(const Located& node, Resource& r) {
        double parts = 0, aggregate = 0;
        bool any_part = false, any_aggregate = false;
        for (const Located& item : items(node, "estimatedCost")) {
            const Located cost = profile(item);
            if (!cost.value || !cost.value->is_object()) continue;
            const auto price = number_of(cost, "price");
            if (!price) continue;
            if (const std::string written = text_of(cost, "currency"); !written.empty()) {
                const auto code = currency_code(written);
                if (!code) {
                    fault(Severity::Warning, member(cost, "currency").pointer, "ctdl-value",
                          fmt::format("currency '{}' is not one credpath knows (ISO 4217 such as USD): this price is "
                                      "left out",
                                      printable(written)));
                    continue;
                }
                if (!r.currency.empty() && r.currency != *code) {
                    fault(Severity::Warning, member(cost, "currency").pointer, "ctdl-value",
                          fmt::format("a price in {} beside prices in {}: left out", *code, r.currency));
                    continue;
                }
                r.currency = *code;
            }
            bool is_aggregate = false;
            for (const Located& type : items(cost, "directCostType")) {
                std::string node_name = type.value->is_object() ? text_of(type, "targetNode") : pick_text(type.value);
                if (lower(node_name).find("aggregatecost") != std::string::npos) is_aggregate = true;
            }
            if (is_aggregate) {
                aggregate += *price;
                any_aggregate = true;
            } else {
                parts += *price;
                any_part = true;
            }
        }
        if (any_aggregate) r.cost = aggregate;
        else if (any_part) r.cost = parts;
    }

    // estimatedDuration: weeks from a calendar duration (the longest of
    // min/max), hours from effort (PT160H); timeRequired gives hours too.
    void read_durations(const Located& node, Resource& r) {
        auto take = [&](const std::string& text, const std::string& pointer) {
            const auto duration = parse_iso_duration(text);
            if (!duration) {
                fault(Severity::Warning, pointer, "ctdl-value",
                      fmt::format("'{}' is not an ISO 8601 duration such as P8W or PT160H: left out", printable(text)));
                return;
            }
            if (duration->has_date) r.weeks = std::max(r.weeks.value_or(0), rounded(duration->weeks));
            if (duration->has_time && !duration->has_date) r.hours = std::max(r.hours.value_or(0), rounded(duration->hours));
        };
        for (const Located& item : items(node, "estimatedDuration")) {
            const Located duration = profile(item);
            if (!duration.value) continue;
            if (duration.value->is_string()) {
                take(duration.value->get<std::string>(), duration.pointer);
                continue;
            }
            bool exact = false;
            for (const Located& value : items(duration, "exactDuration")) {
                take(pick_text(value.value), value.pointer);
                exact = true;
            }
            if (exact) continue;
            const Located longest = member(duration, "maximumDuration").value ? member(duration, "maximumDuration")
                                                                               : member(duration, "minimumDuration");
            if (longest.value) take(pick_text(longest.value), longest.pointer);
        }
        for (const Located& item : items(node, "timeRequired")) {
            const Located duration = profile(item);
            if (!duration.value) continue;
            const std::string text = duration.value->is_object() ? pick_text(member(duration, "exactDuration").value)
                                                                 : pick_text(duration.value);
            if (const auto parsed = parse_iso_duration(text); parsed && parsed->has_time && !parsed->has_date)
                r.hours = rounded(parsed->hours);
        }
    }

    void read_credit_value(const std::vector<Located>& values, std::optional<double>& credits, std::string& unit) {
        for (const Located& item : values) {
            const Located value = profile(item);
            if (!value.value) continue;
            if (!value.value->is_object()) {
                if (auto number = number_in(*value.value)) credits = number;
                continue;
            }
            auto amount = number_of(value, "value");
            if (!amount) amount = number_of(value, "minValue");
            if (!amount) amount = number_of(value, "maxValue");
            if (!amount) continue;
            credits = *amount;
            for (const Located& type : items(value, "creditUnitType")) {
                std::string name = type.value->is_object() ? text_of(type, "targetNodeName") : std::string();
                if (name.empty())
                    name = std::string(local_name(type.value->is_object() ? text_of(type, "targetNode")
                                                                          : pick_text(type.value)));
                if (!name.empty()) {
                    unit = name;
                    break;
                }
            }
            if (unit.empty()) unit = text_of(value, "creditUnitTypeDescription");
            return;
        }
    }

    void read_skill(const Located& item, std::vector<std::string>& skills) {
        Located node = item;
        if (is_reference(*item.value)) {
            const auto found = local_.find(id_of(*item.value));
            if (found == local_.end()) return;  // a competency framework elsewhere: no text to go by
            node = found->second;
        }
        std::string text;
        if (node.value->is_object()) {
            for (const char* name : {"targetNodeName", "competencyText", "name", "prefLabel"})
                if (text = text_of(node, name); !text.empty()) break;
        } else {
            text = pick_text(node.value);
        }
        // A plain lower-case token (what credpath writes) stays as it is.
        const bool token = !text.empty() && std::none_of(text.begin(), text.end(), [](char ch) {
            return std::isspace(static_cast<unsigned char>(ch)) || std::isupper(static_cast<unsigned char>(ch));
        });
        if (std::string skill = token ? text : slug(text, 60); !skill.empty() &&
                                                std::find(skills.begin(), skills.end(), skill) == skills.end())
            skills.push_back(std::move(skill));
    }

    // The condition an item holds or refers to; none (after saying why) when it
    // is no object, or a manual check when the document leaves it out.
    Located condition_node(const Located& item, std::string_view kind, bool component, std::vector<Condition>& out) {
        const Located node = profile(item);
        if (item.value && is_reference(*item.value) && !node.value) {
            // Real records do refer to conditions they leave out: kept as a manual check.
            fault(Severity::Warning, item.pointer, "ctdl-missing",
                  fmt::format("the {} '{}' is not in this document: kept as a manual check", kind,
                              printable(id_of(*item.value), 200)));
            Condition missing;
            missing.pointer = item.pointer;
            missing.component = component;
            missing.manual.push_back(fmt::format("a condition the input does not describe ({})", id_of(*item.value)));
            out.push_back(std::move(missing));
            return {};
        }
        if (!node.value || !node.value->is_object()) {
            fault(Severity::Error, item.pointer, "ctdl",
                  fmt::format("a {} is a JSON object; found {}", kind, json_reader::type_name(*item.value)));
            return {};
        }
        return node;
    }

    void read_condition(const Located& item, std::vector<Condition>& out) {
        const Located node = condition_node(item, "ConditionProfile", false, out);
        if (!node.value) return;
        Condition c;
        c.pointer = node.pointer;
        c.label = text_of(node, "name");
        const std::string description = text_of(node, "description");
        if (c.label.empty() || c.label == "Requires" || c.label == "Requirements") c.label = description.empty() ? c.label : description;
        const std::pair<const char*, Kind> target_kinds[] = {{"targetCredential", Kind::Certificate},
                                                             {"targetLearningOpportunity", Kind::Course},
                                                             {"targetAssessment", Kind::Course}};
        for (const auto& [name, kind] : target_kinds)
            for (const Located& target : items(node, name)) {
                if (is_reference(*target.value)) {
                    c.targets.emplace_back(scoped(id_of(*target.value)), kind);
                } else if (target.value->is_object()) {
                    // An embedded resource: read as one of the document's own.
                    const std::size_t before = resources_.size();
                    read_resource(target);
                    if (resources_.size() > before) {
                        Resource& embedded = resources_.back();
                        if (embedded.id.empty()) embedded.id = scoped(fmt::format("_:embedded{}", target.pointer));
                        c.targets.emplace_back(embedded.id, kind);
                    }
                }
            }
        read_credit_value(items(node, "creditValue"), c.credits, c.credit_unit);
        if (!c.credits)
            if (auto value = number_of(node, "creditHourValue")) c.credits = value;
        // What no plan can check: free-text conditions, experience, age, submissions.
        for (const Located& text : items(node, "condition"))
            if (std::string line = pick_text(text.value); !line.empty()) c.manual.push_back(std::move(line));
        if (auto years = number_of(node, "yearsOfExperience"))
            c.manual.push_back(fmt::format("{} years of experience", *years));
        if (std::string experience = text_of(node, "experience"); !experience.empty())
            c.manual.push_back("experience: " + experience);
        if (auto age = number_of(node, "minimumAge")) c.manual.push_back(fmt::format("minimum age {}", *age));
        for (const Located& submission : items(node, "submissionOf"))
            if (std::string line = pick_text(submission.value); !line.empty())
                c.manual.push_back("submission of " + line);
        for (const Located& alternative : items(node, "alternativeCondition")) read_condition(alternative, c.alternatives);
        out.push_back(std::move(c));
    }

    std::uint32_t file_;
    std::size_t document_;
    std::vector<Resource>& resources_;
    std::vector<Fault>& faults_;
    std::unordered_map<std::string, Located> local_;

public:
    std::size_t ignored = 0;
};

std::string cut(std::string text) {
    if (text.size() > kManualText) {
        text.resize(kManualText);
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
        if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
        text += "...";
    }
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

// Whether two rules say the same (places aside): a record often states one
// requirement in two profiles.
bool same_rule(const Rule& a, const Rule& b) {
    if (a.kind != b.kind || a.ref != b.ref || a.at_least != b.at_least || a.credits != b.credits ||
        a.names != b.names || a.children.size() != b.children.size())
        return false;
    for (std::size_t i = 0; i < a.children.size(); ++i)
        if (!same_rule(a.children[i], b.children[i])) return false;
    return true;
}

// Builds the credentials from all the resources read.
class Mapper {
public:
    Mapper(std::vector<Resource>& resources, const CtdlOptions& options, CtdlImport& out)
        : resources_(resources),
          options_(options),
          out_(out),
          converter_(options.rates ? std::make_unique<Converter>(*options.rates) : nullptr) {}

    void run() {
        // Index: by @id, then by CTID; the first of a repeated resource wins.
        for (std::size_t i = 0; i < resources_.size(); ++i) {
            const Resource& r = resources_[i];
            if (!r.id.empty()) {
                auto [it, inserted] = by_id_.try_emplace(r.id, i);
                if (!inserted && (r.kind || r.organization) && resources_[it->second].kind == r.kind) {
                    duplicate_.insert(i);
                    warn(r, "ctdl-duplicate", fmt::format("'{}' is described again: the first description is kept",
                                                          shown(r.id)));
                    continue;
                }
            }
            if (!r.ctid.empty()) by_ctid_.try_emplace(r.ctid, i);
        }
        // A pathway component that is a proxy for a resource of the input is
        // that resource's credential; its conditions join the resource's.
        for (std::size_t i = 0; i < resources_.size(); ++i) {
            const Resource& r = resources_[i];
            if (!r.is_component || duplicate_.count(i)) continue;
            for (const std::string& reference : r.proxy_for)
                if (auto found = find(reference); found && resources_[*found].kind && !resources_[*found].is_component) {
                    alias_.emplace(i, *found);
                    aliased_by_[*found].push_back(i);
                    break;
                }
        }
        // Ids: the coded notation, else the name, else the CTID, made unique.
        std::set<std::string> taken;
        for (std::size_t i = 0; i < resources_.size(); ++i) {
            const Resource& r = resources_[i];
            if (!r.kind || duplicate_.count(i) || alias_.count(i)) continue;
            if (valid_id(r.own_id) && !taken.count(r.own_id)) {
                taken.insert(r.own_id);
                ids_.emplace(i, r.own_id);
                continue;
            }
            std::string base = slug(r.coded);
            if (base.empty()) base = slug(r.name);
            if (base.empty() || !valid_id(base)) base = r.ctid;
            if (base.empty() || !valid_id(base)) base = "resource";
            std::string id = base;
            for (int n = 2; taken.count(id); ++n) id = fmt::format("{}-{}", base, n);
            taken.insert(id);
            ids_.emplace(i, id);
        }
        taken_ = std::move(taken);
        for (const auto& [component, target] : alias_) ids_.emplace(component, ids_.at(target));
        // `A precedes B`: B requires A.
        for (std::size_t i = 0; i < resources_.size(); ++i)
            for (const std::string& reference : resources_[i].precedes)
                if (auto found = find(reference)) {
                    const std::size_t later = alias_.count(*found) ? alias_.at(*found) : *found;
                    preceded_by_[later].push_back(i);
                }
        for (std::size_t i = 0; i < resources_.size(); ++i)
            if (ids_.count(i) && !alias_.count(i)) map(i);
        for (Credential& external : externals_) out_.credentials.push_back(std::move(external));
        out_.summary.external += externals_.size();
    }

private:
    // An @id as its document wrote it (a blank node without the scope that
    // makes it unique), shortened for a message.
    static std::string shown(const std::string& id) {
        const std::size_t blank = id.find("#_:");
        const bool scoped = blank != std::string::npos && !id.empty() && std::isdigit(static_cast<unsigned char>(id[0]));
        return printable(scoped ? id.substr(blank + 1) : id, 200);
    }

    void warn(const Resource& r, std::string code, std::string message) {
        out_.diagnostics.push_back(
            {Severity::Warning, out_.files[r.file], r.loc.line, r.loc.column, std::move(code), std::move(message)});
    }

    std::optional<std::size_t> find(const std::string& reference) const {
        if (auto found = by_id_.find(reference); found != by_id_.end()) return found->second;
        if (const std::string ctid = ctid_in(reference); !ctid.empty())
            if (auto found = by_ctid_.find(ctid); found != by_ctid_.end()) return found->second;
        return std::nullopt;
    }

    // The credential id a reference names: a mapped resource's, or an external one.
    std::optional<std::string> target_id(const std::string& reference, Kind kind, const Resource& from,
                                         const SourceLoc& at) {
        if (auto found = find(reference)) {
            if (auto id = ids_.find(*found); id != ids_.end()) return id->second;
            const Resource& target = resources_[*found];
            out_.diagnostics.push_back(
                {Severity::Warning, out_.files[from.file], at.line, at.column, "ctdl-unmapped",
                 fmt::format("'{}' names '{}', a {} that is no credential or learning opportunity: left out",
                             printable(from.id, 200), printable(reference, 200),
                             target.type.empty() ? std::string("resource") : target.type)});
            return std::nullopt;
        }
        // One external credential per resource, however it is referred to.
        const std::string key = ctid_in(reference).empty() ? reference : ctid_in(reference);
        if (auto known = external_ids_.find(key); known != external_ids_.end()) return known->second;
        std::string id = ctid_in(reference);
        if (id.empty()) {
            const std::string tail = reference.substr(reference.find_last_of("/#:") == std::string::npos
                                                          ? 0
                                                          : reference.find_last_of("/#:") + 1);
            id = slug(tail);
        }
        if (id.empty() || !valid_id(id)) id = "external";
        const std::string base = id;
        for (int n = 2; taken_.count(id); ++n) id = fmt::format("{}-{}", base, n);
        taken_.insert(id);
        external_ids_.emplace(key, id);
        Credential c;
        c.id = id;
        c.title = fmt::format("External resource {}", reference);
        c.kind = kind;
        c.external = true;
        c.same_as.push_back(reference);
        c.loc = c.id_loc = at;
        externals_.push_back(std::move(c));
        out_.diagnostics.push_back(
            {options_.external_is_error ? Severity::Error : Severity::Warning, out_.files[from.file], at.line,
             at.column, "ctdl-external",
             options_.external_is_error
                 ? fmt::format("'{}' is not in the input (--external error)", printable(reference, 200))
                 : fmt::format("'{}' is not in the input: kept as external credential '{}' of unknown cost and "
                               "duration",
                               printable(reference, 200), id)});
        return id;
    }

    // Whether the credentials a condition targets (each once, a component as
    // the resource it is a proxy for) carry the credits it asks.
    bool enough_credits(const Condition& condition) const {
        std::set<std::size_t> counted;
        double available = 0;
        for (const auto& [reference, kind] : condition.targets)
            if (auto found = find(reference)) {
                const std::size_t index = alias_.count(*found) ? alias_.at(*found) : *found;
                if (counted.insert(index).second) available += resources_[index].credits.value_or(0);
            }
        return available >= *condition.credits - 1e-9;
    }

    static Rule credits_from(double amount, const std::vector<std::string>& ids, const SourceLoc& loc) {
        Rule rule;
        rule.kind = RuleKind::CreditsFrom;
        rule.credits = amount;
        rule.names = ids;
        rule.name_locs.assign(ids.size(), loc);
        rule.loc = loc;
        return rule;
    }

    // A ComponentCondition: requiredNumber of its targets and nested
    // conditions (all when not given), and the credits a Sum constraint asks.
    std::optional<Rule> component_rule(const Condition& condition, const Resource& owner, Credential& c) {
        std::vector<Rule> items;
        std::vector<std::string> ids;
        for (const auto& [reference, kind] : condition.targets)
            if (auto id = target_id(reference, kind, owner, condition.loc);
                id && *id != c.id && std::find(ids.begin(), ids.end(), *id) == ids.end()) {
                ids.push_back(*id);
                Rule ref;
                ref.kind = RuleKind::Ref;
                ref.ref = *id;
                ref.loc = condition.loc;
                items.push_back(std::move(ref));
            }
        for (const Condition& part : condition.parts)
            if (auto rule = rule_of(part, owner, c)) items.push_back(std::move(*rule));
        for (const std::string& text : condition.manual) manual(c, text);
        std::optional<Rule> counted;
        const auto n = static_cast<std::uint32_t>(items.size());
        // No requiredNumber: all of them, unless a Sum of credits says how
        // much of them is needed (then the targets are the pool it draws on).
        const std::uint32_t wanted = condition.required_number.value_or(condition.credits ? 0 : n);
        if (n > 0 && wanted > 0) {
            Rule rule;
            rule.loc = condition.loc;
            if (n == 1) {
                rule = std::move(items.front());
            } else if (wanted >= n) {
                rule.kind = RuleKind::All;
                rule.children = std::move(items);
            } else if (wanted == 1) {
                rule.kind = RuleKind::Any;
                rule.children = std::move(items);
            } else {
                rule.kind = RuleKind::AtLeast;
                rule.at_least = wanted;
                rule.children = std::move(items);
            }
            if (wanted > n)
                manual(c, fmt::format("{} (asks {} of {})", condition.label.empty() ? "a pathway condition" : condition.label,
                                      wanted, n));
            counted = std::move(rule);
        }
        if (condition.credits) {
            if (!ids.empty() && enough_credits(condition)) {
                Rule credits = credits_from(*condition.credits, ids, condition.loc);
                if (!counted) {
                    counted = std::move(credits);
                } else {
                    Rule both;
                    both.kind = RuleKind::All;
                    both.loc = condition.loc;
                    both.children.push_back(std::move(*counted));
                    both.children.push_back(std::move(credits));
                    counted = std::move(both);
                }
            } else if (condition.manual.empty()) {  // else said once already
                manual(c, condition.label.empty() ? fmt::format("{} credits", *condition.credits) : condition.label);
            }
        }
        if (!counted && !condition.credits && condition.manual.empty() && n == 0 && !condition.label.empty())
            manual(c, condition.label);
        return counted;
    }

    std::optional<Rule> rule_of(const Condition& condition, const Resource& owner, Credential& c) {
        if (condition.component) return component_rule(condition, owner, c);
        std::vector<std::string> parts;
        for (const auto& [reference, kind] : condition.targets)
            if (auto id = target_id(reference, kind, owner, condition.loc))
                if (std::find(parts.begin(), parts.end(), *id) == parts.end()) parts.push_back(*id);
        auto ref = [&](const std::string& id) {
            Rule rule;
            rule.kind = RuleKind::Ref;
            rule.ref = id;
            rule.loc = condition.loc;
            return rule;
        };
        // Credits from the targets, when the targets carry enough of them;
        // else the targets are all required and the credits are a manual check.
        const bool credits_rule = condition.credits && !parts.empty() && enough_credits(condition);
        std::optional<Rule> own;
        if (credits_rule) {
            own = credits_from(*condition.credits, parts, condition.loc);
        } else if (condition.credits) {
            manual(c, fmt::format("{} {} of credit", *condition.credits,
                                  condition.credit_unit.empty() ? std::string("units") : condition.credit_unit));
        }
        if (credits_rule) {
        } else if (parts.size() == 1) {
            own = ref(parts.front());
        } else if (parts.size() > 1) {
            Rule rule;
            rule.kind = RuleKind::All;
            rule.loc = condition.loc;
            for (const std::string& id : parts) rule.children.push_back(ref(id));
            own = std::move(rule);
        }
        for (const std::string& text : condition.manual) manual(c, text);
        std::vector<Rule> alternatives;
        for (const Condition& alternative : condition.alternatives) {
            if (auto rule = rule_of(alternative, owner, c)) {
                alternatives.push_back(std::move(*rule));
            } else if (!alternative.label.empty()) {
                // An alternative no plan can take: the others are planned, this one is said.
                manual(c, "or instead: " + alternative.label);
            }
        }
        const bool planned = own.has_value() || !condition.targets.empty() || condition.credits;
        if (!planned && condition.manual.empty() && condition.alternatives.empty())
            manual(c, condition.label.empty() ? std::string("a condition with no description") : condition.label);
        if (alternatives.empty()) return own;
        Rule any;
        any.kind = RuleKind::Any;
        any.loc = condition.loc;
        if (own) any.children.push_back(std::move(*own));
        for (Rule& alternative : alternatives) any.children.push_back(std::move(alternative));
        if (any.children.size() == 1) return std::move(any.children.front());
        return any;
    }

    void manual(Credential& c, const std::string& text) {
        std::string line = cut(text);
        if (std::find(c.also_required.begin(), c.also_required.end(), line) != c.also_required.end()) return;
        c.also_required.push_back(std::move(line));
        ++out_.summary.manual;
    }

    std::optional<Rule> combine(const std::vector<Condition>& conditions, const Resource& r, Credential& c) {
        std::vector<Rule> rules;
        for (const Condition& condition : conditions)
            if (auto rule = rule_of(condition, r, c))
                if (std::none_of(rules.begin(), rules.end(), [&](const Rule& kept) { return same_rule(kept, *rule); }))
                    rules.push_back(std::move(*rule));
        if (rules.empty()) return std::nullopt;
        if (rules.size() == 1) return std::move(rules.front());
        Rule all;
        all.kind = RuleKind::All;
        all.loc = rules.front().loc;
        all.children = std::move(rules);
        return all;
    }

    std::string provider_of(const Resource& r) const {
        for (const auto* list : {&r.offered_by, &r.owned_by})
            for (const std::string& reference : *list) {
                if (auto found = find(reference); found && !resources_[*found].name.empty())
                    return resources_[*found].name;
                if (!reference.empty() && reference.rfind("_:", 0) != 0 && reference.find('#') == std::string::npos)
                    return reference;
            }
        return {};
    }

    void map(std::size_t index) {
        Resource& r = resources_[index];
        Credential c;
        c.id = ids_.at(index);
        c.title = !r.name.empty() ? r.name : !r.coded.empty() ? r.coded : !r.ctid.empty() ? r.ctid : c.id;
        c.kind = *r.kind;
        c.provider = provider_of(r);
        c.cost = r.cost.value_or(0);
        c.hours = r.hours.value_or(0);
        c.weeks = r.weeks.value_or(0);
        c.credits = r.credits.value_or(0);
        c.stated = {r.cost.has_value(), r.hours.has_value(), r.weeks.has_value(), r.credits.has_value()};
        c.skills = std::move(r.skills);  // a resource is mapped once: its texts move
        c.valid_for = r.valid_for;
        c.url = r.url.rfind("http", 0) == 0 ? r.url : std::string();
        if (!r.ctid.empty()) c.same_as.push_back(r.ctid);
        if (r.id.rfind("http", 0) == 0) c.same_as.push_back(r.id);
        c.description = std::move(r.description);
        c.loc = c.id_loc = r.loc;
        std::vector<Condition> prerequisites = r.prerequisites;
        if (auto found = aliased_by_.find(index); found != aliased_by_.end())
            for (std::size_t component : found->second) {
                const Resource& proxy = resources_[component];
                prerequisites.insert(prerequisites.end(), proxy.prerequisites.begin(), proxy.prerequisites.end());
            }
        if (auto found = preceded_by_.find(index); found != preceded_by_.end()) {
            Condition before;
            before.loc = r.loc;
            for (std::size_t earlier : found->second)
                if (!resources_[earlier].id.empty()) before.targets.emplace_back(resources_[earlier].id, Kind::Course);
            if (!before.targets.empty()) prerequisites.push_back(std::move(before));
        }
        if (r.is_component && !r.proxy_for.empty()) {
            // A proxy for a resource the input does not describe.
            c.external = true;
            for (const std::string& reference : r.proxy_for) c.same_as.push_back(reference);
            warn(r, "ctdl-external",
                 fmt::format("component '{}' is a proxy for '{}', which is not in the input: kept as a credential of "
                             "unknown cost and duration",
                             printable(r.name.empty() ? r.id : r.name, 200), printable(r.proxy_for.front(), 200)));
            ++out_.summary.external;
        }
        c.rule = combine(prerequisites, r, c);
        c.corequisite = combine(r.corequisites, r, c);
        if (!r.currency.empty()) {
            if (out_.currency.empty()) out_.currency = r.currency;
            else if (out_.currency != r.currency && r.cost) {
                // One currency per import: the first one met; the others
                // converted with --rates, else left out.
                if (converter_ && converter_->has_currency(r.currency) && converter_->has_currency(out_.currency)) {
                    const double converted = converter_->money(c.cost, r.currency, out_.currency);
                    warn(r, "ctdl-currency",
                         fmt::format("'{}' is priced in {}, the others in {}: {} {} converted to {} {} with {} (rates "
                                     "of {})",
                                     shown(r.id), r.currency, out_.currency, c.cost, r.currency, converted,
                                     out_.currency, options_.rates->file, options_.rates->date));
                    c.cost = converted;
                } else {
                    warn(r, "ctdl-currency",
                         fmt::format("'{}' is priced in {}, the others in {}: its cost is left out ({})",
                                     shown(r.id), r.currency, out_.currency,
                                     converter_ ? fmt::format("{} has no rate for it", options_.rates->file)
                                                : std::string("--rates FILE converts it")));
                    c.cost = 0;
                }
            }
        }
        if (!r.credit_unit.empty()) {
            if (out_.credit_unit.empty()) out_.credit_unit = r.credit_unit;
            else if (lower(out_.credit_unit) != lower(r.credit_unit) && r.credits)
                warn(r, "ctdl-credit-unit",
                     fmt::format("'{}' counts credits in '{}', the others in '{}': its credits are kept as given",
                                 shown(r.id), r.credit_unit, out_.credit_unit));
        }
        ++out_.summary.mapped;
        out_.credentials.push_back(std::move(c));
    }

    std::vector<Resource>& resources_;
    const CtdlOptions& options_;
    CtdlImport& out_;
    std::unique_ptr<Converter> converter_;  // with options_.rates
    std::unordered_map<std::string, std::size_t> by_id_;
    std::unordered_map<std::string, std::size_t> by_ctid_;
    std::set<std::size_t> duplicate_;
    std::map<std::size_t, std::string> ids_;
    std::set<std::string> taken_;
    std::unordered_map<std::string, std::string> external_ids_;
    std::vector<Credential> externals_;
    std::map<std::size_t, std::size_t> alias_;                     // component -> the resource it is a proxy for
    std::map<std::size_t, std::vector<std::size_t>> aliased_by_;   // resource -> its proxies
    std::map<std::size_t, std::vector<std::size_t>> preceded_by_;  // resource -> what precedes it
};

// Reads one document's text into `resources`, its faults placed.
void read_document(std::string_view text, std::uint32_t file, std::size_t document, std::vector<Resource>& resources,
                   CtdlImport& out) {
    const std::string& name = out.files[file];
    json_reader::Parsed parsed = json_reader::parse(text);
    ++out.summary.documents;
    if (parsed.fault) {
        out.diagnostics.push_back({Severity::Error, name, parsed.fault->where.line, parsed.fault->where.column,
                                   parsed.fault->code, parsed.fault->message});
        return;
    }
    std::vector<Fault> faults;
    const std::size_t first = resources.size();
    DocumentReader reader(file, document, resources, faults);
    reader.read(parsed.value);
    out.summary.nodes += reader.nodes;
    out.summary.ignored += reader.ignored;
    // Place the resources, their conditions and the faults: one pass over the text.
    std::vector<std::string> pointers;
    auto conditions = [&](auto&& self, const std::vector<Condition>& list) -> void {
        for (const Condition& c : list) {
            pointers.push_back(c.pointer);
            self(self, c.alternatives);
        }
    };
    for (std::size_t i = first; i < resources.size(); ++i) {
        pointers.push_back(resources[i].pointer);
        conditions(conditions, resources[i].prerequisites);
        conditions(conditions, resources[i].corequisites);
    }
    for (const Fault& fault : faults) pointers.push_back(fault.pointer);
    const std::map<std::string, SourceLoc> places = json_reader::place(text, pointers);
    auto place = [&](const std::string& pointer) {
        SourceLoc loc = places.at(pointer);
        loc.file = file;
        return loc;
    };
    auto place_conditions = [&](auto&& self, std::vector<Condition>& list) -> void {
        for (Condition& c : list) {
            c.loc = place(c.pointer);
            self(self, c.alternatives);
        }
    };
    for (std::size_t i = first; i < resources.size(); ++i) {
        resources[i].loc = place(resources[i].pointer);
        place_conditions(place_conditions, resources[i].prerequisites);
        place_conditions(place_conditions, resources[i].corequisites);
    }
    for (const Fault& fault : faults) {
        const SourceLoc at = place(fault.pointer);
        out.diagnostics.push_back({fault.severity, name, at.line, at.column, fault.code,
                                   fault.pointer.empty() ? fault.message
                                                         : fmt::format("{} (at {})", fault.message, fault.pointer)});
    }
}

// A ZIP of documents (the Registry's bulk download: one JSON envelope per
// resource), streamed: one member in memory at a time. A damaged member is
// reported and the rest still read; a member is named ARCHIVE:MEMBER.
void read_archive(const std::string& path, const LoadLimits& limits, std::vector<Resource>& resources, CtdlImport& out) {
    struct ArchiveCloser {
        void operator()(archive* a) const { archive_read_free(a); }
    };
    const std::unique_ptr<archive, ArchiveCloser> zip(archive_read_new());
    archive_read_support_format_zip(zip.get());
    auto fault = [&](const std::string& name, std::string message) {
        out.diagnostics.push_back({Severity::Error, name, 0, 0, "io", std::move(message)});
    };
    if (archive_read_open_filename(zip.get(), path.c_str(), 64 * 1024) != ARCHIVE_OK) {
        fault(path, fmt::format("cannot read as a ZIP archive: {}", printable(archive_error_string(zip.get()) ? archive_error_string(zip.get()) : "unknown error", 200)));
        return;
    }
    std::size_t documents = 0;
    std::string bytes;
    for (;;) {
        archive_entry* entry = nullptr;
        const int status = archive_read_next_header(zip.get(), &entry);
        if (status == ARCHIVE_EOF) break;
        if (status == ARCHIVE_FATAL || !entry) {
            const char* why = archive_error_string(zip.get());
            fault(path, fmt::format("the archive is damaged after {} documents: {}", documents,
                                    printable(why ? why : "unknown error", 200)));
            return;
        }
        const char* raw_name = archive_entry_pathname(entry);
        const std::string member = raw_name ? raw_name : "";
        if (archive_entry_filetype(entry) != AE_IFREG || !is_ctdl_path(member) ||
            lower(fs::path(member).extension().string()) == ".zip")
            continue;
        const std::string name = fmt::format("{}:{}", path, printable(member, 200));
        if (archive_entry_size_is_set(entry) && static_cast<std::uint64_t>(archive_entry_size(entry)) > limits.max_file_bytes) {
            fault(name, fmt::format("larger than {} bytes (--max-file-size): not read", limits.max_file_bytes));
            continue;
        }
        bytes.clear();
        char block[64 * 1024];
        bool damaged = false, too_big = false;
        for (;;) {
            const la_ssize_t got = archive_read_data(zip.get(), block, sizeof block);
            if (got == 0) break;
            if (got < 0) {
                const char* why = archive_error_string(zip.get());
                fault(name, fmt::format("damaged in the archive: {}", printable(why ? why : "unknown error", 200)));
                damaged = true;
                break;
            }
            if (bytes.size() + static_cast<std::size_t>(got) > limits.max_file_bytes) {
                fault(name, fmt::format("larger than {} bytes (--max-file-size): not read", limits.max_file_bytes));
                too_big = true;
                break;
            }
            bytes.append(block, static_cast<std::size_t>(got));
        }
        if (damaged || too_big) continue;
        const auto file = static_cast<std::uint32_t>(out.files.size());
        out.files.push_back(name);
        read_document(bytes, file, 0, resources, out);
        ++documents;
    }
}

void finish(std::vector<Resource>& resources, const CtdlOptions& options, CtdlImport& out) {
    Mapper(resources, options, out).run();
    sort_diagnostics(out.diagnostics);
}

}  // namespace

bool is_ctdl_path(std::string_view path) {
    const std::string extension = lower(fs::path(path).extension().string());
    return extension == ".json" || extension == ".jsonld" || extension == ".zip";
}

CtdlImport import_ctdl_sources(const std::vector<SourceText>& sources, const CtdlOptions& options) {
    CtdlImport out;
    std::vector<Resource> resources;
    for (const SourceText& source : sources) {
        const auto file = static_cast<std::uint32_t>(out.files.size());
        out.files.push_back(source.name);
        read_document(source.text, file, 0, resources, out);
    }
    finish(resources, options, out);
    return out;
}

namespace {
// One file or archive of an import.
void read_ctdl_file(const std::string& path, const LoadLimits& limits, std::vector<Resource>& resources,
                    CtdlImport& out) {
    if (lower(fs::path(path).extension().string()) == ".zip") {
        read_archive(path, limits, resources, out);
        return;
    }
    const auto file = static_cast<std::uint32_t>(out.files.size());
    out.files.push_back(path);
    std::string bytes;
    if (auto problem = read_file_bytes(path, limits.max_file_bytes, bytes)) {
        out.diagnostics.push_back({Severity::Error, path, 0, 0, problem->first, problem->second});
        return;
    }
    read_document(bytes, file, 0, resources, out);
}
}  // namespace

CtdlImport import_ctdl_files(const std::vector<std::string>& paths, const CtdlOptions& options,
                             const LoadLimits& limits) {
    CtdlImport out;
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        std::error_code error;
        if (!fs::is_directory(path, error)) {
            files.push_back(path);
            continue;
        }
        std::vector<std::string> found;
        for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, error);
             !error && it != fs::recursive_directory_iterator(); it.increment(error))
            if (is_ctdl_path(it->path().string()) && it->is_regular_file(error)) found.push_back(it->path().string());
        std::sort(found.begin(), found.end());
        if (found.empty())
            out.diagnostics.push_back({Severity::Error, path, 0, 0, "io", "directory holds no *.json or *.jsonld file"});
        files.insert(files.end(), found.begin(), found.end());
    }
    std::vector<Resource> resources;
    report_progress(options.progress, 0, files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string& path = files[i];
        read_ctdl_file(path, limits, resources, out);
        report_progress(options.progress, i + 1, files.size());
    }
    finish(resources, options, out);
    return out;
}

}  // namespace credpath
