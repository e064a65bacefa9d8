explain pm-diploma --have pm-agile-fund,pm-kanban,pm-scrum-selfpaced,pm-lead-fund,pm-negotiation,pm-comm --as-of 2026-11-28
