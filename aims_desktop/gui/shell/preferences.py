"""The user's preferences as the rest of the GUI reads them, stored through app_settings().

Kept apart from the Preferences dialog so that start-up can read them without building widgets.
"""

from __future__ import annotations

from aims_desktop.gui.settings import app_settings
from aims_desktop.gui.theme import Appearance

USER_NAME_KEY = "preferences/userName"
NAME_ASKED_KEY = "preferences/askedForName"
APPEARANCE_KEY = "preferences/appearance"


def user_name() -> str:
    """Who is making changes, as the change log records it; the login name until set."""
    value = app_settings().value(USER_NAME_KEY, "")
    name = str(value).strip() if value else ""
    if name:
        return name
    from aims_desktop.services.session import default_user  # imports the store: only when needed

    return default_user()


def stored_user_name() -> str:
    """What the user typed in Preferences ("" when they never did)."""
    value = app_settings().value(USER_NAME_KEY, "")
    return str(value).strip() if value else ""


def set_user_name(name: str) -> None:
    settings = app_settings()
    settings.setValue(USER_NAME_KEY, name.strip())
    settings.sync()


def should_ask_for_name() -> bool:
    """True until the user has been asked once (at first start) or has set a name."""
    asked = app_settings().value(NAME_ASKED_KEY, False)
    return not stored_user_name() and str(asked).lower() not in ("true", "1")


def mark_asked_for_name() -> None:
    """Asked once, answered or skipped: never again (Preferences changes it later)."""
    settings = app_settings()
    settings.setValue(NAME_ASKED_KEY, True)
    settings.sync()


def appearance() -> Appearance:
    value = app_settings().value(APPEARANCE_KEY, Appearance.SYSTEM.value)
    try:
        return Appearance(str(value))
    except ValueError:
        return Appearance.SYSTEM


def set_appearance(value: Appearance) -> None:
    settings = app_settings()
    settings.setValue(APPEARANCE_KEY, value.value)
    settings.sync()
