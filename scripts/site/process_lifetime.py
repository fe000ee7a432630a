"""Child processes end with the build that started them, even when it is killed.

A forked worker waits on a pipe its own copy keeps open, so it would never notice its parent's
death: an interrupted `make site` left leaflet workers running for good. Linux can send a child
a signal when its parent ends (prctl PR_SET_PDEATHSIG); elsewhere this does nothing.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Call first thing in a child; `parent` is the pid of the process that started it."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)
