plan -t pm-cert-agile --alternatives 2 --minimize weeks --as-of 2026-11-28 --format json
