"""Using the stored events: exports (export.py), aggregates as data frames
(analysis.py) and charts of them (plots.py). Their queries are built with
``dateline.store.queries`` and run through ``Store``."""
