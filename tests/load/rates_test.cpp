#include <doctest/doctest.h>

#include "converter.hpp"
#include "credpath/load/loader.hpp"
#include "credpath/load/rates.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {
const char* kRates = R"(format: credpath-rates/1
currencies:
  date: 2026-12-01
  base: EUR
  rates:
    USD: 1.0525
    GBP: 0.8301
credit_units:
  - {from: US semester credit hours, to: ECTS, factor: 2}
  - {from: US quarter credit hours, to: US semester credit hours, factor: 2/3}
  - {from: CEU, to: contact hours, factor: 10}
)";

std::string rates_error(const std::string& text) {
    try {
        load_rates_text(text, "r.yaml");
    } catch (const InputError& error) {
        std::string out = error.message;
        for (const Diagnostic& d : error.diagnostics) out += "\n" + format_diagnostic(d);
        return out;
    }
    return "no error";
}

std::string file(std::string_view currency, std::string_view unit, std::string_view credentials) {
    std::string out = "format: credpath/1\n";
    if (!currency.empty() || !unit.empty()) out += "catalog:\n";
    if (!currency.empty()) out += "  currency: " + std::string(currency) + "\n";
    if (!unit.empty()) out += "  credit_unit: " + std::string(unit) + "\n";
    return out + "credentials:\n" + std::string(credentials);
}

std::string messages(const LoadResult& result) {
    std::string out;
    for (const Diagnostic& d : result.diagnostics) out += format_diagnostic(d) + "\n";
    return out;
}
}  // namespace

TEST_CASE("a rates file gives dated currency rates and credit-unit factors") {
    const Rates rates = load_rates_text(kRates, "r.yaml");
    CHECK(rates.file == "r.yaml");
    CHECK(rates.date == "2026-12-01");
    CHECK(rates.base == "EUR");
    REQUIRE(rates.currencies.size() == 2);
    CHECK(rates.currencies[0].code == "USD");
    CHECK(rates.currencies[0].per_base == Ratio{10525, 10000});
    CHECK(rates.currencies[0].loc.line == 6);
    REQUIRE(rates.units.size() == 3);
    CHECK(rates.units[1].factor == Ratio{2, 3});
}

TEST_CASE("conversions are exact, then rounded once, half away from zero") {
    const Converter convert(load_rates_text(kRates));
    CHECK(convert.conflicts().empty());
    CHECK(convert.has_currency("EUR"));
    CHECK_FALSE(convert.has_currency("JPY"));
    CHECK(convert.money(950, "EUR", "USD") == 999.88);  // 999.875
    CHECK(convert.money(1052.5, "USD", "EUR") == 1000);
    // USD -> GBP through the base: 100 * 0.8301 / 1.0525 = 78.8693...
    CHECK(convert.money(100, "USD", "GBP") == 78.87);
    CHECK(convert.money(0.1, "EUR", "EUR") == 0.1);
    CHECK(convert.currency_factor("EUR", "USD") == "1.0525");
    // Units through a chain, either way round.
    CHECK(convert.links_units("US quarter credit hours", "ECTS"));
    CHECK(convert.links_units("ects", "ECTS"));
    CHECK_FALSE(convert.links_units("CEU", "ECTS"));
    CHECK(convert.credits(3, "US semester credit hours", "ECTS") == 6);
    CHECK(convert.credits(5, "ECTS", "US semester credit hours") == 2.5);
    CHECK(convert.credits(5, "US quarter credit hours", "US semester credit hours") == 3.33);  // 10/3
    CHECK(convert.credits(4, "US quarter credit hours", "US semester credit hours") == 2.67);  // 8/3
    CHECK(convert.credits(15, "US quarter credit hours", "ECTS") == 20);
    CHECK(convert.credits(1.5, "CEU", "contact hours") == 15);
    CHECK(convert.unit_factor("US quarter credit hours", "ECTS") == "4/3");
    // A chain of factors beyond 64 bits is still exact (2^32 * 2^32 = 2^64).
    const Converter wide(load_rates_text("format: credpath-rates/1\ncredit_units:\n"
                                         "  - {from: a, to: b, factor: 4294967296}\n"
                                         "  - {from: b, to: c, factor: 4294967296}\n"));
    CHECK(wide.credits(1.5, "a", "c") == 27670116110564327424.0);
    CHECK(wide.credits(1.5, "c", "a") == 0);
    CHECK(wide.unit_factor("a", "c") == "18446744073709551616");
    // Sums of rounded values stay on the grid: ten steps of 0.1 are 1.
    double sum = 0;
    for (int i = 0; i < 10; ++i) sum += convert.money(0.1, "EUR", "EUR");
    CHECK(sum == doctest::Approx(1.0).epsilon(1e-12));
}

TEST_CASE("rates files: every fault located, at once") {
    const std::string e = rates_error(R"(format: credpath-rates/2
currencies:
  base: eur
  rates: {USD: -1, GPB: 1.2/3, XYZ: abc, EUR: 2}
credit_units:
  - {from: CEU, to: contact hours, factor: 10}
  - {from: contact hours, to: CEU, factor: 0.2}
  - {from: ECTS, to: ects, factor: 2}
  - {from: ECTS, factr: 2}
extra: 1
)");
    CHECK(e.find("invalid rates file r.yaml") != std::string::npos);
    CHECK(e.find("r.yaml:1:9: error: format is 'credpath-rates/2'") != std::string::npos);
    CHECK(e.find("r.yaml:3:3: error: `currencies` needs the `date`") != std::string::npos);
    CHECK(e.find("r.yaml:3:9: error: currency 'eur' is not an ISO 4217 code") != std::string::npos);
    CHECK(e.find("r.yaml:4:16: error: the rate of USD is '-1'") != std::string::npos);
    CHECK(e.find("the rate of GPB is '1.2/3'") != std::string::npos);
    CHECK(e.find("the rate of XYZ is 'abc'") != std::string::npos);
    CHECK(e.find("r.yaml:7:5: error: 1 contact hours = 0.2 CEU contradicts the other factors, which make it 0.1 CEU") !=
          std::string::npos);
    CHECK(e.find("a factor from 'ECTS' to itself says nothing") != std::string::npos);
    CHECK(e.find("unknown key 'factr'") != std::string::npos);
    CHECK(e.find("a credit unit factor needs `to`") != std::string::npos);
    CHECK(e.find("unknown key 'extra'") != std::string::npos);
    CHECK(rates_error("") .find("empty rates file") != std::string::npos);
    CHECK(rates_error("format: credpath-rates/1\n").find("gives `currencies`, `credit_units` or both") !=
          std::string::npos);
    CHECK(rates_error("[1, 2]").find("a rates file is a mapping") != std::string::npos);
    CHECK(rates_error("format: credpath-rates/1\ncurrencies: {date: 2026-13-01, base: EUR, rates: {USD: 1}}\n")
              .find("date '2026-13-01'") != std::string::npos);
    CHECK(rates_error("format: [").find("r.yaml:1:") != std::string::npos);
}

TEST_CASE("catalogs in other currencies and credit units are converted as they load") {
    Conversion conversion;
    conversion.rates = load_rates_text(kRates, "r.yaml");
    const std::vector<SourceText> sources{
        {"us.yaml", file("USD", "US semester credit hours", R"(  - {id: us-stats, title: Stats, cost: 1200, credits: 3}
  - id: us-cert
    title: Cert
    requires: {credits: 8, from: [us-stats, eu-ml, eu-py], cap: [{credits: 2.5, from: [eu-ml]}]}
)")},
        {"eu.yaml", file("EUR", "ECTS", R"(  - {id: eu-ml, title: ML, cost: 950, credits: 5, valid_for: 3y, renewal: {cost: 100}}
  - {id: eu-py, title: Py, cost: 400, credits: 5}
  - {id: eu-cert, title: EU cert, requires: {credits: 10, from: [eu-ml, eu-py, us-stats]}}
)")}};
    const LoadResult r = load_catalog_sources(sources, {}, conversion);
    REQUIRE_MESSAGE(r.ok(), messages(r));
    const Catalog& c = r.catalog;
    CHECK(c.currency == "USD");
    CHECK(c.credit_unit == "US semester credit hours");
    REQUIRE(c.conversion.has_value());
    CHECK(c.conversion->rates_file == "r.yaml");
    CHECK(c.conversion->rates_date == "2026-12-01");
    const Credential& ml = c.credentials[*c.find("eu-ml")];
    CHECK(ml.cost == 999.88);
    CHECK(ml.renewal->cost == 105.25);
    CHECK(ml.credits == 2.5);
    const std::optional<WrittenTerms> written = written_terms(c, ml);
    REQUIRE(written.has_value());
    CHECK(written->cost == 950);
    CHECK(written->currency == "EUR");
    CHECK(written->credits == 5);
    CHECK(written->credit_unit == "ECTS");
    CHECK_FALSE(written_terms(c, c.credentials[*c.find("us-stats")]).has_value());
    // Amounts rules ask are converted with their owner's file, caps too.
    CHECK(c.credentials[*c.find("us-cert")].rule->credits == 8);
    CHECK(c.credentials[*c.find("us-cert")].rule->caps[0].credits == 2.5);
    CHECK(c.credentials[*c.find("eu-cert")].rule->credits == 5);

    // Shown in another currency and unit.
    conversion.currency = "EUR";
    conversion.credit_unit = "ects";
    const LoadResult eur = load_catalog_sources(sources, {}, conversion);
    REQUIRE_MESSAGE(eur.ok(), messages(eur));
    CHECK(eur.catalog.currency == "EUR");
    CHECK(eur.catalog.credentials[*eur.catalog.find("us-stats")].cost == 1140.14);  // 1200 / 1.0525
    CHECK(eur.catalog.credentials[*eur.catalog.find("us-stats")].credits == 6);
    CHECK(eur.catalog.credentials[*eur.catalog.find("eu-ml")].cost == 950);
    CHECK(eur.catalog.credentials[*eur.catalog.find("us-cert")].rule->credits == 16);
}

TEST_CASE("files in other terms with no conversion: one error each, naming both files and the flag") {
    const std::vector<SourceText> sources{{"us.yaml", file("USD", "US semester credit hours", "  - {id: a, title: A}\n")},
                                          {"eu.yaml", file("EUR", "ECTS", "  - {id: b, title: B}\n")},
                                          {"plain.yaml", file("", "", "  - {id: c, title: C}\n")}};
    const LoadResult r = load_catalog_sources(sources);
    const std::string m = messages(r);
    CHECK(m.find("eu.yaml:3:13: error: currency EUR differs from USD set at us.yaml:3:13; give --rates FILE with "
                 "rates for EUR and USD to convert between them") != std::string::npos);
    CHECK(m.find("eu.yaml:4:16: error: credit unit 'ECTS' differs from 'US semester credit hours' set at "
                 "us.yaml:4:16; give --rates FILE with a credit_units factor between them to convert") !=
          std::string::npos);
    CHECK(count_errors(r.diagnostics) == 2);  // plain.yaml is in USD and counts in the catalog's unit
    if (count_errors(r.diagnostics) != 2) MESSAGE(m);

    // A file naming no currency is in USD, the default.
    const LoadResult implicit = load_catalog_sources({{"eu.yaml", file("EUR", "", "  - {id: b, title: B}\n")},
                                                      {"plain.yaml", file("", "", "  - {id: c, title: C}\n")}});
    CHECK(messages(implicit).find("plain.yaml:1:1: error: this file names no currency, so its prices are in USD, "
                                  "which differs from EUR set at eu.yaml:3:13; add `currency: EUR` to its catalog block, or give "
                                  "--rates FILE") != std::string::npos);

    // Rates that lack one of them say so.
    Conversion conversion;
    conversion.rates = load_rates_text("format: credpath-rates/1\ncurrencies: {date: 2026-12-01, base: GBP, rates: "
                                       "{USD: 1.27}}\n",
                                       "gbp.yaml");
    const LoadResult lacking = load_catalog_sources(sources, {}, conversion);
    CHECK(messages(lacking).find("eu.yaml:3:13: error: currency EUR differs from USD set at us.yaml:3:13; gbp.yaml "
                                 "has no rate for EUR") != std::string::npos);
    CHECK(messages(lacking).find("gbp.yaml has no chain of credit_units factors between them") != std::string::npos);

    // --currency with no rates.
    Conversion asked;
    asked.currency = "EUR";
    const LoadResult shown = load_catalog_sources({sources[0]}, {}, asked);
    CHECK(messages(shown).find("us.yaml:3:13: error: currency USD differs from --currency EUR; give --rates FILE") !=
          std::string::npos);

    // Units that differ only in case and spacing are one; no conversion.
    const LoadResult same = load_catalog_sources({{"a.yaml", file("", "ECTS", "  - {id: a, title: A, credits: 5}\n")},
                                                  {"b.yaml", file("", "ects", "  - {id: b, title: B, credits: 5}\n")}});
    CHECK(same.ok());
    CHECK_FALSE(same.catalog.conversion.has_value());
}

}  // namespace credpath
