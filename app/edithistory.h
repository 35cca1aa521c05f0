#pragma once

#include "documentcontroller.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QQmlEngine>

namespace sw::gui {

// The undo history as a list: row 0 is the document as opened, row n the state after the n-th
// command of the document's QUndoStack. Roles: label, current (the row the document is at), clean
// (the row that matches the file on disk). setIndex() undoes or redoes to a row.
class UndoHistoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(sw::gui::DocumentController *document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(int currentIndex READ currentIndex NOTIFY currentIndexChanged)
public:
    enum Role { TextRole = Qt::UserRole + 1, CurrentRole, CleanRole };

    explicit UndoHistoryModel(QObject *parent = nullptr);

    DocumentController *document() const { return m_document; }
    void setDocument(DocumentController *document);
    int currentIndex() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void setIndex(int row);

signals:
    void documentChanged();
    void currentIndexChanged();

private:
    void rebuild();
    QUndoStack *stack() const;

    QPointer<DocumentController> m_document;
    QStringList m_texts;
    int m_index = 0;
    int m_clean = 0;
};

} // namespace sw::gui
