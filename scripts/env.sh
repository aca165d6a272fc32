# shellcheck shell=bash
# Optional: source this file to put the project's Node 22 first on PATH in an interactive shell.
# `npm test` and `npm run synth` do not need it (scripts/setup.sh --exec sets PATH for them).
_fs_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -x "$_fs_root/.tools/node22/node_modules/node/bin/node" ]; then
  case ":$PATH:" in
    *":$_fs_root/.tools/node22/node_modules/node/bin:"*) ;;
    *) export PATH="$_fs_root/.tools/node22/node_modules/node/bin:$PATH" ;;
  esac
fi
unset _fs_root
