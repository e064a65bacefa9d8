#include "credpath/report/render_catalog.hpp"
#include "credpath/model/rates.hpp"

#include <algorithm>
#include <fmt/color.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <set>

#include "render_support.hpp"

namespace credpath {

using namespace render_detail;

namespace {

constexpr std::size_t text_width = 80;


ordered_json text_or_null(const std::string& text) { return text.empty() ? ordered_json() : ordered_json(text); }

// `prefix` then `items` separated by spaces, filled to `width` columns;
// continuation lines are indented to the width of `prefix`. Items are never
// split.
std::string wrap_items(std::string_view prefix, const std::vector<std::string>& items,
                       std::size_t width = text_width) {
    const std::string indent(display_width(prefix), ' ');
    std::string out(prefix);
    std::size_t column = indent.size();
    bool line_empty = true;
    for (const std::string& item : items) {
        if (item.empty()) continue;
        const std::size_t item_width = display_width(item);
        if (!line_empty && column + 1 + item_width > width) {
            out += "\n" + indent;
            column = indent.size();
            line_empty = true;
        }
        if (!line_empty) {
            out += ' ';
            ++column;
        }
        out += item;
        column += item_width;
        line_empty = false;
    }
    return out + "\n";
}

// The words of `text`, wrapped as wrap_items does.
std::string wrap(std::string_view prefix, std::string_view text, std::size_t width = text_width) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        words.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return wrap_items(prefix, words, width);
}

// `items` joined by `separator` (such as "," or " ->"), wrapped after a separator.
std::string wrap_list(std::string_view prefix, const std::vector<std::string>& items, std::string_view separator) {
    std::vector<std::string> units;
    for (std::size_t i = 0; i < items.size(); ++i)
        units.push_back(terminal_safe(items[i]) + (i + 1 < items.size() ? std::string(separator) : ""));
    return wrap_items(prefix, units);
}

std::string joined(const std::vector<std::string>& items, std::string_view separator = ", ") {
    return fmt::format("{}", fmt::join(items, separator));
}

std::string duration_text(const Duration& duration) {
    std::string_view unit = "day";
    switch (duration.unit) {
    case 'w': unit = "week"; break;
    case 'm': unit = "month"; break;
    case 'y': unit = "year"; break;
    default: break;
    }
    return plural(duration.count, unit, std::string(unit) + "s");
}

std::string duration_code(const Duration& duration) { return fmt::format("{}{}", duration.count, duration.unit); }

// "2027-01-11, 2027-09-06" or "every 4 weeks from 2027-01-04 until 2027-12-31".
std::string intakes_text(const Intakes& intakes) {
    if (!intakes.every) {
        std::vector<std::string> dates;
        for (const Date& date : intakes.dates) dates.push_back(to_string(date));
        return fmt::format("{}", fmt::join(dates, ", "));
    }
    std::string text = fmt::format("every {} from {}", duration_text(*intakes.every), to_string(intakes.from));
    if (intakes.until) text += fmt::format(" until {}", to_string(*intakes.until));
    return text;
}

// The catalog's own form: a list of dates, or {every, from, until}.
ordered_json intakes_json(const Intakes& intakes) {
    if (!intakes.every) {
        ordered_json dates = ordered_json::array();
        for (const Date& date : intakes.dates) dates.push_back(to_string(date));
        return dates;
    }
    ordered_json json = {{"every", duration_code(*intakes.every)}, {"from", to_string(intakes.from)}};
    if (intakes.until) json["until"] = to_string(*intakes.until);
    return json;
}

std::string_view rule_kind_name(RuleKind kind) {
    switch (kind) {
    case RuleKind::Ref: return "ref";
    case RuleKind::All: return "all";
    case RuleKind::Any: return "any";
    case RuleKind::AtLeast: return "at_least";
    case RuleKind::CreditsFrom: return "credits_from";
    case RuleKind::CreditsTagged: return "credits_tagged";
    case RuleKind::Skills: return "skills";
    }
    return "ref";
}

std::string standing_text(const CredentialStanding& standing) {
    if (standing.standing == Standing::Expired && standing.expired_on && standing.earned)
        return fmt::format("expired on {} (earned {})", to_string(*standing.expired_on), to_string(*standing.earned));
    return std::string(to_string(standing.standing));
}

ordered_json standing_json(const CredentialStanding& standing) {
    ordered_json out{{"state", to_string(standing.standing)}};
    if (standing.earned) out["earned"] = to_string(*standing.earned);
    if (standing.expired_on) out["expired_on"] = to_string(*standing.expired_on);
    return out;
}

// "as_of", "learner", "held", "expired" of a learner, when one was given.
void learner_json(ordered_json& out, const Catalog& catalog, const Learner& learner) {
    if (!learner.given) return;
    ordered_json json;
    json["as_of"] = to_string(learner.as_of);
    if (!learner.name.empty()) json["name"] = learner.name;
    json["held"] = sorted_ids(catalog, learner.holdings.held);
    ordered_json expired = ordered_json::array();
    for (const ExpiredCredential& e : learner.holdings.expired)
        expired.push_back({{"id", catalog.credentials[e.credential].id},
                           {"earned", to_string(e.earned)},
                           {"expired_on", to_string(e.expired_on)}});
    json["expired"] = std::move(expired);
    add_unmatched_badges_json(json, learner.holdings);
    add_badges_json(json, catalog, learner.holdings);
    out["learner"] = std::move(json);
}

// "As of DATE Jordan Rivera holds 2 of 171 credentials (1 expired)."
std::string learner_line(const Catalog& catalog, const Learner& learner) {
    if (!learner.given) return {};
    return fmt::format("As of {} {} holds {} of {}{}.\n", to_string(learner.as_of),
                       learner.name.empty() ? std::string("the learner") : terminal_safe(learner.name),
                       format_count(learner.holdings.held.size()),
                       plural(catalog.credentials.size(), "credential", "credentials"),
                       learner.holdings.expired.empty()
                           ? ""
                           : fmt::format(" ({} expired)", format_count(learner.holdings.expired.size())));
}

// ---------------------------------------------------------------- rules

std::string marked_ref(const Catalog& catalog, std::string_view id, const Learner* learner) {
    std::string text = terminal_safe(id);
    if (!learner || !learner->given) return text;
    if (auto index = catalog.find(id)) {
        const CredentialStanding standing = standing_of(learner->holdings, *index);
        if (standing.standing != Standing::NotHeld) text += fmt::format(" ({})", to_string(standing.standing));
    }
    return text;
}

std::string quoted_names(const std::vector<std::string>& names, std::string_view separator) {
    std::vector<std::string> quoted;
    for (const std::string& name : names) quoted.push_back(fmt::format("'{}'", terminal_safe(name)));
    return joined(quoted, separator);
}

void outline(const Catalog& catalog, const Rule& rule, const Learner* learner, const std::string& pad,
             std::string& out) {
    const std::string unit = terminal_safe(catalog.credit_unit);
    // Ids with their marks, wrapped after the commas.
    auto refs = [&](const std::string& prefix, const std::vector<std::string>& ids) {
        std::vector<std::string> items;
        for (const std::string& id : ids) items.push_back(marked_ref(catalog, id, learner));
        if (items.empty()) items.push_back("(nothing)");
        return wrap_list(prefix, items, ",");
    };
    switch (rule.kind) {
    case RuleKind::Ref: out += pad + marked_ref(catalog, rule.ref, learner) + "\n"; return;
    case RuleKind::All:
    case RuleKind::Any:
    case RuleKind::AtLeast: {
        const std::string head = rule.kind == RuleKind::All   ? "all of:"
                                 : rule.kind == RuleKind::Any ? "any of:"
                                                              : fmt::format("{} of:", rule.at_least);
        const bool flat = std::all_of(rule.children.begin(), rule.children.end(),
                                      [](const Rule& child) { return child.kind == RuleKind::Ref; });
        if (flat) {
            std::vector<std::string> ids;
            for (const Rule& child : rule.children) ids.push_back(child.ref);
            out += refs(pad + head + " ", ids);
            return;
        }
        out += pad + head + "\n";
        for (const Rule& child : rule.children) outline(catalog, child, learner, pad + "  ", out);
        return;
    }
    case RuleKind::CreditsFrom:
    case RuleKind::CreditsTagged:
        if (rule.kind == RuleKind::CreditsFrom)
            out += refs(fmt::format("{}{} {} from: ", pad, format_count(rule.credits), unit), rule.names);
        else
            out += wrap(fmt::format("{}{} {} tagged ", pad, format_count(rule.credits), unit),
                        quoted_names(rule.names, " or "));
        for (const Rule& cap : rule.caps) out += wrap(pad + "  ", terminal_safe(cap_text(cap, unit)));
        return;
    case RuleKind::Skills: {
        out += wrap_list(pad + "skills: ", rule.names.empty() ? std::vector<std::string>{"(none)"} : rule.names, ",");
        return;
    }
    }
}

ordered_json rule_to_json(const Rule& rule) {
    auto children = [&] {
        ordered_json list = ordered_json::array();
        for (const Rule& child : rule.children) list.push_back(rule_to_json(child));
        return list;
    };
    switch (rule.kind) {
    case RuleKind::Ref: return rule.ref;
    case RuleKind::All: return {{"all", children()}};
    case RuleKind::Any: return {{"any", children()}};
    case RuleKind::AtLeast: return {{"at_least", rule.at_least}, {"of", children()}};
    case RuleKind::CreditsFrom:
    case RuleKind::CreditsTagged: {
        ordered_json out = {{"credits", number(rule.credits)},
                            {rule.kind == RuleKind::CreditsFrom ? "from" : "tagged", rule.names}};
        if (!rule.caps.empty()) {
            ordered_json caps = ordered_json::array();
            for (const Rule& cap : rule.caps) caps.push_back(rule_to_json(cap));
            out["cap"] = std::move(caps);
        }
        return out;
    }
    case RuleKind::Skills: return {{"skills", rule.names}};
    }
    return nullptr;
}

}  // namespace

std::string rule_outline(const Catalog& catalog, const Rule& rule, const Learner* learner,
                         const std::string& indent) {
    std::string out;
    outline(catalog, rule, learner, indent, out);
    return out;
}

ordered_json render_detail::rule_as_json(const Rule& rule) { return rule_to_json(rule); }

std::string rule_json(const Rule& rule) {
    return rule_to_json(rule).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// ---------------------------------------------------------------- show

namespace {

constexpr std::string_view field_pad = "                   ";  // the width of "Quality assurance: "

// "Label:" padded to the value column, then the value, wrapped; an empty label
// continues the field above. A bullet's wrapped lines line up after the bullet.
std::string field(std::string_view label, std::string_view value, bool bullet = false) {
    std::string prefix = label.empty() ? std::string() : fmt::format("{}:", label);
    prefix += std::string(field_pad.size() - prefix.size(), ' ');
    if (bullet) prefix += "- ";
    return wrap(prefix, terminal_safe(value));
}

// A field the catalog leaves out (it counts as 0 in plans).
constexpr std::string_view kNotGiven = "- (not given)";

std::string show_one(const Catalog& catalog, const CredentialDetails& details, const Learner& learner,
                     const Style& style) {
    const Credential& c = catalog.credentials[details.credential];
    std::string out = paint(style, fmt::emphasis::bold, fmt::format("{}: {}", terminal_safe(c.id), terminal_safe(c.title)));
    out += "\n";
    if (learner.given) out += field("Status", standing_text(standing_of(learner.holdings, details.credential)));
    out += field("Kind", to_string(c.kind));
    if (!c.provider.empty()) out += field("Provider", c.provider);
    if (c.level) out += field("Level", fmt::format("{} (EQF)", *c.level));
    const std::optional<WrittenTerms> written = written_terms(catalog, c);
    if (c.external) {
        out += field("External", "known only by reference: cost, hours and weeks unknown");
    } else {
        out += field("Cost", !c.stated.cost ? std::string(kNotGiven)
                                            : fmt::format("{} {}{}", format_money(c.cost), catalog.currency,
                                                          written && !written->currency.empty()
                                                              ? fmt::format(" (written as {} {})",
                                                                            format_money(written->cost),
                                                                            written->currency)
                                                              : ""));
        out += field("Hours", c.stated.hours ? format_count(c.hours) : std::string(kNotGiven));
        out += field("Weeks", c.stated.weeks ? format_count(c.weeks) : std::string(kNotGiven));
    }
    out += field("Credits", !c.stated.credits ? std::string(kNotGiven)
                                              : fmt::format("{} {}{}", format_count(c.credits), catalog.credit_unit,
                                                            written && !written->credit_unit.empty()
                                                                ? fmt::format(" (written as {} {})",
                                                                              format_count(written->credits),
                                                                              written->credit_unit)
                                                                : ""));
    if (!c.tags.empty()) out += field("Tags", joined(c.tags));
    if (!c.skills.empty()) out += field("Skills", joined(c.skills));
    if (!c.modality.empty()) out += field("Modality", c.modality);
    if (!c.assessment.empty()) out += field("Assessment", c.assessment);
    if (!c.country.empty()) out += field("Country", c.country);
    if (!c.language.empty()) out += field("Language", c.language);
    if (c.valid_for) out += field("Valid for", duration_text(*c.valid_for));
    if (c.renewal)
        out += field("Renewal", fmt::format("{} {}, {}, {}", format_money(c.renewal->cost), catalog.currency,
                                            plural(c.renewal->hours, "hour", "hours"),
                                            plural(c.renewal->weeks, "week", "weeks")));
    if (c.starts) {
        const auto next = next_intake(*c.starts, learner.as_of);
        out += field("Starts", fmt::format("{} ({})", intakes_text(*c.starts),
                                           next ? "next: " + to_string(*next) : std::string("none left")));
    }
    if (!details.excludes.empty())
        out += field("Excludes", joined(id_list(catalog, details.excludes)) + " (never held together with it)");
    for (std::size_t i = 0; i < details.overlap.size(); ++i) {
        const auto& [other, most] = details.overlap[i];
        out += field(i == 0 ? "Overlap" : "",
                     fmt::format("at most {} counted toward both it and {}", format_count(most),
                                 catalog.credentials[other].id));
    }
    if (!c.url.empty()) out += field("URL", c.url);
    for (std::size_t i = 0; i < c.same_as.size(); ++i) out += field(i == 0 ? "Same as" : "", c.same_as[i]);
    if (!c.quality_assurance.empty()) out += field("Quality assurance", c.quality_assurance);
    for (std::size_t i = 0; i < c.outcomes.size(); ++i)
        out += field(i == 0 ? "Outcomes" : "", c.outcomes[i], true);
    for (std::size_t i = 0; i < c.also_required.size(); ++i)
        out += field(i == 0 ? "Also required" : "", c.also_required[i], true);
    if (!c.description.empty()) out += field("Description", c.description);
    if (c.loc.file < catalog.files.size())
        out += field("Defined at", fmt::format("{}:{}:{}", catalog.files[c.loc.file], c.loc.line, c.loc.column));

    if (c.rule) out += "\nRequires:\n" + rule_outline(catalog, *c.rule, &learner, "  ");
    else out += "\nRequires: nothing\n";
    if (c.corequisite)
        out += "\nCo-requisites (before or alongside):\n" + rule_outline(catalog, *c.corequisite, &learner, "  ");
    if (c.rule || c.corequisite)
        out += wrap(fmt::format("Draws on ({}): ", format_count(details.draws_on.size())),
                    terminal_safe(joined(id_list(catalog, details.draws_on))));

    if (details.stacks_into.empty()) {
        out += "\nStacks into: nothing\n";
    } else {
        out += fmt::format("\nStacks into directly ({}):\n", format_count(details.stacks_into.size()));
        Table table{{"", ""}, {false, false}, {}};
        for (std::uint32_t d : details.stacks_into)
            table.rows.push_back({"  " + terminal_safe(catalog.credentials[d].id),
                                  terminal_safe(catalog.credentials[d].title)});
        std::string rows = table.render(Style{});
        out += rows.substr(rows.find('\n') + 1);  // no header
        out += wrap(fmt::format("Stacks into in all ({}): ", format_count(details.stacks_into_all.size())),
                    terminal_safe(joined(id_list(catalog, details.stacks_into_all))));
    }

    if (!details.skills.empty()) {
        out += "\nIts skills, also taught by:\n";
        for (const SkillTeachers& skill : details.skills)
            out += wrap(fmt::format("  {} ({}): ", terminal_safe(skill.skill), format_count(skill.others.size())),
                        skill.others.empty() ? std::string("no other credential")
                                             : terminal_safe(joined(id_list(catalog, skill.others))));
    }
    return out;
}

}  // namespace

std::string render_show_text(const ShowView& view, const Style& style) {
    std::string out;
    for (const CredentialDetails& details : view.credentials) {
        if (!out.empty()) out += "\n";
        out += show_one(view.catalog, details, view.learner, style);
    }
    return out;
}

std::string render_show_json(const ShowView& view) {
    const Catalog& catalog = view.catalog;
    ordered_json out;
    out["format"] = "credpath-show/1";
    out["currency"] = catalog.currency;
    out["credit_unit"] = catalog.credit_unit;
    learner_json(out, catalog, view.learner);
    ordered_json list = ordered_json::array();
    for (const CredentialDetails& details : view.credentials) {
        const Credential& c = catalog.credentials[details.credential];
        ordered_json json;
        json["id"] = c.id;
        json["title"] = c.title;
        json["kind"] = to_string(c.kind);
        json["provider"] = text_or_null(c.provider);
        json["level"] = c.level ? ordered_json(*c.level) : ordered_json();
        // null: the catalog leaves it out (0 in plans).
        json["cost"] = c.stated.cost ? number(c.cost) : ordered_json();
        json["hours"] = c.stated.hours ? number(c.hours) : ordered_json();
        json["weeks"] = c.stated.weeks ? number(c.weeks) : ordered_json();
        json["credits"] = c.stated.credits ? number(c.credits) : ordered_json();
        if (ordered_json original = original_json(catalog, c); !original.is_null()) json["original"] = std::move(original);
        json["tags"] = c.tags;
        json["skills"] = c.skills;
        json["modality"] = text_or_null(c.modality);
        json["assessment"] = text_or_null(c.assessment);
        json["country"] = text_or_null(c.country);
        json["language"] = text_or_null(c.language);
        json["outcomes"] = c.outcomes;
        json["quality_assurance"] = text_or_null(c.quality_assurance);
        json["valid_for"] = c.valid_for ? ordered_json(duration_code(*c.valid_for)) : ordered_json();
        if (c.renewal)
            json["renewal"] = {{"cost", number(c.renewal->cost)},
                               {"hours", number(c.renewal->hours)},
                               {"weeks", number(c.renewal->weeks)}};
        json["starts"] = c.starts ? intakes_json(*c.starts) : ordered_json();
        json["url"] = text_or_null(c.url);
        json["same_as"] = c.same_as;
        if (!c.also_required.empty()) json["also_required"] = c.also_required;
        if (c.external) json["external"] = true;
        json["description"] = text_or_null(c.description);
        json["requires"] = c.rule ? rule_to_json(*c.rule) : ordered_json();
        json["corequires"] = c.corequisite ? rule_to_json(*c.corequisite) : ordered_json();
        json["excludes"] = id_list(catalog, details.excludes);
        ordered_json overlap = ordered_json::array();
        for (const auto& [other, most] : details.overlap)
            overlap.push_back({{"with", catalog.credentials[other].id}, {"at_most", most}});
        json["overlap"] = std::move(overlap);
        json["source"] = {{"file", c.loc.file < catalog.files.size() ? catalog.files[c.loc.file] : std::string()},
                          {"line", c.loc.line},
                          {"column", c.loc.column}};
        json["status"] = view.learner.given ? standing_json(standing_of(view.learner.holdings, details.credential))
                                            : ordered_json();
        json["draws_on"] = id_list(catalog, details.draws_on);
        json["stacks_into"] = id_list(catalog, details.stacks_into);
        json["stacks_into_all"] = id_list(catalog, details.stacks_into_all);
        ordered_json skills = ordered_json::array();
        for (const SkillTeachers& skill : details.skills)
            skills.push_back({{"skill", skill.skill}, {"also_taught_by", id_list(catalog, skill.others)}});
        json["skills_elsewhere"] = std::move(skills);
        list.push_back(std::move(json));
    }
    out["credentials"] = std::move(list);
    return dump(out);
}

// ---------------------------------------------------------------- list

namespace {
std::string list_status(const Learner& learner, std::uint32_t credential) {
    const Standing standing = standing_of(learner.holdings, credential).standing;
    return standing == Standing::NotHeld ? std::string() : std::string(to_string(standing));
}
}  // namespace

std::string render_list_text(const ListView& view, const Style& style) {
    const Catalog& catalog = view.catalog;
    std::string out;
    if (view.credentials.empty()) {
        out += "No credential matches.\n";
    } else {
        Table table{{"id", "kind", "provider", "cost", "weeks", "title"}, {false, false, false, true, true, false}, {}};
        if (view.reach_cost) {
            table.header.insert(table.header.begin() + 4, "to reach");
            table.right.insert(table.right.begin() + 4, true);
        }
        if (view.learner.given) {
            table.header.insert(table.header.begin(), "status");
            table.right.insert(table.right.begin(), false);
        }
        for (std::size_t i = 0; i < view.credentials.size(); ++i) {
            const std::uint32_t index = view.credentials[i];
            const Credential& c = catalog.credentials[index];
            std::vector<std::string> row{terminal_safe(c.id), std::string(to_string(c.kind)),
                                         terminal_safe(c.provider), c.stated.cost ? format_money(c.cost) : "-",
                                         c.stated.weeks ? format_count(c.weeks) : "-", terminal_safe(c.title)};
            if (view.reach_cost) row.insert(row.begin() + 4, format_money((*view.reach_cost)[i]));
            if (view.learner.given) row.insert(row.begin(), list_status(view.learner, index));
            table.rows.push_back(std::move(row));
        }
        table.wrap({"provider", "title"});
        table.droppable = {"kind", "weeks", "provider"};
        out += table.render(style) + dropped_note(table, style) + "\n";
    }
    out += fmt::format("{} of {} (cost in {})\n", format_count(view.credentials.size()),
                       plural(catalog.credentials.size(), "credential", "credentials"), terminal_safe(catalog.currency));
    return out + learner_line(catalog, view.learner);
}

std::string render_list_json(const ListView& view) {
    const Catalog& catalog = view.catalog;
    ordered_json out;
    out["format"] = "credpath-list/1";
    out["currency"] = catalog.currency;
    out["credit_unit"] = catalog.credit_unit;
    out["count"] = view.credentials.size();
    out["of"] = catalog.credentials.size();
    learner_json(out, catalog, view.learner);
    ordered_json list = ordered_json::array();
    for (std::size_t i = 0; i < view.credentials.size(); ++i) {
        const std::uint32_t index = view.credentials[i];
        const Credential& c = catalog.credentials[index];
        ordered_json item{{"id", c.id},
                          {"title", c.title},
                          {"kind", to_string(c.kind)},
                          {"provider", text_or_null(c.provider)},
                          {"level", c.level ? ordered_json(*c.level) : ordered_json()},
                          {"cost", c.stated.cost ? number(c.cost) : ordered_json()},
                          {"hours", c.stated.hours ? number(c.hours) : ordered_json()},
                          {"weeks", c.stated.weeks ? number(c.weeks) : ordered_json()},
                          {"credits", c.stated.credits ? number(c.credits) : ordered_json()},
                          {"tags", c.tags},
                          {"skills", c.skills},
                          {"status", view.learner.given
                                         ? ordered_json(to_string(standing_of(view.learner.holdings, index).standing))
                                         : ordered_json()}};
        if (view.reach_cost) item["reach_cost"] = number((*view.reach_cost)[i]);
        list.push_back(std::move(item));
    }
    out["credentials"] = std::move(list);
    return dump(out);
}

std::string render_list_csv(const ListView& view) {
    const Catalog& catalog = view.catalog;
    std::string out = "id,title,kind,provider,level,cost,hours,weeks,credits,tags,skills,status";
    out += view.reach_cost ? ",reach_cost\n" : "\n";
    // An empty cell: the catalog leaves it out.
    const auto stated = [](bool given, double value) { return given ? format_number(value) : std::string(); };
    for (std::size_t i = 0; i < view.credentials.size(); ++i) {
        const std::uint32_t index = view.credentials[i];
        const Credential& c = catalog.credentials[index];
        out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}", csv_cell(c.id), csv_cell(c.title),
                           to_string(c.kind), csv_cell(c.provider), c.level ? std::to_string(*c.level) : "",
                           stated(c.stated.cost, c.cost), stated(c.stated.hours, c.hours),
                           stated(c.stated.weeks, c.weeks), stated(c.stated.credits, c.credits),
                           csv_cell(joined(c.tags, ";")), csv_cell(joined(c.skills, ";")),
                           view.learner.given ? to_string(standing_of(view.learner.holdings, index).standing) : "");
        out += view.reach_cost ? fmt::format(",{}\n", format_number((*view.reach_cost)[i])) : "\n";
    }
    return out;
}

std::string render_list_ids(const ListView& view) {
    std::string out;
    for (std::uint32_t index : view.credentials) out += view.catalog.credentials[index].id + "\n";
    return out;
}

// ---------------------------------------------------------------- stats

std::string render_stats_text(const StatsView& view, const Style& style) {
    const Catalog& catalog = view.catalog;
    const CatalogStats& s = view.stats;
    auto heading = [&](std::string_view text) { return paint(style, fmt::emphasis::bold, text) + "\n"; };
    auto counts = [&](const auto& rows, auto name) {
        Table table{{"", ""}, {false, true}, {}};
        for (const auto& [key, count] : rows) table.rows.push_back({"  " + name(key), format_count(count)});
        std::string text = table.render(Style{});
        return text.substr(text.find('\n') + 1);
    };
    std::string out;
    out += fmt::format("{} in {}; {} with requirements\n", plural(s.credentials, "credential", "credentials"),
                       plural(s.files, "file", "files"), format_count(s.with_rule));
    out += fmt::format("{}, {}, {}; cost in {}, credits in {}\n", plural(s.providers, "provider", "providers"),
                       plural(s.skills, "skill", "skills"), plural(s.tags, "tag", "tags"),
                       terminal_safe(catalog.currency), terminal_safe(catalog.credit_unit));
    out += learner_line(catalog, view.learner);

    out += "\n" + heading("By kind:");
    out += counts(s.by_kind, [](Kind kind) { return std::string(to_string(kind)); });
    out += "\n" + heading("By provider:");
    out += counts(s.by_provider, [](const std::string& name) {
        return name.empty() ? std::string("(no provider)") : terminal_safe(name);
    });
    out += "\n" + heading("By file:");
    out += counts(s.by_file, [](const std::string& name) { return terminal_safe(name); });
    out += "\n" + heading("Rule kinds (credentials whose rule uses each):");
    out += counts(s.rule_kinds, [](RuleKind kind) { return std::string(rule_kind_name(kind)); });

    out += "\n" + heading(fmt::format("Longest chain ({}, each stacks into the next):",
                                      plural(s.longest_chain.size(), "credential", "credentials")));
    out += wrap_list("  ", id_list(catalog, s.longest_chain), " ->");

    out += "\n" + heading("Most required (credentials whose rule draws on it directly):");
    if (s.most_required.empty()) {
        out += "  none\n";
    } else {
        Table table{{"", "", ""}, {false, true, false}, {}};
        for (const auto& [index, count] : s.most_required)
            table.rows.push_back({"  " + terminal_safe(catalog.credentials[index].id), format_count(count),
                                  terminal_safe(catalog.credentials[index].title)});
        // The header row is left out, so the title column is the third.
        table.wraps = {false, false, true};
        Style fitted;
        fitted.width = style.width;
        std::string text = table.render(fitted);
        out += text.substr(text.find('\n') + 1);
    }
    return out;
}

std::string render_stats_json(const StatsView& view) {
    const Catalog& catalog = view.catalog;
    const CatalogStats& s = view.stats;
    ordered_json out;
    out["format"] = "credpath-stats/1";
    out["currency"] = catalog.currency;
    out["credit_unit"] = catalog.credit_unit;
    out["totals"] = {{"credentials", s.credentials}, {"files", s.files},   {"providers", s.providers},
                     {"skills", s.skills},           {"tags", s.tags},     {"with_requirements", s.with_rule}};
    learner_json(out, catalog, view.learner);
    ordered_json kinds = ordered_json::object();
    for (const auto& [kind, count] : s.by_kind) kinds[std::string(to_string(kind))] = count;
    out["by_kind"] = std::move(kinds);
    ordered_json providers = ordered_json::array();
    for (const auto& [name, count] : s.by_provider) providers.push_back({{"provider", text_or_null(name)}, {"count", count}});
    out["by_provider"] = std::move(providers);
    ordered_json files = ordered_json::array();
    for (const auto& [name, count] : s.by_file) files.push_back({{"file", name}, {"count", count}});
    out["by_file"] = std::move(files);
    ordered_json rules = ordered_json::object();
    for (const auto& [kind, count] : s.rule_kinds) rules[std::string(rule_kind_name(kind))] = count;
    out["rule_kinds"] = std::move(rules);
    out["longest_chain"] = {{"length", s.longest_chain.size()}, {"credentials", id_list(catalog, s.longest_chain)}};
    ordered_json required = ordered_json::array();
    for (const auto& [index, count] : s.most_required)
        required.push_back({{"id", catalog.credentials[index].id},
                            {"title", catalog.credentials[index].title},
                            {"dependents", count}});
    out["most_required"] = std::move(required);
    return dump(out);
}

// ---------------------------------------------------------------- graph

namespace {

// How a credential is drawn: target or not, and the learner's standing.
struct NodeLook {
    bool target = false;
    Standing standing = Standing::NotHeld;
    auto operator<=>(const NodeLook&) const = default;
};

// The name of a look, as a Mermaid class and a legend entry: "", "target",
// "held", "expired", "target_held", "target_expired".
std::string look_name(const NodeLook& look) {
    std::string name = look.target ? "target" : "";
    if (look.standing != Standing::NotHeld) {
        if (!name.empty()) name += "_";
        name += look.standing == Standing::Held ? "held" : "expired";
    }
    return name;
}

std::string look_legend(const NodeLook& look) {
    std::string name = look_name(look);
    std::replace(name.begin(), name.end(), '_', ' ');
    return name.empty() ? std::string("credential") : name;
}

struct GraphLooks {
    std::vector<NodeLook> of;  // by position in diagram.credentials
    std::set<NodeLook> used;
};

GraphLooks graph_looks(const GraphView& view) {
    GraphLooks looks;
    for (std::uint32_t index : view.diagram.credentials) {
        NodeLook look;
        look.target = std::find(view.targets.begin(), view.targets.end(), index) != view.targets.end();
        if (view.learner.given) look.standing = standing_of(view.learner.holdings, index).standing;
        looks.of.push_back(look);
        looks.used.insert(look);
    }
    return looks;
}

// "all", "any", "2 of 3", "12 ECTS", "12 ECTS\ntagged x", "skills\na, b".
std::string junction_label(const Catalog& catalog, const Rule& rule) {
    const std::string_view line_break = "\n";
    const std::string unit = catalog.credit_unit;
    switch (rule.kind) {
    case RuleKind::Ref: return "ref";
    case RuleKind::All: return "all";
    case RuleKind::Any: return "any";
    case RuleKind::AtLeast: return fmt::format("{} of {}", rule.at_least, rule.children.size());
    case RuleKind::CreditsFrom:
        return fmt::format("{} {}{}", format_number(rule.credits), unit, rule.caps.empty() ? "" : "\ncapped");
    case RuleKind::CreditsTagged:
        return fmt::format("{} {}{}tagged {}{}", format_number(rule.credits), unit, line_break,
                           joined(rule.names, " or "), rule.caps.empty() ? "" : "\ncapped");
    case RuleKind::Skills: return fmt::format("skills{}{}", line_break, joined(rule.names));
    }
    return "";
}

std::string dot_look(const NodeLook& look) {
    std::string fill;
    if (look.standing == Standing::Held) fill = "#d9ead3";
    else if (look.standing == Standing::Expired) fill = "#f4cccc";
    else if (look.target) fill = "#fde9c4";
    std::string out;
    std::string node_style = "rounded";
    if (look.target) node_style += ",bold";
    if (look.standing == Standing::Expired) node_style += ",dashed";
    if (!fill.empty()) node_style += ",filled";
    if (node_style != "rounded") out += fmt::format(", style=\"{}\"", node_style);
    if (!fill.empty()) out += fmt::format(", fillcolor=\"{}\"", fill);
    if (look.target) out += ", penwidth=2";
    return out;
}

constexpr std::string_view dot_junction_attributes =
    "style=filled, fillcolor=\"#eeeeee\", color=\"#888888\", fontsize=9, margin=0.04, width=0, height=0";

std::string dot_junction_shape(RuleKind kind) {
    switch (kind) {
    case RuleKind::CreditsFrom:
    case RuleKind::CreditsTagged: return "octagon";
    case RuleKind::Skills: return "hexagon";
    default: return "circle";
    }
}

}  // namespace

std::string render_graph_dot(const GraphView& view) {
    const Catalog& catalog = view.catalog;
    const RuleDiagram& diagram = view.diagram;
    const GraphLooks looks = graph_looks(view);
    std::string out = "digraph credentials {\n  rankdir=LR;\n";
    out += "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n";
    out += "  edge [color=\"#666666\", arrowsize=0.7];\n";
    for (std::size_t i = 0; i < diagram.credentials.size(); ++i) {
        const Credential& c = catalog.credentials[diagram.credentials[i]];
        out += fmt::format("  {} [label={}{}];\n", dot_string(c.id), dot_string(c.id + "\n" + c.title),
                           dot_look(looks.of[i]));
    }
    auto junction_id = [&](std::uint32_t j) {
        return dot_string(catalog.credentials[diagram.junctions[j].owner].id + "#" + diagram.junctions[j].path);
    };
    for (std::uint32_t j = 0; j < diagram.junctions.size(); ++j) {
        const Rule& rule = *diagram.junctions[j].rule;
        out += fmt::format("  {} [shape={}, label={}, {}];\n", junction_id(j), dot_junction_shape(rule.kind),
                           dot_string(junction_label(catalog, rule)), dot_junction_attributes);
    }
    auto end_id = [&](const RuleDiagram::End& end) {
        return end.junction ? junction_id(end.index) : dot_string(catalog.credentials[end.index].id);
    };
    for (const RuleDiagram::Edge& edge : diagram.edges)
        out += fmt::format("  {} -> {}{};\n", end_id(edge.from), end_id(edge.to),
                           edge.corequisite ? " [style=dashed, label=\"alongside\"]" : "");
    // The legend: every look that is drawn, and a rule junction.
    out += "  subgraph cluster_legend {\n    label=\"Legend\";\n    fontname=\"Helvetica\";\n    fontsize=10;\n"
           "    color=\"#bbbbbb\";\n";
    for (const NodeLook& look : looks.used)
        out += fmt::format("    {} [label={}{}];\n", dot_string("#legend-" + look_legend(look)),
                           dot_string(look_legend(look)), dot_look(look));
    if (!diagram.junctions.empty())
        out += fmt::format("    \"#legend-rule\" [shape=circle, label=\"rule\", {}];\n", dot_junction_attributes);
    out += "  }\n}\n";
    return out;
}

std::string mermaid_id(std::string_view id) {
    std::string out = "c_";
    for (char c : id) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        out += alnum ? c : '_';
    }
    return out;
}

std::string mermaid_text(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '"': out += "#quot;"; break;
        case '#': out += "#35;"; break;
        case '&': out += "#38;"; break;
        case '(': out += "#40;"; break;
        case ')': out += "#41;"; break;
        case '<': out += "#60;"; break;
        case '>': out += "#62;"; break;
        case '[': out += "#91;"; break;
        case ']': out += "#93;"; break;
        case '`': out += "#96;"; break;
        case '\\': out += "#92;"; break;
        case '{': out += "#123;"; break;
        case '|': out += "#124;"; break;
        case '}': out += "#125;"; break;
        case '\n':
        case '\t': out += ' '; break;
        default:
            if (const std::size_t control = control_length(text, i); control > 0) {
                i += control - 1;  // left out
            } else {
                out += c;
            }
        }
    }
    return out;
}

std::string render_graph_mermaid(const GraphView& view) {
    const Catalog& catalog = view.catalog;
    const RuleDiagram& diagram = view.diagram;
    const GraphLooks looks = graph_looks(view);
    // Node ids: sanitised credential ids, made unique in id order; junctions j1, j2, ...
    std::map<std::uint32_t, std::string> names;
    std::set<std::string> taken;
    for (std::uint32_t index : diagram.credentials) {
        const std::string base = mermaid_id(catalog.credentials[index].id);
        std::string name = base;
        for (int n = 2; taken.count(name); ++n) name = fmt::format("{}_{}", base, n);
        taken.insert(name);
        names[index] = name;
    }
    auto end_id = [&](const RuleDiagram::End& end) {
        return end.junction ? fmt::format("j{}", end.index + 1) : names.at(end.index);
    };
    auto class_suffix = [](const NodeLook& look) {
        const std::string name = look_name(look);
        return name.empty() ? std::string() : ":::" + name;
    };
    std::string out = "flowchart LR\n";
    for (std::size_t i = 0; i < diagram.credentials.size(); ++i) {
        const Credential& c = catalog.credentials[diagram.credentials[i]];
        out += fmt::format("  {}[\"{}<br/>{}\"]{}\n", names.at(diagram.credentials[i]), mermaid_text(c.id),
                           mermaid_text(c.title), class_suffix(looks.of[i]));
    }
    for (std::uint32_t j = 0; j < diagram.junctions.size(); ++j) {
        const Rule& rule = *diagram.junctions[j].rule;
        // Each line of the label escaped, the lines joined by Mermaid's line break.
        std::string label;
        const std::string text = junction_label(catalog, rule);
        for (std::size_t start = 0; start <= text.size();) {
            std::size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            if (start > 0) label += "<br/>";
            label += mermaid_text(text.substr(start, end - start));
            start = end + 1;
        }
        const bool round = rule.kind == RuleKind::All || rule.kind == RuleKind::Any || rule.kind == RuleKind::AtLeast;
        if (round) out += fmt::format("  j{}((\"{}\")):::junction\n", j + 1, label);
        else out += fmt::format("  j{}{{{{\"{}\"}}}}:::junction\n", j + 1, label);
    }
    for (const RuleDiagram::Edge& edge : diagram.edges)
        out += fmt::format("  {} {} {}\n", end_id(edge.from), edge.corequisite ? "-. alongside .->" : "-->",
                           end_id(edge.to));
    // Classes and the legend: every look that is drawn, and a rule junction.
    out += "  classDef junction fill:#eeeeee,stroke:#888888,font-size:10px\n";
    const std::map<std::string, std::string> class_styles{
        {"target", "fill:#fde9c4,stroke:#333333,stroke-width:3px"},
        {"held", "fill:#d9ead3,stroke:#38761d"},
        {"expired", "fill:#f4cccc,stroke:#990000,stroke-dasharray:4 3"},
        {"target_held", "fill:#d9ead3,stroke:#333333,stroke-width:3px"},
        {"target_expired", "fill:#f4cccc,stroke:#333333,stroke-width:3px,stroke-dasharray:4 3"},
    };
    for (const NodeLook& look : looks.used)
        if (const std::string name = look_name(look); !name.empty())
            out += fmt::format("  classDef {} {}\n", name, class_styles.at(name));
    out += "  subgraph legend [Legend]\n";
    for (const NodeLook& look : looks.used) {
        const std::string name = look_name(look);
        out += fmt::format("    legend_{}[\"{}\"]{}\n", name.empty() ? "credential" : name, look_legend(look),
                           class_suffix(look));
    }
    if (!diagram.junctions.empty()) out += "    legend_rule((\"rule\")):::junction\n";
    out += "  end\n";
    return out;
}

}  // namespace credpath
