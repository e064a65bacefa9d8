# Drives zsh's completion system for check-zsh: an interactive zsh in a
# pseudo-terminal (zsh/zpty) loads the script as an autoloaded _credpath from
# $fpath, runs compinit, and records every match that completion functions
# add (record-matches.zsh). Each case types a command line, presses TAB, and
# compares the matches recorded with those expected.
#   zsh -f harness.zsh SCRIPT_DIR CASES_FILE
# CASES_FILE lines: `LINE<TAB>=|has<TAB>MATCH MATCH...`: = the matches are
# exactly these (sorted), has: they are among them.
zmodload zsh/zpty || exit 2
script_dir=$1
cases=$2
record=$script_dir/matches
zpty -b shell 'zsh -f -i'
steps=0
# Runs a command in the shell and waits until it is done.
in_shell() {
    steps=$((steps + 1))
    zpty -w shell "$1; print -r -- ready-\$(( $steps ))"
    zpty -r -m shell out "*ready-${steps}*" || { echo "FAIL: the shell did not run: $1"; exit 1; }
}
in_shell 'PS1="" PS2="" RPS1=""; unset zle_bracketed_paste; unsetopt auto_list auto_menu list_beep beep; bindkey -e'
in_shell "fpath=(${(q)script_dir} \$fpath); autoload -U compinit; compinit -u -D"
in_shell "CREDPATH_MATCHES=${(q)record}; source ${(q)${0:A:h}}/record-matches.zsh"
failed=0
passed=0
n=0
while IFS=$'\t' read -r line how wanted; do
    [[ -z $line || $line == '#'* ]] && continue
    n=$((n + 1))
    : >| $record
    # TAB completes and says so; then ^U clears the line.
    zpty -n -w shell "$line"$'\t'
    zpty -r -m shell out "*completed-$n*" || { echo "FAIL: '$line': no answer"; exit 1; }
    zpty -n -w shell $'\x15'
    got=(${(ou)${(f)"$(<$record)"}})
    want=(${(ou)=wanted})
    if [[ $how == '=' ]]; then
        if [[ ${(j: :)got} == ${(j: :)want} ]]; then passed=$((passed + 1)); continue; fi
    else
        missing=(${want:|got})
        if (( $#missing == 0 )); then passed=$((passed + 1)); continue; fi
    fi
    failed=$((failed + 1))
    print -r -- "FAIL: '$line' ($how)"
    print -r -- "  expected: ${(j: :)want}"
    print -r -- "  offered:  ${(j: :)got}"
done < $cases
zpty -d shell
print "completion-zsh: $passed passed, $failed failed"
(( failed == 0 ))
