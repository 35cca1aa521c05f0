#include "runeventsmodel.h"

#include "json/jsonwriter.h"

namespace sw::gui {

RunEventsModel::RunEventsModel(QObject *parent) : QAbstractListModel(parent) {}

int RunEventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString RunEventsModel::detail(const sim::HistoryEvent &e)
{
    if (!e.error.isEmpty() || !e.cause.isEmpty())
        return e.cause.isEmpty() ? e.error : QStringLiteral("%1: %2").arg(e.error, e.cause);
    const Json &payload = e.output.isDefined() ? e.output : e.input;
    if (!payload.isDefined()) return {};
    QString text = QString::fromUtf8(JsonWriter::compact(payload));
    if (text.size() > 200) text = text.left(199) + QChar(0x2026);
    return text;
}

QVariant RunEventsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) return {};
    const int i = m_rows.at(index.row());
    const sim::HistoryEvent &e = m_events.at(i);
    switch (role) {
    case IdRole:
        return e.id;
    case TimeRole:
        return e.time;
    case TypeRole:
        return QString::fromLatin1(sim::eventTypeName(e.type));
    case StateRole:
        return e.stateName;
    case DetailRole:
        return detail(e);
    case FailureRole:
        return !e.error.isEmpty();
    case IndexRole:
        return i;
    default:
        return {};
    }
}

QHash<int, QByteArray> RunEventsModel::roleNames() const
{
    return {{IdRole, "eventId"},      {TimeRole, "time"},     {TypeRole, "type"},
            {StateRole, "stateName"}, {DetailRole, "detail"}, {FailureRole, "failure"},
            {IndexRole, "eventIndex"}};
}

bool RunEventsModel::accepts(const sim::HistoryEvent &e) const
{
    if (m_filter.isEmpty()) return true;
    return QLatin1String(sim::eventTypeName(e.type)).contains(m_filter, Qt::CaseInsensitive) ||
           e.stateName.contains(m_filter, Qt::CaseInsensitive) ||
           e.error.contains(m_filter, Qt::CaseInsensitive);
}

void RunEventsModel::setFilter(const QString &filter)
{
    if (filter == m_filter) return;
    m_filter = filter;
    rebuildRows();
    emit filterChanged();
}

void RunEventsModel::rebuildRows()
{
    beginResetModel();
    m_rows.clear();
    for (int i = 0; i < m_count; ++i) {
        if (accepts(m_events.at(i))) m_rows.append(i);
    }
    endResetModel();
}

void RunEventsModel::show(const QList<sim::HistoryEvent> &events, int count, quint64 run)
{
    count = std::clamp(count, 0, int(events.size()));
    if (run != m_run || count < m_count) {
        m_run = run;
        m_events = events;
        m_count = count;
        rebuildRows();
        emit countsChanged();
        return;
    }
    QList<int> added;
    for (int i = m_count; i < count; ++i) {
        if (accepts(events.at(i))) added.append(i);
    }
    m_events = events;
    if (count == m_count) return;
    m_count = count;
    if (!added.isEmpty()) {
        beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows += added;
        endInsertRows();
    }
    emit countsChanged();
}

} // namespace sw::gui
