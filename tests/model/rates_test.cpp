#include <doctest/doctest.h>

#include "credpath/model/rates.hpp"

namespace credpath {

TEST_CASE("ratios are read exactly from decimals and fractions") {
    CHECK(parse_ratio("2") == Ratio{2, 1});
    CHECK(parse_ratio("1.0525") == Ratio{10525, 10000});
    CHECK(parse_ratio("0.50") == Ratio{5, 10});
    CHECK(parse_ratio(".5") == Ratio{5, 10});
    CHECK(parse_ratio("2/3") == Ratio{2, 3});
    CHECK(parse_ratio(" 10 ") == Ratio{10, 1});
    for (const char* bad : {"", "0", "0.0", "-1", "1/0", "0/3", "1e3", "abc", "1.2.3", "1/-2", "+2", "1,5",
                            "1234567890123456789", "2/", "/3", "."})
        CHECK_MESSAGE(!parse_ratio(bad), bad);
    CHECK(to_string(Ratio{2, 3}) == "2/3");
    CHECK(to_string(Ratio{10, 1}) == "10");
    CHECK(to_string(Ratio{2, 10}) == "0.2");
    CHECK(to_string(Ratio{10525, 10000}) == "1.0525");
    CHECK(to_string(Ratio{50, 100}) == "0.5");
    CHECK(to_string(Ratio{5, 100}) == "0.05");
}

TEST_CASE("credit units are one when they differ only in case and spacing") {
    CHECK(same_unit("ECTS", "ects"));
    CHECK(same_unit("US semester  credit hours", " us Semester credit hours "));
    CHECK_FALSE(same_unit("ECTS", "ECTS credits"));
    CHECK(unit_key("  ") == "");
}

}  // namespace credpath
