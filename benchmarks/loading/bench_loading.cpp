// How long the UI thread is blocked while the designer opens a large definition.
//
//   bench_loading [--states 2000] [--runs 3]
//
// Starts Main.qml as `stepwise` does (offscreen unless QT_QPA_PLATFORM says otherwise), then opens
// a generated machine (benchmarks/layout/generator.h) the way File > Open does (Main.qml's
// openFile: DocumentLoader in the background) and, for comparison, with the synchronous
// DocumentController::open (parsing on the UI thread), until the diagram is laid out and painted.
// A 1 ms timer on the UI thread measures the event loop: every gap between its ticks is time the
// UI thread could not react. Printed per open: the longest gap (wall clock), the UI thread's CPU
// time within it, the most CPU time within any one gap (the longest piece of work done without
// returning to the event loop: on a loaded machine, gaps also stretch by preemption), how much of
// the longest gap was the scene graph rendering a frame (on the UI thread with the software
// renderer), the longest frame, and the time until the diagram was ready. Also prints what parsing
// and validating cost when done on the UI thread, measured directly.
#include "generator.h"

#include "documentcontroller.h"
#include "scenegraph.h"
#include "stateicons.h"

#include "asl/asldocument.h"
#include "validate/validator.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>

#include <QEventLoop>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <time.h>
#include <vector>

namespace {

struct Interval
{
    qint64 start = 0, end = 0; // ns on the probe's clock
    qint64 cpu = 0;            // ns of CPU time the UI thread used meanwhile
};

qint64 threadCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// Records the UI thread's gaps and frames from start() until stop().
class Probe : public QObject
{
public:
    explicit Probe(QQuickWindow *window)
    {
        m_tick.setTimerType(Qt::PreciseTimer);
        m_tick.setInterval(1);
        connect(&m_tick, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            if (now - m_last > 2'000'000) m_gaps.push_back({m_last, now, cpu - m_lastCpu});
            m_last = now;
            m_lastCpu = cpu;
        });
        // With the software renderer (offscreen, and the default on machines without a GPU) frames
        // are rendered on the UI thread: attribute that share of a gap to rendering.
        connect(
            window, &QQuickWindow::beforeSynchronizing, this,
            [this] { m_frameStart = m_clock.nsecsElapsed(); }, Qt::DirectConnection);
        connect(
            window, &QQuickWindow::afterRendering, this,
            [this] {
                m_frames.push_back({m_frameStart, m_clock.nsecsElapsed()});
            },
            Qt::DirectConnection);
    }
    void start()
    {
        m_gaps.clear();
        m_frames.clear();
        m_clock.start();
        m_last = 0;
        m_lastCpu = threadCpuNs();
        m_tick.start();
    }
    void stop() { m_tick.stop(); }
    qint64 now() const { return m_clock.nsecsElapsed(); }

    // The longest gap, and how much of it frames took.
    std::pair<double, double> longest() const
    {
        Interval worst;
        for (const Interval &g : m_gaps)
            if (g.end - g.start > worst.end - worst.start) worst = g;
        qint64 rendering = 0;
        for (const Interval &f : m_frames)
            rendering += std::max<qint64>(0, std::min(f.end, worst.end) - std::max(f.start, worst.start));
        return {double(worst.end - worst.start) / 1e6, double(rendering) / 1e6};
    }
    double cpuOfLongest() const
    {
        Interval worst;
        for (const Interval &g : m_gaps)
            if (g.end - g.start > worst.end - worst.start) worst = g;
        return double(worst.cpu) / 1e6;
    }
    // The most CPU time the UI thread spent in one gap: the work it did without returning to the
    // event loop, whatever the machine's load (a busy machine also stretches gaps by preemption).
    double mostCpuInOneGap() const
    {
        qint64 worst = 0;
        for (const Interval &g : m_gaps)
            worst = std::max(worst, g.cpu);
        return double(worst) / 1e6;
    }
    double longestFrame() const
    {
        double worst = 0;
        for (const Interval &f : m_frames)
            worst = std::max(worst, double(f.end - f.start) / 1e6);
        return worst;
    }

private:
    QTimer m_tick;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_lastCpu = 0;
    qint64 m_frameStart = 0;
    std::vector<Interval> m_gaps;
    std::vector<Interval> m_frames;
};

// Runs the event loop until `ready` (checked every 5 ms) or two minutes.
void waitUntil(const std::function<bool()> &ready)
{
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(5);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (ready()) loop.quit();
    });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    poll.start();
    if (!ready()) loop.exec();
}

void settle(int ms)
{
    QElapsedTimer t;
    t.start();
    waitUntil([&] { return t.elapsed() >= ms; });
}

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("bench_loading"));
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("states"), QStringLiteral("Size of the generated machine."),
                      QStringLiteral("N"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Opens of each kind."), QStringLiteral("N"),
                      QStringLiteral("3")});
    parser.process(app);
    const int states = parser.value(QStringLiteral("states")).toInt();
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());

    QTemporaryDir dir;
    // Two files, so every open is a real change of document.
    QStringList files;
    const QByteArray text = sw::bench::generateMachine(states);
    for (int i = 0; i < 2; ++i) {
        files << dir.filePath(QStringLiteral("machine-%1-%2.asl.json").arg(states).arg(i));
        QFile f(files.last());
        const QByteArray t = i == 0 ? text : sw::bench::generateMachine(states, 7);
        if (!f.open(QIODevice::WriteOnly) || f.write(t) != t.size()) return 1;
    }

    // The steps that stay on the UI thread, measured directly.
    QElapsedTimer t;
    t.start();
    const sw::asl::AslDocument doc = sw::asl::AslDocument::fromText(text);
    const double parseMs = ms(t);
    t.restart();
    const auto diagnostics = sw::validate::validate(doc);
    const double validateMs = ms(t);

    const QString sceneGraph = sw::gui::chooseSceneGraph();
    QQmlApplicationEngine engine;
    sw::gui::setupEngine(engine);
    engine.setInitialProperties({{QStringLiteral("initialFile"), QString()},
                                 {QStringLiteral("initialTheme"), QStringLiteral("light")},
                                 {QStringLiteral("offerRecovery"), false},
                                 {QStringLiteral("width"), 1600},
                                 {QStringLiteral("height"), 1000}});
    engine.load(QUrl(QStringLiteral("qrc:/qt-project.org/imports/Stepwise/Ui/Main.qml")));
    auto *window =
        engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    if (!window) return 1;
    auto *controller = window->findChild<sw::gui::DocumentController *>();
    if (!controller) return 1;
    Probe probe(window);
    settle(1000);

    std::printf("== %d states (%lld bytes), scene graph: %s\n", states, qlonglong(text.size()),
                qPrintable(sceneGraph));
    std::printf("UI-thread steps measured directly: parse %.0f ms, validate %.0f ms (%lld diagnostics)\n",
                parseMs, validateMs, qlonglong(diagnostics.size()));
    std::printf("%-26s %10s %12s %14s %10s %10s %10s\n", "open", "max block", "its CPU", "max CPU/block",
                "of it frame", "max frame", "ready");
    int opened = 0;
    for (const bool background : {true, false}) {
        for (int r = 0; r < runs; ++r) {
            const QString file = files.at(opened++ % 2);
            probe.start();
            QElapsedTimer total;
            total.start();
            if (background)
                QMetaObject::invokeMethod(window, "openFile", Q_ARG(QVariant, file));
            else
                controller->open(file);
            waitUntil(
                [&] { return controller->filePath() == file && window->property("diagramReady").toBool(); });
            const bool ready = controller->filePath() == file && window->property("diagramReady").toBool();
            const double readyMs = ms(total);
            settle(500); // the last frames
            probe.stop();
            const auto [block, frame] = probe.longest();
            std::printf("%-26s %7.0f ms %9.0f ms %11.0f ms %7.0f ms %7.0f ms %7.0f ms%s\n",
                        background ? "background (File > Open)" : "synchronous open", block,
                        probe.cpuOfLongest(), probe.mostCpuInOneGap(), frame, probe.longestFrame(), readyMs,
                        ready ? "" : " (not ready after 2 minutes)");
            std::fflush(stdout);
        }
    }
    return 0;
}
