plan -t eu-msc --as-of 2026-11-28 --minimize count --format markdown
