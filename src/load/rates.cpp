#include "credpath/load/rates.hpp"

#include <fmt/format.h>
#include <set>

#include "converter.hpp"
#include "credpath/model/date.hpp"
#include "loader_support.hpp"
#include "yaml_reader.hpp"

namespace credpath {

using yaml::Node;

namespace {
constexpr std::string_view rates_format = "credpath-rates/1";
const std::vector<std::string_view> top_keys{"format", "currencies", "credit_units"};
const std::vector<std::string_view> currency_keys{"date", "base", "rates"};
const std::vector<std::string_view> factor_keys{"from", "to", "factor"};

std::optional<Ratio> read_ratio(Reporter& reporter, const Node& node, std::string_view what) {
    auto text = reporter.string(0, node);
    if (!text) return std::nullopt;
    auto ratio = parse_ratio(*text);
    if (!ratio)
        reporter.error(reporter.loc(0, node), "bad-value",
                       fmt::format("{} is '{}'; it is a number above 0 such as 1.0525, or a fraction such as 2/3",
                                   what, printable(*text)));
    return ratio;
}

std::optional<std::string> read_code(Reporter& reporter, const Node& node) {
    auto code = reporter.string(0, node);
    if (code && !valid_currency(*code)) {
        reporter.error(reporter.loc(0, node), "bad-value",
                       fmt::format("currency '{}' is not an ISO 4217 code such as USD or EUR", printable(*code)));
        return std::nullopt;
    }
    return code;
}

void read_currencies(Reporter& reporter, const Node& block, Rates& rates) {
    if (!block.is_map()) {
        reporter.error(reporter.loc(0, block), "type",
                       fmt::format("`currencies` is a mapping with date, base and rates; found {}",
                                   yaml::type_name(block)));
        return;
    }
    check_keys(reporter, 0, block, currency_keys);
    if (const Node* date = find_key(block, "date")) {
        if (auto text = reporter.string(0, *date)) {
            if (parse_date(*text))
                rates.date = *text;
            else
                reporter.error(reporter.loc(0, *date), "bad-date",
                               fmt::format("date '{}' {}", printable(*text), date_problem(*text)));
        }
    } else {
        reporter.error(reporter.loc(0, block), "missing-key",
                       "`currencies` needs the `date` its rates were taken, such as date: 2026-12-01");
    }
    if (const Node* base = find_key(block, "base")) {
        if (auto code = read_code(reporter, *base)) rates.base = *code;
    } else {
        reporter.error(reporter.loc(0, block), "missing-key",
                       "`currencies` needs the `base` its rates are given against, such as base: EUR");
    }
    const Node* list = find_key(block, "rates");
    if (!list) {
        reporter.error(reporter.loc(0, block), "missing-key",
                       "`currencies` needs `rates`, what one of the base buys, such as rates: {USD: 1.0525}");
        return;
    }
    if (!list->is_map()) {
        reporter.error(reporter.loc(0, *list), "type",
                       fmt::format("`rates` is a mapping such as {{USD: 1.0525, GBP: 0.8301}}; found {}",
                                   yaml::type_name(*list)));
        return;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list->map_size(); ++i) {
        auto code = read_code(reporter, list->key(i));
        if (!code) continue;
        if (!seen.insert(*code).second || *code == rates.base) {
            reporter.error(reporter.loc(0, list->key(i)), "duplicate",
                           *code == rates.base ? fmt::format("{} is the base: its rate is 1", *code)
                                               : fmt::format("{} has a rate already", *code));
            continue;
        }
        if (auto ratio = read_ratio(reporter, list->value(i), fmt::format("the rate of {}", *code)))
            rates.currencies.push_back({*code, *ratio, reporter.loc(0, list->key(i))});
    }
}

void read_units(Reporter& reporter, const Node& list, Rates& rates) {
    if (!list.is_sequence()) {
        reporter.error(reporter.loc(0, list), "type",
                       fmt::format("`credit_units` is a list such as [{{from: CEU, to: contact hours, factor: 10}}]; "
                                   "found {}",
                                   yaml::type_name(list)));
        return;
    }
    for (const Node& item : list.children) {
        if (!item.is_map()) {
            reporter.error(reporter.loc(0, item), "type",
                           fmt::format("a credit unit factor is a mapping such as {{from: CEU, to: contact hours, "
                                       "factor: 10}}; found {}",
                                       yaml::type_name(item)));
            continue;
        }
        check_keys(reporter, 0, item, factor_keys);
        UnitFactor factor;
        factor.loc = reporter.loc(0, item);
        bool ok = true;
        for (auto [key, out] : {std::pair{"from", &factor.from}, std::pair{"to", &factor.to}}) {
            const Node* node = find_key(item, key);
            std::optional<std::string> name = node ? reporter.string(0, *node) : std::nullopt;
            if (!node)
                reporter.error(factor.loc, "missing-key",
                               fmt::format("a credit unit factor needs `{}`, a unit's name as catalogs write it", key));
            if (name && unit_key(*name).empty()) {
                reporter.error(reporter.loc(0, *node), "bad-value", fmt::format("`{}` is empty", key));
                name.reset();
            }
            if (name) *out = *name;
            ok = ok && name.has_value();
        }
        const Node* value = find_key(item, "factor");
        std::optional<Ratio> ratio = value ? read_ratio(reporter, *value, "factor") : std::nullopt;
        if (!value)
            reporter.error(factor.loc, "missing-key",
                           "a credit unit factor needs `factor`: how many `to` one `from` counts as");
        if (!ok || !ratio) continue;
        if (same_unit(factor.from, factor.to)) {
            reporter.error(factor.loc, "bad-value",
                           fmt::format("a factor from '{}' to itself says nothing", printable(factor.from)));
            continue;
        }
        factor.factor = *ratio;
        rates.units.push_back(std::move(factor));
    }
}

Rates read_rates(std::string_view bytes, const std::string& name) {
    Rates rates;
    rates.file = name;
    std::vector<std::string> files{name};
    std::vector<Diagnostic> diagnostics;
    Reporter reporter{files, diagnostics};
    yaml::ReadResult read;
    if (const Node* document = read_document(reporter, read, bytes,
                                             {"rates file", rates_format, "format, currencies and credit_units"},
                                             top_keys)) {
        const Node& root = *document;
        const Node* currencies = find_key(root, "currencies");
        const Node* units = find_key(root, "credit_units");
        if (currencies) read_currencies(reporter, *currencies, rates);
        if (units) read_units(reporter, *units, rates);
        if (!currencies && !units)
            reporter.error(SourceLoc{0, 1, 1}, "missing-key",
                           "a rates file gives `currencies`, `credit_units` or both");
        const Converter converter(rates);
        for (const Converter::Conflict& conflict : converter.conflicts())
            reporter.error(conflict.loc, "conflict", conflict.message);
    }
    if (count_errors(diagnostics) > 0) {
        sort_diagnostics(diagnostics);
        throw InputError{fmt::format("invalid rates file {}", name), std::move(diagnostics)};
    }
    return rates;
}
}  // namespace

Rates load_rates(const std::string& path, std::uint64_t max_bytes) {
    return read_rates(read_whole_file(path, max_bytes), path);
}

Rates load_rates_text(std::string_view text, std::string name) { return read_rates(text, name); }

}  // namespace credpath
