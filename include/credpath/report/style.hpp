// How text output is styled, decided once by the command line for where the
// output goes.
#pragma once

namespace credpath {

struct Style {
    bool color = false;     // ANSI colour for a terminal
    bool terminal = false;  // writing to a terminal (character plots and the like)
};

}  // namespace credpath
