#include "iterationview.h"

#include <algorithm>

namespace sw::gui {

bool IterationView::inside(const QString &statePointer, const QString &mapPointer)
{
    return statePointer.startsWith(mapPointer + QLatin1String("/ItemProcessor/")) ||
           statePointer.startsWith(mapPointer + QLatin1String("/Iterator/"));
}

sim::RunSnapshot IterationView::snapshot(const sim::RunTimeline &timeline, quint64 run, int cursor,
                                         const QString &mapPointer, int index,
                                         const QHash<QString, QString> &pointers)
{
    const Key key{run, timeline.eventCount(), mapPointer, index};
    if (!(key == m_key)) {
        m_key = key;
        QList<sim::HistoryEvent> kept;
        m_original.clear();
        const QList<sim::HistoryEvent> &events = timeline.events();
        for (int i = 0; i < events.size(); ++i) {
            const sim::HistoryEvent &e = events.at(i);
            const QString pointer = e.statePointer.isEmpty() ? pointers.value(e.stateName) : e.statePointer;
            if (e.mapIndex != index && inside(pointer, mapPointer)) continue;
            kept.append(e);
            m_original.append(i);
        }
        m_filtered = sim::RunTimeline(kept);
    }
    const int count =
        int(std::lower_bound(m_original.cbegin(), m_original.cend(), cursor) - m_original.cbegin());
    return m_filtered.snapshotAfterEvents(count);
}

} // namespace sw::gui
