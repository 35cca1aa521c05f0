// Layout and canvas figures for generated machines (see generator.h).
//
//   bench_layout [--sizes 100,500,2000] [--runs 3]      layout time vs `dot` on the DOT export
//   bench_layout --canvas 2000 [--frames 300] [--grab OUT.png]
//                                                       first frame and panning frame times of the
//                                                       main window (any QPA platform)
#include "generator.h"

#include "diagramcontroller.h"

#include "asl/asldocument.h"
#include "exporters.h"
#include "fontmetrics.h"
#include "layout.h"
#include "scenegraph.h"
#include "stateicons.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLineF>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

int layoutFigures(const QList<int> &sizes, int runs)
{
    QTemporaryDir dir;
    const sw::render::DiagramStyle style = sw::render::DiagramStyle::light();
    const sw::render::FontTextMetrics metrics(style);
    out() << "Layout: median of " << runs
          << " cold runs; dot = `dot -Tdot` on `stepwise export --format dot`\n";
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                 .arg(QStringLiteral("states"), 7)
                 .arg(QStringLiteral("graphs"), 7)
                 .arg(QStringLiteral("edges"), 6)
                 .arg(QStringLiteral("clusters"), 9)
                 .arg(QStringLiteral("largest"), 8)
                 .arg(QStringLiteral("stepwise ms"), 12)
                 .arg(QStringLiteral("dot ms"), 9)
                 .arg(QStringLiteral("ratio"), 6);
    for (int size : sizes) {
        const sw::asl::AslDocument doc = sw::asl::AslDocument::fromText(sw::bench::generateMachine(size));
        const int states = int(doc.machine.allStates().size());
        std::vector<double> ours;
        sw::layout::Geometry g;
        for (int r = 0; r < runs; ++r) {
            sw::layout::Options options;
            options.metrics = &metrics;
            QElapsedTimer t;
            t.start();
            g = sw::layout::layoutMachine(doc.machine, options);
            ours.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        // Graphs laid out: the top level plus every branch and processor; the largest by nodes.
        QHash<QString, int> perScope;
        for (const sw::layout::NodeGeometry &n : g.nodes)
            ++perScope[n.scope];
        const int largest = perScope.isEmpty() ? 0 : *std::max_element(perScope.cbegin(), perScope.cend());

        sw::render::ExportInput in;
        in.machine = &doc.machine;
        in.geometry = &g;
        in.style = style;
        QString error;
        const QByteArray dot = sw::render::exportDot(in, &error);
        const QString dotFile = dir.filePath(QStringLiteral("machine-%1.dot").arg(size));
        QFile f(dotFile);
        if (!f.open(QIODevice::WriteOnly) || f.write(dot) != dot.size()) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(dotFile));
            return 1;
        }
        f.close();
        std::vector<double> theirs;
        for (int r = 0; r < runs; ++r) {
            QProcess p;
            QElapsedTimer t;
            t.start();
            p.start(QStringLiteral("dot"),
                    {QStringLiteral("-Tdot"), QStringLiteral("-o"), QStringLiteral("/dev/null"), dotFile});
            if (!p.waitForFinished(600000) || p.exitCode() != 0) {
                std::fprintf(stderr, "dot failed on %s: %s\n", qPrintable(dotFile),
                             p.readAllStandardError().constData());
                return 1;
            }
            theirs.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        const double a = median(ours), b = median(theirs);
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                     .arg(states, 7)
                     .arg(perScope.size(), 7)
                     .arg(g.edges.size(), 6)
                     .arg(g.clusters.size(), 9)
                     .arg(largest, 8)
                     .arg(a, 12, 'f', 0)
                     .arg(b, 9, 'f', 0)
                     .arg(a / b, 6, 'f', 2);
        out().flush();
        if (!g.error.isEmpty()) std::fprintf(stderr, "graphviz reported: %s\n", qPrintable(g.error));
    }
    return 0;
}

// Opens the main window on a generated machine, measures the time to the first complete frame,
// then pans at 100% zoom one step per frame and records the interval between presented frames.
int canvasFigures(int size, int frames, const QString &grab)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("machine-%1.asl.json").arg(size));
    {
        QFile f(file);
        const QByteArray text = sw::bench::generateMachine(size);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size()) return 1;
    }
    const QString sceneGraph = sw::gui::chooseSceneGraph();
    QQmlApplicationEngine engine;
    sw::gui::setupEngine(engine);
    engine.setInitialProperties({{QStringLiteral("initialFile"), file},
                                 {QStringLiteral("initialTheme"), QStringLiteral("light")},
                                 {QStringLiteral("width"), 1600},
                                 {QStringLiteral("height"), 1000}});
    QElapsedTimer sinceLoad;
    sinceLoad.start();
    engine.load(QUrl(QStringLiteral("qrc:/qt-project.org/imports/Stepwise/Ui/Main.qml")));
    auto *window =
        engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    if (!window) return 1;
    auto *canvas = window->findChild<QQuickItem *>(QStringLiteral("canvas"));
    if (!canvas) return 1;

    double firstFrameMs = -1;
    std::vector<double> intervals;
    std::vector<double> idle; // the platform's own cost of a frame: repaint without any change
    QElapsedTimer frameClock;
    int step = 0;
    int idleFrames = 0;
    QList<QPointF> path;
    QPointF position;
    qsizetype target = 1;
    bool panning = false;
    bool idling = false;
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] {
        if (firstFrameMs < 0 && window->property("diagramReady").toBool()) {
            firstFrameMs = double(sinceLoad.nsecsElapsed()) / 1e6;
            QMetaObject::invokeMethod(canvas, "setZoomAt", Q_ARG(QVariant, 1.0), Q_ARG(QVariant, 0.0),
                                      Q_ARG(QVariant, 0.0));
            QTimer::singleShot(1500, window, [&] {
                idling = true;
                frameClock.start();
                window->update();
            });
            return;
        }
        if (idling) {
            if (idleFrames > 0) idle.push_back(double(frameClock.nsecsElapsed()) / 1e6);
            frameClock.restart();
            if (++idleFrames > 60) {
                idling = false;
                panning = true;
            }
            window->update();
            return;
        }
        if (!panning) return;
        if (step > 0) intervals.push_back(double(frameClock.nsecsElapsed()) / 1e6);
        frameClock.restart();
        if (step++ >= frames) {
            panning = false;
            if (grab.isEmpty()) {
                QCoreApplication::exit(0);
                return;
            }
            // Select the state nearest the middle of the canvas, then save the window.
            auto *diagram = window->findChild<sw::gui::DiagramController *>();
            for (int r = 0; r < 400 && diagram->selection().isEmpty(); r += 10) {
                for (int a = 0; a < 360 && diagram->selection().isEmpty(); a += 30) {
                    const QPointF p =
                        position + QPointF(r * std::cos(a * M_PI / 180), r * std::sin(a * M_PI / 180));
                    diagram->select(diagram->nodeAt(p.x(), p.y()));
                }
            }
            QTimer::singleShot(1500, window, [window, grab] {
                window->grabWindow().save(grab);
                QCoreApplication::exit(0);
            });
            return;
        }
        // Follow the states from top to bottom (the machine's main path, through its Parallels and
        // Maps) 12 pixels per frame, so every frame shows dense parts of the diagram.
        if (path.isEmpty()) {
            auto *diagram = window->findChild<sw::gui::DiagramController *>();
            for (const sw::layout::NodeGeometry &n : diagram->scene()->geometry().nodes) {
                if (n.kind == sw::layout::NodeKind::State && !n.composite) path.append(n.rect.center());
            }
            std::sort(path.begin(), path.end(), [](QPointF a, QPointF b) { return a.y() < b.y(); });
            position = path.first();
        }
        qreal left = 12;
        while (left > 0 && target < path.size()) {
            const QLineF to(position, path.at(target));
            if (to.length() <= left) {
                left -= to.length();
                position = path.at(target++);
            } else {
                position = to.pointAt(left / to.length());
                left = 0;
            }
        }
        QMetaObject::invokeMethod(canvas, "centerOn", Q_ARG(QVariant, position.x()),
                                  Q_ARG(QVariant, position.y()));
        window->update();
    });
    QTimer::singleShot(120000, window, [] { QCoreApplication::exit(2); });
    const int rc = QGuiApplication::exec();
    if (rc != 0) {
        std::fprintf(stderr, "canvas benchmark timed out\n");
        return rc;
    }
    double sum = 0;
    for (double v : intervals)
        sum += v;
    out() << "Scene graph: " << sceneGraph << '\n';
    out() << QStringLiteral(
                 "Canvas (%1, %2): %3 states, window 1600x1000: first complete frame %4 ms; panning at 100%, "
                 "%5 frames: "
                 "mean %6 ms, p95 %7 ms, max %8 ms; unchanged repaint (platform floor) median %9 ms\n")
                 .arg(QGuiApplication::platformName(),
                      window->rendererInterface()->graphicsApi() == QSGRendererInterface::Software
                          ? QStringLiteral("software scene graph")
                          : QStringLiteral("OpenGL scene graph"))
                 .arg(size)
                 .arg(firstFrameMs, 0, 'f', 0)
                 .arg(intervals.size())
                 .arg(intervals.empty() ? 0 : sum / double(intervals.size()), 0, 'f', 1)
                 .arg(percentile(intervals, 0.95), 0, 'f', 1)
                 .arg(intervals.empty() ? 0 : *std::max_element(intervals.begin(), intervals.end()), 0, 'f',
                      1)
                 .arg(median(idle), 0, 'f', 1);
    out().flush();
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("StepwiseBench"));
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption sizesOption(QStringLiteral("sizes"), QStringLiteral("Machine sizes (states)."),
                                   QStringLiteral("list"), QStringLiteral("100,500,2000"));
    QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per figure."),
                                  QStringLiteral("n"), QStringLiteral("3"));
    QCommandLineOption canvasOption(QStringLiteral("canvas"),
                                    QStringLiteral("Measure the canvas on a machine of this size."),
                                    QStringLiteral("states"));
    QCommandLineOption framesOption(QStringLiteral("frames"), QStringLiteral("Frames to pan."),
                                    QStringLiteral("n"), QStringLiteral("300"));
    QCommandLineOption grabOption(QStringLiteral("grab"),
                                  QStringLiteral("Canvas: save the window to this PNG at the end."),
                                  QStringLiteral("png"));
    QCommandLineOption dumpOption(QStringLiteral("dump"),
                                  QStringLiteral("Print the generated machine of this size and exit."),
                                  QStringLiteral("states"));
    parser.addOptions({sizesOption, runsOption, canvasOption, framesOption, grabOption, dumpOption});
    parser.process(app);
    if (parser.isSet(dumpOption)) {
        std::fputs(sw::bench::generateMachine(parser.value(dumpOption).toInt()).constData(), stdout);
        return 0;
    }
    if (parser.isSet(canvasOption))
        return canvasFigures(parser.value(canvasOption).toInt(), parser.value(framesOption).toInt(),
                             parser.value(grabOption));
    QList<int> sizes;
    for (const QString &s : parser.value(sizesOption).split(QLatin1Char(',')))
        sizes << s.toInt();
    return layoutFigures(sizes, std::max(1, parser.value(runsOption).toInt()));
}
