plan -c tests/cli/fixtures/folder-with-profile -t data-cert --as-of 2026-12-07
