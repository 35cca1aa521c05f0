#pragma once

#include <QQuickImageProvider>

class QQmlEngine;

namespace sw::gui {

// Serves the state-type icons to QML as "image://stateicon/TYPE" or "image://stateicon/TYPE/COLOR"
// (e.g. "image://stateicon/Task/#2f6fde"), drawn from the same vector shapes as the diagram.
class StateIconProvider : public QQuickImageProvider
{
public:
    StateIconProvider();
    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;
};

// Everything the Stepwise QML needs from C++ besides its registered types: call once per engine
// (the application, QML tests).
void setupEngine(QQmlEngine &engine);

} // namespace sw::gui
