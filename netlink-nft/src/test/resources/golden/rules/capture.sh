#!/bin/sh
# usage: capture.sh NS OUTFILE nft-args...   -> hex of the batch datagram (32 bytes a line)
ns=$1; out=$2; shift 2
ip netns exec "$ns" strace -f -e trace=sendmsg -e write=3 -xx -s 65535 -o /tmp/cap/trace.$$ nft "$@" >/dev/null || exit 1
python3 - /tmp/cap/trace.$$ "$out" <<'PY'
import sys,re
blocks=[];cur=None
for l in open(sys.argv[1]):
    if re.match(r'^\d+\s+sendmsg',l): cur=[]; blocks.append(cur); continue
    m=re.match(r'^\s*\|\s*[0-9a-f]{5}\s+((?:[0-9a-f]{2} {1,2})+)',l)
    if m and cur is not None: cur.append(m.group(1).replace(' ',''))
cands=[''.join(v) for v in blocks if ''.join(v)[8:12]=='1000']
h=cands[-1]
with open(sys.argv[2],'w') as f:
    for i in range(0,len(h),64): f.write(h[i:i+64]+'\n')
PY
rm -f /tmp/cap/trace.$$
