#include "profile.h"

#include "json/jsonreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>

namespace sw::sim {

namespace {

void problem(Diagnostics *out, const QString &pointer, const QString &message)
{
    if (out)
        out->append(Diagnostic{Diagnostic::Severity::Error, QStringLiteral("INVALID_MOCK_PROFILE"), pointer, {}, message});
}

bool parseDuration(const Json &v, const QString &pointer, MockProfile::Duration &out, Diagnostics *problems)
{
    using Kind = MockProfile::Duration::Kind;
    if (v.isNumber() && v.toDouble() >= 0) {
        out = {Kind::Fixed, v.toDouble(), 0};
        return true;
    }
    if (v.isObject()) {
        if (v.contains(u"Min") || v.contains(u"Max")) {
            const double lo = v.value(u"Min").toDouble(0), hi = v.value(u"Max").toDouble(lo);
            if (lo >= 0 && hi >= lo) {
                out = {Kind::Uniform, lo, hi};
                return true;
            }
        } else if (v.contains(u"Mean") && v.contains(u"StdDev")) {
            const double m = v.value(u"Mean").toDouble(), sd = v.value(u"StdDev").toDouble();
            if (m >= 0 && sd >= 0) {
                out = {Kind::Normal, m, sd};
                return true;
            }
        } else if (v.contains(u"Exponential")) {
            const double m = v.value(u"Exponential").toDouble(-1);
            if (m >= 0) {
                out = {Kind::Exponential, m, 0};
                return true;
            }
        }
    }
    problem(problems, pointer,
            QStringLiteral("a duration is seconds (>= 0), {\"Min\",\"Max\"}, {\"Mean\",\"StdDev\"} or {\"Exponential\": mean}"));
    return false;
}

bool parseThrow(const Json &t, const QString &pointer, MockProfile::Outcome &o, Diagnostics *problems)
{
    if (!t.isObject() || !t.value(u"Error").isString()) {
        problem(problems, pointer, QStringLiteral("'Throw' needs a string 'Error' (and an optional string 'Cause')"));
        return false;
    }
    o.isThrow = true;
    o.error = t.value(u"Error").toString();
    o.cause = t.value(u"Cause").toString();
    return true;
}

bool parseRange(const QString &key, int &first, int &last)
{
    const QStringList parts = key.split(QLatin1Char('-'));
    bool ok1 = false, ok2 = true;
    first = parts.value(0).toInt(&ok1);
    last = parts.size() == 2 ? parts.at(1).toInt(&ok2) : first;
    return parts.size() <= 2 && ok1 && ok2 && first >= 0 && last >= first;
}

const QStringList kEntryKeys = {QStringLiteral("Return"), QStringLiteral("Throw"), QStringLiteral("Duration"),
                                QStringLiteral("FailureProbability"), QStringLiteral("Error"), QStringLiteral("Cause"),
                                QStringLiteral("Outcomes"), QStringLiteral("Invocations"), QStringLiteral("Callback"),
                                QStringLiteral("HeartbeatInterval"), QStringLiteral("Comment")};

bool parseEntry(const Json &j, const QString &pointer, MockProfile::Entry &e, Diagnostics *problems)
{
    if (!j.isObject()) {
        problem(problems, pointer, QStringLiteral("a mock entry must be an object"));
        return false;
    }
    for (const auto &m : j.members()) {
        if (!kEntryKeys.contains(m.key))
            problem(problems, jsonpointer::append(pointer, m.key), QStringLiteral("unknown field '%1' in a mock entry").arg(m.key));
    }
    bool ok = true;
    if (j.contains(u"Duration"))
        ok &= parseDuration(j.value(u"Duration"), pointer + QStringLiteral("/Duration"), e.duration, problems);
    if (const Json *hb = j.find(u"HeartbeatInterval")) {
        if (!hb->isNumber() || hb->toDouble() < 0) {
            problem(problems, pointer + QStringLiteral("/HeartbeatInterval"), QStringLiteral("HeartbeatInterval must be seconds >= 0"));
            ok = false;
        } else {
            e.heartbeatInterval = hb->toDouble();
        }
    }
    if (const Json *cb = j.find(u"Callback")) {
        e.hasCallback = true;
        if (cb->isString() && cb->toString() == QLatin1String("Pending")) {
            e.pending = true;
        } else if (cb->isObject()) {
            if (cb->contains(u"After"))
                ok &= parseDuration(cb->value(u"After"), pointer + QStringLiteral("/Callback/After"), e.callbackAfter, problems);
            MockProfile::Outcome o;
            if (cb->contains(u"Throw")) {
                ok &= parseThrow(cb->value(u"Throw"), pointer + QStringLiteral("/Callback/Throw"), o, problems);
            } else if (cb->contains(u"Return")) {
                o.hasReturn = true;
                o.value = cb->value(u"Return");
            }
            e.outcomes.append(o);
        } else {
            problem(problems, pointer + QStringLiteral("/Callback"), QStringLiteral("Callback is \"Pending\" or {\"After\", \"Return\"|\"Throw\"}"));
            ok = false;
        }
    }
    if (const Json *outs = j.find(u"Outcomes")) {
        if (!outs->isArray() || outs->isEmpty()) {
            problem(problems, pointer + QStringLiteral("/Outcomes"), QStringLiteral("Outcomes must be a non-empty array"));
            return false;
        }
        for (qsizetype i = 0; i < outs->size(); ++i) {
            const Json &oj = outs->at(i);
            const QString op = jsonpointer::append(pointer + QStringLiteral("/Outcomes"), i);
            MockProfile::Outcome o;
            o.weight = oj.value(u"Probability").isNumber() ? oj.value(u"Probability").toDouble() : oj.value(u"Weight").toDouble(1);
            if (o.weight < 0) {
                problem(problems, op, QStringLiteral("a probability or weight cannot be negative"));
                ok = false;
            }
            if (oj.contains(u"Throw"))
                ok &= parseThrow(oj.value(u"Throw"), op + QStringLiteral("/Throw"), o, problems);
            else if (oj.contains(u"Return")) {
                o.hasReturn = true;
                o.value = oj.value(u"Return");
            }
            if (oj.contains(u"Duration")) {
                o.hasDuration = true;
                ok &= parseDuration(oj.value(u"Duration"), op + QStringLiteral("/Duration"), o.duration, problems);
            }
            e.outcomes.append(o);
        }
    } else if (!e.hasCallback) {
        MockProfile::Outcome success;
        if (j.contains(u"Throw")) {
            ok &= parseThrow(j.value(u"Throw"), pointer + QStringLiteral("/Throw"), success, problems);
        } else if (j.contains(u"Return")) {
            success.hasReturn = true;
            success.value = j.value(u"Return");
        }
        const double p = j.value(u"FailureProbability").toDouble(0);
        if (p < 0 || p > 1) {
            problem(problems, pointer + QStringLiteral("/FailureProbability"), QStringLiteral("FailureProbability must be between 0 and 1"));
            ok = false;
        }
        if (p > 0 && !success.isThrow) {
            success.weight = 1 - p;
            MockProfile::Outcome failure;
            failure.weight = p;
            failure.isThrow = true;
            failure.error = j.value(u"Error").isString() ? j.value(u"Error").toString() : QStringLiteral("States.TaskFailed");
            failure.cause = j.value(u"Cause").toString();
            e.outcomes.append(success);
            e.outcomes.append(failure);
        } else {
            e.outcomes.append(success);
        }
    }
    if (const Json *inv = j.find(u"Invocations")) {
        for (const auto &m : inv->members()) {
            int first = 0, last = 0;
            const QString ip = jsonpointer::append(pointer + QStringLiteral("/Invocations"), m.key);
            if (!parseRange(m.key, first, last)) {
                problem(problems, ip, QStringLiteral("'%1' is not an invocation number or range such as \"0\" or \"1-2\"").arg(m.key));
                ok = false;
                continue;
            }
            MockProfile::Entry sub;
            if (parseEntry(m.value, ip, sub, problems))
                e.invocations.append({{first, last}, sub});
            else
                ok = false;
        }
    }
    return ok;
}

QList<Json> readItemsFile(const QString &path, const QString &type, const QString &pointer, Diagnostics *problems)
{
    QList<Json> items;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        problem(problems, pointer, QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
        return items;
    }
    const QByteArray data = f.readAll();
    const QString t = type.isEmpty() ? QFileInfo(path).suffix().toUpper() : type.toUpper();
    if (t == QLatin1String("CSV")) {
        // RFC 4180: the first line is the header; every row becomes an object of strings.
        QList<QStringList> rows;
        QStringList row;
        QString cell;
        bool quoted = false;
        const QString text = QString::fromUtf8(data);
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (quoted) {
                if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    cell += c;
                    ++i;
                } else if (c == QLatin1Char('"')) {
                    quoted = false;
                } else {
                    cell += c;
                }
            } else if (c == QLatin1Char('"')) {
                quoted = true;
            } else if (c == QLatin1Char(',')) {
                row.append(cell);
                cell.clear();
            } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
                if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                    ++i;
                row.append(cell);
                cell.clear();
                if (!(row.size() == 1 && row.first().isEmpty()))
                    rows.append(row);
                row.clear();
            } else {
                cell += c;
            }
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.append(cell);
            rows.append(row);
        }
        if (rows.isEmpty())
            return items;
        const QStringList header = rows.takeFirst();
        for (const QStringList &r : rows) {
            Json o = Json::object();
            for (qsizetype c = 0; c < header.size(); ++c)
                o.insert(header.at(c), r.value(c));
            items.append(o);
        }
        return items;
    }
    if (t == QLatin1String("JSONL")) {
        int line = 0;
        for (const QByteArray &l : data.split('\n')) {
            ++line;
            if (l.trimmed().isEmpty())
                continue;
            const auto r = JsonReader::parse(l);
            if (!r.ok) {
                problem(problems, pointer, QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(r.error));
                return {};
            }
            items.append(r.value);
        }
        return items;
    }
    const auto r = JsonReader::parse(data);
    if (!r.ok || !r.value.isArray()) {
        problem(problems, pointer,
                r.ok ? QStringLiteral("%1: the file must hold a JSON array").arg(path)
                     : QStringLiteral("%1:%2:%3: %4").arg(path).arg(r.errorPos.line).arg(r.errorPos.column).arg(r.error));
        return {};
    }
    return r.value.items();
}

} // namespace

double MockProfile::Duration::sample(RandomSource &r) const
{
    switch (kind) {
    case Kind::Fixed:
        return a;
    case Kind::Uniform:
        return a + (b - a) * r.uniform();
    case Kind::Normal: {
        // Box-Muller, clipped at zero.
        const double u1 = std::max(r.uniform(), 1e-12), u2 = r.uniform();
        const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
        return std::max(0.0, a + b * z);
    }
    case Kind::Exponential:
        return -a * std::log(std::max(1.0 - r.uniform(), 1e-12));
    }
    return a;
}

bool MockProfile::looksLikeProfile(const Json &root)
{
    return root.isObject() && (root.contains(u"States") || root.contains(u"Resources") || root.contains(u"Default") ||
                               root.contains(u"ItemReaders") || root.contains(u"StepwiseMockProfile"));
}

MockProfile MockProfile::parse(const Json &root, const QString &baseDir, Diagnostics *problems)
{
    MockProfile p;
    if (!root.isObject()) {
        problem(problems, QString(), QStringLiteral("a mock profile must be a JSON object"));
        return p;
    }
    static const QStringList top = {QStringLiteral("StepwiseMockProfile"), QStringLiteral("States"), QStringLiteral("Resources"),
                                    QStringLiteral("Default"), QStringLiteral("ItemReaders"), QStringLiteral("Comment")};
    for (const auto &m : root.members()) {
        if (!top.contains(m.key))
            problem(problems, jsonpointer::append(QString(), m.key), QStringLiteral("unknown field '%1' in a mock profile").arg(m.key));
    }
    for (const auto &m : root.value(u"States").members()) {
        Entry e;
        if (parseEntry(m.value, jsonpointer::append(QStringLiteral("/States"), m.key), e, problems))
            p.m_states.insert(m.key, e);
    }
    for (const auto &m : root.value(u"Resources").members()) {
        Entry e;
        if (parseEntry(m.value, jsonpointer::append(QStringLiteral("/Resources"), m.key), e, problems))
            p.m_resources.append({m.key, e});
    }
    if (root.contains(u"Default"))
        p.m_hasDefault = parseEntry(root.value(u"Default"), QStringLiteral("/Default"), p.m_default, problems);
    for (const auto &m : root.value(u"ItemReaders").members()) {
        const QString ptr = jsonpointer::append(QStringLiteral("/ItemReaders"), m.key);
        if (m.value.value(u"Items").isArray()) {
            p.m_items.insert(m.key, m.value.value(u"Items"));
        } else if (m.value.value(u"File").isString()) {
            const QString file = m.value.value(u"File").toString();
            if (QFileInfo(file).isAbsolute() || file.contains(QLatin1String(".."))) {
                problem(problems, ptr + QStringLiteral("/File"), QStringLiteral("item files must be relative paths beside the profile"));
                continue;
            }
            const QList<Json> items = readItemsFile(QDir(baseDir).filePath(file), m.value.value(u"InputType").toString(), ptr, problems);
            p.m_items.insert(m.key, Json::array(items));
        } else {
            problem(problems, ptr, QStringLiteral("an item reader needs \"Items\" (an array) or \"File\" (CSV, JSON or JSONL)"));
        }
    }
    return p;
}

const MockProfile::Entry *MockProfile::entryFor(const QString &stateName, const QString &resource) const
{
    const auto it = m_states.constFind(stateName);
    if (it != m_states.constEnd())
        return &*it;
    for (const auto &r : m_resources) {
        if (r.first == resource)
            return &r.second;
    }
    for (const auto &r : m_resources) {
        if (resource.startsWith(r.first))
            return &r.second;
    }
    return m_hasDefault ? &m_default : nullptr;
}

const Json *MockProfile::itemsFor(const QString &stateName) const
{
    const auto it = m_items.constFind(stateName);
    return it == m_items.constEnd() ? nullptr : &*it;
}

ProfileBackend::ProfileBackend(MockProfile profile, TaskBackend *fallback)
    : m_profile(std::move(profile)), m_fallback(fallback ? fallback : &m_echo)
{
}

void ProfileBackend::beginExecution()
{
    m_fallback->beginExecution();
}

TaskResponse ProfileBackend::invoke(const TaskInvocation &call)
{
    const MockProfile::Entry *e = m_profile.entryFor(call.stateName, call.resource);
    if (!e)
        return m_fallback->invoke(call);
    for (const auto &inv : e->invocations) {
        if (call.invocationIndex >= inv.first.first && call.invocationIndex <= inv.first.second) {
            e = &inv.second;
            break;
        }
    }
    RandomSource fallbackRandom(0);
    RandomSource &rnd = call.random ? *call.random : fallbackRandom;
    TaskResponse r;
    r.heartbeatInterval = e->heartbeatInterval;
    r.duration = e->duration.sample(rnd);
    if (e->pending) {
        r.kind = TaskResponse::Kind::Pending;
        return r;
    }
    const MockProfile::Outcome *o = &e->outcomes.first();
    if (e->outcomes.size() > 1) {
        double total = 0;
        for (const auto &c : e->outcomes)
            total += c.weight;
        double x = rnd.uniform() * total;
        for (const auto &c : e->outcomes) {
            if (x < c.weight) {
                o = &c;
                break;
            }
            x -= c.weight;
        }
    }
    if (o->hasDuration)
        r.duration = o->duration.sample(rnd);
    if (e->hasCallback)
        r.duration += e->callbackAfter.sample(rnd);
    if (o->isThrow) {
        r.kind = TaskResponse::Kind::Throw;
        r.error = o->error;
        r.cause = o->cause;
    } else {
        r.kind = TaskResponse::Kind::Return;
        r.result = o->hasReturn ? o->value : call.input;
    }
    return r;
}

TaskResponse ProfileBackend::readItems(const TaskInvocation &call)
{
    if (const Json *items = m_profile.itemsFor(call.stateName)) {
        TaskResponse r;
        r.result = *items;
        return r;
    }
    return m_fallback->readItems(call);
}

} // namespace sw::sim
