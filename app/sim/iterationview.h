#pragma once

#include "engine/runtimeline.h"

#include <QHash>
#include <QList>
#include <QString>

namespace sw::gui {

// One Map iteration opened on the canvas: the states of a Map's processor as they were in
// iteration `index` (otherwise they show the status of whichever iteration touched them last).
// It is the run's timeline without the other iterations' events of those states, cached for one
// (timeline, Map, index) at a time. Nested Maps are filtered by their innermost iteration index.
class IterationView
{
public:
    void clear() { m_key = {}; }
    static bool inside(const QString &statePointer, const QString &mapPointer);
    // The picture at `cursor` events of `timeline` with iteration `index` of the Map at
    // `mapPointer` in focus. `pointers` maps state names to pointers (AWS histories have none).
    sim::RunSnapshot snapshot(const sim::RunTimeline &timeline, quint64 run, int cursor,
                              const QString &mapPointer, int index, const QHash<QString, QString> &pointers);

private:
    struct Key
    {
        quint64 run = 0;
        int events = -1;
        QString map;
        int index = -1;
        bool operator==(const Key &) const = default;
    };
    Key m_key;
    sim::RunTimeline m_filtered;
    QList<int> m_original; // filtered event -> index in the full timeline
};

} // namespace sw::gui
