"""The console executable `aims-desktop`: the command-line tools, or the GUI with no subcommand."""

import sys

from aims_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
