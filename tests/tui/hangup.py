#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/tui/hangup.py BINARY SYSROOT - the view on a pseudo-terminal that
# goes away (an ssh session dropped, a tmux pane killed): it must end
# within 5 s, not spin on a terminal that reads as ready forever.
import os
import pty
import sys
import time

pid, fd = pty.fork()
if pid == 0:
    os.environ['TERM'] = 'xterm'
    os.execv(sys.argv[1], ['iommu-groups', '--sysroot', sys.argv[2], 'tui'])
time.sleep(2)
try:
    os.read(fd, 65536)
except OSError:
    pass
os.close(fd)
t0 = time.time()
while time.time() - t0 < 5:
    if os.waitpid(pid, os.WNOHANG)[0]:
        sys.exit(0)
    time.sleep(0.1)
os.kill(pid, 9)
os.waitpid(pid, 0)
print("still running 5 s after its terminal hung up")
sys.exit(1)
