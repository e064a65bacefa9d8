explain eu-msc --have eu-data-literacy --as-of 2026-11-28 --depth 1
