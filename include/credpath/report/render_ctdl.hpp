// CTDL JSON-LD out: a catalog as a compact @graph (`credpath export ctdl`)
// and a plan as a Pathway (`plan --format ctdl`), in the shape `import ctdl`
// reads back to the same catalog (see credpath(1), EXPORTING CTDL).
#pragma once

#include <string>
#include <vector>

#include "credpath/model/model.hpp"
#include "credpath/report/render.hpp"

namespace credpath {

// `notes` receives what CTDL cannot say and was left out (a credits cap).
std::string render_catalog_ctdl(const Catalog& catalog, std::vector<std::string>* notes = nullptr);
std::string render_plan_ctdl(const PlanView& view);

}  // namespace credpath
