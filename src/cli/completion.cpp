// credpath completion: a bash, zsh or fish completion script, made at run time
// from the command line's own tree of commands and options, so that it never
// drifts from the parser. Credential ids complete from the catalog the command
// line names, through `credpath list --ids`.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <string_view>
#include <utility>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "credpath/model/model.hpp"

#ifndef CREDPATH_VERSION
#define CREDPATH_VERSION "0.0.0"
#endif

namespace credpath::cli {

namespace {

// What completes a value.
enum class Values { Free, Choices, Ids, Files, Directories };

// An option, or a positional argument (no names).
struct Slot {
    std::vector<std::string> names;  // "-t", "--target"
    std::string label;               // what the value is called: "target", "ID"
    std::string help;
    bool flag = false;  // takes no value
    bool repeats = false;
    Values values = Values::Free;
    std::vector<std::string> choices;
    std::string separators;  // a list's: the item after the last one completes
};

struct Command {
    std::string path;                                              // "" for credpath itself, "plan", "import ctdl"
    std::vector<std::pair<std::string, std::string>> subcommands;  // name, help
    std::vector<Slot> options;
    std::vector<Slot> positionals;
};

// What the parser cannot say: which values are credential ids, files or
// folders, and the kinds (checked after parsing, as a list). By an option's
// first long name or a positional's name.
struct KnownValues {
    std::string_view name;
    Values values;
    std::string_view separators;
};
constexpr KnownValues kKnownValues[] = {
    {"target", Values::Ids, ","},    {"have", Values::Ids, ","},      {"exclude", Values::Ids, ","},
    {"include", Values::Ids, ","},   {"apply", Values::Ids, ",="},    {"ID", Values::Ids, ","},
    {"catalog", Values::Files, ""},  {"rates", Values::Files, ""},    {"profile", Values::Files, ""},
    {"output", Values::Files, ""},   {"requests", Values::Files, ""}, {"summary-file", Values::Files, ""},
    {"REQUESTS", Values::Files, ""}, {"FILES", Values::Files, ""},    {"OLD", Values::Files, ""},
    {"NEW", Values::Files, ""},      {"path", Values::Files, ""},     {"cache-dir", Values::Directories, ""},
    {"kind", Values::Choices, ","},
};

// "{a,b,c}", the description CLI11 gives a CLI::IsMember check (and prints in
// --help and its "not in" messages), as its values.
std::vector<std::string> member_set(const std::string& description) {
    if (description.size() < 2 || description.front() != '{' || description.back() != '}') return {};
    return braced_values(description);
}

Slot slot_of(CLI::Option* option) {
    Slot slot;
    slot.names = dashed_names(*option);
    slot.label = option->get_lnames().empty() ? option->get_name(true) : option->get_lnames().front();
    if (slot.label.empty() && !option->get_snames().empty()) slot.label = option->get_snames().front();
    slot.help = option->get_description();
    slot.flag = option->get_positional() ? false : option->get_items_expected_max() == 0;
    slot.repeats = option->get_expected_max() > 1;
    if (slot.flag) return slot;
    for (int i = 0;; ++i) {
        std::string description;
        try {
            description = option->get_validator(i)->get_description();
        } catch (const CLI::OptionNotFound&) {  // CLI11 says how many checks there are no other way
            break;
        }
        if (std::vector<std::string> set = member_set(description); !set.empty()) {
            slot.values = Values::Choices;
            slot.choices = std::move(set);
        } else if (description == "FILE") {
            slot.values = Values::Files;
        } else if (description == "DIR") {
            slot.values = Values::Directories;
        }
    }
    for (const KnownValues& known : kKnownValues)
        if (known.name == slot.label) {
            slot.values = known.values;
            slot.separators = known.separators;
        }
    if (slot.label == "kind")
        for (std::string_view kind : names_in(kKinds)) slot.choices.emplace_back(kind);
    return slot;
}

void collect(CLI::App& app, const std::string& path, std::vector<Command>& commands) {
    Command command;
    command.path = path;
    const std::vector<CLI::App*> subcommands = app.get_subcommands([](CLI::App*) { return true; });
    for (CLI::App* sub : subcommands) command.subcommands.emplace_back(sub->get_name(), sub->get_description());
    for (CLI::Option* option : app.get_options([](CLI::Option*) { return true; }))
        (option->nonpositional() ? command.options : command.positionals).push_back(slot_of(option));
    commands.push_back(std::move(command));
    for (CLI::App* sub : subcommands)
        collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), commands);
}

// The options that say which catalog a command reads, as add_catalog_option
// makes them: `list --ids` is given them to list the ids of that catalog.
struct CatalogWords {
    std::vector<std::string> valued;  // "-c", "--catalog", "--rates"...
    std::vector<std::string> flags;   // "--no-cache"
};
CatalogWords catalog_words() {
    CLI::App scratch;
    CatalogSettings settings;
    add_catalog_option(scratch, settings);
    CatalogWords words;
    for (CLI::Option* option : scratch.get_options([](CLI::Option*) { return true; })) {
        if (option == scratch.get_help_ptr()) continue;
        const Slot slot = slot_of(option);
        auto& into = slot.flag ? words.flags : words.valued;
        into.insert(into.end(), slot.names.begin(), slot.names.end());
    }
    return words;
}

// 'text' as one shell word (bash, zsh and fish read single quotes alike,
// except that fish also takes \' and \\ inside them).
std::string shell_quoted(std::string_view text, bool fish = false) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += fish ? "\\'" : "'\\''";
        else if (c == '\\' && fish)
            out += "\\\\";
        else
            out += c;
    }
    return out + "'";
}

std::string quoted_words(const std::vector<std::string>& words, bool fish = false) {
    std::string out;
    for (const std::string& word : words) out += (out.empty() ? "" : " ") + shell_quoted(word, fish);
    return out;
}

std::string_view values_word(Values values) {
    switch (values) {
        case Values::Choices:
            return "choices";
        case Values::Ids:
            return "ids";
        case Values::Files:
            return "files";
        case Values::Directories:
            return "dirs";
        case Values::Free:
            break;
    }
    return "free";
}

std::string header(std::string_view shell, std::string_view install) {
    return fmt::format(
        "# {} completion for credpath, made by `credpath completion {}` from the commands and\n"
        "# options of credpath {}: make it again after an upgrade. Install:\n"
        "#   {}\n",
        shell, shell, CREDPATH_VERSION, install);
}

// ---------------------------------------------------------------- bash

// Case arms "pattern|pattern) body ;;", one per distinct body, in order of
// first use, so that options shared by many commands make one arm.
class Arms {
public:
    void add(const std::string& pattern, const std::string& body) {
        auto found = std::find_if(arms_.begin(), arms_.end(), [&](const auto& arm) { return arm.second == body; });
        if (found == arms_.end())
            arms_.push_back({{pattern}, body});
        else
            found->first.push_back(pattern);
    }
    // bash: "a|b) body ;;"; fish: "case a b" with the body below.
    std::string text(std::string_view indent, bool fish = false) const {
        std::string out;
        for (const auto& [patterns, body] : arms_)
            out += fish ? fmt::format("{}case {}\n{}    {}\n", indent, fmt::join(patterns, " "), indent, body)
                        : fmt::format("{}{}) {} ;;\n", indent, fmt::join(patterns, "|"), body);
        return out;
    }

private:
    std::vector<std::pair<std::vector<std::string>, std::string>> arms_;
};

std::string bash_values(const Slot& slot) {
    std::string body = fmt::format("_credpath_k={}", values_word(slot.values));
    if (!slot.separators.empty()) body += " _credpath_s=" + shell_quoted(slot.separators);
    if (!slot.choices.empty()) body += " _credpath_r=(" + quoted_words(slot.choices) + ")";
    return body;
}

constexpr std::string_view kBashLogic = R"BASH(
# The words as typed: bash splits them at = and : (COMP_WORDBREAKS), which
# --format=json and ids such as cert:x hold; whitespace alone separates here.
_credpath_words() {
    local line=${COMP_LINE:0:COMP_POINT} word i
    _credpath_w=()
    for ((i = 0; i <= COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if ((i > 0)) && [[ $line != [[:space:]]* ]]; then
            _credpath_w[${#_credpath_w[@]} - 1]+=$word
        else
            _credpath_w+=("$word")
        fi
        line=${line#"${line%%[![:space:]]*}"}
        line=${line#"$word"}
    done
}

# The credential ids of the catalog the words name (-c and the rest, else the
# default one), one a line; nothing when it cannot be read.
_credpath_ids() {
    local -a args=()
    local i word bin=${_credpath_w[0]/#\~/"$HOME"}
    for ((i = 1; i < ${#_credpath_w[@]} - 1; i++)); do
        word=${_credpath_w[i]}
        _credpath_catalog_option "$word"
        case $? in
            0) args+=("$word" "${_credpath_w[i + 1]/#\~/"$HOME"}"); i=$((i + 1)) ;;
            1) args+=("${word/#\~/"$HOME"}") ;;
        esac
    done
    # The credpath typed (./build/credpath), unless it is no program (an alias).
    type -P -- "$bin" >/dev/null 2>&1 || bin=credpath
    "$bin" list --ids "${args[@]}" 2>/dev/null
}

# Adds to COMPREPLY each candidate that starts with $2, after the prefix $1,
# less what bash will not replace (before a = or a :).
_credpath_add() {
    local prefix=$1 typed=$2 candidate
    shift 2
    for candidate; do
        [[ $candidate == "$typed"* ]] || continue
        candidate=$prefix$candidate
        COMPREPLY+=("${candidate#"$_credpath_strip"}")
    done
}

# Completes the value $1 (after the prefix $2) as _credpath_value or
# _credpath_positional described it.
_credpath_complete() {
    local value=$1 prefix=$2 head=''
    local -a found=()
    if [[ -n $_credpath_s ]]; then
        # A list: the item after the last separator completes.
        head=${value%"${value##*["$_credpath_s"]}"}
        value=${value#"$head"}
    fi
    case $_credpath_k in
        choices) _credpath_add "$prefix$head" "$value" "${_credpath_r[@]}" ;;
        ids) mapfile -t found < <(_credpath_ids)
            _credpath_add "$prefix$head" "$value" "${found[@]}" ;;
        files|dirs) compopt -o filenames 2>/dev/null
            if [[ $_credpath_k == files ]]; then mapfile -t found < <(compgen -f -- "$value")
            else mapfile -t found < <(compgen -d -- "$value"); fi
            _credpath_add "$prefix$head" "" "${found[@]}" ;;
    esac
}

_credpath() {
    local -a _credpath_w=() _credpath_r=()
    local _credpath_k='' _credpath_s='' _credpath_strip command='' valued='' cur raw word i n=0 last
    COMPREPLY=()
    _credpath_words
    last=$((${#_credpath_w[@]} - 1))
    cur=${_credpath_w[last]}
    raw=${COMP_WORDS[COMP_CWORD]}
    [[ $raw == [=:] ]] && raw=''
    _credpath_strip=${cur%"$raw"}
    # The command the words name, how many arguments it has so far, and
    # whether the current word is the value of an option.
    for ((i = 1; i < last; i++)); do
        word=${_credpath_w[i]}
        if [[ $word == -* ]]; then
            # Its value is the next word, unless it is in this one (--format=json, -cPATH).
            [[ $word == *=* || ($word != --* && ${#word} -gt 2) ]] && continue
            _credpath_value "$command" "$word" || continue
            if ((i + 1 == last)); then valued=$word; break; fi
            i=$((i + 1))
        elif _credpath_subcommands "$command" && [[ " ${_credpath_r[*]} " == *" $word "* ]]; then
            command=${command:+$command }$word
            n=0
        else
            n=$((n + 1))
        fi
    done
    if [[ -n $valued ]]; then
        _credpath_value "$command" "$valued" && _credpath_complete "$cur" ''
    elif [[ $cur == --*=* ]]; then
        _credpath_value "$command" "${cur%%=*}" && _credpath_complete "${cur#*=}" "${cur%%=*}="
    elif [[ $cur == -* ]]; then
        _credpath_options "$command"
        _credpath_add '' "$cur" "${_credpath_r[@]}"
    elif _credpath_subcommands "$command"; then
        _credpath_add '' "$cur" "${_credpath_r[@]}"
    elif _credpath_positional "$command" "$n"; then
        _credpath_complete "$cur" ''
    elif [[ -z $cur ]]; then
        # Nothing but options left to give.
        _credpath_options "$command"
        _credpath_add '' '' "${_credpath_r[@]}"
    fi
    return 0
}

complete -F _credpath credpath
)BASH";

std::string bash_script(const std::vector<Command>& commands, const CatalogWords& catalog) {
    Arms subcommands;
    Arms options;
    Arms values;
    Arms positionals;
    for (const Command& command : commands) {
        const std::string name = shell_quoted(command.path);
        if (!command.subcommands.empty()) {
            std::vector<std::string> names;
            for (const auto& [sub, help] : command.subcommands) names.push_back(sub);
            subcommands.add(name, "_credpath_r=(" + quoted_words(names) + ")");
        }
        std::vector<std::string> names;
        for (const Slot& option : command.options) {
            names.insert(names.end(), option.names.begin(), option.names.end());
            if (option.flag) continue;
            for (const std::string& each : option.names)
                values.add(shell_quoted(command.path + "|" + each), bash_values(option));
        }
        options.add(name, "_credpath_r=(" + quoted_words(names) + ")");
        for (std::size_t i = 0; i < command.positionals.size(); ++i) {
            const Slot& slot = command.positionals[i];
            const bool last = i + 1 == command.positionals.size();
            // The last one takes every further argument when it repeats.
            positionals.add(shell_quoted(command.path + "|") + (last && slot.repeats ? "*" : std::to_string(i)),
                            bash_values(slot));
        }
    }
    std::vector<std::string> attached;  // -cPATH, --catalog=PATH
    for (const std::string& name : catalog.valued) attached.push_back(name.size() == 2 ? name + "?*" : name + "=*");
    std::string out = header("bash", "credpath completion bash > ~/.local/share/bash-completion/completions/credpath");
    out += fmt::format(R"SH(
# ---- made from the command line's options

# The subcommands of command $1 ('' is credpath itself) in _credpath_r.
_credpath_subcommands() {{
    case $1 in
{}        *) return 1 ;;
    esac
}}

# The option names of command $1 in _credpath_r.
_credpath_options() {{
    case $1 in
{}        *) _credpath_r=() ;;
    esac
}}

# Whether option $2 of command $1 takes a value; then _credpath_k says what
# completes it (choices in _credpath_r, ids, files, dirs or free) and
# _credpath_s what separates the items of a list.
_credpath_value() {{
    _credpath_k='' _credpath_s='' _credpath_r=()
    case "$1|$2" in
{}        *) return 1 ;;
    esac
}}

# The same for argument $2 (from 0) of command $1.
_credpath_positional() {{
    _credpath_k='' _credpath_s='' _credpath_r=()
    case "$1|$2" in
{}        *) return 1 ;;
    esac
}}

# 0 when $1 is a catalog option whose value is the next word, 1 when it is
# one whole in the word; `list --ids` is given them.
_credpath_catalog_option() {{
    case $1 in
        {}) return 0 ;;
        {}) return 1 ;;
    esac
    return 2
}}
)SH",
                       subcommands.text("        "), options.text("        "), values.text("        "),
                       positionals.text("        "), fmt::join(catalog.valued, "|"),
                       fmt::format("{}|{}", fmt::join(attached, "|"), fmt::join(catalog.flags, "|")));
    out += "\n# ---- the completion itself\n";
    out += kBashLogic;
    return out;
}

// ---------------------------------------------------------------- zsh

// Text inside an _arguments description: brackets and colons escaped.
std::string zsh_described(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

std::string zsh_action(const Slot& slot) {
    switch (slot.values) {
        case Values::Choices:
            if (!slot.separators.empty())
                return fmt::format("_values -s {} {} {}", shell_quoted(slot.separators), slot.label,
                                   fmt::join(slot.choices, " "));
            return fmt::format("({})", fmt::join(slot.choices, " "));
        case Values::Ids:
            return "{_credpath_ids " + slot.separators + "}";  // braces: no options put before ours
        case Values::Files:
            return "_files";
        case Values::Directories:
            return "_files -/";
        case Values::Free:
            break;
    }
    return " ";  // a message alone
}

// One _arguments spec, as shell words: '(-t --target)'{-t+,--target=}'[help]:target:action'.
std::string zsh_spec(const Slot& slot) {
    std::vector<std::string> names;
    for (const std::string& name : slot.names) names.push_back(name + (slot.flag ? "" : name.size() == 2 ? "+" : "="));
    std::string spec;
    if (slot.repeats && !slot.flag)
        spec = "'*'";
    else if (names.size() > 1)
        spec = fmt::format("'({})'", fmt::join(slot.names, " "));
    std::string rest = "[" + zsh_described(slot.help) + "]";
    if (!slot.flag) rest += ":" + slot.label + ":" + zsh_action(slot);
    if (names.size() == 1) return spec + shell_quoted(names.front() + rest);
    return spec + fmt::format("{{{}}}", fmt::join(names, ",")) + shell_quoted(rest);
}

std::string zsh_function_name(const std::string& path) {
    std::string name = "_credpath_cmd_" + path;
    std::replace(name.begin(), name.end(), ' ', '_');
    return name;
}

std::string zsh_command(const Command& command) {
    std::vector<std::string> specs;
    for (const Slot& option : command.options) specs.push_back(zsh_spec(option));
    std::string out = fmt::format("{}() {{\n", zsh_function_name(command.path));
    if (command.subcommands.empty()) {
        for (std::size_t i = 0; i < command.positionals.size(); ++i) {
            Slot slot = command.positionals[i];
            std::transform(slot.label.begin(), slot.label.end(), slot.label.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            const bool repeats = i + 1 == command.positionals.size() && slot.repeats;
            specs.push_back(shell_quoted((repeats ? "*:" : ":") + slot.label + ":" + zsh_action(slot)));
        }
        out += "    _arguments";
        for (const std::string& spec : specs) out += " \\\n        " + spec;
        return out + "\n}\n";
    }
    out +=
        "    local curcontext=$curcontext state state_descr line ret=1\n"
        "    typeset -A opt_args\n"
        "    _arguments -C";
    for (const std::string& spec : specs) out += " \\\n        " + spec;
    out += " \\\n        '1: :->command' \\\n        '*:: :->argument' && ret=0\n";
    out += "    case $state in\n        (command)\n            local -a commands=(\n";
    for (const auto& [name, help] : command.subcommands)
        out += "                " + shell_quoted(name + ":" + help) + "\n";
    out +=
        fmt::format("            )\n            _describe -t commands {} commands && ret=0 ;;\n",
                    shell_quoted(command.path.empty() ? "credpath command" : "credpath " + command.path + " command"));
    out +=
        "        (argument)\n"
        "            curcontext=${curcontext%:*:*}:credpath-${words[1]}:\n"
        "            case $words[1] in\n";
    for (const auto& [name, help] : command.subcommands)
        out += fmt::format("                ({}) {} && ret=0 ;;\n", name,
                           zsh_function_name(command.path.empty() ? name : command.path + " " + name));
    out += "            esac ;;\n    esac\n    return ret\n}\n";
    return out;
}

std::string zsh_script(const std::vector<Command>& commands, const CatalogWords& catalog) {
    std::vector<std::string> attached;  // -cPATH, --catalog=PATH
    for (const std::string& name : catalog.valued) attached.push_back(name.size() == 2 ? name + "?*" : name + "=*");
    attached.insert(attached.end(), catalog.flags.begin(), catalog.flags.end());
    std::string out = "#compdef credpath\n";
    out += header("zsh",
                  "credpath completion zsh > ~/.zfunc/_credpath   (with fpath+=(~/.zfunc) before compinit)\n"
                  "#   or, after compinit: source <(credpath completion zsh)");
    out += fmt::format(R"SH(
# The credential ids of the catalog the command line names (-c and the rest,
# else the default one), after the last of the separators $1 in the word.
_credpath_ids() {{
    local -a args ids expl
    local i word bin=${{_credpath_bin/#\~/$HOME}}
    for ((i = 1; i < CURRENT; i++)); do
        word=${{(Q)words[i]}}
        case $word in
            ({}) args+=("$word" "${{${{(Q)words[i + 1]}}/#\~/$HOME}}"); ((i++)) ;;
            ({}) args+=("${{word/#\~/$HOME}}") ;;
        esac
    done
    # The credpath typed (./build/credpath), unless it is no program (an alias).
    (( $+commands[$bin] )) || [[ -x $bin ]] || bin=credpath
    ids=(${{(f)"$("$bin" list --ids "${{args[@]}}" 2>/dev/null)"}})
    [[ -n $1 ]] && compset -P "*[$1]"
    _wanted credential-ids expl 'credential id' compadd -a ids
}}

# ---- made from the command line's options
)SH",
                       fmt::join(catalog.valued, "|"), fmt::join(attached, "|"));
    for (const Command& command : commands) out += "\n" + zsh_command(command);
    out += R"SH(
_credpath() {
    local _credpath_bin=${(Q)words[1]}
    _credpath_cmd_ "$@"
}

# Autoloaded from $fpath, or sourced after compinit.
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _credpath "$@"
else
    compdef _credpath credpath
fi
)SH";
    return out;
}

// ---------------------------------------------------------------- fish

std::string fish_values(const Slot& slot) {
    switch (slot.values) {
        case Values::Choices:
            if (!slot.separators.empty())
                return fmt::format("-x -a {}", shell_quoted(fmt::format("(__credpath_items {} {})",
                                                                        shell_quoted(slot.separators, true),
                                                                        fmt::join(slot.choices, " ")),
                                                            true));
            return "-x -a " + shell_quoted(fmt::format("{}", fmt::join(slot.choices, " ")), true);
        case Values::Ids:
            return "-x -a " +
                   shell_quoted(fmt::format("(__credpath_ids {})", shell_quoted(slot.separators, true)), true);
        case Values::Files:
            return "-r -F";
        case Values::Directories:
            return "-x -a '(__fish_complete_directories)'";
        case Values::Free:
            break;
    }
    return "-x";
}

std::string fish_script(const std::vector<Command>& commands, const CatalogWords& catalog) {
    Arms takes_value;
    Arms subcommands;
    std::string lines;
    for (const Command& command : commands) {
        const std::string condition =
            "-n " + shell_quoted("__credpath_using " + shell_quoted(command.path, true), true);
        if (!command.subcommands.empty()) {
            std::vector<std::string> names;
            for (const auto& [name, help] : command.subcommands) {
                names.push_back(name);
                lines += fmt::format("complete -c credpath {} -a {} -d {}\n", condition, shell_quoted(name, true),
                                     shell_quoted(help, true));
            }
            subcommands.add(shell_quoted(command.path, true), "printf '%s\\n' " + quoted_words(names, true));
        }
        for (const Slot& option : command.options) {
            std::string names;
            for (const std::string& name : option.names) {
                names += name.size() == 2 ? " -s " + name.substr(1) : " -l " + name.substr(2);
                if (!option.flag) takes_value.add(shell_quoted(command.path + "|" + name, true), "return 0");
            }
            lines += fmt::format("complete -c credpath {}{} -d {}{}\n", condition, names,
                                 shell_quoted(option.help, true), option.flag ? "" : " " + fish_values(option));
        }
        // Arguments: what the first one takes (those of one command are alike).
        if (!command.positionals.empty()) {
            const Slot& slot = command.positionals.front();
            if (slot.values == Values::Files)
                lines += fmt::format("complete -c credpath {} -F\n", condition);
            else if (slot.values != Values::Free)
                lines += fmt::format("complete -c credpath {} {}\n", condition,
                                     fish_values(slot).substr(3));  // without -x: no option before it
        }
    }
    std::vector<std::string> valued_patterns;
    for (const std::string& name : catalog.valued) valued_patterns.push_back(shell_quoted(name, true));
    std::vector<std::string> attached;  // -cPATH, --catalog=PATH
    for (const std::string& name : catalog.valued)
        attached.push_back(shell_quoted(name.size() == 2 ? name + "*" : name + "=*", true));
    for (const std::string& name : catalog.flags) attached.push_back(shell_quoted(name, true));
    std::string out = header("fish", "credpath completion fish > ~/.config/fish/completions/credpath.fish");
    out += fmt::format(R"SH(
# ---- made from the command line's options

# Whether option $argv[2] of command $argv[1] takes a value.
function __credpath_takes_value
    switch "$argv[1]|$argv[2]"
{}    end
    return 1
end

# The subcommands of command $argv[1] ('' is credpath itself).
function __credpath_subcommands
    switch "$argv[1]"
{}    end
end

# The ids of the catalog the command line names (-c and the rest, else the
# default one).
function __credpath_catalog_ids
    set -l tokens (commandline -opc)
    set -l args
    set -l i 2
    while test $i -le (count $tokens)
        set -l token $tokens[$i]
        switch $token
            case {}
                set i (math $i + 1)
                test $i -le (count $tokens); and set -a args $token (string replace -r -- '^~' $HOME $tokens[$i])
            case {}
                set -a args (string replace -r -- '^~' $HOME $token)
        end
        set i (math $i + 1)
    end
    # The credpath typed (./build/credpath), unless it is no program (an alias).
    set -l bin (string replace -r -- '^~' $HOME $tokens[1])
    command -q -- $bin; or set bin credpath
    command $bin list --ids $args 2>/dev/null
end
)SH",
                       takes_value.text("        ", true), subcommands.text("        ", true),
                       fmt::join(valued_patterns, " "), fmt::join(attached, " "));
    out += R"SH(
# The command the line names: '', plan, import ctdl...
function __credpath_command
    set -l command ''
    set -l skip 0
    for token in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $token
            case '--*=*'
                continue
            case '--*'
                __credpath_takes_value "$command" $token; and set skip 1
                continue
            case '-*'
                test (string length -- $token) -eq 2; and __credpath_takes_value "$command" $token; and set skip 1
                continue
        end
        if contains -- $token (__credpath_subcommands "$command")
            set command (string trim -- "$command $token")
        end
    end
    echo $command
end

function __credpath_using
    set -l command (__credpath_command)
    test "$command" = "$argv[1]"
end

# The items $argv[2..], each after what the current word holds up to the last
# of the separators $argv[1] (--kind course,cert completes as course,certificate).
function __credpath_items
    set -l word (string replace -r -- '^--[^=]*=' '' (commandline -ct))
    set -l head (string match -r -- '^.*['$argv[1]']' $word)
    for item in $argv[2..-1]
        echo "$head$item"
    end
end

function __credpath_ids
    __credpath_items $argv[1] (__credpath_catalog_ids)
end

# ---- what completes what
complete -c credpath -f
)SH";
    out += lines;
    return out;
}

}  // namespace

void add_completion(CLI::App& app, Action& action, Context& context) {
    auto shell = std::make_shared<std::string>();
    CLI::App* command = app.add_subcommand(
        "completion", "Print a completion script for bash, zsh or fish (credential ids complete from the catalog)");
    command->add_option("SHELL", *shell, "The shell: bash, zsh or fish")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    set_examples(*command, {"source <(credpath completion bash)", "credpath completion zsh > _credpath",
                            "credpath completion fish > credpath.fish"});
    command->callback([shell, &app, &action, &context] {
        action = [shell, &app, &context] {
            std::vector<Command> commands;
            collect(app, "", commands);
            const CatalogWords catalog = catalog_words();
            if (*shell == "zsh")
                context.output.write(zsh_script(commands, catalog));
            else if (*shell == "fish")
                context.output.write(fish_script(commands, catalog));
            else
                context.output.write(bash_script(commands, catalog));
            return exit_code(ExitCode::Success);
        };
    });
}

}  // namespace credpath::cli
