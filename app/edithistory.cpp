#include "edithistory.h"

#include <QUndoStack>

namespace sw::gui {

UndoHistoryModel::UndoHistoryModel(QObject *parent) : QAbstractListModel(parent) {}

QUndoStack *UndoHistoryModel::stack() const
{
    return m_document ? m_document->document()->undoStack() : nullptr;
}

void UndoHistoryModel::setDocument(DocumentController *document)
{
    if (m_document == document) return;
    if (QUndoStack *s = stack()) disconnect(s, nullptr, this, nullptr);
    m_document = document;
    if (QUndoStack *s = stack()) {
        connect(s, &QUndoStack::indexChanged, this, &UndoHistoryModel::rebuild);
        connect(s, &QUndoStack::cleanChanged, this, &UndoHistoryModel::rebuild);
    }
    emit documentChanged();
    rebuild();
}

int UndoHistoryModel::currentIndex() const
{
    return m_index;
}

void UndoHistoryModel::rebuild()
{
    QUndoStack *s = stack();
    QStringList texts{QStringLiteral("Opened")};
    for (int i = 0; s && i < s->count(); ++i)
        texts.append(s->text(i));
    const int index = s ? s->index() : 0;
    const int clean = s ? s->cleanIndex() : 0;
    if (texts != m_texts) {
        // Commands only come and go at the end (push, merge, truncation of redo): a reset is the
        // simple and honest signal.
        beginResetModel();
        m_texts = texts;
        m_index = index;
        m_clean = clean;
        endResetModel();
        emit currentIndexChanged();
        return;
    }
    const int oldIndex = m_index;
    const int oldClean = m_clean;
    m_index = index;
    m_clean = clean;
    for (int row : {oldIndex, index, oldClean, clean}) {
        if (row >= 0 && row < m_texts.size()) emit dataChanged(this->index(row), this->index(row));
    }
    if (oldIndex != index) emit currentIndexChanged();
}

int UndoHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_texts.size());
}

QVariant UndoHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return m_texts.at(index.row());
    case CurrentRole:
        return index.row() == m_index;
    case CleanRole:
        return index.row() == m_clean;
    }
    return {};
}

QHash<int, QByteArray> UndoHistoryModel::roleNames() const
{
    return {{TextRole, "label"}, {CurrentRole, "current"}, {CleanRole, "clean"}};
}

void UndoHistoryModel::setIndex(int row)
{
    if (QUndoStack *s = stack(); s && row >= 0 && row <= s->count()) s->setIndex(row);
}

} // namespace sw::gui
