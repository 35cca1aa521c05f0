#include "treeedit.h"

#include <QRegularExpression>

#include <algorithm>
#include <utility>

namespace sw::edit {

StateAddress splitStatePointer(QStringView pointer)
{
    const qsizetype slash = pointer.lastIndexOf(QLatin1Char('/'));
    if (slash < 0) return {};
    const QStringView head = pointer.left(slash);
    if (!head.endsWith(QLatin1String("/States"))) return {};
    const QStringList last = jsonpointer::split(pointer.mid(slash));
    if (last.size() != 1 || last.first().isEmpty()) return {};
    return {head.chopped(7).toString(), last.first()};
}

QString statesPointer(const QString &scope)
{
    return scope + QStringLiteral("/States");
}

QString statePointer(const QString &scope, const QString &name)
{
    return jsonpointer::append(statesPointer(scope), name);
}

const Json *valueAt(const Json &root, QStringView pointer)
{
    const Json *cur = &root;
    for (const QString &t : jsonpointer::split(pointer)) {
        if (cur->isObject()) {
            cur = cur->find(t);
        } else if (cur->isArray()) {
            bool ok = false;
            const qsizetype i = t.toLongLong(&ok);
            cur = ok && i >= 0 && i < cur->size() ? &cur->at(i) : nullptr;
        } else {
            cur = nullptr;
        }
        if (!cur) return nullptr;
    }
    return cur;
}

Json *mutableAt(Json &root, QStringView pointer)
{
    Json *cur = &root;
    for (const QString &t : jsonpointer::split(pointer)) {
        if (cur->isObject()) {
            cur = cur->mutableValue(t);
        } else if (cur->isArray()) {
            bool ok = false;
            const qsizetype i = t.toLongLong(&ok);
            cur = ok && i >= 0 && i < cur->size() ? cur->mutableItem(i) : nullptr;
        } else {
            cur = nullptr;
        }
        if (!cur) return nullptr;
    }
    return cur;
}

QStringList nestedMachines(const Json &state)
{
    QStringList out;
    const Json *branches = state.find(u"Branches");
    for (qsizetype i = 0; branches && branches->isArray() && i < branches->size(); ++i)
        out.append(jsonpointer::append(QStringLiteral("/Branches"), i));
    if (const Json *p = state.find(u"ItemProcessor"); p && p->isObject())
        out.append(QStringLiteral("/ItemProcessor"));
    else if (const Json *it = state.find(u"Iterator"); it && it->isObject())
        out.append(QStringLiteral("/Iterator"));
    return out;
}

namespace {

void collectNames(const Json &machine, QStringList &out)
{
    const Json *states = machine.find(u"States");
    if (!states || !states->isObject()) return;
    for (const JsonMember &m : states->members()) {
        out.append(m.key);
        for (const QString &sub : nestedMachines(m.value)) {
            if (const Json *nested = valueAt(m.value, sub)) collectNames(*nested, out);
        }
    }
}

} // namespace

QStringList nestedStateNames(const Json &state)
{
    QStringList out;
    for (const QString &sub : nestedMachines(state)) {
        if (const Json *nested = valueAt(state, sub)) collectNames(*nested, out);
    }
    return out;
}

QSet<QString> allStateNames(const Json &root)
{
    QStringList names;
    collectNames(root, names);
    return QSet<QString>(names.cbegin(), names.cend());
}

QString uniqueStateName(const QString &base, const QSet<QString> &taken)
{
    QString stem = base.trimmed().isEmpty() ? QStringLiteral("State") : base.trimmed();
    if (!taken.contains(stem) && stem.size() <= 80) return stem;
    // "Name (3)" continues as "Name (4)", not "Name (3) (2)".
    static const QRegularExpression counter(QStringLiteral("^(.*) \\((\\d+)\\)$"));
    int n = 2;
    if (const QRegularExpressionMatch m = counter.match(stem); m.hasMatch()) {
        stem = m.captured(1);
        n = std::max(2, m.captured(2).toInt() + 1);
    }
    for (;; ++n) {
        const QString suffix = QStringLiteral(" (%1)").arg(n);
        const QString candidate = stem.left(80 - suffix.size()) + suffix;
        if (!taken.contains(candidate)) return candidate;
    }
}

QList<Reference> referencesIn(const Json &machine)
{
    QList<Reference> out;
    const auto text = [](const Json *v) { return v && v->isString() ? v->toString() : QString(); };
    if (const Json *s = machine.find(u"StartAt"); s && s->isString())
        out.append({Reference::Kind::StartAt, QString(), 0, s->toString()});
    const Json *states = machine.find(u"States");
    if (!states || !states->isObject()) return out;
    for (const JsonMember &m : states->members()) {
        const Json &s = m.value;
        if (const Json *n = s.find(u"Next"); n && n->isString())
            out.append({Reference::Kind::Next, m.key, 0, n->toString()});
        const Json *choices = s.find(u"Choices");
        for (qsizetype i = 0; choices && choices->isArray() && i < choices->size(); ++i) {
            const QString t = text(choices->at(i).find(u"Next"));
            if (!t.isEmpty()) out.append({Reference::Kind::ChoiceRule, m.key, int(i), t});
        }
        if (const Json *d = s.find(u"Default"); d && d->isString())
            out.append({Reference::Kind::Default, m.key, 0, d->toString()});
        const Json *catches = s.find(u"Catch");
        for (qsizetype i = 0; catches && catches->isArray() && i < catches->size(); ++i) {
            const QString t = text(catches->at(i).find(u"Next"));
            if (!t.isEmpty()) out.append({Reference::Kind::Catch, m.key, int(i), t});
        }
    }
    return out;
}

void rewriteReferences(Json &machine, const std::function<void(Reference::Kind, QString &)> &rewrite)
{
    // Writes a target back only when the callback changed it, so states without a changed
    // transition are never detached (they stay shared with the previous version of the tree).
    const auto apply = [&](Json &holder, QStringView key, Reference::Kind kind) {
        const Json *v = holder.find(key);
        if (!v || !v->isString()) return false;
        QString target = v->toString();
        rewrite(kind, target);
        if (target == v->toString()) return false;
        holder.insert(key.toString(), Json(target));
        return true;
    };
    apply(machine, u"StartAt", Reference::Kind::StartAt);
    const Json *states = machine.find(u"States");
    if (!states || !states->isObject()) return;
    const QStringList names = states->keys();
    for (qsizetype si = 0; si < names.size(); ++si) {
        Json copy = machine.find(u"States")->members().at(si).value;
        bool changed = apply(copy, u"Next", Reference::Kind::Next);
        changed = apply(copy, u"Default", Reference::Kind::Default) || changed;
        for (const auto &[key, kind] : {std::pair{QStringLiteral("Choices"), Reference::Kind::ChoiceRule},
                                        std::pair{QStringLiteral("Catch"), Reference::Kind::Catch}}) {
            const Json *list = copy.find(key);
            if (!list || !list->isArray()) continue;
            for (qsizetype i = 0; i < list->size(); ++i) {
                Json row = copy.find(key)->at(i);
                if (!row.isObject() || !apply(row, u"Next", kind)) continue;
                copy.mutableValue(key)->replaceItem(i, row);
                changed = true;
            }
        }
        if (changed) machine.mutableValue(u"States")->insert(names.at(si), copy);
    }
}

bool pointerIsUnder(QStringView pointer, QStringView prefix)
{
    return pointer == prefix || (pointer.startsWith(prefix) && pointer.size() > prefix.size() &&
                                 pointer.at(prefix.size()) == QLatin1Char('/'));
}

} // namespace sw::edit
