#!/bin/sh
# usage (as root, from this directory): sh capture-all.sh
# For each NAME|COMMAND[|COMMAND] of commands.txt: a fresh ruleset holding only `table inet t` with
# chains c, x and a NAT prerouting chain pre, then the batch of `nft -e -f SCRIPT` (the commands, one
# a line) via ../rules/capture.sh into NAME.hex. Works only in a throwaway namespace of its own,
# deleted at the end.
set -e
ns=jnl-t-setrulecap-$$
mkdir -p /tmp/cap
ip netns add "$ns"
trap 'ip netns del "$ns"; rm -f /tmp/cap/script.$$' EXIT
while IFS= read -r line; do
    name=${line%%|*}
    [ -n "$name" ] || continue
    printf '%s\n' "${line#*|}" | tr '|' '\n' > /tmp/cap/script.$$
    ip netns exec "$ns" nft flush ruleset
    printf 'table inet t {\n chain c {\n }\n chain x {\n }\n chain pre {\n  type nat hook prerouting priority dstnat; policy accept;\n }\n}\n' \
        | ip netns exec "$ns" nft -f -
    sh ../rules/capture.sh "$ns" "$name.hex" -e -f /tmp/cap/script.$$
done < commands.txt
