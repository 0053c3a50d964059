"""How coding processes are started: never forked from a process that runs threads.

A forked child inherits the parent's memory but only the thread that forked, so a lock
some other thread held (DuckDB's, a logging handler's, a Dask client's) stays locked in
the child forever. Workers are therefore started by a fork server (a clean process that
imported the coder once, so a new worker still starts fast), or spawned where there is
none.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.context import BaseContext


def worker_context(task: Callable) -> BaseContext:
    """The multiprocessing context for processes that run ``task``: a fork server that
    imported ``task``'s module (spaCy and the stages with it), else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([task.__module__])
    return context
