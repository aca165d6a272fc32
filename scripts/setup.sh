#!/usr/bin/env bash
# First-use set-up, safe to run any time and quick when everything is there:
#   - Node 22 (from the npm package node@22 into .tools/node22 when the machine's node is older),
#   - the locked npm dependencies (npm ci, only when node_modules differs from package-lock.json),
#   - as root, the Debian tools the real-tool tests drive (unless --no-debian).
# `npm test` and `npm run synth` run it first (--exec), so a fresh clone needs no other step and
# no `source`: the command after --exec runs with the right node first on PATH.
#
# usage: bash scripts/setup.sh [--no-debian] [--exec COMMAND [ARGS...]]
set -euo pipefail
cd "$(dirname "$0")/.."

NODE22_VERSION="22.23.3"
NODE22_BIN="$PWD/.tools/node22/node_modules/node/bin"
# Debian packages the tests drive for real (keep in sync with docs and README).
DEBIAN_PACKAGES=(keepalived haproxy iptables nftables iproute2 shellcheck cloud-init openssl curl procps psmisc python3 systemd netcat-openbsd)

debian=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --no-debian) debian=no; shift ;;
    --exec) shift; break ;;
    *) echo "setup: unknown option $1 (usage: bash scripts/setup.sh [--no-debian] [--exec COMMAND...])" >&2; exit 2 ;;
  esac
done

fail() {
  echo "setup: error: $*" >&2
  exit 1
}

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# 1. Node 22. The project's copy goes first on PATH when the machine's node is older.
if [ "$(node_major)" -lt 22 ]; then
  if [ ! -x "$NODE22_BIN/node" ]; then
    command -v npm >/dev/null || fail "node $(node --version 2>/dev/null || echo missing) is older than 22 and there is no npm to install node@${NODE22_VERSION} with. Fix: install Node 22 (https://nodejs.org) and run this again."
    echo "setup: node $(node --version 2>/dev/null || echo missing) is older than 22; installing node@${NODE22_VERSION} into .tools/node22 (once)"
    # The node package's preinstall fetches the platform binary from the npm registry itself.
    npm install --prefix .tools/node22 --no-save --no-audit --no-fund --ignore-scripts=false "node@${NODE22_VERSION}" >/dev/null ||
      fail "installing node@${NODE22_VERSION} failed (see above). Fix: check the npm registry is reachable, or install Node 22 yourself and put it first on PATH."
  fi
  export PATH="$NODE22_BIN:$PATH"
  [ "$(node_major)" -ge 22 ] || fail "$NODE22_BIN/node is not Node 22. Fix: rm -rf .tools/node22 and run this again."
fi

# 2. npm dependencies, when node_modules does not match the lock.
if ! node scripts/deps-current.cjs; then
  if [ -L node_modules ]; then
    # A shared node_modules (a worktree's symlink) belongs to its owner: never reinstall it from here.
    echo "setup: node_modules is a symlink to $(readlink node_modules); not reinstalling it" >&2
  else
    echo "setup: npm ci (node $(node --version))"
    npm ci --no-audit --no-fund
  fi
fi

# 3. Debian tools, as root.
if [ "$debian" = yes ]; then
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
    echo "setup: not root (or no apt-get): skipping Debian packages; tests that need them skip locally (fail in CI)"
  fi
fi

if [ $# -gt 0 ]; then
  exec "$@"
fi
echo "setup: done (node $(node --version) from $(command -v node))"
