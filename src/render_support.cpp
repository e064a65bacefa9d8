#include "render_support.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace credpath::render_detail {

ordered_json number(double value) {
    const double rounded = std::round(value);
    if (std::fabs(value - rounded) < 1e-9 && std::fabs(value) < 9e15) return static_cast<long long>(rounded);
    return std::round(value * 1e6) / 1e6;
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
    return width;
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

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
    return out;
}

std::string Table::render(const Style& style) const {
    std::vector<std::size_t> widths(header.size(), 0);
    for (std::size_t c = 0; c < header.size(); ++c) widths[c] = display_width(header[c]);
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t pad = widths[c] - display_width(cells[c]);
            if (c > 0) out += "  ";
            if (right[c]) out += std::string(pad, ' ') + cells[c];
            else out += cells[c] + (c + 1 == cells.size() ? "" : std::string(pad, ' '));
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(header);
    if (style.color) out = fmt::format(fmt::emphasis::bold, "{}", out);
    for (const auto& row : rows) out += line(row);
    return out;
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

std::string paint(const Style& style, fmt::text_style text_style, std::string_view text) {
    return style.color ? fmt::format(text_style, "{}", text) : std::string(text);
}

std::string csv_cell(std::string_view text) {
    std::string cell(text);
    if (!cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos)
        cell.insert(cell.begin(), '\'');
    if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string markdown_cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\n' || c == '\r') {
            out += ' ';
            continue;
        }
        if (std::string_view("\\`*_{}[]<>()#+!|~").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string dot_string(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out += c;
    }
    return out + "\"";
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\t':
        case '\n': out += c; break;
        default: out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
        }
    }
    return out;
}

}  // namespace credpath::render_detail
