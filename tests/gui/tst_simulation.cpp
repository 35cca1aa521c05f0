// Simulation in the designer, offscreen: Main.qml opens tradai-backtest-full, the run panel's
// RunController runs it with the bundled MockConfigFile (happy path, retries, a failed execution)
// and a crashing backtest (caught). Expected statuses come from reading the definition and the
// mocks (written below by hand), and each state's entry count and whether it ran are checked
// against the history events directly. Stepping and scrubbing give the same pictures every time;
// Map progress, countdowns, callbacks, breakpoints, data flow, replay and frame export are covered.
#include "shared.h"

#include "diagramcontroller.h"
#include "documentcontroller.h"
#include "frameexport.h"
#include "ganttview.h"
#include "runcontroller.h"
#include "runstyle.h"
#include "stateicons.h"
#include "style.h"

#include "engine/history.h"
#include "json/jsonreader.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace sw;

namespace {

QString examplePath(const QString &name)
{
    return sourceDir() + QStringLiteral("/resources/examples/") + name;
}

// The definition the acceptance names: ../shared's copy when present, else the bundled one.
QString definitionPath()
{
    const QString shared = sharedDir();
    const QString path = shared + QStringLiteral("/examples/tradai-backtest-full.asl.json");
    return !shared.isEmpty() && QFileInfo::exists(path)
               ? path
               : examplePath(QStringLiteral("tradai-backtest-full.asl.json"));
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

const QStringList kAllStates = {QStringLiteral("ParallelValidation"),  QStringLiteral("ValidateStrategy"),
                                QStringLiteral("CheckDataFreshness"),  QStringLiteral("EvaluateValidation"),
                                QStringLiteral("FailValidation"),      QStringLiteral("FailDataStale"),
                                QStringLiteral("PrepareConfig"),       QStringLiteral("RunBacktest"),
                                QStringLiteral("TransformResults"),    QStringLiteral("UpdateStateCompleted"),
                                QStringLiteral("UpdateStateFailed"),   QStringLiteral("CleanupResources"),
                                QStringLiteral("CleanupAfterFailure"), QStringLiteral("NotifyCompletion"),
                                QStringLiteral("NotifyFailure")};

} // namespace

class TestSimulation : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
    gui::DiagramController *m_diagram = nullptr;
    gui::DocumentController *m_doc = nullptr;
    gui::RunController *m_run = nullptr;

    void configure(const QString &mocks, const QString &testCase, int seed = 0)
    {
        m_run->stop();
        m_run->setInputText(readText(examplePath(QStringLiteral("tradai-backtest-full.mocks-input.json"))));
        m_run->setMocksPath(mocks);
        m_run->setTestCase(testCase);
        m_run->setSeed(seed);
        m_run->setSpeed(0);
    }
    QString mocksConfig() const
    {
        return examplePath(QStringLiteral("tradai-backtest-full.mocks-config.json"));
    }

    QHash<QString, QString> statuses() const
    {
        QHash<QString, QString> out;
        for (const QString &s : kAllStates)
            out.insert(s, m_run->statusOf(s));
        return out;
    }

    // Checks the run at its end against the history events themselves: a state shows a status iff
    // the history enters it, as many times as the history says, and its overlay is the colour of
    // that status.
    void checkAgainstHistory()
    {
        const QList<sim::HistoryEvent> &events = m_run->execution()->history();
        QHash<QString, int> entered;
        for (const sim::HistoryEvent &e : events) {
            if (sim::isStateEntered(e.type)) ++entered[e.stateName];
        }
        const sim::RunSnapshot snap = m_run->snapshot();
        const QHash<QString, QString> pointers = m_run->statePointers();
        for (const QString &s : kAllStates) {
            QCOMPARE(snap.entries.value(s), entered.value(s));
            QCOMPARE(m_run->statusOf(s) != QStringLiteral("not run"), entered.contains(s));
            const QColor tint = m_diagram->decorations().tint.value(pointers.value(s));
            if (entered.contains(s))
                QCOMPARE(tint, gui::runstyle::color(snap.status.value(s)));
            else
                QVERIFY(!tint.isValid());
        }
    }

    void expectStatuses(const QHash<QString, QString> &expected)
    {
        for (const QString &s : kAllStates) {
            const QString want = expected.value(s, QStringLiteral("not run"));
            QVERIFY2(m_run->statusOf(s) == want,
                     qPrintable(QStringLiteral("%1: %2, expected %3").arg(s, m_run->statusOf(s), want)));
        }
    }

    // Every step's picture: the cursor, the event applied, and every state's status and caption.
    QStringList stepTrace()
    {
        QStringList trace;
        while (m_run->stepEvent()) {
            const sim::HistoryEvent &e = m_run->timeline().events().at(m_run->cursorEvents() - 1);
            QString line = QStringLiteral("%1 %2 %3 %4 |")
                               .arg(m_run->cursorEvents())
                               .arg(m_run->time())
                               .arg(QLatin1String(sim::eventTypeName(e.type)), e.stateName);
            for (const QString &s : kAllStates) {
                const QString id = m_run->statePointers().value(s);
                line += QStringLiteral(" %1=%2:%3")
                            .arg(s, m_run->statusOf(s), m_diagram->decorations().caption.value(id));
            }
            trace << line;
            if (trace.size() > 2000) break;
        }
        return trace;
    }

    QString decorationsText() const
    {
        QStringList parts;
        for (const QString &s : kAllStates) {
            const QString id = m_run->statePointers().value(s);
            parts << QStringLiteral("%1:%2:%3:%4")
                         .arg(s, m_diagram->decorations().tint.value(id).name(),
                              m_diagram->decorations().caption.value(id))
                         .arg(m_diagram->decorations().progress.value(id, -1));
        }
        return parts.join(QLatin1Char(' '));
    }

    bool openDefinition(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        return writeText(path, text) && m_doc->open(path);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("StepwiseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_simulation"));
        QVERIFY(m_dir.isValid());
        m_engine = std::make_unique<QQmlApplicationEngine>();
        gui::setupEngine(*m_engine);
        m_engine->setInitialProperties({{QStringLiteral("initialFile"), definitionPath()},
                                        {QStringLiteral("initialTheme"), QStringLiteral("light")},
                                        {QStringLiteral("width"), 1400},
                                        {QStringLiteral("height"), 900}});
        m_engine->load(QUrl(QStringLiteral("qrc:/qt-project.org/imports/Stepwise/Ui/Main.qml")));
        QVERIFY(!m_engine->rootObjects().isEmpty());
        m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().first());
        QVERIFY(m_window);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        m_diagram = m_window->findChild<gui::DiagramController *>();
        m_doc = m_window->findChild<gui::DocumentController *>();
        m_run = m_window->findChild<gui::RunController *>();
        QVERIFY(m_diagram && m_doc && m_run);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->property("diagramReady").toBool(), 30000);
    }

    void offersTheBundledMocks()
    {
        // The definition is a bundled example (or its ../shared copy): its mock files are offered.
        const QStringList offered = m_run->suggestedMocks();
        QVERIFY2(offered.contains(QFileInfo(mocksConfig()).canonicalFilePath()),
                 qPrintable(offered.join(u',')));
        m_run->setMocksPath(mocksConfig());
        QCOMPARE(m_run->testCases(),
                 (QStringList{QStringLiteral("HappyPath"), QStringLiteral("InvalidStrategy"),
                              QStringLiteral("RetryPath")}));
    }

    void happyPath()
    {
        configure(mocksConfig(), QStringLiteral("HappyPath"));
        QVERIFY(m_run->runToEnd());
        QCOMPARE(m_run->executionStatus(), QStringLiteral("SUCCEEDED"));
        QCOMPARE(m_run->phase(), QStringLiteral("finished"));
        // Both validations pass, the Choice goes to PrepareConfig, the pipeline runs to the end.
        const QString ok = QStringLiteral("succeeded");
        expectStatuses({{QStringLiteral("ParallelValidation"), ok},
                        {QStringLiteral("ValidateStrategy"), ok},
                        {QStringLiteral("CheckDataFreshness"), ok},
                        {QStringLiteral("EvaluateValidation"), ok},
                        {QStringLiteral("PrepareConfig"), ok},
                        {QStringLiteral("RunBacktest"), ok},
                        {QStringLiteral("TransformResults"), ok},
                        {QStringLiteral("UpdateStateCompleted"), ok},
                        {QStringLiteral("CleanupResources"), ok},
                        {QStringLiteral("NotifyCompletion"), ok}});
        checkAgainstHistory();
        // The event table shows the whole history.
        QCOMPARE(m_run->events()->rowCount(), m_run->execution()->history().size());
    }

    void failedExecution()
    {
        // InvalidStrategy: the validation says valid=false, the Choice's second rule goes to
        // FailValidation, and the execution fails with its error.
        configure(mocksConfig(), QStringLiteral("InvalidStrategy"));
        QVERIFY(m_run->runToEnd());
        QCOMPARE(m_run->executionStatus(), QStringLiteral("FAILED"));
        QCOMPARE(m_run->execution()->error(), QStringLiteral("ValidationError"));
        const QString ok = QStringLiteral("succeeded");
        expectStatuses({{QStringLiteral("ParallelValidation"), ok},
                        {QStringLiteral("ValidateStrategy"), ok},
                        {QStringLiteral("CheckDataFreshness"), ok},
                        {QStringLiteral("EvaluateValidation"), ok},
                        {QStringLiteral("FailValidation"), QStringLiteral("failed")}});
        checkAgainstHistory();
        QCOMPARE(m_run->snapshot().failingPath, QStringList{QStringLiteral("FailValidation")});
        const QString failId = m_run->statePointers().value(QStringLiteral("FailValidation"));
        QCOMPARE(m_diagram->decorations().tint.value(failId), gui::runstyle::color(sim::RunStatus::Failed));
        QCOMPARE(m_diagram->decorations().caption.value(failId), QStringLiteral("failed"));
        // The failing path on the edges: the Choice rule taken into FailValidation, and only it.
        const QHash<int, QColor> &edges = m_diagram->decorations().edgeTint;
        QCOMPARE(edges.size(), 1);
        const layout::EdgeGeometry &edge = m_diagram->scene()->geometry().edges.at(edges.begin().key());
        QCOMPARE(edge.from, m_run->statePointers().value(QStringLiteral("EvaluateValidation")));
        QCOMPARE(edge.to, failId);
        QCOMPARE(edges.begin().value(), gui::runstyle::color(sim::RunStatus::Failed));

        // An exported frame shows the same: the failing edge in the failed colour, and in the
        // frame of the moment it fired, a token on it.
        gui::frameexport::Job job;
        job.scene = m_diagram->scene();
        job.style = m_diagram->style();
        job.timeline = m_run->timeline();
        job.pointers = m_run->statePointers();
        const QRectF bounds = job.scene->bounds();
        const double scale = std::min(2.0, job.maxPixels / std::max(bounds.width(), bounds.height()));
        const QPainterPath &path = job.scene->edgePath(edges.begin().key());
        const auto pixel = [&](const QImage &image, qreal percent) {
            const QPointF at = (path.pointAtPercent(percent) - bounds.topLeft()) * scale;
            return image.pixelColor(at.toPoint());
        };
        const auto near = [](const QColor &a, const QColor &b) {
            return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) < 60;
        };
        const int end = m_run->timeline().eventCount();
        const QImage still = gui::frameexport::renderFrame(job, end);
        QVERIFY(near(pixel(still, 0.3), gui::runstyle::color(sim::RunStatus::Failed)));
        QVERIFY(near(pixel(still, 0.5), gui::runstyle::color(sim::RunStatus::Failed)));
        const QImage before = gui::frameexport::renderFrame(job, 0);
        QVERIFY(!near(pixel(before, 0.3), gui::runstyle::color(sim::RunStatus::Failed)));
        int fired = -1; // the event that took the edge
        for (const sim::FiredEdge &f : m_run->timeline().firedEdges()) {
            if (f.to == QLatin1String("FailValidation")) fired = f.event;
        }
        QVERIFY(fired >= 0);
        const QColor token(0x09, 0x72, 0xd3);
        QVERIFY(near(pixel(gui::frameexport::renderFrame(job, end, fired), 0.5), token));
        QVERIFY(!near(pixel(gui::frameexport::renderFrame(job, end, fired + 1), 0.5), token));
    }

    void tokensTravelAlongFiredEdges()
    {
        configure(mocksConfig(), QStringLiteral("HappyPath"));
        m_run->setSpeed(1);
        QVERIFY(m_run->start());
        // Everything happens at t = 0 (mocks take no time): the first frame fires every edge, and
        // the newest tokens start at their edges' tails.
        QTRY_VERIFY(!m_run->tokens().isEmpty());
        QVERIFY(m_run->tokens().size() <= gui::RunTokens::maxTokens);
        const QRectF bounds = m_diagram->bounds();
        for (const QVariant &t : m_run->tokens())
            QVERIFY(bounds.contains(t.toPointF()));
        // They arrive and disappear; the run is over.
        QTRY_VERIFY(m_run->tokens().isEmpty());
        QCOMPARE(m_run->phase(), QStringLiteral("finished"));
        QVERIFY(m_diagram->decorations().edgeTint.isEmpty()); // nothing failed
    }

    void caughtError()
    {
        // The backtest crashes with States.TaskFailed: its Retry only covers ECS errors, its Catch
        // (States.ALL) goes to CleanupAfterFailure -> UpdateStateFailed -> NotifyFailure (End).
        QJsonObject config = QJsonDocument::fromJson(readText(mocksConfig()).toUtf8()).object();
        QJsonObject machines = config.value(u"StateMachines").toObject();
        QJsonObject machine = machines.value(u"TradaiBacktestFull").toObject();
        QJsonObject cases = machine.value(u"TestCases").toObject();
        QJsonObject crash = cases.value(u"HappyPath").toObject();
        crash.insert(QStringLiteral("RunBacktest"), QStringLiteral("BacktestCrashes"));
        crash.insert(QStringLiteral("CleanupAfterFailure"), QStringLiteral("CleanedUp"));
        crash.insert(QStringLiteral("UpdateStateFailed"), QStringLiteral("ItemUpdated"));
        crash.insert(QStringLiteral("NotifyFailure"), QStringLiteral("Notified"));
        cases.insert(QStringLiteral("BacktestCrashes"), crash);
        machine.insert(QStringLiteral("TestCases"), cases);
        machines.insert(QStringLiteral("TradaiBacktestFull"), machine);
        config.insert(QStringLiteral("StateMachines"), machines);
        QJsonObject responses = config.value(u"MockedResponses").toObject();
        responses.insert(
            QStringLiteral("BacktestCrashes"),
            QJsonObject{
                {QStringLiteral("0"),
                 QJsonObject{{QStringLiteral("Throw"),
                              QJsonObject{{QStringLiteral("Error"), QStringLiteral("States.TaskFailed")},
                                          {QStringLiteral("Cause"), QStringLiteral("exit code 1")}}}}}});
        config.insert(QStringLiteral("MockedResponses"), responses);
        const QString path = m_dir.filePath(QStringLiteral("crash.mocks-config.json"));
        QVERIFY(writeText(path, QJsonDocument(config).toJson()));

        configure(path, QStringLiteral("BacktestCrashes"));
        QVERIFY(m_run->runToEnd());
        QCOMPARE(m_run->executionStatus(), QStringLiteral("SUCCEEDED"));
        const QString ok = QStringLiteral("succeeded");
        expectStatuses({{QStringLiteral("ParallelValidation"), ok},
                        {QStringLiteral("ValidateStrategy"), ok},
                        {QStringLiteral("CheckDataFreshness"), ok},
                        {QStringLiteral("EvaluateValidation"), ok},
                        {QStringLiteral("PrepareConfig"), ok},
                        {QStringLiteral("RunBacktest"), QStringLiteral("caught")},
                        {QStringLiteral("CleanupAfterFailure"), ok},
                        {QStringLiteral("UpdateStateFailed"), ok},
                        {QStringLiteral("NotifyFailure"), ok}});
        checkAgainstHistory();

        // Data flow: the crash's error and cause, and the input the task got.
        m_run->setSelectedState(QStringLiteral("RunBacktest"));
        const QVariantList attempts = m_run->attempts();
        QCOMPARE(attempts.size(), 1);
        const QVariantMap a = attempts.first().toMap();
        QCOMPARE(a.value(QStringLiteral("error")).toString(), QStringLiteral("States.TaskFailed"));
        QCOMPARE(a.value(QStringLiteral("cause")).toString(), QStringLiteral("exit code 1"));
        QCOMPARE(a.value(QStringLiteral("status")).toString(), QStringLiteral("caught"));
        m_run->setSelectedState(QString());
    }

    void retryCountdownOnTheVirtualClock()
    {
        // RetryPath: PrepareConfig throws ECS.AmazonECSException twice; its Retry waits 5 s, then
        // 10 s (BackoffRate 2), and the third attempt returns at t = 15 s (mocks take no time).
        configure(mocksConfig(), QStringLiteral("RetryPath"));
        const QString id = QStringLiteral("/States/PrepareConfig");
        QVERIFY(m_run->runTo(2));
        QCOMPARE(m_run->statusOf(QStringLiteral("PrepareConfig")), QStringLiteral("retrying"));
        QCOMPARE(m_diagram->decorations().caption.value(id), QStringLiteral("retry in 3 s"));
        QCOMPARE(m_diagram->decorations().tint.value(id), gui::runstyle::color(sim::RunStatus::Retrying));
        m_run->scrubTo(7);
        QCOMPARE(m_run->statusOf(QStringLiteral("PrepareConfig")), QStringLiteral("retrying"));
        QCOMPARE(m_diagram->decorations().caption.value(id), QStringLiteral("retry in 8 s"));
        QVERIFY(m_run->runToEnd());
        QCOMPARE(m_run->time(), 15.0);
        QCOMPARE(m_run->statusOf(QStringLiteral("PrepareConfig")), QStringLiteral("succeeded"));
        QCOMPARE(m_run->executionStatus(), QStringLiteral("SUCCEEDED"));

        // Three attempts in the data flow; the first two failed with the mocked error.
        m_run->setSelectedState(QStringLiteral("PrepareConfig"));
        const QVariantList attempts = m_run->attempts();
        QCOMPARE(attempts.size(), 3);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(attempts.at(i).toMap().value(QStringLiteral("error")).toString(),
                     QStringLiteral("ECS.AmazonECSException"));
            QCOMPARE(attempts.at(i).toMap().value(QStringLiteral("status")).toString(),
                     QStringLiteral("retrying"));
        }
        // The last attempt shows every stage; ResultSelector picked the ECR URL out of the result.
        const QVariantMap last = attempts.at(2).toMap();
        QStringList stageNames;
        QString afterSelector;
        for (const QVariant &v : last.value(QStringLiteral("stages")).toList()) {
            stageNames << v.toMap().value(QStringLiteral("name")).toString();
            if (stageNames.last() == QStringLiteral("After ResultSelector"))
                afterSelector = v.toMap().value(QStringLiteral("json")).toString();
        }
        for (const char *stage :
             {"Input", "After InputPath", "After Parameters / Arguments", "Task result",
              "After ResultSelector", "After ResultPath", "Output (after OutputPath / Output)"})
            QVERIFY2(stageNames.contains(QLatin1String(stage)), stage);
        QVERIFY(afterSelector.contains(QStringLiteral("tradai/momentum:3.2.0")));
        // Scrubbed back to 2 s, only the first attempt had started and it is still in its backoff.
        m_run->scrubTo(2);
        QCOMPARE(m_run->attempts().size(), 1);
        m_run->setSelectedState(QString());
    }

    void steppingIsDeterministic()
    {
        // The profile draws durations and outcomes from the seed: the same seed gives the same
        // sequence of pictures, event by event; another seed gives other durations.
        const QString profile = examplePath(QStringLiteral("tradai-backtest-full.mocks.json"));
        configure(profile, QString(), 7);
        const QStringList first = stepTrace();
        QVERIFY(first.size() > 20);
        QCOMPARE(m_run->phase(), QStringLiteral("finished"));
        configure(profile, QString(), 7);
        const QStringList second = stepTrace();
        QCOMPARE(second, first);
        configure(profile, QString(), 8);
        QVERIFY(stepTrace() != first);
    }

    void scrubbingIsDeterministic()
    {
        const QString profile = examplePath(QStringLiteral("tradai-backtest-full.mocks.json"));
        configure(profile, QString(), 3);
        QVERIFY(m_run->runToEnd());
        const double end = m_run->endTime();
        QVERIFY(end > 60);
        const QList<double> times{0.0, end * 0.01, end * 0.2, end * 0.5, end * 0.8, end * 0.99, end};
        QStringList forward;
        for (double t : times) {
            m_run->scrubTo(t);
            forward << decorationsText();
        }
        QStringList backward;
        for (qsizetype i = times.size() - 1; i >= 0; --i) {
            m_run->scrubTo(times.at(i));
            backward.prepend(decorationsText());
        }
        QCOMPARE(backward, forward);
        // At every moment a state shows a status iff the history entered it by then.
        for (double t : times) {
            m_run->scrubTo(t);
            QSet<QString> entered;
            for (const sim::HistoryEvent &e : m_run->execution()->history()) {
                if (sim::isStateEntered(e.type) && e.time <= t) entered.insert(e.stateName);
            }
            for (const QString &s : kAllStates)
                QCOMPARE(m_run->statusOf(s) != QStringLiteral("not run"), entered.contains(s));
        }
        // A new run with the same seed scrubs to the same pictures.
        configure(profile, QString(), 3);
        QVERIFY(m_run->runToEnd());
        QStringList again;
        for (double t : times) {
            m_run->scrubTo(t);
            again << decorationsText();
        }
        QCOMPARE(again, forward);
    }

    void playsWithBreakpointsAndRunTo()
    {
        configure(mocksConfig(), QStringLiteral("HappyPath"));
        m_run->toggleBreakpoint(QStringLiteral("RunBacktest"));
        QVERIFY(m_run->start());
        QTRY_COMPARE(m_run->phase(), QStringLiteral("paused"));
        const sim::HistoryEvent &hit = m_run->timeline().events().at(m_run->cursorEvents() - 1);
        QCOMPARE(hit.stateName, QStringLiteral("RunBacktest"));
        QCOMPARE(hit.type, sim::EventType::TaskStateEntered);
        QCOMPARE(m_run->statusOf(QStringLiteral("RunBacktest")), QStringLiteral("running"));
        QCOMPARE(m_run->statusOf(QStringLiteral("TransformResults")), QStringLiteral("not run"));
        m_run->toggleBreakpoint(QStringLiteral("RunBacktest"));
        // Step over: RunBacktest runs to its exit, nothing after it has started.
        m_run->stepOverState();
        QTRY_COMPARE(m_run->phase(), QStringLiteral("paused"));
        QCOMPARE(m_run->timeline().events().at(m_run->cursorEvents() - 1).type,
                 sim::EventType::TaskStateExited);
        QCOMPARE(m_run->statusOf(QStringLiteral("RunBacktest")), QStringLiteral("succeeded"));
        QCOMPARE(m_run->statusOf(QStringLiteral("TransformResults")), QStringLiteral("not run"));
        m_run->runToState(QStringLiteral("CleanupResources"));
        QTRY_COMPARE(m_run->phase(), QStringLiteral("paused"));
        QCOMPARE(m_run->statusOf(QStringLiteral("CleanupResources")), QStringLiteral("running"));
        QCOMPARE(m_run->statusOf(QStringLiteral("NotifyCompletion")), QStringLiteral("not run"));
        m_run->play();
        QTRY_COMPARE(m_run->phase(), QStringLiteral("finished"));
        QCOMPARE(m_run->executionStatus(), QStringLiteral("SUCCEEDED"));
    }

    void panelsShowTheSelectedState()
    {
        // Selecting PrepareConfig on the canvas selects it in the run panel; its Data flow tab
        // lists the stages of the chosen attempt.
        configure(mocksConfig(), QStringLiteral("RetryPath"));
        QVERIFY(m_run->runToEnd());
        m_diagram->select(QStringLiteral("/States/PrepareConfig"));
        QCOMPARE(m_run->selectedState(), QStringLiteral("PrepareConfig"));
        auto *tabs = m_window->findChild<QObject *>(QStringLiteral("runTabs"));
        QVERIFY(tabs);
        tabs->setProperty("currentIndex", 2);
        // Walks the visual tree (a Repeater's delegates are not QObject children of the panel).
        const std::function<bool(QQuickItem *, const QString &)> visibleText = [&](QQuickItem *item,
                                                                                   const QString &text) {
            if (!item->isVisible()) return false;
            if (item->property("text").toString() == text) return true;
            for (QQuickItem *child : item->childItems()) {
                if (visibleText(child, text)) return true;
            }
            return false;
        };
        const auto shown = [&](const QString &text) { return visibleText(m_window->contentItem(), text); };
        QTRY_VERIFY(shown(QStringLiteral("After ResultSelector")));
        QVERIFY(shown(QStringLiteral("Task result")));
        m_diagram->clearSelection();
        QCOMPARE(m_run->selectedState(), QString());
        QTRY_VERIFY(!shown(QStringLiteral("After ResultSelector")));
        tabs->setProperty("currentIndex", 0);
    }

    void eventTableFilters()
    {
        configure(mocksConfig(), QStringLiteral("RetryPath"));
        QAbstractItemModelTester tester(m_run->events(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(m_run->runToEnd());
        const QList<sim::HistoryEvent> &history = m_run->execution()->history();
        int failures = 0;
        for (const sim::HistoryEvent &e : history)
            failures += e.type == sim::EventType::TaskFailed;
        QCOMPARE(failures, 2);
        m_run->events()->setFilter(QStringLiteral("TaskFailed"));
        QCOMPARE(m_run->events()->rowCount(), failures);
        for (int r = 0; r < failures; ++r) {
            const QModelIndex i = m_run->events()->index(r);
            QCOMPARE(i.data(gui::RunEventsModel::TypeRole).toString(), QStringLiteral("TaskFailed"));
            QCOMPARE(i.data(gui::RunEventsModel::StateRole).toString(), QStringLiteral("PrepareConfig"));
            // The row the table shows: the same event in columns under the header's titles.
            const QString line = i.data(gui::RunEventsModel::LineRole).toString();
            const QString header = gui::RunEventsModel::header();
            QCOMPARE(line.indexOf(QStringLiteral("TaskFailed")), header.indexOf(QStringLiteral("Type")));
            QCOMPARE(line.indexOf(QStringLiteral("PrepareConfig")), header.indexOf(QStringLiteral("State")));
            QCOMPARE(line.left(header.indexOf(QStringLiteral("ID")) + 2).trimmed(),
                     QString::number(i.data(gui::RunEventsModel::IdRole).toInt()));
            QCOMPARE(m_run->events()->timeAt(r), i.data(gui::RunEventsModel::TimeRole).toDouble());
        }
        QCOMPARE(m_run->events()->timeAt(failures), -1.0);
        m_run->events()->setFilter(QString());
        m_run->scrubTo(0);
        QCOMPARE(m_run->events()->rowCount(), m_run->timeline().eventsUntil(0));
        QVERIFY(m_run->stepEvent());
        QCOMPARE(m_run->events()->rowCount(), m_run->cursorEvents());
    }

    void ganttScrubs()
    {
        configure(mocksConfig(), QStringLiteral("RetryPath"));
        QVERIFY(m_run->runToEnd());
        auto *gantt = m_window->findChild<gui::GanttView *>(QStringLiteral("gantt"));
        QVERIFY(gantt);
        QTRY_VERIFY(gantt->isVisible() && gantt->width() > 300);
        // Press in the chart where t = 7 s: PrepareConfig is in its second backoff there.
        const QPointF local(gantt->xForTime(7), gantt->height() / 2);
        QTest::mousePress(m_window, Qt::LeftButton, {}, gantt->mapToScene(local).toPoint());
        QTest::mouseRelease(m_window, Qt::LeftButton, {}, gantt->mapToScene(local).toPoint());
        QVERIFY(std::abs(m_run->time() - 7) < 0.2);
        QCOMPARE(m_run->statusOf(QStringLiteral("PrepareConfig")), QStringLiteral("retrying"));
    }

    void replayAndCompare()
    {
        configure(mocksConfig(), QStringLiteral("HappyPath"));
        QVERIFY(m_run->runToEnd());
        const QHash<QString, QString> simulated = statuses();
        const QString history = m_dir.filePath(QStringLiteral("history.json"));
        QVERIFY(m_run->saveHistory(history));
        m_run->stop();
        QVERIFY(m_run->openHistory(history));
        QVERIFY(m_run->isReplay());
        QVERIFY(m_run->runToEnd());
        QCOMPARE(statuses(), simulated);
        // The same input with the same mocks: nothing diverges.
        QVERIFY(m_run->compareWithSimulation());
        QCOMPARE(m_run->divergingStates(), QStringList());
        // With the invalid-strategy mocks the validation answers differently, the Choice goes to
        // FailValidation instead of PrepareConfig, and everything from there on differs.
        m_run->setTestCase(QStringLiteral("InvalidStrategy"));
        QVERIFY(m_run->compareWithSimulation());
        const QStringList diverging = m_run->divergingStates();
        for (const char *s : {"ValidateStrategy", "ParallelValidation", "PrepareConfig", "FailValidation",
                              "NotifyCompletion"})
            QVERIFY2(diverging.contains(QLatin1String(s)), s);
        QVERIFY(!diverging.contains(QStringLiteral("CheckDataFreshness")));
        const QString id = m_run->statePointers().value(QStringLiteral("FailValidation"));
        QVERIFY(m_diagram->decorations().caption.value(id).startsWith(QChar(0x2260)));
        m_run->stop();
    }

    void exportsFrames()
    {
        configure(mocksConfig(), QStringLiteral("RetryPath"));
        QVERIFY(m_run->runToEnd());
        const QString folder = m_dir.filePath(QStringLiteral("frames"));
        QSignalSpy done(m_run, &gui::RunController::exportFinished);
        QVERIFY(m_run->exportFrames(folder));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 30000);
        QCOMPARE(done.first().at(1).toString(), QString());
        // One frame per moment: the start, then t = 0, 5 and 15 s (the retries' times).
        QCOMPARE(done.first().at(0).toInt(), 4);
        const QStringList files =
            QDir(folder).entryList({QStringLiteral("frame-*.png")}, QDir::Files, QDir::Name);
        QCOMPARE(files, (QStringList{QStringLiteral("frame-0000.png"), QStringLiteral("frame-0001.png"),
                                     QStringLiteral("frame-0002.png"), QStringLiteral("frame-0003.png")}));
        QImage last(QDir(folder).filePath(files.last()));
        QVERIFY(!last.isNull() && last.width() > 200);
    }

    void mapProgress()
    {
        // Five items, two at a time, ten simulated seconds each: items 0-1 run 0-10 s, 2-3 run
        // 10-20 s, item 4 runs 20-30 s.
        const QByteArray definition =
            R"({"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "ItemsPath": "$.items",
            "MaxConcurrency": 2, "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Work",
            "States": {"Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
            "End": true}}}, "End": true}}})";
        QVERIFY(openDefinition(QStringLiteral("fan.asl.json"), definition));
        const QString profile = m_dir.filePath(QStringLiteral("fan.mocks.json"));
        QVERIFY(writeText(
            profile,
            R"({"StepwiseMockProfile": 1, "States": {"Work": {"Duration": 10, "Return": {"ok": true}}}})"));
        m_run->setInputText(QStringLiteral(R"({"items": [1, 2, 3, 4, 5]})"));
        m_run->setMocksPath(profile);
        QVERIFY(m_run->runTo(5));
        const QString fan = QStringLiteral("/States/Fan");
        QCOMPARE(m_diagram->decorations().caption.value(fan), QStringLiteral("0/5 done, 2 running"));
        m_run->scrubTo(15);
        QCOMPARE(m_diagram->decorations().caption.value(fan), QStringLiteral("2/5 done, 2 running"));
        QCOMPARE(m_diagram->decorations().progress.value(fan), 0.4);
        QCOMPARE(m_run->statusOf(QStringLiteral("Fan")), QStringLiteral("running"));
        QVERIFY(m_run->runToEnd());
        QCOMPARE(m_run->time(), 30.0);
        QCOMPARE(m_diagram->decorations().caption.value(fan), QStringLiteral("5/5 done"));
        QCOMPARE(m_diagram->decorations().progress.value(fan), 1.0);
        QCOMPARE(m_run->statusOf(QStringLiteral("Fan")), QStringLiteral("succeeded"));
        // One iteration opened: at 15 s iteration 0 is done, 2 is running, 4 has not started.
        QCOMPARE(m_run->mapOf(QStringLiteral("Work")), QStringLiteral("Fan"));
        QCOMPARE(m_run->mapOf(QStringLiteral("Fan")), QStringLiteral("Fan"));
        m_run->scrubTo(15);
        const QString work = QStringLiteral("/States/Fan/ItemProcessor/States/Work");
        m_run->openIteration(QStringLiteral("Fan"), 0);
        QCOMPARE(m_run->statusOf(QStringLiteral("Work")), QStringLiteral("succeeded"));
        QCOMPARE(m_diagram->decorations().caption.value(fan),
                 QStringLiteral("2/5 done, 2 running \u00b7 showing #0"));
        m_run->openIteration(QStringLiteral("Fan"), 2);
        QCOMPARE(m_run->statusOf(QStringLiteral("Work")), QStringLiteral("running"));
        QCOMPARE(m_diagram->decorations().tint.value(work), gui::runstyle::color(sim::RunStatus::Running));
        m_run->openIteration(QStringLiteral("Fan"), 4);
        QCOMPARE(m_run->statusOf(QStringLiteral("Work")), QStringLiteral("not run"));
        QVERIFY(!m_diagram->decorations().tint.contains(work));
        m_run->openIteration(QStringLiteral("Fan"), -1);
        QCOMPARE(m_diagram->decorations().caption.value(fan), QStringLiteral("2/5 done, 2 running"));
        QVERIFY(m_run->runToEnd());
        // Data flow per iteration: five iterations of Work.
        m_run->setSelectedState(QStringLiteral("Work"));
        QCOMPARE(m_run->attempts().size(), 5);
        m_run->setSelectedState(QString());
    }

    void waitCountsDown()
    {
        // A one-hour Wait: at 600 s it has 50 minutes left; the run ends at 3600 s of virtual
        // time without waiting for them.
        QVERIFY(openDefinition(QStringLiteral("pause.asl.json"),
                               R"({"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 3600,
            "Next": "Done"}, "Done": {"Type": "Succeed"}}})"));
        m_run->setInputText(QStringLiteral("{}"));
        m_run->setMocksPath(QString());
        QVERIFY(m_run->runTo(600));
        QCOMPARE(m_run->statusOf(QStringLiteral("Pause")), QStringLiteral("waiting"));
        const QString pause = QStringLiteral("/States/Pause");
        QCOMPARE(m_diagram->decorations().caption.value(pause), QStringLiteral("waiting, 50 min left"));
        QCOMPARE(m_diagram->decorations().tint.value(pause), gui::runstyle::color(sim::RunStatus::Waiting));
        m_run->scrubTo(3599.5);
        QCOMPARE(m_diagram->decorations().caption.value(pause), QStringLiteral("waiting, 1 s left"));
        QVERIFY(m_run->runToEnd());
        QCOMPARE(m_run->time(), 3600.0);
        QCOMPARE(m_run->statusOf(QStringLiteral("Pause")), QStringLiteral("succeeded"));
        QCOMPARE(m_run->statusOf(QStringLiteral("Done")), QStringLiteral("succeeded"));
        m_run->stop();
    }

    void callbacks()
    {
        const QByteArray definition = R"({"StartAt": "Approve", "States": {"Approve": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"FunctionName": "ask", "Payload": {"token.$": "$$.Task.Token"}}, "End": true}}})";
        QVERIFY(openDefinition(QStringLiteral("approve.asl.json"), definition));
        const QString profile = m_dir.filePath(QStringLiteral("approve.mocks.json"));
        QVERIFY(writeText(profile,
                          R"({"StepwiseMockProfile": 1, "States": {"Approve": {"Callback": "Pending"}}})"));
        m_run->setInputText(QStringLiteral("{}"));
        m_run->setMocksPath(profile);
        m_run->setSpeed(0);

        QVERIFY(m_run->start());
        QTRY_COMPARE(m_run->phase(), QStringLiteral("waiting"));
        QCOMPARE(m_run->pendingCallbacks().size(), 1);
        QVariantMap pending = m_run->pendingCallbacks().first().toMap();
        QCOMPARE(pending.value(QStringLiteral("state")).toString(), QStringLiteral("Approve"));
        QCOMPARE(m_run->statusOf(QStringLiteral("Approve")), QStringLiteral("running"));
        QVERIFY(m_run->sendHeartbeat(pending.value(QStringLiteral("token")).toString()));
        QVERIFY(!m_run->sendSuccess(pending.value(QStringLiteral("token")).toString(),
                                    QStringLiteral("{not json")));
        QVERIFY(m_run->sendSuccess(pending.value(QStringLiteral("token")).toString(),
                                   QStringLiteral(R"({"approved": true})")));
        QTRY_COMPARE(m_run->phase(), QStringLiteral("finished"));
        QCOMPARE(m_run->executionStatus(), QStringLiteral("SUCCEEDED"));
        QVERIFY(m_run->execution()->output() == Json({{QStringLiteral("approved"), true}}));
        QCOMPARE(m_run->statusOf(QStringLiteral("Approve")), QStringLiteral("succeeded"));

        QVERIFY(m_run->start());
        QTRY_COMPARE(m_run->phase(), QStringLiteral("waiting"));
        pending = m_run->pendingCallbacks().first().toMap();
        QVERIFY(m_run->sendFailure(pending.value(QStringLiteral("token")).toString(),
                                   QStringLiteral("Rejected"), QStringLiteral("no")));
        QTRY_COMPARE(m_run->phase(), QStringLiteral("finished"));
        QCOMPARE(m_run->executionStatus(), QStringLiteral("FAILED"));
        QCOMPARE(m_run->execution()->error(), QStringLiteral("Rejected"));
        QCOMPARE(m_run->statusOf(QStringLiteral("Approve")), QStringLiteral("failed"));
        m_run->stop();
    }

    void mockSkeleton()
    {
        QVERIFY(m_doc->open(definitionPath()));
        const QString path = m_dir.filePath(QStringLiteral("skeleton.mocks-config.json"));
        QVERIFY(m_run->createMockSkeleton(path));
        QCOMPARE(m_run->mocksPath(), path);
        QCOMPARE(m_run->testCases(), QStringList{QStringLiteral("HappyPath")});
        const Json skeleton = JsonReader::parseOrUndefined(readText(path).toUtf8());
        const Json testCase = skeleton.value(u"StateMachines")
                                  .value(u"tradai-backtest-full")
                                  .value(u"TestCases")
                                  .value(u"HappyPath");
        // Every Task state of the definition (the two inside the Parallel too), and only those.
        QStringList tasks = testCase.keys();
        tasks.sort();
        QCOMPARE(tasks,
                 (QStringList{QStringLiteral("CheckDataFreshness"), QStringLiteral("CleanupAfterFailure"),
                              QStringLiteral("CleanupResources"), QStringLiteral("NotifyCompletion"),
                              QStringLiteral("NotifyFailure"), QStringLiteral("PrepareConfig"),
                              QStringLiteral("RunBacktest"), QStringLiteral("TransformResults"),
                              QStringLiteral("UpdateStateCompleted"), QStringLiteral("UpdateStateFailed"),
                              QStringLiteral("ValidateStrategy")}));
        // It runs with every task mocked.
        m_run->setInputText(QStringLiteral("{}"));
        QVERIFY(m_run->runToEnd());
        QCOMPARE(m_run->execution()->unmockedStates(), QStringList());
        m_run->stop();
    }

    void inputIsValidatedAndRemembered()
    {
        m_run->setInputText(QStringLiteral("{\"a\": "));
        QVERIFY(!m_run->inputError().isEmpty());
        QVERIFY(!m_run->start());
        QVERIFY(m_run->error().contains(QStringLiteral("not JSON")));
        m_run->setInputText(QStringLiteral("{\"remember\": 1}"));
        QVERIFY(m_run->inputError().isEmpty());
        // Another file has its own input; coming back restores this one.
        QVERIFY(openDefinition(QStringLiteral("other.asl.json"),
                               R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})"));
        QCOMPARE(m_run->inputText(), QStringLiteral("{}"));
        QVERIFY(m_doc->open(definitionPath()));
        QCOMPARE(m_run->inputText(), QStringLiteral("{\"remember\": 1}"));
        // Save As takes the configuration along to the new name.
        const QString renamed = m_dir.filePath(QStringLiteral("renamed.asl.json"));
        QVERIFY(m_doc->saveAs(renamed));
        QTest::qWait(50);
        QVERIFY(openDefinition(QStringLiteral("other.asl.json"),
                               R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})"));
        QVERIFY(m_doc->open(renamed));
        QCOMPARE(m_run->inputText(), QStringLiteral("{\"remember\": 1}"));
        QVERIFY(m_doc->open(definitionPath()));
    }

    void headlessRunTo()
    {
        // RetryPath at 7 s: PrepareConfig waits for its second retry, its box filled with the
        // retry tint over the Task fill (as the painter mixes them); at 20 s the run is over and
        // no box has that fill.
        const QColor retry = gui::runstyle::color(sim::RunStatus::Retrying);
        const QColor fill = render::mix(m_diagram->style().fill(asl::StateType::Task), retry, 0.45);
        QList<int> amber;
        for (const char *seconds : {"7", "20"}) {
            const QString out = m_dir.filePath(QStringLiteral("at-%1.png").arg(QLatin1String(seconds)));
            QProcess p;
            p.start(QStringLiteral(STEPWISE_BINARY_DIR "/bin/stepwise"),
                    {definitionPath(), QStringLiteral("--input-file"),
                     examplePath(QStringLiteral("tradai-backtest-full.mocks-input.json")),
                     QStringLiteral("--mocks"), mocksConfig(), QStringLiteral("--test-case"),
                     QStringLiteral("RetryPath"), QStringLiteral("--run-to"), QLatin1String(seconds),
                     QStringLiteral("--screenshot"), out, QStringLiteral("--size"),
                     QStringLiteral("1400x900"), QStringLiteral("--theme"), QStringLiteral("light")});
            QVERIFY(p.waitForFinished(120000));
            QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
            const QImage image(out);
            QCOMPARE(image.size(), QSize(1400, 900));
            int n = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    n += std::abs(c.red() - fill.red()) <= 2 && std::abs(c.green() - fill.green()) <= 2 &&
                         std::abs(c.blue() - fill.blue()) <= 2;
                }
            }
            amber << n;
        }
        QVERIFY2(amber.at(0) > 300 && amber.at(1) == 0,
                 qPrintable(QStringLiteral("%1 vs %2").arg(amber.at(0)).arg(amber.at(1))));
        // Usage errors exit 2.
        QProcess p;
        p.start(QStringLiteral(STEPWISE_BINARY_DIR "/bin/stepwise"),
                {definitionPath(), QStringLiteral("--run-to"), QStringLiteral("soon")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
    }
};

QTEST_MAIN(TestSimulation)
#include "tst_simulation.moc"
