#include "checks.h"

#include <QLocale>

#include <vector>

namespace sw::validate {

namespace {

// What 2-space indentation adds to the compact text (JsonWriter's layout: a line per item or
// member, ": " after keys). An explicit stack, as the tree may be thousands of levels deep.
qint64 indentationBytes(const Json &root)
{
    qint64 extra = 0;
    std::vector<std::pair<const Json *, qint64>> work{{&root, 0}};
    while (!work.empty()) {
        const auto [v, depth] = work.back();
        work.pop_back();
        qint64 written = 0;
        if (v->isArray()) {
            for (const Json &item : v->items()) {
                ++written;
                if (item.isArray() || item.isObject())
                    work.push_back({&item, depth + 1});
            }
        } else if (v->isObject()) {
            for (const JsonMember &m : v->members()) {
                if (m.value.isUndefined())
                    continue;
                ++written;
                ++extra; // the space after ':'
                if (m.value.isArray() || m.value.isObject())
                    work.push_back({&m.value, depth + 1});
            }
        }
        if (written > 0)
            extra += written * (2 * depth + 3) + (2 * depth + 1);
    }
    return extra;
}

} // namespace

void checkDefinitionSize(Reporter &r)
{
    const asl::AslDocument &doc = r.doc();
    const qint64 compact = doc.root.compactSize();
    const qint64 formatted =
        compact + indentationBytes(doc.root) + (doc.hasBom ? 3 : 0) + (doc.endsWithNewline ? 1 : 0);
    if (formatted <= MaxDefinitionSize)
        return;
    const QLocale c = QLocale::c();
    const QString message =
        compact > MaxDefinitionSize
            ? QStringLiteral("The definition is %1 bytes (%2 minified): AWS accepts definitions of at most %3 "
                             "characters (1 MiB); split it, for example into nested state machines")
                  .arg(c.toString(formatted), c.toString(compact), c.toString(MaxDefinitionSize))
            : QStringLiteral("The definition is %1 bytes as formatted: AWS accepts definitions of at most %3 "
                             "characters (1 MiB); deploy it minified (%2 bytes)")
                  .arg(c.toString(formatted), c.toString(compact), c.toString(MaxDefinitionSize));
    r.warning(code::DefinitionTooLarge, QStringLiteral("/"), message, doc.rootPos);
}

} // namespace sw::validate
