"""The shell: the main window, its menus and navigation, the welcome screen, preferences, the
project's life cycle (new, open, save, close, recover) and the dialogs that go with it.

The shell composes the feature pages; the features never import the shell."""
