"""A description of the machine and software, without host names or user names."""
from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path

from analysis.config import MEMORY_SETTINGS

PACKAGES = ("numpy", "pandas", "scipy", "scikit-learn", "pyarrow", "polars", "tqdm", "psutil")


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib() -> float | None:
    try:
        import psutil

        return psutil.virtual_memory().total / 1024**3
    except ImportError:
        return None


def string_storage() -> str:
    """How pandas stores a new string column here ("pyarrow" when pyarrow is installed, else "python")."""
    try:
        import pandas as pd

        dtype = pd.Series(["a"]).dtype
    except ImportError:
        return "pandas not installed"
    return f"{dtype} ({getattr(dtype, 'storage', 'object')})"


def describe() -> dict[str, str]:
    """``{label: value}``: CPU, cores, memory, OS, Python and package versions."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = memory_gib()
    info = {
        "CPU": cpu_model(),
        "Cores": f"{usable} usable ({os.cpu_count()} logical)",
        "Memory": f"{memory:.1f} GiB" if memory else "unknown",
        "OS": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "Python": platform.python_version(),
    }
    for name in PACKAGES:
        try:
            info[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            info[name] = "not installed"
    info["pandas string dtype"] = string_storage()
    info["Memory settings"] = memory_settings()
    return info


def memory_settings() -> str:
    """The kernel's THP policy (enabled / defrag) and what the benchmark's processes ask for
    (``analysis.config.MEMORY_SETTINGS``, unless ``--huge-pages`` or ``--glibc-defaults``)."""
    policy = []
    for name in ("enabled", "defrag"):
        try:
            text = Path(f"/sys/kernel/mm/transparent_hugepage/{name}").read_text().split()
            policy.append(f"{name} {next((w[1:-1] for w in text if w.startswith('[')), '?')}")
        except OSError:
            policy.append(f"{name} unknown")
    asked = ", ".join(f"{k}={os.environ[k]}" for k in MEMORY_SETTINGS if k in os.environ) or "library defaults"
    return f"transparent huge pages, kernel: {', '.join(policy)}; processes: {asked}"
