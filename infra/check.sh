#!/usr/bin/env bash
# Offline checks for the Bicep templates, as run by CI: compile, lint, formatting, and a type check of
# main.parameters.json against main.bicep. Fails on any error or warning.
# BICEP points at the Bicep CLI (default: the NuGet package location, see infra/README.md).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bicep="${BICEP:-$HOME/.nuget/packages/azure.bicep.commandline.linux-x64/0.49.2/tools/bicep}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$bicep" --version

# 1. Compile. Linter errors (bicepconfig.json raises most rules to error) fail the build.
"$bicep" build "$here/main.bicep" --stdout >"$work/main.json" 2>"$work/build.txt" || { cat "$work/build.txt"; exit 1; }
cat "$work/build.txt"

# 2. Lint. The CLI exits 0 on warnings, so warnings are caught from the output.
"$bicep" lint "$here/main.bicep" >"$work/lint.txt" 2>&1 || { cat "$work/lint.txt"; exit 1; }
cat "$work/lint.txt"
if grep -qE ' : (Warning|Error) ' "$work/build.txt" "$work/lint.txt"; then
  echo "Bicep reported warnings: fix them or explain them in infra/README.md." >&2
  exit 1
fi

# 3. Formatting: every .bicep file as `bicep format` writes it.
for file in "$here"/main.bicep "$here"/modules/*.bicep; do
  if ! "$bicep" format "$file" --stdout | diff -u "$file" - >"$work/format.diff"; then
    cat "$work/format.diff"
    echo "Not formatted: run bicep format ${file#"$here"/}" >&2
    exit 1
  fi
done

# 4. Parameter file: turn it into a .bicepparam next to a copy of the templates (the 'using' path must be
#    relative) and compile that, which checks names, types and allowed values. environmentName is a
#    deployment-time parameter, so a placeholder stands in for it.
cp -r "$here" "$work/infra"
"$bicep" decompile-params "$work/infra/main.parameters.json" --bicep-file "$work/infra/main.bicep" >/dev/null 2>&1
echo "param environmentName = 'ci'" >>"$work/infra/main.parameters.bicepparam"
"$bicep" build-params "$work/infra/main.parameters.bicepparam" --stdout >/dev/null

echo "Bicep checks passed."
