#pragma once

#include "asl/statemachine.h"

#include <QColor>
#include <QPainterPath>
#include <QRectF>

class QPainter;

namespace sw::render {

// A state type's icon as vector paths, so the canvas, the PNG and the SVG exports and the outline
// all draw the same shape: `stroke` is outlined with strokeWidth, `fill` is filled.
struct IconShape
{
    QPainterPath stroke;
    QPainterPath fill;
    qreal strokeWidth = 2;
};

IconShape stateIcon(asl::StateType type, const QRectF &box);
void paintStateIcon(QPainter &painter, asl::StateType type, const QRectF &box, const QColor &color);

} // namespace sw::render
