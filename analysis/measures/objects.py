"""Object identity in object arrays, for fast grouping of shared strings.

The loader makes every occurrence of a word (and of an article id) one shared string
object, so rows holding the same object hold equal values.  Comparing the objects'
addresses -- plain integers -- finds most equal values without hashing or comparing a
single string; callers then compare one value per distinct object, so results never
depend on the sharing (without it they are only slower).
"""
from __future__ import annotations

import ctypes

import numpy as np


def object_addresses(values: np.ndarray) -> np.ndarray | None:
    """The addresses of the objects of a 1-D, C-contiguous, non-empty object array, as
    integers: a view of its pointer buffer, valid only while ``values`` is alive and only
    for comparing.  None for any other array."""
    if (
        values.dtype != object
        or values.ndim != 1
        or not values.flags.c_contiguous
        or values.itemsize != ctypes.sizeof(ctypes.c_ssize_t)
        or len(values) == 0
    ):
        return None
    buffer = (ctypes.c_ssize_t * len(values)).from_address(values.ctypes.data)
    return np.ctypeslib.as_array(buffer)
