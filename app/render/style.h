#pragma once

#include "asl/statemachine.h"
#include "textmetrics.h"

#include <QColor>
#include <QFont>
#include <QString>

namespace sw::render {

// Colours and fonts of a diagram, derived from the application palette so the canvas follows
// light and dark mode. State types keep a fixed hue; how strongly it tints a box depends on the
// palette. Plain values: safe to copy into a rendering thread.
struct DiagramStyle
{
    bool dark = false;
    QColor background; // canvas
    QColor text;       // titles
    QColor mutedText;  // details, edge labels
    QColor accent;     // selection
    QColor edge;       // Next/Choice/Default/Start/End routes
    QColor catchEdge;  // Catch routes and labels
    QColor frame;      // branch frames
    QColor labelBackground;
    QColor badgeFill;
    QColor badgeText;
    QColor missing; // placeholder for transitions to unknown states
    QString fontFamily;

    // Light or dark defaults (used by the CLI exporters and as a base for the palette).
    static DiagramStyle light();
    static DiagramStyle darkStyle();
    // Follows an application palette: window/base colour, text colour and highlight colour.
    static DiagramStyle fromPalette(const QColor &base, const QColor &text, const QColor &highlight);

    QColor hue(asl::StateType type) const;           // the type's own colour (icons, borders)
    QColor fill(asl::StateType type) const;          // box fill
    QColor containerFill(asl::StateType type) const; // Parallel/Map container fill
    QFont font(layout::TextRole role) const;         // pixel-sized, so output does not depend on DPI
};

// Mixes two colours: t = 0 gives a, t = 1 gives b.
QColor mix(const QColor &a, const QColor &b, qreal t);

} // namespace sw::render
