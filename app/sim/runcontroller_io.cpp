// RunController: callbacks, replay of AWS histories, mock skeletons, history and frame export.
#include "runcontroller.h"

#include "frameexport.h"
#include "runconfig.h"

#include "engine/historyimport.h"
#include "json/jsonreader.h"

#include <QFile>

namespace sw::gui {

// --- callbacks ---------------------------------------------------------------------------------

bool RunController::sendSuccess(const QString &token, const QString &outputJson)
{
    Json output;
    const QString error = runconfig::parseInput(outputJson, &output);
    if (!error.isEmpty()) {
        setError(QStringLiteral("The output is not JSON: %1").arg(error));
        return false;
    }
    if (!m_exec || !m_exec->sendTaskSuccess(token, output)) {
        setError(QStringLiteral("No task waits for this token any more."));
        return false;
    }
    setError(QString());
    refreshTimeline(true);
    play();
    return true;
}

bool RunController::sendFailure(const QString &token, const QString &error, const QString &cause)
{
    if (!m_exec || !m_exec->sendTaskFailure(token, error, cause)) {
        setError(QStringLiteral("No task waits for this token any more."));
        return false;
    }
    setError(QString());
    refreshTimeline(true);
    play();
    return true;
}

bool RunController::sendHeartbeat(const QString &token)
{
    if (!m_exec || !m_exec->sendTaskHeartbeat(token)) {
        setError(QStringLiteral("No task waits for this token any more."));
        return false;
    }
    setError(QString());
    refreshTimeline(true);
    publish();
    return true;
}

// --- replay ------------------------------------------------------------------------------------

bool RunController::openHistory(const QString &pathOrUrl)
{
    const QString path = DocumentController::toLocalPath(pathOrUrl);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        setError(QStringLiteral("%1: %2").arg(path, f.errorString()));
        return false;
    }
    const JsonReader::Result r = JsonReader::parse(f.readAll());
    if (!r.ok) {
        setError(QStringLiteral("%1:%2:%3: %4")
                     .arg(path)
                     .arg(r.errorPos.line)
                     .arg(r.errorPos.column)
                     .arg(r.error));
        return false;
    }
    const sim::ImportedHistory imported = sim::importHistory(r.value);
    if (!imported.ok() || imported.events.isEmpty()) {
        const QString why =
            imported.problems.isEmpty() ? QStringLiteral("no events") : imported.problems.first().message;
        setError(QStringLiteral("%1: not an execution history: %2").arg(path, why));
        return false;
    }
    reset();
    m_exec.reset();
    m_backend.reset();
    if (m_document) indexStates(m_document->document()->machine());
    if (m_diagram && m_diagram->scene()) m_tokens.index(m_diagram->scene());
    m_timeline = sim::RunTimeline(imported.events);
    m_timelineValid = true;
    m_replay = true;
    setError(QString());
    emit timelineChanged();
    publish();
    return true;
}

bool RunController::compareWithSimulation()
{
    if (!m_replay || m_timeline.eventCount() == 0) {
        setError(QStringLiteral("Open an execution history to compare first."));
        return false;
    }
    const sim::HistoryEvent &first = m_timeline.events().first();
    const Json input = first.type == sim::EventType::ExecutionStarted && first.input.isDefined()
                           ? first.input
                           : Json::object();
    std::unique_ptr<sim::Execution> exec;
    QString error;
    const QHash<QString, QString> pointers = m_pointers;
    if (!prepare(input, exec, &error)) {
        setError(error);
        return false;
    }
    exec->runToCompletion();
    const sim::RunTimeline simulated(exec->history());
    m_diverging = sim::divergingStates(m_timeline, simulated);
    m_pointers = pointers;
    setError(QString());
    publish();
    return true;
}

bool RunController::saveHistory(const QString &pathOrUrl) const
{
    if (!m_exec) return false;
    QString error;
    return runconfig::writeJsonFile(DocumentController::toLocalPath(pathOrUrl), m_exec->awsHistory(), &error);
}

// --- files -------------------------------------------------------------------------------------

bool RunController::createMockSkeleton(const QString &pathOrUrl)
{
    if (!m_document || !m_document->isParsed()) {
        setError(QStringLiteral("Open a state machine first."));
        return false;
    }
    const QString path = DocumentController::toLocalPath(pathOrUrl);
    const Json skeleton = runconfig::mockSkeleton(m_document->document()->machine(),
                                                  runconfig::machineNameFor(m_document->filePath()));
    QString error;
    if (!runconfig::writeJsonFile(path, skeleton, &error)) {
        setError(error);
        return false;
    }
    setError(QString());
    m_mocksPath.clear();
    setMocksPath(path);
    return true;
}

bool RunController::exportFrames(const QString &folderPathOrUrl, int maxFrames)
{
    if (!m_timelineValid || !m_diagram || !m_diagram->scene()) {
        setError(QStringLiteral("Run or replay an execution first."));
        return false;
    }
    if (!finishedComputing()) runToEnd();
    frameexport::Job job;
    job.folder = DocumentController::toLocalPath(folderPathOrUrl);
    job.scene = m_diagram->scene();
    job.style = m_diagram->style();
    job.timeline = m_timeline;
    job.pointers = m_pointers;
    job.maxFrames = maxFrames;
    frameexport::start(job, this, [this](int frames, const QString &error) {
        if (!error.isEmpty()) setError(error);
        emit exportFinished(frames, error);
    });
    return true;
}

} // namespace sw::gui
