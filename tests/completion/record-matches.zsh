# Sourced in the interactive zsh that harness.zsh drives: every match that a
# completion function adds for real (not the compadd -O/-A/-D calls that only
# ask which would match) is appended to the file $CREDPATH_MATCHES; with
# $CREDPATH_DEBUG set, each such call is logged in that file too.
compadd() {
    if [[ ${(j: :)@} == *(-O|-A|-D)* ]]; then
        builtin compadd "$@"
        return
    fi
    local -a hits
    builtin compadd -O hits "$@"
    (( $#hits )) && print -rl -- $hits >>$CREDPATH_MATCHES
    [[ -n $CREDPATH_DEBUG ]] && print -r -- "compadd $* PREFIX=$PREFIX IPREFIX=$IPREFIX hits=$hits" >>$CREDPATH_DEBUG
    builtin compadd "$@"
}

# TAB completes, then says so under the line ("completed-N", N counting the
# TABs), so that harness.zsh types the next line only once this one is done:
# typing ahead of a completion could change what it does.
credpath_test_tabs=0
credpath-test-complete() {
    zle complete-word
    credpath_test_tabs=$((credpath_test_tabs + 1))
    zle -M "completed-$credpath_test_tabs"
}
zle -N credpath-test-complete
bindkey '^I' credpath-test-complete
