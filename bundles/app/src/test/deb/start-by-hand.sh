# Sourced by the package tests (install-and-start.sh, iso's firstboot-in-overlay.sh) inside their
# chroot set-up: starts the root agent as root and the runtime as `blockhost` in the chroot $M by hand
# (no systemd here), logs in $T; sets $agent and $runtime to their PIDs. Needs M, T, HTTP, HTTPS.
# what blockhost-root-agent.service sets up (RuntimeDirectory, StateDirectory), then its ExecStart
mkdir -p -m 0750 "$M/run/blockhost" && chroot "$M" chgrp blockhost /run/blockhost
mkdir -p -m 0700 "$M/var/lib/blockhost/root-agent"
chroot "$M" java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar /usr/share/blockhost/root-agent/org.blockhost.rootagent.jar \
  --socket /run/blockhost/root-agent.sock --group blockhost --user blockhost --libvirt-uri test:///default \
  --state-dir /var/lib/blockhost/root-agent >"$T/agent.log" 2>&1 &
agent=$!
chroot "$M" setpriv --reuid=blockhost --regid=blockhost --init-groups \
  /usr/bin/blockhost run --http-port "$HTTP" --https-port "$HTTPS" >"$T/runtime.log" 2>&1 &
runtime=$!
