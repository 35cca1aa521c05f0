#include "costcontroller.h"

#include "diagramcontroller.h"
#include "documentcontroller.h"
#include "histogram.h"
#include "placeholdervalues.h"

#include "cost/format.h"
#include "cost/report.h"
#include "cost/schedule.h"
#include "json/jsonwriter.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace sw::gui {

namespace {
const QString kLayer = QStringLiteral("cost");

// Share of transitions: whole percents, one decimal below 10 %, "<0.1%" for crumbs.
QString percent(double share)
{
    const double p = share * 100;
    if (p > 0 && p < 0.05) return QStringLiteral("<0.1%");
    return QString::number(p, 'f', p < 10 ? 1 : 0) + QLatin1Char('%');
}

// 12.4, 3, 2.25: at most three significant digits, no trailing zeros.
QString shortNumber(double n)
{
    QString s = QString::number(n, 'f', n < 10 ? 2 : (n < 100 ? 1 : 0));
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.'))) s.chop(1);
    }
    return s;
}

// Yellow (a small share of the transitions) to red (the largest share).
QColor heatColor(double t)
{
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromHsvF(float((1 - t) * 52.0 / 360.0), float(0.55 + 0.4 * t), 0.95f);
}

QString baseName(const QString &path)
{
    QString name = QFileInfo(path).fileName();
    for (const char *suffix : {".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"}) {
        if (name.endsWith(QLatin1String(suffix), Qt::CaseInsensitive)) {
            name.chop(qsizetype(qstrlen(suffix)));
            break;
        }
    }
    return name;
}
} // namespace

CostController::CostController(QObject *parent) : QObject(parent), m_prices(cost::PriceTable::builtIn())
{
    // One worker, kept alive so its thread's JSONata engine is reused from run to run.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_pool.setStackSize(8 * 1024 * 1024); // deep definitions recurse, as on the other workers
    updateExecutions();
}

CostController::~CostController()
{
    if (m_cancel) m_cancel->store(true);
    m_pool.waitForDone();
}

void CostController::setDocument(DocumentController *document)
{
    if (m_document == document) return;
    if (m_document) disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        // A new file resets the estimate; Save As (fileChanged alone) keeps it.
        connect(m_document, &DocumentController::loaded, this, &CostController::documentLoaded);
        connect(m_document, &DocumentController::changed, this, &CostController::definitionChanged);
    }
    emit documentChanged();
    documentLoaded();
}

void CostController::setPlaceholders(PlaceholderValues *placeholders)
{
    if (m_placeholders == placeholders) return;
    if (m_placeholders) disconnect(m_placeholders, nullptr, this, nullptr);
    m_placeholders = placeholders;
    if (m_placeholders)
        connect(m_placeholders, &PlaceholderValues::valuesChanged, this, &CostController::definitionChanged);
    emit placeholdersChanged();
}

void CostController::setDiagram(DiagramController *diagram)
{
    if (m_diagram == diagram) return;
    if (m_diagram) m_diagram->clearOverlay(kLayer);
    m_diagram = diagram;
    emit diagramChanged();
    updateOverlay();
}

void CostController::setHeatMap(bool on)
{
    if (m_heatMap == on) return;
    m_heatMap = on;
    emit heatMapChanged();
    updateOverlay();
}

void CostController::setFrequency(const QString &f)
{
    static const QStringList known = {QStringLiteral("schedule"), QStringLiteral("month"),
                                      QStringLiteral("week"), QStringLiteral("day")};
    if (m_frequency == f || !known.contains(f)) return;
    m_frequency = f;
    updateExecutions();
}

void CostController::setSchedule(const QString &s)
{
    if (m_schedule == s) return;
    m_schedule = s.trimmed();
    updateExecutions();
}

void CostController::setTimeZone(const QString &tz)
{
    if (m_timeZone == tz) return;
    m_timeZone = tz.trimmed();
    updateExecutions();
}

void CostController::setExecutions(double n)
{
    if (m_executions == n) return;
    m_executions = n;
    updateExecutions();
}

void CostController::setRegion(const QString &r)
{
    if (m_settings.region == r) return;
    m_settings.region = r;
    updateExecutions();
}

void CostController::setWorkflowType(const QString &t)
{
    const auto type = cost::workflowTypeFromString(t);
    if (!type || *type == m_settings.type) return;
    m_settings.type = *type;
    updateExecutions();
}

void CostController::setFreeTier(bool on)
{
    if (m_settings.freeTier == on) return;
    m_settings.freeTier = on;
    updateExecutions();
}

void CostController::setCountStart(bool on)
{
    if (m_settings.countStart == on) return;
    m_settings.countStart = on;
    updateExecutions();
}

void CostController::setRuns(int n)
{
    n = std::clamp(n, 1, 1'000'000);
    if (m_runs == n) return;
    m_runs = n;
    emit settingsChanged();
    definitionChanged();
}

void CostController::setSeed(int s)
{
    if (m_seed == s || s < 0) return;
    m_seed = s;
    emit settingsChanged();
    definitionChanged();
}

void CostController::setInputText(const QString &text)
{
    if (m_input == text) return;
    m_input = text;
    emit settingsChanged();
    definitionChanged();
}

void CostController::setMocksFile(const QString &pathOrUrl)
{
    const QString path = pathOrUrl.isEmpty() ? QString() : DocumentController::toLocalPath(pathOrUrl);
    m_mocksChosen = true;
    if (m_mocks == path) return;
    m_mocks = path;
    m_testCases = m_mocks.isEmpty() ? QStringList() : mockTestCases(m_mocks);
    m_testCase = m_testCases.contains(QStringLiteral("HappyPath"))
                     ? QStringLiteral("HappyPath")
                     : (m_testCases.isEmpty() ? QString() : m_testCases.first());
    emit settingsChanged();
    definitionChanged();
}

void CostController::setTestCase(const QString &name)
{
    if (m_testCase == name) return;
    m_testCase = name;
    emit settingsChanged();
    definitionChanged();
}

QVariantList CostController::regions() const
{
    QVariantList out;
    for (const cost::RegionPrice &r : m_prices.standard.regions) {
        if (!m_prices.checkRegion(r.code).isEmpty()) continue; // not priced in USD
        out.append(QVariantMap{{QStringLiteral("code"), r.code},
                               {QStringLiteral("name"), r.name},
                               {QStringLiteral("label"), QStringLiteral("%1 (%2)").arg(r.code, r.name)}});
    }
    return out;
}

void CostController::updateExecutions()
{
    QString error;
    m_settings.schedule.reset();
    if (m_frequency == QLatin1String("schedule")) {
        const auto schedule = cost::Schedule::parse(m_schedule, &error);
        const QTimeZone zone = m_timeZone.isEmpty() || m_timeZone == QLatin1String("UTC")
                                   ? QTimeZone::utc()
                                   : QTimeZone(m_timeZone.toUtf8());
        if (schedule && !zone.isValid())
            error = QStringLiteral("unknown time zone '%1' (use an IANA name such as Europe/Berlin)")
                        .arg(m_timeZone);
        if (schedule && error.isEmpty()) {
            const QDate start = cost::Schedule::defaultStart(QDateTime::currentDateTimeUtc().date());
            m_settings.schedule = schedule->estimate(start, zone);
            m_settings.executionsPerMonth = m_settings.schedule->executionsPerMonth;
            m_settings.executionsBasis = QStringLiteral("%1: %2 firings in the twelve months from %3 (%4)")
                                             .arg(schedule->expression())
                                             .arg(m_settings.schedule->firings)
                                             .arg(start.toString(Qt::ISODate), m_settings.schedule->timeZone);
        }
    } else if (!std::isfinite(m_executions) || m_executions < 0) {
        error = QStringLiteral("the number of executions must be 0 or more");
    } else if (m_frequency == QLatin1String("week")) {
        m_settings.executionsPerMonth = m_executions * cost::kWeeksPerMonth;
        m_settings.executionsBasis =
            QStringLiteral("%1 a week x 4.348125 weeks in an average month").arg(count(m_executions));
    } else if (m_frequency == QLatin1String("day")) {
        m_settings.executionsPerMonth = m_executions * cost::kDaysPerMonth;
        m_settings.executionsBasis =
            QStringLiteral("%1 a day x 30.436875 days in an average month").arg(count(m_executions));
    } else {
        m_settings.executionsPerMonth = m_executions;
        m_settings.executionsBasis = QStringLiteral("given");
    }
    if (error.isEmpty()) error = m_prices.checkRegion(m_settings.region);
    if (!error.isEmpty()) {
        m_settings.executionsPerMonth = 0;
        m_settings.executionsBasis.clear();
    }
    m_settingsError = error;
    emit settingsChanged();
    reprice();
}

void CostController::documentLoaded()
{
    cancel();
    m_report.reset();
    m_simulation = cost::SimulationResult();
    m_machine = asl::StateMachine();
    m_error.clear();
    setStale(false);
    const QString path = m_document ? m_document->filePath() : QString();
    if (!m_mocksChosen || path != m_simulatedFile) findMocksBeside(path);
    m_simulatedFile = path;
    emit reportChanged();
    updateOverlay();
}

void CostController::findMocksBeside(const QString &definitionPath)
{
    m_mocksChosen = false;
    m_mocks.clear();
    m_testCases.clear();
    m_testCase.clear();
    m_input = QStringLiteral("{}");
    if (!definitionPath.isEmpty()) {
        // The examples' convention (docs/formats.md): NAME.mocks.json is a profile with
        // durations and failure rates, NAME.mocks-config.json a MockConfigFile, and
        // NAME.mocks-input.json the input they were written for.
        const QDir dir = QFileInfo(definitionPath).absoluteDir();
        const QString base = baseName(definitionPath);
        for (const QString &suffix : {QStringLiteral(".mocks.json"), QStringLiteral(".mocks-config.json")}) {
            const QString candidate = dir.filePath(base + suffix);
            if (QFileInfo::exists(candidate)) {
                m_mocks = candidate;
                break;
            }
        }
        if (!m_mocks.isEmpty()) {
            m_testCases = mockTestCases(m_mocks);
            m_testCase = m_testCases.contains(QStringLiteral("HappyPath"))
                             ? QStringLiteral("HappyPath")
                             : (m_testCases.isEmpty() ? QString() : m_testCases.first());
        }
        QFile input(dir.filePath(base + QStringLiteral(".mocks-input.json")));
        if (input.open(QIODevice::ReadOnly)) m_input = QString::fromUtf8(input.readAll()).trimmed();
    }
    emit settingsChanged();
}

void CostController::definitionChanged()
{
    // What the runs use changed: the report shown, and the one being computed, are out of date.
    if (m_running) m_changedDuringRun = true;
    setStale(hasReport() || m_running);
}

void CostController::setStale(bool stale)
{
    if (m_stale == stale) return;
    m_stale = stale;
    emit staleChanged();
}

void CostController::run()
{
    cancel();
    if (!m_document || !m_document->hasDocument() || !m_document->isParsed()) {
        m_error = QStringLiteral("Open a valid definition first.");
        emit reportChanged();
        return;
    }
    if (!m_settingsError.isEmpty()) {
        m_error = m_settingsError;
        emit reportChanged();
        return;
    }
    const Json &root = m_document->document()->root();
    CostJobInput in;
    in.definition = JsonWriter::compact(m_placeholders ? m_placeholders->resolve(root) : root);
    in.input = m_input.trimmed().isEmpty() ? QByteArrayLiteral("{}") : m_input.toUtf8();
    in.mocks = m_mocks;
    const qsizetype slash = m_testCase.indexOf(QLatin1Char('/'));
    in.stateMachine = slash < 0 ? QString() : m_testCase.left(slash);
    in.testCase = slash < 0 ? m_testCase : m_testCase.mid(slash + 1);
    const QString base = baseName(m_document->filePath());
    in.machineName = base.isEmpty() ? QStringLiteral("StateMachine") : base;
    in.region = m_settings.region;
    in.runs = m_runs;
    in.seed = quint64(m_seed);
    in.prices = m_prices;

    m_changedDuringRun = false;
    const quint64 generation = ++m_generation;
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancelled;
    m_running = true;
    m_progress = 0;
    m_simulatedFile = m_document->filePath();
    emit runningChanged();
    emit progressChanged();
    // The job only posts to this object; the destructor waits for it, so `this` outlives it.
    m_pool.start([this, in, generation, cancelled] {
        const auto progress = [this, generation, cancelled](int done, int total) {
            QMetaObject::invokeMethod(
                this,
                [this, generation, done, total] {
                    if (generation != m_generation || total <= 0) return;
                    m_progress = double(done) / total;
                    emit progressChanged();
                },
                Qt::QueuedConnection);
            return !cancelled->load();
        };
        CostJobOutput out = runCostJob(in, progress);
        const bool wasCancelled = cancelled->load() || out.simulation.cancelled;
        QMetaObject::invokeMethod(
            this,
            [this, generation, out = std::move(out), wasCancelled] { accept(generation, out, wasCancelled); },
            Qt::QueuedConnection);
    });
}

void CostController::cancel()
{
    if (!m_running) return;
    if (m_cancel) m_cancel->store(true);
    ++m_generation; // whatever the cancelled job posts is ignored
    m_running = false;
    emit runningChanged();
    emit finished();
}

void CostController::accept(quint64 generation, const CostJobOutput &out, bool cancelled)
{
    if (generation != m_generation) return;
    m_running = false;
    emit runningChanged();
    if (cancelled) {
        emit finished();
        return;
    }
    m_progress = 1;
    emit progressChanged();
    m_error = out.error;
    if (out.error.isEmpty()) {
        m_machine = out.machine;
        m_simulation = out.simulation;
    } else {
        m_machine = asl::StateMachine();
        m_simulation = cost::SimulationResult();
    }
    setStale(m_changedDuringRun);
    reprice();
    emit finished();
}

void CostController::reprice()
{
    if (m_simulation.runs <= 0 || !m_settingsError.isEmpty()) {
        const bool had = m_report.has_value();
        m_report.reset();
        if (had || !m_settingsError.isEmpty()) emit reportChanged();
        updateOverlay();
        return;
    }
    cost::CostSettings settings = m_settings;
    settings.definitionName = m_document ? m_document->fileName() : QString();
    settings.seed = quint64(m_seed);
    settings.input =
        m_input.trimmed() == QLatin1String("{}") || m_input.trimmed().isEmpty()
            ? QString()
            : QStringLiteral("the input given in the Cost panel (%1 bytes)").arg(m_input.toUtf8().size());
    settings.mocks =
        m_mocks.isEmpty()
            ? QString()
            : (m_testCase.isEmpty()
                   ? QFileInfo(m_mocks).fileName()
                   : QStringLiteral("%1 (test case %2)").arg(QFileInfo(m_mocks).fileName(), m_testCase));
    m_report = cost::CostModel(m_prices, settings).estimate(m_machine, m_simulation);
    emit reportChanged();
    updateOverlay();
}

void CostController::updateOverlay()
{
    if (!m_diagram) return;
    if (!m_heatMap || !m_report) {
        m_diagram->clearOverlay(kLayer);
        return;
    }
    QHash<QString, QString> pointers;
    for (const cost::StateTally &t : m_simulation.states)
        pointers.insert(t.name, t.pointer);
    double maxShare = 0;
    for (const cost::StateCost &s : m_report->perState)
        maxShare = std::max(maxShare, s.share);
    QHash<QString, DiagramController::NodeOverlay> states;
    for (const cost::StateCost &s : m_report->perState) {
        const auto p = pointers.constFind(s.state);
        if (p == pointers.constEnd() || p->isEmpty()) continue; // e.g. the "start" row
        DiagramController::NodeOverlay o;
        if (s.transitionsPerExecution <= 0) {
            o.tint = QColor(0x9e, 0x9e, 0x9e);
            o.caption = QStringLiteral("not entered");
        } else {
            o.tint = heatColor(maxShare > 0 ? s.share / maxShare : 0);
            o.caption = QStringLiteral("%1 \u00b7 %2 tr/exec")
                            .arg(percent(s.share), shortNumber(s.transitionsPerExecution));
        }
        states.insert(*p, o);
    }
    m_diagram->setOverlay(kLayer, states, 0);
}

QVariantMap CostController::summary() const
{
    if (!m_report) return {};
    const cost::CostReport &r = *m_report;
    QStringList statuses;
    for (auto it = r.statuses.cbegin(); it != r.statuses.cend(); ++it)
        statuses.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
    const double executions = r.settings.executionsPerMonth;
    return {
        {QStringLiteral("type"), cost::toString(r.settings.type)},
        {QStringLiteral("region"), r.settings.region},
        {QStringLiteral("regionName"), r.regionName},
        {QStringLiteral("executionsPerMonth"), executions},
        {QStringLiteral("executionsBasis"), r.settings.executionsBasis},
        {QStringLiteral("runs"), r.runs},
        {QStringLiteral("statuses"), statuses.join(QStringLiteral(" \u00b7 "))},
        {QStringLiteral("monthlyCostUSD"), r.chosen.totalUSD},
        {QStringLiteral("monthlyCostWithoutFreeTierUSD"), r.chosen.totalWithoutFreeTierUSD},
        {QStringLiteral("computeUSD"), r.compute.totalUSD},
        {QStringLiteral("totalMonthlyUSD"), r.totalMonthlyUSD()},
        {QStringLiteral("costPerExecutionUSD"),
         executions > 0 ? r.chosen.totalWithoutFreeTierUSD / executions : 0.0},
        {QStringLiteral("monthlyTransitions"), r.monthlyTransitions()},
        {QStringLiteral("freeTierTransitions"), r.chosen.standard.freeTierTransitions},
        {QStringLiteral("pricePerTransition"), r.regionPrice.pricePerTransition},
        {QStringLiteral("transitionsMean"), r.transitionsPerExecution.mean},
        {QStringLiteral("transitionsP50"), r.transitionsPerExecution.p50},
        {QStringLiteral("transitionsP95"), r.transitionsPerExecution.p95},
        {QStringLiteral("transitionsMax"), r.transitionsPerExecution.max},
        {QStringLiteral("durationMean"), cost::formatSeconds(r.durationSeconds.mean)},
        {QStringLiteral("durationP95"), cost::formatSeconds(r.durationSeconds.p95)},
        {QStringLiteral("expressEligible"), r.expressEquivalent.eligible},
        {QStringLiteral("expressReasons"), r.expressEquivalent.reasons},
        {QStringLiteral("recommendation"), cost::toString(r.recommendation.type)},
        {QStringLiteral("recommendationReasons"), r.recommendation.reasons},
        {QStringLiteral("monthlySavingUSD"), r.recommendation.monthlySavingUSD},
        {QStringLiteral("priceTable"), m_prices.describe()},
    };
}

QVariantList CostController::breakdown() const
{
    QVariantList out;
    if (!m_report) return out;
    for (const cost::StateCost &s : m_report->perState) {
        out.append(QVariantMap{{QStringLiteral("state"), s.state},
                               {QStringLiteral("type"), s.type},
                               {QStringLiteral("billedAs"), s.billedAs},
                               {QStringLiteral("transitions"), s.transitionsPerExecution},
                               {QStringLiteral("retries"), s.retriesPerExecution},
                               {QStringLiteral("monthlyTransitions"), s.monthlyTransitions},
                               {QStringLiteral("share"), s.share},
                               {QStringLiteral("shareText"), percent(s.share)},
                               {QStringLiteral("monthlyCostUSD"), s.monthlyCostUSD}});
    }
    return out;
}

QVariantList CostController::comparison() const
{
    QVariantList out;
    if (!m_report) return out;
    const cost::CostReport &r = *m_report;
    const QString none = QStringLiteral("\u2014");
    auto row = [&](const QString &label, const QString &standard, const QString &express) {
        out.append(QVariantMap{{QStringLiteral("label"), label},
                               {QStringLiteral("standard"), standard},
                               {QStringLiteral("express"), express}});
    };
    row(QStringLiteral("Monthly cost"), money(r.standard.totalUSD), money(r.express.totalUSD));
    row(QStringLiteral("Without free tier"), money(r.standard.totalWithoutFreeTierUSD),
        money(r.express.totalWithoutFreeTierUSD));
    row(QStringLiteral("Transitions / month"), count(r.standard.standard.transitions),
        r.express.standard.transitions > 0 ? count(r.express.standard.transitions) : none);
    row(QStringLiteral("Requests / month"), none, count(r.express.express.requests));
    row(QStringLiteral("GB-seconds / month"), none, count(r.express.express.gbSeconds));
    row(QStringLiteral("Billed per execution"), none,
        QStringLiteral("%1 x %2 MB")
            .arg(cost::formatSeconds(r.expressEquivalent.billedSecondsPerExecution))
            .arg(r.expressEquivalent.billedMemoryMB));
    row(QStringLiteral("Eligible"), QStringLiteral("yes"),
        r.expressEquivalent.eligible ? QStringLiteral("yes") : QStringLiteral("no"));
    return out;
}

QVariantList CostController::hints() const
{
    QVariantList out;
    if (!m_report) return out;
    for (const cost::Hint &h : m_report->hints)
        out.append(QVariantMap{{QStringLiteral("kind"), h.kind},
                               {QStringLiteral("state"), h.state},
                               {QStringLiteral("message"), h.message},
                               {QStringLiteral("monthlyUSD"), h.monthlyUSD}});
    return out;
}

QVariantList CostController::histogram() const
{
    QVariantList out;
    if (!m_report) return out;
    for (const HistogramBin &b : gui::histogram(m_simulation.transitions)) {
        const bool single = b.to - b.from == 1 && b.from == std::floor(b.from);
        out.append(
            QVariantMap{{QStringLiteral("from"), b.from},
                        {QStringLiteral("to"), b.to},
                        {QStringLiteral("count"), b.count},
                        {QStringLiteral("label"),
                         single ? shortNumber(b.from)
                                : QStringLiteral("%1\u2013%2").arg(shortNumber(b.from), shortNumber(b.to))}});
    }
    return out;
}

int CostController::histogramMax() const
{
    int max = 0;
    if (m_report) {
        for (const HistogramBin &b : gui::histogram(m_simulation.transitions))
            max = std::max(max, b.count);
    }
    return max;
}

QStringList CostController::notes() const
{
    if (!m_report) return {};
    return m_report->errors + m_report->warnings;
}

QString CostController::reportText(const QString &format) const
{
    if (!m_report) return {};
    const QString f = format.toLower();
    if (f == QLatin1String("json"))
        return QString::fromUtf8(JsonWriter::pretty(cost::report::toJson(*m_report)));
    if (f == QLatin1String("csv")) return cost::report::toCsv(*m_report);
    if (f == QLatin1String("markdown") || f == QLatin1String("md"))
        return cost::report::toMarkdown(*m_report);
    return {};
}

QString CostController::exportReport(const QString &pathOrUrl, const QString &format) const
{
    const QString path = DocumentController::toLocalPath(pathOrUrl);
    if (!m_report) return QStringLiteral("No cost report yet: run the estimate first.");
    const QString f = format.isEmpty() ? QFileInfo(path).suffix() : format;
    const QString text = reportText(f);
    if (text.isEmpty()) return QStringLiteral("Unknown report format '%1' (markdown, csv or json).").arg(f);
    QSaveFile file(path);
    const QByteArray data = text.toUtf8();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || file.write(data) != data.size() || !file.commit())
        return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
    return {};
}

QString CostController::money(double dollars)
{
    return cost::formatUSD(dollars);
}

QString CostController::count(double n)
{
    return cost::formatCount(n);
}

} // namespace sw::gui
