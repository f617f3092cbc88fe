"""Cell editors and painters shared by the tables: a choice combo, a centred checkbox, a badge.

The delegates only edit and paint; writing goes through the model's setData, which calls
the crm service and reverts (with a plain message) when the service refuses.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QWidget,
)

from ui.models.rows import is_checked

# Colour of each status, shared by the referral tree, the jobs table and the Today tiles.
STATUS_COLORS: dict[str, str] = {
    # referral edges
    "voucher": "#16a085",
    "connection": "#5d6d7e",
    "potential": "#7f8c8d",
    "named": "#2e86de",
    "intro_requested": "#d68910",
    "introduced": "#8e44ad",
    "met": "#1e8449",
    "declined": "#c0392b",
    # jobs
    "interested": "#7f8c8d",
    "applied": "#2e86de",
    "referred": "#8e44ad",
    "interviewing": "#d68910",
    "offer": "#1e8449",
    "rejected": "#c0392b",
    "withdrawn": "#95a5a6",
    # on / near / off track
    "on": "#1e8449",
    "near": "#d68910",
    "off": "#c0392b",
}


def status_color(status: str) -> QColor:
    """The colour of a status; grey for one without its own."""
    return QColor(STATUS_COLORS.get(status, "#7f8c8d"))


class ComboDelegate(QStyledItemDelegate):
    """Edit a cell by choosing one of (label, value) pairs; commits as soon as one is chosen.

    The model gives the current value under EditRole and receives the chosen value by
    setData(EditRole).
    """

    def __init__(
        self, choices: Sequence[tuple[str, object]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.choices = list(choices)

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        for label, value in self.choices:
            combo.addItem(label, value)
        combo.setFrame(False)
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        i = editor.findData(value)
        editor.setCurrentIndex(max(i, 0))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex
    ) -> None:
        value = editor.currentData()
        if value != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(  # noqa: N802
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> None:
        editor.setGeometry(option.rect)


class CheckBoxDelegate(QStyledItemDelegate):
    """A checkbox centred in its cell; a click anywhere in the cell (or Space) toggles it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        # Background and selection without text or the default (left-aligned) indicator.
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        box = QStyleOptionButton()
        box.rect = self._box_rect(option)
        checked = is_checked(index.data(Qt.ItemDataRole.CheckStateRole))
        box.state = QStyle.StateFlag.State_On if checked else QStyle.StateFlag.State_Off
        if index.flags() & Qt.ItemFlag.ItemIsEnabled:
            box.state |= QStyle.StateFlag.State_Enabled
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorCheckBox, box, painter, opt.widget)

    @staticmethod
    def _box_rect(option: QStyleOptionViewItem) -> QRect:
        style = option.widget.style() if option.widget else QApplication.style()
        w = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
        h = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight)
        r = option.rect
        return QRect(r.x() + (r.width() - w) // 2, r.y() + (r.height() - h) // 2, w, h)

    def editorEvent(  # noqa: N802
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex,
    ) -> bool:
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonRelease:
            if event.button() != Qt.MouseButton.LeftButton:
                return False
        elif kind == QEvent.Type.MouseButtonDblClick:
            return True  # swallow: a double-click must not toggle twice nor open a dialog
        elif kind == QEvent.Type.KeyPress:
            if event.key() not in (Qt.Key.Key_Space, Qt.Key.Key_Select):
                return False
        else:
            return False
        checked = is_checked(index.data(Qt.ItemDataRole.CheckStateRole))
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        return model.setData(index, new, Qt.ItemDataRole.CheckStateRole)


def paint_badge(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex,
    key_role: int,
) -> None:
    """Paint the cell's text as a rounded pill coloured after the status under key_role."""
    text = index.data(Qt.ItemDataRole.DisplayRole) or ""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.text = ""
    style = opt.widget.style() if opt.widget else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
    if not text:
        return
    color = status_color(str(index.data(key_role) or ""))
    fm = QFontMetrics(opt.font)
    pad_x, pad_y = 8, 1
    w = min(fm.horizontalAdvance(text) + 2 * pad_x, opt.rect.width() - 8)
    h = min(fm.height() + 2 * pad_y, opt.rect.height() - 4)
    r = QRectF(opt.rect.x() + 4, opt.rect.y() + (opt.rect.height() - h) / 2, w, h)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(color)
    fill.setAlpha(36)
    painter.setPen(QColor(color).lighter(120))
    painter.setBrush(fill)
    painter.drawRoundedRect(r, h / 2, h / 2)
    selected = opt.state & QStyle.StateFlag.State_Selected
    dark = opt.palette.color(QPalette.ColorRole.Base).lightness() < 128
    readable = color.lighter(160) if dark else color.darker(125)
    pen = opt.palette.color(QPalette.ColorRole.HighlightedText) if selected else readable
    painter.setPen(pen)
    painter.setFont(opt.font)
    painter.drawText(
        r,
        Qt.AlignmentFlag.AlignCenter,
        fm.elidedText(text, Qt.TextElideMode.ElideRight, int(w) - 4),
    )
    painter.restore()


def _badge_size(size: QSize) -> QSize:
    return QSize(size.width() + 24, max(size.height(), 24))


class BadgeDelegate(QStyledItemDelegate):
    """Paints the cell's text as a rounded, coloured pill; the colour comes from `key_role`."""

    def __init__(self, key_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key_role = key_role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        paint_badge(self, painter, option, index, self.key_role)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return _badge_size(super().sizeHint(option, index))


class BadgeComboDelegate(ComboDelegate):
    """A status cell: painted as a badge, edited with a combo."""

    def __init__(
        self, choices: Sequence[tuple[str, object]], key_role: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(choices, parent)
        self.key_role = key_role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        paint_badge(self, painter, option, index, self.key_role)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return _badge_size(super().sizeHint(option, index))


__all__ = [
    "STATUS_COLORS",
    "BadgeComboDelegate",
    "BadgeDelegate",
    "CheckBoxDelegate",
    "ComboDelegate",
    "paint_badge",
    "status_color",
]
