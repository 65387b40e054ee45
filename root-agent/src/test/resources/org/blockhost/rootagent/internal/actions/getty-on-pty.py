# Test helper: a real agetty on a new pseudo-terminal, as on a serial console, showing the issue
# files of ISSUE_DIR; everything it draws is appended to LOG. Runs until SECONDS pass or SIGTERM,
# then stops agetty. The slave stays open here too, or the master reads EIO until agetty opens it.
# Usage: python3 getty-on-pty.py LOG ISSUE_DIR SECONDS
import os
import select
import signal
import sys
import time

log, issue_dir, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
master, slave = os.openpty()
tty = os.ttyname(slave)
child = os.fork()
if child == 0:
    os.close(master)
    os.setsid()
    os.close(slave)
    os.execvp("agetty", ["agetty", "--noclear", "--issue-file", issue_dir, tty[len("/dev/"):], "115200", "vt100"])
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
try:
    with open(log, "ab", buffering=0) as out:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    out.write(os.read(master, 4096))
                except OSError:  # EIO while agetty hangs the line up and opens it again
                    time.sleep(0.05)
finally:
    os.kill(child, signal.SIGTERM)
    os.waitpid(child, 0)
