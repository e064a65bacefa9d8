#include "cli/run.hpp"

int main(int argc, char** argv) { return credpath::cli::run(argc, argv); }
