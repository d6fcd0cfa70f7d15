#!/usr/bin/env bash
# The whole test suite: installs what the tests need, builds with zero warnings, runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Nightshift.slnx -c Release -warnaserror -nologo -v quiet
dotnet test Nightshift.slnx -c Release --no-build --nologo "$@"
