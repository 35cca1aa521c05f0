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

namespace {

// Pads or elides `text` to `width` characters (a row is one line in a monospace font: one text
// item per row keeps rows cheap to create while thousands of events scroll by).
QString fit(const QString &text, int width, bool right = false)
{
    if (text.size() > width) return text.left(width - 1) + QChar(0x2026);
    return right ? text.rightJustified(width) : text.leftJustified(width);
}

QString columns(const QString &id, const QString &time, const QString &type, const QString &state,
                const QString &detail)
{
    return fit(id, 6, true) + QStringLiteral("  ") + fit(time, 10, true) + QStringLiteral("  ") + fit(type, 30) +
           QStringLiteral("  ") + fit(state, 28) + QStringLiteral("  ") + detail;
}

} // namespace

QString RunEventsModel::header()
{
    return columns(QStringLiteral("ID"), QStringLiteral("Time"), QStringLiteral("Type"), QStringLiteral("State"),
                   QStringLiteral("Details"));
}

QString RunEventsModel::line(const sim::HistoryEvent &e)
{
    // The detail is cut shorter than detail() cuts it: the table is rarely wider, and every
    // character is shaped each time a row scrolls in.
    QString d = detail(e);
    if (d.size() > 120) d = d.left(119) + QChar(0x2026);
    return columns(QString::number(e.id),
                   QStringLiteral("%1 s").arg(e.time, 0, 'f', e.time < 100 ? 2 : 0),
                   QString::fromLatin1(sim::eventTypeName(e.type)), e.stateName, d);
}

double RunEventsModel::timeAt(int row) const
{
    if (row < 0 || row >= m_rows.size()) return -1;
    return m_events.at(m_rows.at(row)).time;
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
    case LineRole:
        return line(e);
    default:
        return {};
    }
}

QHash<int, QByteArray> RunEventsModel::roleNames() const
{
    return {{IdRole, "eventId"},      {TimeRole, "time"},     {TypeRole, "type"},
            {StateRole, "stateName"}, {DetailRole, "detail"}, {FailureRole, "failure"},
            {IndexRole, "eventIndex"}, {LineRole, "line"}};
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
