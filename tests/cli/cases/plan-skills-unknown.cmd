plan --skills pyhton,sql,quantum-baking --as-of 2026-11-28
