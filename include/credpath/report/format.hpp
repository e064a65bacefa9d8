// The output formats: one table, read by --format's checks and help and by
// every printer; each command writes the subset it lists.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "credpath/model/names.hpp"

namespace credpath {

enum class Format { Text, Json, Csv, Markdown, Dot, Html, Mermaid, Github, Ctdl, Ics };

inline constexpr Named<Format> kFormats[] = {
    {Format::Text, "text"}, {Format::Json, "json"},   {Format::Csv, "csv"},         {Format::Markdown, "markdown"},
    {Format::Dot, "dot"},   {Format::Html, "html"},   {Format::Mermaid, "mermaid"}, {Format::Github, "github"},
    {Format::Ctdl, "ctdl"}, {Format::Ics, "ics"},
};
inline std::string_view to_string(Format format) { return name_in(kFormats, format); }
inline std::optional<Format> format_from_string(std::string_view text) { return value_in(kFormats, text); }

// What each command writes; the first is its default.
namespace formats {
inline const std::vector<Format> plan{Format::Text, Format::Json, Format::Csv, Format::Markdown, Format::Dot,
                                      Format::Html, Format::Ctdl, Format::Ics};
inline const std::vector<Format> plan_set{Format::Text, Format::Json, Format::Html};  // --alternatives, --pareto
inline const std::vector<Format> validate{Format::Text, Format::Json, Format::Github};
inline const std::vector<Format> explain{Format::Text, Format::Json};
inline const std::vector<Format> options{Format::Text, Format::Json, Format::Csv};
inline const std::vector<Format> show{Format::Text, Format::Json};
inline const std::vector<Format> list{Format::Text, Format::Json, Format::Csv};
inline const std::vector<Format> stats{Format::Text, Format::Json};
inline const std::vector<Format> graph{Format::Dot, Format::Mermaid};
inline const std::vector<Format> diff{Format::Text, Format::Json, Format::Markdown};
inline const std::vector<Format> analyze{Format::Text, Format::Json, Format::Csv, Format::Markdown,
                                         Format::Github};
inline const std::vector<Format> batch_summary{Format::Markdown, Format::Csv, Format::Json};
}  // namespace formats

}  // namespace credpath
