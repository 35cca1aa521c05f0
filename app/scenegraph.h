#pragma once

#include <QString>

namespace sw::gui {

// Picks the Qt Quick scene graph before the first window exists. When OpenGL is only a software
// rasterizer (Mesa llvmpipe/softpipe, e.g. Xvfb, VMs and remote desktops without a GPU), Qt
// Quick's software renderer is much faster: it repaints only what changed and presents through
// the window system's shared memory, while llvmpipe redraws and copies the whole window every
// frame (measured in benchmarks/layout, see docs/canvas.md). QT_QUICK_BACKEND or QSG_RHI_BACKEND,
// when set, win. Returns a short description of the choice ("software (llvmpipe ...)").
QString chooseSceneGraph();

} // namespace sw::gui
