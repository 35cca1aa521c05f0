#include "inspectorrows.h"

#include <QSet>

namespace sw::gui {

InspectorRows::InspectorRows(QObject *parent) : QAbstractListModel(parent) {}

int InspectorRows::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant InspectorRows::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const int r = role - Qt::UserRole;
    if (r < 0 || r >= m_roles.size()) return {};
    return m_rows.at(index.row()).value(m_roles.at(r));
}

QHash<int, QByteArray> InspectorRows::roleNames() const
{
    QHash<int, QByteArray> names;
    for (qsizetype i = 0; i < m_roles.size(); ++i)
        names.insert(Qt::UserRole + int(i), m_roles.at(i).toUtf8());
    return names;
}

void InspectorRows::setRows(const QList<QVariantMap> &rows)
{
    QStringList roles = m_roles;
    QSet<QString> known(roles.cbegin(), roles.cend());
    for (const QVariantMap &row : rows) {
        for (auto it = row.cbegin(); it != row.cend(); ++it) {
            if (!known.contains(it.key())) {
                known.insert(it.key());
                roles.append(it.key());
            }
        }
    }
    bool same = roles == m_roles && rows.size() == m_rows.size();
    for (qsizetype i = 0; same && i < rows.size(); ++i)
        same = rows.at(i).value(QStringLiteral("key")) == m_rows.at(i).value(QStringLiteral("key"));
    if (!same) {
        beginResetModel();
        m_roles = roles;
        m_rows = rows;
        endResetModel();
        emit countChanged();
        return;
    }
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (rows.at(i) == m_rows.at(i)) continue;
        m_rows[i] = rows.at(i);
        emit dataChanged(index(int(i)), index(int(i)));
    }
}

} // namespace sw::gui
