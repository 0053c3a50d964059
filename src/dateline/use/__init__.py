"""Using the stored events: exports (export.py), aggregates as data frames
(analysis.py) and charts of them (plots.py). Their queries are built with the
store's query builders (``event_filter``, ``event_relation``) and run through ``Store``."""
