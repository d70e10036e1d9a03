"""New-project wizard: the organisation, its AI roles, its AI systems, and a first scope draft.

Contract with the main window:
    wizard = NewProjectWizard(parent)
    if wizard.exec() == QDialog.Accepted:
        profile = wizard.profile()   # {"org_name": str, "sector": str, "size": OrgSize,
                                     #  "country": str, "roles": frozenset[AIRole],
                                     #  "ai_systems": str, "scope": str}

Nothing is written until the main window creates the project from the profile, so Cancel leaves
no trace. Every answer can be changed later; the pages say so, because a manager facing a blank
form for a standard they have not read tends to stop rather than guess.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from aims_desktop.domain.organisation import AIRole, Organisation, OrgSize, draft_scope
from aims_desktop.gui.widgets.fields import plain_label, set_muted

COUNTRIES = (
    "Australia",
    "Austria",
    "Belgium",
    "Brazil",
    "Bulgaria",
    "Canada",
    "Croatia",
    "Cyprus",
    "Czechia",
    "Denmark",
    "Estonia",
    "Finland",
    "France",
    "Germany",
    "Greece",
    "Hungary",
    "Iceland",
    "India",
    "Ireland",
    "Italy",
    "Japan",
    "Latvia",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Malta",
    "Netherlands",
    "New Zealand",
    "Norway",
    "Poland",
    "Portugal",
    "Romania",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "South Africa",
    "Spain",
    "Sweden",
    "Switzerland",
    "United Arab Emirates",
    "United Kingdom",
    "United States",
)
"""A starting list, not a rule: the country box accepts any text."""


def _sectors() -> list[str]:
    translate = QCoreApplication.translate
    return [
        translate("NewProjectWizard", "Software and IT services"),
        translate("NewProjectWizard", "Financial services"),
        translate("NewProjectWizard", "Health and care"),
        translate("NewProjectWizard", "Manufacturing"),
        translate("NewProjectWizard", "Retail and e-commerce"),
        translate("NewProjectWizard", "Transport and logistics"),
        translate("NewProjectWizard", "Education"),
        translate("NewProjectWizard", "Public sector"),
        translate("NewProjectWizard", "Professional services"),
        translate("NewProjectWizard", "Energy and utilities"),
        translate("NewProjectWizard", "Media and marketing"),
    ]


def _size_label(size: OrgSize) -> str:
    translate = QCoreApplication.translate
    return {
        OrgSize.UNKNOWN: translate("OrgSize", "Not stated"),
        OrgSize.MICRO: translate("OrgSize", "Micro (fewer than 10 people)"),
        OrgSize.SMALL: translate("OrgSize", "Small (10 to 49 people)"),
        OrgSize.MEDIUM: translate("OrgSize", "Medium (50 to 249 people)"),
        OrgSize.LARGE: translate("OrgSize", "Large (250 people or more)"),
    }[size]


def _role_label(role: AIRole) -> str:
    translate = QCoreApplication.translate
    return {
        AIRole.PROVIDER: translate("AIRole", "AI provider"),
        AIRole.PRODUCER: translate("AIRole", "AI producer"),
        AIRole.CUSTOMER: translate("AIRole", "AI customer"),
        AIRole.PARTNER: translate("AIRole", "AI partner"),
        AIRole.SUBJECT: translate("AIRole", "AI subject"),
    }[role]


def _help(text: str) -> QLabel:
    label = plain_label(text)
    set_muted(label)
    label.setContentsMargins(0, 12, 0, 0)
    return label


def _scrolling_body(page: QWizardPage) -> QVBoxLayout:
    """The page's layout, inside a scroll area: on a short screen (500 logical pixels at 200%)
    the page scrolls instead of squeezing its explanations into each other."""
    body = QWidget()
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return QVBoxLayout(body)


def _editable_combo(items: list[str] | tuple[str, ...], placeholder: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(items))
    combo.setCurrentIndex(-1)
    combo.setEditText("")
    line = combo.lineEdit()
    assert line is not None
    line.setPlaceholderText(placeholder)
    completer = QCompleter(list(items), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    combo.setCompleter(completer)
    return combo


class OrganisationPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your organisation"))
        self.setSubTitle(self.tr("Who is the AI management system for? Only the name is required."))
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Organisation name"))
        self.name_edit.setPlaceholderText(self.tr("For example: Kestrel Freight Solutions Ltd"))
        self.name_edit.setMaxLength(200)
        self.sector_combo = _editable_combo(
            _sectors(), self.tr("Choose or type, e.g. Transport and logistics")
        )
        self.sector_combo.setAccessibleName(self.tr("Sector"))
        self.size_combo = QComboBox()
        self.size_combo.setAccessibleName(self.tr("Size"))
        for size in OrgSize:
            self.size_combo.addItem(_size_label(size), size.value)
        self.country_combo = _editable_combo(COUNTRIES, self.tr("Choose or type a country"))
        self.country_combo.setAccessibleName(self.tr("Country"))
        for combo in (self.sector_combo, self.size_combo, self.country_combo):
            combo.setMinimumContentsLength(12)  # narrow windows: the box shrinks, text wraps
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        # Alt+N is the wizard's Next button
        form.addRow(self._label(self.tr("&Organisation name:"), self.name_edit), self.name_edit)
        form.addRow(self._label(self.tr("&Sector:"), self.sector_combo), self.sector_combo)
        form.addRow(self._label(self.tr("Si&ze:"), self.size_combo), self.size_combo)
        form.addRow(self._label(self.tr("&Country:"), self.country_combo), self.country_combo)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout = _scrolling_body(self)
        layout.addLayout(form)
        layout.addWidget(
            _help(
                self.tr(
                    "Why we ask: the name appears on every report. Sector, size and country help "
                    "you and your auditor judge which laws and risks matter, for example the EU "
                    "AI Act for organisations in Europe. You can change all of this later."
                )
            )
        )
        layout.addStretch(1)
        self.registerField("org_name*", self.name_edit)
        self.name_edit.textChanged.connect(self.completeChanged)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(buddy)
        return label

    def isComplete(self) -> bool:
        """A name of spaces only is no name: Next stays disabled until real text is typed."""
        return super().isComplete() and bool(self.name_edit.text().strip())

    def organisation(self) -> dict[str, Any]:
        return {
            "org_name": self.name_edit.text().strip(),
            "sector": self.sector_combo.currentText().strip(),
            "size": OrgSize(self.size_combo.currentData()),
            "country": self.country_combo.currentText().strip(),
        }


class RolesPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your roles with AI"))
        self.setSubTitle(self.tr("Tick every role that fits. Most organisations have several."))
        layout = _scrolling_body(self)
        self.role_checks: dict[AIRole, QCheckBox] = {}
        for role in AIRole:
            check = QCheckBox(_role_label(role))
            explanation = plain_label(QCoreApplication.translate("AIRole", role.explanation))
            set_muted(explanation)
            explanation.setContentsMargins(26, 0, 0, 6)
            check.setAccessibleDescription(explanation.text())
            self.role_checks[role] = check
            layout.addWidget(check)
            layout.addWidget(explanation)
        layout.addWidget(
            _help(
                self.tr(
                    "Why we ask: the standard expects you to know which roles you play, because "
                    "each role brings different duties. A company that only buys an AI chatbot "
                    "is a customer; if it also trains its own model, it is a producer too. "
                    "If you are unsure, tick what seems closest; you can change it later."
                )
            )
        )
        layout.addStretch(1)

    def roles(self) -> frozenset[AIRole]:
        return frozenset(role for role, check in self.role_checks.items() if check.isChecked())


class SystemRow(QWidget):
    """One AI system: its name and one line on what it does."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Name, e.g. RoutePilot"))
        self.name_edit.setAccessibleName(self.tr("Name of AI system %1").replace("%1", str(number)))
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText(
            self.tr("What it does, e.g. plans delivery routes (bought in)")
        )
        self.description_edit.setAccessibleName(
            self.tr("What AI system %1 does").replace("%1", str(number))
        )
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAccessibleName(
            self.tr("Remove AI system %1").replace("%1", str(number))
        )
        layout.addWidget(self.name_edit, 2)
        layout.addWidget(self.description_edit, 5)
        layout.addWidget(self.remove_button)

    def line(self) -> str:
        # Line breaks or a colon in the name would split one system into two on reading back.
        name = " ".join(self.name_edit.text().replace(":", " -").split())
        description = " ".join(self.description_edit.text().split())
        if not name:
            return description
        return f"{name}: {description}" if description else name


class SystemsPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your AI systems"))
        self.setSubTitle(
            self.tr("List the AI systems you use or build, with one line on what each does.")
        )
        layout = QVBoxLayout(self)
        headers = QHBoxLayout()
        for text, stretch in ((self.tr("AI system"), 2), (self.tr("What it does"), 5)):
            header = plain_label(text, wrap=False)
            set_muted(header)
            headers.addWidget(header, stretch)
        headers.addSpacing(QPushButton(self.tr("Remove")).sizeHint().width())
        layout.addLayout(headers)
        self.rows: list[SystemRow] = []
        self._rows_box = QWidget()
        self._rows_layout = QVBoxLayout(self._rows_box)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(self.tr("&Add another AI system"))
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        self._rows_layout.addLayout(add_row)  # rows go above it, so it follows the last one
        self._rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._rows_box)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(scroll, 1)
        layout.addWidget(
            _help(
                self.tr(
                    "Why we ask: the AI management system covers these systems, and the scope "
                    "statement on the next page names them. Include tools you buy (a chatbot, "
                    "a CV screening service) as well as models you build. An empty list is fine "
                    "for now; a full inventory comes later."
                )
            )
        )
        for _ in range(2):
            self.add_row()

    def add_row(self, *, focus: bool = False) -> SystemRow:
        row = SystemRow(len(self.rows) + 1)
        row.remove_button.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self._rows_layout.insertWidget(len(self.rows) - 1, row)
        if focus:
            row.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def remove_row(self, row: SystemRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            self._rows_layout.removeWidget(row)
            row.deleteLater()
        if not self.rows:
            self.add_row(focus=True)

    def ai_systems(self) -> str:
        return "\n".join(line for row in self.rows if (line := row.line()))


class ScopePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("The scope of your AI management system"))
        self.setSubTitle(
            self.tr("A first draft from your answers. Edit it freely; this is your text.")
        )
        self.edited = False
        self._setting = False
        layout = QVBoxLayout(self)
        self.scope_edit = QPlainTextEdit()
        self.scope_edit.setAccessibleName(self.tr("Scope statement"))
        self.scope_edit.setTabChangesFocus(True)
        self.scope_edit.textChanged.connect(self._text_changed)
        layout.addWidget(self.scope_edit, 1)
        self.regenerate_button = QPushButton(self.tr("&Start again from my answers"))
        self.regenerate_button.clicked.connect(self.regenerate)
        row = QHBoxLayout()
        row.addWidget(self.regenerate_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(
            _help(
                self.tr(
                    "Why we ask: clause 4.3 asks you to decide what your AI management system "
                    "covers. Replace the part in square brackets with any sites, products or "
                    "activities you leave out, and why. An auditor reads this first."
                )
            )
        )
        finish_hint = plain_label(
            self.tr("Return starts a new line here; Ctrl+Enter creates the project.")
        )
        set_muted(finish_hint)
        layout.addWidget(finish_hint)

    def _text_changed(self) -> None:
        if not self._setting:
            self.edited = True

    def initializePage(self) -> None:
        # Follow earlier answers until the user writes in the draft; then it is theirs.
        if not self.edited:
            self.regenerate()

    def regenerate(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, NewProjectWizard)
        self._setting = True
        try:
            self.scope_edit.setPlainText(wizard.draft_scope())
        finally:
            self._setting = False
        self.edited = False


class NewProjectWizard(QWizard):
    """Collects the organisation profile for `services.project.new_project`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New project"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Create project"))
        self.organisation_page = OrganisationPage()
        self.roles_page = RolesPage()
        self.systems_page = SystemsPage()
        self.scope_page = ScopePage()
        for page in (self.organisation_page, self.roles_page, self.systems_page, self.scope_page):
            self.addPage(page)
        # Return adds a line in the scope text: Ctrl+Enter moves on (and finishes on the last
        # page), as in other editors where Return is taken.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.advance)
        self._fit_to_screen(700, 480)

    def advance(self) -> None:
        """Ctrl+Enter: the next page, or create the project on the last one."""
        for which in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.NextButton):
            button = self.button(which)
            if button.isVisible() and button.isEnabled():
                button.click()  # the very path of a click: validation included
                return

    def _fit_to_screen(self, width: int, height: int) -> None:
        """The size it was designed at, but never larger than the screen (800x500 at 200%)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - 40)
            height = min(height, room.height() - 60)
        self.resize(width, height)

    def organisation(self) -> Organisation:
        details = self.organisation_page.organisation()
        return Organisation(
            name=details["org_name"] or "?",
            sector=details["sector"],
            size=details["size"],
            country=details["country"],
            roles=self.roles_page.roles(),
        )

    def draft_scope(self) -> str:
        return draft_scope(self.organisation(), self.systems_page.ai_systems())

    def profile(self) -> dict[str, Any]:
        details = self.organisation_page.organisation()
        return {
            **details,
            "roles": self.roles_page.roles(),
            "ai_systems": self.systems_page.ai_systems(),
            "scope": self.scope_page.scope_edit.toPlainText().strip(),
        }
