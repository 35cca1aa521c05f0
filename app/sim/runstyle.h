#pragma once

#include "diagramcontroller.h"
#include "engine/runtimeline.h"

#include <QColor>
#include <QHash>
#include <QSet>
#include <QString>

namespace sw::gui {

// How a run looks on the canvas: the status colours of the console's execution graph and the
// captions (Map progress, Retry and Wait countdowns on the virtual clock). Pure functions of a
// RunSnapshot, shared by the live canvas, the frame export and the headless --run-to screenshot.
namespace runstyle {

QColor color(sim::RunStatus status);
QString label(sim::RunStatus status);
// "4 s", "2 min 5 s", "1 h 3 min": a duration on the virtual clock, rounded up to the second.
QString duration(double seconds);

// The "run" overlay for `snapshot`: state name -> overlay, keyed by the state's node id (its JSON
// pointer, from `pointers`). States in `diverging` (a replay compared with a simulation) are
// flagged in their caption.
QHash<QString, DiagramController::NodeOverlay> overlay(const sim::RunSnapshot &snapshot,
                                                       const QHash<QString, QString> &pointers,
                                                       const QSet<QString> &diverging = {});

} // namespace runstyle

} // namespace sw::gui
