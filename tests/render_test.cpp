// The plan printers are checked end to end by the golden files in tests/cli;
// here, the number formatting they share.
#include <doctest/doctest.h>

#include "credpath/render.hpp"

using namespace credpath;

TEST_CASE("format_money groups thousands and keeps cents") {
    CHECK(format_money(0) == "0");
    CHECK(format_money(999) == "999");
    CHECK(format_money(1000) == "1,000");
    CHECK(format_money(1234567) == "1,234,567");
    CHECK(format_money(12.5) == "12.50");
    CHECK(format_money(1999.99) == "1,999.99");
}

TEST_CASE("format_money puts the sign before the groups (diff deltas are negative)") {
    CHECK(format_money(-100) == "-100");
    CHECK(format_money(-1000) == "-1,000");
    CHECK(format_money(-123456.5) == "-123,456.50");
}
