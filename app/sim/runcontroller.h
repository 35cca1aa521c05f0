#pragma once

#include "diagramcontroller.h"
#include "documentcontroller.h"
#include "engine/execution.h"
#include "engine/runtimeline.h"
#include "iterationview.h"
#include "placeholdervalues.h"
#include "runeventsmodel.h"
#include "runtokens.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QSet>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <QVariantList>

#include <memory>

namespace sw::sim {
class JsonataEngine;
class TaskBackend;
} // namespace sw::sim

namespace sw::gui {

// The run panel's model: runs the open definition on the simulator with an input, mocks and a
// seed, or replays an execution history exported from AWS, and plays it back on the canvas. The
// execution is computed ahead in slices of a few milliseconds per frame (the GUI never blocks; the
// simulator keeps its virtual clock, only the playback speed is real time). Playback is a cursor
// (a time on the virtual clock and how many events are applied) over a RunTimeline built from the
// history: every picture — the canvas's "run" overlay, the event table, the Gantt chart, the data
// flow of the selected state — is a function of that cursor, so scrubbing back and forth and
// stepping give the same pictures every time.
class RunController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(sw::gui::DocumentController *document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(sw::gui::DiagramController *diagram READ diagram WRITE setDiagram NOTIFY diagramChanged)
    Q_PROPERTY(sw::gui::PlaceholderValues *placeholders READ placeholders WRITE setPlaceholders NOTIFY
                   placeholdersChanged)
    // Configuration (remembered per file).
    Q_PROPERTY(QString inputText READ inputText WRITE setInputText NOTIFY configChanged)
    Q_PROPERTY(QString inputError READ inputError NOTIFY configChanged)
    Q_PROPERTY(QString mocksPath READ mocksPath WRITE setMocksPath NOTIFY configChanged)
    Q_PROPERTY(QStringList testCases READ testCases NOTIFY configChanged)
    Q_PROPERTY(QString testCase READ testCase WRITE setTestCase NOTIFY configChanged)
    Q_PROPERTY(QStringList suggestedMocks READ suggestedMocks NOTIFY configChanged)
    Q_PROPERTY(int seed READ seed WRITE setSeed NOTIFY configChanged)
    // Whether the configuration is remembered per file (QSettings); off for command-line runs.
    Q_PROPERTY(bool persistent MEMBER m_persistent NOTIFY configChanged)
    // Simulated seconds per real second; 0 = as fast as possible.
    Q_PROPERTY(double speed READ speed WRITE setSpeed NOTIFY speedChanged)
    Q_PROPERTY(QStringList breakpoints READ breakpoints NOTIFY breakpointsChanged)
    // Playback
    Q_PROPERTY(QString phase READ phase NOTIFY progressed)  // idle, playing, paused, waiting, finished
    Q_PROPERTY(bool replay READ isReplay NOTIFY progressed) // an imported history, not a simulation
    Q_PROPERTY(bool active READ isActive NOTIFY progressed) // a run or replay is loaded
    Q_PROPERTY(
        QString executionStatus READ executionStatus NOTIFY progressed) // RUNNING, SUCCEEDED, FAILED...
    Q_PROPERTY(double time READ time NOTIFY progressed)
    Q_PROPERTY(double endTime READ endTime NOTIFY progressed) // the last known event's time
    Q_PROPERTY(int cursorEvents READ cursorEvents NOTIFY progressed)
    Q_PROPERTY(int knownEvents READ knownEvents NOTIFY progressed)
    Q_PROPERTY(QString summary READ summary NOTIFY progressed)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(QVariantList pendingCallbacks READ pendingCallbacks NOTIFY progressed)
    Q_PROPERTY(QStringList divergingStates READ divergingStates NOTIFY progressed)
    Q_PROPERTY(sw::gui::RunEventsModel *events READ events CONSTANT)
    // Tokens travelling along the edges that just fired (scene coordinates) while the run plays.
    Q_PROPERTY(QVariantList tokens READ tokens NOTIFY tokensChanged)
    // Data flow of the selected state (a state name).
    Q_PROPERTY(QString selectedState READ selectedState WRITE setSelectedState NOTIFY selectedStateChanged)
    Q_PROPERTY(QVariantList attempts READ attempts NOTIFY attemptsChanged)
    // A Map iteration opened on the canvas: its processor's states show that iteration (-1: none).
    Q_PROPERTY(QString focusMap READ focusMap NOTIFY progressed)
    Q_PROPERTY(int focusIteration READ focusIteration NOTIFY progressed)
public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    DocumentController *document() const { return m_document; }
    void setDocument(DocumentController *document);
    DiagramController *diagram() const { return m_diagram; }
    void setDiagram(DiagramController *diagram);
    PlaceholderValues *placeholders() const { return m_placeholders; }
    void setPlaceholders(PlaceholderValues *placeholders);

    QString inputText() const { return m_inputText; }
    void setInputText(const QString &text);
    QString inputError() const { return m_inputError; }
    QString mocksPath() const { return m_mocksPath; }
    void setMocksPath(const QString &pathOrUrl);
    QStringList testCases() const { return m_testCases; }
    QString testCase() const { return m_testCase; }
    void setTestCase(const QString &testCase);
    QStringList suggestedMocks() const { return m_suggested; }
    int seed() const { return m_seed; }
    void setSeed(int seed);
    double speed() const { return m_speed; }
    void setSpeed(double speed);
    QStringList breakpoints() const;

    QString phase() const;
    bool isReplay() const { return m_replay; }
    bool isActive() const { return m_timelineValid; }
    QString executionStatus() const;
    double time() const { return m_time; }
    double endTime() const { return m_timeline.endTime(); }
    int cursorEvents() const { return m_cursorEvents; }
    int knownEvents() const { return m_timeline.eventCount(); }
    QString summary() const;
    QString error() const { return m_error; }
    QVariantList pendingCallbacks() const;
    QStringList divergingStates() const { return m_diverging; }
    RunEventsModel *events() { return &m_events; }
    QVariantList tokens() const { return m_tokenPositions; }
    QString selectedState() const { return m_selected; }
    void setSelectedState(const QString &name);
    QVariantList attempts() const;
    QString focusMap() const { return m_focusMap; }
    int focusIteration() const { return m_focusIndex; }

    // For views and tests (C++).
    const sim::RunTimeline &timeline() const { return m_timeline; }
    const sim::RunSnapshot &snapshot() const { return m_snapshot; } // the picture at the cursor
    const sim::Execution *execution() const { return m_exec.get(); }
    QHash<QString, QString> statePointers() const { return m_pointers; }

    // Reads the execution input from a file (as --input-file does).
    Q_INVOKABLE bool loadInputFile(const QString &pathOrUrl);
    Q_INVOKABLE bool start(); // a new simulation from the configuration, playing
    Q_INVOKABLE void play();  // resume (or start when nothing is loaded)
    Q_INVOKABLE void pause();
    Q_INVOKABLE bool stepEvent();                     // apply the next history event
    Q_INVOKABLE void stepOverState();                 // play until the state of the next event has left
    Q_INVOKABLE void runToState(const QString &name); // play until `name` is entered
    Q_INVOKABLE void stop();                          // forget the run; the canvas shows the plain diagram
    Q_INVOKABLE void scrubTo(double seconds);
    // Headless and tests: computes the run synchronously up to `seconds` and puts the cursor there.
    Q_INVOKABLE bool runTo(double seconds);
    // Headless and tests: computes the whole run synchronously and puts the cursor at its end.
    Q_INVOKABLE bool runToEnd();
    Q_INVOKABLE void toggleBreakpoint(const QString &name);
    Q_INVOKABLE bool hasBreakpoint(const QString &name) const { return m_breakpoints.contains(name); }
    Q_INVOKABLE QString stateNameOf(const QString &pointer) const;
    Q_INVOKABLE QString statusOf(const QString &name) const; // at the cursor: running, failed...
    // The Map a state belongs to (itself for a Map, the innermost enclosing Map), or "".
    Q_INVOKABLE QString mapOf(const QString &name) const;
    Q_INVOKABLE int iterationCount(const QString &mapName) const
    {
        return m_snapshot.maps.value(mapName).total;
    }
    // Shows iteration `index` of `mapName` on the canvas; -1 goes back to the latest iteration.
    Q_INVOKABLE void openIteration(const QString &mapName, int index);

    Q_INVOKABLE bool sendSuccess(const QString &token, const QString &outputJson);
    Q_INVOKABLE bool sendFailure(const QString &token, const QString &error, const QString &cause);
    Q_INVOKABLE bool sendHeartbeat(const QString &token);

    // Replay: an execution history (GetExecutionHistory JSON) of the open definition.
    Q_INVOKABLE bool openHistory(const QString &pathOrUrl);
    // Simulates the replayed execution's input with the configured mocks and flags the states
    // whose runs differ.
    Q_INVOKABLE bool compareWithSimulation();
    Q_INVOKABLE bool saveHistory(const QString &pathOrUrl) const;

    // Writes a MockConfigFile skeleton (one response per Task state) and selects it.
    Q_INVOKABLE bool createMockSkeleton(const QString &pathOrUrl);
    // Writes frame-0000.png... into a folder: the diagram after each moment something happened,
    // painted off the GUI thread. exportFinished reports the outcome.
    Q_INVOKABLE bool exportFrames(const QString &folderPathOrUrl, int maxFrames = 600);

signals:
    void documentChanged();
    void diagramChanged();
    void placeholdersChanged();
    void configChanged();
    void speedChanged();
    void breakpointsChanged();
    void progressed();
    void errorChanged();
    void selectedStateChanged();
    void attemptsChanged();
    void timelineChanged(); // the history grew or a new run/replay replaced it
    void tokensChanged();
    void exportFinished(int frames, const QString &error);

private:
    enum class Stop { None, Breakpoint, StepOver, RunTo };
    bool prepare(const Json &input, std::unique_ptr<sim::Execution> &exec, QString *error);
    void loadSettings();
    void storeSettings() const;
    void setError(const QString &error);
    void reset();
    void tick();
    void compute(qint64 budgetNs, bool unbounded);
    void refreshTimeline(bool force = false);
    bool timelineComplete() const; // the timeline holds every event computed so far
    double horizon() const;        // how far the cursor may go: everything before it is known
    bool finishedComputing() const;
    void advance(double target);
    void moveCursor(double target);
    void updateTokens(bool clear = false);
    bool stopsAt(const sim::HistoryEvent &e) const;
    void publish();
    void applyIterationFocus();
    void indexStates(const asl::StateMachine &machine);
    QHash<int, QColor> failingEdges();
    void startTimer();
    QString fileKey() const;

    QPointer<DocumentController> m_document;
    QPointer<DiagramController> m_diagram;
    QPointer<PlaceholderValues> m_placeholders;

    QString m_inputText = QStringLiteral("{}");
    QString m_inputError;
    QString m_mocksPath;
    QStringList m_testCases;
    QString m_testCase;
    QStringList m_suggested;
    int m_seed = 0;
    bool m_persistent = true;
    int m_loads = 0; // files loaded so far (tells a Save As from an open)
    double m_speed = 10;
    QSet<QString> m_breakpoints;
    QString m_error;

    std::unique_ptr<sim::JsonataEngine> m_jsonata;
    std::unique_ptr<sim::TaskBackend> m_backend;
    std::unique_ptr<sim::Execution> m_exec;
    sim::RunTimeline m_timeline;
    bool m_timelineValid = false;
    bool m_replay = false;
    quint64 m_run = 0;                     // identifies the history shown (a new run or replay increments it)
    QHash<QString, QString> m_pointers;    // state name -> node id
    QHash<QString, QString> m_mapPointers; // Map state name -> node id
    IterationView m_iteration;
    QString m_focusMap;
    int m_focusIndex = -1;
    QStringList m_diverging;

    double m_time = 0;
    int m_cursorEvents = 0;
    bool m_playing = false;
    Stop m_stop = Stop::None;
    QString m_stopState; // StepOver / RunTo target
    int m_stopFiber = 0;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QElapsedTimer m_real;          // the tokens' animation clock
    QElapsedTimer m_sinceTimeline; // since the timeline was last rebuilt
    QThreadPool m_pool;            // one thread: timeline builds while playing
    quint64 m_timelineBuild = 0;   // the build whose result is wanted
    bool m_building = false;
    RunTokens m_tokens;
    QVariantList m_tokenPositions;

    sim::RunSnapshot m_snapshot; // at the cursor, made by publish()
    int m_attemptsCursor = -1;   // the cursor and run the data flow was last announced for
    quint64 m_attemptsRun = 0;
    RunEventsModel m_events;
    QString m_selected;
};

} // namespace sw::gui
