#include "credpath/model/rates.hpp"

#include <cctype>
#include <charconv>
#include <fmt/format.h>

namespace credpath {

namespace {
// Whole digits, at most 18 of them (so that they fit in 64 bits with room).
std::optional<std::int64_t> whole(std::string_view digits) {
    if (digits.empty() || digits.size() > 18) return std::nullopt;
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
    return value;
}

std::optional<Ratio> decimal(std::string_view text) {
    const std::size_t point = text.find('.');
    if (point == std::string_view::npos) {
        auto value = whole(text);
        if (!value) return std::nullopt;
        return Ratio{*value, 1};
    }
    std::string_view before = text.substr(0, point);
    std::string_view after = text.substr(point + 1);
    while (!after.empty() && after.back() == '0') after.remove_suffix(1);
    if (before.empty() && after.empty()) return std::nullopt;
    if (text.substr(point + 1).find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    std::string digits = std::string(before) + std::string(after);
    while (digits.size() > 1 && digits.front() == '0') digits.erase(0, 1);
    auto value = whole(digits);
    if (!value || after.size() > 18) return std::nullopt;
    std::int64_t scale = 1;
    for (std::size_t i = 0; i < after.size(); ++i) scale *= 10;
    return Ratio{*value, scale};
}
}  // namespace

std::optional<Ratio> parse_ratio(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    std::optional<Ratio> ratio;
    if (const std::size_t slash = text.find('/'); slash != std::string_view::npos) {
        auto top = whole(text.substr(0, slash));
        auto bottom = whole(text.substr(slash + 1));
        if (top && bottom) ratio = Ratio{*top, *bottom};
    } else {
        ratio = decimal(text);
    }
    if (!ratio || ratio->numerator <= 0 || ratio->denominator <= 0) return std::nullopt;
    return ratio;
}

std::string to_string(const Ratio& ratio) {
    if (ratio.denominator == 1) return std::to_string(ratio.numerator);
    // A decimal as written: 10525/10000 is 1.0525.
    std::size_t places = 0;
    std::int64_t rest = ratio.denominator;
    while (rest % 10 == 0) rest /= 10, ++places;
    if (rest != 1) return fmt::format("{}/{}", ratio.numerator, ratio.denominator);
    std::string digits = std::to_string(ratio.numerator);
    if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
    std::string text = digits.substr(0, digits.size() - places) + "." + digits.substr(digits.size() - places);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

std::string unit_key(std::string_view name) {
    std::string key;
    bool space = false;
    for (char ch : name) {
        if (std::isspace(static_cast<unsigned char>(ch))) {
            space = !key.empty();
            continue;
        }
        if (space) key += ' ';
        space = false;
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return key;
}

bool same_unit(std::string_view a, std::string_view b) { return unit_key(a) == unit_key(b); }

std::optional<WrittenTerms> written_terms(const Catalog& catalog, const Credential& credential) {
    if (!catalog.conversion || credential.loc.file >= catalog.conversion->files.size()) return std::nullopt;
    const FileTerms& terms = catalog.conversion->files[credential.loc.file];
    WrittenTerms written;
    written.cost = credential.written_cost;
    written.credits = credential.written_credits;
    if (credential.written_cost > 0 && !terms.currency.empty() && terms.currency != catalog.currency)
        written.currency = terms.currency;
    if (credential.written_credits > 0 && !terms.credit_unit.empty() && !same_unit(terms.credit_unit, catalog.credit_unit))
        written.credit_unit = terms.credit_unit;
    if (written.currency.empty() && written.credit_unit.empty()) return std::nullopt;
    return written;
}

}  // namespace credpath
