// One table of names per enumeration (credential kinds, objectives, output
// formats, exit codes...): parsing, help, validation and printing all read the
// same table, so a name is written once.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace credpath {

template <class Enum>
struct Named {
    Enum value;
    std::string_view name;
};

// The name of `value` in `table` ("" when the table lacks it).
template <class Enum, std::size_t N>
constexpr std::string_view name_in(const Named<Enum> (&table)[N], Enum value) {
    for (const Named<Enum>& entry : table)
        if (entry.value == value) return entry.name;
    return {};
}

// The value named `name` in `table`, if any.
template <class Enum, std::size_t N>
constexpr std::optional<Enum> value_in(const Named<Enum> (&table)[N], std::string_view name) {
    for (const Named<Enum>& entry : table)
        if (entry.name == name) return entry.value;
    return std::nullopt;
}

// Every name of `table`, in its order (for option checks, help and "did you mean").
template <class Enum, std::size_t N>
std::vector<std::string_view> names_in(const Named<Enum> (&table)[N]) {
    std::vector<std::string_view> names;
    names.reserve(N);
    for (const Named<Enum>& entry : table) names.push_back(entry.name);
    return names;
}

// "a, b, c or d": the names as a sentence lists them.
std::string spoken_list(const std::vector<std::string_view>& names, std::string_view last_joint = " or ");

}  // namespace credpath
