#!/usr/bin/env python3
"""System tests for pam_web3: pamtester against a dedicated PAM service and a
real sshd on 127.0.0.1 driven by OpenSSH's client through SSH_ASKPASS.

Usage: systest.py BUILD_DIR WORK_DIR
Prints PASS:/FAIL:/SKIP: lines and MEASURE: lines. Needs root (creates a
system user, PAM service files under /etc/pam.d and runs sshd); otherwise
every case is reported as skipped. Python standard library only.
"""
import os
import pty
import select
import shutil
import signal
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PAM_DIR = os.path.dirname(HERE)
KEY_GOOD = "0123456789012345678901234567890123456789012345678901234567890123"
KEY_BAD = "51d1d6047622bca92272d36b297799ecc152dc2ef91b229debf84fc41e8c73ee"
USER = "w3sshtest"
USER_OPNET = "w3sshopnet"      # GECOS holds the Taproot (regtest) address of KEY_GOOD
OPNET = ["--opnet", "bcrt"]    # web3-sign as an OPNet wallet (BIP-340, tweaked key)
PAMTESTER_SERVICE = "pam-web3-pamtester"
SSHD_SERVICE = "sshd-web3-test"   # the sshd symlink name selects this PAM service
CASES = ["pamtester_good_signature", "pamtester_wrong_wallet", "pamtester_expired_message",
         "sshd_right_wallet_logs_in", "sshd_wrong_wallet_refused", "sshd_expired_refused",
         "sshd_10_parallel_logins", "sshd_20_failures_do_not_lock_out_another_address",
         "sshd_10_failures_do_not_lock_out_the_same_address", "pamtester_opnet_schnorr_login",
         "sshd_opnet_schnorr_login_tweaked_key", "sshd_opnet_schnorr_login_internal_key",
         "sshd_opnet_wrong_wallet_refused"]

results = {"pass": 0, "fail": 0}


def report(name, ok, detail=""):
    results["pass" if ok else "fail"] += 1
    print(("PASS: sys/%s" if ok else "FAIL: sys/%s") % name + (" (%s)" % detail if detail else ""),
          flush=True)


def write(path, text, mode=0o644):
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


class Env:
    def __init__(self, build, work):
        self.build = os.path.abspath(build)
        self.work = os.path.abspath(work)
        self.module = os.path.join(self.build, "pam_web3.so")
        self.signer = os.path.join(self.build, "web3-sign")
        self.conf = os.path.join(self.work, "sys.conf")
        self.sshd = None

    def key_file(self, name, hexkey):
        path = os.path.join(self.work, name)
        write(path, hexkey + "\n", 0o600)
        return path

    def address(self, key_path, scheme=()):
        return subprocess.run([self.signer, "--key-file", key_path, "--address", *scheme], check=True,
                              capture_output=True, text=True).stdout.strip()

    def write_conf(self, ttl):
        write(self.conf, "host = vm-test.local\nchain_id = 31337\nmachine = vm-test\n"
              "signing_url = https://vm-test.local/sign\nttl_seconds = %d\n" % ttl, 0o600)

    def setup(self):
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        self.good = self.key_file("good.key", KEY_GOOD)
        self.bad = self.key_file("bad.key", KEY_BAD)
        for user, scheme in ((USER, ()), (USER_OPNET, OPNET)):
            gecos = "wallet=" + self.address(self.good, scheme)
            if subprocess.run(["id", user], capture_output=True).returncode != 0:
                subprocess.run(["useradd", "-M", "-d", "/tmp", "-s", "/bin/sh", "-c", gecos, user],
                               check=True)
            subprocess.run(["usermod", "-c", gecos, user], check=True, capture_output=True)
        self.write_conf(300)
        stack = ("auth required %s config=%s\naccount required pam_permit.so\n"
                 "session required pam_permit.so\n" % (self.module, self.conf))
        write("/etc/pam.d/" + PAMTESTER_SERVICE, stack)
        write("/etc/pam.d/" + SSHD_SERVICE, stack)

    def cleanup(self):
        for svc in (PAMTESTER_SERVICE, SSHD_SERVICE):
            try:
                os.unlink("/etc/pam.d/" + svc)
            except FileNotFoundError:
                pass


# ---------------------------------------------------------------- pamtester

def read_until(fd, marker, timeout):
    buf = b""
    end = time.time() + timeout
    while marker not in buf and time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
    return buf


def answer(env, key, shown, scheme=()):
    """What web3-sign --from-prompt answers to one prompt: the address, or the signature."""
    return subprocess.run([env.signer, "--key-file", key, "--from-prompt", *scheme], input=shown,
                          capture_output=True, text=True).stdout.strip()


def pamtester(env, key, delay=0, user=USER, scheme=()):
    """Run pamtester on a pty, give the key's address, sign what it shows: (exit code, output)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp("pamtester", ["pamtester", "-v", PAMTESTER_SERVICE, user, "authenticate"])
    asked = read_until(fd, b"Wallet address:", 15).decode(errors="replace").replace("\r\n", "\n")
    os.write(fd, (answer(env, key, asked, scheme) + "\n").encode())
    shown = read_until(fd, b"Signature:", 15).decode(errors="replace").replace("\r\n", "\n")
    sig = answer(env, key, shown, scheme)
    time.sleep(delay)
    os.write(fd, (sig + "\n").encode())
    rest = read_until(fd, b"\x00never", 15).decode(errors="replace")
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), asked + shown + rest


def pamtester_cases(env):
    rc, out = pamtester(env, env.good)
    report("pamtester_good_signature", rc == 0 and "wants you to sign in" in out, "rc=%d" % rc)
    rc, out = pamtester(env, env.bad)
    owner = env.address(env.good)[2:].lower()
    report("pamtester_wrong_wallet", rc != 0 and "wants you to sign in" in out
           and owner not in out.lower(), "rc=%d" % rc)
    env.write_conf(1)
    rc, out = pamtester(env, env.good, delay=2.2)
    env.write_conf(300)
    report("pamtester_expired_message", rc != 0 and "wants you to sign in" in out, "rc=%d" % rc)
    rc, out = pamtester(env, env.good, user=USER_OPNET, scheme=OPNET)
    report("pamtester_opnet_schnorr_login",
           rc == 0 and "sign in with your Bitcoin account:\n" + env.address(env.good, OPNET) in out,
           "rc=%d" % rc)


# --------------------------------------------------------------------- sshd

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_sshd(env):
    os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
    hostkey = os.path.join(env.work, "hostkey")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostkey], check=True)
    env.port = free_port()
    cfg = os.path.join(env.work, "sshd_config")
    write(cfg, "Include %s/conf/sshd-pam_web3.conf\nPort %d\nListenAddress 127.0.0.1\n"
          "HostKey %s\nPidFile %s/sshd.pid\nPubkeyAuthentication no\nStrictModes no\n"
          "UseDNS no\nPrintMotd no\nMaxStartups 100\nAllowUsers %s %s\nLogLevel VERBOSE\n"
          % (PAM_DIR, env.port, hostkey, env.work, USER, USER_OPNET))
    binary = os.path.join(env.work, SSHD_SERVICE)
    os.symlink("/usr/sbin/sshd", binary)
    log = open(os.path.join(env.work, "sshd.log"), "w")
    env.sshd = subprocess.Popen([binary, "-D", "-e", "-f", cfg], stdout=log, stderr=log,
                                stdin=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", env.port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("sshd did not start, see %s/sshd.log" % env.work)


def stop_sshd(env):
    if env.sshd and env.sshd.poll() is None:
        env.sshd.send_signal(signal.SIGTERM)
        try:
            env.sshd.wait(10)
        except subprocess.TimeoutExpired:
            env.sshd.kill()
            env.sshd.wait()


def askpass(env, name, key, delay=0, scheme=()):
    """An SSH_ASKPASS program: OpenSSH passes the prompt (message included) as $1."""
    path = os.path.join(env.work, name)
    write(path, "#!/bin/sh\nprintf '%%s' \"$1\" > \"%s.prompt.$$\"\nsleep %s\n"
          "printf '%%s' \"$1\" | %s --key-file %s --from-prompt %s\n"
          % (path, delay, env.signer, key, " ".join(scheme)), 0o755)
    return path


def ssh_login(env, helper, source="127.0.0.1", user=USER):
    """Log in from the loopback address `source` (sshd sets PAM_RHOST to it)."""
    environ = dict(os.environ, SSH_ASKPASS=helper, SSH_ASKPASS_REQUIRE="force", DISPLAY=":0")
    cmd = ["ssh", "-F", "/dev/null", "-b", source, "-p", str(env.port), "-o", "StrictHostKeyChecking=no",
           "-o", "UserKnownHostsFile=/dev/null", "-o", "GlobalKnownHostsFile=/dev/null",
           "-o", "PreferredAuthentications=keyboard-interactive", "-o", "PubkeyAuthentication=no",
           "-o", "NumberOfPasswordPrompts=1", "-o", "ConnectTimeout=20", "-o", "LogLevel=ERROR",
           "%s@127.0.0.1" % user, "echo login-ok"]
    start = time.time()
    p = subprocess.run(cmd, env=environ, stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, timeout=60)
    return p.returncode == 0 and p.stdout.strip() == "login-ok", time.time() - start


def prompts_of(env, helper):
    """Every prompt the askpass helper got (one file per call)."""
    return [open(os.path.join(env.work, f)).read() for f in sorted(os.listdir(env.work))
            if f.startswith(helper + ".prompt.")]


def shown_to(env, helper):
    """Did the helper get a prompt carrying the sign-in message?"""
    return any("wants you to sign in" in p for p in prompts_of(env, helper))


def sshd_cases(env):
    good, bad = askpass(env, "askpass-good", env.good), askpass(env, "askpass-bad", env.bad)
    ok, _ = ssh_login(env, good)
    shown = "\n".join(prompts_of(env, "askpass-good"))
    report("sshd_right_wallet_logs_in",
           ok and "wants you to sign in" in shown and "https://vm-test.local/sign?message=" in shown
           and "Wallet address:" in shown)
    ok, _ = ssh_login(env, bad)
    owner = env.address(env.good)[2:].lower()
    asked = prompts_of(env, "askpass-bad")
    report("sshd_wrong_wallet_refused", not ok and shown_to(env, "askpass-bad")
           and any(p.rstrip().endswith("Wallet address:") for p in asked)
           and not any(owner in p.lower() for p in asked), "%d prompts" % len(asked))
    env.write_conf(1)
    ok, _ = ssh_login(env, askpass(env, "askpass-slow", env.good, delay=2.2))
    env.write_conf(300)
    report("sshd_expired_refused", not ok and shown_to(env, "askpass-slow"))
    sshd_opnet(env)
    sshd_parallel(env, good)
    sshd_no_lockout(env, good, bad)
    times = [ssh_login(env, good) for _ in range(5)]
    avg = sum(t for _, t in times) / len(times)
    print("MEASURE: ssh login wall time on loopback: %.0f ms average over %d logins"
          % (avg * 1000, len(times)), flush=True)


def sshd_opnet(env):
    """OPNet wallet: BIP-340 signature over SHA-256 of the message, GECOS holds the Taproot address."""
    tweaked = askpass(env, "askpass-opnet", env.good, scheme=OPNET)
    ok, _ = ssh_login(env, tweaked, user=USER_OPNET)
    shown = "\n".join(prompts_of(env, "askpass-opnet"))
    report("sshd_opnet_schnorr_login_tweaked_key",
           ok and "sign in with your Bitcoin account:\n" + env.address(env.good, OPNET) in shown)
    internal = askpass(env, "askpass-opnet-internal", env.good, scheme=OPNET + ["--internal"])
    ok, _ = ssh_login(env, internal, user=USER_OPNET)
    report("sshd_opnet_schnorr_login_internal_key", ok and shown_to(env, "askpass-opnet-internal"))
    ok, _ = ssh_login(env, askpass(env, "askpass-opnet-bad", env.bad, scheme=OPNET), user=USER_OPNET)
    owner = env.address(env.good, OPNET)
    report("sshd_opnet_wrong_wallet_refused", not ok and shown_to(env, "askpass-opnet-bad")
           and not any(owner in p for p in prompts_of(env, "askpass-opnet-bad")))


def sshd_parallel(env, helper):
    import concurrent.futures as cf
    start = time.time()
    with cf.ThreadPoolExecutor(10) as pool:
        outcomes = list(pool.map(lambda _: ssh_login(env, helper), range(10)))
    wall = time.time() - start
    good = sum(1 for ok, _ in outcomes if ok)
    report("sshd_10_parallel_logins", good == 10, "%d/10 in %.2f s" % (good, wall))


def sshd_no_lockout(env, good, bad):
    """H3: wrong signatures from one address never keep the owner out (no lockout at all)."""
    import concurrent.futures as cf
    with cf.ThreadPoolExecutor(4) as pool:
        refused = sum(1 for ok, _ in pool.map(lambda _: ssh_login(env, bad, "127.0.0.2"), range(20))
                      if not ok)
    ok, _ = ssh_login(env, good, "127.0.0.1")
    seen = "from 127.0.0.2" in open(os.path.join(env.work, "sshd.log")).read()
    report("sshd_20_failures_do_not_lock_out_another_address", refused == 20 and ok and seen,
           "%d/20 refused from 127.0.0.2, owner from 127.0.0.1 %s" % (refused, "in" if ok else "OUT"))
    refused = sum(1 for _ in range(10) if not ssh_login(env, bad, "127.0.0.3")[0])
    ok, took = ssh_login(env, good, "127.0.0.3")
    report("sshd_10_failures_do_not_lock_out_the_same_address", refused == 10 and ok and took < 10,
           "owner from 127.0.0.3 %s after %.1f s" % ("in" if ok else "OUT", took))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: systest.py BUILD_DIR WORK_DIR")
    if os.geteuid() != 0:
        for c in CASES:
            print("SKIP: sys/%s (needs root)" % c)
        return 0
    env = Env(sys.argv[1], sys.argv[2])
    try:
        env.setup()
        pamtester_cases(env)
        start_sshd(env)
        sshd_cases(env)
    except Exception as e:  # report, never hang the suite
        print("FAIL: sys/setup (%s: %s)" % (type(e).__name__, e), flush=True)
        results["fail"] += 1
    finally:
        stop_sshd(env)
        env.cleanup()
    return 1 if results["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
