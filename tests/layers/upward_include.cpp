// Must not compile: a file of the model layer including a header of the plan
// layer above it. CTest's layer-direction test builds it and expects failure.
#include "credpath/plan/planner.hpp"

int credpath_layer_probe() { return 0; }
