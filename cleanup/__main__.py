"""`python -m cleanup` works like `cleanup`."""

from cleanup.cli.main import main

main()
