#include "inspectorcontroller.h"

#include "inspectorfields.h"

#include "asl/statemachine.h"
#include "edit/aslorder.h"
#include "edit/commands.h"
#include "edit/retryschedule.h"
#include "edit/treeedit.h"
#include "expr/syntax.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

namespace sw::gui {

using namespace inspector;

namespace {

const QString kStatesAll = QStringLiteral("States.ALL");

QStringList splitErrors(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','))) {
        if (!part.trimmed().isEmpty()) out.append(part.trimmed());
    }
    return out;
}

Json errorArray(const QStringList &names)
{
    Json a = Json::array();
    for (const QString &n : names)
        a.append(Json(n));
    return a;
}

QString joinErrors(const Json &errorEquals)
{
    QStringList names;
    for (const Json &e : errorEquals.items())
        names.append(e.toString());
    return names.join(QStringLiteral(", "));
}

bool catchesAll(const Json &row)
{
    for (const Json &e : row.value(u"ErrorEquals").items()) {
        if (e.toString() == kStatesAll) return true;
    }
    return false;
}

// Parses a Retry or Catch field; `jsonata` for Output/Assign expressions.
Json parseRowField(const QString &key, const QString &text, bool jsonata, QString *error)
{
    error->clear();
    const QString t = text.trimmed();
    if (key == QLatin1String("ErrorEquals")) {
        const QStringList names = splitErrors(t);
        if (names.isEmpty()) {
            *error = QStringLiteral("at least one error name");
            return Json();
        }
        if (names.contains(kStatesAll) && names.size() > 1) {
            *error = QStringLiteral("States.ALL must be the only error name of its row");
            return Json();
        }
        return errorArray(names);
    }
    if (t.isEmpty()) return Json(); // absent: the default applies
    if (key == QLatin1String("IntervalSeconds") || key == QLatin1String("MaxDelaySeconds") ||
        key == QLatin1String("MaxAttempts")) {
        bool ok = false;
        const qint64 v = t.toLongLong(&ok);
        const qint64 min = key == QLatin1String("MaxAttempts") ? 0 : 1;
        if (!ok || v < min || v > 99999999) {
            *error = QStringLiteral("a whole number from %1 to 99999999").arg(min);
            return Json();
        }
        return Json(v);
    }
    if (key == QLatin1String("BackoffRate")) {
        const JsonReader::Result r = JsonReader::parse(t.toUtf8());
        if (!r.ok || !r.value.isNumber() || r.value.toDouble() < 1.0) {
            *error = QStringLiteral("a number, 1.0 or more");
            return Json();
        }
        return r.value;
    }
    if (key == QLatin1String("JitterStrategy")) {
        if (t != QLatin1String("FULL") && t != QLatin1String("NONE")) {
            *error = QStringLiteral("FULL or NONE");
            return Json();
        }
        return Json(t);
    }
    if (key == QLatin1String("ResultPath")) return parseValue(t, FieldKind::ResultPath, {}, false, error);
    if (key == QLatin1String("Output") || key == QLatin1String("Assign"))
        return parseValue(text, FieldKind::Json, {}, jsonata, error);
    if (key == QLatin1String("Next")) return Json(t);
    *error = QStringLiteral("unknown field %1").arg(key);
    return Json();
}

} // namespace

InspectorController::InspectorController(QObject *parent) : QObject(parent) {}

void InspectorController::setDocument(DocumentController *document)
{
    if (m_document == document) return;
    if (m_document) disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) connect(m_document, &DocumentController::changed, this, &InspectorController::refresh);
    emit documentChanged();
    refresh();
}

void InspectorController::setStateId(const QString &id)
{
    if (m_stateId == id) return;
    m_stateId = id;
    setError(QString());
    emit stateIdChanged();
    refresh();
}

const Json *InspectorController::state() const
{
    if (!m_document || !m_document->document()->isParsed()) return nullptr;
    const Json *s = edit::valueAt(m_document->document()->root(), m_stateId);
    return s && s->isObject() ? s : nullptr;
}

QString InspectorController::scope() const
{
    return edit::splitStatePointer(m_stateId).scope;
}

QString InspectorController::stateName() const
{
    return edit::splitStatePointer(m_stateId).name;
}

QString InspectorController::stateType() const
{
    const Json *s = state();
    return s && m_hasState ? s->value(u"Type").toString() : QString();
}

bool InspectorController::isJsonata() const
{
    return m_document && edit::isJsonata(m_document->document()->root(), m_stateId);
}

bool InspectorController::canEnd() const
{
    const QString t = stateType();
    return m_hasState && t != QLatin1String("Choice") && t != QLatin1String("Succeed") &&
           t != QLatin1String("Fail");
}

QString InspectorController::next() const
{
    const Json *s = state();
    return s && m_hasState ? s->value(u"Next").toString() : QString();
}

bool InspectorController::isStart() const
{
    if (!m_hasState) return false;
    const Json *machine = edit::valueAt(m_document->document()->root(), scope());
    return machine && machine->value(u"StartAt").toString() == stateName();
}

bool InspectorController::canRetry() const
{
    const QString t = stateType();
    return t == QLatin1String("Task") || t == QLatin1String("Parallel") || t == QLatin1String("Map");
}

QStringList InspectorController::siblings() const
{
    if (!m_hasState) return {};
    const Json *states = edit::valueAt(m_document->document()->root(), edit::statesPointer(scope()));
    return states ? states->keys() : QStringList();
}

QString InspectorController::defaultState() const
{
    const Json *s = state();
    return s && m_hasState ? s->value(u"Default").toString() : QString();
}

QStringList InspectorController::commonErrors()
{
    return {QStringLiteral("States.ALL"),
            QStringLiteral("States.TaskFailed"),
            QStringLiteral("States.Timeout"),
            QStringLiteral("States.HeartbeatTimeout"),
            QStringLiteral("States.Permissions"),
            QStringLiteral("States.ResultPathMatchFailure"),
            QStringLiteral("States.ParameterPathFailure"),
            QStringLiteral("States.BranchFailed"),
            QStringLiteral("States.NoChoiceMatched"),
            QStringLiteral("States.IntrinsicFailure"),
            QStringLiteral("States.ExceedToleratedFailureThreshold"),
            QStringLiteral("States.ItemReaderFailed"),
            QStringLiteral("States.ResultWriterFailed"),
            QStringLiteral("States.QueryEvaluationError"),
            QStringLiteral("Lambda.ServiceException"),
            QStringLiteral("Lambda.AWSLambdaException"),
            QStringLiteral("Lambda.SdkClientException"),
            QStringLiteral("Lambda.TooManyRequestsException"),
            QStringLiteral("Lambda.Unknown")};
}

QStringList InspectorController::operators()
{
    return asl::allComparisonOperatorNames();
}

void InspectorController::setError(const QString &error)
{
    if (m_lastError == error) return;
    m_lastError = error;
    emit lastErrorChanged();
}

bool InspectorController::push(edit::EditCommand *command)
{
    if (!m_document) {
        delete command;
        return false;
    }
    const QString error = m_document->document()->push(command);
    setError(error);
    return error.isEmpty();
}

bool InspectorController::setMember(const QString &relative, const Json &value)
{
    if (!m_document) return false;
    return push(new edit::SetFieldCommand(m_document->document(), m_stateId, relative, value));
}

void InspectorController::refresh()
{
    const Json *s = state();
    m_hasState = s && edit::splitStatePointer(m_stateId).isValid();
    const bool jsonata = isJsonata();
    QList<QVariantMap> fieldRows;
    QList<QVariantMap> retryRows;
    QList<QVariantMap> catchRows;
    QList<QVariantMap> choiceRows;
    if (s) {
        const QList<FieldSpec> specs =
            m_hasState ? stateFields(s->value(u"Type").toString(), jsonata) : machineFields();
        for (const FieldSpec &spec : specs) {
            const Json *v = s->find(spec.key);
            fieldRows.append({{QStringLiteral("key"), spec.key},
                              {QStringLiteral("group"), spec.group},
                              {QStringLiteral("kind"), kindName(spec.kind)},
                              {QStringLiteral("options"), spec.options},
                              {QStringLiteral("hint"), spec.hint},
                              {QStringLiteral("present"), v != nullptr},
                              {QStringLiteral("value"), v ? displayValue(*v, spec.kind) : QString()}});
        }
    }
    if (m_hasState) {
        bool allSeen = false;
        const Json retry = s->value(u"Retry");
        for (qsizetype i = 0; i < retry.size(); ++i) {
            const Json row = retry.at(i);
            const auto text = [&row](QStringView key) {
                const Json *v = row.find(key);
                return v ? inlineText(*v) : QString();
            };
            retryRows.append(
                {{QStringLiteral("key"), QStringLiteral("retry/%1").arg(i)},
                 {QStringLiteral("errors"), joinErrors(row.value(u"ErrorEquals"))},
                 {QStringLiteral("interval"), text(u"IntervalSeconds")},
                 {QStringLiteral("maxAttempts"), text(u"MaxAttempts")},
                 {QStringLiteral("backoff"), text(u"BackoffRate")},
                 {QStringLiteral("maxDelay"), text(u"MaxDelaySeconds")},
                 {QStringLiteral("jitter"), text(u"JitterStrategy")},
                 {QStringLiteral("preview"), edit::describeRetrySchedule(edit::retrySchedule(row))},
                 {QStringLiteral("warning"),
                  allSeen ? QStringLiteral("Never used: an earlier row retries States.ALL") : QString()}});
            allSeen = allSeen || catchesAll(row);
        }
        allSeen = false;
        const Json catches = s->value(u"Catch");
        for (qsizetype i = 0; i < catches.size(); ++i) {
            const Json row = catches.at(i);
            const Json *rp = row.find(u"ResultPath");
            const Json *out = row.find(u"Output");
            const Json *as = row.find(u"Assign");
            catchRows.append(
                {{QStringLiteral("key"), QStringLiteral("catch/%1").arg(i)},
                 {QStringLiteral("errors"), joinErrors(row.value(u"ErrorEquals"))},
                 {QStringLiteral("next"), row.value(u"Next").toString()},
                 {QStringLiteral("resultPath"), rp ? inlineText(*rp) : QString()},
                 {QStringLiteral("output"), out ? inlineText(*out) : QString()},
                 {QStringLiteral("assign"), as ? inlineText(*as) : QString()},
                 {QStringLiteral("warning"),
                  allSeen ? QStringLiteral("Never matches: an earlier row catches States.ALL") : QString()}});
            allSeen = allSeen || catchesAll(row);
        }
        flattenChoiceRules(s->value(u"Choices"), choiceRows);
    }
    m_fields.setRows(fieldRows);
    m_retry.setRows(retryRows);
    m_catch.setRows(catchRows);
    m_choice.setRows(choiceRows);
    emit refreshed();
}

QString InspectorController::checkField(const QString &key, const QString &text) const
{
    for (const QVariantMap &row : m_fields.rows()) {
        if (row.value(QStringLiteral("key")).toString() != key) continue;
        const QString kind = row.value(QStringLiteral("kind")).toString();
        FieldKind k = FieldKind::Text;
        for (FieldKind c : {FieldKind::Text, FieldKind::Integer, FieldKind::Number, FieldKind::Enum,
                            FieldKind::Path, FieldKind::ResultPath, FieldKind::Json}) {
            if (kindName(c) == kind) k = c;
        }
        QString error;
        parseValue(text, k, row.value(QStringLiteral("options")).toStringList(), isJsonata(), &error);
        return error;
    }
    return QStringLiteral("no field %1").arg(key);
}

bool InspectorController::setField(const QString &key, const QString &text)
{
    if (const QString e = checkField(key, text); !e.isEmpty()) {
        setError(QStringLiteral("%1: %2").arg(key, e));
        return false;
    }
    for (const QVariantMap &row : m_fields.rows()) {
        if (row.value(QStringLiteral("key")).toString() != key) continue;
        const QString kind = row.value(QStringLiteral("kind")).toString();
        FieldKind k = FieldKind::Text;
        for (FieldKind c : {FieldKind::Text, FieldKind::Integer, FieldKind::Number, FieldKind::Enum,
                            FieldKind::Path, FieldKind::ResultPath, FieldKind::Json}) {
            if (kindName(c) == kind) k = c;
        }
        QString error;
        const Json value =
            parseValue(text, k, row.value(QStringLiteral("options")).toStringList(), isJsonata(), &error);
        // Unchanged text (e.g. focus left a field without typing) is no edit.
        const Json *current = state() ? state()->find(key) : nullptr;
        if (current && value.isDefined() && displayValue(*current, k) == text) return true;
        if (!current && value.isUndefined()) return true;
        return setMember(jsonpointer::append(QString(), key), value);
    }
    return false;
}

bool InspectorController::setNext(const QString &target)
{
    if (!m_hasState) return false;
    edit::Document *doc = m_document->document();
    if (target.isEmpty()) {
        if (state()->value(u"End").toBool()) return true;
        return push(new edit::ToggleEndCommand(doc, m_stateId));
    }
    if (next() == target) return true;
    return push(new edit::ConnectCommand(doc, m_stateId, edit::statePointer(scope(), target), false));
}

QString InspectorController::checkRetryField(const QString &key, const QString &text) const
{
    QString error;
    parseRowField(key, text, isJsonata(), &error);
    return error;
}

bool InspectorController::setRetryField(int row, const QString &key, const QString &text)
{
    QString error;
    const Json value = parseRowField(key, text, isJsonata(), &error);
    if (!error.isEmpty()) {
        setError(QStringLiteral("Retry %1: %2").arg(key, error));
        return false;
    }
    const QString rel = jsonpointer::append(jsonpointer::append(QStringLiteral("/Retry"), row), key);
    const Json *current = state() ? edit::valueAt(*state(), rel) : nullptr;
    if ((current && *current == value && current->spelling() == value.spelling()) ||
        (!current && value.isUndefined()))
        return true;
    return setMember(rel, value);
}

bool InspectorController::addRetry()
{
    const Json row{{QStringLiteral("ErrorEquals"), errorArray({QStringLiteral("States.TaskFailed")})},
                   {QStringLiteral("IntervalSeconds"), 1},
                   {QStringLiteral("MaxAttempts"), 3},
                   {QStringLiteral("BackoffRate"), 2}};
    // Before a States.ALL row, where it can still match.
    const Json rows = state() ? state()->value(u"Retry") : Json();
    const int at = rows.size() > 0 && catchesAll(rows.at(rows.size() - 1)) ? int(rows.size()) - 1 : -1;
    return push(
        new edit::InsertRowCommand(m_document->document(), m_stateId, QStringLiteral("/Retry"), at, row));
}

bool InspectorController::removeRetry(int row)
{
    return push(new edit::RemoveRowCommand(m_document->document(), m_stateId, QStringLiteral("/Retry"), row));
}

bool InspectorController::moveRetry(int from, int to)
{
    return push(
        new edit::MoveRowCommand(m_document->document(), m_stateId, QStringLiteral("/Retry"), from, to));
}

QString InspectorController::checkCatchField(const QString &key, const QString &text) const
{
    QString error;
    parseRowField(key, text, isJsonata(), &error);
    if (error.isEmpty() && key == QLatin1String("Next") && !siblings().contains(text.trimmed()))
        return QStringLiteral("no state \"%1\" in this machine").arg(text.trimmed());
    return error;
}

bool InspectorController::setCatchField(int row, const QString &key, const QString &text)
{
    if (const QString e = checkCatchField(key, text); !e.isEmpty()) {
        setError(QStringLiteral("Catch %1: %2").arg(key, e));
        return false;
    }
    QString error;
    const Json value = parseRowField(key, text, isJsonata(), &error);
    const QString rel = jsonpointer::append(jsonpointer::append(QStringLiteral("/Catch"), row), key);
    const Json *current = state() ? edit::valueAt(*state(), rel) : nullptr;
    if ((current && *current == value) || (!current && value.isUndefined())) return true;
    return setMember(rel, value);
}

bool InspectorController::addCatch()
{
    const QStringList names = siblings();
    QString target;
    for (const QString &n : names) {
        if (n != stateName()) {
            target = n;
            break;
        }
    }
    if (target.isEmpty()) {
        setError(QStringLiteral("Add the state that handles the error first"));
        return false;
    }
    const Json rows = state() ? state()->value(u"Catch") : Json();
    const bool allLast = rows.size() > 0 && catchesAll(rows.at(rows.size() - 1));
    const Json row{{QStringLiteral("ErrorEquals"),
                    errorArray({allLast ? QStringLiteral("States.TaskFailed") : kStatesAll})},
                   {QStringLiteral("Next"), target}};
    return push(new edit::InsertRowCommand(m_document->document(), m_stateId, QStringLiteral("/Catch"),
                                           allLast ? int(rows.size()) - 1 : -1, row));
}

bool InspectorController::removeCatch(int row)
{
    return push(new edit::RemoveRowCommand(m_document->document(), m_stateId, QStringLiteral("/Catch"), row));
}

bool InspectorController::moveCatch(int from, int to)
{
    return push(
        new edit::MoveRowCommand(m_document->document(), m_stateId, QStringLiteral("/Catch"), from, to));
}

} // namespace sw::gui
