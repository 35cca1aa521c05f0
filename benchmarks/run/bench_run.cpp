// Frame times of the main window while a run plays on the ~2000-state benchmark machine
// (benchmarks/layout/generator.cpp): a Map of 1000 items (per item a Task of 600 simulated seconds
// and a Pass, MaxConcurrency 50) placed in front of the generated machine, which a Choice then
// skips (it stays reachable, so the definition is valid; the figures are the Map's). The canvas is at 100 %
// on the Map, the run panel and the timeline are shown, and every frame is requested (as the panning
// benchmark does), so the intervals between presented frames are what the run costs a frame: simulation
// slices, timeline, overlay, repainted tiles. Beside the intervals it reports the GUI thread's
// work per frame: the CPU time it used between two presented frames, which leaves out the idle
// wait an interval includes (offscreen, a requested update is held back QT_QPA_UPDATE_IDLE_TIME =
// 5 ms; on a display, until vsync) and the time other processes had the CPU.
//
//   bench_run [--speed 0|1|10|60|3600] [--runs N] [--states 2000] [--tab timeline|events] [--grab OUT.png]
//   (speed 0: as fast as possible; the run is started N times, default 1, frames of all counted;
//   --tab: what the panel below the canvas shows while the run plays, the Gantt chart or the
//   event table following the newest event)
#include "generator.h"

#include "diagramcontroller.h"
#include "runcontroller.h"
#include "scenegraph.h"
#include "stateicons.h"

#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <vector>

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// CPU time the calling thread has used.
qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

// The generated machine behind a 1000-item Map.
QByteArray benchMachine(int states)
{
    const sw::Json generated = sw::JsonReader::parseOrUndefined(sw::bench::generateMachine(states));
    const QByteArray processor =
        R"({"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "BenchItemWork", "States": {
        "BenchItemWork": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work", "Next": "BenchItemDone"},
        "BenchItemDone": {"Type": "Pass", "End": true}}})";
    sw::Json map{{QStringLiteral("Type"), QStringLiteral("Map")},
                 {QStringLiteral("ItemsPath"), QStringLiteral("$.items")},
                 {QStringLiteral("MaxConcurrency"), 50},
                 {QStringLiteral("ItemProcessor"), sw::JsonReader::parseOrUndefined(processor)},
                 {QStringLiteral("ResultPath"), sw::Json(nullptr)},
                 {QStringLiteral("Next"), QStringLiteral("BenchGate")}};
    // The generated machine stays reachable (Default) but does not run: the figures are the Map's.
    const sw::Json gate = sw::JsonReader::parseOrUndefined(
        R"({"Type": "Choice", "Choices": [{"Variable": "$.items", "IsPresent": true, "Next": "BenchDone"}], "Default": ")" +
        generated.value(u"StartAt").toString().toUtf8() + "\"}");
    sw::Json statesJson = sw::Json::object();
    statesJson.insert(QStringLiteral("BenchFanOut"), map);
    statesJson.insert(QStringLiteral("BenchGate"), gate);
    statesJson.insert(QStringLiteral("BenchDone"),
                      sw::Json{{QStringLiteral("Type"), QStringLiteral("Succeed")}});
    const sw::Json original = generated.value(u"States");
    for (const QString &k : original.keys())
        statesJson.insert(k, original.value(k));
    const sw::Json root{{QStringLiteral("StartAt"), QStringLiteral("BenchFanOut")},
                        {QStringLiteral("States"), statesJson}};
    return sw::JsonWriter::write(root, sw::JsonWriter::Options{2, true, true});
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("StepwiseBench"));
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption speedOption(QStringLiteral("speed"),
                                   QStringLiteral("Simulated seconds per second (0: max)."),
                                   QStringLiteral("S"), QStringLiteral("0"));
    QCommandLineOption statesOption(QStringLiteral("states"),
                                    QStringLiteral("Size of the generated machine."), QStringLiteral("N"),
                                    QStringLiteral("2000"));
    QCommandLineOption grabOption(QStringLiteral("grab"), QStringLiteral("Save the window mid-run."),
                                  QStringLiteral("OUT"));
    QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Start the run N times."),
                                  QStringLiteral("N"), QStringLiteral("1"));
    QCommandLineOption tabOption(QStringLiteral("tab"),
                                 QStringLiteral("The run panel's tab: timeline or events."), QStringLiteral("TAB"),
                                 QStringLiteral("timeline"));
    parser.addOptions({speedOption, statesOption, grabOption, runsOption, tabOption});
    parser.process(app);
    const double speed = parser.value(speedOption).toDouble();
    const int states = parser.value(statesOption).toInt();
    const QString grab = parser.value(grabOption);
    const QString tab = parser.value(tabOption);
    if (tab != QLatin1String("timeline") && tab != QLatin1String("events")) {
        std::fprintf(stderr, "--tab: timeline or events\n");
        return 1;
    }
    int runsLeft = std::max(1, parser.value(runsOption).toInt());
    const int runs = runsLeft;

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("run-bench.asl.json"));
    const QString mocks = dir.filePath(QStringLiteral("run-bench.mocks.json"));
    QByteArray items = "{\"items\": [";
    for (int i = 0; i < 1000; ++i)
        items += (i ? "," : "") + QByteArray::number(i);
    items += "]}";
    if (!writeFile(file, benchMachine(states)) ||
        !writeFile(mocks, R"({"StepwiseMockProfile": 1, "Default": {"Duration": 1},
            "States": {"BenchItemWork": {"Duration": 600, "Return": {"ok": true}}}})"))
        return 1;

    const QString sceneGraph = sw::gui::chooseSceneGraph();
    QQmlApplicationEngine engine;
    sw::gui::setupEngine(engine);
    engine.setInitialProperties({{QStringLiteral("initialFile"), file},
                                 {QStringLiteral("initialTheme"), QStringLiteral("light")},
                                 {QStringLiteral("width"), 1600},
                                 {QStringLiteral("height"), 1000}});
    engine.load(QUrl(QStringLiteral("qrc:/qt-project.org/imports/Stepwise/Ui/Main.qml")));
    auto *window =
        engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    if (!window) return 1;
    auto *canvas = window->findChild<QQuickItem *>(QStringLiteral("canvas"));
    auto *diagram = window->findChild<sw::gui::DiagramController *>();
    auto *run = window->findChild<sw::gui::RunController *>();
    if (!canvas || !diagram || !run) return 1;

    std::vector<double> intervals;
    std::vector<double> work; // GUI thread CPU time per frame
    qint64 cpuAtFrame = threadCpuNs();
    QElapsedTimer frameClock;
    QElapsedTimer runClock;
    bool waiting = true;
    bool measuring = false;
    bool grabbed = grab.isEmpty();
    bool skipNext = false;
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] {
        if (waiting) {
            if (!window->property("diagramReady").toBool()) return;
            waiting = false;
            // 100 % on the Map (its processor's states are where the statuses change), then start
            // once the tiles there are painted.
            QMetaObject::invokeMethod(canvas, "setZoomAt", Q_ARG(QVariant, 1.0), Q_ARG(QVariant, 0.0),
                                      Q_ARG(QVariant, 0.0));
            const QRectF r = diagram->nodeRect(QStringLiteral("/States/BenchFanOut"));
            QMetaObject::invokeMethod(canvas, "centerOn", Q_ARG(QVariant, r.center().x()),
                                      Q_ARG(QVariant, r.top() + 300));
            // The tab is chosen before the run (a click of its own, not a frame of the run): the
            // first start creates the panel, the second starts the measured run with it shown.
            run->setInputText(QString::fromUtf8(items));
            run->setMocksPath(mocks);
            if (run->start()) {
                run->stop();
                if (auto *tabs = window->findChild<QObject *>(QStringLiteral("runHistoryTabs")))
                    tabs->setProperty("currentIndex", tab == QLatin1String("events") ? 1 : 0);
            }
            QTimer::singleShot(1500, window, [&] {
                run->setInputText(QString::fromUtf8(items));
                run->setMocksPath(mocks);
                run->setSpeed(speed);
                if (!run->start()) {
                    std::fprintf(stderr, "cannot start: %s\n", qPrintable(run->error()));
                    QCoreApplication::exit(1);
                    return;
                }
                measuring = true;
                cpuAtFrame = threadCpuNs();
                runClock.start();
                frameClock.start();
                window->update();
            });
            return;
        }
        if (!measuring) return;
        const qint64 cpu = threadCpuNs();
        if (!skipNext) {
            intervals.push_back(double(frameClock.nsecsElapsed()) / 1e6);
            work.push_back(double(cpu - cpuAtFrame) / 1e6);
        }
        cpuAtFrame = cpu;
        skipNext = false;
        frameClock.restart();
        if (!grabbed && run->time() > 3000) {
            grabbed = true;
            window->grabWindow().save(grab);
            frameClock.restart();
        }
        if (run->phase() != QLatin1String("playing")) {
            if (--runsLeft > 0 && run->start()) {
                // Starting (validating and compiling the definition) is a click, not a frame of
                // the run: the interval that includes it is not counted.
                skipNext = true;
                window->update();
                return;
            }
            measuring = false;
            QCoreApplication::exit(0);
            return;
        }
        window->update();
    });
    QTimer::singleShot(300000, window, [] { QCoreApplication::exit(2); });
    const int rc = QGuiApplication::exec();
    if (rc != 0) {
        std::fprintf(stderr, "run benchmark failed or timed out\n");
        return rc;
    }
    double sum = 0;
    for (double v : intervals)
        sum += v;
    const sw::sim::RunSnapshot &snap = run->snapshot();
    const auto map = snap.maps.value(QStringLiteral("BenchFanOut"));
    out() << QStringLiteral("Run (%1, %2 scene graph): %3 states + a Map of 1000 items, speed %4, %15 "
                            "run(s), %16 shown: %5 frames over %6 s "
                            "(%7 events, %8 simulated s, %9, Map %10/%11 done); frame mean %12 ms, p95 %13 "
                            "ms, max %14 ms\n")
                 .arg(QGuiApplication::platformName(), sceneGraph)
                 .arg(diagram->stateCount())
                 .arg(speed <= 0 ? QStringLiteral("max") : QStringLiteral("%1x").arg(speed))
                 .arg(intervals.size())
                 .arg(double(runClock.elapsed()) / 1000, 0, 'f', 1)
                 .arg(run->knownEvents())
                 .arg(run->time(), 0, 'f', 0)
                 .arg(run->executionStatus())
                 .arg(map.done)
                 .arg(map.total)
                 .arg(intervals.empty() ? 0 : sum / double(intervals.size()), 0, 'f', 1)
                 .arg(percentile(intervals, 0.95), 0, 'f', 1)
                 .arg(intervals.empty() ? 0 : *std::max_element(intervals.begin(), intervals.end()), 0, 'f',
                      1)
                 .arg(runs)
                 .arg(tab);
    double workSum = 0;
    for (double v : work)
        workSum += v;
    out() << QStringLiteral("  GUI-thread CPU per frame: mean %1 ms, p95 %2 ms, max %3 ms\n")
                 .arg(work.empty() ? 0 : workSum / double(work.size()), 0, 'f', 1)
                 .arg(percentile(work, 0.95), 0, 'f', 1)
                 .arg(work.empty() ? 0 : *std::max_element(work.begin(), work.end()), 0, 'f', 1);
    out().flush();
    return 0;
}
