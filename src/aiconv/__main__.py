"""`python -m aiconv`."""

from aiconv.cli import main

main()
