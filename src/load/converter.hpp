// Exact conversions with a rates table (model/rates.hpp): factors are kept
// as rational numbers, and each converted value is rounded once. The only
// user of Boost.Multiprecision. Private to the loader layer.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/model/rates.hpp"

namespace credpath {

class Converter {
public:
    explicit Converter(const Rates& rates);
    ~Converter();
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;

    // Unit factors that contradict the ones before them (a loop of factors
    // that does not come back to 1): where, and why.
    struct Conflict {
        SourceLoc loc;
        std::string message;
    };
    const std::vector<Conflict>& conflicts() const;

    // Whether the table prices `code` (its base or one of its rates).
    bool has_currency(std::string_view code) const;
    // Whether some chain of factors links the two units (same_unit ones are
    // always linked).
    bool links_units(std::string_view from, std::string_view to) const;

    // `amount` (read to a millionth) in `from` as `to`, rounded half away
    // from zero to kMoneyDecimals; both currencies must be in the table.
    double money(double amount, std::string_view from, std::string_view to) const;
    // The same for credits, to kCreditDecimals; the units must be linked.
    double credits(double amount, std::string_view from, std::string_view to) const;

    // The factor from one currency or unit to another, as text ("1.0525",
    // "2", "2/3"), for messages and notes.
    std::string currency_factor(std::string_view from, std::string_view to) const;
    std::string unit_factor(std::string_view from, std::string_view to) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace credpath
