#!/usr/bin/env bash
# Posts FILE (the markdown of `npm run review`) as the pull request's one review comment: updates
# the comment this workflow posted before (found by the marker on its first line), or creates it.
# Environment: GH_TOKEN (a token with pull-requests: write), REPO (owner/name), PR (the number).
#
# usage: bash scripts/review/sticky-comment.sh FILE
set -euo pipefail

MARKER='<!-- failover-review -->'
file="${1:?usage: sticky-comment.sh FILE}"
: "${GH_TOKEN:?GH_TOKEN is not set}" "${REPO:?REPO is not set}" "${PR:?PR is not set}"

if [ "$(head -n 1 "$file")" != "$MARKER" ]; then
  echo "sticky-comment: $file does not start with $MARKER" >&2
  exit 1
fi

# Only a comment of this workflow's own identity: nobody else's marker is followed.
filter=".[] | select(.user.login == \"github-actions[bot]\" and (.body | startswith(\"$MARKER\"))) | .id"
id="$(gh api --paginate "repos/$REPO/issues/$PR/comments" --jq "$filter" | awk 'NR == 1')"

if [ -n "$id" ]; then
  gh api --method PATCH "repos/$REPO/issues/comments/$id" -F "body=@$file" --silent
  echo "sticky-comment: updated comment $id"
else
  gh api --method POST "repos/$REPO/issues/$PR/comments" -F "body=@$file" --silent
  echo "sticky-comment: created the review comment"
fi
