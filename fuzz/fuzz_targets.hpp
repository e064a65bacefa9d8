// The fuzz targets: one function per reader of outside input, each taking
// arbitrary bytes. libFuzzer calls them through fuzz_main.cpp; the unit tests
// replay fuzz/regressions/<target>/ through them in every build. A target
// returns normally for any input the reader turns down with an InputError or
// diagnostics; anything else (a crash, a sanitizer report, another exception)
// is a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace credpath::fuzz {

using Target = void (*)(const std::uint8_t* data, std::size_t size);

struct NamedTarget {
    std::string_view name;
    Target run;
};

void catalog(const std::uint8_t* data, std::size_t size);   // the catalog loader and checker
void profile(const std::uint8_t* data, std::size_t size);   // YAML learner profiles (and what they hold)
void wallet(const std::uint8_t* data, std::size_t size);    // badge wallets (JSON)
void ctdl(const std::uint8_t* data, std::size_t size);      // CTDL JSON-LD imports, and the YAML they write
void requests(const std::uint8_t* data, std::size_t size);  // batch requests, and batch output for batch-merge
void cache(const std::uint8_t* data, std::size_t size);     // compiled catalog images

const std::vector<NamedTarget>& targets();

}  // namespace credpath::fuzz
