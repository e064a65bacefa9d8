// Each member's place in a list of indices (graph vertices, catalog
// credentials). Private to the library (the graph's topological order of a
// subset, a plan's schedule).
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace credpath {

// A table over the whole index range, or for a list small beside that range
// (a plan's steps in a large catalog) a sorted copy searched by halving, which
// saves clearing a table the size of the catalog for every list.
class Positions {
public:
    Positions(const std::vector<std::uint32_t>& members, std::size_t range) : sparse_(members.size() * 64 < range) {
        if (sparse_) {
            for (std::size_t i = 0; i < members.size(); ++i)
                sorted_.emplace_back(members[i], static_cast<std::int64_t>(i));
            std::sort(sorted_.begin(), sorted_.end());
        } else {
            table_.assign(range, -1);
            for (std::size_t i = 0; i < members.size(); ++i) table_[members[i]] = static_cast<std::int64_t>(i);
        }
    }

    // The place of `index` in the list, -1 when it is not in it.
    std::int64_t of(std::uint32_t index) const {
        if (!sparse_) return table_[index];
        const auto found = std::lower_bound(sorted_.begin(), sorted_.end(), std::pair{index, std::int64_t{-1}});
        return found != sorted_.end() && found->first == index ? found->second : -1;
    }

private:
    bool sparse_;
    std::vector<std::int64_t> table_;
    std::vector<std::pair<std::uint32_t, std::int64_t>> sorted_;
};

}  // namespace credpath
