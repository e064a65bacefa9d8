options --as-of 2026-11-28 --kind degree --format csv --sort progress --have hc-ehr-fund
