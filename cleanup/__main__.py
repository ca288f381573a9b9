"""`python -m cleanup` works like `cleanup`."""

from cleanup.cli import main

main()
