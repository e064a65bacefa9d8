// Pieces every printer shares: JSON numbers, terminal tables and the escaping
// of catalog strings for each output format. Private to the render layer.
#pragma once

#include <cstdint>
#include <fmt/color.h>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/load/profile.hpp"
#include "credpath/plan/resolve.hpp"
#include "credpath/model/model.hpp"
#include "credpath/report/style.hpp"

namespace credpath::render_detail {

using nlohmann::ordered_json;

// JSON numbers stay integers when they are whole, as people write them.
ordered_json number(double value);

// Cuts to at most `width` code points, marking the cut with an ellipsis.
std::string clip(std::string_view text, std::size_t width);
// The bytes of the control character at text[at] (C0 or DEL: 1; a C1
// control U+0080..U+009F, in UTF-8 0xC2 0x80..0x9F: 2), 0 when there is none.
std::size_t control_length(std::string_view text, std::size_t at);
// Control characters (C0, DEL and the C1 controls U+0080..U+009F) as spaces,
// but for the single-byte ones in `keep`.
std::string controls_as_spaces(std::string_view text, std::string_view keep = {});
// Control characters from a catalog never reach a terminal as themselves: ESC,
// CR, backspace, tab, newline and the C1 controls all become spaces.
std::string terminal_safe(std::string_view text);
std::string paint(const Style& style, fmt::text_style text_style, std::string_view text);
// A paragraph (one line of prose, no "\n") broken between words to fit
// Style::width, each line indented by `indent` spaces and ending with "\n";
// whole when there is no width.
std::string paragraph(const Style& style, std::string_view text, std::size_t indent = 0);

// A table of aligned columns. Cells are never cut: on a terminal narrower
// than the table (Style::width) the columns named `wrap` (free text such as
// titles and providers) are narrowed, widest first, down to kMinWrapWidth
// (or their longest word), and their cells wrapped onto more lines between
// words; ids and numbers keep their width.
struct Table {
    static constexpr std::size_t kMinWrapWidth = 12;

    std::vector<std::string> header;
    std::vector<bool> right;  // right-aligned columns
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> wraps = {};  // per column, or empty: none wraps
    // Columns (by header) left out, in this order, while the table cannot fit
    // Style::width even with every wrapping column at its narrowest.
    std::vector<std::string> droppable = {};

    void add_column(std::string name, bool right_aligned) {
        header.push_back(std::move(name));
        right.push_back(right_aligned);
    }
    // Lets the columns with these headers wrap.
    void wrap(std::initializer_list<std::string_view> names);
    std::string render(const Style& style) const;
    // The droppable columns render leaves out at this width, in order.
    std::vector<std::string> dropped(const Style& style) const;

private:
    // The width of the table with every wrapping column at its narrowest.
    std::size_t narrowest_width() const;
    Table without(std::string_view column) const;
};

// "(kind, steps left out to fit 80 columns: ...)" after a table render() had
// to narrow so; "" when it left nothing out.
std::string dropped_note(const Table& table, const Style& style);

std::string ids_of(const Catalog& catalog, const std::vector<std::uint32_t>& indices, std::string_view separator);
// The ids of `indices`, in their order, and sorted.
std::vector<std::string> id_list(const Catalog& catalog, const std::vector<std::uint32_t>& indices);
std::vector<std::string> sorted_ids(const Catalog& catalog, const std::vector<std::uint32_t>& indices);
// A JSON document as the printers write it: two-space indent, invalid UTF-8
// replaced, a final newline.
std::string dump(const ordered_json& json);

// A credential's cost and credits as tables show them: converted, with what
// its file wrote beside them when loading converted them (--rates):
// "1,263.00 (1,200 EUR)", "6 (3 US semester credit hours)" (not made
// terminal-safe).
std::string cost_text(const Catalog& catalog, const Credential& credential);
std::string credits_text(const Catalog& catalog, const Credential& credential);
// {"cost", "currency", "credits", "credit_unit"} as the credential's file
// wrote them, the converted ones only; null when nothing was converted.
ordered_json original_json(const Catalog& catalog, const Credential& credential);
// What a converted catalog's numbers are ("Converted with the rates of
// 2026-12-01 (rates.yaml): prices in USD, credits in ECTS"); "" when none was.
std::string conversion_line(const Catalog& catalog);
// {"rates_file", "rates_date", "currency", "credit_unit"}, or null.
ordered_json conversion_json(const Catalog& catalog);

// A credits rule's cap in words: "at most 3 ECTS from a, b" or "at most 6
// ECTS tagged transfer" (not made terminal-safe).
std::string cap_text(const Rule& cap, std::string_view unit);
// A rule in the catalog's own syntax as JSON (render_catalog.cpp).
ordered_json rule_as_json(const Rule& rule);

// "unmatched_badges": [{"id", "name"}] of a wallet's badges that match no
// catalog credential; left out when there are none.
void add_unmatched_badges_json(ordered_json& out, const Holdings& holdings);

// Where each credential held by a badge comes from, one line each (raw text):
// "sql-fnd: badge 'SQL Foundations' from Example College, awarded
// 2026-03-01, w.json:12:7 (JSON); not signed; revocation status not checked".
std::vector<std::string> badge_lines(const Catalog& catalog, const Holdings& holdings);
// Badges read but not held, one line each: "badge 'X' (w.json:3:1): not yet
// valid: valid from 2031-01-01T00:00:00Z".
std::vector<std::string> set_aside_lines(const Holdings& holdings);
// "badges": [{"credential", "achievement", "name", "issuer", "awarded",
// "valid_from", "valid_until", "source", "form", "proof": {"state",
// "detail"}, "status": {"state", "detail"}}] and "set_aside_badges": [{"id",
// "name", "reason", "detail", "source", "credentials"}]; left out when empty.
void add_badges_json(ordered_json& out, const Catalog& catalog, const Holdings& holdings);

// An advisor's exceptions, one line each, sorted by id, as every printer says
// them: "B: waived", "B: met by substitution of A" (raw text: each printer
// escapes it for its output).
std::vector<std::string> exception_lines(const Catalog& catalog, const Holdings& holdings);
// "waived": [ids] and "substituted": [{"id", "by"}], left out when empty.
void add_exceptions_json(ordered_json& out, const Catalog& catalog, const Holdings& holdings);

// Work in progress, one line each: "ID: 60% done; 8 hours and 1.71 weeks
// left, paid" (raw text, as exception_lines).
std::vector<std::string> in_progress_lines(const Catalog& catalog, const std::vector<InProgressStep>& steps);
// "in_progress": [{"id", "done", "hours_left", "weeks_left", "cost_left"}], left out when empty.
void add_in_progress_json(ordered_json& out, const Catalog& catalog, const std::vector<InProgressStep>& steps);
bool in_progress(const Learner& learner, std::uint32_t credential);

// A CSV cell of a string from a catalog, profile or request (never a number
// credpath computed, so that a delta of -100 stays a number): RFC 4180
// quoting (a cell with a comma, quote, CR or LF is quoted, quotes doubled);
// a cell that begins with = + - @, tab or CR, which a spreadsheet would run
// as a formula, gets a leading apostrophe and is quoted (OWASP's guard against
// CSV injection); other control characters become spaces.
std::string csv_cell(std::string_view text);
// Text for a Markdown (GFM) table cell or line: \ ` * _ { } [ ] < > ( ) # + ! | ~ & $
// backslash-escaped (so HTML shows as text, never as markup), a leading "-" or
// "1." too (no list or rule when the text begins a line), newlines, tabs and
// other control characters as spaces.
std::string markdown_cell(std::string_view text);
// A quoted DOT string (every DOT id and label is one): " and \ escaped,
// newlines as \n, other control characters left out.
std::string dot_string(std::string_view text);
// Text for HTML (element content and quoted attributes): & < > " ' escaped,
// control characters other than tab and newline as spaces.
std::string html_escape(std::string_view text);

}  // namespace credpath::render_detail
