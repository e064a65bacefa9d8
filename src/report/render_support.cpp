#include "render_support.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "credpath/report/render.hpp"
#include "credpath/model/rates.hpp"

namespace credpath {

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
    return width;
}

std::vector<std::string> wrap_text(std::string_view text, std::size_t width) {
    width = std::max<std::size_t>(width, 1);
    std::vector<std::string> lines;
    std::string line;
    std::size_t line_width = 0;
    auto flush = [&] {
        lines.push_back(line);
        line.clear();
        line_width = 0;
    };
    std::size_t at = 0;
    while (at < text.size()) {
        if (text[at] == ' ') {
            ++at;
            continue;
        }
        const std::size_t end = std::min(text.find(' ', at), text.size());
        std::string_view word = text.substr(at, end - at);
        at = end;
        std::size_t word_width = display_width(word);
        if (line_width > 0 && line_width + 1 + word_width > width) flush();
        if (line_width > 0) {
            line += ' ';
            ++line_width;
        }
        // A word wider than a line: as much as fits, then the rest on the next.
        while (word_width > width - line_width) {
            std::size_t take = 0, taken = 0;
            while (take < word.size() && taken < width - line_width) {
                ++take;
                while (take < word.size() && (static_cast<unsigned char>(word[take]) & 0xC0) == 0x80) ++take;
                ++taken;
            }
            line += word.substr(0, take);
            word.remove_prefix(take);
            word_width -= taken;
            flush();
        }
        line += word;
        line_width += word_width;
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

}  // namespace credpath

namespace credpath::render_detail {

std::string paragraph(const Style& style, std::string_view text, std::size_t indent) {
    const std::string margin(indent, ' ');
    if (style.width == 0) return margin + std::string(text) + "\n";
    std::string out;
    for (const std::string& line : wrap_text(text, style.width > indent + 20 ? style.width - indent : 20))
        out += margin + line + "\n";
    return out;
}

ordered_json number(double value) {
    const double rounded = std::round(value);
    if (std::fabs(value - rounded) < 1e-9 && std::fabs(value) < 9e15) return static_cast<long long>(rounded);
    return std::round(value * 1e6) / 1e6;
}

std::string clip(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) return std::string(text);
    std::string out;
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80 && ++seen > width - 1) break;
        out += text[i];
    }
    return out + "…";
}

std::size_t control_length(std::string_view text, std::size_t at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x20 || c == 0x7f) return 1;
    // C1 controls U+0080..U+009F, in UTF-8 0xC2 0x80..0x9F: a terminal may
    // take U+009B as CSI, the start of an escape sequence.
    if (c == 0xc2 && at + 1 < text.size()) {
        const auto next = static_cast<unsigned char>(text[at + 1]);
        if (next >= 0x80 && next <= 0x9f) return 2;
    }
    return 0;
}

std::string controls_as_spaces(std::string_view text, std::string_view keep) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = control_length(text, i);
        if (length == 0 || (length == 1 && keep.find(text[i]) != std::string_view::npos)) {
            out += text[i++];
            continue;
        }
        out += ' ';
        i += length;
    }
    return out;
}

std::string terminal_safe(std::string_view text) { return controls_as_spaces(text); }


void Table::wrap(std::initializer_list<std::string_view> names) {
    wraps.resize(header.size(), false);
    for (std::size_t c = 0; c < header.size(); ++c)
        for (std::string_view name : names)
            if (header[c] == name) wraps[c] = true;
}

std::size_t Table::narrowest_width() const {
    std::size_t total = 2 * (header.empty() ? 0 : header.size() - 1);
    for (std::size_t c = 0; c < header.size(); ++c) {
        const bool wraps_column = c < wraps.size() && wraps[c];
        std::size_t width = wraps_column ? std::max(kMinWrapWidth, display_width(header[c])) : display_width(header[c]);
        for (const auto& row : rows) {
            if (c >= row.size()) continue;
            if (!wraps_column) {
                width = std::max(width, display_width(row[c]));
                continue;
            }
            std::string_view cell = row[c];
            for (std::size_t at = 0; at < cell.size();) {
                const std::size_t end = std::min(cell.find(' ', at), cell.size());
                width = std::max(width, display_width(cell.substr(at, end - at)));
                at = end + 1;
            }
        }
        total += width;
    }
    return total;
}

Table Table::without(std::string_view column) const {
    Table out;
    for (std::size_t c = 0; c < header.size(); ++c) {
        if (header[c] == column) continue;
        out.header.push_back(header[c]);
        out.right.push_back(c < right.size() && right[c]);
        out.wraps.push_back(c < wraps.size() && wraps[c]);
    }
    for (const auto& row : rows) {
        std::vector<std::string> kept;
        for (std::size_t c = 0; c < row.size(); ++c)
            if (c >= header.size() || header[c] != column) kept.push_back(row[c]);
        out.rows.push_back(std::move(kept));
    }
    return out;
}

std::vector<std::string> Table::dropped(const Style& style) const {
    std::vector<std::string> out;
    if (style.width == 0) return out;
    Table narrower = *this;
    for (const std::string& column : droppable) {
        if (narrower.narrowest_width() <= style.width) break;
        if (std::find(narrower.header.begin(), narrower.header.end(), column) == narrower.header.end()) continue;
        narrower = narrower.without(column);
        out.push_back(column);
    }
    return out;
}

std::string dropped_note(const Table& table, const Style& style) {
    const std::vector<std::string> left_out = table.dropped(style);
    if (left_out.empty()) return {};
    return paragraph(style, fmt::format("({} left out to fit {} columns: a wider terminal or --width shows {})",
                                        fmt::join(left_out, ", "), style.width,
                                        left_out.size() == 1 ? "it" : "them"));
}

std::string Table::render(const Style& style) const {
    if (const std::vector<std::string> left_out = dropped(style); !left_out.empty()) {
        Table narrower = *this;
        for (const std::string& column : left_out) narrower = narrower.without(column);
        return narrower.render(style);
    }
    std::vector<std::size_t> widths(header.size(), 0);
    for (std::size_t c = 0; c < header.size(); ++c) widths[c] = display_width(header[c]);
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
    const auto wraps_column = [&](std::size_t c) { return c < wraps.size() && wraps[c]; };
    // Narrower than the terminal: the widest wrapping column gives up a
    // character at a time.
    if (style.width > 0) {
        std::size_t total = 2 * (widths.empty() ? 0 : widths.size() - 1);
        for (std::size_t w : widths) total += w;
        // A wrapping column never narrows below its header or its longest
        // word, so that no word (an id in a list) is broken.
        std::vector<std::size_t> narrowest(widths.size(), 0);
        if (total > style.width)
            for (std::size_t c = 0; c < widths.size(); ++c) {
                if (!wraps_column(c)) continue;
                narrowest[c] = std::max(kMinWrapWidth, display_width(header[c]));
                for (const auto& row : rows) {
                    if (c >= row.size()) continue;
                    std::string_view cell = row[c];
                    for (std::size_t at = 0; at < cell.size();) {
                        const std::size_t end = std::min(cell.find(' ', at), cell.size());
                        narrowest[c] = std::max(narrowest[c], display_width(cell.substr(at, end - at)));
                        at = end + 1;
                    }
                }
            }
        while (total > style.width) {
            std::size_t widest = widths.size();
            for (std::size_t c = 0; c < widths.size(); ++c)
                if (wraps_column(c) && widths[c] > narrowest[c] &&
                    (widest == widths.size() || widths[c] > widths[widest]))
                    widest = c;
            if (widest == widths.size()) break;
            --widths[widest];
            --total;
        }
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t pad = widths[c] - std::min(widths[c], display_width(cells[c]));
            if (c > 0) out += "  ";
            if (right[c]) out += std::string(pad, ' ') + cells[c];
            else out += cells[c] + (c + 1 == cells.size() ? "" : std::string(pad, ' '));
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    // A row over as many lines as its tallest wrapped cell.
    auto row_lines = [&](const std::vector<std::string>& cells) {
        std::vector<std::vector<std::string>> parts(cells.size());
        std::size_t height = 1;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            parts[c] = wraps_column(c) && display_width(cells[c]) > widths[c] ? wrap_text(cells[c], widths[c])
                                                                             : std::vector<std::string>{cells[c]};
            height = std::max(height, parts[c].size());
        }
        std::string out;
        for (std::size_t i = 0; i < height; ++i) {
            std::vector<std::string> shown(cells.size());
            for (std::size_t c = 0; c < cells.size(); ++c)
                if (i < parts[c].size()) shown[c] = parts[c][i];
            out += line(shown);
        }
        return out;
    };
    std::string out = row_lines(header);
    if (style.color) out = fmt::format(fmt::emphasis::bold, "{}", out);
    for (const auto& row : rows) out += row_lines(row);
    return out;
}

std::vector<std::string> id_list(const Catalog& catalog, const std::vector<std::uint32_t>& indices) {
    std::vector<std::string> ids;
    ids.reserve(indices.size());
    for (std::uint32_t index : indices) ids.push_back(catalog.credentials[index].id);
    return ids;
}

std::vector<std::string> sorted_ids(const Catalog& catalog, const std::vector<std::uint32_t>& indices) {
    std::vector<std::string> ids = id_list(catalog, indices);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::string dump(const ordered_json& json) {
    return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string ids_of(const Catalog& catalog, const std::vector<std::uint32_t>& indices, std::string_view separator) {
    std::vector<std::string_view> ids;
    for (std::uint32_t index : indices) ids.push_back(catalog.credentials[index].id);
    return fmt::format("{}", fmt::join(ids, separator));
}

void add_unmatched_badges_json(ordered_json& out, const Holdings& holdings) {
    if (holdings.unmatched_badges.empty()) return;
    ordered_json badges = ordered_json::array();
    for (const UnmatchedBadge& badge : holdings.unmatched_badges)
        badges.push_back({{"id", badge.id}, {"name", badge.name}});
    out["unmatched_badges"] = std::move(badges);
}

std::vector<std::string> badge_lines(const Catalog& catalog, const Holdings& holdings) {
    std::vector<std::string> lines;
    for (const BadgeHolding& holding : holdings.badges) {
        const Badge& badge = *holding.award.badge;
        std::string line = fmt::format("{}: badge '{}'", catalog.credentials[holding.credential].id,
                                       badge.name.empty() ? holding.award.id : badge.name);
        if (!badge.issuer.empty()) line += fmt::format(" from {}", badge.issuer);
        if (holding.award.earned) line += fmt::format(", awarded {}", to_string(*holding.award.earned));
        line += fmt::format(", {} ({})", holding.award.origin, badge.form);
        line += "; " + (badge.proof == ProofState::None ? std::string("not signed") : badge.proof_detail);
        if (badge.status != StatusState::None) line += "; " + badge.status_detail;
        lines.push_back(std::move(line));
    }
    return lines;
}

std::vector<std::string> set_aside_lines(const Holdings& holdings) {
    std::vector<std::string> lines;
    for (const SetAsideBadge& badge : holdings.set_aside)
        lines.push_back(
            fmt::format("badge '{}' ({}): {}", badge.name.empty() ? badge.id : badge.name, badge.origin, badge.detail));
    return lines;
}

void add_badges_json(ordered_json& out, const Catalog& catalog, const Holdings& holdings) {
    if (!holdings.badges.empty()) {
        ordered_json badges = ordered_json::array();
        for (const BadgeHolding& holding : holdings.badges) {
            const Badge& badge = *holding.award.badge;
            ordered_json item;
            item["credential"] = catalog.credentials[holding.credential].id;
            item["achievement"] = holding.award.id;
            item["name"] = badge.name;
            item["issuer"] = badge.issuer;
            if (holding.award.earned) item["awarded"] = to_string(*holding.award.earned);
            if (badge.valid_from) item["valid_from"] = to_string(*badge.valid_from);
            if (badge.valid_until) item["valid_until"] = to_string(*badge.valid_until);
            item["source"] = holding.award.origin;
            item["form"] = badge.form;
            item["proof"] = {{"state", name_in(kProofStates, badge.proof)}, {"detail", badge.proof_detail}};
            item["status"] = {{"state", name_in(kStatusStates, badge.status)}, {"detail", badge.status_detail}};
            badges.push_back(std::move(item));
        }
        out["badges"] = std::move(badges);
    }
    if (!holdings.set_aside.empty()) {
        ordered_json set_aside = ordered_json::array();
        for (const SetAsideBadge& badge : holdings.set_aside) {
            std::vector<std::string> ids;
            for (std::uint32_t credential : badge.credentials) ids.push_back(catalog.credentials[credential].id);
            set_aside.push_back({{"id", badge.id},
                                 {"name", badge.name},
                                 {"reason", name_in(kSetAsideReasons, badge.reason)},
                                 {"detail", badge.detail},
                                 {"source", badge.origin},
                                 {"credentials", ids}});
        }
        out["set_aside_badges"] = std::move(set_aside);
    }
}

std::string paint(const Style& style, fmt::text_style text_style, std::string_view text) {
    return style.color ? fmt::format(text_style, "{}", text) : std::string(text);
}

std::string csv_cell(std::string_view text) {
    // Tab, CR and LF are data a cell may hold (quoted); other controls are not.
    std::string cell = controls_as_spaces(text, "\t\r\n");
    // OWASP's CSV injection guard: a cell a spreadsheet would read as a
    // formula (or as the start of one) is made text with a leading apostrophe,
    // and quoted.
    const bool formula = !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
    if (formula) cell.insert(cell.begin(), '\'');
    if (!formula && cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string markdown_cell(std::string_view text) {
    const std::string plain = controls_as_spaces(text);  // newlines and tabs included
    std::string out;
    out.reserve(plain.size());
    // What would start a block if the cell began a line (a list item "- x",
    // "1. x", a thematic break "---") is escaped too. Inside a table or after
    // other text the backslash is harmless: it shows the character as written.
    std::size_t digits = 0;
    while (digits < plain.size() && plain[digits] >= '0' && plain[digits] <= '9') ++digits;
    const bool ordered = digits > 0 && digits <= 9 && digits < plain.size() && plain[digits] == '.' &&
                         (digits + 1 == plain.size() || plain[digits + 1] == ' ');
    const std::size_t marker = ordered ? digits : std::string::npos;
    for (std::size_t i = 0; i < plain.size(); ++i) {
        const char c = plain[i];
        if (std::string_view("\\`*_{}[]<>()#+!|~&$").find(c) != std::string_view::npos || (i == 0 && c == '-') ||
            i == marker)
            out += '\\';
        out += c;
    }
    return out;
}

std::string dot_string(std::string_view text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '\n') {
            out += "\\n";
            ++i;
        } else if (const std::size_t control = control_length(text, i); control > 0) {
            i += control;
        } else {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
            ++i;
        }
    }
    return out + "\"";
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\t':
        case '\n': out += c; break;
        default:
            if (const std::size_t control = control_length(text, i); control > 0) {
                out += ' ';
                i += control;
                continue;
            }
            out += c;
        }
        ++i;
    }
    return out;
}

std::vector<std::string> exception_lines(const Catalog& catalog, const Holdings& holdings) {
    std::vector<std::pair<std::string, std::string>> lines;  // (id, line)
    for (std::uint32_t w : holdings.waived) {
        const std::string& id = catalog.credentials[w].id;
        lines.emplace_back(id, id + ": waived");
    }
    for (const SubstitutedCredential& s : holdings.substituted) {
        const std::string& id = catalog.credentials[s.credential].id;
        lines.emplace_back(id, id + ": met by substitution of " + catalog.credentials[s.by].id);
    }
    std::sort(lines.begin(), lines.end());
    std::vector<std::string> out;
    for (auto& [id, line] : lines) out.push_back(std::move(line));
    return out;
}

void add_exceptions_json(ordered_json& out, const Catalog& catalog, const Holdings& holdings) {
    if (!holdings.waived.empty()) out["waived"] = sorted_ids(catalog, holdings.waived);
    if (holdings.substituted.empty()) return;
    std::vector<std::pair<std::string, std::string>> pairs;  // (id, by), sorted by id
    for (const SubstitutedCredential& s : holdings.substituted)
        pairs.emplace_back(catalog.credentials[s.credential].id, catalog.credentials[s.by].id);
    std::sort(pairs.begin(), pairs.end());
    ordered_json substituted = ordered_json::array();
    for (const auto& [id, by] : pairs) substituted.push_back({{"id", id}, {"by", by}});
    out["substituted"] = std::move(substituted);
}

std::vector<std::string> in_progress_lines(const Catalog& catalog, const std::vector<InProgressStep>& steps) {
    std::vector<std::string> out;
    for (const InProgressStep& step : steps) {
        const Credential& c = catalog.credentials[step.credential];
        out.push_back(fmt::format("{}: {}% done; {} and {} left, {}", c.id,
                                  format_number(std::round(step.done * 1000) / 10), plural(step.hours_left, "hour", "hours"),
                                  plural(step.weeks_left, "week", "weeks"),
                                  step.paid ? std::string("paid")
                                            : fmt::format("{} {} to pay", format_money(step.cost_left), catalog.currency)));
    }
    return out;
}

void add_in_progress_json(ordered_json& out, const Catalog& catalog, const std::vector<InProgressStep>& steps) {
    if (steps.empty()) return;
    ordered_json list = ordered_json::array();
    for (const InProgressStep& step : steps)
        list.push_back({{"id", catalog.credentials[step.credential].id},
                        {"done", number(step.done)},
                        {"hours_left", number(step.hours_left)},
                        {"weeks_left", number(step.weeks_left)},
                        {"cost_left", number(step.cost_left)},
                        {"paid", step.paid}});
    out["in_progress"] = std::move(list);
}

bool in_progress(const Learner& learner, std::uint32_t credential) {
    return std::any_of(learner.in_progress.begin(), learner.in_progress.end(),
                       [&](const InProgressStep& step) { return step.credential == credential; });
}

std::string cap_text(const Rule& cap, std::string_view unit) {
    return fmt::format("at most {} {} {} {}", format_count(cap.credits), unit,
                       cap.kind == RuleKind::CreditsTagged ? "tagged" : "from", fmt::join(cap.names, ", "));
}

std::string cost_text(const Catalog& catalog, const Credential& credential) {
    std::string text = format_money(credential.cost);
    if (auto written = written_terms(catalog, credential); written && !written->currency.empty())
        text += fmt::format(" ({} {})", format_money(written->cost), written->currency);
    return text;
}

std::string credits_text(const Catalog& catalog, const Credential& credential) {
    std::string text = format_count(credential.credits);
    if (auto written = written_terms(catalog, credential); written && !written->credit_unit.empty())
        text += fmt::format(" ({} {})", format_count(written->credits), written->credit_unit);
    return text;
}

ordered_json original_json(const Catalog& catalog, const Credential& credential) {
    auto written = written_terms(catalog, credential);
    if (!written) return nullptr;
    ordered_json out = ordered_json::object();
    if (!written->currency.empty()) {
        out["cost"] = number(written->cost);
        out["currency"] = written->currency;
    }
    if (!written->credit_unit.empty()) {
        out["credits"] = number(written->credits);
        out["credit_unit"] = written->credit_unit;
    }
    return out;
}

std::string conversion_line(const Catalog& catalog) {
    if (!catalog.conversion) return {};
    bool money = false, credits = false;
    for (const FileTerms& terms : catalog.conversion->files) {
        money = money || !terms.currency.empty();
        credits = credits || !terms.credit_unit.empty();
    }
    std::vector<std::string> parts;
    if (money) parts.push_back(fmt::format("prices in {}", catalog.currency));
    if (credits) parts.push_back(fmt::format("credits in {}", catalog.credit_unit));
    return fmt::format("Converted with the rates of {} ({}): {}; converted steps show their own beside them",
                       catalog.conversion->rates_date.empty() ? "no date" : catalog.conversion->rates_date,
                       catalog.conversion->rates_file, fmt::join(parts, ", "));
}

ordered_json conversion_json(const Catalog& catalog) {
    if (!catalog.conversion) return nullptr;
    ordered_json out = {{"rates_file", catalog.conversion->rates_file}};
    if (!catalog.conversion->rates_date.empty()) out["rates_date"] = catalog.conversion->rates_date;
    out["currency"] = catalog.currency;
    out["credit_unit"] = catalog.credit_unit;
    return out;
}

}  // namespace credpath::render_detail
