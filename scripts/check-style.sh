#!/usr/bin/env bash
# Kyodo's style check: `./dev test` runs it before the tests, and it runs alone as
#   scripts/check-style.sh [--no-restore]
#
#  1. Line length: every tracked C# and Razor line at most 140 characters (.editorconfig's
#     max_line_length), counted in characters, not bytes: much of the code holds Japanese, three
#     bytes a character in UTF-8. EF Core's generated migrations (*/Data/Migrations/) are exempt.
#  2. `dotnet format --verify-no-changes --severity warn`: whitespace and layout as .editorconfig
#     describes them, the using order, and its rules at warning. The build does not run those rules
#     (no EnforceCodeStyleInBuild): this check is where they are kept.
#
# Fails naming every file:line that breaks a rule. --no-restore: the solution is restored already
# (`./dev test` builds it first).
set -euo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
MAX_LINE=140
restore=()
[[ ${1:-} == --no-restore ]] && restore=(--no-restore)

status=0
started=$SECONDS
# 1. Line length. perl -CSD reads the files as UTF-8, so length() counts characters.
long=$(git ls-files -z -- '*.cs' '*.razor' ':!:*/Data/Migrations/*' \
  | xargs -0 perl -CSD -ne 'chomp; s/\r$//; printf "%s:%d: %d characters (at most %d)\n", $ARGV, $., length, '"$MAX_LINE"' if length > '"$MAX_LINE"'; close ARGV if eof')
if [[ -n $long ]]; then
  printf '%s\n' "$long" >&2
  printf 'check-style: %d lines longer than %d characters\n' "$(printf '%s\n' "$long" | wc -l)" "$MAX_LINE" >&2
  status=1
fi

# 2. dotnet format: whitespace, using order and the rules at warning; --verify-no-changes changes no file.
if ! dotnet format Kyodo.sln --verify-no-changes --severity warn "${restore[@]}"; then
  echo "check-style: dotnet format would change the files above: run \`dotnet format Kyodo.sln --severity warn\` and commit what it changes" >&2
  status=1
fi

if (( status == 0 )); then
  printf 'check-style: ok (lines ≤ %d characters, dotnet format clean) in %d s\n' "$MAX_LINE" $((SECONDS - started))
fi
exit $status
