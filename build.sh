#!/usr/bin/env bash
# Runs the F# build graph (build/): ./build.sh [Target] [--profile smoke|quick|paper] [--spec FILE|GLOB] [--jobs N]
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet run --project build/Build.fsproj -c Release -- "$@"
