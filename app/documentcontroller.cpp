#include "documentcontroller.h"

#include <QUrl>

namespace sw::gui {

DocumentController::DocumentController(QObject *parent) : QObject(parent)
{
    connect(&m_doc, &edit::Document::changed, this, &DocumentController::changed);
}

bool DocumentController::open(const QString &pathOrUrl)
{
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    m_error = m_doc.loadFile(path);
    emit changed();
    return m_error.isEmpty();
}

QStringList DocumentController::stateNames() const
{
    QStringList out;
    for (const asl::State *s : m_doc.machine().allStates())
        out.append(QStringLiteral("%1 (%2)").arg(s->name, s->typeName));
    return out;
}

} // namespace sw::gui
