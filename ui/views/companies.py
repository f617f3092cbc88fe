"""Companies: which ones are network targets, who is there, and how warm the way in is."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QMenu, QMessageBox, QPushButton

from crm.services.job_rows import company_record
from ui import session as kinds
from ui.delegates import CheckBoxDelegate, ComboDelegate
from ui.dialogs.company import edit_company
from ui.models import companies as m
from ui.record_commands import push_company_change
from ui.views.record_table import RecordTableView
from ui.widgets.wording import count


class CompaniesView(RecordTableView):
    name = "companies"
    title = "Companies"
    depends_on = frozenset({kinds.COMPANIES, kinds.CONTACTS, kinds.JOBS, kinds.REFERRALS})
    record_kind = kinds.COMPANIES
    key_column = m.COL_NAME
    in_place_columns = frozenset({m.COL_TARGET, m.COL_PRIORITY})

    warm_paths_requested = Signal(int)  # company id

    def __init__(self, session, parent=None):
        super().__init__(session, m.CompaniesModel(), parent)
        search = self.search_box("Search companies or industries…", self._apply_filter)
        self.targets_only = QCheckBox("Network targets only")
        self.targets_only.toggled.connect(self._apply_filter)
        self.new_button = QPushButton("New company…")
        self.new_button.clicked.connect(self.new_record)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.paths_button = QPushButton("Warm paths")
        self.paths_button.setToolTip("Work backwards: who can introduce you at this company")
        self.paths_button.clicked.connect(self.show_warm_paths)

        self.setup_records_table(
            "companies_table",
            delegates={
                m.COL_TARGET: CheckBoxDelegate(self.table),
                m.COL_PRIORITY: ComboDelegate(m.PRIORITIES, self.table),
            },
            # 814 pixels up to Industry: Shortest path whole in a 1024-pixel window
            widths={
                m.COL_TARGET: 64,
                m.COL_PRIORITY: 90,
                m.COL_NAME: 190,
                m.COL_PEOPLE: 100,
                m.COL_VOUCHERS: 110,
                m.COL_JOBS: 90,
                m.COL_PATH: 170,
            },
            sort_column=m.COL_PRIORITY,
        )
        self.table_shortcut("Edit company", Qt.Key.Key_Return, self.edit_selected)
        self.assemble(
            search,
            self.targets_only,
            12,
            self.new_button,
            self.edit_button,
            self.paths_button,
        )

    # --- the record table's hooks ------------------------------------------------------
    def edit_record(self, record_id: int | None) -> int | None:
        return edit_company(self, self.session, record_id)

    def push_change(self, text: str, record_id: int, before) -> None:
        push_company_change(self.session, text, record_id, before)

    def action_buttons(self) -> tuple[QPushButton, ...]:
        return (self.edit_button, self.paths_button)

    def _apply_filter(self, *_args) -> None:
        """Text over name and industry, and optionally the targets only."""
        text = self.search.text().casefold().strip()
        targets_only = self.targets_only.isChecked()
        if not text and not targets_only:
            self.model.set_filter(None)
        else:
            self.model.set_filter(
                lambda r: (
                    (r.is_target or not targets_only)
                    and (not text or text in r.name.casefold() or text in r.industry.casefold())
                )
            )
        self._update_summary()

    def _update_summary(self) -> None:
        rows = self.model.all_rows()
        targets = sum(1 for r in rows if r.is_target)
        if not rows:
            self.summary.setText(
                "No companies yet. They appear as you add or import contacts; pick 3-4 as "
                "network targets and work backwards from them."
            )
            return
        self.summary.setText(
            f"{count(len(rows), 'company')} · {count(targets, 'network target')} · "
            "tick Target to make a company a network target and work backwards from it"
        )

    # --- actions -----------------------------------------------------------------------
    def show_warm_paths(self) -> None:
        """Hand over to the Network view when the window has one; else say the best path."""
        company_id = self.selected_id()
        if company_id is None:
            return
        self.warm_paths_requested.emit(company_id)
        window = self.window()
        if hasattr(window, "show_network_for_company"):
            window.show_network_for_company(company_id)
            return
        network_view = getattr(window, "views", {}).get("network")
        if hasattr(network_view, "show_company") and hasattr(window, "show_view"):
            window.show_view("network")
            network_view.show_company(company_id)
            return
        path = self.model.path(company_id, compute=True)
        name = self.model.row(self.model.row_of(company_id)).name
        if path is None:
            text = f"Nobody in your network leads to {name} yet. Ask your vouchers who they know there."
        else:
            steps = "\n".join(f"• {hop.explain()}" for hop in path.hops)
            text = f"{path.summary()}\n\n{steps}\n\nNext: {path.next_action()}."
        QMessageBox.information(self, f"Warm path to {name}", text)

    @staticmethod
    def company_website(company_id: int) -> str:
        record = company_record(company_id)
        return record.website if record else ""

    def fill_menu(self, menu: QMenu, index) -> None:
        row = self.selected_row()
        menu.addAction("Edit company…", self.edit_selected)
        menu.addAction("Warm paths", self.show_warm_paths)
        website = self.company_website(row.id)
        site = menu.addAction(
            "Open the website",
            lambda: QDesktopServices.openUrl(QUrl.fromUserInput(website)),
        )
        site.setEnabled(bool(website))
        label = "Remove from network targets" if row.is_target else "Make a network target"
        target_index = self.model.index(index.row(), m.COL_TARGET)
        new_state = Qt.CheckState.Unchecked if row.is_target else Qt.CheckState.Checked
        menu.addAction(
            label,
            lambda: self.model.setData(target_index, new_state, Qt.ItemDataRole.CheckStateRole),
        )
