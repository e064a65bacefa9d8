#include "cli/help.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <vector>

#include "credpath/report/style.hpp"

namespace credpath::cli {

namespace {
constexpr std::size_t kWidth = 80;
constexpr std::size_t kIndent = 2;
constexpr std::size_t kDescriptionColumn = 28;  // where option descriptions start
constexpr std::size_t kCommandColumn = 16;      // where command descriptions start
constexpr std::string_view kExamplesMark = "Examples:\n";

// CLI11's names for a value's type say nothing to a reader; an option
// declared without its own name (type_name) is shown by its long name.
bool generic_type(std::string_view name) {
    static constexpr std::array<std::string_view, 7> generic{"",    "TEXT",   "FLOAT",  "UINT",
                                                             "INT", "NUMBER", "BOOLEAN"};
    return std::find(generic.begin(), generic.end(), name) != generic.end();
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
    return text;
}

std::string value_name(const CLI::Option& option) {
    if (option.get_expected_max() == 0) return {};  // a flag
    const std::string type = option.get_type_name();
    std::string name = type.substr(0, type.find(':'));
    if (generic_type(name)) name = upper(option.get_lnames().empty() ? option.get_name() : option.get_lnames().front());
    return name;
}

std::string option_names(const CLI::Option& option) {
    if (option.get_positional()) return option.get_name(true, false);
    std::string text = fmt::format("{}", fmt::join(dashed_names(option), ", "));
    if (const std::string value = value_name(option); !value.empty()) text += " " + value;
    return text;
}

bool mentions(std::string_view text, std::string_view word) {
    for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
        const bool start = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
        const std::size_t end = at + word.size();
        if (start && (end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end])))) return true;
    }
    return false;
}

// The description, then what a reader needs that the parser knows: the
// allowed values and the default, unless the description says them.
std::string option_description(const CLI::Option& option) {
    std::string text = option.get_description();
    const std::vector<std::string> values = braced_values(option.get_type_name());
    if (!values.empty() && !std::all_of(values.begin(), values.end(),
                                        [&](const std::string& value) { return mentions(text, value); }))
        text += fmt::format(": {}", fmt::join(values, ", "));
    const std::string fallback = option.get_default_str();
    if (!fallback.empty() && text.find("default") == std::string::npos) text += fmt::format(" (default: {})", fallback);
    return text;
}

// `label` in the left column and `text` wrapped in the right, or below the
// label when the label is too wide.
std::string two_columns(std::string_view label, std::string_view text, std::size_t column = kDescriptionColumn) {
    std::string out(kIndent, ' ');
    out += label;
    const std::vector<std::string> lines = wrap_text(text, kWidth - column);
    const std::string pad(column, ' ');
    std::size_t used = kIndent + display_width(label);
    for (const std::string& line : lines) {
        if (line.empty() && text.empty()) break;
        if (used + 1 < column) {
            out += std::string(column - used, ' ');
        } else {
            out += "\n" + pad;
        }
        out += line;
        used = kWidth;  // the next line starts below
    }
    return out + "\n";
}

// Each line of `text` wrapped; a line that starts with a space is a line of
// a list, laid out already.
std::string paragraph(std::string_view text) {
    std::string out;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.front() == ' ') {
            out += std::string(line) + "\n";
        } else {
            for (const std::string& part : wrap_text(line, kWidth)) out += part + "\n";
        }
        start = end + 1;
    }
    return out;
}

std::string command_line(const CLI::App& app) {
    std::string path;
    for (const CLI::App* at = &app; at; at = at->get_parent())
        path = at->get_name() + (path.empty() ? "" : " " + path);
    return path;
}

std::string sentence(std::string text) {
    if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    if (!text.empty() && text.back() != '.') text += '.';
    return text;
}

class HelpFormatter : public CLI::Formatter {
public:
    explicit HelpFormatter(std::string footer) : footer_(std::move(footer)) {}

    std::string make_help(const CLI::App* app, std::string, CLI::AppFormatMode) const override {
        const bool root = app->get_parent() == nullptr;
        std::string out;
        if (root) out += paragraph(app->get_description()) + "\n";
        out += usage(*app);
        if (!root) out += "\n" + paragraph(sentence(app->get_description()));
        out += commands(*app);
        out += option_groups(*app);
        const std::string footer = app->get_footer();
        if (!root && footer.rfind(kExamplesMark, 0) == 0) {
            out += "\nExamples:\n";
            std::size_t start = kExamplesMark.size();
            while (start < footer.size()) {
                const std::size_t end = std::min(footer.find('\n', start), footer.size());
                out += std::string(kIndent, ' ') + footer.substr(start, end - start) + "\n";
                start = end + 1;
            }
        }
        out += "\n";
        if (root) {
            out += paragraph("Run `credpath COMMAND --help` for a command's options and examples.");
            out += paragraph(footer_);
        } else {
            out += paragraph("See credpath(1) for every option, the formats and the exit codes.");
        }
        return out;
    }

private:
    std::string usage(const CLI::App& app) const {
        std::string line = "Usage: " + command_line(app);
        const bool has_commands = !app.get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty(); })
                                       .empty();
        if (has_commands) line += " COMMAND";
        line += " [options]";
        for (const CLI::Option* option : app.get_options([](const CLI::Option* o) { return o->get_positional(); })) {
            std::string name = upper(option->get_name(true, false));
            if (option->get_expected_max() > 1) name += "...";
            line += " " + (option->get_required() ? name : "[" + name + "]");
        }
        return paragraph(line);
    }

    std::string commands(const CLI::App& app) const {
        const auto subs = app.get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty(); });
        if (subs.empty()) return {};
        std::string out = "\nCommands:\n";
        for (const CLI::App* sub : subs) out += two_columns(sub->get_name(), sub->get_description(), kCommandColumn);
        return out;
    }

    std::string option_groups(const CLI::App& app) const {
        const std::vector<std::string> order{groups::kCommand,         groups::kGoal,   groups::kLearner,
                                             groups::kSchedule,        groups::kOutput, groups::kCatalog,
                                             groups::kRequestDefaults, groups::kLimits};
        std::vector<std::string> names = app.get_groups();
        std::stable_sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
            return std::find(order.begin(), order.end(), a) < std::find(order.begin(), order.end(), b);
        });
        std::string out;
        const auto arguments = app.get_options([](const CLI::Option* option) { return option->get_positional(); });
        if (!arguments.empty()) {
            out += "\nArguments:\n";
            for (const CLI::Option* argument : arguments) {
                out += two_columns(upper(argument->get_name(true, false)), option_description(*argument));
            }
        }
        for (const std::string& group : names) {
            if (group.empty()) continue;  // hidden
            const auto options = app.get_options([&](const CLI::Option* option) {
                return option->get_group() == group && option->nonpositional();
            });
            if (options.empty()) continue;
            out += "\n" + group + ":\n";
            for (const CLI::Option* option : options) out += two_columns(option_names(*option), option_description(*option));
        }
        return out;
    }

    std::string footer_;
};
}  // namespace

std::vector<std::string> braced_values(std::string_view text) {
    const std::size_t open = text.find('{');
    const std::size_t close = text.find('}', open);
    std::vector<std::string> values;
    if (open == std::string_view::npos || close == std::string_view::npos) return values;
    const std::string_view list = text.substr(open + 1, close - open - 1);
    for (std::size_t start = 0; start <= list.size();) {
        const std::size_t end = std::min(list.find(',', start), list.size());
        values.emplace_back(list.substr(start, end - start));
        start = end + 1;
    }
    return values;
}

std::vector<std::string> dashed_names(const CLI::Option& option) {
    std::vector<std::string> names;
    for (const std::string& name : option.get_snames()) names.push_back("-" + name);
    for (const std::string& name : option.get_lnames()) names.push_back("--" + name);
    return names;
}

void set_examples(CLI::App& command, std::initializer_list<std::string_view> examples) {
    command.footer(fmt::format("{}{}", kExamplesMark, fmt::join(examples, "\n")));
}

std::shared_ptr<CLI::FormatterBase> help_formatter(std::string footer) {
    return std::make_shared<HelpFormatter>(std::move(footer));
}

}  // namespace credpath::cli
