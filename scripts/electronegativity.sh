#!/usr/bin/env bash
# Security scan of the Electron code (electron/) with @doyensec/electronegativity. Fails on any
# high-severity finding and on any lower one not accepted in docs/security.md. Works offline.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --import tsx scripts/security/electronegativity.ts electron
