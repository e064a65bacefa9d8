// Must compile: a file of the plan layer including the model layer below it,
// with the same include set-up as the failing probe (so that the failure is
// the direction, not the set-up).
#include "credpath/model/model.hpp"
#include "credpath/plan/planner.hpp"

int credpath_layer_probe_ok() { return 0; }
