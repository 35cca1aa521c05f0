#include "outlinemodel.h"

#include "documentcontroller.h"
#include "nodecontent.h"

namespace sw::gui {

OutlineModel::OutlineModel(QObject *parent) : QAbstractItemModel(parent) {}

void OutlineModel::setDocument(DocumentController *document)
{
    if (document == m_document) return;
    if (m_document) disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) connect(m_document, &DocumentController::changed, this, &OutlineModel::rebuild);
    rebuild();
    emit documentChanged();
}

int OutlineModel::addItem(Item item)
{
    const int id = int(m_items.size());
    QList<int> &siblings = item.parent < 0 ? m_roots : m_items[size_t(item.parent)].children;
    item.row = int(siblings.size());
    siblings.append(id);
    m_items.push_back(std::move(item));
    return id;
}

void OutlineModel::addMachine(const asl::StateMachine &m, int parent)
{
    for (const asl::State &s : m.states) {
        Item item;
        item.name = s.name;
        item.nodeId = s.pointer;
        item.type = s.typeName;
        item.kind = QStringLiteral("state");
        item.detail = layout::nodeContent(s).detail;
        item.parent = parent;
        const int id = addItem(item);
        for (size_t b = 0; b < s.branches.size(); ++b) {
            Item branch;
            branch.name = QStringLiteral("Branch %1").arg(b + 1);
            branch.nodeId = s.branches[b].pointer;
            branch.kind = QStringLiteral("branch");
            branch.parent = id;
            addMachine(s.branches[b], addItem(branch));
        }
        if (const asl::StateMachine *p = s.itemProcessor()) addMachine(*p, id);
    }
}

void OutlineModel::rebuild()
{
    beginResetModel();
    m_items.clear();
    m_roots.clear();
    if (m_document && m_document->isParsed()) addMachine(m_document->document()->machine(), -1);
    endResetModel();
}

QModelIndex OutlineModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0) return {};
    const QList<int> &siblings = parent.isValid() ? m_items[size_t(parent.internalId())].children : m_roots;
    if (row >= siblings.size()) return {};
    return createIndex(row, 0, quintptr(siblings.at(row)));
}

QModelIndex OutlineModel::parent(const QModelIndex &child) const
{
    if (!child.isValid()) return {};
    const int p = m_items[size_t(child.internalId())].parent;
    if (p < 0) return {};
    return createIndex(m_items[size_t(p)].row, 0, quintptr(p));
}

int OutlineModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0) return 0;
    return int(parent.isValid() ? m_items[size_t(parent.internalId())].children.size() : m_roots.size());
}

int OutlineModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant OutlineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Item &item = m_items[size_t(index.internalId())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return item.name;
    case NodeIdRole:
        return item.nodeId;
    case TypeRole:
        return item.type;
    case KindRole:
        return item.kind;
    case DetailRole:
        return item.detail;
    default:
        return {};
    }
}

QHash<int, QByteArray> OutlineModel::roleNames() const
{
    return {{Qt::DisplayRole, "display"}, {NameRole, "name"}, {NodeIdRole, "nodeId"},
            {TypeRole, "stateType"},      {KindRole, "kind"}, {DetailRole, "detail"}};
}

QModelIndex OutlineModel::indexOf(const QString &nodeId) const
{
    for (size_t i = 0; i < m_items.size(); ++i) {
        if (m_items[i].nodeId == nodeId) return createIndex(m_items[i].row, 0, quintptr(i));
    }
    return {};
}

} // namespace sw::gui
