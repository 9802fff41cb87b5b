"""The reminder engine: rows in the database, one dispatcher, renderers registered by kind.

It knows reminder rows, groups and the stores it plans from; it never imports a feature
(handlers/) or the request kernel (bot/core/).
"""
