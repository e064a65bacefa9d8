// How text output is styled, decided once by the command line for where the
// output goes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace credpath {

struct Style {
    bool color = false;     // ANSI colour for a terminal
    bool terminal = false;  // writing to a terminal (character plots and the like)
    // Columns tables fit in (the terminal's, or --width); 0: no limit, as off
    // a terminal, where nothing is wrapped or cut.
    std::size_t width = 0;
};

// Terminal columns taken by UTF-8 text (one per code point).
std::size_t display_width(std::string_view text);
// `text` in lines of at most `width` characters, broken between words (a
// word longer than a line is broken inside); at least one line.
std::vector<std::string> wrap_text(std::string_view text, std::size_t width);

}  // namespace credpath
