#pragma once

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QVariantList>

namespace sw::gui {

class DiagramController;
class DocumentController;

// File > Export: writes the open definition in any format of render::exporters() (SVG, PNG, PDF,
// DOT, Mermaid, YAML, JSON, CloudFormation, SAM, Terraform), exactly as `stepwise export` would,
// in the canvas's current theme and with the pinned positions. The definition is laid out again
// for the export (the canvas may be between layouts); placeholders stay as written.
class ExportController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("diagramcontroller.h")
    Q_MOC_INCLUDE("documentcontroller.h")
    Q_PROPERTY(sw::gui::DocumentController *document MEMBER m_document NOTIFY documentChanged)
    Q_PROPERTY(sw::gui::DiagramController *diagram MEMBER m_diagram NOTIFY diagramChanged)
    // [{name, extension, description, binary}] in the registry's order.
    Q_PROPERTY(QVariantList formats READ formats CONSTANT)
public:
    explicit ExportController(QObject *parent = nullptr);

    QVariantList formats() const;

    // Writes the export atomically. Returns "" or the error. `format` empty: from the suffix.
    Q_INVOKABLE QString exportTo(const QString &pathOrUrl, const QString &format = QString()) const;
    // A file name for the open document in `format` (NAME.EXT beside it), as a local path.
    Q_INVOKABLE QString suggestedPath(const QString &format) const;

signals:
    void documentChanged();
    void diagramChanged();

private:
    QPointer<DocumentController> m_document;
    QPointer<DiagramController> m_diagram;
};

} // namespace sw::gui
