#include "gui.h"

#include "documentcontroller.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QUrl>

namespace sw::gui {

int run(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("Stepwise"));
    QGuiApplication::setOrganizationName(QStringLiteral("Stepwise"));
    QQmlApplicationEngine engine;
    const QStringList args = app.arguments();
    QString file;
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (!args.at(i).startsWith(QLatin1Char('-'))) {
            file = args.at(i);
            break;
        }
    }
    engine.setInitialProperties({{QStringLiteral("initialFile"), file}});
    engine.load(QUrl(QStringLiteral("qrc:/qt-project.org/imports/Stepwise/Ui/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    return app.exec();
}

} // namespace sw::gui
