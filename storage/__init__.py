"""Storage: aiosqlite with numbered SQL migrations. The only package that writes SQL."""
