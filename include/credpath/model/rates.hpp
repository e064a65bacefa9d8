// Conversion tables between currencies and between credit units (a rates
// file, `--rates`), and what a command asks of them. Plain values: the exact
// arithmetic lives in the loader, which converts a catalog as it reads it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/model/model.hpp"

namespace credpath {

// An exact factor: a ratio of two whole numbers, both above 0, as a rates
// file writes it ("1.0525" is 10525/10000, "2/3" is 2/3).
struct Ratio {
    std::int64_t numerator = 1;
    std::int64_t denominator = 1;
    bool operator==(const Ratio&) const = default;
};

// A decimal ("12", "1.0525") or a fraction of whole numbers ("2/3") above 0,
// with at most 18 digits on each side of the slash; nullopt otherwise.
std::optional<Ratio> parse_ratio(std::string_view text);
std::string to_string(const Ratio& ratio);

// 1 of the table's base currency buys `per_base` of `code`.
struct CurrencyRate {
    std::string code;
    Ratio per_base;
    SourceLoc loc;
};

// 1 `from` counts as `factor` `to` (1 US semester credit hour = 2 ECTS).
struct UnitFactor {
    std::string from;
    std::string to;
    Ratio factor;
    SourceLoc loc;
};

struct Rates {
    std::string file;  // where the table was read
    std::string date;  // YYYY-MM-DD: the day the currency rates were taken
    std::string base;  // the currency the rates are given against
    std::vector<CurrencyRate> currencies;
    std::vector<UnitFactor> units;
};

// What a command asks of its catalog's money and credits: the table that
// converts between the files' currencies and units (`--rates`), and the ones
// to show (`--currency`, `--credit-unit`; "" = the first file's).
struct Conversion {
    std::optional<Rates> rates;
    std::string currency;
    std::string credit_unit;
    bool asked() const { return rates.has_value() || !currency.empty() || !credit_unit.empty(); }
};

// Two credit units are one when their names differ only in case and spacing
// ("ECTS" and "ects", "US  semester credit hours").
std::string unit_key(std::string_view name);
bool same_unit(std::string_view a, std::string_view b);

// A credential's cost and credits as its file wrote them, when loading
// converted either (Catalog::conversion); nullopt when neither changed.
struct WrittenTerms {
    double cost = 0;
    std::string currency;  // "" when the cost was not converted
    double credits = 0;
    std::string credit_unit;  // "" when the credits were not converted
};
std::optional<WrittenTerms> written_terms(const Catalog& catalog, const Credential& credential);

// Money converted to cents and credits to hundredths, each rounded once,
// half away from zero.
inline constexpr int kMoneyDecimals = 2;
inline constexpr int kCreditDecimals = 2;

}  // namespace credpath
