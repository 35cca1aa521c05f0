#include "historyimport.h"

#include "json/jsonreader.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <optional>

namespace sw::sim {

namespace {

constexpr qint64 kUsPerDay = 86400ll * 1000000ll;

void report(ImportedHistory &h, Diagnostic::Severity severity, const char *code, const QString &pointer,
            const QString &message)
{
    h.problems.append(Diagnostic{severity, QString::fromLatin1(code), pointer, {}, message});
}

// Digits at s[from, from + n) as a number, or -1.
int digits(QStringView s, qsizetype from, qsizetype n)
{
    if (from + n > s.size())
        return -1;
    int v = 0;
    for (qsizetype i = from; i < from + n; ++i) {
        const char16_t c = s[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        v = v * 10 + int(c - u'0');
    }
    return v;
}

// "2024-05-01T10:00:00.123000+02:00" (the CLI), "...Z", or no offset (UTC), in microseconds since
// the epoch. Fractions beyond microseconds are dropped.
std::optional<qint64> parseIsoTimestamp(QStringView s)
{
    const int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
    const int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || s[4] != u'-' ||
        s[7] != u'-' || (s[10] != u'T' && s[10] != u't' && s[10] != u' ') || s[13] != u':' || s[16] != u':')
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid() || hour > 23 || minute > 59 || second > 59)
        return std::nullopt;
    qsizetype i = 19;
    qint64 fractionUs = 0;
    if (i < s.size() && (s[i] == u'.' || s[i] == u',')) {
        ++i;
        const qsizetype first = i;
        qint64 scale = 100000;
        while (i < s.size() && s[i] >= u'0' && s[i] <= u'9') {
            fractionUs += (s[i].unicode() - u'0') * scale;
            scale /= 10;
            ++i;
        }
        if (i == first)
            return std::nullopt;
    }
    qint64 offsetMinutes = 0;
    if (i < s.size() && (s[i] == u'Z' || s[i] == u'z')) {
        ++i;
    } else if (i < s.size() && (s[i] == u'+' || s[i] == u'-')) {
        const int sign = s[i] == u'-' ? -1 : 1;
        const int oh = digits(s, i + 1, 2);
        const qsizetype mAt = i + 3 < s.size() && s[i + 3] == u':' ? i + 4 : i + 3;
        const int om = digits(s, mAt, 2);
        if (oh < 0 || om < 0 || oh > 23 || om > 59)
            return std::nullopt;
        offsetMinutes = sign * (oh * 60 + om);
        i = mAt + 2;
    }
    if (i != s.size())
        return std::nullopt;
    const qint64 days = date.toJulianDay() - QDate(1970, 1, 1).toJulianDay();
    const qint64 secondsOfDay = hour * 3600 + minute * 60 + second;
    return days * kUsPerDay + secondsOfDay * 1000000 + fractionUs - offsetMinutes * 60 * 1000000;
}

std::optional<qint64> parseTimestamp(const Json &v)
{
    if (v.isString())
        return parseIsoTimestamp(v.stringRef());
    if (v.isNumber()) {
        // The API's epoch seconds (bounded to years 1970..5138 so microseconds fit comfortably),
        // or epoch milliseconds as a browser writes them (a JavaScript Date's getTime(): from
        // 1e11, which as seconds would be past the year 5000, up to the year 5138).
        const double seconds = v.toDouble();
        if (std::isfinite(seconds) && seconds >= 0 && seconds < 1e11)
            return qint64(std::llround(seconds * 1e6));
        if (std::isfinite(seconds) && seconds >= 1e11 && seconds < 1e14)
            return qint64(std::llround(seconds * 1e3));
    }
    return std::nullopt;
}

std::optional<EventType> eventTypeFromName(QStringView name)
{
    static const QHash<QString, EventType> types = [] {
        QHash<QString, EventType> h;
        for (int t = 0; t <= int(EventType::EvaluationFailed); ++t)
            h.insert(QString::fromLatin1(eventTypeName(EventType(t))), EventType(t));
        return h;
    }();
    const auto it = types.constFind(name.toString());
    if (it == types.constEnd())
        return std::nullopt;
    return *it;
}

QString detailsKey(EventType type)
{
    if (isStateEntered(type))
        return QStringLiteral("stateEnteredEventDetails");
    if (isStateExited(type))
        return QStringLiteral("stateExitedEventDetails");
    QString key = QString::fromLatin1(eventTypeName(type)) + QStringLiteral("EventDetails");
    key[0] = key[0].toLower();
    return key;
}

bool isExecutionEvent(EventType t)
{
    return t == EventType::ExecutionStarted || t == EventType::ExecutionSucceeded || t == EventType::ExecutionFailed ||
           t == EventType::ExecutionTimedOut || t == EventType::ExecutionAborted;
}

// Events that open the body of a Parallel or Map state (its branches or iterations follow them).
bool opensContainer(EventType t)
{
    return t == EventType::ParallelStateStarted || t == EventType::MapStateStarted;
}

bool closesContainer(EventType t)
{
    switch (t) {
    case EventType::ParallelStateSucceeded:
    case EventType::ParallelStateFailed:
    case EventType::ParallelStateAborted:
    case EventType::MapStateSucceeded:
    case EventType::MapStateFailed:
    case EventType::MapStateAborted:
        return true;
    default:
        return false;
    }
}

// Fields that hold JSON text in AWS's events, and where they go.
enum class PayloadField { None, Input, Output };

PayloadField payloadField(QStringView key)
{
    if (key == u"input" || key == u"parameters")
        return PayloadField::Input;
    if (key == u"output")
        return PayloadField::Output;
    return PayloadField::None;
}

QString nonNullString(const Json &v)
{
    QString s = v.isString() ? v.toString() : QString();
    if (s.isNull())
        s = QStringLiteral(""); // present but empty is not the same as absent (the exporter tells them apart)
    return s;
}

struct Raw
{
    HistoryEvent event;
    QString pointer;
};

// Fills the event from its details object.
void readDetails(ImportedHistory &h, const Json &details, const QString &pointer, HistoryEvent &e)
{
    if (!details.isObject())
        return;
    const bool stateEvent = isStateEntered(e.type) || isStateExited(e.type);
    Json extra = Json::object();
    for (const JsonMember &m : details.members()) {
        const QString mp = jsonpointer::append(pointer, m.key);
        const PayloadField payload = payloadField(m.key);
        if (payload != PayloadField::None) {
            Json value = m.value;
            if (m.value.isString()) {
                const JsonReader::Result r = JsonReader::parse(m.value.stringRef().toUtf8());
                if (r.ok) {
                    value = r.value;
                } else {
                    report(h, Diagnostic::Severity::Warning, "HISTORY_PAYLOAD", mp,
                           QStringLiteral("the payload is not JSON (%1): kept as text").arg(r.error));
                }
            }
            (payload == PayloadField::Input ? e.input : e.output) = value;
        } else if (m.key == u"inputDetails" || m.key == u"outputDetails" ||
                   (m.key == u"assignedVariablesDetails" && !details.contains(u"assignedVariables"))) {
            if (m.value.value(u"truncated").toBool())
                report(h, Diagnostic::Severity::Warning, "HISTORY_PAYLOAD", mp,
                       QStringLiteral("AWS truncated this payload: the value shown is incomplete"));
        } else if (m.key == u"error") {
            e.error = nonNullString(m.value);
        } else if (m.key == u"cause") {
            e.cause = nonNullString(m.value);
        } else if (m.key == u"name" && stateEvent) {
            e.stateName = m.value.toString();
        } else {
            extra.insert(m.key, m.value);
        }
    }
    if (e.stateName.isEmpty()) {
        // Map iterations name their Map state; EvaluationFailed names the state it happened in.
        if (const Json *n = extra.find(u"name"); n && n->isString())
            e.stateName = n->toString();
        else if (const Json *s = extra.find(u"state"); s && s->isString())
            e.stateName = s->toString();
    }
    if (const Json *index = extra.find(u"index"); index && index->isIntegral() && index->toDouble() >= 0 &&
                                                  index->toDouble() <= 2147483647.0)
        e.mapIndex = int(index->toInteger());
    if (!extra.isEmpty())
        e.extra = extra;
}

std::optional<Raw> readEvent(ImportedHistory &h, const Json &ev, const QString &pointer)
{
    if (!ev.isObject()) {
        report(h, Diagnostic::Severity::Error, "INVALID_HISTORY", pointer,
               QStringLiteral("an event must be an object, not %1").arg(QLatin1String(ev.typeName())));
        return std::nullopt;
    }
    const Json &id = ev[u"id"];
    if (!id.isIntegral() || id.toDouble() < 1 || id.toDouble() > 9.0e15) {
        report(h, Diagnostic::Severity::Error, "INVALID_HISTORY", jsonpointer::append(pointer, u"id"),
               QStringLiteral("an event needs a positive integer \"id\""));
        return std::nullopt;
    }
    const Json &type = ev[u"type"];
    if (!type.isString()) {
        report(h, Diagnostic::Severity::Error, "INVALID_HISTORY", jsonpointer::append(pointer, u"type"),
               QStringLiteral("an event needs a \"type\" string"));
        return std::nullopt;
    }
    const std::optional<EventType> t = eventTypeFromName(type.stringRef());
    if (!t) {
        report(h, Diagnostic::Severity::Warning, "UNSUPPORTED_HISTORY_EVENT", jsonpointer::append(pointer, u"type"),
               QStringLiteral("event %1 of type %2 is not simulated: skipped").arg(id.toInteger()).arg(type.stringRef()));
        return std::nullopt;
    }
    Raw raw;
    raw.pointer = pointer;
    HistoryEvent &e = raw.event;
    e.id = id.toInteger();
    e.type = *t;
    const Json &previous = ev[u"previousEventId"];
    if (previous.isIntegral() && previous.toDouble() >= 0 && previous.toDouble() < id.toDouble()) {
        e.previousEventId = previous.toInteger();
    } else if (previous.isDefined() && !(previous.isIntegral() && previous.toDouble() == 0)) {
        report(h, Diagnostic::Severity::Warning, "INVALID_HISTORY", jsonpointer::append(pointer, u"previousEventId"),
               QStringLiteral("previousEventId must be an earlier event's id: ignored"));
    }
    const QString key = detailsKey(e.type);
    const JsonMember *details = ev.member(key);
    if (!details) {
        // Tolerate a details object under another name (e.g. a type renamed by AWS).
        for (const JsonMember &m : ev.members()) {
            if (m.key.endsWith(QLatin1String("EventDetails")) && m.value.isObject()) {
                details = &m;
                break;
            }
        }
    }
    if (details)
        readDetails(h, details->value, jsonpointer::append(pointer, details->key), e);
    return raw;
}

} // namespace

ImportedHistory importHistory(const Json &root)
{
    ImportedHistory h;
    // Where the events are: the array itself, {"events": [...]} (the CLI and the API), the same
    // beside the execution's details under "executionHistory" or "history" (the console's Export
    // of an execution's details), or pages of get-execution-history saved one after another
    // ([{"events": [...]}, {"events": [...]}], joined).
    struct Segment
    {
        const Json *events;
        QString base;
    };
    QList<Segment> segments;
    const auto eventsOf = [](const Json &v) -> const Json * {
        if (v.isArray()) return &v;
        if (v.isObject() && v[u"events"].isArray()) return v.find(u"events");
        return nullptr;
    };
    const auto isPage = [](const Json &v) { return v.isObject() && v[u"events"].isArray(); };
    if (root.isArray() && !root.isEmpty() &&
        std::all_of(root.items().cbegin(), root.items().cend(), isPage)) {
        for (qsizetype i = 0; i < root.size(); ++i)
            segments.append({root.at(i).find(u"events"), jsonpointer::append(jsonpointer::append(QString(), i), u"events")});
    } else if (root.isArray()) {
        segments.append({&root, QString()});
    } else if (root.isObject() && root[u"events"].isArray()) {
        segments.append({root.find(u"events"), QStringLiteral("/events")});
    } else if (root.isObject()) {
        for (const QString &key : {QStringLiteral("executionHistory"), QStringLiteral("history")}) {
            if (const Json *events = eventsOf(root[key])) {
                segments.append({events, root[key].isArray() ? jsonpointer::append(QString(), key)
                                                             : jsonpointer::append(jsonpointer::append(QString(), key), u"events")});
                break;
            }
        }
    }
    if (segments.isEmpty()) {
        report(h, Diagnostic::Severity::Error, "INVALID_HISTORY", QString(),
               QStringLiteral("not an execution history: expected {\"events\": [...]} as printed by "
                              "aws stepfunctions get-execution-history (or an execution's details exported "
                              "from the console, with its events)"));
        return h;
    }

    QList<Raw> raws;
    QList<std::optional<qint64>> stamps;
    for (const Segment &segment : std::as_const(segments)) {
        for (qsizetype i = 0; i < segment.events->size(); ++i) {
            const QString pointer = jsonpointer::append(segment.base, i);
            std::optional<Raw> raw = readEvent(h, segment.events->at(i), pointer);
            if (!raw)
                continue;
            raws.append(std::move(*raw));
            stamps.append(parseTimestamp(segment.events->at(i)[u"timestamp"]));
        }
    }

    // Order by id (the CLI prints newest first with --reverse-order); a repeated id is an error.
    QList<qsizetype> order(raws.size());
    for (qsizetype i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](qsizetype a, qsizetype b) { return raws.at(a).event.id < raws.at(b).event.id; });

    std::optional<qint64> startUs;
    for (qsizetype i : order) {
        if (stamps.at(i)) {
            startUs = stamps.at(i);
            break;
        }
    }
    if (startUs)
        h.startTime = QDateTime::fromMSecsSinceEpoch(*startUs / 1000, Qt::UTC);

    QHash<qint64, qsizetype> byId; // id -> index in h.events
    std::vector<qsizetype> scope;  // per event: the container start enclosing what follows it, or -1
    std::vector<qsizetype> outerScope; // per event: for a container start, the scope it was opened in
    int fibers = 0;
    double lastTime = 0;
    for (qsizetype i : order) {
        const Raw &raw = raws.at(i);
        HistoryEvent e = raw.event;
        if (byId.contains(e.id)) {
            report(h, Diagnostic::Severity::Error, "INVALID_HISTORY", raw.pointer,
                   QStringLiteral("event id %1 appears more than once").arg(e.id));
            continue;
        }
        if (stamps.at(i)) {
            lastTime = double(*stamps.at(i) - *startUs) / 1e6;
        } else {
            report(h, Diagnostic::Severity::Warning, "INVALID_HISTORY", jsonpointer::append(raw.pointer, u"timestamp"),
                   QStringLiteral("missing or unreadable timestamp: the previous event's time is used"));
        }
        e.time = lastTime;

        const auto p = byId.constFind(e.previousEventId);
        const qsizetype parent = p == byId.constEnd() ? -1 : *p;
        if (e.previousEventId != 0 && parent < 0) {
            report(h, Diagnostic::Severity::Warning, "INVALID_HISTORY",
                   jsonpointer::append(raw.pointer, u"previousEventId"),
                   QStringLiteral("previousEventId %1 names no event of this history").arg(e.previousEventId));
        }
        const qsizetype parentScope = parent < 0 ? -1 : scope[size_t(parent)];
        // A Parallel or Map state's end belongs where its start was, not to the last branch or
        // iteration that happens to precede it.
        const qsizetype origin = closesContainer(e.type) ? parentScope : -1;
        const qsizetype from = origin >= 0 ? origin : parent;
        if (from >= 0 && !isExecutionEvent(e.type)) {
            const HistoryEvent &f = h.events.at(from);
            if (e.stateName.isEmpty())
                e.stateName = f.stateName;
            if (e.mapIndex < 0 && e.type != EventType::MapIterationStarted)
                e.mapIndex = f.mapIndex;
            const bool forks = e.type == EventType::MapIterationStarted ||
                               (origin < 0 && f.type == EventType::ParallelStateStarted);
            e.fiber = forks ? ++fibers : f.fiber;
        }

        const qsizetype index = h.events.size();
        byId.insert(e.id, index);
        outerScope.push_back(parentScope);
        if (opensContainer(e.type))
            scope.push_back(index);
        else if (origin >= 0)
            scope.push_back(outerScope[size_t(origin)]);
        else
            scope.push_back(parentScope);
        h.events.append(std::move(e));
    }
    return h;
}

} // namespace sw::sim
