# What the completion checks complete from, made in a scratch directory
# (removed at exit): sourced by check-bash, check-zsh and check-fish after they
# set $credpath and cd to the source tree.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CACHE_HOME=$scratch/cache NO_COLOR=1 TZ=UTC
unset CREDPATH_CATALOG
# `credpath` on PATH is the one under test.
mkdir "$scratch/bin" && ln -s "$credpath" "$scratch/bin/credpath"
export PATH=$scratch/bin:$PATH

export ids_catalog=tests/data/exclusions/antirequisites.yaml
all_ids=(calc-1 calc-applied data-ethics math-pair quant-minor stats-101 stats-bridge stats-fast)
# Ids with a colon, which bash splits words at.
export colon_catalog=$scratch/colon.yaml
cat >"$colon_catalog" <<'YAML'
format: credpath/1
catalog: {name: Colons, currency: EUR, credit_unit: ECTS}
credentials:
  - {id: "cert:a", title: A, kind: course, provider: P, cost: 1, hours: 1, weeks: 1, credits: 1}
  - {id: "cert:b", title: B, kind: course, provider: P, cost: 1, hours: 1, weeks: 1, credits: 1}
YAML
# Two files in other currencies load together only with --rates.
export rates_args="-c tests/data/rates/lakeshore.yaml -c tests/data/rates/emerald-coast.yaml --rates tests/data/rates/rates.yaml"
export rates_args_without="-c tests/data/rates/lakeshore.yaml -c tests/data/rates/emerald-coast.yaml"
# Files and a directory to complete.
export files_dir=$scratch/files
mkdir -p "$files_dir/outdir"
touch "$files_dir/out-a.json" "$files_dir/out-b.txt"
