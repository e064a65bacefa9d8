explain -c catalogs pm-diploma --have pm-fund,pm-scheduling,pm-risk --as-of 2026-11-28
