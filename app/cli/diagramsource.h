#pragma once

#include "asl/asldocument.h"
#include "geometry.h"
#include "style.h"

#include <QString>

namespace sw::cli {

// A definition read from disk and laid out the way the designer shows it (pins from the sidecar
// unless ignored), for the commands that draw or print diagrams. Needs a QGuiApplication: text is
// measured with the renderer's fonts.
struct Diagram
{
    asl::AslDocument doc;
    layout::Geometry geometry;
};

// Returns an exit code (Ok, Failure for a definition that is not JSON, Usage for an unreadable
// file) and fills `error` with the message.
int loadDiagram(const QString &path, bool usePins, const render::DiagramStyle &style, Diagram *out,
                QString *error);

} // namespace sw::cli
