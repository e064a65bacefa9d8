options --have dai-py-fund-ncc --as-of 2026-12-07 --width 60
