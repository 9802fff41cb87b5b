"""Feature handlers: platform-neutral, one module per feature."""
