#pragma once

#include "engine/runtimeline.h"
#include "scene.h"
#include "style.h"

#include <QHash>
#include <QImage>
#include <QObject>
#include <QString>

#include <functional>

namespace sw::gui::frameexport {

struct Job
{
    QString folder;
    render::SceneHandle scene;
    render::DiagramStyle style;
    sim::RunTimeline timeline;
    QHash<QString, QString> pointers; // state name -> node id
    int maxFrames = 600;
    double maxPixels = 2400; // the longer side of a frame
};

// The cursor positions (event counts) of the frames: one after each moment something happened (the
// events sharing a time form one moment), evenly thinned out to at most `maxFrames`.
QList<int> frameCursors(const sim::RunTimeline &timeline, int maxFrames);

// The diagram as it was after `events` events, as the canvas paints it: states coloured by status
// with their captions, the failing path, and a token on each edge fired since `since` events (the
// previous frame's moment; at most RunTokens::maxTokens; none when `since` < 0), where the canvas
// animates one.
QImage renderFrame(const Job &job, int events, int since = -1);

// Writes frame-0000.png, frame-0001.png... into job.folder on a worker thread, then calls `done`
// (frames written, error) on `context`'s thread.
void start(const Job &job, QObject *context, std::function<void(int, const QString &)> done);

} // namespace sw::gui::frameexport
