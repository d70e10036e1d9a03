# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'preferences.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QGroupBox, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_PreferencesDialog(object):
    def setupUi(self, PreferencesDialog):
        if not PreferencesDialog.objectName():
            PreferencesDialog.setObjectName(u"PreferencesDialog")
        PreferencesDialog.resize(480, 240)
        self.verticalLayout = QVBoxLayout(PreferencesDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.youGroup = QGroupBox(PreferencesDialog)
        self.youGroup.setObjectName(u"youGroup")
        self.youForm = QFormLayout(self.youGroup)
        self.youForm.setObjectName(u"youForm")
        self.userNameLabel = QLabel(self.youGroup)
        self.userNameLabel.setObjectName(u"userNameLabel")

        self.youForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.userNameLabel)

        self.userNameEdit = QLineEdit(self.youGroup)
        self.userNameEdit.setObjectName(u"userNameEdit")
        self.userNameEdit.setMaxLength(120)

        self.youForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.userNameEdit)

        self.userNameHint = QLabel(self.youGroup)
        self.userNameHint.setObjectName(u"userNameHint")
        self.userNameHint.setTextFormat(Qt.TextFormat.PlainText)
        self.userNameHint.setWordWrap(True)

        self.youForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.userNameHint)


        self.verticalLayout.addWidget(self.youGroup)

        self.appearanceGroup = QGroupBox(PreferencesDialog)
        self.appearanceGroup.setObjectName(u"appearanceGroup")
        self.appearanceForm = QFormLayout(self.appearanceGroup)
        self.appearanceForm.setObjectName(u"appearanceForm")
        self.appearanceLabel = QLabel(self.appearanceGroup)
        self.appearanceLabel.setObjectName(u"appearanceLabel")

        self.appearanceForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.appearanceLabel)

        self.appearanceCombo = QComboBox(self.appearanceGroup)
        self.appearanceCombo.addItem("")
        self.appearanceCombo.addItem("")
        self.appearanceCombo.addItem("")
        self.appearanceCombo.setObjectName(u"appearanceCombo")

        self.appearanceForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.appearanceCombo)


        self.verticalLayout.addWidget(self.appearanceGroup)

        self.verticalSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.verticalLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(PreferencesDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.userNameLabel.setBuddy(self.userNameEdit)
        self.appearanceLabel.setBuddy(self.appearanceCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.userNameEdit, self.appearanceCombo)

        self.retranslateUi(PreferencesDialog)
        self.buttonBox.accepted.connect(PreferencesDialog.accept)
        self.buttonBox.rejected.connect(PreferencesDialog.reject)

        QMetaObject.connectSlotsByName(PreferencesDialog)
    # setupUi

    def retranslateUi(self, PreferencesDialog):
        PreferencesDialog.setWindowTitle(QCoreApplication.translate("PreferencesDialog", u"Preferences", None))
        self.youGroup.setTitle(QCoreApplication.translate("PreferencesDialog", u"You", None))
        self.userNameLabel.setText(QCoreApplication.translate("PreferencesDialog", u"Your &name:", None))
#if QT_CONFIG(accessibility)
        self.userNameEdit.setAccessibleName(QCoreApplication.translate("PreferencesDialog", u"Your name", None))
#endif // QT_CONFIG(accessibility)
        self.userNameHint.setText(QCoreApplication.translate("PreferencesDialog", u"The change log records this name beside every change you make, so an auditor can see who changed what, and reports print it as \u201cPrepared by\u201d.", None))
        self.appearanceGroup.setTitle(QCoreApplication.translate("PreferencesDialog", u"Appearance", None))
        self.appearanceLabel.setText(QCoreApplication.translate("PreferencesDialog", u"&Colours:", None))
        self.appearanceCombo.setItemText(0, QCoreApplication.translate("PreferencesDialog", u"Follow the system", None))
        self.appearanceCombo.setItemText(1, QCoreApplication.translate("PreferencesDialog", u"Light", None))
        self.appearanceCombo.setItemText(2, QCoreApplication.translate("PreferencesDialog", u"Dark", None))

#if QT_CONFIG(accessibility)
        self.appearanceCombo.setAccessibleName(QCoreApplication.translate("PreferencesDialog", u"Colours", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

