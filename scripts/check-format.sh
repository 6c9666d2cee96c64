#!/usr/bin/env bash
# Checks that every Swift file follows .swift-format (the toolchain's `swift format`).
# Fix with: swift format format --in-place --recursive Sources Tests Package.swift
set -euo pipefail
cd "$(dirname "$0")/.."
if ! swift format --version >/dev/null 2>&1; then
  echo "check-format: swift format is not in this toolchain"; exit 1
fi
swift format lint --strict --recursive Sources Tests Package.swift
echo "check-format: ok"
