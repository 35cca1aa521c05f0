#pragma once

#include <QAbstractListModel>
#include <QQmlEngine>
#include <QVariantMap>

namespace sw::gui {

// A list model of rows given as QVariantMaps (every row has the same keys, which become the
// roles). setRows() keeps the delegates when the rows are the same ones (same count and same
// "key" values), emitting dataChanged for the rows that differ, so an editor in a row keeps its
// focus while the document changes under it; otherwise it resets.
class InspectorRows : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("rows of the inspector")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    explicit InspectorRows(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setRows(const QList<QVariantMap> &rows);
    const QList<QVariantMap> &rows() const { return m_rows; }
    Q_INVOKABLE QVariantMap get(int row) const { return m_rows.value(row); }

signals:
    void countChanged();

private:
    QList<QVariantMap> m_rows;
    QStringList m_roles;
};

} // namespace sw::gui
