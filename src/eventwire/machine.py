"""The machine line every benchmark prints with its figures (speed means nothing without it)."""

from __future__ import annotations

import os
import platform


def machine_line() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"machine: {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, load average {load:.1f}"
    )
