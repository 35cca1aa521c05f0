#pragma once

#include <QHash>
#include <QPointF>
#include <QString>

namespace sw::edit {

// Node positions the user pinned, keyed by state JSON pointer; each position is the top-left of
// the state's box in the layout frame of the machine that holds it (the top level, a branch or a
// Map processor), in scene units.
using Pins = QHash<QString, QPointF>;

// The sidecar lives beside the definition as FILE.layout.json (e.g. flow.asl.json.layout.json), so
// pins never enter the ASL and a definition without a sidecar is laid out automatically. Format:
// {"stepwise": "layout", "version": 1, "pins": {"/States/A": [x, y], ...}}.
QString sidecarPath(const QString &definitionPath);
// Reads the pins of a definition; a missing sidecar is not an error (no pins). Returns an error text.
QString readSidecar(const QString &definitionPath, Pins *pins);
// Writes the pins atomically, or removes the sidecar when there are none. Returns an error text.
QString writeSidecar(const QString &definitionPath, const Pins &pins);

} // namespace sw::edit
