// Reads rates files: currency rates and credit-unit factors (`--rates`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "credpath/model/rates.hpp"

namespace credpath {

// A rates file (`format: credpath-rates/1`):
//
//   currencies:
//     date: 2026-12-01        # the day the rates were taken
//     base: EUR
//     rates: {USD: 1.0525, GBP: 0.8301}   # what one EUR buys
//   credit_units:
//     - {from: US semester credit hours, to: ECTS, factor: 2}
//     - {from: US quarter credit hours, to: US semester credit hours, factor: 2/3}
//
// Throws InputError with every located fault: unknown keys, codes that are
// not ISO 4217, factors that are not numbers above 0, factors that
// contradict each other.
Rates load_rates(const std::string& path, std::uint64_t max_bytes = 1ull << 30);
Rates load_rates_text(std::string_view text, std::string name = "rates.yaml");

}  // namespace credpath
