# shellcheck shell=bash
# Source this file: puts the project's Node 22 first on PATH when the machine's node is older.
_fs_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -x "$_fs_root/.tools/node22/node_modules/node/bin/node" ]; then
  case ":$PATH:" in
    *":$_fs_root/.tools/node22/node_modules/node/bin:"*) ;;
    *) export PATH="$_fs_root/.tools/node22/node_modules/node/bin:$PATH" ;;
  esac
fi
unset _fs_root
