"""The library API on top: opening, updating, reading state, caches."""
