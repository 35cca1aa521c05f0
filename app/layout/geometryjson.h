#pragma once

#include "geometry.h"
#include "json/json.h"

namespace sw::layout {

// The geometry as JSON, the form `stepwise layout FILE --json` prints: nodes {id, name, kind,
// type, x, y, w, h, ...}, clusters {id, kind, label, x, y, w, h, members}, edges {from, to, kind,
// label, points, arrow, labelBox}. Numbers are rounded to 0.01 scene units.
Json toJson(const Geometry &geometry);

} // namespace sw::layout
