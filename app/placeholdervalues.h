#pragma once

#include "formats/placeholders.h"
#include "json/json.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace sw::gui {

class DocumentController;

// The values the user gives the `${Placeholder}`s of the open definition (CloudFormation
// DefinitionSubstitutions, Fn::Sub variables, Terraform templatefile() variables...), remembered
// per file in QSettings, and the definition with them substituted: what the simulation and the
// cost estimate run, so they see the machine as it will be deployed. The document itself is never
// changed. resolve() is safe to call from the GUI thread only (it reads the values map).
class PlaceholderValues : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("documentcontroller.h")
    Q_PROPERTY(sw::gui::DocumentController *document READ document WRITE setDocument NOTIFY documentChanged)
    // [{name, value, hasValue, uses: [JSON pointers], usedIn: "States/X/Resource, ..."}], in
    // document order.
    Q_PROPERTY(QVariantList placeholders READ placeholders NOTIFY placeholdersChanged)
    Q_PROPERTY(int count READ count NOTIFY placeholdersChanged)
    Q_PROPERTY(QStringList unresolved READ unresolved NOTIFY placeholdersChanged)
    // Each string that holds a placeholder, as written and as resolved: [{pointer, before, after}].
    Q_PROPERTY(QVariantList preview READ preview NOTIFY placeholdersChanged)
public:
    explicit PlaceholderValues(QObject *parent = nullptr);

    DocumentController *document() const { return m_document; }
    void setDocument(DocumentController *document);

    QVariantList placeholders() const;
    int count() const { return int(m_found.size()); }
    QStringList unresolved() const;
    QVariantList preview() const;

    // `definition` with every placeholder that has a value replaced (text inside strings; the
    // others stay as they are). The values are those of the open file.
    Json resolve(const Json &definition) const;
    formats::Resolution resolution(const Json &definition) const;
    QHash<QString, Json> values() const;

    // What the user typed for `name` (kept as text, as Fn::Sub and templatefile() insert it).
    // An empty value is a value; clearValue() forgets it.
    Q_INVOKABLE void setValue(const QString &name, const QString &value);
    Q_INVOKABLE void clearValue(const QString &name);
    Q_INVOKABLE QString value(const QString &name) const;

signals:
    void documentChanged();
    void placeholdersChanged();
    // resolve() now gives a different result (a value or the definition changed).
    void valuesChanged();

private:
    void reload();  // a new file: read its remembered values
    void renamed(); // Save As: the values follow the file
    void refresh(); // the definition changed: find its placeholders again
    void store() const;
    QString settingsKey() const;

    QPointer<DocumentController> m_document;
    QString m_path; // the file the values belong to
    QList<formats::Placeholder> m_found;
    QHash<QString, QString> m_values;
    mutable std::optional<QStringList> m_unresolved; // cached unresolved(); reset on every change
};

} // namespace sw::gui
