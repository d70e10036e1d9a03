"""The windowed executable (what the Start menu, the Dock, a desktop entry and a double-clicked
.aims file start): the GUI only, with the files it was given."""

import sys

from aims_desktop.gui.app import run

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
