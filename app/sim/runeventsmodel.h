#pragma once

#include "engine/history.h"

#include <QAbstractListModel>
#include <QList>
#include <QQmlEngine>

namespace sw::gui {

// The execution history up to the run's cursor, as the console's event table shows it: id, time
// since the start, AWS event type, state and a one-line detail (error, cause, or the payload).
// `filter` keeps the events whose type, state or detail contains it (case-insensitive).
class RunEventsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RunController owns it")
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
    Q_PROPERTY(int totalCount READ totalCount NOTIFY countsChanged)
    // The column titles, laid out as `line` lays out each event (for a monospace font).
    Q_PROPERTY(QString header READ header CONSTANT)
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        TimeRole,
        TypeRole,
        StateRole,
        DetailRole,
        FailureRole,
        IndexRole,
        LineRole // the whole row as one line of fixed-width columns (what the table shows)
    };

    explicit RunEventsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    int totalCount() const { return m_count; }
    static QString header();
    // The simulated time of a row's event (for a click on it), or -1.
    Q_INVOKABLE double timeAt(int row) const;

    // Shows the first `count` of `events` (the run's cursor). `run` identifies the history: the
    // same run further on appends rows (a history only grows), anything else resets the model.
    void show(const QList<sim::HistoryEvent> &events, int count, quint64 run);
    static QString detail(const sim::HistoryEvent &e);
    static QString line(const sim::HistoryEvent &e);

signals:
    void filterChanged();
    void countsChanged();

private:
    bool accepts(const sim::HistoryEvent &e) const;
    void rebuildRows();

    QList<sim::HistoryEvent> m_events;
    int m_count = 0;
    quint64 m_run = 0;
    QList<int> m_rows; // indices into m_events
    QString m_filter;
};

} // namespace sw::gui
