#include "credpath/load/catalog_writer.hpp"

#include <fmt/format.h>
#include <yaml-cpp/emitter.h>
#include <yaml-cpp/emittermanip.h>

namespace credpath {

namespace {

// The shortest text that reads back as the same double ("4485", "0.1").
std::string number_text(double value) { return fmt::format("{}", value); }

std::string duration_text(const Duration& duration) { return fmt::format("{}{}", duration.count, duration.unit); }

void emit_list(YAML::Emitter& out, const std::vector<std::string>& items, bool flow) {
    if (flow) out << YAML::Flow;
    out << YAML::BeginSeq;
    for (const std::string& item : items) out << item;
    out << YAML::EndSeq;
}

void emit_rule(YAML::Emitter& out, const Rule& rule) {
    switch (rule.kind) {
    case RuleKind::Ref: out << rule.ref; return;
    case RuleKind::All:
    case RuleKind::Any:
        out << YAML::BeginMap << YAML::Key << (rule.kind == RuleKind::All ? "all" : "any") << YAML::Value
            << YAML::BeginSeq;
        for (const Rule& child : rule.children) emit_rule(out, child);
        out << YAML::EndSeq << YAML::EndMap;
        return;
    case RuleKind::AtLeast:
        out << YAML::BeginMap << YAML::Key << "at_least" << YAML::Value << rule.at_least << YAML::Key << "of"
            << YAML::Value << YAML::BeginSeq;
        for (const Rule& child : rule.children) emit_rule(out, child);
        out << YAML::EndSeq << YAML::EndMap;
        return;
    case RuleKind::CreditsFrom:
    case RuleKind::CreditsTagged:
        out << YAML::BeginMap << YAML::Key << "credits" << YAML::Value << number_text(rule.credits);
        out << YAML::Key << (rule.kind == RuleKind::CreditsFrom ? "from" : "tagged") << YAML::Value;
        emit_list(out, rule.names, true);
        if (!rule.caps.empty()) {
            out << YAML::Key << "cap" << YAML::Value << YAML::BeginSeq;
            for (const Rule& cap : rule.caps) emit_rule(out, cap);
            out << YAML::EndSeq;
        }
        out << YAML::EndMap;
        return;
    case RuleKind::Skills:
        out << YAML::BeginMap << YAML::Key << "skills" << YAML::Value;
        emit_list(out, rule.names, true);
        out << YAML::EndMap;
        return;
    }
}

void emit_text(YAML::Emitter& out, const char* key, const std::string& value) {
    if (!value.empty()) out << YAML::Key << key << YAML::Value << value;
}

void emit_number(YAML::Emitter& out, const char* key, double value) {
    if (value != 0) out << YAML::Key << key << YAML::Value << number_text(value);
}

void emit_credential(YAML::Emitter& out, const Credential& c) {
    out << YAML::BeginMap;
    out << YAML::Key << "id" << YAML::Value << c.id;
    out << YAML::Key << "title" << YAML::Value << c.title;
    out << YAML::Key << "kind" << YAML::Value << std::string(to_string(c.kind));
    emit_text(out, "provider", c.provider);
    if (c.external) out << YAML::Key << "external" << YAML::Value << "true";
    emit_number(out, "cost", c.cost);
    emit_number(out, "hours", c.hours);
    emit_number(out, "weeks", c.weeks);
    emit_number(out, "credits", c.credits);
    if (c.level) out << YAML::Key << "level" << YAML::Value << *c.level;
    if (!c.tags.empty()) {
        out << YAML::Key << "tags" << YAML::Value;
        emit_list(out, c.tags, true);
    }
    if (!c.skills.empty()) {
        out << YAML::Key << "skills" << YAML::Value;
        emit_list(out, c.skills, true);
    }
    emit_text(out, "modality", c.modality);
    emit_text(out, "assessment", c.assessment);
    emit_text(out, "country", c.country);
    emit_text(out, "language", c.language);
    if (!c.outcomes.empty()) {
        out << YAML::Key << "outcomes" << YAML::Value;
        emit_list(out, c.outcomes, false);
    }
    emit_text(out, "quality_assurance", c.quality_assurance);
    if (c.valid_for) out << YAML::Key << "valid_for" << YAML::Value << duration_text(*c.valid_for);
    if (c.renewal) {
        out << YAML::Key << "renewal" << YAML::Value << YAML::Flow << YAML::BeginMap;
        out << YAML::Key << "cost" << YAML::Value << number_text(c.renewal->cost);
        out << YAML::Key << "hours" << YAML::Value << number_text(c.renewal->hours);
        out << YAML::Key << "weeks" << YAML::Value << number_text(c.renewal->weeks);
        out << YAML::EndMap;
    }
    if (c.starts) {
        out << YAML::Key << "starts" << YAML::Value;
        if (c.starts->every) {
            out << YAML::Flow << YAML::BeginMap;
            out << YAML::Key << "every" << YAML::Value << duration_text(*c.starts->every);
            out << YAML::Key << "from" << YAML::Value << to_string(c.starts->from);
            if (c.starts->until) out << YAML::Key << "until" << YAML::Value << to_string(*c.starts->until);
            out << YAML::EndMap;
        } else {
            std::vector<std::string> dates;
            for (const Date& day : c.starts->dates) dates.push_back(to_string(day));
            emit_list(out, dates, true);
        }
    }
    emit_text(out, "url", c.url);
    if (!c.same_as.empty()) {
        out << YAML::Key << "same_as" << YAML::Value;
        emit_list(out, c.same_as, false);
    }
    emit_text(out, "description", c.description);
    if (!c.also_required.empty()) {
        out << YAML::Key << "also_required" << YAML::Value;
        emit_list(out, c.also_required, false);
    }
    if (c.rule) {
        out << YAML::Key << "requires" << YAML::Value;
        emit_rule(out, *c.rule);
    }
    if (c.corequisite) {
        out << YAML::Key << "corequires" << YAML::Value;
        emit_rule(out, *c.corequisite);
    }
    if (!c.excludes.empty()) {
        out << YAML::Key << "excludes" << YAML::Value;
        emit_list(out, c.excludes, true);
    }
    if (!c.overlap.empty()) {
        out << YAML::Key << "overlap" << YAML::Value << YAML::BeginSeq;
        for (const OverlapLimit& limit : c.overlap)
            out << YAML::Flow << YAML::BeginMap << YAML::Key << "with" << YAML::Value << limit.with << YAML::Key
                << "at_most" << YAML::Value << limit.at_most << YAML::EndMap;
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
}

}  // namespace

std::string catalog_to_yaml(const Catalog& catalog, const std::vector<std::string>& header,
                            const std::vector<std::string>& comments) {
    std::string text;
    for (const std::string& line : header) text += "# " + line + "\n";
    if (!header.empty()) text += "\n";
    YAML::Emitter head;
    head.SetIndent(2);
    head << YAML::BeginMap;
    head << YAML::Key << "format" << YAML::Value << "credpath/1";
    head << YAML::Key << "catalog" << YAML::Value << YAML::BeginMap;
    emit_text(head, "name", catalog.name);
    head << YAML::Key << "currency" << YAML::Value << catalog.currency;
    head << YAML::Key << "credit_unit" << YAML::Value << catalog.credit_unit;
    head << YAML::EndMap << YAML::EndMap;
    text += head.c_str();
    text += catalog.credentials.empty() ? "\ncredentials: []\n" : "\ncredentials:\n";
    // One emitter per credential, so that its comment stands on its own line
    // above it (an emitter puts a comment after the token before it).
    for (std::size_t i = 0; i < catalog.credentials.size(); ++i) {
        if (i > 0) text += "\n";
        if (i < comments.size() && !comments[i].empty()) text += "  # " + comments[i] + "\n";
        YAML::Emitter item;
        item.SetIndent(2);
        item << YAML::BeginSeq;
        emit_credential(item, catalog.credentials[i]);
        item << YAML::EndSeq;
        const std::string block = item.c_str();
        // Indented under `credentials:`.
        std::size_t at = 0;
        while (at < block.size()) {
            std::size_t end = block.find('\n', at);
            if (end == std::string::npos) end = block.size();
            text += "  ";
            text.append(block, at, end - at);
            text += "\n";
            at = end + 1;
        }
    }
    return text;
}

}  // namespace credpath
