#include "credpath/model/names.hpp"

namespace credpath {

std::string spoken_list(const std::vector<std::string_view>& names, std::string_view last_joint) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? last_joint : std::string_view(", ");
        out += names[i];
    }
    return out;
}

}  // namespace credpath
