"""The window's menus and toolbar: one QAction per command, wired to MainWindow slots."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SK = QKeySequence.StandardKey
SP = QStyle.StandardPixmap


class Actions:
    """Holds every QAction by name (`actions.get("new_contact")`), built once per window."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.by_name: dict[str, QAction] = {}
        w = window
        # Ctrl+N makes what the user makes daily, a contact; a new database is rare and
        # switches away from the one open, so it takes the longer chord
        self._make("new_db", "&New database…", w.new_database, "Ctrl+Shift+N", SP.SP_FileIcon)
        self._make("open_db", "&Open database…", w.open_database, SK.Open, SP.SP_DialogOpenButton)
        self._make("import", "&Import…", w.import_file, "Ctrl+I", SP.SP_ArrowDown)
        self._make("import_history", "Import &history…", w.import_history)
        self._make("export_report", "&Export report…", w.export_report, "Ctrl+E", SP.SP_ArrowUp)
        self._make("export_view", "Export &this view…", w.export_view, "Ctrl+Shift+E")
        self._make("backup", "&Back up now", w.backup_now, None, SP.SP_DriveHDIcon)
        self._make("restore", "&Restore from backup…", w.restore_backup)
        self._make("quit", "&Quit", w.close, SK.Quit)
        if self.by_name["quit"].shortcut().isEmpty():  # platforms without a standard Quit key
            self.by_name["quit"].setShortcut(QKeySequence("Ctrl+Q"))
        self._make("new_contact", "New &contact…", w.new_contact, SK.New)
        self._make("new_company", "New c&ompany…", w.new_company)
        self._make("new_job", "New &job…", w.new_job)
        self._make("log_meeting", "Log &meeting…", w.log_meeting, "Ctrl+M")
        self._make("log_interaction", "Log &interaction…", w.log_interaction, "Ctrl+L")
        self._make("delete", "&Delete", w.delete_selected, SK.Delete, SP.SP_TrashIcon)
        self._make("find", "&Find contact", w.find_contact, SK.Find)
        self._make("refresh", "&Refresh", w.refresh_all, SK.Refresh, SP.SP_BrowserReload)
        self._make("method", "The &method…", w.show_method, SK.HelpContents)
        self._make("about", "&About Vouch", w.show_about)
        self.by_name["refresh"].setShortcuts([QKeySequence("F5")])

        stack = window.session.undo_stack
        self.undo = stack.createUndoAction(window, "&Undo")
        self.undo.setShortcuts(QKeySequence.keyBindings(SK.Undo))
        self.undo.setIcon(window.style().standardIcon(SP.SP_ArrowBack))
        self.redo = stack.createRedoAction(window, "&Redo")
        self.redo.setShortcuts(QKeySequence.keyBindings(SK.Redo))
        self.redo.setIcon(window.style().standardIcon(SP.SP_ArrowForward))
        self.by_name["undo"], self.by_name["redo"] = self.undo, self.redo

        self.view_actions: list[QAction] = []
        for n, (name, title) in enumerate(window.view_titles()):
            action = QAction(title, window)
            action.setObjectName(f"view_{name}")
            if n < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
            action.triggered.connect(lambda _=False, name=name: window.show_view(name))
            self.view_actions.append(action)
            self.by_name[f"view_{name}"] = action

    def _make(self, name, text, slot, shortcut=None, icon=None) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.window.style().standardIcon(icon))
        action.triggered.connect(lambda _=False: slot())
        self.by_name[name] = action
        return action

    def get(self, name: str) -> QAction:
        return self.by_name[name]

    def build_menus(self) -> None:
        bar = self.window.menuBar()
        a = self.get
        file = bar.addMenu("&File")
        file.addActions([a("new_db"), a("open_db")])
        self.recent_menu = file.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self.window.fill_recent_menu)
        file.addSeparator()
        file.addActions([a("import"), a("import_history"), a("export_report"), a("export_view")])
        file.addSeparator()
        file.addActions([a("backup"), a("restore")])
        file.addSeparator()
        file.addAction(a("quit"))

        edit = bar.addMenu("&Edit")
        edit.addActions([a("undo"), a("redo")])
        edit.addSeparator()
        edit.addActions([a("new_contact"), a("new_company"), a("new_job")])
        edit.addSeparator()
        edit.addActions([a("log_meeting"), a("log_interaction")])
        edit.addSeparator()
        edit.addActions([a("find"), a("delete")])

        view = bar.addMenu("&View")
        view.addActions(self.view_actions)
        view.addSeparator()
        view.addAction(a("refresh"))

        help_menu = bar.addMenu("&Help")
        help_menu.addActions([a("method"), a("about")])

    def build_toolbar(self) -> QToolBar:
        toolbar = QToolBar("Main")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        style = self.window.style()
        a = self.get
        a("new_contact").setIcon(style.standardIcon(SP.SP_FileDialogNewFolder))
        a("log_meeting").setIcon(style.standardIcon(SP.SP_DialogApplyButton))
        a("log_interaction").setIcon(style.standardIcon(SP.SP_FileDialogDetailedView))
        a("new_contact").setIconText("New contact")
        a("log_meeting").setIconText("Log meeting")
        a("log_interaction").setIconText("Log interaction")
        a("import").setIconText("Import")
        a("export_report").setIconText("Export report")
        for name in ("new_contact", "log_meeting", "log_interaction"):
            toolbar.addAction(a(name))
        toolbar.addSeparator()
        for name in ("import", "export_report"):
            toolbar.addAction(a(name))
        toolbar.addSeparator()
        toolbar.addActions([a("undo"), a("redo")])
        toolbar.addSeparator()
        toolbar.addAction(a("refresh"))
        self.window.addToolBar(toolbar)
        return toolbar
