#!/bin/sh
# usage (as root, from this directory): sh capture-all.sh
# For each NAME|COMMAND of commands.txt: a fresh ruleset holding only `table inet t` with chains c
# and x, then the batch nft sends for COMMAND (../rules/capture.sh) into NAME.hex. Works only in a
# throwaway namespace of its own, deleted at the end.
set -e
ns=jnl-t-setcap-$$
mkdir -p /tmp/cap
ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT
while IFS='|' read -r name cmd; do
    [ -n "$name" ] || continue
    ip netns exec "$ns" nft flush ruleset
    printf 'table inet t {\n chain c {\n }\n chain x {\n }\n}\n' | ip netns exec "$ns" nft -f -
    sh ../rules/capture.sh "$ns" "$name.hex" "$cmd"
done < commands.txt
