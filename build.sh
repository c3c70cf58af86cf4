#!/usr/bin/env bash
# Runs the F# build graph (build/): ./build.sh [Target] [--profile smoke|quick|paper|base] [--spec FILE|GLOB] [--jobs N]
# The build project is rebuilt only when a source under build/, harness/ or core/ (or the shared props) changed.
set -euo pipefail
cd "$(dirname "$0")"
exe=build/bin/Release/net10.0/linux-x64/build.dll
if [ ! -f "$exe" ] || [ -n "$(find build harness core tools Directory.*.props Directory.Build.targets \
      \( -name bin -o -name obj \) -prune -o -type f -newer "$exe" -print -quit)" ]; then
  dotnet build build/Build.fsproj -c Release --nologo -v quiet -clp:ErrorsOnly
fi
exec dotnet "$exe" "$@"
