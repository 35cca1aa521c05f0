#include "scenegraph.h"

#include <QGuiApplication>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QQuickWindow>

namespace sw::gui {

QString chooseSceneGraph()
{
    if (!qEnvironmentVariableIsEmpty("QT_QUICK_BACKEND") || !qEnvironmentVariableIsEmpty("QSG_RHI_BACKEND"))
        return QStringLiteral("as configured by the environment");
    const QString platform = QGuiApplication::platformName();
    if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal"))
        return QStringLiteral("software (no OpenGL on %1)").arg(platform);
    QOpenGLContext context;
    QOffscreenSurface surface;
    surface.create();
    QString renderer;
    if (context.create() && context.makeCurrent(&surface)) {
        renderer = QString::fromLatin1(
            reinterpret_cast<const char *>(context.functions()->glGetString(GL_RENDERER)));
        context.doneCurrent();
    }
    const bool softwareGl = renderer.isEmpty() ||
                            renderer.contains(QLatin1String("llvmpipe"), Qt::CaseInsensitive) ||
                            renderer.contains(QLatin1String("softpipe"), Qt::CaseInsensitive) ||
                            renderer.contains(QLatin1String("Software Rasterizer"), Qt::CaseInsensitive);
    if (softwareGl) {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        return QStringLiteral("software (OpenGL is %1)")
            .arg(renderer.isEmpty() ? QStringLiteral("unavailable") : renderer);
    }
    return QStringLiteral("hardware (%1)").arg(renderer);
}

} // namespace sw::gui
