// Writing a catalog as credpath/1 YAML (what `credpath import` produces): the
// format the loader reads, every field it knows, each credential optionally
// preceded by a comment (where it came from).
#pragma once

#include <string>
#include <vector>

#include "credpath/model/model.hpp"

namespace credpath {

// `comments[i]`, when given and not empty, is written above credential i.
std::string catalog_to_yaml(const Catalog& catalog, const std::vector<std::string>& header,
                            const std::vector<std::string>& comments = {});

}  // namespace credpath
