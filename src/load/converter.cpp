#include "converter.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <cmath>
#include <deque>
#include <fmt/format.h>
#include <map>

namespace credpath {

namespace {
using Rational = boost::multiprecision::cpp_rational;
using Integer = boost::multiprecision::cpp_int;

Rational rational(const Ratio& ratio) { return Rational(ratio.numerator, ratio.denominator); }

std::string text(const Rational& value) {
    const Integer top = boost::multiprecision::numerator(value);
    const Integer bottom = boost::multiprecision::denominator(value);
    if (bottom == 1) return top.str();
    // A terminating decimal when the denominator has no prime but 2 and 5.
    Integer rest = bottom;
    int twos = 0, fives = 0;
    while (rest % 2 == 0) rest /= 2, ++twos;
    while (rest % 5 == 0) rest /= 5, ++fives;
    if (rest == 1 && std::max(twos, fives) <= 18) {
        const int places = std::max(twos, fives);
        Integer scale = 1;
        for (int i = 0; i < places; ++i) scale *= 10;
        const Integer shifted = top * (scale / bottom);
        const std::string digits = shifted.str();
        const std::string padded = std::string(static_cast<std::size_t>(std::max(0, places + 1 - static_cast<int>(digits.size()))), '0') + digits;
        return padded.substr(0, padded.size() - static_cast<std::size_t>(places)) + "." +
               padded.substr(padded.size() - static_cast<std::size_t>(places));
    }
    return top.str() + "/" + bottom.str();
}

// `amount` (a double read from decimal text) taken to a millionth, times
// `factor`, rounded half away from zero to `decimals`. Factors of modest size
// (every one a rates file gives, and short chains of them) are multiplied in
// 256-bit integers, which need no allocation; others in arbitrary precision.
double convert(double amount, const Rational& factor, int decimals) {
    if (amount == 0) return 0;
    const bool negative = amount < 0;
    const auto micro = static_cast<long long>(std::llround(std::abs(amount) * 1e6));
    long long scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const Integer& top = boost::multiprecision::numerator(factor);
    const Integer& bottom = boost::multiprecision::denominator(factor);
    constexpr long long kSmall = 1LL << 62;
    double value = 0;
    if (top < kSmall && bottom < kSmall) {
        using Wide = boost::multiprecision::int256_t;
        const Wide n = Wide(micro) * Wide(top.convert_to<long long>()) * scale;
        const Wide d = Wide(bottom.convert_to<long long>()) * 1'000'000;
        value = Wide((2 * n + d) / (2 * d)).convert_to<double>() / static_cast<double>(scale);
    } else {
        const Integer n = Integer(micro) * top * scale;
        const Integer d = bottom * 1'000'000;
        value = Integer((2 * n + d) / (2 * d)).convert_to<double>() / static_cast<double>(scale);
    }
    return negative ? -value : value;
}
}  // namespace

struct Converter::Impl {
    std::map<std::string, Rational, std::less<>> per_base;  // currency -> how much of it one base buys
    // unit key -> (its group, how many of the group's first unit one of it is)
    struct Place {
        std::size_t group;
        Rational in_root;
    };
    std::map<std::string, Place, std::less<>> units;
    std::vector<Conflict> conflicts;

    Rational currency_factor(std::string_view from, std::string_view to) const {
        return per_base.find(to)->second / per_base.find(from)->second;
    }
    Rational unit_factor(std::string_view from, std::string_view to) const {
        const std::string a = unit_key(from), b = unit_key(to);
        if (a == b) return Rational(1);
        return units.find(a)->second.in_root / units.find(b)->second.in_root;
    }
};

Converter::Converter(const Rates& rates) : impl_(std::make_unique<Impl>()) {
    if (!rates.base.empty()) impl_->per_base[rates.base] = Rational(1);
    for (const CurrencyRate& rate : rates.currencies) impl_->per_base[rate.code] = rational(rate.per_base);
    // Units in groups linked by factors, each placed against its group's
    // first unit; a factor between two placed units of one group must agree.
    std::map<std::string, std::vector<std::size_t>> touching;  // unit key -> factors naming it
    for (std::size_t i = 0; i < rates.units.size(); ++i) {
        touching[unit_key(rates.units[i].from)].push_back(i);
        touching[unit_key(rates.units[i].to)].push_back(i);
    }
    std::size_t groups = 0;
    std::vector<bool> used(rates.units.size(), false);
    for (std::size_t first = 0; first < rates.units.size(); ++first) {
        const std::string root = unit_key(rates.units[first].from);
        if (impl_->units.count(root)) continue;
        const std::size_t group = groups++;
        impl_->units[root] = {group, Rational(1)};
        std::deque<std::string> queue{root};
        // Factors in file order within a group, so that a contradiction is
        // blamed on the later of the factors involved.
        std::vector<std::size_t> pending;
        while (!queue.empty()) {
            const std::string unit = queue.front();
            queue.pop_front();
            for (std::size_t i : touching[unit]) {
                if (used[i]) continue;
                used[i] = true;
                pending.push_back(i);
                const UnitFactor& f = rates.units[i];
                for (const std::string& end : {unit_key(f.from), unit_key(f.to)})
                    if (end != unit) queue.push_back(end);
            }
        }
        std::sort(pending.begin(), pending.end());
        // Place units factor by factor, as often as new ones get placed.
        std::vector<bool> placed_by(pending.size(), false);
        for (bool grew = true; grew;) {
            grew = false;
            for (std::size_t k = 0; k < pending.size(); ++k) {
                if (placed_by[k]) continue;
                const UnitFactor& f = rates.units[pending[k]];
                const std::string from = unit_key(f.from), to = unit_key(f.to);
                auto a = impl_->units.find(from);
                auto b = impl_->units.find(to);
                // 1 from = factor to: in root units, in_root(from) = factor * in_root(to).
                if (a != impl_->units.end() && b == impl_->units.end()) {
                    impl_->units[to] = {group, a->second.in_root / rational(f.factor)};
                } else if (b != impl_->units.end() && a == impl_->units.end()) {
                    impl_->units[from] = {group, b->second.in_root * rational(f.factor)};
                } else if (a == impl_->units.end()) {
                    continue;  // neither placed yet: later
                }
                placed_by[k] = true;
                grew = true;
            }
        }
        // Every factor of the group against the placement.
        for (std::size_t i : pending) {
            const UnitFactor& f = rates.units[i];
            const Rational implied = impl_->unit_factor(f.from, f.to);
            if (implied != rational(f.factor))
                impl_->conflicts.push_back(
                    {f.loc, fmt::format("1 {} = {} {} contradicts the other factors, which make it {} {}", f.from,
                                        to_string(f.factor), f.to, text(implied), f.to)});
        }
    }
}

Converter::~Converter() = default;

const std::vector<Converter::Conflict>& Converter::conflicts() const { return impl_->conflicts; }

bool Converter::has_currency(std::string_view code) const { return impl_->per_base.count(code) > 0; }

bool Converter::links_units(std::string_view from, std::string_view to) const {
    const std::string a = unit_key(from), b = unit_key(to);
    if (a == b) return true;
    auto x = impl_->units.find(a);
    auto y = impl_->units.find(b);
    return x != impl_->units.end() && y != impl_->units.end() && x->second.group == y->second.group;
}

double Converter::money(double amount, std::string_view from, std::string_view to) const {
    return convert(amount, impl_->currency_factor(from, to), kMoneyDecimals);
}

double Converter::credits(double amount, std::string_view from, std::string_view to) const {
    return convert(amount, impl_->unit_factor(from, to), kCreditDecimals);
}

std::string Converter::currency_factor(std::string_view from, std::string_view to) const {
    return text(impl_->currency_factor(from, to));
}

std::string Converter::unit_factor(std::string_view from, std::string_view to) const {
    return text(impl_->unit_factor(from, to));
}

}  // namespace credpath
