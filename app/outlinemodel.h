#pragma once

#include "asl/statemachine.h"
#include "documentcontroller.h"

#include <QAbstractItemModel>
#include <QPointer>
#include <QQmlEngine>

#include <vector>

namespace sw::gui {

// The states of the open definition as a tree for the outline: top-level states in authored
// order; a Parallel holds one "Branch N" row per branch with that branch's states; a Map holds
// its processor's states. Rows carry the diagram node id (the JSON pointer) so a click can select
// and reveal the state. Rebuilt (model reset) whenever the definition changes.
class OutlineModel : public QAbstractItemModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(sw::gui::DocumentController *document READ document WRITE setDocument NOTIFY documentChanged)
public:
    enum Role { NameRole = Qt::UserRole + 1, NodeIdRole, TypeRole, KindRole, DetailRole };

    explicit OutlineModel(QObject *parent = nullptr);

    DocumentController *document() const { return m_document; }
    void setDocument(DocumentController *document);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The index of the row showing a node id (a state pointer), invalid when absent.
    Q_INVOKABLE QModelIndex indexOf(const QString &nodeId) const;

signals:
    void documentChanged();

private:
    struct Item
    {
        QString name;
        QString nodeId;
        QString type; // state type name; "" for branch rows
        QString kind; // "state" or "branch"
        QString detail;
        int parent = -1;
        int row = 0;
        QList<int> children;
    };
    void rebuild();
    void addMachine(const asl::StateMachine &m, int parent);
    int addItem(Item item);

    QPointer<DocumentController> m_document;
    std::vector<Item> m_items;
    QList<int> m_roots;
};

} // namespace sw::gui
