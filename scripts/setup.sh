#!/usr/bin/env bash
# One-command set-up: Node 22 (from the npm package node@22 when the machine's node is older),
# the locked npm dependencies, and, as root, the Debian tools the real-tool tests run.
# Afterwards: `source scripts/env.sh` puts the right node first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE22_VERSION="22.23.3"
# Debian packages the tests drive for real (keep in sync with docs and README).
DEBIAN_PACKAGES=(keepalived haproxy iptables nftables iproute2 shellcheck cloud-init openssl curl procps psmisc python3 systemd netcat-openbsd)

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  if [ ! -x .tools/node22/node_modules/node/bin/node ]; then
    echo "setup: node $(node --version 2>/dev/null || echo missing) is older than 22; installing node@${NODE22_VERSION} into .tools/node22"
    # The node package's preinstall fetches the platform binary from the npm registry itself.
    npm install --prefix .tools/node22 --no-save --no-audit --no-fund --ignore-scripts=false "node@${NODE22_VERSION}" >/dev/null
  fi
fi
# shellcheck source=scripts/env.sh
source scripts/env.sh
echo "setup: using node $(node --version) from $(command -v node)"

npm ci --no-audit --no-fund

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "setup: not root (or no apt-get): skipping Debian packages ${DEBIAN_PACKAGES[*]}; tests that need them will skip locally"
fi
echo "setup: done"
