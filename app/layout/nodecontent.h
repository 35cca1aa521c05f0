#pragma once

#include "asl/statemachine.h"
#include "textmetrics.h"

#include <QSizeF>
#include <QString>

namespace sw::layout {

// What a state's box shows and how big it is. The layout sizes boxes from these strings and the
// renderer draws the same strings at the positions given by the constants below, so sizing and
// drawing cannot drift apart. Never draws and holds no font.
struct NodeContent
{
    QString title;  // the state name
    QString detail; // type and its key field: "Task · lambda: validate", "Choice · 3 rules"
    QString badge;  // "retry x3" when the state retries, else empty
};

NodeContent nodeContent(const asl::State &state);
// "arn:aws:states:::ecs:runTask.sync" -> "ecs:runTask.sync"; Lambda ARNs -> "lambda: NAME".
QString shortResource(const QString &resource);

// Box geometry shared by the layout (sizing) and the renderer (drawing), in scene units.
namespace box {
inline constexpr qreal padX = 10;     // left/right padding inside a state box
inline constexpr qreal padY = 7;      // top/bottom padding
inline constexpr qreal icon = 18;     // type icon square
inline constexpr qreal iconGap = 8;   // between icon and text
inline constexpr qreal lineGap = 2;   // between title and detail lines
inline constexpr qreal badgeGap = 8;  // between title and badge
inline constexpr qreal badgePadX = 5; // inside the badge pill
inline constexpr qreal minWidth = 150;
inline constexpr qreal maxTextWidth = 280; // longer titles and details are elided
inline constexpr qreal clusterPad = 12;    // inside composite and branch frames
inline constexpr qreal branchGap = 18;     // between branch frames of a Parallel
inline constexpr qreal branchLabelGap = 4; // below a branch label
inline constexpr qreal markerPill = 24;    // height of the top-level Start/End pills
inline constexpr qreal markerPadX = 12;
inline constexpr qreal markerDot = 14; // nested Start/End markers
inline constexpr qreal labelPad = 3;   // around edge label text
} // namespace box

// The size of a plain (non-composite) state box, and of the header band of a composite one.
QSizeF nodeBoxSize(const NodeContent &content, const TextMetrics &metrics);
// Width available to the title (and badge) and to the detail inside a box of the given width.
qreal textWidthFor(qreal boxWidth);

} // namespace sw::layout
