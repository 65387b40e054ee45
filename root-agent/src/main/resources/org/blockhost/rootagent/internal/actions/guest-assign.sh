# vm-assign of the BlockHost root agent: makes a booted warm-pool guest the buyer's in one guest-agent
# call. The agent runs this fixed text as  sh -c <text> vm-assign HOSTNAME [USER GECOS]  (guest-exec,
# argument vector, no shell on the host side); every argument passed the agent's validation and is
# only ever used as data here, never evaluated.
set -eu
PATH=/usr/sbin:/usr/bin:/sbin:/bin
# each step's time from the guest's uptime (read, a shell builtin: no program started), printed as one
# line "steps: NAME SECONDS ..." before the key; the agent logs it
steps=
read -r t0 _ </proc/uptime
mark() {
    read -r t _ </proc/uptime
    steps="$steps $1 $(( (${t%.*}${t#*.} - ${t0%.*}${t0#*.}) * 10 ))ms"
    t0=$t
}
h=$1
# every program started costs up to half a second in a loaded TCG guest: builtins where they do the same
printf '%s\n' "$h" >/etc/hostname
printf '%s' "$h" >/proc/sys/kernel/hostname
printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n::1\tlocalhost ip6-localhost ip6-loopback\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n' "$h" >/etc/hosts
# a reboot keeps the name: cloud-init must not set the pool name again (preserve_hostname) nor rewrite
# /etc/hosts with it (user-data's manage_etc_hosts outranks any drop-in: its module leaves the list)
[ -d /etc/cloud/cloud.cfg.d ] || mkdir -p /etc/cloud/cloud.cfg.d
printf 'preserve_hostname: true\n' >/etc/cloud/cloud.cfg.d/90-blockhost-assigned.cfg
mark hostname
# one sed for both files (-i: each file on its own, a new file with the old one's owner and mode renamed
# over it): cloud.cfg loses update_etc_hosts, pam_web3's machine line names the host. The name is only
# data: the new line is a file sed reads in (r), never part of its program
files=
[ -f /etc/cloud/cloud.cfg ] && files=/etc/cloud/cloud.cfg
[ -f /etc/pam_web3.conf ] && files="$files /etc/pam_web3.conf"
if [ -n "$files" ]; then
    printf 'machine = %s\n' "$h" >/run/blockhost-assign.machine
    sed -i -e '/^[[:space:]]*-[[:space:]]*update[-_]etc[-_]hosts[[:space:]]*$/d' \
        -e '/^machine = /{' -e 'r /run/blockhost-assign.machine' -e 'd' -e '}' $files
fi
mark pam
# the pool VM's identity goes: every host key; one new ed25519 key (no RSA, slow under TCG)
rm -f /etc/ssh/ssh_host_*_key /etc/ssh/ssh_host_*_key.pub /run/blockhost-assign.machine # (sed has read the machine line)
ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key
mark keygen
# the buyer as owner (nft 0 until minted) on the pool's account (or this wallet's again); an account
# another wallet holds is locked out of wallet login instead, and vm-set-owner evicts after the mint
if [ $# -ge 3 ]; then
    now=
    while IFS=: read -r u _ _ _ g _; do
        if [ "$u" = "$2" ]; then now=$g; break; fi
    done </etc/passwd
    case $now in
        blockhost-pool | "${3%%,*},"*) usermod -c "$3" "$2" ;;
        wallet=*) usermod -c blockhost-transfer "$2" ;;
    esac
fi
mark owner
# sshd takes the new key on SIGHUP (it executes itself again and reads its keys; same pid, systemd keeps
# tracking it): no systemctl, no stop and start; an sshd that does not run is started
pid= comm=
[ -f /run/sshd.pid ] && read -r pid _ </run/sshd.pid
case $pid in '' | *[!0-9]*) pid= ;; *) [ -r /proc/$pid/comm ] && read -r comm </proc/$pid/comm ;; esac
if [ "$comm" = sshd ] && kill -HUP "$pid" 2>/dev/null; then
    mark sshd-hup
else
    systemctl restart ssh
    mark sshd-restart
fi
printf 'steps:%s\n' "$steps"
read -r key </etc/ssh/ssh_host_ed25519_key.pub
printf '%s\n' "$key"
