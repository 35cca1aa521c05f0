#include "gui.h"

#include "scenegraph.h"
#include "stateicons.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include <cstdio>

namespace sw::gui {

namespace {

struct GuiOptions
{
    QString file;
    QString screenshot; // write the window to this PNG and quit
    QSize size{1400, 900};
    QString theme; // empty: the theme saved in the settings
    QString select; // a state (name or JSON pointer) selected once laid out: the inspector shows it
    // --run-to: show the simulation at this simulated time (< 0: no run), with an input and mocks.
    double runTo = -1;
    QString inputFile;
    QString mocks;
    QString testCase;
    QString panel; // --panel cost|placeholders|events: shown (the cost estimate runs once the file is open)
    QString error;
};

GuiOptions parse(const QStringList &args)
{
    GuiOptions o;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        auto value = [&]() -> QString { return i + 1 < args.size() ? args.at(++i) : QString(); };
        if (a == QLatin1String("--screenshot")) {
            o.screenshot = value();
            if (o.screenshot.isEmpty()) o.error = QStringLiteral("--screenshot needs a file name");
        } else if (a == QLatin1String("--size")) {
            static const QRegularExpression re(QStringLiteral("^(\\d+)x(\\d+)$"));
            const QRegularExpressionMatch m = re.match(value());
            if (!m.hasMatch() || m.captured(1).toInt() < 200 || m.captured(2).toInt() < 200)
                o.error = QStringLiteral("--size must be WIDTHxHEIGHT, at least 200x200");
            else
                o.size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
        } else if (a == QLatin1String("--select")) {
            o.select = value();
            if (o.select.isEmpty()) o.error = QStringLiteral("--select needs a state name");
        } else if (a == QLatin1String("--theme")) {
            o.theme = value();
            if (o.theme != QLatin1String("light") && o.theme != QLatin1String("dark") &&
                o.theme != QLatin1String("system"))
                o.error = QStringLiteral("--theme must be light, dark or system");
        } else if (a == QLatin1String("--run-to")) {
            bool ok = false;
            o.runTo = value().toDouble(&ok);
            if (!ok || o.runTo < 0) o.error = QStringLiteral("--run-to needs a number of simulated seconds (>= 0)");
        } else if (a == QLatin1String("--input-file")) {
            o.inputFile = value();
            if (o.inputFile.isEmpty()) o.error = QStringLiteral("--input-file needs a file name");
        } else if (a == QLatin1String("--mocks")) {
            o.mocks = value();
            if (o.mocks.isEmpty()) o.error = QStringLiteral("--mocks needs a file name");
        } else if (a == QLatin1String("--test-case")) {
            o.testCase = value();
            if (o.testCase.isEmpty()) o.error = QStringLiteral("--test-case needs a name");
        } else if (a == QLatin1String("--panel")) {
            o.panel = value();
            if (o.panel != QLatin1String("cost") && o.panel != QLatin1String("placeholders") &&
                o.panel != QLatin1String("events"))
                o.error = QStringLiteral("--panel must be cost, placeholders or events");
        } else if (a.startsWith(QLatin1Char('-'))) {
            o.error = QStringLiteral("unknown option %1 (see stepwise --help)").arg(a);
        } else if (o.file.isEmpty()) {
            o.file = a;
        } else {
            o.error = QStringLiteral("more than one FILE given");
        }
    }
    if (o.error.isEmpty() && o.runTo < 0 && (!o.inputFile.isEmpty() || !o.mocks.isEmpty() || !o.testCase.isEmpty()))
        o.error = QStringLiteral("--input-file, --mocks and --test-case go with --run-to");
    if (o.error.isEmpty() && o.runTo >= 0 && o.file.isEmpty()) o.error = QStringLiteral("--run-to needs a FILE");
    if (o.error.isEmpty() && !o.testCase.isEmpty() && o.mocks.isEmpty())
        o.error = QStringLiteral("--test-case needs --mocks");
    return o;
}

// Waits until the window shows the laid-out diagram with every visible tile painted, lets a few
// frames pass, grabs the window and quits with 0 (1 on failure or after a minute).
void takeScreenshot(QQuickWindow *window, QObject *root, const QString &out)
{
    auto *poll = new QTimer(window);
    auto *deadline = new QTimer(window);
    poll->setInterval(50);
    deadline->setSingleShot(true);
    deadline->setInterval(60000);
    QObject::connect(deadline, &QTimer::timeout, window, [] {
        std::fputs("stepwise: screenshot: timed out waiting for the diagram\n", stderr);
        QCoreApplication::exit(1);
    });
    QObject::connect(poll, &QTimer::timeout, window, [=] {
        const QString loadError = root->property("loadError").toString();
        if (!loadError.isEmpty()) {
            poll->stop();
            std::fprintf(stderr, "stepwise: %s\n", qPrintable(loadError));
            QCoreApplication::exit(1);
            return;
        }
        if (!root->property("diagramReady").toBool()) return;
        if (!root->property("panelsReady").toBool()) return;
        poll->stop();
        // The first complete frame may still be on its way: grab after it and a short settle.
        QTimer::singleShot(300, window, [=] {
            window->update();
            QTimer::singleShot(100, window, [=] {
                const QImage image = window->grabWindow();
                if (image.isNull() || !image.save(out, "PNG")) {
                    std::fprintf(stderr, "stepwise: cannot write %s\n", qPrintable(out));
                    QCoreApplication::exit(1);
                    return;
                }
                QCoreApplication::exit(0);
            });
        });
    });
    poll->start();
    deadline->start();
}

} // namespace

int run(int argc, char *argv[])
{
    bool screenshot = false;
    for (int i = 1; i < argc; ++i)
        screenshot = screenshot || qstrcmp(argv[i], "--screenshot") == 0;
    // A screenshot never needs a display; an explicit QT_QPA_PLATFORM (e.g. xcb under Xvfb) wins.
    if (screenshot && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("Stepwise"));
    QGuiApplication::setOrganizationName(QStringLiteral("Stepwise"));
    const GuiOptions options = parse(app.arguments());
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "stepwise: %s\n", qPrintable(options.error));
        return 2;
    }
    for (const QString &f : {options.file, options.inputFile, options.mocks}) {
        if (!f.isEmpty() && !QFileInfo::exists(f)) {
            std::fprintf(stderr, "stepwise: %s: no such file\n", qPrintable(f));
            return 2;
        }
    }

    chooseSceneGraph();
    QQmlApplicationEngine engine;
    setupEngine(engine);
    engine.setInitialProperties({{QStringLiteral("initialFile"), options.file},
                                 {QStringLiteral("initialTheme"), options.theme},
                                 {QStringLiteral("initialSelection"), options.select},
                                 {QStringLiteral("runTo"), options.runTo},
                                 {QStringLiteral("runInputFile"), options.inputFile.isEmpty() ? QString() : QFileInfo(options.inputFile).absoluteFilePath()},
                                 {QStringLiteral("runMocks"), options.mocks.isEmpty() ? QString() : QFileInfo(options.mocks).absoluteFilePath()},
                                 {QStringLiteral("runTestCase"), options.testCase},
                                 {QStringLiteral("initialPanel"), options.panel},
                                 {QStringLiteral("offerRecovery"), options.screenshot.isEmpty()},
                                 {QStringLiteral("width"), options.size.width()},
                                 {QStringLiteral("height"), options.size.height()}});
    engine.load(QUrl(QStringLiteral("qrc:/qt-project.org/imports/Stepwise/Ui/Main.qml")));
    if (engine.rootObjects().isEmpty()) return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!options.screenshot.isEmpty()) {
        if (!window) return 1;
        takeScreenshot(window, window, options.screenshot);
    }
    return app.exec();
}

} // namespace sw::gui
