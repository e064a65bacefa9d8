// The tables of names: lookups both ways, the list of names, and the names
// joined as a sentence.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "credpath/model/model.hpp"
#include "credpath/model/names.hpp"
#include "credpath/model/request.hpp"

namespace credpath {

namespace {
enum class Colour { Red, Green, Blue, Unnamed };

constexpr Named<Colour> kColours[] = {
    {Colour::Red, "red"},
    {Colour::Green, "green"},
    {Colour::Blue, "blue"},
};

// A table with a value named twice and a name given twice: the first entry wins.
constexpr Named<int> kRepeats[] = {
    {1, "one"},
    {2, "two"},
    {1, "uno"},
    {3, "two"},
};

constexpr Named<int> kSingle[] = {{7, "seven"}};

// The lookups are usable in constant expressions.
static_assert(name_in(kColours, Colour::Green) == "green");
static_assert(name_in(kColours, Colour::Unnamed).empty());
static_assert(value_in(kColours, "blue") == Colour::Blue);
static_assert(!value_in(kColours, "purple").has_value());
static_assert(name_in(kKinds, Kind::Badge) == "badge");
}  // namespace

TEST_CASE("names: name_in gives the name of a value") {
    CHECK(name_in(kColours, Colour::Red) == "red");
    CHECK(name_in(kColours, Colour::Green) == "green");
    CHECK(name_in(kColours, Colour::Blue) == "blue");
    CHECK(name_in(kSingle, 7) == "seven");
}

TEST_CASE("names: name_in of a value the table lacks is empty") {
    CHECK(name_in(kColours, Colour::Unnamed) == "");
    CHECK(name_in(kColours, Colour::Unnamed).empty());
    CHECK(name_in(kSingle, 8) == "");
    CHECK(name_in(kRepeats, 0) == "");
}

TEST_CASE("names: value_in gives the value of a name, exactly as written") {
    CHECK(value_in(kColours, "red") == Colour::Red);
    CHECK(value_in(kColours, "green") == Colour::Green);
    CHECK(value_in(kColours, "blue") == Colour::Blue);
    CHECK(value_in(kSingle, "seven") == 7);
    for (const char* text : {"", "Red", "RED", " red", "red ", "re", "reds", "purple"}) {
        INFO(text);
        CHECK_FALSE(value_in(kColours, text).has_value());
    }
    const std::string owned = "xgreenx";
    CHECK(value_in(kColours, std::string_view(owned).substr(1, 5)) == Colour::Green);
}

TEST_CASE("names: of repeated values or names the first entry wins") {
    CHECK(name_in(kRepeats, 1) == "one");
    CHECK(name_in(kRepeats, 3) == "two");
    CHECK(value_in(kRepeats, "two") == 2);
    CHECK(value_in(kRepeats, "uno") == 1);
}

TEST_CASE("names: names_in lists every name in table order, repeats included") {
    CHECK(names_in(kColours) == std::vector<std::string_view>{"red", "green", "blue"});
    CHECK(names_in(kRepeats) == std::vector<std::string_view>{"one", "two", "uno", "two"});
    CHECK(names_in(kSingle) == std::vector<std::string_view>{"seven"});
    CHECK(names_in(kObjectives) == std::vector<std::string_view>{"cost", "hours", "count", "weeks"});
    // Views of the table itself, not copies.
    CHECK(names_in(kColours)[1].data() == kColours[1].name.data());
}

TEST_CASE("names: spoken_list joins with commas and 'or' before the last") {
    CHECK(spoken_list({}) == "");
    CHECK(spoken_list({"a"}) == "a");
    CHECK(spoken_list({"a", "b"}) == "a or b");
    CHECK(spoken_list({"a", "b", "c"}) == "a, b or c");
    CHECK(spoken_list({"a", "b", "c", "d"}) == "a, b, c or d");
    CHECK(spoken_list(names_in(kColours)) == "red, green or blue");
}

TEST_CASE("names: spoken_list takes another last joint") {
    CHECK(spoken_list({"a", "b", "c"}, " and ") == "a, b and c");
    CHECK(spoken_list({"a", "b"}, " and ") == "a and b");
    CHECK(spoken_list({"a"}, " and ") == "a");
    CHECK(spoken_list({}, " and ") == "");
    CHECK(spoken_list({"a", "b", "c"}, ", ") == "a, b, c");
    CHECK(spoken_list({"a", "b", "c"}, "") == "a, bc");
}

TEST_CASE("names: spoken_list keeps the names as they are, empty ones included") {
    CHECK(spoken_list({"", ""}) == " or ");
    CHECK(spoken_list({"x, y", "z"}) == "x, y or z");
    CHECK(spoken_list({"credits-from", "at_least", "\xc3\xa9t\xc3\xa9"}) == "credits-from, at_least or \xc3\xa9t\xc3\xa9");
}

}  // namespace credpath
