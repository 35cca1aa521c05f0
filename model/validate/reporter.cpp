#include "reporter.h"

namespace sw::validate {

namespace {
constexpr qsizetype kIndexThreshold = 32;
}

const JsonMember *Reporter::member(const Json &object, const QString &key) const
{
    const QList<JsonMember> &members = object.members();
    if (members.size() < kIndexThreshold) {
        for (qsizetype i = members.size() - 1; i >= 0; --i) {
            if (members.at(i).key == key) return &members.at(i);
        }
        return nullptr;
    }
    auto it = m_keyIndex.find(&members);
    if (it == m_keyIndex.end()) {
        QHash<QString, qsizetype> index;
        index.reserve(members.size());
        for (qsizetype i = 0; i < members.size(); ++i)
            index.insert(members.at(i).key, i); // the last duplicate wins, as in Json::find
        it = m_keyIndex.insert(&members, index);
    }
    const qsizetype i = it->value(key, -1);
    return i < 0 ? nullptr : &members.at(i);
}

SourcePos Reporter::positionOf(const QString &pointer) const
{
    SourcePos pos = m_doc.rootPos;
    if (pointer.isEmpty() || pointer == QLatin1String("/")) return pos;
    const Json *cur = &m_doc.root;
    for (const QString &token : jsonpointer::split(pointer)) {
        if (cur->isObject()) {
            const JsonMember *m = member(*cur, token);
            if (!m) break;
            if (m->valuePos.isValid()) pos = m->valuePos;
            cur = &m->value;
        } else if (cur->isArray()) {
            bool ok = false;
            const qsizetype i = token.toLongLong(&ok);
            if (!ok || i < 0 || i >= cur->size()) break;
            if (cur->itemPos(i).isValid()) pos = cur->itemPos(i);
            cur = &cur->items().at(i);
        } else {
            break;
        }
    }
    return pos;
}

} // namespace sw::validate
