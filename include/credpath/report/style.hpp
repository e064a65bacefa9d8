// How text output is styled, decided once by the command line for where the
// output goes.
#pragma once

#include <cstddef>

namespace credpath {

struct Style {
    bool color = false;     // ANSI colour for a terminal
    bool terminal = false;  // writing to a terminal (character plots and the like)
    // Columns tables fit in (the terminal's, or --width); 0: no limit, as off
    // a terminal, where nothing is wrapped or cut.
    std::size_t width = 0;
};

}  // namespace credpath
