#include "runcontroller.h"

#include "dataflow.h"
#include "diagramcontroller.h"
#include "documentcontroller.h"
#include "frameexport.h"
#include "placeholdervalues.h"
#include "runconfig.h"
#include "runstyle.h"

#include "asl/asldocument.h"
#include "asl/edges.h"
#include "engine/historyimport.h"
#include "engine/mockloader.h"
#include "jsonata/jsonataengine.h"
#include "validate/validator.h"
#include "json/jsonreader.h"

#include <QFile>
#include <QFileInfo>
#include <QSettings>

#include <limits>

namespace sw::gui {

namespace {

constexpr qint64 kFrameBudgetNs = 4'000'000; // simulation work per frame
constexpr double kInfinity = std::numeric_limits<double>::infinity();

bool isStateEnd(const sim::HistoryEvent &e)
{
    switch (e.type) {
    case sim::EventType::FailStateEntered:
    case sim::EventType::TaskStateAborted:
    case sim::EventType::WaitStateAborted:
    case sim::EventType::ParallelStateAborted:
    case sim::EventType::MapStateAborted:
        return true;
    default:
        return sim::isStateExited(e.type);
    }
}

bool isExecutionEnd(const sim::HistoryEvent &e)
{
    return e.type == sim::EventType::ExecutionSucceeded || e.type == sim::EventType::ExecutionFailed ||
           e.type == sim::EventType::ExecutionTimedOut || e.type == sim::EventType::ExecutionAborted;
}

} // namespace

RunController::RunController(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(16);
    connect(&m_timer, &QTimer::timeout, this, &RunController::tick);
    m_real.start();
}

RunController::~RunController()
{
    // A timeline build posts its result to this object: let it finish first.
    m_pool.clear();
    m_pool.waitForDone();
}

void RunController::setDocument(DocumentController *document)
{
    if (document == m_document) return;
    if (m_document) disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &DocumentController::loaded, this, [this] {
            ++m_loads;
            stop();
            loadSettings();
        });
        // Save As renames the file: its configuration moves with it. (Opening a file announces
        // the new name before it loads: only a name change without a load is a rename.)
        connect(m_document, &DocumentController::fileChanged, this, [this] {
            const int loads = m_loads;
            QMetaObject::invokeMethod(
                this,
                [this, loads] {
                    if (loads != m_loads) return;
                    storeSettings();
                    m_suggested =
                        runconfig::suggestedMockFiles(m_document ? m_document->filePath() : QString());
                    emit configChanged();
                },
                Qt::QueuedConnection);
        });
        loadSettings();
    }
    emit documentChanged();
}

void RunController::setDiagram(DiagramController *diagram)
{
    if (diagram == m_diagram) return;
    if (m_diagram) {
        disconnect(m_diagram, nullptr, this, nullptr);
        m_diagram->clearOverlay(QStringLiteral("run"));
        m_diagram->clearEdgeOverlay(QStringLiteral("run"));
    }
    m_diagram = diagram;
    // Edge overlays are per layout: a new layout needs the failing path again.
    if (m_diagram)
        connect(m_diagram, &DiagramController::sceneChanged, this, [this] {
            if (m_timelineValid) publish();
        });
    publish();
    emit diagramChanged();
}

void RunController::setPlaceholders(PlaceholderValues *placeholders)
{
    if (placeholders == m_placeholders) return;
    m_placeholders = placeholders;
    emit placeholdersChanged();
}

// --- running -----------------------------------------------------------------------------------

bool RunController::prepare(const Json &input, std::unique_ptr<sim::Execution> &exec, QString *error)
{
    if (!m_document || !m_document->hasDocument() || !m_document->isParsed()) {
        *error = QStringLiteral("Open a state machine first.");
        return false;
    }
    asl::AslDocument doc;
    doc.root = m_document->document()->asl().root;
    if (m_placeholders) doc.root = m_placeholders->resolve(doc.root);
    doc.parsed = true;
    doc.rebuild();
    const Diagnostics problems = validate::validate(doc);
    for (const Diagnostic &d : problems) {
        if (d.isError()) {
            *error =
                QStringLiteral("The definition is not valid: %1 %2 (%3)").arg(d.code, d.message, d.pointer);
            return false;
        }
    }
    std::unique_ptr<sim::TaskBackend> backend;
    if (!m_mocksPath.isEmpty()) {
        backend = sim::loadMocks(m_mocksPath, QString(), m_testCase, error);
        if (!backend) return false;
    }
    if (!m_jsonata) m_jsonata = std::make_unique<sim::JsonataEngine>();
    sim::ExecutionOptions eo;
    eo.input = input;
    eo.seed = quint64(m_seed);
    eo.backend = backend.get();
    eo.jsonata = m_jsonata.get();
    eo.recordDataFlow = true;
    eo.stateMachineName = runconfig::machineNameFor(m_document->filePath());
    auto program = std::make_shared<const sim::Program>(doc.machine);
    exec = std::make_unique<sim::Execution>(program, eo);
    m_backend = std::move(backend);
    indexStates(doc.machine);
    return true;
}

void RunController::reset()
{
    m_focusMap.clear();
    m_focusIndex = -1;
    m_iteration.clear();
    ++m_timelineBuild;
    m_building = false;
    m_timer.stop();
    updateTokens(true);
    m_playing = false;
    m_stop = Stop::None;
    m_time = 0;
    m_cursorEvents = 0;
    m_diverging.clear();
    ++m_run;
}

bool RunController::start()
{
    Json input;
    const QString inputError = runconfig::parseInput(m_inputText, &input);
    if (!inputError.isEmpty()) {
        setError(QStringLiteral("The input is not JSON: %1").arg(inputError));
        return false;
    }
    std::unique_ptr<sim::Execution> exec;
    QString error;
    reset();
    m_exec.reset();
    if (!prepare(input, exec, &error)) {
        m_timelineValid = false;
        m_timeline = sim::RunTimeline();
        setError(error);
        publish();
        return false;
    }
    setError(QString());
    m_exec = std::move(exec);
    m_replay = false;
    m_exec->start();
    if (m_diagram && m_diagram->scene()) m_tokens.index(m_diagram->scene());
    m_timelineValid = true;
    refreshTimeline(true);
    m_playing = true;
    startTimer();
    publish();
    return true;
}

void RunController::startTimer()
{
    m_clock.restart();
    if (!m_timer.isActive()) m_timer.start();
}

void RunController::play()
{
    if (!m_timelineValid) {
        start();
        return;
    }
    if (finishedComputing() && timelineComplete() && m_cursorEvents >= m_timeline.eventCount()) return;
    m_stop = Stop::None;
    m_playing = true;
    startTimer();
    publish();
}

void RunController::pause()
{
    m_playing = false;
    m_stop = Stop::None;
    m_timer.stop();
    updateTokens(true);
    refreshTimeline(true);
    publish();
}

void RunController::stop()
{
    reset();
    m_exec.reset();
    m_backend.reset();
    m_timeline = sim::RunTimeline();
    m_timelineValid = false;
    m_replay = false;
    publish();
}

bool RunController::finishedComputing() const
{
    return !m_exec || m_exec->isFinished();
}

void RunController::compute(qint64 budgetNs, bool unbounded)
{
    if (!m_exec || m_exec->isFinished()) return;
    QElapsedTimer clock;
    clock.start();
    // A pending callback waits for the user at the cursor: nothing after the cursor may happen
    // before they answer (a heartbeat timeout would otherwise fire ahead of them).
    const bool waitForUser = !m_exec->pendingCallbacks().isEmpty();
    while (!m_exec->isFinished()) {
        const double next = m_exec->nextWakeTime();
        if (next < 0) break;
        if (waitForUser && next > m_time) break;
        m_exec->step();
        if (!unbounded && clock.nsecsElapsed() > budgetNs) break;
    }
}

bool RunController::timelineComplete() const
{
    return !m_exec || m_exec->history().size() == m_timeline.eventCount();
}

void RunController::refreshTimeline(bool force)
{
    if (timelineComplete()) return;
    if (force) {
        ++m_timelineBuild; // a build in flight is out of date
        m_building = false;
        m_timeline = sim::RunTimeline(m_exec->history());
        m_sinceTimeline.start();
        emit timelineChanged();
        return;
    }
    // Building a RunTimeline costs about a microsecond per event, too much for a frame once a run
    // has thousands: while playing it is built on a worker thread from a (shared) copy of the
    // history, when the cursor has caught up with the timeline or a quarter of a second has passed.
    // Until it arrives the cursor stops where the known events end (horizon()).
    const bool caughtUp = m_cursorEvents >= m_timeline.eventCount();
    if (m_building ||
        (!caughtUp && !finishedComputing() && m_sinceTimeline.isValid() && m_sinceTimeline.elapsed() < 250))
        return;
    m_building = true;
    const quint64 build = ++m_timelineBuild;
    m_pool.start([this, events = m_exec->history(), build] {
        auto timeline = std::make_shared<sim::RunTimeline>(events);
        QMetaObject::invokeMethod(
            this,
            [this, timeline, build] {
                if (build != m_timelineBuild) return;
                m_building = false;
                m_timeline = std::move(*timeline);
                m_sinceTimeline.start();
                emit timelineChanged();
            },
            Qt::QueuedConnection);
    });
}

double RunController::horizon() const
{
    // Events not yet in the timeline: the cursor stops where they begin.
    if (m_exec && m_exec->history().size() > m_timeline.eventCount())
        return m_exec->history().at(m_timeline.eventCount()).time;
    if (finishedComputing()) return m_timeline.endTime();
    const double next = m_exec->nextWakeTime();
    return next < 0 ? std::max(m_exec->now(), m_timeline.endTime()) : next;
}

bool RunController::stopsAt(const sim::HistoryEvent &e) const
{
    switch (m_stop) {
    case Stop::StepOver:
        return (e.stateName == m_stopState && e.fiber == m_stopFiber && isStateEnd(e)) || isExecutionEnd(e);
    case Stop::RunTo:
        if (sim::isStateEntered(e.type) && e.stateName == m_stopState) return true;
        break;
    case Stop::Breakpoint:
    case Stop::None:
        break;
    }
    return sim::isStateEntered(e.type) && m_breakpoints.contains(e.stateName);
}

void RunController::advance(double target)
{
    const int before = m_cursorEvents;
    moveCursor(target);
    if (m_diagram)
        m_tokens.fire(m_timeline, before, m_cursorEvents, m_diagram->scene(), m_pointers, m_real.elapsed());
}

void RunController::updateTokens(bool clear)
{
    if (clear) m_tokens.clear();
    QVariantList positions =
        m_diagram ? m_tokens.advance(m_diagram->scene(), m_real.elapsed()) : QVariantList();
    if (positions.isEmpty() && m_tokenPositions.isEmpty()) return;
    m_tokenPositions = std::move(positions);
    emit tokensChanged();
}

void RunController::moveCursor(double target)
{
    const double limit = std::min(target, horizon());
    const QList<sim::HistoryEvent> &events = m_timeline.events();
    const int until = m_timeline.eventsUntil(limit);
    for (int i = m_cursorEvents; i < until; ++i) {
        if (stopsAt(events.at(i))) {
            m_cursorEvents = i + 1;
            m_time = events.at(i).time;
            m_playing = false;
            m_stop = Stop::None;
            return;
        }
    }
    m_cursorEvents = std::max(m_cursorEvents, until);
    if (std::isfinite(limit)) m_time = std::max(m_time, limit);
    if (finishedComputing() && timelineComplete() && m_cursorEvents >= m_timeline.eventCount()) {
        m_time = std::max(m_time, m_timeline.endTime());
        m_playing = false;
    }
}

void RunController::tick()
{
    if (m_playing && m_timelineValid) {
        const double dt = m_clock.restart() / 1000.0;
        const bool fast = m_speed <= 0 || m_stop != Stop::None;
        const double target = fast ? kInfinity : m_time + dt * m_speed;
        compute(kFrameBudgetNs, false);
        refreshTimeline();
        advance(target);
        // Waiting for a callback with nothing else scheduled: the run rests until the user answers.
        if (m_playing && m_exec && !m_exec->isFinished() && m_exec->nextWakeTime() < 0 &&
            timelineComplete() && m_cursorEvents >= m_timeline.eventCount())
            m_playing = false;
        publish();
    }
    // The last tokens finish their way after the run has stopped.
    updateTokens();
    if (!m_playing && m_tokens.isEmpty()) m_timer.stop();
}

bool RunController::stepEvent()
{
    if (!m_timelineValid && !start()) return false;
    pause();
    refreshTimeline(true);
    while (m_cursorEvents >= m_timeline.eventCount() && !finishedComputing() && m_exec->nextWakeTime() >= 0) {
        m_exec->step();
        refreshTimeline(true);
    }
    if (m_cursorEvents >= m_timeline.eventCount()) return false;
    m_time = std::max(m_time, m_timeline.events().at(m_cursorEvents).time);
    ++m_cursorEvents;
    publish();
    return true;
}

void RunController::stepOverState()
{
    if (!m_timelineValid && !start()) return;
    pause();
    refreshTimeline(true);
    while (m_cursorEvents >= m_timeline.eventCount() && !finishedComputing() && m_exec->nextWakeTime() >= 0) {
        m_exec->step();
        refreshTimeline(true);
    }
    if (m_cursorEvents >= m_timeline.eventCount()) return;
    const sim::HistoryEvent &next = m_timeline.events().at(m_cursorEvents);
    if (next.stateName.isEmpty() || isStateEnd(next)) {
        stepEvent();
        return;
    }
    m_stop = Stop::StepOver;
    m_stopState = next.stateName;
    m_stopFiber = next.fiber;
    m_playing = true;
    startTimer();
    tick();
}

void RunController::runToState(const QString &name)
{
    if (name.isEmpty()) return;
    if (!m_timelineValid && !start()) return;
    m_stop = Stop::RunTo;
    m_stopState = name;
    m_playing = true;
    startTimer();
    tick();
}

void RunController::scrubTo(double seconds)
{
    if (!m_timelineValid) return;
    m_playing = false;
    m_stop = Stop::None;
    m_timer.stop();
    updateTokens(true);
    m_time = std::clamp(seconds, 0.0, std::max(0.0, horizon()));
    m_cursorEvents = m_timeline.eventsUntil(m_time);
    publish();
}

bool RunController::runTo(double seconds)
{
    if (!m_timelineValid && !start()) return false;
    pause();
    // The whole run is computed (a retry's backoff shows as "retrying" only when the retry is
    // known), except past a pending callback: it waits for the user at `seconds`.
    const double cursor = m_time;
    m_time = std::max(m_time, seconds);
    compute(0, true);
    m_time = cursor;
    refreshTimeline(true);
    scrubTo(seconds);
    return true;
}

bool RunController::runToEnd()
{
    if (!m_timelineValid && !start()) return false;
    pause();
    compute(0, true);
    refreshTimeline(true);
    scrubTo(horizon());
    m_cursorEvents = m_timeline.eventCount();
    publish();
    return true;
}

} // namespace sw::gui
