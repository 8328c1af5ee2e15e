"""The benchmark (`scripts/dev bench`), outside the installable package: `course` (an invented course at any
size), `runs` (measured child processes), `browser` (Lighthouse, weight, the own-copy reader), `report`, `main`."""
