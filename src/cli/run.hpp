#pragma once

namespace credpath::cli {
// The whole command line: parses, runs one subcommand, returns the exit code.
int run(int argc, char** argv);
}  // namespace credpath::cli
