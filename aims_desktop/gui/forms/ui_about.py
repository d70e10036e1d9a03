# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'about.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHBoxLayout, QLabel, QSizePolicy, QTextBrowser,
    QVBoxLayout, QWidget)

class Ui_AboutDialog(object):
    def setupUi(self, AboutDialog):
        if not AboutDialog.objectName():
            AboutDialog.setObjectName(u"AboutDialog")
        AboutDialog.resize(600, 460)
        self.verticalLayout = QVBoxLayout(AboutDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.logoLabel = QLabel(AboutDialog)
        self.logoLabel.setObjectName(u"logoLabel")
        self.logoLabel.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.headerLayout.addWidget(self.logoLabel)

        self.titleLayout = QVBoxLayout()
        self.titleLayout.setObjectName(u"titleLayout")
        self.titleLabel = QLabel(AboutDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.titleLayout.addWidget(self.titleLabel)

        self.versionLabel = QLabel(AboutDialog)
        self.versionLabel.setObjectName(u"versionLabel")
        self.versionLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.versionLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.titleLayout.addWidget(self.versionLabel)

        self.descriptionLabel = QLabel(AboutDialog)
        self.descriptionLabel.setObjectName(u"descriptionLabel")
        self.descriptionLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.descriptionLabel.setWordWrap(True)

        self.titleLayout.addWidget(self.descriptionLabel)


        self.headerLayout.addLayout(self.titleLayout)


        self.verticalLayout.addLayout(self.headerLayout)

        self.licencesLabel = QLabel(AboutDialog)
        self.licencesLabel.setObjectName(u"licencesLabel")

        self.verticalLayout.addWidget(self.licencesLabel)

        self.licencesBrowser = QTextBrowser(AboutDialog)
        self.licencesBrowser.setObjectName(u"licencesBrowser")
        self.licencesBrowser.setOpenExternalLinks(True)

        self.verticalLayout.addWidget(self.licencesBrowser)

        self.buttonBox = QDialogButtonBox(AboutDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.licencesLabel.setBuddy(self.licencesBrowser)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AboutDialog)
        self.buttonBox.rejected.connect(AboutDialog.reject)

        QMetaObject.connectSlotsByName(AboutDialog)
    # setupUi

    def retranslateUi(self, AboutDialog):
        AboutDialog.setWindowTitle(QCoreApplication.translate("AboutDialog", u"About AIMS Desktop", None))
#if QT_CONFIG(accessibility)
        self.logoLabel.setAccessibleName(QCoreApplication.translate("AboutDialog", u"AIMS Desktop logo", None))
#endif // QT_CONFIG(accessibility)
        self.titleLabel.setText(QCoreApplication.translate("AboutDialog", u"AIMS Desktop", None))
        self.descriptionLabel.setText(QCoreApplication.translate("AboutDialog", u"Build, self-assess and keep the records of an AI management system against ISO/IEC 42001:2023, offline. AIMS Desktop is not affiliated with ISO or IEC; the explanations and questions in it are written in its own words.", None))
        self.licencesLabel.setText(QCoreApplication.translate("AboutDialog", u"&Licences:", None))
#if QT_CONFIG(accessibility)
        self.licencesBrowser.setAccessibleName(QCoreApplication.translate("AboutDialog", u"Licences", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

