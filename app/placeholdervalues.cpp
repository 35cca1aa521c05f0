#include "placeholdervalues.h"

#include "documentcontroller.h"
#include "json/jsonwriter.h"

#include <QSettings>
#include <QUrl>
#include <QVariantMap>

namespace sw::gui {

namespace {
const QString kSettingsGroup = QStringLiteral("placeholderValues");

QString shown(const Json &v)
{
    if (v.isUndefined()) return QString();
    return v.isString() ? v.toString() : JsonWriter::compactString(v);
}
} // namespace

PlaceholderValues::PlaceholderValues(QObject *parent) : QObject(parent) {}

void PlaceholderValues::setDocument(DocumentController *document)
{
    if (m_document == document) return;
    if (m_document) disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &DocumentController::loaded, this, &PlaceholderValues::reload);
        connect(m_document, &DocumentController::fileChanged, this, &PlaceholderValues::renamed);
        connect(m_document, &DocumentController::changed, this, &PlaceholderValues::refresh);
    }
    emit documentChanged();
    reload();
}

QString PlaceholderValues::settingsKey() const
{
    // One entry per file; '/' would make QSettings nest groups, so the path is percent-encoded.
    return kSettingsGroup + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(m_path));
}

void PlaceholderValues::renamed()
{
    // Opening a file announces the new path, then `loaded` (which reloads); Save As announces the
    // new path only: then the values move to it. Checked once the signals of this change are done.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_document || m_document->filePath() == m_path) return;
            m_path = m_document->filePath();
            store();
        },
        Qt::QueuedConnection);
}

void PlaceholderValues::reload()
{
    m_values.clear();
    m_path = m_document ? m_document->filePath() : QString();
    if (!m_path.isEmpty()) {
        const QVariantMap stored = QSettings().value(settingsKey()).toMap();
        for (auto it = stored.cbegin(); it != stored.cend(); ++it)
            m_values.insert(it.key(), it.value().toString());
    }
    refresh();
}

void PlaceholderValues::refresh()
{
    m_found = m_document ? formats::findPlaceholders(m_document->document()->root())
                         : QList<formats::Placeholder>{};
    m_unresolved.reset();
    emit placeholdersChanged();
    emit valuesChanged();
}

void PlaceholderValues::store() const
{
    if (m_path.isEmpty()) return;
    QVariantMap map;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
        map.insert(it.key(), it.value());
    QSettings settings;
    if (map.isEmpty())
        settings.remove(settingsKey());
    else
        settings.setValue(settingsKey(), map);
}

QHash<QString, Json> PlaceholderValues::values() const
{
    QHash<QString, Json> overrides;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
        overrides.insert(it.key(), Json(it.value()));
    return formats::placeholderValues(m_found, overrides);
}

formats::Resolution PlaceholderValues::resolution(const Json &definition) const
{
    return formats::resolvePlaceholders(definition, values());
}

Json PlaceholderValues::resolve(const Json &definition) const
{
    return resolution(definition).definition;
}

QVariantList PlaceholderValues::placeholders() const
{
    QVariantList out;
    for (const formats::Placeholder &p : m_found) {
        QStringList places;
        for (const QString &pointer : p.pointers)
            places.append(pointer.mid(1));
        QVariantMap row;
        row.insert(QStringLiteral("name"), p.name);
        row.insert(QStringLiteral("hasValue"), m_values.contains(p.name) || !p.value.isUndefined());
        row.insert(QStringLiteral("value"),
                   m_values.contains(p.name) ? m_values.value(p.name) : shown(p.value));
        row.insert(QStringLiteral("uses"), p.pointers);
        row.insert(QStringLiteral("usedIn"), places.join(QStringLiteral(", ")));
        out.append(row);
    }
    return out;
}

QStringList PlaceholderValues::unresolved() const
{
    // QML reads this list again on every access of an element or its length: resolving walks the
    // whole definition, so the answer is kept until the placeholders or their values change.
    if (!m_document || m_found.isEmpty()) return {};
    if (!m_unresolved) m_unresolved = resolution(m_document->document()->root()).unresolved;
    return *m_unresolved;
}

QVariantList PlaceholderValues::preview() const
{
    QVariantList out;
    if (!m_document || m_found.isEmpty()) return out;
    const Json &root = m_document->document()->root();
    const Json resolved = resolve(root);
    QStringList seen;
    for (const formats::Placeholder &p : m_found) {
        for (const QString &pointer : p.pointers) {
            if (seen.contains(pointer)) continue;
            seen.append(pointer);
            const Json before = jsonpointer::resolve(root, pointer);
            const Json after = jsonpointer::resolve(resolved, pointer);
            if (!before.isString()) continue; // the placeholder is in a member name
            QVariantMap row;
            row.insert(QStringLiteral("pointer"), pointer);
            row.insert(QStringLiteral("before"), before.toString());
            row.insert(QStringLiteral("after"), shown(after));
            out.append(row);
        }
    }
    return out;
}

void PlaceholderValues::setValue(const QString &name, const QString &value)
{
    if (m_values.contains(name) && m_values.value(name) == value) return;
    m_values.insert(name, value);
    store();
    m_unresolved.reset();
    emit placeholdersChanged();
    emit valuesChanged();
}

void PlaceholderValues::clearValue(const QString &name)
{
    if (!m_values.remove(name)) return;
    store();
    m_unresolved.reset();
    emit placeholdersChanged();
    emit valuesChanged();
}

QString PlaceholderValues::value(const QString &name) const
{
    return m_values.value(name);
}

} // namespace sw::gui
